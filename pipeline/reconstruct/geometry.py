"""Ruled-grid geometry of PDF pieces: where each column's left edge sits, whether the next
page's grid is the first page's shifted by whole columns (`grid_offset`), and placing a
piece cut into other columns back under the first piece's (`regrid_piece`). Apart because
it reads cell boxes, not text, and both grouping and joining use it."""

from __future__ import annotations

from pipeline.model import Cell, RawTable, Row

GRID_TOLERANCE = 4.0  # points; one ruled grid re-drawn on the next page lands within this


def column_edges(piece: RawTable) -> list[float] | None:
    """Left edge of each column of a PDF piece (None for text pieces, which carry no boxes)."""
    edges = []
    for c in range(piece.n_cols):
        xs = [r[c].bbox[0] for r in piece.rows if c < len(r) and r[c].bbox]
        if not xs:
            return None
        edges.append(min(xs))
    return edges or None


def grid_offset(first: RawTable, piece: RawTable) -> int | None:
    """How many leading columns of `first` a piece lacks when its ruled columns sit exactly
    under `first`'s (a landscape form's next page, whose merged first column is empty and was
    dropped); None when the grids differ. Geometry, not content: the next page of such a form
    can open with rows that carry no figure and look like a header."""
    a, b = column_edges(first), column_edges(piece)
    if not a or not b or len(b) < 3 or len(b) > len(a):
        return None
    for offset in range(len(a) - len(b) + 1):
        if all(abs(a[offset + i] - x) <= GRID_TOLERANCE for i, x in enumerate(b)):
            return offset
    return None


def column_lefts(piece: RawTable) -> list[float] | None:
    """Typical left edge of each column of a PDF piece: the median over its printed cells,
    so a spanning title or a legend line under the table does not move a column."""
    lefts = []
    for c in range(piece.n_cols):
        xs = sorted(r[c].bbox[0] for r in piece.rows
                    if c < len(r) and r[c].bbox and r[c].text.strip())
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
    line = next((c.line for c in row if c.line is not None), None)
    page = next((c.page for c in row if c.page is not None), None)
    out = [Cell(text="", line=line, page=page) for _ in lefts]
    for cell in row:
        if not cell.text.strip():
            continue
        if cell.bbox is None:
            return None
        centre = (cell.bbox[0] + cell.bbox[2]) / 2
        col = max([i for i, x in enumerate(lefts) if x <= centre + GRID_TOLERANCE], default=0)
        if out[col].text:
            return None
        out[col] = cell
    return out
