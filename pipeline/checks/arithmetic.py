"""Row arithmetic the report printed a result for: capaian and budget absorption.

Checks read curated rows only, never raw text, so they work the same for every input format.
Tolerance is half a unit of the reported figure's last printed digit, plus 0.01 because many
reports truncate rather than round (95,387 printed as 95,38).
"""

from __future__ import annotations

from collections.abc import Iterable

from pipeline.normalise.numbers import parse_number

TRUNCATION_ALLOWANCE = 0.01


def tolerance_for(text: str | None) -> float:
    decimals = parse_number(text).decimals if text else None
    return 0.5 * 10 ** -(decimals or 0) + TRUNCATION_ALLOWANCE


def _ratio_check(
    *,
    kind: str,
    row: dict,
    subject: str,
    numerator: float | None,
    denominator: float | None,
    reported: float | None,
    reported_text: str | None,
    formula: str,
) -> dict | None:
    if reported is None:
        return None
    base = {
        "doc_id": row["doc_id"],
        "table_id": row["table_id"],
        "row_no": row["row_no"],
        "kind": kind,
        "subject": subject,
        "reported": reported,
        "formula": formula,
        "page": row.get("page"),
        "line": row.get("line"),
    }
    if numerator is None or denominator is None:
        return {**base, "status": "unverifiable", "detail": "an input of the formula is not printed"}
    if denominator == 0:
        return {**base, "status": "unverifiable", "detail": "division by a zero printed figure"}
    recomputed = round(numerator / denominator * 100, 6)
    tolerance = tolerance_for(reported_text)
    diff = round(reported - recomputed, 6)
    status = "ok" if abs(diff) <= tolerance else "mismatch"
    detail = None
    if status == "mismatch":
        detail = f"printed {reported_text or reported} but {formula} gives {recomputed:.2f}"
    return {**base, "recomputed": recomputed, "diff": diff, "tolerance": tolerance,
            "status": status, "detail": detail}


def capaian_checks(rows: Iterable[dict]) -> list[dict]:
    out = []
    for row in rows:
        subject = f"{row.get('indicator')} {row.get('year') or ''} {row.get('measure') or ''}"
        check = _ratio_check(
            kind="capaian", row=row, subject=subject, numerator=row.get("realisasi"),
            denominator=row.get("target"), reported=row.get("capaian_reported"),
            reported_text=row.get("capaian_text"), formula="realisasi / target × 100",
        )
        if check:
            out.append(check)
    return out


def budget_capaian_checks(rows: Iterable[dict]) -> list[dict]:
    out = []
    for row in rows:
        check = _ratio_check(
            kind="budget_capaian", row=row, subject=row.get("name") or "",
            numerator=row.get("realisasi"), denominator=row.get("pagu"),
            reported=row.get("capaian_reported"), reported_text=row.get("capaian_text"),
            formula="realisasi / pagu × 100",
        )
        if check:
            out.append(check)
    return out


def run_checks(doc_id: str, tables: dict[str, list[dict]]) -> list[dict]:
    checks = capaian_checks(tables.get("performance", []))
    checks += budget_capaian_checks(tables.get("budget", []))
    for n, check in enumerate(checks, start=1):
        check["check_id"] = f"{doc_id}:{n:05d}"
    return checks
