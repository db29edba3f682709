"""The shape of a check row, and the tolerance rule every check shares."""

from __future__ import annotations

import re

from pipeline.check_kinds import known
from pipeline.keys import row_id_of
from pipeline.normalise.numbers import parse_number
from pipeline.settings import current

# '3,000,00', 'Rp 1.221.150.00': the thousands separator before a two-digit last group. As
# printed it reads 3.000,00, but in the reports it is far more often 3,000,00[0] with a digit
# lost in conversion, so a finding that rests on it is not one.
LOST_DIGIT_RE = re.compile(r"^(?:Rp\.?\s*)?\d{1,3}([.,])\d{3}(?:\1\d{3})*\1\d{2}$")
INPUT_TEXTS = ("pagu_text", "realisasi_text", "pagu_before_text", "capaian_text", "target_text")


def doubtful_texts(row: dict) -> list[str]:
    """The row's printed figures that may have lost a digit."""
    return [row[k].strip() for k in INPUT_TEXTS if row.get(k) and LOST_DIGIT_RE.match(row[k].strip())]


def lost_leading_digit(row: dict) -> str | None:
    """'6,803,739,678' where pagu × the printed % gives 36,80x,xxx,xxx: the realisasi (or the
    pagu) printed without its first digit. Returns the suspect cell's text."""
    pagu, real, cap = row.get("pagu"), row.get("realisasi"), row.get("capaian_reported")
    if not pagu or not real or not cap or pagu <= 0 or real <= 0:
        return None
    slack = pagu * (half_unit(row.get("capaian_text")) or 0.005) / 100 + 1
    for value, implied, text in ((real, pagu * cap / 100, row.get("realisasi_text")),
                                 (pagu, real / cap * 100, row.get("pagu_text"))):
        magnitude = 10 ** len(str(int(value)))
        missing = implied - value
        digit = round(missing / magnitude)
        if 1 <= digit <= 9 and abs(missing - digit * magnitude) <= slack * max(1, implied / pagu):
            return text
    return None


def soften_doubtful(checks: list[dict], rows: list[dict]) -> list[dict]:
    """A mismatch on a row whose inputs may have lost a digit is unverifiable, with the cells named."""
    by_place = _doubtful_by_place(rows)
    for c in checks:
        texts = by_place.get((c.get("table_id"), c.get("line")))
        if c["status"] == "mismatch" and texts and c["kind"] in ("budget_capaian", "footing", "capaian"):
            c["status"] = "unverifiable"
            c["detail"] = ((c.get("detail") or "") + f"; {', '.join(repr(t) for t in texts)} "
                           "may have lost a digit in conversion (a last group after a thousands "
                           "separator, or a first digit the other figures imply)").lstrip("; ")
    return checks

def _doubtful_by_place(rows: list[dict]) -> dict[tuple, list[str]]:
    """(table, line) → the texts of that row that may have lost a digit."""
    by_place: dict[tuple, list[str]] = {}
    for r in rows:
        texts = doubtful_texts(r)
        if (lost := lost_leading_digit(r)) and lost not in texts:
            texts.append(lost)
        if texts:
            by_place.setdefault((r.get("table_id"), r.get("line")), []).extend(texts)
    return by_place


def tolerance_for(text: str | None, scale: float = 1.0) -> float:
    """Half a unit of the last printed digit (+0.01 for reports that truncate)."""
    decimals = parse_number(text).decimals if text else None
    return (0.5 * 10 ** -(decimals or 0) + current().truncation_allowance) * scale


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


def verdict(ok: bool, working: str | None) -> dict:
    """The status and detail of a check decided by the caller: the working is only kept
    for a mismatch, where it tells the reader how the figures disagree."""
    return {"status": "ok" if ok else "mismatch", "detail": None if ok else working}


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
        "row_id": row_id_of(row),
        "kind": known(kind),
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
