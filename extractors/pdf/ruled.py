"""Ruled tables: pdfplumber's table finder on strokes and hairline fills (cell shading is not a
ruling), and each word put into the grid slot under it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extractors.pdf.content import Box
from extractors.pdf.open_sides import open_side_lines, shading_row_lines
from extractors.pdf.words import _area, _box, _center, _inside, _union
from pipeline.settings import current


def _is_shading(obj: dict) -> bool:
    """A filled, unstroked rectangle thicker than a hairline: cell shading, not a border."""
    return (obj.get("object_type") == "rect" and not obj.get("stroke")
            and min(obj["width"], obj["height"]) >= current().pdf.hairline)


def _is_ruling_or_text(obj: dict) -> bool:
    return not _is_shading(obj)


@dataclass
class Slot:
    """One grid position: its box (None when a merged cell above or left covers it) and
    the words whose centre falls in it."""

    box: Box | None
    words: list[dict] = field(default_factory=list)


Bounds = list[tuple[float, float]]


def _column_bounds(table) -> Bounds:
    """(x0, x1) of each grid column: from its left edge to the next column's (a merged
    cell reaches further than its first column, so its right edge says nothing)."""
    n = max(len(r.cells) for r in table.rows)
    lefts = [min((r.cells[c][0] for r in table.rows if c < len(r.cells) and r.cells[c]),
                 default=table.bbox[0]) for c in range(n)]
    return [(x0, lefts[i + 1] if i + 1 < n else table.bbox[2]) for i, x0 in enumerate(lefts)]


def _row_bounds(table) -> Bounds:
    """(top, bottom) of each grid row: from its top edge to the next row's."""
    tops = [min(c[1] for c in row.cells if c) for row in table.rows]
    return [(t, tops[i + 1] if i + 1 < len(tops) else table.bbox[3]) for i, t in enumerate(tops)]


def _grid(table) -> tuple[list[list[Slot]], Bounds, Bounds]:
    """The cell finder's grid as empty slots, with its row and column bounds."""
    grid = [[Slot(tuple(c) if c else None) for c in row.cells] for row in table.rows]
    return grid, _row_bounds(table), _column_bounds(table)


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _wider(a: Box, b: Box, by: float = 3.0) -> bool:
    """Whether box a reaches past box b's left or right side."""
    return a[0] < b[0] - by or a[2] > b[2] + by


class FoundTable:
    """A table pdfplumber found, with its box and rows computed once.

    pdfplumber's `Table.bbox` and `Table.rows` are properties rebuilt from all the cells on
    every access, and placing words asks for the box once per word and table (44,000 boxes
    on one 148-page report); the helpers below read these two attributes only."""

    __slots__ = ("bbox", "rows")

    def __init__(self, table) -> None:
        self.bbox: Box = tuple(table.bbox)
        self.rows = table.rows


def _found(tables) -> list[FoundTable]:
    return sorted((FoundTable(t) for t in tables), key=lambda t: t.bbox[1])


Sides = tuple[list[dict], list[dict]]  # extra vertical and horizontal lines


def _find(page, sides: Sides = ([], [])) -> list:
    """pdfplumber's tables of the page, with extra lines closing open-sided tables."""
    settings = current().pdf.table_settings()
    if sides[0] or sides[1]:
        settings = {**settings, "explicit_vertical_lines": sides[0],
                    "explicit_horizontal_lines": sides[1]}
    return page.find_tables(settings)


def _closed(page) -> tuple[list, Sides]:
    """The page's tables, found again with their open sides closed where the evidence says
    a side is open (`open_sides`); and the lines used."""
    tables = _find(page)
    sides = open_side_lines(page, [tuple(t.bbox) for t in tables]) if tables else ([], [])
    return (_find(page, sides) if sides[0] or sides[1] else tables), sides


