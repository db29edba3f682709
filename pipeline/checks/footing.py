"""Totals that should add up: budget hierarchies, before + change = after, pagu − realisasi =
sisa, and staff counts (L + P = Jumlah, rows to their unit's subtotal).

A sum is only checked when every part is printed: a missing part makes the check
`unverifiable`, not a mismatch, so a parsing gap never shows up as a report's error.
"""

from __future__ import annotations

import re
from collections import defaultdict

from pipeline.checks.common import check_row, verdict
from pipeline.settings import current
from pipeline.vocab import DISTRUSTED, LEVEL_ORDER, NIL_AMOUNTS


def _amount_tolerance(row: dict) -> float:
    scale = row.get("scale") or 1
    # whole rupiah (Settings.amount_tolerance): amounts are integers as printed; a table in
    # thousands truncates
    return current().amount_tolerance if scale == 1 else scale


def _slot(row: dict) -> tuple:
    return row["table_id"], row.get("year"), row.get("measure")


def budget_footing(rows: list[dict]) -> list[dict]:
    """Each table's hierarchy sums (per year and measure), then each row's own identities."""
    out: list[dict] = []
    tables: dict[tuple, list[dict]] = defaultdict(list)
    for row in rows:
        tables[_slot(row)].append(row)
    for table_rows in tables.values():
        out += _table_footing(table_rows)
    for row in rows:
        out += _row_identities(row)
    return out


def _table_footing(table_rows: list[dict]) -> list[dict]:
    """A table's hierarchy that mostly fails was read wrong; but a programme subtree with
    enough sums of its own that mostly hold was read right, whatever its neighbours."""
    checks = _children_sums(table_rows) + _grand_total(table_rows)
    decided = [(c["status"], c["detail"]) for c in checks]
    _trusted(checks)
    for members in _sections(checks, _top_ancestors(table_rows)):
        _restore_trusted_section(checks, decided, members)
    return checks


def _sections(checks: list[dict], top: dict[int, int]) -> list[list[int]]:
    """The indexes of the checks under each top-level row: the subtrees trusted on their own."""
    sections: dict[int | None, list[int]] = defaultdict(list)
    for i, check in enumerate(checks):
        if check.get("row_no") in top:
            sections[top[check["row_no"]]].append(i)
    return list(sections.values())


def _restore_trusted_section(checks: list[dict], decided: list[tuple], members: list[int]) -> None:
    """Give a subtree back its own verdicts when enough of its sums were decided and mostly
    hold, whatever the table as a whole did."""
    settings = current()
    states = [decided[i][0] for i in members if decided[i][0] in ("ok", "mismatch")]
    if (len(states) >= settings.footing_section_min_sums
            and states.count("ok") / len(states) >= settings.footing_trust_share):
        for i in members:
            checks[i]["status"], checks[i]["detail"] = decided[i]


# The words that mark a hierarchy sum set aside because its table's levels were read wrong;
# v_budget_rollup finds distrusted tables by them, so they are said in one place.
def _top_ancestors(rows: list[dict]) -> dict[int, int]:
    parent = {r["row_no"]: r.get("parent_row_no") for r in rows}
    out = {}
    for row_no in parent:
        node, seen = row_no, set()
        while parent.get(node) is not None and node not in seen:
            seen.add(node)
            node = parent[node]
        out[row_no] = node
    return out


def _trusted(checks: list[dict]) -> list[dict]:
    """A table whose hierarchy sums mostly fail was read wrong (levels or parents), not
    printed wrong: its failures become `unverifiable` rather than findings."""
    decided = [c for c in checks if c["status"] in ("ok", "mismatch")]
    if not decided:
        return checks
    share_ok = sum(c["status"] == "ok" for c in decided) / len(decided)
    if share_ok >= current().footing_trust_share:
        return checks
    for c in checks:
        if c["status"] == "mismatch":
            c["status"] = "unverifiable"
            c["detail"] = (c["detail"] or "") + (
                f"; only {share_ok:.0%} of this table's hierarchy sums hold, {DISTRUSTED}"
            )
    return checks


def _children_sums(rows: list[dict]) -> list[dict]:
    """Every parent row against its children of the next level down, per amount field."""
    by_row = {r["row_no"]: r for r in rows}
    out = []
    for parent_no, kids in _children(rows, by_row).items():
        parent = by_row[parent_no]
        below = _next_level(parent.get("level"), kids)
        if below is None:
            continue
        top, parts = below
        for field in _amount_fields(rows):
            out += _sum_check(parent, parts, field, f"{len(parts)} {LEVEL_ORDER[top]} rows")
    return out


