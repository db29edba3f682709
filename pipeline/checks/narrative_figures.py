"""Prose figures held against the tables they describe: indicators named by number, counts
of indicators, programmes, staff and capaian bands, budget amounts; and the claims a
sentence can get wrong on its own (digits against words, parts against whole, a stated
change against its two percentages).

Each check compares the claim with every table figure it may stand for and is `ok` when
any agrees: a report restates several tables, and the one the prose meant is not always
the nearest. The figure shown as recomputed is the nearest table's.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict

from pipeline.checks.common import check_row, tolerance_for
from pipeline.normalise import matcher
from pipeline.normalise.names import fold
from pipeline.settings import current

FIELDS = {"target": ("target",), "realisasi": ("realisasi", "capaian_reported"),
          "realisasi_target": ("capaian_reported", "realisasi"), "capaian": ("capaian_reported",)}
EDUCATION_CATEGORY = {
    "S3": r"S-?3|doktor", "S2": r"S-?2|master|magister|pasca", "S1": r"S-?1|D-?IV|D-?4|sarjana",
    "D3": r"D-?III|D-?3|madya", "D1": r"D-?I\b|D-?1|pratama", "SMA": r"SMA|SMK|SLTA",
    "SMP": r"SMP|SLTP", "SD": r"\bSD\b",
}


def agrees(value: float, text: str | None, candidate: float) -> bool:
    """Within the claim's rounding, or the candidate cut to the claim's decimals ('142 %'
    for 142,86 %): prose often truncates."""
    if abs(value - candidate) <= tolerance_for(text):
        return True
    decimals = len(text.split(",")[-1].split(".")[-1].rstrip(" %")) if text and re.search(
        r"\d[.,]\d+\s*%?$", text.strip()) else 0
    factor = 10 ** decimals
    return math.isclose(math.trunc(candidate * factor) / factor, value, abs_tol=1e-9)


def _row(claim: dict) -> dict:
    return {"doc_id": claim["doc_id"], "table_id": None, "row_no": None,
            "page": claim.get("page"), "line": claim["line"]}


def _result(claim: dict, subject: str, candidates: list[tuple[float, int]], formula: str) -> dict:
    """candidates: (figure, rank); the lowest rank is the figure shown when none agrees."""
    tolerance = tolerance_for(claim["value_text"])
    if not candidates:
        return check_row(_row(claim), "narrative", subject, claim["value"], None, tolerance, formula,
                         status="unverifiable", detail="no table figure found for this statement")
    nearest = min(candidates, key=lambda c: c[1])[0]
    hit = next((v for v, _ in candidates if agrees(claim["value"], claim["value_text"], v)), None)
    if hit is not None:
        return check_row(_row(claim), "narrative", subject, claim["value"], hit, tolerance, formula,
                         status="ok")
    figures = ", ".join(f"{v:,.2f}".rstrip("0").rstrip(".") for v in sorted({v for v, _ in candidates}))
    return check_row(_row(claim), "narrative", subject, claim["value"], nearest, tolerance, formula,
                     status="mismatch", detail=f"prose says {claim['value_text']}; the tables give {figures}")


def _tables(rows: list[dict]) -> dict[str, list[dict]]:
    by_table: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_table[r["table_id"]].append(r)
    return by_table


def _first_line(rows: list[dict]) -> int:
    return min((r["line"] for r in rows if r.get("line") is not None), default=10**9)


def _indicators_in_order(rows: list[dict]) -> list[str]:
    seen: list[str] = []
    for r in sorted(rows, key=lambda r: (r.get("line") or 0, r["row_no"])):
        if r.get("indicator") and r["indicator"] not in seen:
            seen.append(r["indicator"])
    return seen


def _resolve(claim: dict, tables: dict[str, list[dict]]) -> tuple[str, str] | None:
    """(table_id, indicator) a numbered indicator stands for: in the nearest table above the
    sentence, the heading's name where the heading gives one, else the N-th indicator."""
    above = sorted((t for t in tables if _first_line(tables[t]) < claim["line"]),
                   key=lambda t: -_first_line(tables[t]))
    for table_id in above:
        names = _indicators_in_order(tables[table_id])
        if claim.get("subject"):
            wanted = fold(claim["subject"])
            scored = [(matcher.score(wanted, fold(n), "token_set"), n) for n in names]
            best = max(scored, default=(0, None))
            if best[0] >= current().claim_subject_min:
                return table_id, best[1]
            continue
        if len(names) >= claim["ordinal"]:
            return table_id, names[claim["ordinal"] - 1]
    return None


