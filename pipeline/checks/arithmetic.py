"""Row arithmetic the report printed a result for: capaian, budget absorption, IKK.

Checks read curated rows only, never raw text, so they work the same for every input format.
Tolerance is half a unit of the reported figure's last printed digit, plus 0.01 because many
reports truncate rather than round (95,387 printed as 95,38).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pipeline.checks.common import check_row, ratio_interval, tolerance_for, verdict
from pipeline.curate.ikk import COMPOSITE
from pipeline.normalise.numbers import parse_number
from pipeline.normalise.units import normalise_unit

POSITIVE = ("realisasi / target × 100", lambda t, r: r / t * 100)
NEGATIVE_FORMULAS = (
    ("target / realisasi × 100", lambda t, r: t / r * 100),
    ("(2 × target − realisasi) / target × 100", lambda t, r: (2 * t - r) / t * 100),
)


def _safe(fn, t: float, r: float) -> float | None:
    try:
        return round(fn(t, r), 6)
    except ZeroDivisionError:
        return None


def _units_apart(row: dict) -> str | None:
    """A target and a realisasi printed in different units ('1 kegiatan' against '100 %')
    have no ratio: the check says so instead of dividing them."""
    units = [parse_number(row.get(f) or "").unit for f in ("target_text", "realisasi_text")]
    if all(units) and normalise_unit(units[0]) != normalise_unit(units[1]):
        return f"target printed in '{units[0]}', realisasi in '{units[1]}': no ratio between them"
    return None


def _printed_scale(row: dict, reported: float) -> float:
    """100 where the curation read a capaian printed as a fraction of one ('0,28' as 28 %;
    curate/fractions.py): the printed rounding is then a hundred times wider."""
    printed = parse_number(row.get("capaian_text") or "").value
    if printed and abs(reported - printed * 100) <= 1e-6 * max(1.0, abs(reported)):
        return 100.0
    return 1.0


def capaian_check(row: dict) -> list[dict]:
    """realisasi / target × 100 against the printed capaian; for lower-is-better indicators
    both conventions in use, with a finding of its own when the positive one was used."""
    reported = row.get("capaian_reported")
    if reported is None:
        return []
    kind = "renstra_progress" if row.get("measure") == "renstra_progress" else "capaian"
    subject = f"{row.get('indicator')} {row.get('year') or ''} {row.get('measure') or ''}".strip()
    target, real = row.get("target"), row.get("realisasi")
    if target is None or real is None:
        return [check_row(row, kind, subject, reported, None, None, POSITIVE[0],
                          status="unverifiable", detail="target or realisasi is not printed")]
    tolerance = tolerance_for(row.get("capaian_text"), _printed_scale(row, reported))
    apart = _units_apart(row)
    if apart:
        return [check_row(row, kind, subject, reported, None, tolerance, POSITIVE[0],
                          status="unverifiable", detail=apart)]
    return _capaian_formulas(row, kind, subject, reported, tolerance)


def _capaian_formulas(row: dict, kind: str, subject: str, reported: float,
                      tolerance: float) -> list[dict]:
    """The printed capaian against every formula its polarity allows: ok on the first that
    reproduces it, else a mismatch naming what each formula gives."""
    negative = row.get("polarity") == "negative"
    results = _formula_results(row, negative)
    if not results:
        return [check_row(row, kind, subject, reported, None, tolerance, POSITIVE[0],
                          status="unverifiable", detail="division by a zero printed figure")]
    slack = _input_rounding(row, reported)
    matching = [(n, v) for n, v in results if abs(reported - v) <= tolerance + slack]
    if matching:
        name, value = matching[0]
        out = [check_row(row, kind, subject, reported, value, tolerance + slack, name, status="ok")]
        if negative and name == POSITIVE[0]:
            out.append(_positive_for_negative(row, subject, reported, tolerance, results[0]))
        return out
    name, value = results[-1] if not negative else results[0]
    return [check_row(
        row, kind, subject, reported, value, tolerance, name, status="mismatch",
        detail=f"printed {row.get('capaian_text') or reported} but "
               + "; ".join(f"{n} gives {v:.2f}" for n, v in results),
    )]


def _formula_results(row: dict, negative: bool) -> list[tuple[str, float]]:
    """(formula, value) of every formula the polarity allows, the negative ones first; a
    formula that divides by a printed zero gives none."""
    formulas = NEGATIVE_FORMULAS + (POSITIVE,) if negative else (POSITIVE,)
    results = [(name, _safe(fn, row["target"], row["realisasi"])) for name, fn in formulas]
    return [(n, v) for n, v in results if v is not None]


def _positive_for_negative(row: dict, subject: str, reported: float, tolerance: float,
                           negative: tuple[str, float]) -> dict:
    """The finding of its own when a lower-is-better indicator's capaian is only reproduced by
    the positive formula: what the negative one would have given."""
    neg_name, neg_value = negative
    return check_row(
        row, "polarity", subject, reported, neg_value, tolerance, neg_name,
        status="mismatch",
        detail=f"lower-is-better indicator scored with the positive formula "
               f"({POSITIVE[0]}); {neg_name} gives {neg_value:.2f}",
    )


def _input_rounding(row: dict, reported: float) -> float:
    """How far realisasi / target × 100 can move when its decimal inputs were rounded."""
    t, r = row.get("target"), row.get("realisasi")
    if not t or r is None:
        return 0.0
    lo, hi = ratio_interval(r, row.get("realisasi_text"), t, row.get("target_text"))
    centre = r / t * 100
    return max(centre - lo, hi - centre)


def capaian_checks(rows: Iterable[dict]) -> list[dict]:
    return [c for row in rows for c in capaian_check(row)]


def ratio_check(row: dict, kind: str, subject: str, numerator: float | None,
                denominator: float | None, reported: float | None, reported_text: str | None,
                formula: str, texts: tuple[str | None, str | None] = (None, None)) -> list[dict]:
    if reported is None:
        return []
    if numerator is None or denominator is None:
        return [check_row(row, kind, subject, reported, None, None, formula,
                          status="unverifiable", detail="an input of the formula is not printed")]
    if denominator == 0:
        return [check_row(row, kind, subject, reported, None, None, formula,
                          status="unverifiable", detail="division by a zero printed figure")]
    recomputed = round(numerator / denominator * 100, 6)
    tolerance = tolerance_for(reported_text)
    lo, hi = ratio_interval(numerator, texts[0], denominator, texts[1])
    return [check_row(
        row, kind, subject, reported, recomputed, tolerance, formula,
        **verdict(lo - tolerance <= reported <= hi + tolerance,
                  f"printed {reported_text or reported} but {formula} gives {recomputed:.2f}"),
    )]


def budget_capaian_checks(rows: Iterable[dict]) -> list[dict]:
    out = []
    for row in rows:
        out += ratio_check(row, "budget_capaian", row.get("name") or "", row.get("realisasi"),
                           row.get("pagu"), row.get("capaian_reported"), row.get("capaian_text"),
                           "realisasi / pagu × 100",
                           (row.get("realisasi_text"), row.get("pagu_text")))
    return out


GROWTH_WORDS = ("peningkatan", "pertumbuhan", "kenaikan", "penurunan", "tahun n")
# LPPD key indicators are computed several ways; the check names the one that reproduces
# the printed figure, and flags only a figure that none reproduces.
IKK_FORMULAS = (
    ("numerator / denominator × 100", lambda n, d: n / d * 100),
    ("(numerator − denominator) / denominator × 100", lambda n, d: (n - d) / d * 100),
    ("100 − numerator / denominator × 100", lambda n, d: 100 - n / d * 100),
    ("numerator / denominator × 1,000", lambda n, d: n / d * 1000),
    ("numerator / denominator × 100,000", lambda n, d: n / d * 100000),
)


def _is_growth(row: dict) -> bool:
    """Growth indicators print this year's and last year's figure as the two rows — unless
    the first row is already the difference ('(Jumlah wisatawan tahun n – … tahun n-1)')."""
    label = str(row.get("numerator_label") or "").lower()
    if re.search(r"tahun n\s*[-–]", label) or re.search(r"[-–]\s*jumlah", label):
        return False
    text = " ".join(str(row.get(k) or "") for k in ("indicator", "numerator_label")).lower()
    return any(w in text for w in GROWTH_WORDS)


def _not_a_ratio(row: dict) -> str | None:
    """Why the two figures of an IKK row are not a numerator over a denominator, if they are not."""
    if COMPOSITE.search(row.get("parse_note") or ""):
        return "the indicator is a composite of more than two figures, whose weights the report does not print"
    num_text, den_text = row.get("numerator_text") or "", row.get("denominator_text") or ""
    if den_text.strip().endswith("%") != num_text.strip().endswith("%"):
        return "one of the two figures is a percentage, so they are two sub-indicators, not a ratio"
    return None


def ikk_checks(rows: Iterable[dict]) -> list[dict]:
    """Each IKK row's printed figure against the usual formulas over its two figures."""
    out = []
    for row in rows:
        out += _ikk_check(row)
    return out


