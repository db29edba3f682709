"""Prose claims (`claims`) held against the curated tables of the same document.

A claim is `ok` when some table figure it can stand for agrees within the claim's own
rounding; `mismatch` when the figures it can stand for all disagree; claims that find no
table figure at all are `unverifiable`.
"""

from __future__ import annotations

from statistics import mean

from pipeline.checks.common import check_row, tolerance_for, verdict
from pipeline.checks.narrative_figures import (
    SELF_FORMULAS,
    amount_checks,
    band_checks,
    count_checks,
    indicator_figure_checks,
    self_checks,
)


def _indicator_capaian(claim: dict, performance: list[dict]) -> list[float]:
    rows = [r for r in performance if r.get("indicator") == claim["subject"]
            and r.get("capaian_reported") is not None and r.get("measure") in ("annual", "history")]
    same_year = [r["capaian_reported"] for r in rows if r.get("year") == claim["year"]]
    return same_year


def _mean_capaian(claim: dict, performance: list[dict], kinds: dict[str, str]) -> list[float]:
    """Means of each capaian table's annual capaian: the claim may describe any of them."""
    by_table: dict[str, list[float]] = {}
    for r in performance:
        if (r.get("capaian_reported") is not None and r.get("year") == claim["year"]
                and r.get("measure") == "annual"
                and kinds.get(r["table_id"]) == "capaian_kinerja"):
            by_table.setdefault(r["table_id"], []).append(r["capaian_reported"])
    return [round(mean(v), 6) for v in by_table.values() if v]


def _absorption(claim: dict, budget: list[dict]) -> list[float]:
    out = []
    for r in budget:
        if r.get("level") == "total" and r.get("pagu") and r.get("realisasi") is not None \
                and r.get("year") == claim["year"]:
            out.append(round(r["realisasi"] / r["pagu"] * 100, 6))
    return out


def _row_absorption(claim: dict, budget: list[dict], tolerance: float) -> tuple[float, str] | None:
    """The budget row of the claim's year whose absorption the stated figure is, if one is."""
    for r in budget:
        if r.get("year") != claim["year"] or not r.get("pagu") or r.get("realisasi") is None:
            continue
        value = r["realisasi"] / r["pagu"] * 100
        # prose rounds ('84 %' for 83,9 %) or cuts ('84 %' for 84,4 %)
        if abs(value - claim["value"]) <= max(tolerance, 0.5) or int(value) == claim["value"]:
            return round(value, 6), f"{r.get('name')} (page/line {r.get('page') or r.get('line')})"
    return None


def narrative_checks(claims: list[dict], performance: list[dict], budget: list[dict],
                     kinds: dict[str, str], staffing: list[dict] | None = None) -> list[dict]:
    def of(*names: str) -> list[dict]:
        return [c for c in claims if c["kind"] in names]

    out = (indicator_figure_checks(of("indicator_figure"), performance)
           + count_checks(of("count"), performance, budget, staffing or [])
           + band_checks(of("band_count"), performance, budget)
           + amount_checks(of("budget_amount"), budget)
           + self_checks(of(*SELF_FORMULAS)))
    for claim in of("indicator_capaian", "mean_capaian", "budget_absorption"):
        out.append(_capaian_claim(claim, performance, budget, kinds))
    return out


def _capaian_candidates(claim: dict, performance: list[dict], budget: list[dict],
                        kinds: dict[str, str]) -> tuple[list[float], str]:
    """(the figures a stated capaian or absorption may stand for, the formula that names them)."""
    if claim["kind"] == "indicator_capaian":
        return _indicator_capaian(claim, performance), "the indicator's capaian in the tables"
    if claim["kind"] == "mean_capaian":
        return (_mean_capaian(claim, performance, kinds),
                "mean of a capaian table's annual capaian")
    return _absorption(claim, budget), "total realisasi / total pagu × 100"


def _capaian_claim(claim: dict, performance: list[dict], budget: list[dict],
                   kinds: dict[str, str]) -> dict:
    """One stated capaian against the nearest of its candidate figures."""
    candidates, formula = _capaian_candidates(claim, performance, budget, kinds)
    row = {"doc_id": claim["doc_id"], "table_id": None, "row_no": None,
           "page": claim.get("page"), "line": claim["line"]}
    subject = f"prose: {claim['subject'] or claim['kind']} {claim['year'] or ''}".strip()
    tolerance = tolerance_for(claim["value_text"])
    if not candidates:
        return check_row(row, "narrative", subject, claim["value"], None, tolerance,
                         formula, status="unverifiable",
                         detail="no table figure found for this statement")
    nearest = min(candidates, key=lambda v: abs(v - claim["value"]))
    ok = abs(nearest - claim["value"]) <= tolerance
    part = None if ok else _part_absorption(claim, budget, tolerance)
    if part is not None:
        return check_row(row, "narrative", subject, claim["value"], part[0], tolerance,
                         "a budget row's realisasi / pagu × 100", status="ok", detail=part[1])
    return check_row(
        row, "narrative", subject, claim["value"], nearest, tolerance, formula,
        **verdict(ok, f"prose says {claim['value_text']}; the tables give "
                      + ", ".join(f"{v:.2f}" for v in sorted(set(candidates)))),
    )


def _part_absorption(claim: dict, budget: list[dict], tolerance: float) -> tuple[float, str] | None:
    """'Permasalahan: penyerapan anggaran sebesar 84 %' under one kegiatan speaks of that
    kegiatan's absorption, which a budget row prints; other claims have no such part."""
    if claim["kind"] != "budget_absorption":
        return None
    return _row_absorption(claim, budget, tolerance)
