"""Which target a capaian column measures, decided by the body rows' arithmetic.

A header can leave two readings open: in 'Target 2015 | Realisasi 2015 | Tingkat Capaian
Realisasi target Renstra (%)' beside an earlier 'Target Renstra Tahun 2018' column, the
capaian may be realisasi / the year's target or realisasi / the plan's end target. The words
do not settle it; the figures do. The reading whose ratio (realisasi / target × 100, or
target / realisasi × 100 for a lower-is-better indicator) reproduces the printed capaian on
the most rows wins. It runs only where a competing plan target exists, so ordinary tables
cost nothing.
"""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.curate.columns import Column
from pipeline.model import Row
from pipeline.normalise.numbers import parse_number

#: a printed rate is rounded to one or two decimals ('88,8' for 88.89)
TOLERANCE = 0.1
#: percentage points a rate printed as a fraction with two decimals ('0,28') may be off
FRACTION_TOLERANCE = 0.6
#: a fraction of one above this (500 %) is no fraction: '100' is never read as 10.000 %
FRACTION_MAX = 5.0
#: how many rows must tell the readings apart before the plan reading can win
MIN_DECIDING_ROWS = 2


def _value(row: Row, index: int) -> float | None:
    return parse_number(row[index].text).value if index < len(row) else None


def ratios(realisasi: float, target: float) -> list[float]:
    """realisasi / target × 100 and target / realisasi × 100, each where its divisor is not
    zero: a capaian is printed one way round or the other, by the indicator's polarity."""
    out = []
    if target:
        out.append(realisasi / target * 100)
    if realisasi:
        out.append(target / realisasi * 100)
    return out


def _ratio_holds(capaian: float, realisasi: float, target: float) -> bool:
    """realisasi / target × 100 or target / realisasi × 100 prints as the capaian, as a
    percentage or as a fraction of one ('1,00'; see curate/fractions.py)."""
    return any(abs(r - capaian) <= TOLERANCE * max(1.0, abs(capaian) / 100)
               or (abs(capaian) <= FRACTION_MAX and abs(r - capaian * 100) <= FRACTION_TOLERANCE)
               for r in ratios(realisasi, target))


def _votes(rows: list[Row], capaian: int, realisasi: int, own: int, plan: int) -> tuple[int, int]:
    """(rows where only the own target's ratio holds, rows where only the plan target's
    does); a row where both or neither hold tells nothing."""
    own_votes = plan_votes = 0
    for row in rows:
        c, r, t, p = (_value(row, i) for i in (capaian, realisasi, own, plan))
        if c is None or r is None or t is None or p is None:
            continue
        by_own, by_plan = _ratio_holds(c, r, t), _ratio_holds(c, r, p)
        own_votes += by_own and not by_plan
        plan_votes += by_plan and not by_own
    return own_votes, plan_votes


def _progress_targets(cols: list[Column], year: int) -> list[Column]:
    """Target columns a progress capaian of `year` may be measured against."""
    plan = _plan_targets(cols, year)
    return [c for c in cols if c in plan or (c.role == "target" and c.measure == "renstra_target")]


def _progress_votes(rows: list[Row], capaian: Column, realisasi: Column, targets: list[Column]) -> int:
    """Rows where realisasi over one of the plan targets prints as the capaian."""
    votes = 0
    for row in rows:
        c, r = _value(row, capaian.index), _value(row, realisasi.index)
        if c is None or r is None:
            continue
        values = [_value(row, t.index) for t in targets]
        votes += any(t is not None and _ratio_holds(c, r, t) for t in values)
    return votes


def progress_realisasi_by_arithmetic(cols: list[Column], rows: list[Row]) -> list[Column]:
    """Two realisasi columns of a progress capaian's year ('Realisasi Tahun 2013 | Realisasi
    s/d Tahun 2013' beside 'Target RPJMD | % Capaian … terhadap RPJMD'): the one whose ratio
    to the plan target reproduces the printed capaian on the most rows is the progress
    record's realisasi (measure renstra_progress); the other stays the year's own."""
    out = list(cols)
    for c in cols:
        if c.role != "capaian" or c.measure != "renstra_progress" or c.year is None:
            continue
        candidates = [r for r in cols if r.role == "realisasi" and r.year == c.year and r.measure is None]
        targets = _progress_targets(cols, c.year)
        if len(candidates) < 2 or not targets:
            continue
        votes = {r.index: _progress_votes(rows, c, r, targets) for r in candidates}
        best = max(votes, key=lambda i: votes[i])
        rest = max(v for i, v in votes.items() if i != best)
        if votes[best] >= MIN_DECIDING_ROWS and votes[best] > rest:
            out = [replace(x, measure="renstra_progress") if x.index == best else x for x in out]
    return out


