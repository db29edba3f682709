"""PDF reports: words and tables per page, page furniture removed — ruled tables found by
their rulings (pdfplumber), unruled ones read by camelot's stream flavor, chosen per table.

**Ruled tables: rulings via pdfplumber.** Agencies print their reports from Word, so nearly
every table on the real files is ruled, and the rulings are the one structure Word exports
faithfully. pdfplumber gives the rulings *and* every word with its box from one parse of the
page, which is what placing tables among the page's text lines needs anyway. camelot's
lattice flavor would find the same rulings by re-rendering each page through
Ghostscript/OpenCV (seconds per page on a 70-page report, against a fraction of that here),
so it is not used.

**Unruled tables: camelot stream, per table.** A table printed with no rulings at all leaves
pdfplumber nothing to find; its rows come out as text lines. Among the lines left outside
the ruled tables, extractors/stream.py looks for the unmistakable sign of one — ≥ 3 lines
in a row each printing ≥ 2 figures set apart by wide gaps, standing in the same columns —
and only for such a block (with its 1–3 header lines) asks camelot's stream flavor for the
grid, on the block's area alone. Stream is kept to those blocks because run on whole pages
it, like pdfplumber's "text" strategy, finds "tables" in any justified paragraph; a page
without such a block costs one pass over its lines, and camelot is not even imported. The
block's lines leave the prose and its grid joins the page's tables at the block's top, so
captions, layout and reconstruction treat it as any ruled table. A block camelot cannot read
(an error, no table, text other than the block's) stays text. What the raw ruled grids get
wrong is fixed here:

* **Cell shading is not a ruling.** Word and Nitro paint a shaded or white cell as filled
  rectangles, one per paragraph line; their edges split one printed header row into three
  grid rows ('Sasaran' / 'No.' / 'Strategis'). Tables are found on strokes and hairline
  fills (the way Word draws a border) — unless shading reaches past a table's side, where
  it is the only border drawn (`find_tables`).
* **Ruling fragments make sliver columns.** Rows drawn with slightly different borders give
  narrow empty grid columns, and one printed column split over two grid columns that never
  both hold text. `compact` drops and merges those — only narrow ones when the column
  widths are known, because a wide empty column is a printed one (a quarter with no figures
  yet), and a continued table must keep its width to be joined to its first page.
* **Rows without rulings.** Some agencies rule the columns but not the rows, so one grid row
  holds a whole block of printed rows (a whole page of Disnakertrans' budget table). Counting
  lines is not enough to split it: a blank realisasi, a code printed only on some rows and
  names wrapped over one to five lines give every column its own line count, and cells are
  vertically centred (or top-aligned), so a row's name starts above or runs on below its
  figures. So `_split_unruled` anchors the printed rows on the figure column printing most
  lines (ANGGARAN), puts every other figure line (codes, realisasi, %) on an anchor in order,
  one per row, and takes the vertical extent of each row's figures as its band; a wrapped
  text cell (one run of lines at line pitch) goes whole to the band it overlaps, and a run
  spanning two bands is cut where the bands and its own alignment say. camelot's stream
  mode is not used for it: the words and their boxes are already in hand, so the split
  costs no second parse of the page, and every cell keeps its page and box.
* **A row continued from the previous page** has no top ruling: Word does not redraw it.
  Text lines just above a table that fall into two or more of its columns are its first row.

Text outside the tables becomes `Document.lines`, in reading order, and each table is placed
among those lines (`line_start`/`line_end`, see extractors/layout.py), with the lines above
it as `preceding_text` — so captions reach reconstruction as they do from a text conversion.
Running headers and footers (a line in the top or bottom band of the page whose text, digits
aside, recurs on many pages) and bare page numbers are dropped, so the text between two
pieces of a table split by a page break is empty and reconstruction joins them.

Every cell carries its page (1-based) and its box `(x0, top, x1, bottom)` in PDF points from
the page's top-left corner; `line` stays None. Pages are closed as soon as they are read, so
memory stays flat on long reports: only the words and grids of each page are kept.

Pages without a text layer (scans) are read by OCR when Tesseract is installed
(extractors/ocr.py: rulings give the cell grid, Tesseract the words), so their text and ruled
tables join the same line sequence. A document with scanned pages is `partial`, with a
warning naming the pages, because OCR figures deserve a second look; without Tesseract the
warning names the skipped pages and says how to install it.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from extractors.layout import LineLayout
from extractors.stream import unruled_tables
from pipeline.model import Cell, Document
from pipeline.settings import DEFAULT_LIMITS, Limits

TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines",
                  "snap_tolerance": 3, "join_tolerance": 3, "intersection_tolerance": 5}
MIN_ROWS, MIN_COLS = 2, 2
LINE_TOLERANCE = 3  # points: words whose tops differ less are one line
HAIRLINE = 2.0  # points: a filled rectangle thinner than this is a drawn ruling
SLIVER = 10.0  # points: a grid column narrower than this is a ruling fragment, not a column
BAND = 0.12  # share of the page height at the top and at the bottom where furniture sits
FURNITURE_SHARE = 0.3  # a band line on this share of the pages is a running header/footer
FURNITURE_MIN_PAGES = 3
OCR_RESOLUTION = 200
PARAGRAPH_PITCH = 1.5  # line heights: lines of one cell text are closer than this, top to top
OVERLAP = 0.5  # points: a line overlapping a row band by more belongs to that row

Box = tuple[float, float, float, float]


class PdfError(Exception):
    """Raised with a message naming the file."""


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


# --- column compaction -----------------------------------------------------------------

HEADER_ZONE_MAX = 6  # header rows at most: title, sub-title, column numbers, K / Rp
FIGURE = re.compile(r"\d[.,]\d|\d\s*%|\d{3,}")
YEAR = re.compile(r"(?:19|20)\d\d")


def _header_zone(rows: list[list[str]]) -> int:
    """Rows above the first row that prints a figure ('45%', '13,215,743'): the rows that
    can name columns. Years and column numbers are header words, not figures."""
    for i, row in enumerate(rows[:HEADER_ZONE_MAX]):
        if any(FIGURE.search(YEAR.sub("", c)) for c in row if "=" not in c):  # not a formula header
            return i
    return min(len(rows), HEADER_ZONE_MAX)


def compact_plan(grid: list[list[str]], widths: list[float] | None = None) -> list[list[int]]:
    """Which grid columns make each printed column (lists of grid column indices).

    Drop columns no row uses; merge adjacent columns that never both hold text — unless
    both are named in the header rows, which makes them two printed columns that merely
    have no row with both filled ('Proyeksi 2025' beside an empty 'Catatan'). With `widths`
    known, only sliver columns are merged, and a wide empty column between used ones is kept:
    a continued table must keep its width to be joined to its first page.
    """
    if not grid:
        return []
    width = max(len(r) for r in grid)
    rows = [r + [""] * (width - len(r)) for r in grid]
    narrow = [widths is None or widths[c] < SLIVER for c in range(width)]
    groups = _kept_columns(rows, narrow)
    zone = _header_zone(rows)
    while len(groups) > 1:
        i = next((i for i in range(len(groups) - 1)
                  if _mergeable(groups[i], groups[i + 1], rows[:zone], rows,
                                narrow if widths is not None else None)), None)
        if i is None:
            break
        groups[i:i + 2] = [groups[i] + groups[i + 1]]
    return groups


def _kept_columns(rows: list[list[str]], narrow: list[bool]) -> list[list[int]]:
    """One group per column some row uses, or per wide empty column between used ones (a
    quarter not reported yet); a wide one at the table's edge is the slack of a table drawn
    wider than its text, and goes."""
    width = len(narrow)
    used = [c for c in range(width) if any(r[c].strip() for r in rows)]
    return [[c] for c in range(width)
            if c in used or (not narrow[c] and used and used[0] < c < used[-1])]


def _group_text(row: list[str], group: list[int]) -> str:
    return " ".join(row[c] for c in group if row[c].strip())


def _mergeable(a: list[int], b: list[int], header: list[list[str]], rows: list[list[str]],
               narrow: list[bool] | None) -> bool:
    """Two neighbouring column groups are one printed column: no row fills both, and the
    header rows do not name both. With widths known (`narrow`), one must be slivers."""
    if narrow is not None and not (all(narrow[c] for c in a) or all(narrow[c] for c in b)):
        return False
    if all(any(re.search(r"[^\W\d_]", _group_text(r, g)) for r in header) for g in (a, b)):
        return False
    return not any(_group_text(r, a) and _group_text(r, b) for r in rows)


def compact(grid: list[list[str]], widths: list[float] | None = None) -> list[list[str]]:
    """The grid with sliver columns dropped and split columns merged (see `compact_plan`)."""
    plan = compact_plan(grid, widths)
    rows = [r + [""] * (max(len(x) for x in grid) - len(r)) for r in grid]
    return [[" ".join(r[c] for c in g if r[c]) for g in plan] for r in rows]


# --- page reading ----------------------------------------------------------------------


@dataclass
class TextLine:
    top: float
    bottom: float
    text: str


@dataclass
class PageTable:
    top: float
    rows: list[list[Cell]]


@dataclass
class PageContent:
    """What is kept of one page once it is closed: its text lines and table grids."""

    number: int
    height: float
    lines: list[TextLine] = field(default_factory=list)
    tables: list[PageTable] = field(default_factory=list)
    scanned: bool = False


def _is_shading(obj: dict) -> bool:
    """A filled, unstroked rectangle thicker than a hairline: cell shading, not a border."""
    return (obj.get("object_type") == "rect" and not obj.get("stroke")
            and min(obj["width"], obj["height"]) >= HAIRLINE)


def _is_ruling_or_text(obj: dict) -> bool:
    return not _is_shading(obj)


def _center(word: dict) -> tuple[float, float]:
    return (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2


def _inside(point: tuple[float, float], box: Box) -> bool:
    x, y = point
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _box(word: dict) -> Box:
    return (word["x0"], word["top"], word["x1"], word["bottom"])


def _area(box: Box) -> float:
    return (box[2] - box[0]) * (box[3] - box[1])


def _union(boxes: list[Box]) -> Box | None:
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


def _group_lines(words: list[dict]) -> list[list[dict]]:
    """Words grouped into text lines (tops within LINE_TOLERANCE), top to bottom."""
    lines: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if lines and abs(lines[-1][0]["top"] - w["top"]) <= LINE_TOLERANCE:
            lines[-1].append(w)
        else:
            lines.append([w])
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]


SPACED_FIGURE = re.compile(r"\d(?: \d)+ ?[.,] ?\d(?: ?\d)*")


def _unspace(line: str) -> str:
    """A figure set with character spacing comes as one word per glyph ('9 9 . 24'); with a
    decimal part it can only be one number (column numbers '1 2 3' have none)."""
    return line.replace(" ", "") if SPACED_FIGURE.fullmatch(line) else line


def _join(words: list[dict]) -> str:
    return " ".join(_unspace(" ".join(w["text"] for w in line)) for line in _group_lines(words))


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


def find_tables(page, ruled_page=None) -> list[FoundTable]:
    """Ruled tables of the page, found without cell shading unless shading is their border.

    Word paints a shaded (or white) cell one rectangle per paragraph line, whose edges split
    a printed row into several grid rows ('Sasaran' / 'No.' / 'Strategis') and wrap each
    cell's text in a little "table" of its own; so tables are found on the rulings alone.
    But where a table's side border is drawn only by its shading (an HTML rendering whose
    last column has no rule), shading reaches past the ruled table's side: the table is
    then found again with the shading, and the wider one is kept. `ruled_page`, the page
    without shading, is passed by a caller that needs it too (filtering costs a pass over
    every object of the page)."""
    shading = [r for r in page.rects if _is_shading(r)]
    if not shading:
        return _found(page.find_tables(TABLE_SETTINGS))
    if ruled_page is None:
        ruled_page = page.filter(_is_ruling_or_text)
    ruled = _found(ruled_page.find_tables(TABLE_SETTINGS))
    boxes = [_box(r) for r in shading]

    def overhangs(t: FoundTable) -> bool:
        return any(_overlap(b, t.bbox) and (b[0] < t.bbox[0] - 3 or b[2] > t.bbox[2] + 3)
                   for b in boxes)

    if not any(overhangs(t) for t in ruled):
        return ruled
    plain = [FoundTable(t) for t in page.find_tables(TABLE_SETTINGS)]  # pdfplumber's order: ties
    chosen = []
    for table in ruled:
        wider = [p for p in plain if _overlap(p.bbox, table.bbox)
                 and (p.bbox[0] < table.bbox[0] - 3 or p.bbox[2] > table.bbox[2] + 3)]
        chosen.append(max(wider, key=lambda p: _area(p.bbox)) if wider else table)
    return sorted(chosen, key=lambda t: t.bbox[1])


def _fill(grid: list[list[Slot]], rows: Bounds, cols: Bounds, words: list[dict]) -> None:
    """Each word into the smallest cell holding its centre; a word in no cell (a header
    whose right border was never drawn) into the grid position under it."""
    slots = sorted((s for row in grid for s in row if s.box), key=lambda s: _area(s.box))
    for w in words:
        point = _center(w)
        slot = next((s for s in slots if _inside(point, s.box)), None) or _slot_under(
            grid, rows, cols, w)
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


def _is_figure(text: str) -> bool:
    return bool(re.fullmatch(r"[-–(]?[\d.,]+%?\)?|-", text.strip()))


Span = tuple[float, float]


def _span(line: list[dict]) -> Span:
    return min(w["top"] for w in line), max(w["bottom"] for w in line)


def _figure_lines(slot: Slot) -> list[list[dict]] | None:
    """The slot's text lines when every one is a figure ('360,032,000', '99.14', '29.01')."""
    lines = _group_lines(slot.words)
    if lines and all(_is_figure(" ".join(w["text"] for w in ln)) for ln in lines):
        return lines
    return None


