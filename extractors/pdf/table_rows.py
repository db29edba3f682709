"""A found table's rows: its grid filled with words, a row continued from the previous page
(no top ruling) taken from the text lines just above, unruled blocks split, columns compacted.
"""

from __future__ import annotations

from extractors.pdf.compact import compact_plan
from extractors.pdf.ruled import Bounds, Slot, _fill, _grid
from extractors.pdf.unruled_rows import _split_unruled
from extractors.pdf.words import _box, _center, _inside, _join, _union
from pipeline.model import Cell
from pipeline.settings import current


def _open_top(table, rulings: list[dict]) -> float | None:
    """Where a row continued from the previous page begins: its column rulings run up
    past the table's top ruling (Word draws a split row's sides, not its missing top).
    None when fewer than two rulings do so — text above is then a caption or a paragraph."""
    x0, top, x1, _ = table.bbox
    tops = [e["top"] for e in rulings
            if e["orientation"] == "v" and x0 - 2 <= e["x0"] <= x1 + 2
            and e["top"] < top - current().pdf.line_tolerance and e["bottom"] >= top - 1]
    return min(tops) if len(tops) >= 2 else None


def _continued_row(table, free: list[dict], rulings: list[dict], cols: Bounds) -> list[Slot] | None:
    """The words between a table's top ruling and the open top of its column rulings: a
    row continued from the previous page, whose top ruling Word did not redraw."""
    region_top = _open_top(table, rulings)
    if region_top is None:
        return None
    x0, top, x1, _ = table.bbox
    words = [w for w in free if _inside(_center(w), (x0, region_top - 1, x1, top))]
    if not words:
        return None
    row = [Slot(None) for _ in cols]
    for w in words:
        cx = _center(w)[0]
        c = next((i for i, (a, b) in enumerate(cols) if a <= cx <= b), len(cols) - 1)
        row[c].words.append(w)
    for s in row:
        s.box = _union([_box(w) for w in s.words])
    return row


def _table_rows(table, words: list[dict], free: list[dict], rulings: list[dict],
                number: int) -> tuple[list[list[Cell]], list[dict]]:
    """The table's cells (compacted) and the free words it claimed as a continued row."""
    grid, rows, cols = _grid(table)
    _fill(grid, rows, cols, words)
    grid = [part for row in grid for part in _split_unruled(row)]
    claimed: list[dict] = []
    head = _continued_row(table, free, rulings, cols)
    if head:
        grid.insert(0, head)
        claimed = [w for s in head for w in s.words]
    texts = [[_join(s.words) for s in row] for row in grid]
    plan = compact_plan(texts, [b - a for a, b in cols])
    return [_compact_row(row, plan, number) for row in grid], claimed


def _compact_row(row: list[Slot], plan: list[list[int]], number: int) -> list[Cell]:
    """One cell per printed column of the plan: its slots' words joined, its box the union
    of the slots holding words (of all, when the cell is empty)."""
    cells = []
    for group in plan:
        slots = [row[c] for c in group]
        text = " ".join(t for t in (_join(s.words) for s in slots) if t)
        box = _union([s.box for s in slots if s.box and (s.words or not text)])
        cells.append(Cell(text=text, page=number, bbox=box))
    return cells
