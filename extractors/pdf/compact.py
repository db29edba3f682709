"""Column compaction: a ruled grid's sliver columns (ruling fragments) dropped and one printed
column split over two grid columns merged, from the header zone and the column widths.
"""

from __future__ import annotations

import re

from pipeline.settings import current

FIGURE = re.compile(r"\d[.,]\d|\d\s*%|\d{3,}")


YEAR = re.compile(r"(?:19|20)\d\d")


def _header_zone(rows: list[list[str]]) -> int:
    """Rows above the first row that prints a figure ('45%', '13,215,743'): the rows that
    can name columns. Years and column numbers are header words, not figures."""
    zone_max = current().pdf.header_zone_max  # title, sub-title, column numbers, K / Rp
    for i, row in enumerate(rows[:zone_max]):
        if any(FIGURE.search(YEAR.sub("", c)) for c in row if "=" not in c):  # not a formula header
            return i
    return min(len(rows), zone_max)


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
    sliver = current().pdf.sliver  # narrower: a ruling fragment, not a column
    narrow = [widths is None or widths[c] < sliver for c in range(width)]
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
