"""The shape every extractor hands to reconstruction: text lines with tables placed among them.

Reconstruction decides whether two table pieces are one table from what is printed between
them (a caption, a paragraph, or only page furniture), so each extractor must place its
tables in the same line sequence as the document's text. `LineLayout` does that once for
the PDF and Word extractors; the text extractor's lines are the file's own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.model import Cell, RawTable

PRECEDING_LINES = 8  # enough for a caption printed over three lines plus a blank or two


def preceding_text(lines: list[str], end: int, floor: int,
                   limit: int = PRECEDING_LINES) -> list[tuple[int, str]]:
    """Up to `limit` non-blank lines in [floor, end) (0-based), as (1-based number, text):
    the text above a table, not reaching back into the previous table."""
    found = [(i + 1, lines[i].strip()) for i in range(max(floor, end - 4 * limit), end)
             if lines[i].strip()]
    return found[-limit:]


@dataclass
class LineLayout:
    lines: list[str] = field(default_factory=list)
    line_pages: list[int] = field(default_factory=list)
    tables: list[RawTable] = field(default_factory=list)
    floor: int = 0  # first line after the last table

    def add_line(self, text: str, page: int | None = None) -> None:
        self.lines.append(text)
        self.line_pages.append(page or 0)

    def add_table(self, rows: list[list[Cell]], style: str, page: int | None = None,
                  header_rows: int | None = None) -> RawTable:
        """Place a table after the lines so far; its rows take line numbers too, so the
        text after it sorts after it and every cell has a place in the sequence."""
        start = len(self.lines) + 1
        table = RawTable(
            rows=rows, style=style, line_start=start, line_end=start + len(rows) - 1,
            page_start=page, page_end=page, header_rows=header_rows,
            preceding_text=preceding_text(self.lines, len(self.lines), self.floor),
        )
        for row in rows:
            self.add_line(" | ".join(c.text for c in row), page)
        self.tables.append(table)
        self.floor = len(self.lines)
        return table