def indicator_figure_checks(claims: list[dict], performance: list[dict]) -> list[dict]:
    tables = _tables(performance)
    # A sentence giving one field two figures for one year speaks of two indicators.
    per_key: dict[tuple, int] = defaultdict(int)
    for c in claims:
        per_key[(c["line"], c["ordinal"], c["field"], c["year"])] += 1
    return [_indicator_figure(claim, tables, performance) for claim in claims
            if per_key[(claim["line"], claim["ordinal"], claim["field"], claim["year"])] <= 1]


def _indicator_figure(claim: dict, tables: dict[str, list[dict]], performance: list[dict]) -> dict:
    """One numbered indicator's figure against the indicator it resolves to."""
    found = _resolve(claim, tables)
    label = f"prose: indikator ke-{claim['ordinal']} {claim['field']} {claim['year']}"
    formula = f"the indicator's {claim['field']} in the table the prose follows"
    if not found:
        return _result(claim, label, [], formula)
    table_id, indicator = found
    candidates = _indicator_candidates(claim, table_id, indicator, performance)
    return _result(claim, f"{label} ({indicator[:60]})", candidates, formula)


def _indicator_candidates(claim: dict, table_id: str, indicator: str,
                          performance: list[dict]) -> list[tuple[float, int]]:
    """The table the prose follows first; the same indicator elsewhere may be what it restates."""
    candidates = [(r[f], 0 if r["table_id"] == table_id else 1) for r in performance
                  if r.get("indicator") == indicator and r.get("year") == claim["year"]
                  and r.get("measure") in ("annual", "history", None)
                  for f in FIELDS[claim["field"]] if r.get(f) is not None]
    candidates.sort(key=lambda c: c[1])
    return candidates


def _count_candidates(claim: dict, performance: list[dict], budget: list[dict],
                      staffing: list[dict]) -> list[tuple[float, int]]:
    """(count, distance in lines) of every table figure a prose count of its subject may
    stand for."""
    subject = claim["subject"]
    if subject == "indikator":
        return _indicator_counts(claim, performance)
    if subject in ("program", "kegiatan", "sub_kegiatan"):
        return _budget_level_counts(claim, budget)
    if subject == "pegawai":
        return _headcounts(claim, staffing)
    if subject.startswith("pendidikan:"):
        return [(r["count"], abs((r.get("line") or 0) - claim["line"]))
                for r in _education_rows(subject.split(":", 1)[1], staffing)]
    return []


def _indicator_counts(claim: dict, performance: list[dict]) -> list[tuple[float, int]]:
    """The number of distinct indicators of each table of the claim's year."""
    return [(float(len(_indicators_in_order(rows))), abs(_first_line(rows) - claim["line"]))
            for rows in _tables([r for r in performance if r.get("year") == claim["year"]]).values()]


def _budget_level_counts(claim: dict, budget: list[dict]) -> list[tuple[float, int]]:
    """Per table, its rows of the level three ways: all of them, distinct names (a name
    repeated per unit), and those with a pagu (headings that restate a name print none)."""
    out: list[tuple[float, int]] = []
    for rows in _tables([r for r in budget if r.get("year") in (claim["year"], None)]).values():
        level = [r for r in rows if r.get("level") == claim["subject"]]
        if level:
            distance = abs(_first_line(rows) - claim["line"])
            out.append((float(len(level)), distance))
            out.append((float(len({fold(r.get("name") or "") for r in level})), distance))
            out.append((float(sum(1 for r in level if r.get("pagu"))), distance))
    return out


def _headcounts(claim: dict, staffing: list[dict]) -> list[tuple[float, int]]:
    """Every staff table's grand total ('Jumlah', 'Total') over both sexes."""
    return [(r["count"], abs((r.get("line") or 0) - claim["line"])) for r in staffing
            if _is_headcount(r)]


def _is_headcount(r: dict) -> bool:
    """A total row over both sexes, printed as a number, labelled as the whole."""
    return bool(r.get("is_total") and r.get("sex") is None and r.get("count") is not None
                and re.match(r"jumlah|total", r.get("category") or "", re.IGNORECASE))


def _education_rows(level: str, staffing: list[dict]) -> list[dict]:
    """Staff actually in post with that education (a 'kebutuhan' column is a need, not staff)."""
    pattern = EDUCATION_CATEGORY[level]
    return [r for r in staffing if r.get("sex") is None and r.get("count") is not None
            and r.get("dimension") != "kebutuhan"
            and re.search(pattern, r.get("category") or "", re.IGNORECASE)]


def _table_total(row: dict, staffing: list[dict]) -> float | None:
    for r in staffing:
        if r["table_id"] == row["table_id"] and r.get("dimension") == row.get("dimension") \
                and r.get("sex") is None and re.match(r"jumlah|total", r.get("category") or "", re.I):
            return r["count"]
    return None


