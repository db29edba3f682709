"""The same staff counted by sex in two tables of one document.

Reports give their headcount several times (by position, rank, education) and the tables
should agree. One may include contract staff ('Tenaga Bantuan (Naban)', honorer, THL) that
another leaves out, so each table's civil-servant count is its grand total less those
rows. Only tables whose civil-servant totals agree are compared by sex: then a different
split of men and women is a contradiction, not a different population.
"""

from __future__ import annotations

import re
from collections import defaultdict

from pipeline.checks.common import check_row

TOTAL_RE = re.compile(r"^\s*(jumlah|total)\b", re.IGNORECASE)
CONTRACT_RE = re.compile(r"tenaga\s+bantuan|naban|honorer|non[\s-]*(asn|pns)|\bthl\b|\bptt\b|kontrak",
                         re.IGNORECASE)


def _by_sex(rows: list[dict]) -> dict[str, tuple[float, dict]] | None:
    """sex → (civil servants, the grand-total row), or None without a grand total by sex."""
    out = {}
    for sex in ("L", "P"):
        found = _civil_servants(rows, sex)
        if found is None:
            return None
        out[sex] = found
    return out


def _civil_servants(rows: list[dict], sex: str) -> tuple[float, dict] | None:
    """(the largest grand total of one sex less its contract-staff rows, that total's row)."""
    totals = [r for r in rows if r.get("sex") == sex and r.get("count") is not None
              and TOTAL_RE.match(r.get("category") or "")]
    if not totals:
        return None
    grand = max(totals, key=lambda r: (r["count"], r.get("line") or 0))
    contract = sum(r["count"] for r in rows if r.get("sex") == sex and r.get("count") is not None
                   and CONTRACT_RE.search(r.get("category") or ""))
    return grand["count"] - contract, grand


def staff_cross_checks(staffing: list[dict]) -> list[dict]:
    tables: dict[str, list[dict]] = defaultdict(list)
    for r in staffing:
        if r.get("dimension") != "kebutuhan":  # a staffing need is not a headcount
            tables[r["table_id"]].append(r)
    counted = [(t, s) for t, rows in tables.items() if (s := _by_sex(rows))]
    counted.sort(key=lambda ts: min((r.get("line") or 0) for r in tables[ts[0]]))
    out = []
    for i, (_, first) in enumerate(counted):
        for _, later in counted[i + 1:]:
            if first["L"][0] + first["P"][0] == later["L"][0] + later["P"][0]:
                out += [_split_check(first, later, sex, word)
                        for sex, word in (("L", "men"), ("P", "women"))]
    return out


def _split_check(first: dict, later: dict, sex: str, word: str) -> dict:
    """A later table's count of one sex against the earlier table's, both civil servants."""
    reported, row = later[sex][0], later[sex][1]
    expected = first[sex][0]
    return check_row(
        row, "staff_cross", f"civil servants ({word})", reported, expected, 0.5,
        "the earlier table's grand total less its contract staff",
        detail=None if reported == expected else
        f"{reported:g} {word} here; the table at line {first[sex][1].get('line')} gives "
        f"{first[sex][1]['count']:g} less {first[sex][1]['count'] - expected:g} contract staff "
        f"= {expected:g}, and both count {first['L'][0] + first['P'][0]:g} in all")
