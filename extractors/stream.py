"""Tables printed without any ruling: found on the page's text lines, read by camelot stream.

A table typeset with no borders at all reaches extractors/pdf/ as plain text lines: the
ruling finder has nothing to hold on to. Such a table still shows itself in its figure
rows: ≥ `MIN_ROWS` lines close together, each printing ≥ 2 figures ('1.234.500.000',
'97,21', '95.13%') set apart by wide gaps (≥ `GAP_EM` font sizes, a few character widths;
a justified paragraph stretches its spaces far less), with the figures of each line standing
under those of the line before (a column, whatever its alignment). `find_blocks` looks for
exactly that, on the lines left outside the ruled tables, plus what belongs to the block:
1–3 header lines above it whose words are set apart the same way, and a name wrapped onto
a line of its own (words only in the text columns, left of the figures). A paragraph, a
table of contents or a list of page numbers does not qualify, so on an ordinary page the
check costs one pass over its lines and camelot is never imported.

Only for a block found does `read_block` run camelot's stream flavor, on the block's area
alone: camelot infers the column boundaries from the text's alignment, which is what an
unruled table offers. Its grid must account for the block's text, character for character,
or the block stays text: a failed or doubtful read never costs the document anything but
the table. The wrapped tail of a name (a row with text only under the text of the row above,
no figure, no row number) is joined to its row, as a ruled cell would hold it.

Coordinates: camelot works in PDF space (origin bottom-left), pdfplumber from the page's
top-left; cells come back with pdfplumber's `(x0, top, x1, bottom)`.
"""

from __future__ import annotations

import logging
import re
import warnings
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from statistics import median

from pipeline.model import Cell
from pipeline.reconstruct import is_continuation_row, join_rows

MIN_ROWS = 3  # figure lines in a block
MIN_FIGURES = 2  # figures per line, each in its own gap-separated segment
GAP_EM = 1.0  # a gap at least this many font sizes wide separates two columns
ROW_GAP = 2.5  # font sizes: at most this much white space between two lines of a block
TAIL_GAP = 1.0  # font sizes: a wrapped name's line sits at most this far below its row
MAX_HEADER, MAX_TAIL = 3, 3
HEADER_OVERHANG = 0.1  # share of the block's width a header line may reach past it
PAD = 1.5  # points around the block's words for camelot's table area
TEXT_MISMATCH = 0.02  # share of characters camelot may read differently before we give up

FIGURE = re.compile(
    r"[-–(]?(?:\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+[.,]\d+)\)?%?|\d+(?:[.,]\d+)?%")
ROW_NUMBER = re.compile(r"\d{1,3}[.)]?|[a-z][.)]|[IVX]{1,5}[.)]?")
CAPTION = re.compile(r"(?:tabel|table|gambar|grafik|diagram)\b", re.I)

Word = dict
Line = list[Word]
Interval = tuple[float, float]


@dataclass
class Block:
    """Lines of one unruled table: indices into the page's lines, and its area."""

    first: int
    last: int  # inclusive
    x0: float
    top: float
    x1: float
    bottom: float


def is_figure(text: str) -> bool:
    return bool(FIGURE.fullmatch(text.strip()))


def _size(line: Line) -> float:
    return median(w["bottom"] - w["top"] for w in line) or 1.0


def _top(line: Line) -> float:
    return min(w["top"] for w in line)


def _bottom(line: Line) -> float:
    return max(w["bottom"] for w in line)


def segments(line: Line) -> list[Line]:
    """The line's words in runs separated by gaps of ≥ GAP_EM font sizes."""
    gap = GAP_EM * _size(line)
    runs: list[Line] = []
    for w in sorted(line, key=lambda w: w["x0"]):
        if runs and w["x0"] - runs[-1][-1]["x1"] < gap:
            runs[-1].append(w)
        else:
            runs.append([w])
    return runs


def figure_columns(line: Line) -> list[Interval]:
    """x extents of the line's figures, one per segment holding one (a segment of two
    figures — columns set closer than the gap — counts once per figure)."""
    out = []
    for run in segments(line):
        out += [(w["x0"], w["x1"]) for w in run if is_figure(w["text"])]
    separated = sum(1 for run in segments(line) if any(is_figure(w["text"]) for w in run))
    return out if separated >= MIN_FIGURES else []


def _aligned(a: list[Interval], b: list[Interval]) -> bool:
    """≥ MIN_FIGURES figures of one line stand under distinct figures of the other."""
    used: set[int] = set()
    for x0, x1 in b:
        hit = next((i for i, (p0, p1) in enumerate(a) if i not in used and x0 < p1 and p0 < x1),
                   None)
        if hit is not None:
            used.add(hit)
    return len(used) >= MIN_FIGURES