def _levels_of(category: str) -> set[str]:
    return {k for k, pat in EDUCATION_CATEGORY.items() if re.search(pat, category, re.IGNORECASE)}


def education_checks(claims: list[dict], staffing: list[dict]) -> list[dict]:
    """'12 orang … Sarjana (S1)' against the staff table's row for that education; a row that
    groups levels ('SMA/D1/D2') is held against the prose counts of all its levels. When the
    sentence's counts add up to another headcount than the table's (it counts contract staff
    too), a prose count can only contradict the table by being smaller."""
    by_line: dict[int, dict[str, float]] = defaultdict(dict)
    for c in claims:
        by_line[c["line"]][c["subject"].split(":", 1)[1]] = c["value"]
    out = []
    for claim in claims:
        level = claim["subject"].split(":", 1)[1]
        stated = by_line[claim["line"]]
        rows = sorted(_education_rows(level, staffing),
                      key=lambda r: abs((r.get("line") or 0) - claim["line"]))
        subject, formula = f"prose: staff with education {level}", f"staff with {level} in the staff table"
        if not rows:
            out.append(_result(claim, subject, [], formula))
            continue
        row = rows[0]
        levels = _levels_of(row["category"]) | {level}
        prose_value = sum(v for k, v in stated.items() if k in levels)
        grouped = claim | {"value": prose_value}
        if len(levels) > 1:
            subject = f"prose: staff with education {'/'.join(sorted(levels))}"
        same_population = _table_total(row, staffing) == sum(stated.values())
        if same_population or prose_value < row["count"]:
            out.append(_result(grouped, subject, [(row["count"], 0)], formula))
        else:
            out.append(check_row(_row(claim), "narrative", subject, prose_value, row["count"], None,
                                 formula, status="ok",
                                 detail=f"the sentence counts {sum(stated.values()):g} staff, the table "
                                        "another headcount; its count is not below the table's"))
    return out


# Prose breaks programme and kegiatan counts down by bidang or sasaran ('8 kegiatan' of one
# programme beside '62 kegiatan' of the agency); an indicator count is stated for the whole.
BUDGET_LEVELS = ("program", "kegiatan", "sub_kegiatan")


def _largest_counts(claims: list[dict]) -> dict[tuple[str, object], float]:
    """The largest count the prose states of each subject and year."""
    largest: dict[tuple[str, object], float] = {}
    for c in claims:
        key = (c["subject"], c.get("year"))
        largest[key] = max(largest.get(key, c["value"]), c["value"])
    return largest


def _part_of_a_larger_count(claim: dict, subject: str, formula: str, largest: float) -> dict:
    """A count below another count of the same thing in the same prose ('3 program' of a
    bidang beside '13 program' of the agency) counts a part; the tables' total is no test."""
    return check_row(_row(claim), "narrative", subject, claim["value"], None,
                     tolerance_for(claim["value_text"]), formula, status="unverifiable",
                     detail=f"the prose also counts {largest:g}; this smaller count is of a part")


def count_checks(claims: list[dict], performance: list[dict], budget: list[dict],
                 staffing: list[dict]) -> list[dict]:
    education = [c for c in claims if c["subject"].startswith("pendidikan:")]
    others = [c for c in claims if c not in education]
    largest = _largest_counts(others)
    out = education_checks(education, staffing)
    for c in others:
        subject, formula = f"prose: number of {c['subject']}", f"count of {c['subject']} in the tables"
        top = largest[(c["subject"], c.get("year"))]
        if c["subject"] in BUDGET_LEVELS and c["value"] < top:
            out.append(_part_of_a_larger_count(c, subject, formula, top))
        else:
            out.append(_result(c, subject, _count_candidates(c, performance, budget, staffing), formula))
    return out


def band_checks(claims: list[dict], performance: list[dict], budget: list[dict]) -> list[dict]:
    """Rows of the nearest table above whose capaian falls in the stated band."""
    levels = {(r["table_id"], r.get("line")): r.get("level") for r in budget}
    tables = _tables([r for r in performance if r.get("measure") == "annual"])
    out = []
    for claim in claims:
        top = "" if claim.get("high") is None else f"{claim['high']:g}"
        band = f"{claim['low']:g}–{top}%"
        out.append(_result(claim, f"prose: {claim['subject']} with capaian {band}",
                           _band_candidates(claim, tables, levels),
                           f"rows of the table above with capaian in {band}"))
    return out


