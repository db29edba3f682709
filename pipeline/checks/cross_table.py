"""The same figure printed differently in two tables of one document.

Indicators are matched by `indicator_key` and year, programmes by `name_key` and org unit.
The value most tables agree on is the reference; each table that prints another value gets
a mismatch row (reported = its value, recomputed = the reference). With no majority, a
Perjanjian Kinerja table is the reference for targets and the row's own arithmetic for
capaian; between a report's own capaian tables the one printed first, since later ones
restate it (not in a Renja, whose forms are revised in-year, nor for amounts, whose tables
cover different scopes); otherwise the pair is unverifiable.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from pipeline.checks.common import check_row, half_unit
from pipeline.normalise import matcher
from pipeline.normalise.names import fold, name_key
from pipeline.settings import current

PERFORMANCE_FIELDS = ("target", "realisasi", "capaian_reported")
# Targets are commitments: compare them across the report's own performance tables, not the
# planning worksheets appended to it (Renja, E.81, Rencana Aksi), which are revised in-year.
TARGET_KINDS = ("perjanjian_kinerja", "capaian_kinerja", "capaian_history", "renstra_target",
                "renstra_progress", "efisiensi")
# Amounts: compare what was executed; plans and proposals (pagu indikatif) legitimately differ.
EXECUTION_KINDS = ("realisasi_anggaran", "efisiensi")
BUDGET_FIELDS = ("pagu", "realisasi", "capaian_reported")
# A Renja review's needs analysis ('Hasil Analisis Kebutuhan') is the agency's own target for
# the plan year, which its plan tables must repeat; the RKPD draft beside it may differ.
COMPARABLE_MEASURES = ("annual", "history", "hasil_analisis_kebutuhan")


# Where two of these disagree with no majority, the first printed is the reference.
RESTATING_KINDS = ("capaian_kinerja", "perjanjian_kinerja")


TEXT_OF = {"capaian_reported": "capaian_text"}


def _rounding(row: dict, field: str) -> float:
    """How far a printed figure may sit from the value it rounds ('83.51' for 83.514, '99%' for
    99,05 %); whole numbers other than percentages are taken as exact."""
    text = row.get(TEXT_OF.get(field, f"{field}_text"))
    if not text or not (re.search(r"\d[.,]\d", text) or "%" in text):
        return 0.0
    return half_unit(text, row.get(field))


def _reference(field: str, rows: list[dict], kinds: dict[str, str], first_printed: bool) -> float | None:
    """The value the tables agree on: the majority, else the field's own tie-break, else (for
    a report's restating tables) the first printed; None where nothing decides."""
    counts = Counter(r[field] for r in rows)
    (top, n), *rest = counts.most_common()
    if not rest or n > rest[0][1]:
        return top
    ref = _tie_break(field, rows, kinds)
    if ref is None and first_printed:
        ref = _first_restated(field, rows, kinds)
    return ref


def _tie_break(field: str, rows: list[dict], kinds: dict[str, str]) -> float | None:
    """With no majority, a target is the Perjanjian Kinerja's and a capaian the one its own
    row's arithmetic bears out."""
    if field == "target":
        return _target_reference(rows, kinds)
    if field == "capaian_reported":
        return _capaian_reference(rows)
    return None


def _target_reference(rows: list[dict], kinds: dict[str, str]) -> float | None:
    """The single target the Perjanjian Kinerja tables print; else the single target of the
    tables that print the change itself (Sebelum → Sesudah), which state the current one."""
    pk = {r["target"] for r in rows if kinds.get(r["table_id"]) == "perjanjian_kinerja"}
    if len(pk) == 1:
        return pk.pop()
    revised = {r["target"] for r in rows if r.get("target_before") is not None}
    if len(revised) == 1:
        return revised.pop()
    return None


def _capaian_reference(rows: list[dict]) -> float | None:
    """The first printed capaian that its row's realisasi / target × 100 reproduces."""
    for r in rows:
        t, real = r.get("target"), r.get("realisasi")
        if t and real is not None and abs(real / t * 100 - r["capaian_reported"]) < 0.02:
            return r["capaian_reported"]
    return None


def _first_restated(field: str, rows: list[dict], kinds: dict[str, str]) -> float | None:
    """A report's own capaian tables restate one another, the later the earlier one. Rows
    without a target are components of other tables (SPM sub-scores), not restatements."""
    if all(kinds.get(r["table_id"]) in RESTATING_KINDS and r.get("target") is not None
           for r in rows):
        return min(rows, key=lambda r: (r.get("line") or r.get("page") or 0))[field]
    return None


def _compare(groups: dict[tuple, list[dict]], fields: tuple[str, ...], kinds: dict[str, str],
             label, target_kinds: tuple[str, ...] | None = None,
             first_printed: bool = False, evaluations: frozenset[str] = frozenset()) -> list[dict]:
    out = []
    for key, rows in groups.items():
        # A name printed on several rows of one table (once per kelurahan, or at two levels)
        # does not say which of its rows is the figure the other tables print: leave it out.
        per_table = Counter(r["table_id"] for r in rows)
        rows = [r for r in rows if per_table[r["table_id"]] == 1]
        if len(rows) < 2:
            continue
        for field in fields:
            out += _compare_field(key, field, rows, kinds, label, target_kinds, first_printed,
                                  evaluations)
    return out