BRACKETED = re.compile(r"\(\s*-?[\d.,]+\s*%?\s*\)")


def _fold_brackets(figures: dict[int, list[list[dict]]]) -> dict[int, list[list[dict]]]:
    """A bracketed figure printed alone under a figure ('86' over '(101%)', '2.165' over
    '(105,60)': the capaian printed under the realisasi) is part of that figure's cell, not
    a row of its own, when no other figure column prints a line level with it. A negative
    amount '(1.234)' of its own row has its row's other figures beside it."""
    def level(c: int, line: list[dict]) -> bool:
        return any(_gap(_span(line), _span(o)) < -OVERLAP
                   for d, lines in figures.items() if d != c for o in lines)

    out = {}
    for c, lines in figures.items():
        kept: list[list[dict]] = []
        for ln in lines:
            text = " ".join(w["text"] for w in ln)
            if kept and BRACKETED.fullmatch(text.strip()) and not level(c, ln):
                kept[-1] = kept[-1] + ln
            else:
                kept.append(ln)
        out[c] = kept
    return out


def _gap(span: Span, band: Span) -> float:
    """Vertical distance between a line and a band; negative when they overlap (by that much)."""
    return max(band[0] - span[1], span[0] - band[1])


def _paragraphs(lines: list[list[dict]]) -> list[list[list[dict]]]:
    """A column's lines in runs printed at line pitch: one wrapped cell text each (or, when
    two rows sit a line pitch apart, two — `_split_unruled` separates them by their bands)."""
    runs: list[list[list[dict]]] = []
    for ln in lines:
        if runs:
            top, bottom = _span(runs[-1][-1])
            if _span(ln)[0] - top <= PARAGRAPH_PITCH * (bottom - top):
                runs[-1].append(ln)
                continue
        runs.append([ln])
    return runs


