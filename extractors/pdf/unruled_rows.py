"""Rows without rulings: one grid row holding a block of printed rows is split, anchored on the
figure column printing most lines, each wrapped text cell given to the band it overlaps.
"""

from __future__ import annotations

import re
from collections import Counter

from extractors.pdf.ruled import Slot
from extractors.pdf.words import _box, _group_lines, _union
from pipeline.settings import current


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
        return any(_gap(_span(line), _span(o)) < -current().pdf.row_overlap
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
            if _span(ln)[0] - top <= current().pdf.paragraph_pitch * (bottom - top):
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
    overlap = current().pdf.row_overlap
    hit = [k if g[k] < -overlap else None for g, k in zip(gaps, nearest, strict=True)]
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
        return all(any(_gap(s, t) < -current().pdf.row_overlap for d in spans if d != c for t in spans[d])
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