def _compare_field(key: tuple, field: str, rows: list[dict], kinds: dict[str, str], label,
                   target_kinds: tuple[str, ...] | None, first_printed: bool,
                   evaluations: frozenset[str]) -> list[dict]:
    """The cross-table checks of one figure of one name: each table's value against the
    reference table's, or the other tables' where none is the reference."""
    present = _compared_rows(field, rows, kinds, target_kinds)
    if (len({r["table_id"] for r in present}) < 2
            or len({round(r[field], 6) for r in present}) < 2):
        return []
    ref = _reference(field, present, kinds, first_printed)
    # A target printed before a mid-year change (Sebelum) is still that table's target.
    before = {round(r["target_before"], 6) for r in rows
              if field == "target" and r.get("target_before") is not None}
    out = []
    for r in present:
        if round(r[field], 6) in before:
            continue
        others = [o for o in present if o["table_id"] != r["table_id"]]
        expected = _expected(r, field, others, ref, before, evaluations)
        if abs(r[field] - expected) <= _rounding(r, field) + 1e-6:
            continue  # '83.51' is '83.514' printed to two decimals
        out.append(_disagreement(r, field, expected, others, ref is not None, label(key)))
    return out


def _compared_rows(field: str, rows: list[dict], kinds: dict[str, str],
                   target_kinds: tuple[str, ...] | None) -> list[dict]:
    """The rows printing the figure; for a target, only those of the kinds whose targets are
    commitments (where the caller names them)."""
    present = [r for r in rows if r.get(field) is not None]
    if field == "target" and target_kinds:
        present = [r for r in present if kinds.get(r["table_id"]) in target_kinds]
    return present


def _expected(r: dict, field: str, others: list[dict], ref: float | None, before: set[float],
              evaluations: frozenset[str]) -> float:
    """The value a row should print: the reference, else another table's. An evaluation of
    the year so far (quarterly realisations) measures against the target as it stood before
    the mid-year change."""
    if before and len(before) == 1 and r["table_id"] in evaluations:
        return next(iter(before))
    return ref if ref is not None else others[0][field]


def _disagreement(r: dict, field: str, expected: float, others: list[dict], referenced: bool,
                  label: str) -> dict:
    """The check row of a table printing another value than `expected`. Two tables that
    disagree with no majority and no reference: which one is wrong is not known, so neither
    is called an error."""
    where = ", ".join(sorted({f"line {o.get('line') or ''} page {o.get('page') or ''}"
                              .replace("page ", "p").strip() for o in others
                              if abs(o[field] - expected) < 1e-6}))
    return check_row(
        r, "cross_table", f"{label} {field}", r[field], expected, 0.0,
        f"same {field} in other tables of the document",
        status="mismatch" if referenced else "unverifiable",
        detail=f"{field} {r[field]:g} here but {expected:g} at {where}"
               + ("" if referenced else "; no majority, no reference table"),
    )


def _unit_spellings(units: Counter) -> dict[str, str]:
    """One org unit misspelt in one table ('KELURAHAN MUARA RPAK'): each name maps to the most
    printed name it nearly equals. Pairs are compared only within one word count, and not at
    all past `Settings.unit_spelling_max_units` names (a real report prints a few dozen)."""
    settings = current()
    if len(units) > settings.unit_spelling_max_units:
        return {name: name for name in units}
    by_words: dict[int, list[str]] = defaultdict(list)
    for name in units:
        by_words[len(name.split())].append(name)  # not '… Baru'
    out = {}
    for names in by_words.values():
        for name in names:
            close = [u for u in names
                     if matcher.alike(name.lower(), u.lower(), settings.unit_spelling_min)]
            out[name] = max(close, key=lambda u: (units[u], u))
    return out


def extensions(keys: Iterable[str], min_words: int = 1,
               distinct: Callable[[str], object] = lambda k: k) -> dict[str, list[str]]:
    """For each key of at least `min_words` words, the other keys that begin with exactly its
    words, enough of them to show up to two distinct `distinct(key)` values. Sorting the word
    tuples puts a key's extensions right after it, so this is n log n where comparing every
    pair was quadratic (10,000 names took 87 s)."""
    ordered = sorted({tuple(k.split()) for k in keys})
    out: dict[str, list[str]] = {}
    for i, words in enumerate(ordered):
        if len(words) < min_words:
            continue
        found: list[str] = []
        values: set = set()
        j = i + 1
        while j < len(ordered) and ordered[j][: len(words)] == words and len(values) < 2:
            found.append(" ".join(ordered[j]))
            values.add(distinct(found[-1]))
            j += 1
        out[" ".join(words)] = found
    return out


def _truncated_keys(keys: set[str]) -> dict[str, str]:
    """Indicator names one table prints cut short ('jumlah gedung kantor dan bangunan lain' for
    '… lain yang dipelihara/direhabilitasi'): a key that begins exactly one longer key, and
    is long enough not to be generic, is taken for it."""
    return _truncated_keys_min(keys, current().truncated_min_words)