def _row_of_run(run: list[list[dict]], bands: list[Span]) -> list[int]:
    """The printed row of each line of a run, by the row bands its lines overlap. A run
    overlapping one band is that row's cell, lines outside the band included (a name wrapped
    below a top-aligned row, or above figures printed on a row's last line); a run touching
    no band goes to the nearest. A run overlapping several (rows a line pitch apart) is cut
    between them: a line between two bands continues the cell above when the run itself
    runs on below its last band (top-aligned cells), the cell below when it starts above its
    first band (bottom-aligned), else the nearer."""
    gaps = [[_gap(_span(ln), band) for band in bands] for ln in run]
    nearest = [min(range(len(bands)), key=lambda k, g=g: (g[k], k)) for g in gaps]
    hit = [k if g[k] < -OVERLAP else None for g, k in zip(gaps, nearest, strict=True)]
    rows = sorted({k for k in hit if k is not None})
    if not rows:
        rows = [min(range(len(bands)), key=lambda k: min(g[k] for g in gaps))]
    if len(rows) == 1:
        return rows * len(run)
    return _cut_run(hit, gaps)


def _cut_run(hit: list[int | None], gaps: list[list[float]]) -> list[int]:
    """The row of each line of a run whose lines overlap (`hit`) several bands: a line
    before the first overlap or after the last goes with it; a line between two goes up
    when the run runs on below its last band (top-aligned cells), down when it starts above
    its first (bottom-aligned), else to the nearer band."""
    first = next(i for i, k in enumerate(hit) if k is not None)
    last = max(i for i, k in enumerate(hit) if k is not None)
    down, up = first == 0 and last < len(hit) - 1, first > 0 and last == len(hit) - 1
    out: list[int] = []
    for i, k in enumerate(hit):
        if k is None and first < i < last:
            below = next(k for k in hit[i:] if k is not None)
            k = out[-1] if down else below if up else min(
                (out[-1], below), key=lambda k, g=gaps[i]: g[k])
        out.append(k if k is not None else _outer(hit, i, first, last))
    return out