def _band_candidates(claim: dict, tables: dict[str, list[dict]],
                     levels: dict[tuple, str | None]) -> list[tuple[float, int]]:
    """The number of rows of the claim's level, in the nearest table above it, whose capaian
    falls in the band; none where that table has no such row."""
    above = [t for t in tables if _first_line(tables[t]) < claim["line"]]
    if not above:
        return []
    table_id = max(above, key=lambda t: _first_line(tables[t]))
    rows = [r for r in tables[table_id] if r.get("capaian_reported") is not None
            and levels.get((table_id, r.get("line"))) == claim["subject"]]
    if not rows:
        return []
    low, high = claim["low"], claim.get("high")
    inside = [r for r in rows if r["capaian_reported"] >= low
              and (high is None or r["capaian_reported"] < high)]
    return [(float(len(inside)), 0)]


def amount_checks(claims: list[dict], budget: list[dict]) -> list[dict]:
    """Totals: a 'total' row, else the sum of a table's programme rows. The figure shown is
    the closest one, since a wrong amount in prose is most often a neighbour's."""
    return [_amount_check(claim, budget) for claim in claims]


#: the budget fields a prose amount of each subject may stand for
AMOUNT_FIELDS = {"pagu": ("pagu", "pagu_before"), "pagu_before": ("pagu_before",),
                 "realisasi": ("realisasi",)}


def _amount_check(claim: dict, budget: list[dict]) -> dict:
    """One prose amount against the whole-budget figures of its year."""
    share = current().whole_budget_share
    fields = AMOUNT_FIELDS[claim["subject"]]
    of_year = [r for r in budget if r.get("year") == claim["year"]]
    # The agency's whole budget, not a table of one part of it (village funds, a unit)
    largest = max((r["pagu"] for r in of_year if r.get("level") == "total" and r.get("pagu")),
                  default=0)
    candidates = []
    for rows in _tables(of_year).values():
        candidates += _whole_budget_figures(rows, fields, largest, share)
    whole = max([v for v, _ in candidates] + [largest])
    if whole and claim["value"] < (1 - share) * whole:
        # 'kegiatan … dengan alokasi anggaran sebesar Rp. 900.000.000': a part's amount,
        # held against the rows of that size, never against the whole budget.
        return _part_amount(claim, of_year, fields)
    candidates = [(v, abs(v - claim["value"])) for v, _ in candidates]
    return _result(claim, f"prose: total {claim['subject']} {claim['year']}", candidates,
                   f"total {claim['subject']} in the budget tables")


def _whole_budget_figures(rows: list[dict], fields: tuple[str, ...], largest: float,
                          share: float) -> list[tuple[float, int]]:
    """A table's figures for the whole budget: its total rows near the largest total, and
    its programme rows' sum where they make up that much and all print the field."""
    totals = [r for r in rows if r.get("level") == "total"
              and (r.get("pagu") or 0) >= share * largest]
    programmes = _whole_programmes(rows, largest, share)
    out: list[tuple[float, int]] = []
    for f in fields:
        out += [(r[f], 0) for r in totals if r.get(f)]
        if programmes and all(r.get(f) is not None for r in programmes):
            out.append((sum(r[f] for r in programmes), 0))
    return out


def _whole_programmes(rows: list[dict], largest: float, share: float) -> list[dict]:
    """A table's programme rows, where their pagu makes up the whole budget (not a part's)."""
    programmes = [r for r in rows if r.get("level") == "program"]
    if not largest or sum(r.get("pagu") or 0 for r in programmes) < share * largest:
        return []
    return programmes


def _part_amount(claim: dict, rows: list[dict], fields: tuple[str, ...]) -> dict:
    subject = f"prose: {claim['subject']} of a programme or kegiatan {claim['year']}"
    formula = f"a budget row's {claim['subject']}"
    for r in rows:
        for f in fields:
            if r.get(f) is not None and abs(r[f] - claim["value"]) <= 0.5:
                return check_row(_row(claim), "narrative", subject, claim["value"], r[f], 0.5,
                                 formula, status="ok", detail=f"{r.get('name')} (page/line "
                                 f"{r.get('page') or r.get('line')})")
    return check_row(_row(claim), "narrative", subject, claim["value"], None, None, formula,
                     status="unverifiable",
                     detail="the sentence gives one part's amount; no budget row prints it")


SELF_FORMULAS = {
    "spelled_number": "the number its words spell",
    "parts_sum": "the whole minus the other part",
    "change": "difference of the two percentages stated before it",
}


def self_checks(claims: list[dict]) -> list[dict]:
    """Claims the sentence contradicts by itself."""
    return [check_row(_row(c), "narrative", f"prose: {c['kind'].replace('_', ' ')} '{c['subject']}'",
                      c["value"], c["implied"], tolerance_for(c["value_text"]),
                      SELF_FORMULAS[c["kind"]]) for c in claims]
