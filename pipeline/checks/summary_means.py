"""Summary rows of an evaluation form (Permendagri 86/2017 form E.81): 'RATA-RATA CAPAIAN
KINERJA DAN ANGGARAN DARI SELURUH PROGRAM' with the mean kinerja (K) and anggaran (Rp)
capaian of the rows at that level.

The forms as converted print a summary's figures one row below its label (the label's own
row holds the predikat), so a label whose row has no figures takes the next row's. A mean is
only recomputed when every row at its level gives the figure: a garbled row would otherwise
make a false finding.
"""

from __future__ import annotations

import re
from statistics import mean

from pipeline.checks.common import check_row, tolerance_for
from pipeline.normalise.numbers import parse_number

SUMMARY_RE = re.compile(r"rata-rata\s+capaian\s+kinerja\s+dan\s+anggaran\s+dari\s+seluruh\s+"
                        r"(sub\s*kegiatan|kegiatan|program)", re.IGNORECASE)


def _figures(row: list[dict]) -> list[tuple[float, str, int | None]]:
    out = []
    for cell in row[1:]:
        text = (cell.get("text") or "").strip()
        value = parse_number(text, role="ratio").value if text else None
        if value is not None:
            out.append((value, text, cell.get("line")))
    return out


def _summaries(table: dict) -> list[tuple[str, list[tuple[float, str, int | None]]]]:
    """(level, its K and Rp figures) of each summary row of a table that prints both."""
    rows = table.get("cells") or []
    out = []
    for i, row in enumerate(rows):
        m = SUMMARY_RE.search(_label(row))
        if not m:
            continue
        figures = _summary_figures(rows, i)
        if len(figures) >= 2:
            out.append((re.sub(r"\s+", "_", m.group(1).lower()), figures[:2]))
    return out


def _label(row: list[dict]) -> str:
    """A row's first two cells, where a summary's label is printed."""
    return " ".join(c.get("text") or "" for c in row[:2])


def _summary_figures(rows: list[list[dict]], i: int) -> list[tuple[float, str, int | None]]:
    """The summary row's figures; a label whose row has fewer than two takes the next row's,
    unless that row is itself a summary."""
    figures = _figures(rows[i])
    if len(figures) < 2 and i + 1 < len(rows) and not SUMMARY_RE.search(_label(rows[i + 1])):
        figures = _figures(rows[i + 1])
    return figures


def summary_mean_checks(source_tables: list[dict], performance: list[dict], budget: list[dict]) -> list[dict]:
    """Every summary row of every evaluation form against the mean of its level's rows."""
    out = []
    for table in source_tables:
        summaries = _summaries(table)
        if summaries:
            out += _table_means(table, summaries, performance, budget)
    return out


def _table_means(table: dict, summaries: list[tuple], performance: list[dict],
                 budget: list[dict]) -> list[dict]:
    """One form's summaries: the K mean over its performance rows (matched to the budget rows
    by line), the Rp mean over its budget rows."""
    table_budget = [b for b in budget if b["table_id"] == table["table_id"]
                    and b.get("measure") in (None, "annual")]
    kinerja = {p.get("line"): p.get("capaian_reported") for p in performance
               if p["table_id"] == table["table_id"] and p.get("measure") == "annual"}
    out = []
    for level, ((k_value, k_text, line), (rp_value, rp_text, _)) in summaries:
        k_rows, rp_rows = _level_values(table_budget, kinerja, level)
        where = {"doc_id": table["doc_id"], "table_id": table["table_id"], "row_no": None,
                 "line": line, "page": None}
        for what, printed, text, values in (("kinerja (K)", k_value, k_text, k_rows),
                                             ("anggaran (Rp)", rp_value, rp_text, rp_rows)):
            out.append(_mean_check(where, level, what, printed, text, values))
    return out


def _level_values(table_budget: list[dict], kinerja: dict, level: str) -> tuple[list, list]:
    """The K capaian (by the budget row's line) and the Rp capaian of every row at a level."""
    rows = [b for b in table_budget if b.get("level") == level]
    return [kinerja.get(b.get("line")) for b in rows], [b.get("capaian_reported") for b in rows]


def _mean_check(where: dict, level: str, what: str, printed: float, text: str,
                values: list[float | None]) -> dict:
    """A mean is only recomputed when every row at its level gives the figure."""
    subject = f"mean {what} capaian of every {level.replace('_', ' ')}"
    formula = f"mean of the {len(values)} {level} rows' {what} capaian"
    if not values or any(v is None for v in values):
        return check_row(where, "summary_mean", subject, printed, None, None, formula,
                         status="unverifiable",
                         detail=f"{sum(v is None for v in values)} of {len(values)} rows "
                                "give no figure")
    return check_row(where, "summary_mean", subject, printed, round(mean(values), 6),
                     tolerance_for(text), formula)