def _outer(hit: list[int | None], i: int, first: int, last: int) -> int:
    """The row of a line outside a run's overlaps: the first overlap's above, the last's below."""
    k = hit[first] if i < first else hit[last]
    assert k is not None
    return k


def _match(points: list[float], anchors: list[float]) -> list[int]:
    """The anchor of each point: in order, no two points on one anchor (a figure column
    prints one line per row), with the least total distance. A top-aligned code sits about
    as near the row above's figures as its own; only the order tells them apart. More
    points than anchors: each to the nearest."""
    n, m = len(points), len(anchors)
    if n > m:
        return [min(range(m), key=lambda k: abs(anchors[k] - p)) for p in points]
    inf = float("inf")
    # cost[i][j]: the first i points on anchors before j; the i-th on anchor j - 1 when taken
    cost = [[0.0] * (m + 1)] + [[inf] * (m + 1) for _ in range(n)]
    took = [[False] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        for j in range(i, m + 1):
            take = cost[i - 1][j - 1] + abs(points[i - 1] - anchors[j - 1])
            cost[i][j], took[i][j] = min((cost[i][j - 1], False), (take, True))
    out, j = [], m
    for i in range(n, 0, -1):
        while not took[i][j]:
            j -= 1
        out.append(j - 1)
        j -= 1
    return out[::-1]


def _split_unruled(row: list[Slot]) -> list[list[Slot]]:
    """One grid row holding several printed rows (columns ruled, rows not), when ≥ 2 figure
    columns print ≥ 2 lines: split it into the rows of its anchor column, the figure column
    printing most lines each level with text in another column (a stray figure between rows
    is no row); failing one, the first whose line count another figure column repeats.
    Every figure line goes to an anchor (`_match`); those lines make each row's band; each
    other column's lines go by paragraph to the band they overlap (`_row_of_run`)."""
    figures = _fold_brackets({c: lines for c, slot in enumerate(row) if (lines := _figure_lines(slot))})
    multi = {c: lines for c, lines in figures.items() if len(lines) >= 2}
    if len(multi) < 2:
        return [row]
    anchor = _anchor_column(row, multi)
    if anchor is None:
        return [row]
    bands, line_row = _figure_bands(figures, multi[anchor])
    for c, slot in enumerate(row):
        if c not in figures:
            line_row.update(_text_rows(slot, bands))
    return _rows_of_lines(row, len(bands), line_row)


def _anchor_column(row: list[Slot], multi: dict[int, list[list[dict]]]) -> int | None:
    """The figure column whose lines make the printed rows: of those printing every line
    level with text in another column, the one with most lines (a stray figure between rows
    is no row); else the first whose line count another column repeats; else None."""
    spans = {c: [_span(ln) for ln in _group_lines(slot.words)] for c, slot in enumerate(row)}

    def level(c: int) -> bool:
        return all(any(_gap(s, t) < -OVERLAP for d in spans if d != c for t in spans[d])
                   for s in spans[c])

    if level_with := [c for c in multi if level(c)]:
        return max(level_with, key=lambda c: len(multi[c]))
    n, agree = Counter(len(lines) for lines in multi.values()).most_common(1)[0]
    if agree < 2:
        return None
    return next(c for c, lines in multi.items() if len(lines) == n)


def _figure_bands(figures: dict[int, list[list[dict]]],
                  anchor_lines: list[list[dict]]) -> tuple[list[Span], dict[int, int]]:
    """Each printed row's band (the anchor's line, widened by the figure lines `_match`
    puts on it) and the row of every figure word, by id."""
    middles = [sum(_span(ln)) / 2 for ln in anchor_lines]
    line_row: dict[int, int] = {}  # id(word) -> printed row
    bands: list[Span] = [_span(ln) for ln in anchor_lines]
    for lines in figures.values():
        for ln, k in zip(lines, _match([sum(_span(ln)) / 2 for ln in lines], middles), strict=True):
            top, bottom = _span(ln)
            bands[k] = (min(bands[k][0], top), max(bands[k][1], bottom))
            line_row.update((id(w), k) for w in ln)
    return bands, line_row


def _text_rows(slot: Slot, bands: list[Span]) -> dict[int, int]:
    """The printed row of each word of a text column, by id: its lines go by paragraph to
    the bands they overlap (`_row_of_run`), so a wrapped name stays whole."""
    out: dict[int, int] = {}
    for run in _paragraphs(_group_lines(slot.words)):
        for ln, k in zip(run, _row_of_run(run, bands), strict=True):
            out.update((id(w), k) for w in ln)
    return out


def _rows_of_lines(row: list[Slot], n_rows: int, line_row: dict[int, int]) -> list[list[Slot]]:
    """The grid row cut into `n_rows` rows, each word where `line_row` puts it; a part's box
    is its words' union (the first part keeps the slot's box when it has no words)."""
    out = [[Slot(None) for _ in row] for _ in range(n_rows)]
    for c, slot in enumerate(row):
        for w in slot.words:
            out[line_row[id(w)]][c].words.append(w)
        for k, part in enumerate(out):
            part[c].box = _union([_box(w) for w in part[c].words]) or (slot.box if k == 0 else None)
    return out


def _open_top(table, rulings: list[dict]) -> float | None:
    """Where a row continued from the previous page begins: its column rulings run up
    past the table's top ruling (Word draws a split row's sides, not its missing top).
    None when fewer than two rulings do so — text above is then a caption or a paragraph."""
    x0, top, x1, _ = table.bbox
    tops = [e["top"] for e in rulings
            if e["orientation"] == "v" and x0 - 2 <= e["x0"] <= x1 + 2
            and e["top"] < top - LINE_TOLERANCE and e["bottom"] >= top - 1]
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


def _text_lines(lines: list[list[dict]]) -> list[TextLine]:
    return [TextLine(top=min(w["top"] for w in ln), bottom=max(w["bottom"] for w in ln),
                     text=" ".join(w["text"] for w in ln)) for ln in lines]


def _overprinted(chars: list[dict]) -> bool:
    """A glyph printed again over itself, as a fake-bold run is: two chars of the page with
    one text at (nearly) one place. (A set of all keys at once: the early-exit loop cost
    more than the rest of the page logic, since most pages have no such glyph.)"""
    keys = [(c["text"], round(c["x0"]), round(c["top"])) for c in chars
            if not c["text"].isspace()]
    return len(set(keys)) < len(keys)


def read_text_page(page, number: int, path: str | Path | None = None) -> PageContent:
    """Text lines and tables of a page with a text layer: ruled tables by their rulings,
    then — given the file's `path`, which camelot reads — unruled ones (extractors/stream.py)
    among the lines left over."""
    content = PageContent(number=number, height=float(page.height))
    # Fake bold: Word exports a bold-faked run as each glyph printed two or three times over
    # itself ('MMAASSYYAARRAAKKAATT'); one copy of each is the text.
    if _overprinted(page.chars):
        page = page.dedupe_chars()  # costs as much as the rest of the page: only when needed
    words = page.extract_words(keep_blank_chars=False)
    found, free = _read_ruled(page, words, content)
    lines = _group_lines(free)
    if path is not None:
        lines = _read_unruled(path, content, lines, [(t.bbox[1], t.bbox[3]) for t in found])
    content.lines = _text_lines(lines)
    content.tables.sort(key=lambda t: t.top)
    return content


def _read_ruled(page, words: list[dict], content: PageContent) -> tuple[list, list[dict]]:
    """The page's ruled tables of ≥ MIN_ROWS rows and MIN_COLS columns, added to `content`;
    returns every table found (each bars unruled blocks) and the words left free: outside
    them, and not claimed as a row continued from the page before."""
    shaded = any(_is_shading(r) for r in page.rects)
    ruled_page = page.filter(_is_ruling_or_text) if shaded else page  # same edges unshaded
    found = find_tables(page, ruled_page)
    rulings = ruled_page.edges if found else []
    free = [w for w in words if not any(_inside(_center(w), t.bbox) for t in found)]
    for table in found:
        cell_words = [w for w in words if _inside(_center(w), table.bbox)]
        rows, claimed = _table_rows(table, cell_words, free, rulings, content.number)
        if not _big_enough(rows):
            continue
        ids = {id(w) for w in claimed}
        free = [w for w in free if id(w) not in ids]
        top = min([table.bbox[1]] + [w["top"] for w in claimed])
        content.tables.append(PageTable(top=top, rows=rows))
    return found, free


def _big_enough(rows: list[list[Cell]]) -> bool:
    """A ruled grid of ≥ MIN_ROWS rows and MIN_COLS columns is a table; a smaller ruled
    box (a framed line) stays text."""
    return len(rows) >= MIN_ROWS and max((len(r) for r in rows), default=0) >= MIN_COLS


def _read_unruled(path: str | Path, content: PageContent, lines: list[list[dict]],
                  barriers: list[tuple[float, float]]) -> list[list[dict]]:
    """The unruled tables among the free lines, added to `content` (extractors/stream.py);
    returns the lines no table took."""
    for table in unruled_tables(path, content.number, content.height, lines, barriers):
        content.tables.append(PageTable(top=table.top, rows=table.rows))
        lines = [ln if i not in table.lines else [] for i, ln in enumerate(lines)]
    return [ln for ln in lines if ln]


@cache
def tesseract_available() -> bool:
    """Tesseract with its Indonesian data on PATH (asked once per process)."""
    if not shutil.which("tesseract"):
        return False
    langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True).stdout
    return "ind" in langs.split()


