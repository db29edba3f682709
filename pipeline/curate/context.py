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


def copied_from(rows: list[Row], row_no: int, own: list[Cell], index_of: list[int]) -> int | None:
    """The row (1-based, like `row_no`) a record copies when nothing of its own is printed
    on its row: every non-empty cell in `own` (the record's label and figures, at columns
    `index_of`) was forward-filled from a merged cell above. Such a record repeats a figure
    printed once ('IKM 78 poin' merged across nine kegiatan rows), and counting it again
    would over-weight that figure; None when any of its cells is printed here."""
    printed = [(cell, col) for cell, col in zip(own, index_of, strict=True) if cell.text.strip()]
    if not printed or not all(cell.filled for cell, _ in printed):
        return None
    column = printed[0][1]
    for above in range(row_no - 2, -1, -1):
        cell = cell_at(rows[above], column)
        if cell.text.strip() and not cell.filled:
            return above + 1
    return None