def _children(rows: list[dict], by_row: dict[int, dict]) -> dict[int, list[dict]]:
    """The rows under each parent row of the same table, in reading order."""
    children: dict[int, list[dict]] = defaultdict(list)
    for r in rows:
        parent = r.get("parent_row_no")
        if parent in by_row:
            children[parent].append(r)
    return children


def _next_level(plevel: str | None, kids: list[dict]) -> tuple[int, list[dict]] | None:
    """Only the level directly below counts (sub kegiatan rows sit under their kegiatan):
    (that level's rank, its rows), or None where no child sits below a known level."""
    if plevel not in LEVEL_ORDER:
        return None
    below = [k for k in kids if k.get("level") in LEVEL_ORDER
             and LEVEL_ORDER.index(k["level"]) > LEVEL_ORDER.index(plevel)]
    if not below:
        return None
    top = min(LEVEL_ORDER.index(k["level"]) for k in below)
    return top, [k for k in below if LEVEL_ORDER.index(k["level"]) == top]


def _grand_total(rows: list[dict]) -> list[dict]:
    """The total against the highest level whose rows all print the figure: a table whose
    programme rows leave realisasi blank still foots through its kegiatan rows."""
    totals = [r for r in rows if r.get("level") == "total"]
    if len(totals) != 1:
        return []
    total = totals[0]
    split = _by_expenditure_type(rows)
    if split:
        return _expenditure_type_sums(total, rows, *split)
    candidates = _total_candidates(rows, total)
    out = []
    for field in _amount_fields(rows):
        level, parts = _first_complete(candidates, field)
        if parts:
            out += _sum_check(total, parts, field, f"all {len(parts)} {level} rows")
    return out


def _total_candidates(rows: list[dict], total: dict) -> list[tuple[str, list[dict]]]:
    """(level, rows above the total) for unit, programme and kegiatan, highest first; the
    units are passed over where a programme stands at the top with no parent, since the
    units then do not hold every programme."""
    top_programme = any(r.get("level") == "program" and r.get("parent_row_no") is None
                        for r in rows)
    candidates = []
    for level in ("unit", "program", "kegiatan"):
        parts = [r for r in rows if r.get("level") == level and r["row_no"] < total["row_no"]]
        if parts and not (level == "unit" and top_programme):
            candidates.append((level, parts))
    return candidates


def _first_complete(candidates: list[tuple[str, list[dict]]], field: str) -> tuple:
    """The highest level whose rows all print `field`, else the highest level there is."""
    complete = [(lvl, p) for lvl, p in candidates if all(_amount(r, field) is not None for r in p)]
    return (complete or candidates or [(None, [])])[0]


def _by_expenditure_type(rows: list[dict]) -> tuple[dict, dict] | None:
    """Pre-2019 tables split the whole budget into BELANJA TIDAK LANGSUNG (salaries, no
    programme) and BELANJA LANGSUNG (the programmes): (tidak langsung row, langsung row)."""
    def named(pattern: str) -> dict | None:
        found = [r for r in rows if re.fullmatch(pattern, (r.get("name") or "").strip(), re.IGNORECASE)]
        return found[0] if len(found) == 1 else None
    indirect, direct = named(r"belanja\s+tidak\s+langsung"), named(r"belanja\s+langsung")
    return (indirect, direct) if indirect and direct else None


def _expenditure_type_sums(total: dict, rows: list[dict], indirect: dict, direct: dict) -> list[dict]:
    """The total is the two expenditure types; the programmes add up to BELANJA LANGSUNG."""
    programmes = [r for r in rows if r.get("level") == "program"]
    out = []
    for field in _amount_fields(rows):
        out += _sum_check(total, [indirect, direct], field, "BELANJA TIDAK LANGSUNG and LANGSUNG")
        if programmes:
            out += _sum_check(direct, programmes, field, f"all {len(programmes)} program rows")
    return out


QUARTERS = tuple(f"realisasi_tw{n}" for n in range(1, 5))


def _amount_fields(rows: list[dict]) -> tuple[str, ...]:
    """pagu, realisasi, pagu_before — and each quarter's realisation where a table prints it
    (a quarterly report's Rp columns foot like any other)."""
    return ("pagu", "realisasi", "pagu_before") + tuple(
        q for q in QUARTERS if any(r.get(q) is not None for r in rows))


def _amount(row: dict, field: str) -> float | None:
    """A dash in an amount column is nil, not missing."""
    value = row.get(field)
    if value is None and (row.get(f"{field}_text") or "").strip() in NIL_AMOUNTS:
        return 0.0
    return value