def read_scanned_page(page, number: int) -> PageContent:
    """Text lines and ruled tables of a scanned page, by OCR (extractors/ocr.py)."""
    from extractors.ocr import read_page

    content = PageContent(number=number, height=float(page.height), scanned=True)
    scale = 72 / OCR_RESOLUTION  # image pixels → points
    for top, kind, obj in read_page(page.to_image(resolution=OCR_RESOLUTION).original):
        if kind == "line":
            content.lines.append(TextLine(top=top * scale, bottom=top * scale, text=obj))
        else:
            rows = [[Cell(text=t, page=number) for t in r] for r in obj]
            content.tables.append(PageTable(top=top * scale, rows=rows))
    return content


# --- running headers, footers and page numbers -------------------------------------------

PAGE_NUMBER = re.compile(
    r"(?:hal(?:aman)?\.?\s*[-:]?\s*)?[-–—(]?\s*(?:\d{1,4}|[ivxlcdm]{1,7})\s*[-–—)]?", re.I)


def _in_band(line: TextLine, height: float) -> bool:
    return line.top < BAND * height or line.bottom > (1 - BAND) * height


def _key(text: str) -> str:
    """A band line's identity across pages: page numbers and years vary, the words do not."""
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def furniture_keys(pages: list[PageContent]) -> set[str]:
    """Keys of band lines printed on many pages: running headers and footers."""
    seen: Counter[str] = Counter()
    for page in pages:
        seen.update({_key(ln.text) for ln in page.lines if _in_band(ln, page.height)})
    floor = max(FURNITURE_MIN_PAGES, FURNITURE_SHARE * len(pages))
    return {k for k, n in seen.items() if n >= floor}


