"""capaian_against_plan: the body rows' arithmetic decides which target a capaian measures."""

from __future__ import annotations

from pipeline.curate import performance
from pipeline.curate.arithmetic import capaian_against_plan
from pipeline.curate.columns import describe_all
from pipeline.curate.context import make_context
from pipeline.model import Cell, LogicalTable

HEADER = ["Indikator", "Target Akhir Renstra 2020", "Target 2017", "Realisasi 2017", "Capaian 2017 (%)"]


def curated(header: list[str], body: list[list[Cell]], kind: str, fiscal_year: int) -> list[dict]:
    """The performance records of a one-header-row table of `kind`."""
    table = LogicalTable(index=0, label=None, caption=None, header_rows=[header], columns=header,
                         rows=body, kind=kind)
    return performance.curate(make_context("d", "t", fiscal_year, table))


def rows(*values: tuple[str, ...]) -> list[list[Cell]]:
    return [[Cell(text=v) for v in ("Indeks A", *r)] for r in values]


def test_a_capaian_of_realisasi_over_the_plan_target_is_progress() -> None:
    cols = describe_all(HEADER)
    body = rows(("50", "40", "40", "80"), ("90", "60", "80", "88,9"), ("26", "11", "11", "42,31"))
    got = capaian_against_plan(cols, body)
    assert got[4].measure == "renstra_progress"
    assert [c.measure for c in got[:4]] == [c.measure for c in cols[:4]]


def test_a_capaian_of_its_own_year_stays_the_annual_capaian() -> None:
    cols = describe_all(HEADER)
    body = rows(("50", "40", "40", "100"), ("90", "60", "80", "133,33"), ("26", "11", "11", "100"))
    assert capaian_against_plan(cols, body)[4].measure is None


def test_one_deciding_row_is_not_evidence_enough() -> None:
    cols = describe_all(HEADER)
    body = rows(("50", "40", "40", "80"), ("90", "90", "80", "88,9"))  # row 2: both hold
    assert capaian_against_plan(cols, body)[4].measure is None


def test_lower_is_better_ratios_count_too() -> None:
    cols = describe_all(HEADER)
    body = rows(("10", "20", "20", "50"), ("5", "8", "10", "50"))  # plan / realisasi × 100
    assert capaian_against_plan(cols, body)[4].measure == "renstra_progress"


def test_the_plan_target_keeps_its_own_record_beside_the_years_progress() -> None:
    """The capaian is realisasi / the plan target by arithmetic; the year's own target stays
    with its realisasi and the plan's later-year target stays that year's plan record."""
    header = ["Indikator", "Target Renstra Tahun 2018", "Target Tahun 2015", "Realisasi Tahun 2015",
              "Tingkat Capaian (%)"]
    body = rows(("46", "45", "45", "97,83"), ("90", "60", "80", "88,89"), ("26", "11", "11", "42,31"))
    recs = curated(header, body, "capaian_kinerja", 2016)
    got = {(r["indicator"], r["year"], r["measure"], r["target"], r["realisasi"]) for r in recs}
    assert ("Indeks A", 2018, "renstra_target", 46, None) in got
    assert ("Indeks A", 2015, "annual", 45, 45) in got
    # the progress against the plan: the 2015 realisasi over the 2018 target
    assert ("Indeks A", 2015, "renstra_progress", 46, 45) in got


def test_a_progress_capaian_is_not_also_the_years_own_capaian() -> None:
    """Permendagri's Renja evaluation form prints 'Target (Renja tahun N)', 'Realisasi s/d
    tahun berjalan (tahun N)' and 'Tingkat Capaian Realisasi target Renstra (%)' beside the
    Renstra end target. When the arithmetic says the capaian is realisasi / the end target,
    only the progress record carries it: the year's own target/realisasi record has none, so
    no check recomputes realisasi / the year's target against a figure that never meant that."""
    header = ["Indikator", "Target Renstra Tahun 2020", "Target Tahun 2017", "Realisasi Tahun 2017",
              "Tingkat Capaian Realisasi target Renstra (%)"]
    body = rows(("80", "50", "50", "62,5"), ("40", "30", "36", "90"), ("200", "120", "120", "60"))
    recs = curated(header, body, "capaian_kinerja", 2018)
    got = {(r["year"], r["measure"], r["target"], r["realisasi"], r["capaian_reported"]) for r in recs}
    assert (2017, "annual", 50, 50, None) in got
    assert (2017, "renstra_progress", 80, 50, 62.5) in got
    assert (2017, "annual", 30, 36, None) in got
    assert (2017, "renstra_progress", 40, 36, 90) in got
    assert not any(m == "annual" and c is not None for _, m, _, _, c in got)


def test_of_two_realisasi_columns_the_one_the_progress_capaian_measures_is_the_progress_ones() -> None:
    """'Realisasi Tahun 2013 | Realisasi s/d Tahun 2013 | Target RPJMD | % Capaian … terhadap
    RPJMD': the capaian is the cumulative realisasi over the plan target on every row, so that
    column is the progress record's; the year's own realisasi stays an annual record."""
    header = ["Indikator", "Realisasi sd Tahun 2012", "Realisasi Tahun 2013", "Realisasi s/d Tahun 2013",
              "Target RPJMD", "% Capaian Kinerja Tahun 2013 terhadap RPJMD"]
    body = rows(("65", "746", "811", "400", "202,75"), ("17", "14", "31", "16", "193,75"),
                ("5", "6", "11", "5", "220,00"))
    recs = curated(header, body, "renstra_progress", 2013)
    got = {(r["year"], r["measure"], r["target"], r["realisasi"], r["capaian_reported"]) for r in recs}
    assert (2013, "renstra_progress", 400, 811, 202.75) in got
    # the year's own realisasi is kept in a record of its own, not dropped nor measured
    assert [g for g in got if g[0] == 2013 and g[3] == 746] and all(
        g[4] is None for g in got if g[3] == 746)