def _blocked(upper: Line, lower: Line, barriers: list[Interval]) -> bool:
    """A ruled table lies between the two lines."""
    return any(_bottom(upper) <= top and bottom <= _top(lower) for top, bottom in barriers)


def _close(upper: Line, lower: Line, limit: float) -> bool:
    return _top(lower) - _bottom(upper) <= limit * _size(upper)


def _is_tail(line: Line, figure_x0: float, left: float) -> bool:
    """A wrapped name: all its words in the text columns, left of the first figure."""
    return (all(w["x1"] <= figure_x0 and w["x0"] >= left - 2 for w in line)
            and not any(is_figure(w["text"]) for w in line))


def _is_header(line: Line, x0: float, x1: float) -> bool:
    """A column-heading line: ≥ 2 gap-separated segments within the block's width (a
    centred heading may stand out a little past its column's figures), no caption, no
    sentence."""
    text = " ".join(w["text"] for w in line)
    if CAPTION.match(text) or text.rstrip().endswith((".", ":", ";")):
        return False
    slack = HEADER_OVERHANG * (x1 - x0)
    if min(w["x0"] for w in line) < x0 - slack or max(w["x1"] for w in line) > x1 + slack:
        return False
    return len(segments(line)) >= 2


@dataclass
class _Scan:
    """A page's lines with their figure columns and the ruled tables' spans: what every step
    of growing a block (figure rows, wrapped tails, header lines) reads."""

    lines: list[Line]
    figs: list[list[Interval]]
    barriers: list[Interval]

    def near(self, upper: int, lower: int, limit: float) -> bool:
        """Line `lower` follows line `upper` within `limit` font sizes, no ruled table between."""
        a, b = self.lines[upper], self.lines[lower]
        return not _blocked(a, b, self.barriers) and _close(a, b, limit)

    def left(self, k: int) -> float:
        return min(w["x0"] for w in self.lines[k])

    def is_tail(self, k: int, last: int, left: float) -> bool:
        """Line k is a name wrapped from the rows above: no figure, all its words in the text
        columns left of the figures of the block's last figure row."""
        return not self.figs[k] and _is_tail(self.lines[k], min(x0 for x0, _ in self.figs[last]),
                                             left)

    def figure_rows(self, i: int) -> tuple[int, int]:
        """(how many figure rows, the last of them) of the block starting at figure line i:
        aligned figure lines, each after at most MAX_TAIL wrapped-name lines."""
        count, last, pending, left = 1, i, 0, self.left(i)
        j = i + 1
        while j < len(self.lines) and pending <= MAX_TAIL and self.near(j - 1, j, ROW_GAP):
            if self.figs[j] and _aligned(self.figs[last], self.figs[j]):
                count, last, pending = count + 1, j, 0
            elif self.near(j - 1, j, TAIL_GAP) and self.is_tail(j, last, left):
                pending += 1
            else:
                break
            j += 1
        return count, last

    def tail_end(self, i: int, last: int) -> int:
        """The block's last line: its last figure row and the name wrapped below it."""
        end, left = last, self.left(i)
        while (end + 1 < len(self.lines) and end - last < MAX_TAIL
               and self.near(end, end + 1, TAIL_GAP) and self.is_tail(end + 1, last, left)):
            end += 1
        return end

    def header_start(self, i: int, end: int, floor: int) -> int:
        """The block's first line: up to MAX_HEADER heading lines above its first figure row,
        within its width, never reaching back into the block before (`floor`)."""
        words = [w for ln in self.lines[i:end + 1] for w in ln]
        x0, x1 = min(w["x0"] for w in words), max(w["x1"] for w in words)
        start = i
        while (start - 1 > floor and i - start < MAX_HEADER and self.near(start - 1, start, ROW_GAP)
               and not self.figs[start - 1] and _is_header(self.lines[start - 1], x0, x1)):
            start -= 1
        return start

    def block(self, start: int, end: int) -> Block:
        words = [w for ln in self.lines[start:end + 1] for w in ln]
        return Block(start, end, min(w["x0"] for w in words), min(w["top"] for w in words),
                     max(w["x1"] for w in words), max(w["bottom"] for w in words))

    def block_at(self, i: int, floor: int) -> Block | None:
        """The block whose first figure row is line i, or None when fewer than MIN_ROWS
        aligned figure rows follow it."""
        if not self.figs[i]:
            return None
        count, last = self.figure_rows(i)
        if count < MIN_ROWS:
            return None
        end = self.tail_end(i, last)
        return self.block(self.header_start(i, end, floor), end)