def is_furniture(line: TextLine, height: float, keys: set[str]) -> bool:
    if not _in_band(line, height):
        return False
    return _key(line.text) in keys or bool(PAGE_NUMBER.fullmatch(line.text.strip()))


# --- the document ----------------------------------------------------------------------


def _open(path: Path):
    """The PDF in pdfplumber, its pages parsed by the run's `page_source` setting."""
    try:
        from extractors.page_source import open_pdf
        from pipeline.settings import current

        return open_pdf(str(path), current().page_source)
    except Exception as err:  # noqa: BLE001 — any unreadable file is reported by name
        raise PdfError(_unreadable(path, err)) from err


def _causes(err: BaseException) -> list[BaseException]:
    """The error and what it wraps: pdfplumber hides pdfminer's error in its `args`."""
    chain = [err, *[a for a in err.args if isinstance(a, BaseException)]]
    if err.__cause__ is not None:
        chain.append(err.__cause__)
    return chain


def _is_encrypted(err: BaseException) -> bool:
    """pdfminer's password and encryption errors, however pdfplumber wraps them."""
    names = " ".join(type(e).__name__ for e in _causes(err))
    return "Password" in names or "Encrypt" in names or "encrypt" in str(err).lower()


def _unreadable(path: Path, err: BaseException) -> str:
    """Why pdfminer could not open the file, in words: its encryption errors carry no text."""
    name = type(err).__name__
    if _is_encrypted(err):
        return (f"{path}: password-protected (encrypted) PDF; kinerja cannot read it — save a "
                "copy without the password and extract that")
    inner = _causes(err)[-1]
    detail = str(inner) or type(inner).__name__
    return f"{path}: not a readable PDF ({name}: {detail})"


