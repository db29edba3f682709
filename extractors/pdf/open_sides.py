"""Tables printed without some of their borders: close them where the evidence says.

A common Word and spreadsheet style draws every row ruling across the whole table but no
left or right border, so the first and last columns ('No', 'Target 2016') have rulings above
and below but no side. pdfplumber's cell finder needs four edges per cell and drops those
columns with their text. The evidence that a side is open is geometric: most of the table's
row rulings run on past its outermost column ruling to a common end, and text sits between
that ruling and those ends. The same holds across: column rulings that run on above the
first row ruling (a row continued from the previous page, a header whose top was never
ruled). The table is closed by a line at the rulings' end, passed to pdfplumber as an
explicit line (its own `TableSettings` mechanism).

A header row painted as a band of shading with no ruling under it ends where the band ends:
where shading across the whole table stops and no ruling is drawn, a row boundary is added
(`shading_row_lines`). The thresholds are settings (`[pdf] open_side_overhang`,
`shading_band_cover`).
"""

from __future__ import annotations

from statistics import median

from extractors.pdf.content import Box
from pipeline.settings import current

ROW_SNAP = 2.0  # points: edges this close in y are one row ruling
CHAIN_GAP = 3.0  # points: segments of one ruling broken at each column ruling


def _overhang() -> float:
    return current().pdf.open_side_overhang


def _band_cover() -> float:
    return current().pdf.shading_band_cover