def _sum_check(parent: dict, parts: list[dict], field: str, what: str) -> list[dict]:
    reported = parent.get(field)
    if reported is None:
        return []
    values = [_amount(p, field) for p in parts]
    subject = f"{parent.get('name') or 'total'}: {field} = sum of {what}"
    formula = f"sum({field}) of {what}"
    if any(v is None for v in values):
        return [check_row(parent, "footing", subject, reported, None, None, formula,
                          status="unverifiable", detail=f"a part's {field} is not printed")]
    negative = [p for p, v in zip(parts, values, strict=True) if v < 0]
    if negative:  # an amount cannot be below nil: the change landed in its column
        return [check_row(parent, "footing", subject, reported, float(sum(values)), None, formula,
                          status="unverifiable", detail=_shifted(negative[0], field))]
    recomputed = float(sum(values))
    lines = ", ".join(str(p.get("line") or p.get("page")) for p in parts[:12])
    tol = _amount_tolerance(parent)
    return [check_row(parent, "footing", subject, reported, recomputed, tol, formula,
                      **verdict(abs(reported - recomputed) <= tol,
                                f"parts at lines/pages {lines} sum to {recomputed:,.0f}"))]


def _shifted(row: dict, field: str) -> str:
    """Why a part printing a negative amount leaves its sum unverifiable: its cells moved."""
    return (f"the row at line {row.get('line')} prints a negative {field} "
            f"({row.get(field + '_text') or row.get(field)}): its cells are shifted")


def _amount_check(row: dict, what: str, reported: float, expected: float, formula: str,
                  working: str) -> dict:
    tol = _amount_tolerance(row)
    return check_row(row, "footing", f"{row.get('name') or 'total'}: {what}", reported,
                     expected, tol, formula, **verdict(abs(reported - expected) <= tol, working))


def _row_identities(row: dict) -> list[dict]:
    out = []
    before, change, pagu = row.get("pagu_before"), row.get("change"), row.get("pagu")
    if before is not None and change is not None and pagu is not None:
        expected = before + change
        out.append(_amount_check(row, "pagu = before + change", pagu, expected,
                                 "pagu_before + change",
                                 f"{before:,.0f} + {change:,.0f} = {expected:,.0f}"))
    sisa, real = row.get("sisa"), row.get("realisasi")
    if sisa is not None and pagu is not None and real is not None:
        expected = pagu - real
        out.append(_amount_check(row, "sisa = pagu − realisasi", sisa, expected,
                                 "pagu − realisasi", f"{pagu:,.0f} − {real:,.0f} = {expected:,.0f}"))
    return out


def budget_quarters(rows: list[dict]) -> list[dict]:
    """Quarterly Rp realisations add up to the cumulative realisation (money is a flow).
    Only where every quarter up to the last printed one is present."""
    out = []
    for row in rows:
        total = _quarters_sum(row)
        if total is not None:
            out.append(_amount_check(row, "realisasi = sum of quarters", row["realisasi"], total,
                                     "sum(realisasi TW I..IV)", f"quarters sum to {total:,.0f}"))
    return out


def _quarters_sum(row: dict) -> float | None:
    """The printed quarters' sum (a blank quarter is nil), or None where there is nothing
    to foot: no quarter column, no cumulative realisation, or every quarter blank."""
    quarters = [row.get(f"realisasi_tw{n}") for n in range(1, 5) if f"realisasi_tw{n}" in row]
    if not quarters or row.get("realisasi") is None or all(q is None for q in quarters):
        return None
    return float(sum(q or 0 for q in quarters))


def kinerja_quarters(rows: list[dict]) -> list[dict]:
    """A cumulative K realisation is either the sum of its quarters (a flow: reports made)
    or the latest quarter (a stock: staff paid, an index): a value that is neither is a
    finding."""
    by_row: dict[tuple, dict[str, dict]] = defaultdict(dict)
    for r in rows:
        by_row[(r["table_id"], r["row_no"], r.get("indicator"))][r.get("measure") or ""] = r
    out = []
    for measures in by_row.values():
        out += _cumulative_check(measures)
    return out


def _cumulative_check(measures: dict[str, dict]) -> list[dict]:
    """One indicator row's cumulative realisation against its quarters: only where it prints
    a cumulative figure and at least two quarter columns, one of them filled."""
    found = _cumulative_and_quarters(measures)
    if found is None:
        return []
    main, known = found
    total, latest = float(sum(known)), known[-1]
    reported = main["realisasi"]
    ok = abs(reported - total) < 0.5 or abs(reported - latest) < 0.5
    working = (f"quarters {', '.join(f'{q:g}' for q in known)}: "
               f"sum {total:g}, latest {latest:g}")
    return [check_row(main, "footing", f"{main.get('indicator')}: cumulative K realisasi",
                      reported, total, 0.5, "sum of quarters, or the latest quarter",
                      **verdict(ok, working))]


