"""Programme / kegiatan / sub kegiatan names of the national nomenclature (Permendagri 90/2019).

Reports number their budget rows irregularly ('1', '1.1', nothing, '3.1' for a programme)
and drop the 'Kegiatan' / 'Sub Kegiatan' prefixes, so a row's level often cannot be read
from the row itself. The nomenclature names every kegiatan and sub kegiatan: a name that
matches exactly one level settles it.
"""

from __future__ import annotations

import re
from functools import cache

from pipeline.normalise import matcher
from pipeline.normalise.fold import fold
from pipeline.reference import read_rows
from pipeline.settings import current

NOMENCLATURE = "nomenclature.csv"  # packaged in pipeline/reference/

# The compiled source carries conversion debris on 177 names: a line break exported as the
# letters 'rn' glued to the last word ('Sekolah Dasarrn'; no word of the nomenclature ends
# in 'rn') and the Aceh / DIY footnote marks '******)'. Left in, the name never matches a
# printed one, and the row's level falls back to guesswork.
NAME_DEBRIS = re.compile(r"(?:\*+\))?(?:rn)?$")


def clean_name(name: str) -> str:
    """The nomenclature name without the source's line-break and footnote debris."""
    return NAME_DEBRIS.sub("", name.strip()).strip()


@cache
def _rows() -> dict[str, list[dict]]:
    """Nomenclature rows by normalised name; raises MissingReferenceData when the packaged
    table is absent, since an empty one would quietly change every budget row's level."""
    by_name: dict[str, list[dict]] = {}
    for row in read_rows(NOMENCLATURE):
        row = {**row, "name": clean_name(row["name"])}
        by_name.setdefault(_normal(row["name"]), []).append(row)
    return by_name


@cache
def _levels() -> dict[str, frozenset[str]]:
    return {k: frozenset(r["level"] for r in rows) for k, rows in _rows().items()}


@cache  # a row's name is looked up for its level and again for its name_key
def _lookup(name: str) -> str | None:
    key = _normal(name)
    levels = _levels()
    if key in levels:
        return key
    if len(key) > 12:
        match = matcher.best(key, levels.keys(), current().nomenclature_fuzzy_min)
        if match:
            return match[0]
    return None


def official(name: str | None) -> tuple[str, str, str] | None:
    """(level, official name, code) of a printed programme / kegiatan / sub kegiatan name."""
    if not name:
        return None
    key = _lookup(name)
    if key is None:
        return None
    rows = _rows()[key]
    if len({r["level"] for r in rows}) != 1:
        rows = _kegiatan_named_like_its_sub(rows)
        if not rows:
            return None
    row = rows[0]
    return row["level"], row["name"], row["code"]


def _kegiatan_named_like_its_sub(rows: list[dict]) -> list[dict]:
    """Some kegiatan have a sub kegiatan of exactly their name (1.02.03.2.03 and
    1.02.03.2.03.01 'Pengembangan Mutu dan Peningkatan Kompetensi Teknis …'): printed once,
    the name is the kegiatan; printed again right under it, the curator reads the second as
    the sub kegiatan. Any other name found at two levels stays undecided (empty)."""
    kegiatan = [r for r in rows if r["level"] == "kegiatan"]
    subs = [r for r in rows if r["level"] == "sub_kegiatan"]
    if len(kegiatan) + len(subs) != len(rows) or not kegiatan:
        return []
    codes = {r["code"] for r in kegiatan if r["code"]}
    if all(any(s["code"].startswith(c + ".") for c in codes) for s in subs if s["code"]):
        return kegiatan
    return []


def _normal(name: str) -> str:
    key = fold(name)
    # 'kabupaten kota' and 'provinsi' variants of the same programme are one name here
    return key.replace(" kabupaten kota", "").replace(" provinsi", "")


def level_from_nomenclature(name: str | None) -> str | None:
    """'program', 'kegiatan' or 'sub_kegiatan' when the name is in the nomenclature at
    exactly one level; None when unknown or ambiguous."""
    found = official(name)
    return found[0] if found else None
