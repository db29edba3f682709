"""The same figure printed differently in two tables of one document.

Indicators are matched by `indicator_key` and year, programmes by `name_key` and org unit.
The value most tables agree on is the reference; each table that prints another value gets
a mismatch row (reported = its value, recomputed = the reference). With no majority, a
Perjanjian Kinerja table is the reference for targets and the row's own arithmetic for
capaian; otherwise each side is flagged against the other.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from pipeline.checks.common import check_row

PERFORMANCE_FIELDS = ("target", "realisasi", "capaian_reported")
# Targets are commitments: compare them across the report's own performance tables, not the
# planning worksheets appended to it (Renja, E.81, Rencana Aksi), which are revised in-year.
TARGET_KINDS = ("perjanjian_kinerja", "capaian_kinerja", "capaian_history", "renstra_target",
                "renstra_progress", "efisiensi")
# Amounts: compare what was executed; plans and proposals (pagu indikatif) legitimately differ.
EXECUTION_KINDS = ("realisasi_anggaran", "efisiensi")
BUDGET_FIELDS = ("pagu", "realisasi", "capaian_reported")
COMPARABLE_MEASURES = ("annual", "history")


def _reference(field: str, rows: list[dict], kinds: dict[str, str]) -> float | None:
    counts = Counter(r[field] for r in rows)
    (top, n), *rest = counts.most_common()
    if not rest or n > rest[0][1]:
        return top
    if field == "target":
        pk = {r[field] for r in rows if kinds.get(r["table_id"]) == "perjanjian_kinerja"}
        if len(pk) == 1:
            return pk.pop()
        # The table that prints the change itself (Sebelum → Sesudah) states the current target.
        revised = {r[field] for r in rows if r.get("target_before") is not None}
        if len(revised) == 1:
            return revised.pop()
    if field == "capaian_reported":
        for r in rows:
            t, real = r.get("target"), r.get("realisasi")
            if t and real is not None and abs(real / t * 100 - r[field]) < 0.02:
                return r[field]
    return None


def _compare(groups: dict[tuple, list[dict]], fields: tuple[str, ...], kinds: dict[str, str],
             label, target_kinds: tuple[str, ...] | None = None) -> list[dict]:
    out = []
    for key, rows in groups.items():
        # A name printed on several rows of one table (once per kelurahan, or at two levels)
        # does not say which of its rows is the figure the other tables print: leave it out.
        per_table = Counter(r["table_id"] for r in rows)
        rows = [r for r in rows if per_table[r["table_id"]] == 1]
        if len(rows) < 2:
            continue
        for field in fields:
            present = [r for r in rows if r.get(field) is not None]
            if field == "target" and target_kinds:
                present = [r for r in present if kinds.get(r["table_id"]) in target_kinds]
            if len({r["table_id"] for r in present}) < 2:
                continue
            values = {round(r[field], 6) for r in present}
            if len(values) < 2:
                continue
            ref = _reference(field, present, kinds)
            # A target printed before a mid-year change (Sebelum) is still that table's target.
            before = {round(r["target_before"], 6) for r in rows
                      if field == "target" and r.get("target_before") is not None}
            for r in present:
                if round(r[field], 6) in before:
                    continue
                others = [o for o in present if o["table_id"] != r["table_id"]]
                expected = ref if ref is not None else others[0][field]
                if abs(r[field] - expected) < 1e-6:
                    continue
                where = ", ".join(sorted({f"line {o.get('line') or ''} page {o.get('page') or ''}"
                                          .replace("page ", "p").strip() for o in others
                                          if abs(o[field] - expected) < 1e-6}))
                out.append(check_row(
                    r, "cross_table", f"{label(key)} {field}", r[field], expected, 0.0,
                    f"same {field} in other tables of the document",
                    # Two tables that disagree with no majority and no reference: which one
                    # is wrong is not known, so neither is called an error.
                    status="mismatch" if ref is not None else "unverifiable",
                    detail=f"{field} {r[field]:g} here but {expected:g} at {where}"
                           + ("" if ref is not None else "; no majority, no reference table"),
                ))
    return out


def cross_table_checks(performance: list[dict], budget: list[dict],
                       kinds: dict[str, str], doc_type: str | None = None) -> list[dict]:
    """In a Renja the planning forms (T-C.29, T-C.31, the appendix) are the document itself,
    so their targets must agree; in an LKjIP they are appended working papers, revised
    during the year, and only the report's own performance tables are compared."""
    perf_groups: dict[tuple, list[dict]] = defaultdict(list)
    for r in performance:
        if r.get("indicator_key") and r.get("year") and r.get("measure") in COMPARABLE_MEASURES:
            perf_groups[(r["indicator_key"], r["year"], r.get("org_unit"))].append(r)
    budget_groups: dict[tuple, list[dict]] = defaultdict(list)
    for r in budget:
        if r.get("name_key") and r.get("measure") is None and kinds.get(r["table_id"]) in EXECUTION_KINDS:
            budget_groups[(r["name_key"], r.get("unit"), r.get("year"), r.get("level"))].append(r)
    return (
        _compare(perf_groups, PERFORMANCE_FIELDS, kinds, lambda k: f"{k[0]} {k[1]}",
                 None if doc_type == "Renja" else TARGET_KINDS)
        + _compare(budget_groups, BUDGET_FIELDS, kinds, lambda k: f"{k[0]} ({k[1] or ''})")
    )