def find_tables(page, ruled_page=None) -> list[FoundTable]:
    """Ruled tables of the page, found without cell shading unless shading is their border.

    Word paints a shaded (or white) cell one rectangle per paragraph line, whose edges split
    a printed row into several grid rows ('Sasaran' / 'No.' / 'Strategis') and wrap each
    cell's text in a little "table" of its own; so tables are found on the rulings alone.
    But where a table's side border is drawn only by its shading (an HTML rendering whose
    last column has no rule), shading reaches past the ruled table's side: the table is
    then found again with the shading, and the wider one is kept. A table printed without
    side borders is closed where its rulings end, and a header row bounded by a band of
    shading alone ends where the band ends (`open_sides`). `ruled_page`, the page without
    shading, is passed by a caller that needs it too (filtering costs a pass over every
    object of the page)."""
    shading = [r for r in page.rects if _is_shading(r)]
    if not shading:
        return _found(_closed(page)[0])
    if ruled_page is None:
        ruled_page = page.filter(_is_ruling_or_text)
    ruled_tables, sides = _closed(ruled_page)
    bands = shading_row_lines(ruled_page, shading, [tuple(t.bbox) for t in ruled_tables])
    if bands:
        sides = (sides[0], sides[1] + bands)
        ruled_tables = _find(ruled_page, sides)
    ruled = _found(ruled_tables)
    boxes = [_box(r) for r in shading]

    def overhangs(t: FoundTable) -> bool:
        return any(_overlap(b, t.bbox) and _wider(b, t.bbox) for b in boxes)

    if not any(overhangs(t) for t in ruled):
        return ruled
    plain = [FoundTable(t) for t in _find(page, sides)]  # pdfplumber's order: ties
    chosen = []
    for table in ruled:
        wider = [p for p in plain if _overlap(p.bbox, table.bbox) and _wider(p.bbox, table.bbox)]
        chosen.append(max(wider, key=lambda p: _area(p.bbox)) if wider else table)
    return sorted(chosen, key=lambda t: t.bbox[1])


BAND = 24.0  # points: the height of the horizontal bands _SlotIndex files cells under


class _SlotIndex:
    """The grid's cells filed by horizontal band, smallest first, so a word is tested only
    against the cells of its band: testing every word against every cell of the page was
    ~6 % of a text PDF's CPU. Same answer as scanning all cells in area order, since a cell
    holding a point spans the band the point is in."""

    def __init__(self, slots: list[Slot]) -> None:
        self.slots = slots  # area order, fixed at the start as the full scan had it
        self.rebuild()

    def rebuild(self) -> None:
        """File every cell again (after a cell's box was widened to take a word)."""
        self.bands: dict[int, list[Slot]] = {}
        for slot in self.slots:
            for band in range(int(slot.box[1] // BAND), int(slot.box[3] // BAND) + 1):
                self.bands.setdefault(band, []).append(slot)

    def holding(self, point: tuple[float, float]) -> Slot | None:
        """The smallest cell holding the point."""
        candidates = self.bands.get(int(point[1] // BAND), ())
        return next((s for s in candidates if _inside(point, s.box)), None)


def _fill(grid: list[list[Slot]], rows: Bounds, cols: Bounds, words: list[dict]) -> None:
    """Each word into the smallest cell holding its centre; a word in no cell (a header
    whose right border was never drawn) into the grid position under it."""
    index = _SlotIndex(sorted((s for row in grid for s in row if s.box),
                              key=lambda s: _area(s.box)))
    for w in words:
        slot = index.holding(_center(w))
        if slot is None:
            slot = _slot_under(grid, rows, cols, w)
            if slot is not None:
                index.rebuild()  # its box grew (a covered position stays out, as before)
        if slot is not None:
            slot.words.append(w)


def _slot_under(grid: list[list[Slot]], rows: Bounds, cols: Bounds, w: dict) -> Slot | None:
    """The grid position under a word no cell holds (a header whose right border was never
    drawn), its box widened to take the word; None outside the grid's rows or columns."""
    x, y = _center(w)
    r = next((i for i, (a, b) in enumerate(rows) if a <= y <= b), None)
    c = next((i for i, (a, b) in enumerate(cols) if a <= x <= b), None)
    if r is None or c is None:
        return None
    slot = grid[r][c]
    slot.box = _union([b for b in (slot.box, _box(w)) if b])
    return slot
