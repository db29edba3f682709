"""What curation of one table needs to know beyond the table itself."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.model import Cell, LogicalTable, Row
from pipeline.normalise.numbers import (
    Convention,
    ParsedNumber,
    Role,
    detect_convention,
    parse_number,
)


@dataclass
class TableContext:
    doc_id: str
    table_id: str
    fiscal_year: int | None
    table: LogicalTable
    convention: Convention = None
    renstra_start: int | None = None
    renstra_end: int | None = None
    notes: list[str] = field(default_factory=list)

    def column_year(self, year: int | None, period: int | None) -> int | None:
        """A 'Tahun-n' column is the n-th year after the Renstra's first year."""
        if year is None and period is not None and self.renstra_start:
            return self.renstra_start + period
        return year


def numeric_texts(table: LogicalTable) -> list[str]:
    return [c.text for r in table.rows for c in r if c.text and any(ch.isdigit() for ch in c.text)]


def make_context(
    doc_id: str, table_id: str, fiscal_year: int | None, table: LogicalTable,
    renstra_start: int | None = None,
    renstra_end: int | None = None,
    document_convention: Convention = None,
) -> TableContext:
    """The table's own number convention decides ambiguous figures; a table with no
    unambiguous figure of its own falls back on the document's dominant convention."""
    convention = detect_convention(numeric_texts(table)) or document_convention
    return TableContext(
        doc_id, table_id, fiscal_year, table, convention, renstra_start, renstra_end
    )


def row_line(row: Row) -> int | None:
    """The line a row was printed on: the first cell that was not filled from above."""
    lines = [c.line for c in row if c.line is not None and c.text.strip()]
    if not lines:
        lines = [c.line for c in row if c.line is not None]
    return max(set(lines), key=lines.count) if lines else None


def row_page(row: Row) -> int | None:
    pages = [c.page for c in row if c.page is not None]
    return min(pages) if pages else None


def clean_label(text: str) -> str:
    """Collapse whitespace and markdown emphasis in a name cell."""
    return re.sub(r"\s+", " ", re.sub(r"[*_]{2,}", "", text)).strip()


def read_number(ctx: TableContext, cell: Cell, role: Role = None) -> ParsedNumber:
    return parse_number(cell.text, role=role, convention=ctx.convention)


def cell_at(row: Row, index: int | None) -> Cell:
    if index is None or index >= len(row):
        return Cell(text="")
    return row[index]
