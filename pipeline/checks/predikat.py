"""The printed criterion (Sangat Tinggi … Sangat Rendah) against the capaian it rates.

Scale of Permendagri 86/2017 (Formulir T-E.1): > 90 Sangat Tinggi, 76–90 Tinggi, 66–75
Sedang, 51–65 Rendah, ≤ 50 Sangat Rendah. Reports that print their own scale use the same
bands; capaian above 100 % stays Sangat Tinggi.
"""

from __future__ import annotations

import re

from pipeline.checks.common import check_row
from pipeline.normalise.names import fold

BANDS = ((90, "sangat tinggi"), (75, "tinggi"), (65, "sedang"), (50, "rendah"))
CRITERIA = ("sangat tinggi", "tinggi", "sedang", "sangat rendah", "rendah")


def expected_criterion(capaian: float) -> str:
    for floor, name in BANDS:
        if capaian > floor:
            return name
    return "sangat rendah"


def printed_criterion(text: str | None) -> str | None:
    if not text:
        return None
    folded = re.sub(r"\s+", "", fold(text))  # 'Sangat Renda h' → 'sangatrendah'
    for name in CRITERIA:
        if name.replace(" ", "") in folded:
            return name
    return None


def predikat_checks(rows: list[dict]) -> list[dict]:
    out = []
    for row in rows:
        printed = printed_criterion(row.get("predikat_reported"))
        capaian = row.get("capaian_reported")
        if printed is None or capaian is None:
            continue
        expected = expected_criterion(capaian)
        ok = printed == expected
        out.append(check_row(
            row, "predikat", f"{row.get('indicator')} {row.get('year') or ''}", capaian, capaian,
            None, "Permendagri 86/2017 band of the printed capaian",
            status="ok" if ok else "mismatch",
            detail=f"printed '{row.get('predikat_reported')}' for capaian {capaian:g}; "
                   f"the scale gives '{expected.title()}'",
        ))
    return out