def _is_blank(page) -> bool:
    """No text, no picture: nothing OCR could read, whatever the page's size."""
    return not page.chars and not page.images


def _too_large_for_ocr(page, limits: Limits) -> bool:
    scale = OCR_RESOLUTION / 72
    return float(page.width) * scale * float(page.height) * scale > limits.max_page_pixels


@dataclass
class PageRead:
    """What reading a PDF's pages gave: their content and what the reader should hear."""

    pages: list[PageContent]
    n_pages: int
    warnings: list[str] = field(default_factory=list)


def _read_page(page, number: int, path: Path, ocr: bool, limits: Limits, said: list[str],
               ) -> PageContent:
    if page.chars:
        return read_text_page(page, number, path)
    if _is_blank(page):
        return PageContent(number, float(page.height))
    if ocr and _too_large_for_ocr(page, limits):
        said.append(f"{path}: page {number} was not OCR'd: " + limits.exceeded(
            "max_page_pixels", "its size at the OCR resolution (pixels)"))
        return PageContent(number, float(page.height))
    if ocr:
        return read_scanned_page(page, number)
    return PageContent(number, float(page.height), scanned=True)


def _pages(pdf, path: Path, limit: int) -> tuple[list, int]:
    """(pdfplumber pages or the error of each page that cannot be built, page count).
    pdfplumber builds every page object at once, so one page with a broken media box fails
    them all; then each page is built on its own and only the broken one is lost. Kept on
    the pdf object, so a second call sees the broken pages too (pdfplumber's own cache then
    holds only the good ones, which would shift every later page's number)."""
    known = getattr(pdf, "_kinerja_pages", None)
    if known is not None:
        return list(known[0][:limit]), known[1]
    try:
        pages = pdf.pages
        return list(pages[:limit]), len(pages)
    except Exception as err:  # noqa: BLE001
        if _is_encrypted(err):
            raise PdfError(_unreadable(path, err)) from err
    from pdfminer.pdfpage import PDFPage
    from pdfplumber.page import Page

    built: list = []
    doctop = 0.0
    page_class = getattr(pdf, "page_class", Page)  # the page source's page (page_source.py)
    try:
        for number, raw in enumerate(PDFPage.create_pages(pdf.doc), start=1):
            if number > limit:
                continue
            try:
                page = page_class(pdf, raw, page_number=number, initial_doctop=doctop)
                doctop += float(page.height)
                built.append(page)
            except Exception as err:  # noqa: BLE001 — this page only
                built.append(err)
    except Exception as err:  # noqa: BLE001 — the page tree itself is broken
        raise PdfError(_unreadable(path, err)) from err
    pdf._pages = [p for p in built if not isinstance(p, BaseException)]  # what close() closes
    pdf._kinerja_pages = (built, number if built else 0)
    return built, number if built else 0


def read_range(pdf, path: Path, start: int, stop: int, ocr: bool, limits: Limits,
               ) -> tuple[list[PageContent], list[str]]:
    """Pages start+1 … stop (1-based) of an open PDF and the warnings they gave, each page
    closed as soon as it is read. A page that cannot be built or read is named in a warning
    and the rest are read (the document is then partial). The unit of page-parallel reading."""
    built, _ = _pages(pdf, path, stop)
    pages: list[PageContent] = []
    said: list[str] = []
    for number, page in enumerate(built[start:stop], start=start + 1):
        pages.append(_read_or_skip(page, number, path, ocr, limits, said))
    return pages, said


PARALLEL_MIN_PAGES = 24  # fewer pages are read serially: a page worker costs ~0.3 s to start
PAGE_JOBS_ENV = "KINERJA_PAGE_JOBS"


def page_jobs_default() -> int:
    """Page workers asked for through the environment (`kinerja extract --page-jobs`), so
    that document worker processes inherit the setting."""
    try:
        return max(1, int(os.environ.get(PAGE_JOBS_ENV, "1")))
    except ValueError:
        return 1


