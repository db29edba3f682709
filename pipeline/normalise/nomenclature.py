"""Programme / kegiatan / sub kegiatan names of the national nomenclature (Permendagri 90/2019).

Reports number their budget rows irregularly ('1', '1.1', nothing, '3.1' for a programme)
and drop the 'Kegiatan' / 'Sub Kegiatan' prefixes, so a row's level often cannot be read
from the row itself. The nomenclature names every kegiatan and sub kegiatan: a name that
matches exactly one level settles it.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from rapidfuzz import fuzz, process

from pipeline.normalise.names import fold

NOMENCLATURE = Path(__file__).resolve().parents[2] / "data" / "reference" / "nomenclature.csv"
FUZZY_MIN = 93


@cache
def _levels() -> dict[str, frozenset[str]]:
    levels: dict[str, set[str]] = {}
    if not NOMENCLATURE.exists():
        return {}
    with NOMENCLATURE.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            key = _normal(row["name"])
            levels.setdefault(key, set()).add(row["level"])
    return {k: frozenset(v) for k, v in levels.items()}


def _normal(name: str) -> str:
    key = fold(name)
    # 'kabupaten kota' and 'provinsi' variants of the same programme are one name here
    return key.replace(" kabupaten kota", "").replace(" provinsi", "")


def level_from_nomenclature(name: str | None) -> str | None:
    """'program', 'kegiatan' or 'sub_kegiatan' when the name is in the nomenclature at
    exactly one level; None when unknown or ambiguous."""
    if not name:
        return None
    levels = _levels()
    key = _normal(name)
    found = levels.get(key)
    if found is None and len(key) > 12:
        match = process.extractOne(key, levels.keys(), scorer=fuzz.ratio, score_cutoff=FUZZY_MIN)
        if match:
            found = levels[match[0]]
    if found and len(found) == 1:
        return next(iter(found))
    return None