def _cumulative_and_quarters(measures: dict[str, dict]) -> tuple[dict, list[float]] | None:
    """(the cumulative record, the quarters printed in order), or None where there is no
    cumulative figure, fewer than two quarter columns, or no quarter filled."""
    quarters = [measures[m].get("realisasi") for m in sorted(measures) if m.startswith("triwulan")]
    main = next((measures[m] for m in measures if not m.startswith("triwulan")), None)
    if main is None or len(quarters) < 2 or main.get("realisasi") is None:
        return None
    known = [q for q in quarters if q is not None]
    if not known:
        return None
    return main, known


def staff_checks(rows: list[dict]) -> list[dict]:
    """L + P = Jumlah on each row; the rows of a unit add up to its subtotal row."""
    out = []
    by_row: dict[tuple, list[dict]] = defaultdict(list)
    for r in rows:
        by_row[(r["table_id"], r["row_no"])].append(r)
    for recs in by_row.values():
        out += _sex_sum(recs)
    return out + _cross_tab_sums(by_row)


def _sex_sum(recs: list[dict]) -> list[dict]:
    """L + P against the row's Jumlah: in a cross-tab, the Jumlah of the sex dimension (a
    unit's education Jumlah is another sum); never the formation's need or bezzeting."""
    male = next((r for r in recs if r.get("sex") == "L"), None)
    female = next((r for r in recs if r.get("sex") == "P"), None)
    total = _sex_total(recs, male.get("dimension") if male else None)
    if not (male and female and total and total.get("count") is not None):
        return []
    parts = [(male.get("count") or 0), (female.get("count") or 0)]
    recomputed = float(sum(parts))
    return [check_row(total, "staff_total", f"{total.get('category')}: L + P = Jumlah",
                      total["count"], recomputed, 0.5, "L + P",
                      **verdict(abs(total["count"] - recomputed) < 0.5,
                                f"{parts[0]:.0f} + {parts[1]:.0f} = {recomputed:.0f}"))]


def _sex_total(recs: list[dict], sex_dimension: str | None) -> dict | None:
    """The row's record with no sex that stands for its Jumlah of L and P."""
    return next((r for r in recs if r.get("sex") is None and r.get("dimension") not in
                 ("kebutuhan", "bezzeting") and (r.get("dimension") == sex_dimension
                                                 or not _is_cross_tab(recs))), None)


def _is_cross_tab(recs: list[dict]) -> bool:
    """Units by category ('JENIS PENDIDIKAN S3 … Jumlah | JENIS KELAMIN PRIA WANITA Jumlah')."""
    return len({r.get("dimension") for r in recs}) > 1 and any(
        r.get("category") == "Jumlah" and r.get("sex") is None for r in recs)


def _cross_tab_sums(by_row: dict[tuple, list[dict]]) -> list[dict]:
    """In a cross-tab each row's categories add up to its Jumlah column, per dimension."""
    out = []
    for recs in by_row.values():
        if not _is_cross_tab(recs):
            continue
        by_dimension: dict[str, list[dict]] = defaultdict(list)
        for r in recs:
            by_dimension[r.get("dimension")].append(r)
        for dimension, group in by_dimension.items():
            out += _dimension_sum(dimension, group)
    return out


def _jumlah_and_parts(group: list[dict]) -> tuple[dict, list[dict]] | None:
    """(the dimension's single Jumlah with a count, its two or more categories), or None."""
    totals = [r for r in group if r.get("category") == "Jumlah"]
    parts = [r for r in group if r.get("category") != "Jumlah" and r.get("sex") is None]
    if len(totals) != 1 or len(parts) < 2 or totals[0].get("count") is None:
        return None
    return totals[0], parts


def _dimension_sum(dimension: str, group: list[dict]) -> list[dict]:
    """One dimension's categories against its single Jumlah, where two or more are printed."""
    found = _jumlah_and_parts(group)
    if found is None:
        return []
    total, parts = found
    subject = f"{total.get('unit') or 'Jumlah'}: {dimension} categories = Jumlah"
    formula = f"sum of {len(parts)} {dimension} columns"
    if any(p.get("count") is None for p in parts):
        return [check_row(total, "staff_total", subject, total["count"], None, None, formula,
                          status="unverifiable",
                          detail="a category's count is not a number as printed")]
    recomputed = float(sum(p["count"] for p in parts))
    return [check_row(total, "staff_total", subject, total["count"], recomputed, 0.5, formula,
                      **verdict(abs(total["count"] - recomputed) < 0.5,
                                " + ".join(f"{p['count']:.0f}" for p in parts)))]
