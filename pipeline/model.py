"""The data that flows between stages.

Extractors produce `Document`s holding `RawTable`s; reconstruction turns them into
`LogicalTable`s; curation turns those into plain dict records that match the DuckDB
contract in `schemas/`. Every cell keeps where it came from, because an auditor must be able
to walk from any curated figure back to the printed text.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Cell:
    """One printed cell: its text and its place in the source file."""

    text: str
    line: int | None = None  # 1-based line in a text report
    page: int | None = None  # 1-based page in a PDF / Word rendering
    bbox: tuple[float, float, float, float] | None = None
    filled: bool = False  # copied down from a merged cell above, not printed here

    def copy_with(self, text: str) -> Cell:
        return Cell(text=text, line=self.line, page=self.page, bbox=self.bbox)


Row = list[Cell]


@dataclass
class RawTable:
    """A table piece exactly as one page (or one block of lines) printed it.

    `header_rows` is the extractor's own claim (markdown's `|---|`, a Word table's repeated
    header flag); reconstruction may overrule it, because a continuation piece after a page
    break often has its first *data* row above the separator.
    """

    rows: list[Row]
    style: str  # "tsv" | "markdown" | "pdf" | "docx"
    line_start: int | None = None
    line_end: int | None = None
    page_start: int | None = None
    page_end: int | None = None
    header_rows: int | None = None
    preceding_text: list[tuple[int, str]] = field(default_factory=list)  # (line/page, text)

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.rows), default=0)


@dataclass
class LogicalTable:
    """One table as the report meant it: pieces joined, header flattened, spans filled."""

    index: int  # order of appearance in the document, 0-based
    label: str | None  # "Tabel 3.4", "Tabel T-C.29"; None when the body prints no caption
    caption: str | None  # the caption's title text
    header_rows: list[list[str]]  # the printed header rows (after span filling)
    columns: list[str]  # one flattened name per column ("2021 Realisasi")
    rows: list[Row]  # data rows only, each padded to len(columns)
    line_start: int | None = None
    line_end: int | None = None
    page_start: int | None = None
    page_end: int | None = None
    pieces: int = 1
    notes: list[str] = field(default_factory=list)
    kind: str = "other"
    header_cells: list[Row] = field(default_factory=list)  # the header rows as printed
    set_aside: list[Row] = field(default_factory=list)  # repeated headers, column numbers, joined tails

    @property
    def n_cols(self) -> int:
        return len(self.columns)


@dataclass
class Document:
    """What an extractor knows about one input file."""

    path: str
    format: str  # "text" | "markdown" | "pdf" | "docx"
    lines: list[str]  # the document's text, one entry per line (1-based = index + 1)
    raw_tables: list[RawTable]
    n_pages: int | None = None
    warnings: list[str] = field(default_factory=list)
    line_pages: list[int] | None = None  # page of each line, for paged formats


@dataclass
class DocumentResult:
    """Everything one document contributes to the database: its `documents` row and the
    rows of each curated table. The unit a worker returns and the store writes whole."""

    document: dict
    tables: dict[str, list[dict]] = field(default_factory=dict)  # table name → rows
    line_pages: list[int] | None = None  # page of each text line (paged formats; not stored)

    def count(self, table: str) -> int:
        return len(self.tables.get(table, []))