def _same_year(cols: list[Column], role: str, year: int) -> Column | None:
    return next((c for c in cols if c.role == role and c.year == year and c.measure is None), None)


def _plan_targets(cols: list[Column], year: int) -> list[Column]:
    """Target columns of the plan: its end target, or a target for a later year."""
    return [c for c in cols if c.role == "target"
            and (c.measure == "renstra_end" or (c.measure is None and c.year and c.year > year))]


def capaian_against_plan(cols: list[Column], rows: list[Row]) -> list[Column]:
    """A capaian column whose figures are realisasi / a plan target (and not realisasi / its
    own year's target beside it) is the progress against the plan: measure renstra_progress."""
    out = list(cols)
    for i, c in enumerate(cols):
        if c.role != "capaian" or c.measure is not None or c.year is None:
            continue
        realisasi, own = _same_year(cols, "realisasi", c.year), _same_year(cols, "target", c.year)
        if realisasi is None or own is None:
            continue
        for plan in _plan_targets(cols, c.year):
            own_votes, plan_votes = _votes(rows, c.index, realisasi.index, own.index, plan.index)
            if plan_votes >= MIN_DECIDING_ROWS and plan_votes > own_votes:
                out[i] = replace(c, measure="renstra_progress")
                break
    return out


# A column-number row under the header: '1 | 2 | … | 8 = (7/6) | 9 | 10 = (5+7+9)'. A form
# that prints its formulas there says what its derived columns are.
COLUMN_NUMBER = re.compile(r"^\(?(\d{1,2})\)?(?:\s*=\s*(.+))?$")
SUM_FORMULA = re.compile(r"^\(?\s*\d{1,2}(?:\s*\+\s*\d{1,2})+\s*\)?$")
MIN_NUMBERED = 3  # cells of a column-number row, so a lone '1' is no such row


def _numbered(row: Row) -> dict[int, re.Match] | None:
    """The row's cells read as column numbers (with their formulas), by column index; None
    when the row is not a column-number row."""
    marks = {i: COLUMN_NUMBER.match(cell.text.strip()) for i, cell in enumerate(row) if cell.text.strip()}
    if len(marks) < MIN_NUMBERED or not all(marks.values()):
        return None
    return marks  # type: ignore[return-value]


def printed_sums(set_aside: list[Row]) -> dict[int, list[int]]:
    """Column index → the indexes of the columns the header's column-number row prints it as
    the sum of ('10 = (5+7+9)'); empty when the table prints no such row."""
    numbered = (_numbered(row) for row in set_aside)
    marks = next((m for m in numbered if m is not None), None)
    return _row_sums(marks) if marks else {}


def _row_sums(marks: dict[int, re.Match]) -> dict[int, list[int]]:
    """The sums among one column-number row's formulas, by column index."""
    index_of = {int(m.group(1)): i for i, m in marks.items()}
    sums = {i: _operands(m.group(2), index_of) for i, m in marks.items() if m.group(2)}
    return {i: operands for i, operands in sums.items() if operands}


def _operands(formula: str, index_of: dict[int, int]) -> list[int] | None:
    """The column indexes a sum formula ('(5+7+9)') adds up; None for another formula or a
    column number the row does not print."""
    if not SUM_FORMULA.match(formula.strip()):
        return None
    operands = [index_of.get(int(n)) for n in re.findall(r"\d+", formula)]
    return None if None in operands else operands  # type: ignore[return-value]


def summed_realisasi_is_progress(cols: list[Column], set_aside: list[Row]) -> list[Column]:
    """A realisasi column the form prints as the sum of other columns ('10 = (5+7+9)': the
    realisation up to an earlier year plus last year's plus this year's) is cumulative, no
    one year's own realisasi. Beside a capaian of progress against the plan it is that
    progress record's realisasi, and the year's own target stands alone in its record."""
    progress = any(c.role == "capaian" and c.measure == "renstra_progress" for c in cols)
    sums = printed_sums(set_aside) if progress else {}
    return [replace(c, measure="renstra_progress") if _cumulative(c, sums) else c for c in cols]


def _cumulative(c: Column, sums: dict[int, list[int]]) -> bool:
    """A realisasi column of no other measure that the form prints as a sum."""
    return c.index in sums and c.role == "realisasi" and c.measure is None
