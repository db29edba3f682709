"""Indicator tables → `performance` records: one per indicator per year (and measure).

Figure columns are grouped by (year, measure); every group that printed something on a row
becomes one record. A T-C.29 row therefore yields its cumulative record plus one per
quarter, and a Renstra matrix row one record per target year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pipeline.classify import squash
from pipeline.curate.arithmetic import (
    capaian_against_plan,
    progress_realisasi_by_arithmetic,
    ratios,
    summed_realisasi_is_progress,
)
from pipeline.curate.columns import Column, describe_all
from pipeline.curate.context import (
    TableContext,
    cell_at,
    clean_label,
    copied_from,
    read_number,
    row_line,
    row_page,
)
from pipeline.curate.fractions import capaian_fractions
from pipeline.curate.stacked import numeric_units_are_figures, unstack_row
from pipeline.model import Cell, Row
from pipeline.normalise.arithmetic import settle_printed_ratio
from pipeline.normalise.numbers import ParsedNumber, parse_number
from pipeline.normalise.units import normalise_unit, unit_role
from pipeline.vocab import section_unit

FIGURES = ("target", "target_before", "realisasi", "capaian", "predikat")
SCORE_WITH_LABEL = re.compile(r"^\s*(-?\d[\d.,]*\s*%?)\s*\(([A-Za-z][A-Za-z ]*)\)\s*$")
GroupKey = tuple[int | None, int | None, str | None]  # (indicator column, year, measure)


def performance_columns(cols: list[Column]) -> list[Column]:
    return [c for c in cols if c.role in FIGURES and not c.money]


def _distinct_words(name: str, others: list[str]) -> set[str]:
    words = set(re.findall(r"[a-z]{4,}", name.lower()))
    shared = set.intersection(*(set(re.findall(r"[a-z]{4,}", o.lower())) for o in others)) if others else set()
    return words - shared


def indicator_for(figure: Column, indicators: list[Column]) -> int | None:
    """Which indicator column a figure column belongs to.

    One indicator column owns every figure. With several (a Renja appendix prints the
    programme, output and outcome indicators side by side, each with its own Sebelum/Sesudah
    targets) the figure goes to the indicator whose distinctive header words it repeats,
    else to the nearest indicator on its left.
    """
    if not indicators:
        return None
    if len(indicators) == 1:
        return indicators[0].index
    names = [c.name for c in indicators]
    fig_words = set(re.findall(r"[a-z]{4,}", figure.name.lower()))
    scored = [(len(_distinct_words(c.name, names) & fig_words), c.index) for c in indicators]
    best = max(scored)
    if best[0] > 0 and [sc for sc, _ in scored].count(best[0]) == 1:
        return best[1]
    left = [c.index for c in indicators if c.index < figure.index]
    return left[-1] if left else indicators[0].index


def _series_plan_year(figures: list[Column], realised_year: int | None) -> int | None:
    """The year of a plan target printed beyond a series of realised years ('TAHUN 2013 …
    2016 | TARGET 2018 | CAPAIAN TERHADAP RPJMD'). In such a table every year of the series,
    the last one too, is that year's own record, and the comparison with the plan is the
    plan's target for its own year, set beside the latest realisasi. A lone 'Realisasi 2023'
    beside 'Target Akhir 2026' is no series: there the comparison is the year's progress."""
    series = {c.year for c in figures if c.role == "realisasi" and c.year and not c.measure}
    if realised_year is None or len(series) < 2:
        return None
    later = {c.year for c in figures if c.role == "target" and c.year and c.year > realised_year}
    return later.pop() if len(later) == 1 else None


def _series_keys(c: Column, key: GroupKey, realised_year: int, plan_year: int) -> list[GroupKey]:
    """Where a figure of a series-beyond-plan table goes (see _series_plan_year): the plan's
    target and the capaian against it to the plan year's record; the latest realisasi both
    to its own year and beside that target; any other column to its own key."""
    plan_key = (key[0], plan_year, "renstra_target")
    if c.measure == "renstra_progress" or (c.role == "target" and c.year == plan_year):
        return [plan_key]
    if c.role == "realisasi" and c.year == realised_year and not c.measure:
        return [key, plan_key]
    return [key]


def _groups(cols: list[Column]) -> dict[GroupKey, dict[str, Column]]:
    indicators = [c for c in cols if c.role == "indicator"]
    groups: dict[GroupKey, dict[str, Column]] = {}
    figures = performance_columns(cols)
    progress = next((c for c in figures if c.measure == "renstra_progress"), None)
    realised_year = max((c.year for c in figures if c.role == "realisasi" and c.year), default=None)
    # the year's own target (a later year's 'Target 2018' is the plan's, not the year's)
    own_target = any(c.role == "target" and c.measure is None and c.year in (None, realised_year)
                     for c in figures)
    # a series of realisasi years with no target of their own, beside a later plan target
    series = progress is not None and not own_target
    # a realisasi the table's arithmetic (or its formula row) marked as the progress one
    marked = any(c.role == "realisasi" and c.measure == "renstra_progress" for c in figures)
    plan_year = _series_plan_year(figures, realised_year) if series else None
    for c in figures:
        key = (indicator_for(c, indicators), c.year if c.period is None else -c.period, c.measure)
        if plan_year is not None:
            for k in _series_keys(c, key, realised_year, plan_year):
                groups.setdefault(k, {}).setdefault(c.role, c)
            continue
        if progress is not None and _joins_progress(c, realised_year, own_target, marked):
            # 'Realisasi 2023 | Target Akhir 2026 | Tingkat Kemajuan' is one measurement:
            # this year's realisation as a share of the Renstra's final target. Earlier
            # years' realisasi columns beside it stay history records of their own.
            key = (key[0], realised_year, "renstra_progress")
        slot = groups.setdefault(key, {})
        slot.setdefault(c.role, c)
    if progress is not None:
        _share_realisasi(groups, realised_year)
        _share_plan_target(groups, realised_year)
    return groups


def _share_plan_target(groups: dict[GroupKey, dict[str, Column]], realised_year: int | None) -> None:
    """A progress capaian measured against a later year's plan target ('Target Renstra
    Tahun 2018' beside 'Target | Realisasi 2015 | Tingkat Capaian', where the capaian is
    realisasi / the 2018 target) takes that target as its own; the later year keeps its
    plan record too. Without a later target the year's own target is the one measured."""
    for (indicator, _year, measure), slot in groups.items():
        if measure != "renstra_progress" or "target" in slot or realised_year is None:
            continue
        later = [(year, s["target"]) for (ind, year, m), s in groups.items()
                 if ind == indicator and m is None and year and year >= realised_year and "target" in s]
        if later:
            # the latest plan target; failing one, the year's own ('Target Renstra 2016' over
            # 'Realisasi 2016' and 'Capaian terhadap Target Renstra')
            slot["target"] = max(later, key=lambda pair: pair[0])[1]


def _joins_progress(c: Column, realised_year: int | None, own_target: bool, marked: bool = False) -> bool:
    """Whether a figure column belongs to the progress measurement against the Renstra's
    final target. With a year's own target printed ('Target | Realisasi | % | Target Akhir
    Renstra | Capaian thd Target Akhir') the year's columns are its annual record and only
    the final target and the progress capaian form the progress one, the year's realisasi
    staying its own annual figure that the progress record reads too (_share_realisasi).
    Without the year's own target, the year's columns all belong to the progress record."""
    history = c.year is not None and realised_year is not None and c.year < realised_year
    if history:
        return False
    if c.measure in ("renstra_target", "renstra_end", "renstra_progress"):
        return True
    if marked and c.role == "realisasi":
        return False  # another realisasi column is the progress one: this is the year's own
    return c.measure is None and not own_target


def _share_realisasi(groups: dict[GroupKey, dict[str, Column]], realised_year: int | None) -> None:
    """The progress record measures the year's realisasi against the final target; where
    the table prints that realisasi once, in the year's own group, the progress record
    reads it from there (its capaian is that realisasi over the final target)."""
    for (indicator, _year, measure), slot in groups.items():
        if measure != "renstra_progress" or "realisasi" in slot:
            continue
        own = groups.get((indicator, realised_year, None), {})
        if "realisasi" in own:
            slot["realisasi"] = own["realisasi"]


def _renstra(slot: dict[str, Column]) -> bool:
    """A target column headed 'Target Renstra …' states the plan's target for that year."""
    target = slot.get("target")
    return target is not None and "renstra" in target.name.lower()


# The Renja forms every agency prints (Permendagri 54/2010 T-C.31 and T-C.33; 86/2017 keeps
# them) set two plans' figures side by side under spanning headers: the RKPD draft's target
# beside the agency's own needs analysis, and the plan year's target beside the forward
# estimate for the year after. Each is a plan of its own, not one fact printed twice, so a
# figure column under one of these headers (squashed) carries that plan as its measure.
PLAN_GROUPS = (("rancanganawal", "rancangan_awal_rkpd"),
               ("hasilanalisiskebutuhan", "hasil_analisis_kebutuhan"),
               ("prakiraanmaju", "prakiraan_maju"))
PLAN_MEASURES = tuple(m for _, m in PLAN_GROUPS)
# A caption naming stakeholders' proposals (T-C.32 'Usulan Program dan Kegiatan dari Para
# Pemangku Kepentingan'): its volumes are what was asked for, not a target set.
PROPOSALS = re.compile(r"\busulan\b", re.IGNORECASE)


def plan_group_measures(cols: list[Column]) -> list[Column]:
    """Give each figure column under a Renja plan header ('Rancangan Awal RKPD … Target
    Capaian', 'Prakiraan Maju Rencana Tahun 2017 … Target') that plan as its measure, so
    the two halves of a review stay two records (see `_distinct`)."""
    out = []
    for c in cols:
        if c.role in FIGURES and c.measure is None:
            squashed = squash(c.name)
            plan = next((m for key, m in PLAN_GROUPS if key in squashed), None)
            if plan:
                c = replace(c, measure=plan)
        out.append(c)
    return out


def _measure(ctx: TableContext, year: int | None, measure: str | None, roles: set[str],
             renstra: bool = False) -> str:
    if measure in ("annual", "baseline", "national", "renstra_progress", "renstra_target", "proyeksi",
                   "capaian_sasaran", *PLAN_MEASURES):
        return "renstra_target" if measure == "proyeksi" else measure
    if measure == "renstra_end":
        return "renstra_target"
    if measure == "previous_year":
        return "history"
    if measure and measure.startswith(("triwulan", "bulan_")):
        return measure
    kind = ctx.table.kind
    if ctx.fiscal_year and year and year < ctx.fiscal_year:
        return _earlier_year_measure(kind, roles, renstra)
    if kind == "renstra_target" or (ctx.fiscal_year and year and year > ctx.fiscal_year):
        return "renstra_target"
    if renstra and "realisasi" not in roles:
        return "renstra_target"
    if kind == "renstra_progress":
        # progress is measured by a realisasi or capaian; a column group of targets alone
        # in such a table (the plan matrix beside it) states the plan's yearly targets
        return "renstra_progress" if roles & {"realisasi", "capaian"} else "renstra_target"
    if not roles & {"realisasi", "capaian"} and PROPOSALS.search(ctx.table.caption or ""):
        return "usulan"
    return "annual"


PLAN_KINDS = ("renstra_target", "renstra_progress")


def _earlier_year_measure(kind: str, roles: set[str], renstra: bool) -> str:
    """The measure of a year before the report's. A target beside its realisasi evaluates
    that year in full (a Renja's 'Target dan Realisasi Tahun Lalu'): annual for its year; so
    does the year's own target alone (a Renja's 'Target … (Renja) Tahun 2014' beside a
    cumulative realisasi). A plan's target for a past year ('Target Renstra 2014' in a
    target matrix) and a lone realisasi or capaian printed for comparison are history."""
    if {"target", "realisasi"} <= roles:
        return "annual"
    own_target = "target" in roles and not renstra and kind not in PLAN_KINDS
    return "annual" if own_target else "history"


PLAN_TARGET_MEASURES = ("renstra_target", "renstra_end", "proyeksi", "baseline")


def _single_stale_year(ctx: TableContext, cols: list[Column]) -> int | None:
    """A lone header year that is not the report's (a 'Target Tahun 2022' column in a 2023
    report's programme table) is evidently stale when the table is about the report year."""
    # A plan's target ('Target s.d 2015 (RPJMD)') states its own year, never a stale one.
    years = {c.year for c in performance_columns(cols) if c.year and c.measure not in PLAN_TARGET_MEASURES}
    if len(years) != 1 or not ctx.fiscal_year:
        return None
    (year,) = years
    if year == ctx.fiscal_year or ctx.table.kind not in ("perjanjian_kinerja", "capaian_kinerja"):
        return None
    if str(year) in (ctx.table.caption or ""):
        return None
    return year


def _plan_year(ctx: TableContext) -> int | None:
    """'Rencana Tindak Lanjut Program/Kegiatan Tahun 2017' in a 2016 report: next year's plan,
    whose year-less target columns are that year's."""
    caption = ctx.table.caption or ""
    years = set(re.findall(r"\b(20\d\d)\b", caption))
    if len(years) != 1 or not ctx.fiscal_year or not re.search(r"rencana", caption, re.IGNORECASE):
        return None
    year = int(years.pop())
    return year if year == ctx.fiscal_year + 1 else None


BUDGET_ONLY_KINDS = ("realisasi_anggaran", "anggaran")
# Kinds whose tables report what was achieved: a column headed by a bare past year
# ('TAHUN 2013' under 'TAHUN') prints that year's realisasi there, a target elsewhere.
ACHIEVED_KINDS = ("capaian_kinerja", "capaian_history", "renstra_progress")


PROSE_CELL = 15  # characters: a figure, even 'WTP' or 'Baik', is shorter on average


def prose_columns_are_not_figures(cols: list[Column], rows: list[Row]) -> list[Column]:
    """A figure column whose cells hold no digit and read as prose ('- RTM OPD Penguatan …')
    took its role from a spanning header ('TARGET' over 'SATUAN | PROGRAM/KEGIATAN |
    ANGGARAN'); its cells' type says it is text, so it is no figure."""
    out = []
    for c in cols:
        if c.role in FIGURES and c.role != "predikat":
            texts = [t for t in (cell_at(r, c.index).text.strip() for r in rows) if t]
            prose = (len(texts) >= 3 and not any(ch.isdigit() for t in texts for ch in t)
                     and sum(map(len, texts)) / len(texts) > PROSE_CELL)
            if prose:
                c = replace(c, role="other")
        out.append(c)
    return out


def bare_year_figures(cols: list[Column], kind: str, fiscal_year: int | None) -> list[Column]:
    """Give a column headed by a year alone the figure it must hold: the realisasi of a past
    or current year in a table of achievements, else that year's target. Without this the
    history columns of a 'Perbandingan Realisasi … 2013–2018' table are read as nothing."""
    out = []
    for c in cols:
        if c.role == "year_value" and c.year is not None:
            past = fiscal_year is None or c.year <= fiscal_year
            role = "realisasi" if kind in ACHIEVED_KINDS and past else "target"
            c = replace(c, role=role)
        out.append(c)
    return out


PROGRESS_MEASURES = ("renstra_progress", "renstra_end")


def yearly_series_targets_are_annual(cols: list[Column], kind: str,
                                     fiscal_year: int | None) -> list[Column]:
    """A progress table that prints 'Target | Realisasi' for each year of the plan ('2014 …
    2018 Target | Realisasi', a 'Target dan Realisasi Jangka Menengah') measures each year
    against that year's own target: a year whose target and realisasi both stand there, with
    a later year's target printed beyond it, is that year's annual record, not progress
    against the plan's final target (which is the last year's target, not this one). A year
    after the report's is still to come: its columns stay the plan's targets."""
    progress = any(c.measure in PROGRESS_MEASURES for c in cols)
    own = set() if kind != "renstra_progress" or progress else _own_year_columns(cols, fiscal_year)
    return [replace(c, measure="annual") if c.index in own else c for c in cols]


def _own_year_columns(cols: list[Column], fiscal_year: int | None) -> set[int]:
    """The figure columns of the years that print both a target and a realisasi, up to the
    report's year and before the last year a target is printed for."""
    figures = [c for c in performance_columns(cols) if c.measure is None]
    targets = _years_of(figures, "target")
    last = min(max(targets, default=0) - 1, fiscal_year or max(targets, default=0))
    own = targets & _years_of(figures, "realisasi")
    return {c.index for c in figures if c.year in own and c.year <= last}


def _years_of(figures: list[Column], role: str) -> set[int]:
    """The years the figure columns of one role print."""
    return {c.year for c in figures if c.role == role and c.year}


def curate(ctx: TableContext) -> list[dict]:
    cols = _table_columns(ctx)
    groups = _groups(cols) if cols else {}
    if not groups:
        return []
    by_role: dict[str, int] = {}
    for c in cols:
        by_role.setdefault(c.role, c.index)
    stale = _noted_stale_year(ctx, cols)
    default_year = _plan_year(ctx) or ctx.fiscal_year
    indicator_cols = [c.index for c in cols if c.role == "indicator"] or _sasaran_labels(cols)
    bullets = bullet_columns(cols, ctx.table.rows)
    records: list[dict] = []
    org_unit: str | None = None
    figure_cols = sorted({c.index for slot in groups.values() for c in slot.values()})
    above = SubLineParent("", frozenset())
    for row_no, row in _unstacked_rows(ctx.table.rows, cols):
        section = section_unit([c.text for c in row])
        if section:
            org_unit = section
            continue
        name = _row_name(row, by_role)
        label, above = _row_label(row, by_role, indicator_cols, figure_cols, above, name)
        unit_text = clean_label(cell_at(row, by_role.get("unit")).text) or None
        found = _row_records(ctx, row, row_no, groups, by_role, name, unit_text, stale, org_unit,
                             default_year, label.text, bullets)
        if label.kind == "sub_line":
            _note_all(found, "a sub-line of the indicator above: its figures print another unit")
        records += _distinct(_as_average(found) if label.kind == "average" else found)
    return _note_unread_figures(capaian_fractions(records))


def _table_columns(ctx: TableContext) -> list[Column]:
    """The table's columns described, the plan's own arithmetic and the body's cells
    consulted; none for a budget table without indicators (its 'Realisasi %' is the
    budget's absorption, not an indicator's capaian; only a K/Rp form holds performance)."""
    cols = bare_year_figures(describe_all(ctx.table.columns, ctx.table.header_rows), ctx.table.kind,
                             ctx.fiscal_year)
    cols = capaian_against_plan(cols, ctx.table.rows)
    cols = summed_realisasi_is_progress(cols, ctx.table.set_aside)
    cols = progress_realisasi_by_arithmetic(cols, ctx.table.rows)
    cols = prose_columns_are_not_figures(cols, ctx.table.rows)
    cols = numeric_units_are_figures(cols, ctx.table.rows)
    cols = plan_group_measures(cols)
    cols = yearly_series_targets_are_annual(cols, ctx.table.kind, ctx.fiscal_year)
    if ctx.table.kind in BUDGET_ONLY_KINDS and not any(c.role == "indicator" for c in cols):
        return []
    return cols


def _noted_stale_year(ctx: TableContext, cols: list[Column]) -> int | None:
    stale = _single_stale_year(ctx, cols)
    if stale:
        ctx.notes.append(
            f"header year {stale} read as report year {ctx.fiscal_year}: the table states the "
            f"{ctx.fiscal_year} programme under a stale year label"
        )
    return stale


@dataclass(frozen=True)
class RowLabel:
    """What a row's records are labelled by: its own indicator ('own'), the indicator above
    it ('sub_line'), a closing average row's label ('average'), or nothing ('')."""
    text: str
    kind: str


def _row_label(row: Row, by_role: dict[str, int], indicator_cols: list[int],
               figure_cols: list[int], above: SubLineParent, name: str) -> tuple[RowLabel, SubLineParent]:
    """The row's label (the `other_indicator` its records fall back on) and the labelled row
    a following sub-line would belong to."""
    indicator = clean_label(cell_at(row, by_role.get("indicator")).text)
    other = _row_indicator(row, indicator_cols)
    units = _printed_units(row, figure_cols)
    if indicator or name or other:
        own = RowLabel(other or indicator or name, "own")
        return own, SubLineParent(indicator or name or other, units)
    sub_line = above.label_for(units)
    if sub_line:
        return RowLabel(sub_line, "sub_line"), above
    average = _average_label(row)
    return RowLabel(average, "average" if average else ""), above


def _printed_units(row: Row, figure_cols: list[int]) -> frozenset[str]:
    """The unit words the row's figure cells print with their numbers ('6 Komunitas TIK');
    a bare '%' is no word and tells no sub-line apart."""
    units = (parse_number(cell_at(row, i).text).unit for i in figure_cols)
    return frozenset(u.casefold() for u in units if u and any(ch.isalpha() for ch in u))


@dataclass(frozen=True)
class SubLineParent:
    """The last labelled row and the units its figures print. An unlabelled row right under
    it whose figures print other units ('6 Kegiatan' then '6 Komunitas TIK') measures the
    same indicator in another unit: a sub-line, labelled by the indicator above."""
    label: str
    units: frozenset[str]

    def label_for(self, units: frozenset[str]) -> str:
        if self.label and self.units and units and not units & self.units:
            return self.label
        return ""


def _note_all(records: list[dict], note: str) -> None:
    for rec in records:
        rec["parse_note"] = "; ".join(n for n in (rec.get("parse_note"), note) if n)


AVERAGE_LABEL = re.compile(r"\b(rata\s*[-–]?\s*rata|rerata)\b", re.IGNORECASE)


def _average_label(row: Row) -> str:
    """The label of a closing 'Rata-rata capaian' / 'RATA – RATA' row, printed in whatever
    column the table has room for (No, Sasaran); '' for any other row."""
    for cell in row:
        text = clean_label(cell.text)
        if AVERAGE_LABEL.search(text) and not cell.filled:
            return text
    return ""


def _as_average(records: list[dict]) -> list[dict]:
    """An average row states no indicator's result: the capaian it prints alone is the mean
    of the sasaran (or indicators) above, the table's own summary score, recorded as such
    with its label. A mean of targets or realisasi across indicators of different units
    measures nothing; such a row stays out, as any row without an indicator does."""
    out = []
    for rec in records:
        if rec["target"] is None and rec["realisasi"] is None:
            note = "average row: the mean of the capaian above it, not an indicator"
            rec["measure"] = "capaian_sasaran"
            rec["parse_note"] = "; ".join(n for n in (rec.get("parse_note"), note) if n)
            out.append(rec)
    return out


def _row_name(row: Row, by_role: dict[str, int]) -> str:
    """The programme or kegiatan the row is about. A Renstra's kegiatan row whose indicator
    cell is blank ('Peningkatan Kesejahteraan Aparatur | | 100% | 100% …') still states
    yearly targets; the kegiatan names them, as a programme's name does."""
    for role in ("name", "program", "kegiatan"):
        text = clean_label(cell_at(row, by_role.get(role)).text)
        if text:
            return text
    return ""


FIGURE_TEXTS = (("target", "target_text"), ("realisasi", "realisasi_text"),
                ("capaian_reported", "capaian_text"))


def _note_unread_figures(records: list[dict]) -> list[dict]:
    """A cell that prints a number among words ('Persentase capaian mutu 100%') is a label,
    not a figure; its value stays NULL, and the record says why rather than silently."""
    for rec in records:
        for field, text_field in FIGURE_TEXTS:
            text = rec.get(text_field) or ""
            if rec.get(field) is None and re.search(r"\d", text) and not rec.get("parse_note"):
                rec["parse_note"] = (f"'{text}' prints words beside its figure; "
                                     f"not read as {field}")
    return records


def _unstacked_rows(rows: list[Row], cols: list[Column]) -> list[tuple[int, Row]]:
    """The body with each row that stacks k indicators and their figures split into k rows
    (see curate/stacked.py); a split row keeps its row_no, so each part names its source."""
    figures = [c.index for c in performance_columns(cols) if c.role != "predikat"]
    indicators = [c.index for c in cols if c.role == "indicator"]
    return [(row_no, part) for row_no, row in enumerate(rows, start=1)
            for part in unstack_row(row, figures, indicators)]


BOUND = re.compile(r"^([<>≤≥]=?)\s*(\d[\d.,]*\s*%?)$")
WITH_SHARE = re.compile(r"^(\S.*?)\s*\(\s*(-?\d[\d.,]*)\s*(%?)\s*\)$")
SHARE_TOLERANCE = 1.0  # percentage points: a bracketed share is printed rounded
# A figure with a note in brackets after it: its category ('100 (Hijau)', '85 (Baik)') or the
# count behind a percentage ('20% (11 OPD)'): words in the bracket, so never a share.
WITH_NOTE = re.compile(r"^\s*(-?\d[\d.,]*\s*%?)\s*\(([^()]*[A-Za-z][^()]*)\)\s*$")


def _read_printed_forms(ctx: TableContext, cells: dict[str, Cell],
                        texts: dict[str, str]) -> list[str]:
    """Rewrite, in place, figure cells printed in two forms the number reader does not take:
    a realisasi with its capaian in brackets beneath ('2.165 (105,60)', '86 (101%)') when
    the row has no capaian of its own and the bracket is a percentage or equals
    realisasi / target × 100; and a bound ('> 100', '≥ 85'), read as its number. Returns
    notes saying what was read so."""
    notes = []
    share = WITH_SHARE.match(texts.get("realisasi", ""))
    restated = bool(share) and _restates_target(ctx, share, texts.get("target", ""))
    if share and not texts.get("capaian") and _is_share(ctx, share, texts.get("target", ""), restated):
        cells["realisasi"] = cells["realisasi"].copy_with(share.group(1))
        cells["capaian"] = cells["realisasi"].copy_with(share.group(2))
        texts["realisasi"], texts["capaian"] = share.group(1), share.group(2)
        notes.append("capaian printed in brackets under the realisasi")
    elif restated:
        cells["realisasi"] = cells["realisasi"].copy_with(share.group(1))
        notes.append(f"realisasi: the bracket '({share.group(2)}{share.group(3)})' after it "
                     "restates the target; set aside")
    for role in ("target", "realisasi", "capaian"):
        bound = BOUND.match(texts.get(role, ""))
        if bound:
            cells[role] = cells[role].copy_with(bound.group(2))
            texts[role] = bound.group(2)
            notes.append(f"{role}: printed as a bound '{bound.group(0)}'; its number read")
    return notes + _read_split_capaian(ctx, cells, texts) + _read_noted_figures(cells, texts)


# '1 86,12': a capaian whose first digit the PDF set apart from the rest.
SPLIT_HEAD = re.compile(r"^\s*(\d{1,2})\s+(\d[\d.,]*)\s*(%?)\s*$")


def _ratio_matches(real: float | None, target: float | None, printed: float | None) -> bool:
    """Whether a printed figure is realisasi / target × 100, either way round."""
    if not real or not target or printed is None:
        return False
    return min(abs(r - printed) for r in ratios(real, target)) <= SHARE_TOLERANCE


def _read_split_capaian(ctx: TableContext, cells: dict[str, Cell], texts: dict[str, str]) -> list[str]:
    """Read, in place, a capaian printed with its first digits set apart ('1 86,12'), which
    the number reader cannot tell from two numbers: joined when the row's own arithmetic
    says so, the joined figure being realisasi / target × 100 (either way round)."""
    split = SPLIT_HEAD.match(texts.get("capaian", ""))
    if not split or "capaian" not in cells:
        return []
    joined = split.group(1) + split.group(2) + split.group(3)
    real, target, printed = (parse_number(t, convention=ctx.convention).value
                             for t in (texts.get("realisasi", ""), texts.get("target", ""), joined))
    if not _ratio_matches(real, target, printed):
        return []
    cells["capaian"] = cells["capaian"].copy_with(joined)
    texts["capaian"] = joined
    return [f"capaian: digits split by a space joined ('{split.group(0).strip()}' → '{joined}'), "
            "as realisasi / target × 100 gives"]


def _read_noted_figures(cells: dict[str, Cell], texts: dict[str, str]) -> list[str]:
    """Read, in place, a figure printed with a note in brackets after it ('100 (Hijau)',
    '20% (11 OPD)'; `WITH_NOTE`) as the figure: the note names its category or the count
    behind it, not a second figure of the cell. The printed text keeps the note."""
    notes = []
    for role in ("target", "realisasi", "capaian"):
        noted = WITH_NOTE.match(texts.get(role, ""))
        if noted:
            cells[role] = cells[role].copy_with(noted.group(1))
            notes.append(f"{role}: the note '({noted.group(2).strip()})' after the figure set aside")
    return notes


# A figure cell printed as a list, one dash-led line per item ('- 100%' over '- 100%'): a
# Renja prints one target line per unnamed output of a kegiatan. A dash that leads a line
# of such a list is its bullet, never a minus sign.
BULLETED = re.compile(r"[-–•]\s*(\d[\d.,]*\s*%?)")
BULLET_LIST = re.compile(r"\s*(?:[-–•]\s*\d[\d.,]*\s*%?\s*)+")


def bullet_columns(cols: list[Column], rows: list[Row]) -> frozenset[int]:
    """The figure columns printed as bulleted lists: some cell of the column holds two or
    more dash-led figures ('- 100% - 100%'), which no signed number looks like."""
    out = set()
    for c in performance_columns(cols):
        for row in rows:
            text = cell_at(row, c.index).text
            if BULLET_LIST.fullmatch(text) and len(BULLETED.findall(text)) >= 2:
                out.add(c.index)
                break
    return frozenset(out)


def _read_bullets(cells: dict[str, Cell], texts: dict[str, str], slot: dict[str, Column],
                  bullets: frozenset[int]) -> list[str]:
    """Read, in place, a bulleted figure cell of a bullet-list column (`bullet_columns`):
    one figure, or several lines that all print the same figure, is that figure; lines that
    differ stay unread (each belongs to an output the row does not name). The printed text
    is kept as it was. Returns notes saying what was read so."""
    notes = []
    for role, col in slot.items():
        text = texts.get(role, "")
        if col.index not in bullets or not BULLET_LIST.fullmatch(text):
            continue
        figures = [" ".join(f.split()) for f in BULLETED.findall(text)]
        if len(set(figures)) == 1:
            cells[role] = cells[role].copy_with(figures[0])
            lines = f"{len(figures)} bulleted lines print" if len(figures) > 1 else "a bulleted line prints"
            notes.append(f"{role}: {lines} '{figures[0]}'; the dash is a bullet, not a minus")
    return notes


def _is_share(ctx: TableContext, share: re.Match, target_text: str, restated: bool) -> bool:
    """Whether a bracketed figure beside a realisasi is its capaian: equal to realisasi /
    target × 100 (either way round, for lower-is-better indicators), or printed with '%'
    unless it merely restates the row's target (`restated`: '22,7 % (75%)' under 75%)."""
    numbers = [parse_number(BOUND.sub(r"\2", t.strip()), convention=ctx.convention).value
               for t in (share.group(1), target_text, share.group(2))]
    if _ratio_matches(*numbers):
        return True
    return bool(share.group(3)) and not restated


def _restates_target(ctx: TableContext, share: re.Match, target_text: str) -> bool:
    """Whether a bracket after a realisasi prints the row's target again ('22,7 % (75%)'
    under a target of 75%)."""
    target = parse_number(BOUND.sub(r"\2", target_text.strip()), convention=ctx.convention).value
    printed = parse_number(share.group(2), convention=ctx.convention).value
    return target is not None and printed == target


def _sasaran_labels(cols: list[Column]) -> list[int]:
    """A table that names no indicator, programme or activity column measures its sasaran
    ('No | Sasaran | Target | Realisasi | Capaian'): the sasaran column then labels the
    figures, which would otherwise be dropped for want of an indicator."""
    if any(c.role in ("name", "program", "kegiatan") for c in cols):
        return []
    return [c.index for c in cols if c.role == "sasaran"][:1]


def _row_indicator(row: Row, indicator_cols: list[int]) -> str:
    """The rightmost indicator the row prints. A Renstra matrix prints the tujuan, sasaran
    and programme indicators in columns of their own, each on its own row, with the targets
    in shared columns: a row whose programme indicator is empty states the targets of the
    tujuan or sasaran indicator it does print."""
    for index in reversed(indicator_cols):
        text = clean_label(cell_at(row, index).text)
        if text:
            return text
    return ""


def _filled_from(ctx: TableContext, row_no: int, row: Row, indicator_col: int | None,
                 slot: dict[str, Column]) -> int | None:
    """The row whose merged indicator and figures this record copies, if it prints none."""
    columns = [c for c in (indicator_col, *(col.index for col in slot.values())) if c is not None]
    return copied_from(ctx.table.rows, row_no, [cell_at(row, c) for c in columns], columns)


def _distinct(records: list[dict]) -> list[dict]:
    """A row that prints the same indicator and figures twice under one year and measure
    states one fact: keep it once. (T-C.31's 'rancangan' and 'hasil analisis' halves are
    two plans, told apart by their measures, see `plan_group_measures`.)"""
    seen: set[tuple] = set()
    out = []
    for r in records:
        key = (r["indicator"], r.pop("_columns"), r["target"], r["realisasi"], r["capaian_reported"])
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def _row_records(
    ctx: TableContext,
    row: Row,
    row_no: int,
    groups: dict[GroupKey, dict[str, Column]],
    by_role: dict[str, int],
    name: str,
    unit_text: str | None,
    stale_year: int | None,
    org_unit: str | None,
    default_year: int | None,
    other_indicator: str = "",
    bullets: frozenset[int] = frozenset(),
) -> list[dict]:
    """`default_year`: the year of a figure column that prints none — the report's, or the
    planned year of a 'Rencana … Tahun 2017' table. `other_indicator`: the row's indicator
    in another indicator column, for figures whose own indicator and name cells are empty.
    `bullets`: the figure columns printed as bulleted lists (`bullet_columns`)."""
    out = []
    shared = {
        "doc_id": ctx.doc_id, "table_id": ctx.table_id, "row_no": row_no,
        "sasaran": clean_label(cell_at(row, by_role.get("sasaran")).text) or None,
        "program": clean_label(cell_at(row, by_role.get("program")).text) or None,
        "name": name or None, "org_unit": org_unit, "page": row_page(row), "line": row_line(row),
    }
    for (indicator_col, year, measure), slot in groups.items():
        cells, texts = _slot_cells(row, slot)
        if not any(texts.get(r) for r in ("target", "realisasi", "capaian")):
            continue
        figure_notes = _read_printed_forms(ctx, cells, texts) + _read_bullets(cells, texts, slot, bullets)
        indicator = clean_label(cell_at(row, indicator_col).text) or name or other_indicator
        if not indicator:
            figure_notes.append(UNLABELLED)
        rec_year = _record_year(ctx, row, by_role, year, measure, stale_year, default_year)
        read = _read_figures(ctx, cells, texts, unit_text)
        read.notes[:0] = figure_notes
        out.append(shared | {
            "indicator": indicator or None,
            "unit": normalise_unit(read.unit) if read.unit else None,
            "unit_printed": read.unit,
            "year": rec_year,
            "measure": _measure(ctx, rec_year, measure, set(slot), _renstra(slot)),
            **_figure_fields(read.values, texts),
            "provisional": read.provisional,
            "parse_note": "; ".join(read.notes) or None,
            "filled_from_row": _filled_from(ctx, row_no, row, indicator_col, slot),
            "_columns": (year, measure),  # which printed columns; see _distinct
        })
    return out


# Figures printed on a row whose indicator, programme and kegiatan cells are all blank (an
# unnamed output under the kegiatan above): kept, never dropped, and said so.
UNLABELLED = "figures on a row that names no indicator, programme or kegiatan"


def _slot_cells(row: Row, slot: dict[str, Column]) -> tuple[dict[str, Cell], dict[str, str]]:
    """The row's cell and text under each figure role of a column group. 'Kategori
    Penilaian: 58,34 % (Sedang)' prints the capaian and its predikat in one cell: split."""
    cells = {r: cell_at(row, c.index) for r, c in slot.items()}
    texts = {r: cell.text.strip() for r, cell in cells.items()}
    scored = SCORE_WITH_LABEL.match(texts.get("predikat", ""))
    if scored and "capaian" not in cells:
        cells["capaian"] = cells["predikat"].copy_with(scored.group(1))
        texts["capaian"], texts["predikat"] = scored.group(1), scored.group(2).strip()
    return cells, texts


def _record_year(ctx: TableContext, row: Row, by_role: dict[str, int], year: int | None,
                 measure: str | None, stale_year: int | None, default_year: int | None) -> int | None:
    """The year a group's figures are for: the column's, a period's ('Tahun-2'; 'Tahun 0'
    is the plan's base year), the row's own 'Tahun' cell, else what the measure implies."""
    rec_year = ctx.column_year(None, -year) if year is not None and year <= 0 else year
    printed_year = cell_at(row, by_role.get("row_year")).text.strip()
    if year is None and re.fullmatch(r"(19|20)\d\d", printed_year):
        rec_year = int(printed_year)
    if rec_year is None or rec_year == stale_year:
        previous = default_year - 1 if default_year else None
        rec_year = {"baseline": ctx.renstra_start, "renstra_end": ctx.renstra_end,
                    "previous_year": previous}.get(measure or "", default_year)
    return rec_year


@dataclass
class ReadFigures:
    """A group's printed figures read into numbers, with what the reading noted."""
    values: dict[str, float | None]
    notes: list[str]
    unit: str | None
    provisional: bool


def _read_figures(ctx: TableContext, cells: dict[str, Cell], texts: dict[str, str],
                  unit_text: str | None) -> ReadFigures:
    """Target, realisasi and capaian read in the unit's role; an ambiguous figure settled by
    the row's own ratio (`settle_printed_ratio`)."""
    role = unit_role(normalise_unit(unit_text) if unit_text else None)
    read = ReadFigures({}, [], unit_text, False)
    parsed_by_role = {}
    for r in ("target", "target_before", "realisasi", "capaian"):
        if r not in cells:
            read.values[r] = None
            continue
        parsed = read_number(ctx, cells[r], "ratio" if r == "capaian" else role)
        parsed_by_role[r] = parsed
        _take_parsed(read, r, parsed)
    if "realisasi" in parsed_by_role and "target" in parsed_by_role:
        real, target, capaian, note = settle_printed_ratio(
            parsed_by_role["realisasi"], parsed_by_role["target"], read.values["capaian"],
            printed_text=texts.get("capaian"), printed_parsed=parsed_by_role.get("capaian"),
        )
        if note:
            read.values["realisasi"], read.values["target"], read.values["capaian"] = real, target, capaian
            read.notes.append(note)
    return read


def _take_parsed(read: ReadFigures, r: str, parsed: ParsedNumber) -> None:
    """One parsed figure into the values; its range, provisional mark, note and unit kept."""
    read.values[r] = parsed.value
    if r == "target" and parsed.kind == "range":
        read.values["target_low"], read.values["target_high"] = parsed.low, parsed.high
    read.provisional = read.provisional or parsed.provisional
    if parsed.note:
        read.notes.append(f"{r}: {parsed.note}")
    if parsed.unit and parsed.unit != "Rp" and not read.unit and r != "capaian":
        read.unit = parsed.unit


def _figure_fields(values: dict[str, float | None], texts: dict[str, str]) -> dict:
    return {
        "target": values["target"], "target_text": texts.get("target") or None,
        "target_before": values["target_before"],
        "target_low": values.get("target_low"), "target_high": values.get("target_high"),
        "realisasi": values["realisasi"], "realisasi_text": texts.get("realisasi") or None,
        "capaian_reported": values["capaian"], "capaian_text": texts.get("capaian") or None,
        "predikat_reported": texts.get("predikat") or None,
    }
