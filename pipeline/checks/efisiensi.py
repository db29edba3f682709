"""The efficiency label a report prints per programme ('Efisien' / 'Tidak Efisien') against
the rule the reports state with it: efficient when the programme's capaian kinerja reaches
100 % and its budget absorption stays below that capaian.

The label sits in a text cell of the efficiency table, the absorption in its % column, the
capaian kinerja in the report's programme-indicator table (the mean of the programme's
indicators, as the rule says 'rata-rata capaian kinerja').
"""

from __future__ import annotations

import re
from collections import defaultdict
from statistics import mean

from pipeline.checks.common import check_row
from pipeline.normalise.names import name_key

LABEL_RE = re.compile(r"^\s*(tidak\s+)?efisien\s*$", re.IGNORECASE)
FULL = 100.0


def _labels(source_tables: list[dict]) -> dict[tuple[str, int], bool]:
    """(table_id, line) → printed label is 'Efisien'."""
    out = {}
    for t in source_tables:
        if t.get("kind") != "efisiensi":
            continue
        for row in t.get("cells") or []:
            for cell in row:
                m = LABEL_RE.match(cell.get("text") or "")
                if m and cell.get("line") is not None:
                    out[(t["table_id"], cell["line"])] = m.group(1) is None
    return out


def _programme_capaian(performance: list[dict]) -> dict[tuple[str, int | None], list[tuple[str, int, float]]]:
    """(programme, year) → (table, line, mean capaian) per table giving the programme's indicators."""
    per_table = _programme_rows(performance)
    out: dict[tuple[str, int | None], list[tuple[str, int, float]]] = defaultdict(list)
    for (key, year, table_id), rows in per_table.items():
        line = min(r.get("line") or 0 for r in rows)
        out[(key, year)].append((table_id, line, mean(r["capaian_reported"] for r in rows)))
    return out


def _programme_rows(performance: list[dict]) -> dict[tuple[str, int | None, str], list[dict]]:
    """(programme key, year, table) → the annual rows with a capaian of that programme."""
    per_table: dict[tuple[str, int | None, str], list[dict]] = defaultdict(list)
    for r in performance:
        name = r.get("program") or r.get("name")
        if name and r.get("capaian_reported") is not None and r.get("measure") in ("annual", None):
            per_table[(name_key(name), r.get("year"), r["table_id"])].append(r)
    return per_table


def efisiensi_checks(budget: list[dict], performance: list[dict], source_tables: list[dict]) -> list[dict]:
    labels = _labels(source_tables)
    capaian = _programme_capaian(performance)
    out = []
    for r in budget:
        efficient_printed = labels.get((r["table_id"], r.get("line")))
        if efficient_printed is not None and r.get("capaian_reported") is not None:
            out.append(_efficiency_check(r, efficient_printed, _nearest_kinerja(r, capaian)))
    return out


def _nearest_kinerja(r: dict, capaian: dict[tuple, list[tuple[str, int, float]]]) -> float | None:
    """The programme's mean capaian kinerja in the programme-indicator table printed nearest
    the efficiency table (the one it uses); never the row's own table, whose % column is the
    absorption, not the kinerja."""
    found = [f for f in capaian.get((r.get("name_key") or name_key(r.get("name")), r.get("year")), [])
             if f[0] != r["table_id"]]
    return min(found, key=lambda f: abs(f[1] - (r.get("line") or 0)))[2] if found else None


def _efficiency_check(r: dict, efficient_printed: bool, kinerja: float | None) -> dict:
    """The printed label against the rule, or unverifiable without the programme's kinerja."""
    absorption = r["capaian_reported"]
    printed = "Efisien" if efficient_printed else "Tidak Efisien"
    subject = f"{r.get('name')} efisiensi"
    formula = "Efisien when capaian kinerja ≥ 100 % and penyerapan anggaran < capaian kinerja"
    if kinerja is None:
        return check_row(r, "efisiensi", subject, absorption, None, None, formula,
                         status="unverifiable",
                         detail=f"printed '{printed}'; no capaian kinerja found for the programme")
    efficient = kinerja >= FULL and absorption < kinerja
    return check_row(
        r, "efisiensi", subject, absorption, round(kinerja, 6), None, formula,
        status="ok" if efficient == efficient_printed else "mismatch",
        detail=f"printed '{printed}'; penyerapan {absorption:g} %, capaian kinerja {kinerja:g} % "
               f"→ {'Efisien' if efficient else 'Tidak Efisien'}",
    )