def _ikk_check(row: dict) -> list[dict]:
    """Where both figures and the result are printed, the first formula (the row's usual one
    first) that reproduces the result; else the plain ratio check says what is missing."""
    num, den, reported = row.get("numerator"), row.get("denominator"), row.get("capaian_reported")
    primary = IKK_FORMULAS[1] if _is_growth(row) else IKK_FORMULAS[0]
    if reported is None or num is None or den in (None, 0):
        return ratio_check(row, "ikk", row.get("indicator") or "", num, den, reported,
                           row.get("capaian_text"), primary[0])
    tolerance = tolerance_for(row.get("capaian_text"))
    found = _ikk_formula(row, reported, tolerance, primary)
    if found:
        name, value = found
        return [check_row(row, "ikk", row.get("indicator") or "", reported, value,
                          tolerance, name, status="ok")]
    return [_ikk_failure(row, reported, tolerance, primary)]


def _ikk_formula(row: dict, reported: float, tolerance: float,
                 primary: tuple) -> tuple[str, float] | None:
    """(name, value) of the first formula within the printed figures' rounding; the per-mille
    and per-100,000 formulas scale that rounding."""
    num, den = row["numerator"], row["denominator"]
    lo, hi = ratio_interval(num, row.get("numerator_text"), den, row.get("denominator_text"))
    slack = (hi - lo) / 2
    for name, fn in (primary, *[f for f in IKK_FORMULAS if f is not primary]):
        value = round(fn(num, den), 6)
        if abs(value - reported) <= tolerance + slack * (1 if "1,000" not in name else 10):
            return name, value
    return None


def _ikk_failure(row: dict, reported: float, tolerance: float, primary: tuple) -> dict:
    """No formula reproduces the figure: a finding, unless the two figures are no ratio."""
    value = round(primary[1](row["numerator"], row["denominator"]), 6)
    reason = _not_a_ratio(row)
    if reason:
        return check_row(
            row, "ikk", row.get("indicator") or "", reported, None, tolerance, primary[0],
            status="unverifiable", detail=f"printed {row.get('capaian_text')}; {reason}")
    return check_row(
        row, "ikk", row.get("indicator") or "", reported, value, tolerance, primary[0],
        status="mismatch",
        detail=f"printed {row.get('capaian_text')} but no usual IKK formula gives it; "
               f"{primary[0]} gives {value:.2f}",
    )
