"""Ruled-grid geometry of PDF pieces: where each column's left edge sits, whether the next
page's grid is the first page's shifted by whole columns (`grid_offset`), and placing a
piece cut into other columns back under the first piece's (`regrid_piece`). Apart because
it reads cell boxes, not text, and both grouping and joining use it."""

from __future__ import annotations

from pipeline.model import Cell, RawTable, Row
from pipeline.reconstruct.rows import row_place

GRID_TOLERANCE = 4.0  # points; one ruled grid re-drawn on the next page lands within this


def column_edges(piece: RawTable) -> list[float] | None:
    """Left edge of each column of a PDF piece (None for text pieces, which carry no boxes)."""
    edges = []
    for c in range(piece.n_cols):
        xs = _lefts_in(piece, c)
        if not xs:
            return None
        edges.append(min(xs))
    return edges or None


def _lefts_in(piece: RawTable, c: int, printed: bool = False) -> list[float]:
    """The left edges of column c's cells that have a box (only printed ones if asked)."""
    return [r[c].bbox[0] for r in piece.rows
            if c < len(r) and r[c].bbox and (r[c].text.strip() or not printed)]


def grid_offset(first: RawTable, piece: RawTable) -> int | None:
    """How many leading columns of `first` a piece lacks when its ruled columns sit exactly
    under `first`'s (a landscape form's next page, whose merged first column is empty and was
    dropped); None when the grids differ. Geometry, not content: the next page of such a form
    can open with rows that carry no figure and look like a header."""
    a, b = column_edges(first), column_edges(piece)
    if not a or not b or len(b) < 3 or len(b) > len(a):
        return None
    return next((offset for offset in range(len(a) - len(b) + 1) if _lines_up(a, b, offset)),
                None)


def _lines_up(a: list[float], b: list[float], offset: int) -> bool:
    """Every edge of b within the tolerance of a's edge ``offset`` columns further right."""
    return all(abs(a[offset + i] - x) <= GRID_TOLERANCE for i, x in enumerate(b))


def column_lefts(piece: RawTable) -> list[float] | None:
    """Typical left edge of each column of a PDF piece: the median over its printed cells,
    so a spanning title or a legend line under the table does not move a column."""
    lefts = []
    for c in range(piece.n_cols):
        xs = sorted(_lefts_in(piece, c, printed=True))
        if not xs:
            return None
        lefts.append(xs[len(xs) // 2])
    return lefts if lefts == sorted(lefts) else None


def regrid_piece(first: RawTable, piece: RawTable, rows: list[Row]) -> list[Row] | None:
    """A continued PDF piece cut into another number of columns than the first (the next
    page's ruling adds a hairline, so an empty column appears between two printed ones, or
    drops an empty code column) puts every cell after the difference one column off its
    header. Its cells are placed again under the first piece's columns by where they print;
    None when the grids agree, when a piece merely lacks leading columns (grid_offset), or
    when any printed cell cannot be placed alone (no box, or two cells in one column)."""
    if first.style != "pdf" or piece.style != "pdf" or piece.n_cols == first.n_cols:
        return None
    if grid_offset(first, piece) is not None:
        return None
    lefts = column_lefts(first)
    if not lefts:
        return None
    placed = []
    for row in rows:
        new = _regrid_row(row, lefts)
        if new is None:
            return None
        placed.append(new)
    return placed


def _regrid_row(row: Row, lefts: list[float]) -> Row | None:
    """The row's printed cells placed under the columns their centres fall in; None when
    a cell has no box or two cells fall in one column."""
    line, page = row_place(row)
    out = [Cell(text="", line=line, page=page) for _ in lefts]
    for cell in row:
        if not cell.text.strip():
            continue
        col = _column_under(cell, lefts)
        if col is None or out[col].text:
            return None
        out[col] = cell
    return out


def _column_under(cell: Cell, lefts: list[float]) -> int | None:
    """The last column whose left edge is left of the cell's centre (within the grid's
    tolerance); None for a cell without a box."""
    if cell.bbox is None:
        return None
    centre = (cell.bbox[0] + cell.bbox[2]) / 2
    return max([i for i, x in enumerate(lefts) if x <= centre + GRID_TOLERANCE], default=0)