def find_blocks(lines: list[Line], barriers: list[Interval] = ()) -> list[Block]:
    """Unruled table blocks among a page's text lines (top to bottom, words left to right);
    `barriers` are the (top, bottom) spans of the ruled tables, which no block crosses."""
    scan = _Scan(lines, [figure_columns(ln) for ln in lines], list(barriers))
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        block = scan.block_at(i, blocks[-1].last if blocks else -1)
        if block is None:
            i += 1
            continue
        blocks.append(block)
        i = block.last + 1
    return blocks


# --- reading a block with camelot ----------------------------------------------------------


def _chars(texts: list[str]) -> Counter[str]:
    return Counter(ch for t in texts for ch in t if not ch.isspace())


def _has_figure(row: list[Cell]) -> bool:
    return any(is_figure(t) for c in row for t in c.text.split())


def _join_tails(rows: list[list[Cell]]) -> list[list[Cell]]:
    """Join a name's wrapped line to its row: a row with no figure and no row number whose
    texts all stand under text (not figures) of the row above."""
    out: list[list[Cell]] = []
    for row in rows:
        prev = out[-1] if out else None
        filled = [c for c, cell in enumerate(row) if cell.text]
        if (prev is not None and _has_figure(prev) and not ROW_NUMBER.fullmatch(row[filled[0]].text)
                and is_continuation_row(row, prev)):
            join_rows(prev, row)
            continue
        out.append(row)
    return out


def read_block(path: str | Path, page_no: int, height: float, block: Block,
               words: list[Word]) -> list[list[Cell]] | None:
    """The block's grid as read by camelot stream, in pdfplumber coordinates; None when
    camelot fails, finds no table or reads text other than the block's `words`."""
    area = (f"{block.x0 - PAD},{height - block.top + PAD},"
            f"{block.x1 + PAD},{height - block.bottom - PAD}")
    tables = _read_stream(path, page_no, area)
    if tables is None or len(tables) != 1:
        return None
    cells = tables[0].cells
    grid = [[" ".join((c.text or "").split()) for c in row] for row in cells]
    keep, cols = _filled(grid)
    if len(keep) < 2 or len(cols) < 2 or not _same_text(words, grid):
        return None
    rows = [[_cell(cells[r][c], grid[r][c], page_no, height) for c in cols] for r in keep]
    return _join_tails(rows)


def _filled(grid: list[list[str]]) -> tuple[list[int], list[int]]:
    """The rows and the columns of camelot's grid that hold any text."""
    cols = [c for c in range(max((len(r) for r in grid), default=0))
            if any(c < len(r) and r[c] for r in grid)]
    return [r for r, row in enumerate(grid) if any(row)], cols


def _cell(cell, text: str, page_no: int, height: float) -> Cell:
    """A camelot cell (PDF space, origin bottom-left) as a Cell in pdfplumber's top-left
    coordinates."""
    return Cell(text=text, page=page_no,
                bbox=(cell.x1, height - cell.y2, cell.x2, height - cell.y1))


def _read_stream(path: str | Path, page_no: int, area: str) -> list | None:
    """camelot stream's tables in `area` of the page, its warnings and log quietened; None
    when camelot fails (the block then stays text)."""
    try:
        import camelot

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            level = logging.getLogger("camelot").level
            logging.getLogger("camelot").setLevel(logging.ERROR)
            try:
                return camelot.read_pdf(str(path), pages=str(page_no), flavor="stream",
                                        table_areas=[area])
            finally:
                logging.getLogger("camelot").setLevel(level)
    except Exception:  # noqa: BLE001 — camelot's failure leaves the block as text
        return None


def _same_text(words: list[Word], grid: list[list[str]]) -> bool:
    """camelot's grid reads the block's words, character for character, up to
    TEXT_MISMATCH of them: a doubtful read is no table."""
    want, got = _chars([w["text"] for w in words]), _chars([t for row in grid for t in row])
    return sum(((want - got) + (got - want)).values()) <= TEXT_MISMATCH * max(1, sum(want.values()))


@dataclass
class UnruledTable:
    top: float
    rows: list[list[Cell]]
    lines: range  # indices of the page lines it was printed on


def unruled_tables(path: str | Path, page_no: int, height: float, lines: list[Line],
                   barriers: list[Interval] = ()) -> list[UnruledTable]:
    """The page's unruled tables, each with the text lines it takes from the page."""
    out = []
    for block in find_blocks(lines, barriers):
        words = [w for ln in lines[block.first:block.last + 1] for w in ln]
        rows = read_block(path, page_no, height, block, words)
        if rows:
            out.append(UnruledTable(block.top, rows, range(block.first, block.last + 1)))
    return out