def _truncated_within_activity(performance: list[dict], budget: list[dict]) -> dict[str, str]:
    """A name cut at a page break ('Persentase rekomendasi') is shorter than any generic-name
    guard allows, but the programme or kegiatan it measures pins it down: a key that begins
    exactly one longer key of a row about the same activity is taken for it."""
    budget_names = {(b["table_id"], b.get("line")): b.get("name_key") for b in budget if b.get("name_key")}

    def activity(r: dict) -> str | None:
        return name_key(r.get("name")) or budget_names.get((r["table_id"], r.get("line")))

    keys_by_activity: dict[str, set[str]] = defaultdict(set)
    for r in performance:
        if r.get("indicator_key") and (a := activity(r)):
            keys_by_activity[a].add(r["indicator_key"])
    out = {}
    for keys in keys_by_activity.values():
        out |= _truncated_keys_min(keys, current().same_activity_min_words)
    return out


def _truncated_keys_min(keys: set[str], min_words: int) -> dict[str, str]:
    return {short: longer[0] for short, longer in extensions(keys, min_words).items()
            if len(longer) == 1 and short in keys}


def _cut_within_table(performance: list[dict]) -> dict[tuple, str]:
    """A table that prints an indicator in full on most rows and cut short on one
    ('Indeks Kepuasan Masyarakat' among '… (IKM) Internal Perangkat Daerah') means the full
    name there, even when the cut name equals another indicator's key once an org-unit word
    is dropped ('… Masyarakat Kecamatan'): (table, printed name) → the full name's key."""
    out = {}
    for table_id, keys in _printed_names(performance).items():
        for short, found in extensions(keys, distinct=lambda k, keys=keys: keys.get(k)).items():
            longer = {keys[k] for k in found if k in keys}
            if short in keys and len(longer) == 1 and keys[short] not in longer:
                out[(table_id, short)] = longer.pop()
    return out


def _printed_names(performance: list[dict]) -> dict[str, dict[str, str]]:
    """Per table, each indicator name as printed (folded) → its key."""
    names: dict[str, dict[str, str]] = defaultdict(dict)
    for r in performance:
        if r.get("indicator") and r.get("indicator_key"):
            names[r["table_id"]][fold(r["indicator"])] = r["indicator_key"]
    return names


def cross_table_checks(performance: list[dict], budget: list[dict],
                       kinds: dict[str, str], doc_type: str | None = None) -> list[dict]:
    """In a Renja the planning forms (T-C.29, T-C.31, the appendix) are the document itself,
    so their targets must agree; in an LKjIP they are appended working papers, revised
    during the year, and only the report's own performance tables are compared."""
    evaluations = {r["table_id"] for r in performance if (r.get("measure") or "").startswith("triwulan")}
    return (
        _compare(_performance_groups(performance, budget), PERFORMANCE_FIELDS, kinds,
                 lambda k: f"{k[0]} {k[1]}",
                 None if doc_type == "Renja" else TARGET_KINDS, first_printed=doc_type != "Renja",
                 evaluations=frozenset(evaluations))
        + _compare(_budget_groups(budget, kinds), BUDGET_FIELDS, kinds,
                   lambda k: f"{k[0]} ({k[1] or ''})")
    )


def _performance_groups(performance: list[dict], budget: list[dict]) -> dict[tuple, list[dict]]:
    """Comparable indicator rows by (indicator key, year, org unit), a name cut short or an
    org unit misspelt taken for the full one."""
    merged = _truncated_keys({r["indicator_key"] for r in performance if r.get("indicator_key")})
    by_activity = _truncated_within_activity(performance, budget)
    merged |= by_activity
    units = _unit_spellings(Counter(r["org_unit"] for r in performance if r.get("org_unit")))
    cut = _cut_within_table(performance)
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for r in performance:
        if r.get("indicator_key") and r.get("year") and r.get("measure") in COMPARABLE_MEASURES:
            key = _indicator_group_key(r, cut, by_activity, merged)
            unit = units.get(r.get("org_unit"), r.get("org_unit"))
            groups[(key, r["year"], unit)].append(r)
    return groups


def _indicator_group_key(r: dict, cut: dict[tuple, str], by_activity: dict[str, str],
                         merged: dict[str, str]) -> str:
    """A row's indicator key once a cut name is read as its table's full one (unless the
    activity the row measures already decided it: that is the surer guide)."""
    key = r["indicator_key"]
    if key not in by_activity:
        key = cut.get((r["table_id"], fold(r.get("indicator") or "")), key)
    return merged.get(key, key)


def _budget_groups(budget: list[dict], kinds: dict[str, str]) -> dict[tuple, list[dict]]:
    """Executed budget rows (not plans) by (name key, unit, year, level)."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for r in budget:
        if r.get("name_key") and r.get("measure") is None and kinds.get(r["table_id"]) in EXECUTION_KINDS:
            groups[(r["name_key"], r.get("unit"), r.get("year"), r.get("level"))].append(r)
    return groups