def _chains(segments: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Collinear segments joined where they touch: one ruling drawn cell by cell."""
    chains: list[list[float]] = []
    for x0, x1 in sorted(segments):
        if chains and x0 <= chains[-1][1] + CHAIN_GAP:
            chains[-1][1] = max(chains[-1][1], x1)
        else:
            chains.append([x0, x1])
    return [(a, b) for a, b in chains]


def _segments_by_position(edges: list[dict], axis: int, low: float, high: float
                          ) -> dict[int, list[tuple[float, float]]]:
    """The edges along `axis` (0: horizontal, by height; 1: vertical, by x) whose position
    lies in [low, high], grouped by position (within ROW_SNAP) as (start, end) segments."""
    lo, hi = ("x0", "x1") if axis == 0 else ("top", "bottom")
    at = "top" if axis == 0 else "x0"
    lines: dict[int, list[tuple[float, float]]] = {}
    for e in edges:
        if low <= e[at] <= high:
            lines.setdefault(round(e[at] / ROW_SNAP), []).append((e[lo], e[hi]))
    return lines


def _rulings(edges: list[dict], box: Box, axis: int) -> list[tuple[float, float]]:
    """(start, end) of each ruling of the table along `axis` (0: row rulings, x extents;
    1: column rulings, y extents): the joined edges at each position within its box that
    cross its middle."""
    span = (box[1], box[3]) if axis == 0 else (box[0], box[2])
    lines = _segments_by_position(edges, axis, span[0] - ROW_SNAP, span[1] + ROW_SNAP)
    overhang = _overhang()
    inner = (box[axis] + overhang, box[axis + 2] - overhang)
    rulings = []
    for segments in lines.values():
        rulings += [c for c in _chains(segments) if c[0] <= inner[1] and c[1] >= inner[0]]
    return rulings


def _common_end(ends: list[float], n_reaching: int) -> float | None:
    """Where the rulings that reach a side end beyond it, when at least two and at least
    half of them run on."""
    if len(ends) < 2 or 2 * len(ends) < n_reaching:
        return None
    return median(ends)


def _has_text(chars: list[dict], band: Box) -> bool:
    return any(band[0] <= (c["x0"] + c["x1"]) / 2 <= band[2]
               and band[1] <= (c["top"] + c["bottom"]) / 2 <= band[3] for c in chars)


def _ends(rulings: list[tuple[float, float]], low: float, high: float
          ) -> tuple[float | None, float | None]:
    """Where the rulings run on past the table's low and high side, if they do."""
    overhang = _overhang()
    at_low = [a for a, _ in rulings if a <= low + overhang]
    at_high = [b for _, b in rulings if b >= high - overhang]
    return (_common_end([a for a in at_low if a < low - overhang], len(at_low)),
            _common_end([b for b in at_high if b > high + overhang], len(at_high)))


def _line(box: Box) -> dict:
    return {"object_type": "line", "x0": box[0], "x1": box[2], "top": box[1],
            "bottom": box[3], "width": box[2] - box[0], "height": box[3] - box[1]}


def open_side_lines(page, boxes: list[Box]) -> tuple[list[dict], list[dict]]:
    """Vertical and horizontal lines that close each table whose rulings run past its
    sides (row rulings past its left or right) or its top or bottom (column rulings)."""
    vertical, horizontal = [], []
    for box in boxes:
        left, right = _ends(_rulings(page.horizontal_edges, box, 0), box[0], box[2])
        top, bottom = _ends(_rulings(page.vertical_edges, box, 1), box[1], box[3])
        x0, x1 = left or box[0], right or box[2]
        for x, band in ((left, (left, box[1], box[0], box[3])),
                        (right, (box[2], box[1], right, box[3]))):
            if x is not None and _has_text(page.chars, band):
                vertical.append(_line((x, box[1], x, box[3])))
        for y, band in ((top, (x0, top, x1, box[1])), (bottom, (x0, box[3], x1, bottom))):
            if y is not None and _has_text(page.chars, band):
                horizontal.append(_line((x0, y, x1, y)))
    return vertical, horizontal


EDGE_SNAP = 1.0  # points: shading pieces whose edges are this close end at one height


def _covered(spans: list[tuple[float, float]], lo: float, hi: float) -> float:
    """The length of [lo, hi] the spans cover together."""
    total, reach = 0.0, lo
    for a, b in sorted((max(a, lo), min(b, hi)) for a, b in spans):
        if b > reach:
            total += b - max(a, reach)
            reach = b
    return total


def _shaded(rects: list[dict], y: float, box: Box) -> float:
    """The share of the table's width shaded at height y."""
    spans = [(r["x0"], r["x1"]) for r in rects if r["top"] <= y <= r["bottom"]]
    return _covered(spans, box[0], box[2]) / (box[2] - box[0])


def _band_edges(rects: list[dict], box: Box, this: str) -> list[float]:
    """Heights where shading across the table stops: a `this` edge ('bottom' or 'top') of
    shading with the table's width shaded on its inner side and unshaded on its outer."""
    inward = -EDGE_SNAP if this == "bottom" else EDGE_SNAP
    overhang, cover = _overhang(), _band_cover()
    edges = []
    for y in sorted({round(r[this], 1) for r in rects}):
        if (box[1] + overhang < y < box[3] - overhang
                and _shaded(rects, y + inward, box) >= cover
                and _shaded(rects, y - inward, box) <= 1 - cover):
            edges.append(y)
    return edges


def shading_row_lines(page, shading: list[dict], boxes: list[Box]) -> list[dict]:
    """Row rulings drawn by shading alone: where a band of shading across the whole table
    (a header row painted without borders) ends and no ruling is drawn, a row ends, as the
    eye reads it. `page` is the page of rulings the tables were found on."""
    lines = []
    for box in boxes:
        rects = [r for r in shading if r["x0"] < box[2] and r["x1"] > box[0]
                 and r["top"] >= box[1] - EDGE_SNAP and r["bottom"] <= box[3] + EDGE_SNAP]
        ruled = _ruling_heights(page.horizontal_edges, box)
        overhang = _overhang()
        for y in _band_edges(rects, box, "bottom") + _band_edges(rects, box, "top"):
            if all(abs(y - r) > overhang for r in ruled):
                lines.append(_line((box[0], y, box[2], y)))
    return lines


def _ruling_heights(edges: list[dict], box: Box) -> list[float]:
    """Heights of the row rulings that run across at least half the table (the end of a
    column ruling is a horizontal edge too, a short one)."""
    rows = _segments_by_position(edges, 0, box[1] - _overhang(), box[3] + _overhang())
    half = (box[2] - box[0]) / 2
    return [key * ROW_SNAP for key, segments in rows.items()
            if _covered(_chains(segments), box[0], box[2]) >= half]
