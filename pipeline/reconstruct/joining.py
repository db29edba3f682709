"""Step: joining split tables. The data rows of every piece of one table in order: each later
piece's repeated header set aside, its cells shifted or re-gridded under the first piece's
columns, and a cell broken at the page foot joined to the row it finishes. The stream
extractor uses the broken-cell rule too."""

from __future__ import annotations

import re

from pipeline.model import Cell, RawTable, Row
from pipeline.reconstruct.geometry import grid_offset, regrid_piece
from pipeline.reconstruct.headers import Split
from pipeline.reconstruct.rows import (
    is_column_number_row,
    is_unit_row,
    looks_numeric,
    nonempty,
    row_place,
    rows_match,
)
from pipeline.vocab import is_section_head

# A figure cell printed as a bulleted list, every line a dash, a space and a figure.
BULLETED_FIGURES = re.compile(r"(?:[-–•]\s+\d[\d.,]*\s*%?\s*)+")


def _continues_a_list(text: str, above: str) -> bool:
    """A bulleted figure list under a bulleted figure list: the next lines of one cell."""
    return bool(BULLETED_FIGURES.fullmatch(text.strip()) and BULLETED_FIGURES.fullmatch(above.strip()))


def is_continuation_row(row: Row, previous: Row) -> bool:
    """The tail of a cell broken at a page foot: only text, only under text of the row above.
    A row whose figure cells carry on bulleted lists of the row above ('- 100%' under
    '- 100%') is the rest of that row however many of its cells it finishes: a new row
    starts its own figures, it does not add lines to the list above."""
    texts = nonempty(row)
    lists = _list_continuations(row, previous)
    if not texts or _too_full(texts, previous, lists):
        return False
    return all(_finishes_cell_above(cell.text.strip(), c, previous)
               for c, cell in enumerate(row) if cell.text.strip() and c not in lists)


def _list_continuations(row: Row, previous: Row) -> set[int]:
    """The columns where the row carries on a bulleted figure list of the row above."""
    return {c for c, cell in enumerate(row[: len(previous)])
            if cell.text.strip() and _continues_a_list(cell.text, previous[c].text)}


def _too_full(texts: list[str], previous: Row, lists: set[int]) -> bool:
    """More cells than half the row above prints, none of them list continuations: a row
    of its own."""
    return len(texts) > max(1, len(nonempty(previous)) // 2) and not lists


def _finishes_cell_above(t: str, c: int, previous: Row) -> bool:
    """Text (no figure, no section head) under a worded cell of the row above that it does
    not merely repeat (a value every row repeats, 'DINKES', makes a row of its own)."""
    if looks_numeric(t) or is_section_head(t):
        return False
    if c >= len(previous) or not previous[c].text.strip() or looks_numeric(previous[c].text):
        return False
    return t != previous[c].text.strip()


def join_rows(previous: Row, tail: Row) -> None:
    """Each printed cell of the tail finishes the cell above it (in place)."""
    for c, cell in enumerate(tail):
        t = cell.text.strip()
        if t and c < len(previous):
            previous[c] = _joined_cell(previous[c], cell, t)


def _joined_cell(head: Cell, cell: Cell, t: str) -> Cell:
    """The head cell with the tail's text after it (a hyphenated word joined without a
    space); on one page the joined cell's box covers both its lines."""
    joiner = "" if head.text.endswith("-") else " "
    joined = head.copy_with(head.text.rstrip() + joiner + t)
    if head.bbox and cell.bbox and head.page == cell.page:
        a, b = head.bbox, cell.bbox
        joined.bbox = (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))
    return joined


def _strip_repeated_header(piece: RawTable, first_split: Split) -> tuple[list[Row], list[Row]]:
    """A later piece's rows without the repeated header rows, column-number and unit rows and empty
    rows it opens with (returned apart, to be set aside)."""
    rows = list(piece.rows)
    removed: list[Row] = []
    for _ in range(len(first_split.header) + len(first_split.dropped) + 2):
        if not rows or not _repeats_header(rows[0], first_split):
            break
        removed.append(rows.pop(0))
    return rows, removed


def _repeats_header(head: Row, first_split: Split) -> bool:
    """A column-number row, a unit row, a row of the first piece's header, or an empty row."""
    return is_column_number_row(head) or is_unit_row(head) \
        or any(rows_match(head, h) for h in first_split.header) or not nonempty(head)


def join_pieces(group: list[RawTable], split: Split, set_aside: list[Row],
                notes: list[str]) -> list[Row]:
    """The data rows of every piece, the first piece's after its header; what each later
    piece repeats or breaks is set aside and noted (`_continuation_rows`)."""
    body: list[Row] = list(split.body)
    width = max([len(r) for r in split.header] + [len(r) for r in split.body] + [1])
    for piece in group[1:]:
        body.extend(_continuation_rows(piece, group[0], split, width, body, set_aside, notes))
    return body


def _continuation_rows(piece: RawTable, first: RawTable, split: Split, width: int,
                       body: list[Row], set_aside: list[Row], notes: list[str]) -> list[Row]:
    """A later piece's data rows: its repeated header dropped, its rows shifted right when
    it lost leading merged columns, and its first row joined to the last row of `body`
    when it continues a cell broken across the page break."""
    rows, removed = _strip_repeated_header(piece, split)
    set_aside += removed
    if removed:
        notes.append(f"dropped {len(removed)} repeated header rows at line/page {_where(piece)}")
    regridded = regrid_piece(first, piece, rows)
    if regridded is not None:
        rows = regridded
        notes.append(f"piece at {_where(piece)} cut into other columns than the first; "
                     "its cells placed under the first piece's columns by position")
    missing = _missing_leading_columns(piece, rows, width, first)
    if missing:
        rows = [_left_pad(r, missing) for r in rows]
        notes.append(
            f"piece at {_where(piece)} restarts without its first {missing} merged "
            "column(s); shifted right under the header"
        )
    return _join_broken_cell(rows, body, set_aside, notes, _where(piece))


def _join_broken_cell(rows: list[Row], body: list[Row], set_aside: list[Row], notes: list[str],
                      where: str) -> list[Row]:
    """The piece's rows, its first joined to the last row of ``body`` (and set aside) when
    it finishes a cell broken at the page break."""
    if rows and body and is_continuation_row(rows[0], body[-1]):
        join_rows(body[-1], rows[0])
        notes.append(f"joined a cell broken across a page break at {where}")
        set_aside.append(rows[0])
        return rows[1:]
    return rows


def _missing_leading_columns(piece: RawTable, rows: list[Row], width: int,
                             first: RawTable | None = None) -> int:
    """A pipe table continued on a new page sometimes drops the leading merged column
    (the programme), so every cell sits one column to the left of its header. Pipe rows
    print every cell, so a uniformly narrower piece says exactly how many columns are gone;
    a PDF piece says it by where its ruled columns sit."""
    if piece.style == "pdf" and first is not None and rows:
        return grid_offset(first, piece) or 0
    if piece.style != "markdown" or not rows:
        return 0
    return _uniform_shortfall(rows, width)


def _uniform_shortfall(rows: list[Row], width: int) -> int:
    """How many (one or two) columns short of ``width`` every row is; 0 when rows differ."""
    widths = {len(r) for r in rows}
    if len(widths) != 1:
        return 0
    (w,) = widths
    return width - w if 0 < width - w <= 2 else 0


def _left_pad(row: Row, n: int) -> Row:
    line, page = row_place(row)
    return [Cell(text="", line=line, page=page) for _ in range(n)] + row


def _where(piece: RawTable) -> str:
    return str(piece.line_start if piece.line_start is not None else piece.page_start)
