"""Capaian columns printed as a fraction of one ('1,00' for 100 %, '0,28' for 28 %).

Some reports print the achievement rate as realisasi / target without the × 100, under a
header that still says '(%)'. Read as printed, every such row would look like an arithmetic
error. The table's own arithmetic tells: where, in one column group (the records of one
measure and year), the printed capaian × 100 reproduces realisasi / target × 100 (either
way round) on most rows that print all three, and the printed capaian itself reproduces it
on none, the column prints fractions; its capaian are read × 100 and each record says so.
"""

from __future__ import annotations

from pipeline.curate.arithmetic import FRACTION_MAX, ratios
from pipeline.curate.arithmetic import FRACTION_TOLERANCE as TOLERANCE

#: rows that must show the fraction before a column is read as one
MIN_ROWS = 2
MIN_SHARE = 0.6
NOTE = "capaian printed as a fraction of one ('1,00' = 100 %): read × 100"


def _ratios(rec: dict) -> list[float]:
    real, target = rec.get("realisasi"), rec.get("target")
    return ratios(real, target) if real and target else []


def _holds(printed: float, ratios: list[float]) -> bool:
    return any(abs(printed - r) <= TOLERANCE for r in ratios)


def _prints_fractions(group: list[dict]) -> bool:
    """Most rows of the group that print target, realisasi and capaian show the fraction,
    and none shows the percentage itself."""
    decided = [(rec["capaian_reported"], _ratios(rec)) for rec in group
               if rec.get("capaian_reported") is not None and _ratios(rec)]
    if any(_holds(printed, ratios) for printed, ratios in decided):
        return False
    fractions = sum(abs(printed) <= FRACTION_MAX and _holds(printed * 100, ratios)
                    for printed, ratios in decided)
    return fractions >= MIN_ROWS and fractions >= MIN_SHARE * len(decided)


def capaian_fractions(records: list[dict]) -> list[dict]:
    """Records of one table with each fraction-printing column group's capaian × 100."""
    groups: dict[object, list[dict]] = {}
    for rec in records:
        groups.setdefault((rec.get("measure"), rec.get("year")), []).append(rec)
    for group in groups.values():
        if not _prints_fractions(group):
            continue
        for rec in group:
            if rec.get("capaian_reported") is not None:
                rec["capaian_reported"] = round(rec["capaian_reported"] * 100, 6)
                rec["parse_note"] = "; ".join(n for n in (rec.get("parse_note"), NOTE) if n)
    return records
