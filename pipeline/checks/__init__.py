"""Recomputed checks over one document's curated rows. `run_checks` is the entry point."""

from __future__ import annotations

from pipeline import registry
from pipeline.checks.arithmetic import budget_capaian_checks, capaian_checks, ikk_checks
from pipeline.checks.common import soften_doubtful
from pipeline.checks.cross_table import cross_table_checks
from pipeline.checks.efisiensi import efisiensi_checks
from pipeline.checks.footing import budget_footing, budget_quarters, kinerja_quarters, staff_checks
from pipeline.checks.narrative import narrative_checks
from pipeline.checks.predikat import document_scale, predikat_checks
from pipeline.checks.staff_cross import staff_cross_checks
from pipeline.checks.summary_means import summary_mean_checks


def _scale_lines(lines: list[str] | None, tables: dict[str, list[dict]]) -> list[str]:
    """The prose and every table row as text: a criterion scale is printed as either."""
    out = list(lines or [])
    for table in tables.get("source_tables", []):
        out.append("")
        for row in (table.get("header_cells") or []) + (table.get("cells") or []):
            out.append(" ".join(cell["text"] for cell in row if cell.get("text")))
    return out


def registered_checks(tables: dict[str, list[dict]]) -> list[dict]:
    """The checks of kinds added through pipeline/registry.py, after the built-in ones."""
    return [check for runner in registry.check_runners().values()
            for check in registry.resolve(runner)(tables)]


def run_checks(doc_id: str, tables: dict[str, list[dict]], doc_type: str | None = None,
               lines: list[str] | None = None) -> list[dict]:
    """`lines` is the document's prose, where a report prints its own criterion scale."""
    kinds = {t["table_id"]: t["kind"] for t in tables.get("source_tables", [])}
    performance = tables.get("performance", [])
    budget = tables.get("budget", [])
    checks = (
        capaian_checks(performance)
        + budget_capaian_checks(budget)
        + ikk_checks(tables.get("ikk", []))
        + budget_footing(budget)
        + budget_quarters(budget)
        + kinerja_quarters(performance)
        + staff_checks(tables.get("staffing", []))
        + staff_cross_checks(tables.get("staffing", []))
        + cross_table_checks(performance, budget, kinds, doc_type)
        + predikat_checks(performance, document_scale(_scale_lines(lines, tables)))
        + efisiensi_checks(budget, performance, tables.get("source_tables", []))
        + summary_mean_checks(tables.get("source_tables", []), performance, budget)
        + narrative_checks(tables.get("claims", []), performance, budget, kinds,
                           tables.get("staffing", []))
    )
    checks = soften_doubtful(checks, budget + performance) + registered_checks(tables)
    for n, check in enumerate(checks, start=1):
        check["check_id"] = f"{doc_id}:{n:05d}"
    return checks