def read_pages(path: Path, ocr: bool, limits: Limits = DEFAULT_LIMITS, page_jobs: int = 1,
               min_pages: int = PARALLEL_MIN_PAGES) -> PageRead:
    """Every page's content. With `page_jobs` > 1 and at least `min_pages` pages, the pages
    are read by that many worker processes, by page ranges, and joined in page order
    (extractors/pdf_pages.py) — the same pages and warnings as a serial read. A page that
    cannot be read is named in a warning and the rest are read (the document is partial)."""
    pdf = _open(path)
    try:
        _, n_pages = _pages(pdf, path, limits.max_pages)
        read = PageRead([], n_pages)
        if n_pages > limits.max_pages:
            read.warnings.append(f"{path}: {n_pages} pages; " + limits.exceeded(
                "max_pages", "its page count") + f"; only pages 1–{limits.max_pages} were read")
        stop = min(n_pages, limits.max_pages)
        if page_jobs > 1 and stop >= max(2, min_pages):
            from extractors.pdf_pages import read_parallel

            pages, said = read_parallel(pdf, path, stop, page_jobs, ocr, limits)
        else:
            pages, said = read_range(pdf, path, 0, stop, ocr, limits)
        read.pages, read.warnings = pages, read.warnings + said
    finally:
        _close(pdf)
    if read.warnings and all(pc.lines == [] and pc.tables == [] for pc in read.pages) \
            and any("cannot be read" in w for w in read.warnings):
        raise PdfError(f"{path}: no page could be read ({read.warnings[0]})")
    return read


def _close(pdf) -> None:
    """Close the file even when pdfplumber's own close() would rebuild a broken page."""
    try:
        pdf.close()
    except Exception:  # noqa: BLE001
        with contextlib.suppress(Exception):
            pdf.stream.close()


def _read_or_skip(page, number: int, path: Path, ocr: bool, limits: Limits,
                  warnings: list[str]) -> PageContent:
    """One page's content; a page that cannot be read is named in a warning and left empty."""
    if isinstance(page, BaseException):
        warnings.append(f"{path}: page {number} cannot be read ({_unreadable(path, page)}); "
                        "skipped")
        return PageContent(number, 0.0)
    try:
        return _read_page(page, number, path, ocr, limits, warnings)
    except Exception as err:  # noqa: BLE001 — name the file and the page, read on
        warnings.append(f"{path}: page {number} cannot be read "
                        f"({type(err).__name__}: {err or 'no detail'}); skipped")
        return PageContent(number, 0.0)
    finally:
        page.close()


def _scan_warning(path: Path, scanned: list[int], n_pages: int, ocr: bool) -> str:
    pages = f"{', '.join(map(str, scanned[:20]))}{'…' if len(scanned) > 20 else ''}"
    head = f"{path}: {len(scanned)} of {n_pages} pages have no text layer (scanned: pages {pages})"
    if ocr:
        return (f"{head}; their text and ruled tables were read by OCR — check figures from "
                "those pages against the scan.")
    return (f"{head}; they were skipped. To read them install Tesseract with Indonesian data: "
            "apt-get install tesseract-ocr tesseract-ocr-ind "
            "(or scripts/install-system-deps.sh ocr).")


def layout_pages(pages: list[PageContent]) -> LineLayout:
    """Lines and tables of all pages in reading order, furniture dropped."""
    keys = furniture_keys(pages)
    layout = LineLayout()
    for page in pages:
        items: list[tuple[float, int, object]] = [
            (ln.top, 0, ln) for ln in page.lines if not is_furniture(ln, page.height, keys)]
        items += [(t.top, 1, t) for t in page.tables]
        for _, kind, obj in sorted(items, key=lambda i: (i[0], i[1])):
            if kind == 0:
                layout.add_line(obj.text, page.number)
            else:
                layout.add_table(obj.rows, "pdf", page=page.number)
    return layout


def extract(path: str | Path, limits: Limits = DEFAULT_LIMITS, page_jobs: int | None = None,
            min_pages: int = PARALLEL_MIN_PAGES) -> Document:
    """The PDF as a `Document`. `page_jobs` worker processes read a document of at least
    `min_pages` pages (default: $KINERJA_PAGE_JOBS, else 1); the result is the same."""
    p = Path(path)
    ocr = tesseract_available()
    jobs = page_jobs_default() if page_jobs is None else page_jobs
    read = read_pages(p, ocr, limits, jobs, min_pages)
    pages, n_pages = read.pages, read.n_pages
    layout = layout_pages(pages)
    scanned = [pg.number for pg in pages if pg.scanned]
    warnings = read.warnings + ([_scan_warning(p, scanned, n_pages, ocr)] if scanned else [])
    return Document(path=str(p), format="pdf", lines=layout.lines, raw_tables=layout.tables,
                    n_pages=n_pages, warnings=warnings, line_pages=layout.line_pages)
