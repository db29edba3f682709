"""The shape of a check row, and the tolerance rule every check shares."""

from __future__ import annotations

from pipeline.normalise.numbers import parse_number

TRUNCATION_ALLOWANCE = 0.01


def tolerance_for(text: str | None, scale: float = 1.0) -> float:
    """Half a unit of the last printed digit (+0.01 for reports that truncate)."""
    decimals = parse_number(text).decimals if text else None
    return (0.5 * 10 ** -(decimals or 0) + TRUNCATION_ALLOWANCE) * scale


def half_unit(text: str | None, value: float | None = None) -> float:
    """How much a printed figure may have been rounded: half a unit of its last decimal.
    Whole numbers (targets, counts, '100') are taken as exact — except whole percentages
    ('13%'), which reports round from the figure they computed with (12,66 %)."""
    if not text:
        return 0.0
    parsed = parse_number(text)
    if parsed.ambiguous and value is not None and value != int(value):
        return 0.0005  # '15.426' that the curation settled as 15,426 (three decimals)
    if parsed.decimals:
        return 0.5 * 10 ** -parsed.decimals
    return 0.5 if parsed.kind == "percent" else 0.0


def ratio_interval(num: float, num_text: str | None, den: float, den_text: str | None) -> tuple[float, float]:
    """num / den × 100 over every value the two printed, rounded figures could stand for."""
    dn, dd = half_unit(num_text, num), half_unit(den_text, den)
    lows, highs = [], []
    for n in (num - dn, num + dn):
        for d in (den - dd, den + dd):
            if d != 0 and (d > 0) == (den > 0):
                v = n / d * 100
                lows.append(v)
                highs.append(v)
    if not lows:
        v = num / den * 100
        return v, v
    return min(lows), max(highs)


def check_row(
    row: dict,
    kind: str,
    subject: str,
    reported: float | None,
    recomputed: float | None,
    tolerance: float | None,
    formula: str,
    *,
    status: str | None = None,
    detail: str | None = None,
) -> dict:
    diff = None
    if reported is not None and recomputed is not None:
        diff = round(reported - recomputed, 6)
    if status is None:
        status = "ok" if diff is not None and tolerance is not None and abs(diff) <= tolerance else "mismatch"
    return {
        "doc_id": row.get("doc_id"),
        "table_id": row.get("table_id"),
        "row_no": row.get("row_no"),
        "kind": kind,
        "subject": subject,
        "reported": reported,
        "recomputed": recomputed,
        "diff": diff,
        "tolerance": tolerance,
        "status": status,
        "formula": formula,
        "detail": detail,
        "page": row.get("page"),
        "line": row.get("line"),
    }
