"""The printed criterion (Sangat Tinggi … Sangat Rendah) against the capaian it rates.

The scale the document prints wins ('> 100 % Sangat Baik, 80 – 100 % Baik, 50 - < 80 %
Sedang, < 50 % Kurang' in a 2016 LKIP); without one, the scale of Permendagri 86/2017
(Formulir T-E.1): > 90 Sangat Tinggi, 76–90 Tinggi, 66–75 Sedang, 51–65 Rendah, ≤ 50 Sangat
Rendah, capaian above 100 % staying Sangat Tinggi. A criterion of another family than the
scale's ('Baik' against Permendagri's) is not judged: 'Sedang' means different bands in each.
"""

from __future__ import annotations

import re

from pipeline.checks.common import check_row
from pipeline.normalise.names import fold

Band = tuple[float, bool, str]  # (lower bound, bound included, criterion)
BANDS: list[Band] = [(90, False, "sangat tinggi"), (75, False, "tinggi"), (65, False, "sedang"),
                     (50, False, "rendah"), (float("-inf"), True, "sangat rendah")]
CRITERIA = ("sangat tinggi", "tinggi", "sedang", "sangat rendah", "rendah",
            "sangat baik", "sangat kurang", "baik", "cukup", "kurang")
NUM = r"(\d+(?:[.,]\d+)?)"
SCALE_LINE = re.compile(
    rf"^\s*(?:(?P<gt>>|≥|>=)\s*{NUM}|(?P<lt><|≤|<=)\s*{NUM}|{NUM}\s*%?\s*[-–—]\s*(?:<\s*)?{NUM})"
    r"\s*%?\s+(?P<name>(?:sangat\s+)?(?:tinggi|rendah|baik|kurang)|sedang|cukup)\s*$",
    re.IGNORECASE)


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def document_scale(lines: list[str]) -> list[Band] | None:
    """The criterion scale a report prints for itself: three or more consecutive lines of
    a range and a criterion. Highest band first, as `expected_criterion` reads them."""
    run: list[Band] = []
    best: list[Band] = []
    for line in lines:
        m = SCALE_LINE.match(line)
        if not m:
            if len(run) > len(best):
                best = run
            run = []
            continue
        run.append(_band(m))
    if len(run) > len(best):
        best = run
    return sorted(best, key=lambda b: (b[0], not b[1]), reverse=True) if len(best) >= 3 else None


def _band(m: re.Match) -> Band:
    """One scale line as a band: '> 90' excludes its bound, '≥ 90' and '76 – 90' include it,
    '< 50' is the bottom band."""
    nums = [g for g in m.groups()[1:] if g and re.fullmatch(NUM, g)]
    if m.group("gt"):
        band = (_number(nums[0]), m.group("gt") != ">", m.group("name"))
    elif m.group("lt"):
        band = (float("-inf"), True, m.group("name"))
    else:
        band = (_number(nums[0]), True, m.group("name"))
    return band[0], band[1], re.sub(r"\s+", " ", band[2].lower())


def expected_criterion(capaian: float, bands: list[Band] | None = None) -> str:
    for floor, inclusive, name in bands or BANDS:
        if capaian > floor or (inclusive and capaian == floor):
            return name
    return (bands or BANDS)[-1][2]


def printed_criterion(text: str | None) -> str | None:
    if not text:
        return None
    folded = re.sub(r"\s+", "", fold(text))  # 'Sangat Renda h' → 'sangatrendah'
    for name in CRITERIA:
        if name.replace(" ", "") in folded:
            return name
    return None


def predikat_checks(rows: list[dict], scale: list[Band] | None = None) -> list[dict]:
    out = []
    bands = scale or BANDS
    known = {name for _, _, name in bands}
    formula = "the document's own scale" if scale else "Permendagri 86/2017 band of the printed capaian"
    for row in rows:
        printed = printed_criterion(row.get("predikat_reported"))
        capaian = row.get("capaian_reported")
        if printed is not None and capaian is not None and printed in known:
            out.append(_predikat_check(row, printed, bands, formula))
    return out


def _predikat_check(row: dict, printed: str, bands: list[Band], formula: str) -> dict:
    """The printed criterion against the band its capaian falls in."""
    capaian = row["capaian_reported"]
    expected = expected_criterion(capaian, bands)
    return check_row(
        row, "predikat", f"{row.get('indicator')} {row.get('year') or ''}", capaian, capaian,
        None, formula,
        status="ok" if printed == expected else "mismatch",
        detail=f"printed '{row.get('predikat_reported')}' for capaian {capaian:g}; "
               f"the scale gives '{expected.title()}'",
    )
