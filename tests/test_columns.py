"""Column roles from header vocabulary and the table's own shape: small synthetic tables."""

from __future__ import annotations

from pipeline.curate.columns import describe_all

MONTH_HEADERS = ["No", "Indikator Kinerja", "Target Tahun 2026",
                 *(f"Target Bulan {m}" for m in ("Januari", "Februari", "Maret", "April", "Mei",
                                                 "Juni", "Juli", "Agustus", "September",
                                                 "Oktober", "November", "Desember"))]


def test_monthly_schedule_columns_carry_their_month() -> None:
    cols = describe_all(MONTH_HEADERS)
    assert [c.measure for c in cols[3:]] == [f"bulan_{n}" for n in range(1, 13)]
    assert all(c.role == "target" and c.year is None for c in cols[3:])
    assert cols[2].year == 2026 and cols[2].measure is None


def test_abbreviated_months_and_ordinals() -> None:
    cols = describe_all(["Indikator", "Jan", "Feb", "Mar", "Apr"])
    assert [c.measure for c in cols[1:]] == ["bulan_1", "bulan_2", "bulan_3", "bulan_4"]
    cols = describe_all(["Indikator", "Target Bulan 1", "Target Bulan 2", "Target Bulan 3"])
    assert [c.measure for c in cols[1:]] == ["bulan_1", "bulan_2", "bulan_3"]


def test_a_lone_month_word_is_not_a_schedule() -> None:
    cols = describe_all(["Indikator", "Target", "Realisasi s/d Desember", "Capaian"])
    assert all(c.measure is None for c in cols)
    cols = describe_all(["Indikator", "Target", "Realisasi Desember", "Capaian"])
    assert cols[2].role == "realisasi" and cols[2].measure is None


def _curate(columns: list[str], rows: list[list[str]], kind: str, fiscal_year: int = 2016,
            renstra_start: int | None = None) -> list[dict]:
    """Run performance curation over a small synthetic table."""
    from pipeline.curate import performance
    from pipeline.curate.context import make_context
    from pipeline.model import Cell, LogicalTable

    table = LogicalTable(index=0, label=None, caption=None, header_rows=[columns], columns=columns,
                         rows=[[Cell(t, page=1) for t in r] for r in rows], kind=kind)
    ctx = make_context("d", "t", fiscal_year, table, renstra_start=renstra_start)
    return performance.curate(ctx)


def test_monthly_schedule_gives_one_record_per_month() -> None:
    row = ["1", "Indeks A", "0,9", *["0"] * 11, "0,9"]
    recs = _curate(MONTH_HEADERS, [row], "perjanjian_kinerja", fiscal_year=2026)
    by_measure = {r["measure"]: r for r in recs}
    assert by_measure["annual"]["target"] == 0.9
    assert by_measure["bulan_1"]["target"] == 0 and by_measure["bulan_12"]["target"] == 0.9
    assert {r["year"] for r in recs} == {2026}


def test_bare_year_columns_in_an_achievement_table_are_that_years_realisasi() -> None:
    cols = ["Indikator Kinerja", "Satuan", "Tahun 2013", "Tahun 2014", "Tahun 2015",
            "Tahun 2016", "Target 2018", "Capaian Target terhadap Realisasi RPJMD Tahun 2016"]
    recs = _curate(cols, [["Indikator A", "%", "60", "70", "80", "90", "100", "90"]],
                   "capaian_history")
    history = {r["year"]: r["realisasi"] for r in recs if r["measure"] == "history"}
    assert history == {2013: 60, 2014: 70, 2015: 80}
    progress = [r for r in recs if r["measure"] == "renstra_progress"]
    # The capaian against the plan's target is a derived measure, not 2016's own capaian.
    assert len(progress) == 1 and progress[0]["target"] == 100 and progress[0]["capaian_reported"] == 90
    assert not [r for r in recs if r["measure"] == "annual" and r["capaian_reported"] is not None]


def test_bare_year_columns_in_a_plan_are_targets() -> None:
    recs = _curate(["Indikator", "2016", "2017", "2018"], [["Indikator A", "1", "2", "3"]],
                   "renstra_target")
    assert sorted((r["year"], r["target"]) for r in recs) == [(2016, 1), (2017, 2), (2018, 3)]
    assert all(r["realisasi"] is None for r in recs)


def test_figures_of_a_row_that_prints_another_indicator_column() -> None:
    """A Renstra matrix: tujuan, sasaran and programme indicators each in a column of their
    own; a row that prints only the sasaran indicator states its targets."""
    cols = ["Indikator Tujuan", "Indikator Sasaran", "Program dan Kegiatan",
            "Indikator Kinerja Program", "Target Kinerja Program Tahun 2014",
            "Target Kinerja Program Tahun 2015"]
    rows = [["Indikator T", "", "", "", "75", "80"],
            ["Indikator T", "Indikator S", "", "", "20", "20"],
            ["", "", "Program P", "Indikator P", "1", "1"]]
    recs = _curate(cols, rows, "renstra_target", fiscal_year=2013)
    got = {(r["indicator"], r["year"]): r["target"] for r in recs}
    assert got == {("Indikator T", 2014): 75, ("Indikator T", 2015): 80,
                   ("Indikator S", 2014): 20, ("Indikator S", 2015): 20,
                   ("Indikator P", 2014): 1, ("Indikator P", 2015): 1}
    assert all(r["name"] is None for r in recs[:4])


def test_period_and_letter_spaced_years() -> None:
    cols = describe_all(["Indikator", "Target Tahun 1", "Target Tahun ke-2",
                         "T ah u n - 3 ( 2 0 1 6 ) T a r g e t"])
    assert [c.period for c in cols[1:3]] == [1, 2]
    assert cols[3].year == 2016


def test_prose_column_under_a_target_header_is_not_a_figure() -> None:
    cols = ["Indikator Kinerja", "Target Kinerja", "Target Program/Kegiatan"]
    rows = [["Indikator A", "85", "- Rapat koordinasi penguatan ketersediaan"],
            ["Indikator B", "100", "- Pemantauan harga pangan pokok strategis"],
            ["Indikator C", "90", "- Sosialisasi konsumsi pangan beragam bergizi"]]
    recs = _curate(cols, rows, "perjanjian_kinerja")
    assert [r["target"] for r in recs] == [85, 100, 90]
    assert all(r["parse_note"] is None for r in recs)


def test_a_row_stacking_k_indicators_and_k_targets_is_k_records() -> None:
    """Issue 11 item 3: one ruled row per sasaran, its indicators and targets stacked line by
    line; the extractor joins the lines, the row's own item counts say how to split it."""
    cols = ["No", "Sasaran", "Indikator Kinerja", "Target"]
    rows = [["1.", "Sasaran A", "- Indeks A naik - Jumlah B", "85 450"],
            ["2.", "Sasaran B", "a. Konsumsi X b. Konsumsi Y", "2050 56"],
            ["3.", "Sasaran C", "- Indeks C - Indeks D - Indeks E", "10 20"]]  # 3 items, 2 figures
    recs = _curate(cols, rows, "perjanjian_kinerja")
    got = [(r["indicator"], r["target"], r["row_no"]) for r in recs]
    assert ("- Indeks A naik", 85, 1) in got and ("- Jumlah B", 450, 1) in got
    assert ("a. Konsumsi X", 2050, 2) in got and ("b. Konsumsi Y", 56, 2) in got
    assert [r["target"] for r in recs if r["row_no"] == 3] == [None]  # counts differ: not split


def test_a_satuan_column_of_figures_under_a_target_span_is_the_target() -> None:
    """'TARGET' spanning 'SATUAN | PROGRAM/KEGIATAN | ANGGARAN': the figures sit under SATUAN;
    a unit column never holds a bare number on every row."""
    cols = ["No", "Indikator Kinerja", "TARGET SATUAN", "TARGET PROGRAM/KEGIATAN", "TARGET ANGGARAN"]
    rows = [["1", "Indeks A", "85", "- Program penguatan ketersediaan pangan", "3.600.000.000,-"],
            ["2", "Indeks B", "> 100", "- Program pemantauan harga dan pasokan", "460.000.000,-"],
            ["3", "Indeks C", "12", "- Program penanggulangan kerawanan pangan", "275.000.000,-"]]
    recs = _curate(cols, rows, "perjanjian_kinerja")
    assert [(r["indicator"], r["target"]) for r in recs] == [
        ("Indeks A", 85), ("Indeks B", 100), ("Indeks C", 12)]
    assert "bound" in recs[1]["parse_note"]
    cols = ["No", "Indikator Kinerja", "Satuan", "Target"]
    recs = _curate(cols, [["1", "Indeks A", "%", "85"], ["2", "Indeks B", "Poin", "3"]],
                   "perjanjian_kinerja")
    assert [r["unit_printed"] for r in recs] == ["%", "Poin"]


def test_capaian_in_brackets_under_the_realisasi_and_a_sasaran_capaian() -> None:
    """'2.165 (105,60)': the bracket is the capaian when it equals realisasi / target × 100 or
    prints '%'; a 'Capaian Sasaran' column is the sasaran's score, its own record."""
    cols = ["Sasaran", "Indikator Sasaran", "Target", "Realisasi", "Capaian Sasaran"]
    rows = [["S1", "Konsumsi energi", "2.050", "2.165 (105,60)", "105,33"],
            ["S1", "Tonase", "450", "270 (60%)", ""],
            ["S2", "Indeks", "80", "100 (7)", ""]]  # neither '%' nor the ratio: not a capaian
    recs = _curate(cols, rows, "capaian_kinerja")
    annual = {r["indicator"]: r for r in recs if r["measure"] == "annual"}
    assert (annual["Konsumsi energi"]["realisasi"], annual["Konsumsi energi"]["capaian_reported"]) == (2165, 105.6)
    assert (annual["Tonase"]["realisasi"], annual["Tonase"]["capaian_reported"]) == (270, 60)
    assert annual["Indeks"]["capaian_reported"] is None and annual["Indeks"]["realisasi"] is None
    sasaran = [r for r in recs if r["measure"] == "capaian_sasaran"]
    assert [(r["capaian_reported"], r["target"]) for r in sasaran] == [(105.33, None)]


def test_target_only_columns_in_a_progress_table_are_plan_targets() -> None:
    cols = ["Indikator Sasaran", "Target Kinerja Sasaran pada Tahun ke- 2014",
            "Target Kinerja Sasaran pada Tahun ke- 2015", "Kondisi Kinerja pada awal periode"]
    recs = _curate(cols, [["Indeks A", "80", "85", "70"]], "renstra_progress", fiscal_year=None,
                   renstra_start=2013)
    got = {(r["year"], r["measure"]): (r["target"], r["realisasi"]) for r in recs}
    assert got[(2014, "renstra_target")] == (80, None) and got[(2015, "renstra_target")] == (85, None)
    assert got[(2013, "baseline")] == (None, 70)


def test_realisasi_percent_beside_its_own_capaian_is_the_realisasi() -> None:
    cols = describe_all(["Indikator", "KINERJA TARGET (%)", "KINERJA REALISASI (%)",
                         "KINERJA CAPAIAN (%)"])
    assert [c.role for c in cols[1:]] == ["target", "realisasi", "capaian"]
    cols = describe_all(["Indikator", "Target", "Realisasi %"])  # alone: the rate
    assert cols[2].role == "capaian"


def _flat(grid: list[list[str]]) -> list[str]:
    """Flattened names of a span-filled header grid, as reconstruct joins them."""
    names = []
    for c in range(len(grid[0])):
        parts: list[str] = []
        for row in grid:
            if row[c] and (not parts or parts[-1] != row[c]):
                parts.append(row[c])
        names.append(" ".join(parts))
    return names


def test_under_a_spanning_parent_the_sub_header_names_the_figure() -> None:
    grid = [["Indikator", "Target dan realisasi tahun lalu (2020)",
             "Target dan realisasi tahun lalu (2020)", "Target dan realisasi tahun lalu (2020)"],
            ["", "Target Renstra (2020)", "Realisasi Renja (2020)", "Tingkat Realisasi (%)"]]
    cols = describe_all(_flat(grid), grid)
    assert [(c.role, c.year) for c in cols[1:]] == [
        ("target", 2020), ("realisasi", 2020), ("capaian", 2020)]
    # without the grid the parent's first word wins, as before
    assert [c.role for c in describe_all(_flat(grid))[1:]] == ["target"] * 3


def test_a_text_parent_over_bare_figure_words_keeps_them_figures() -> None:
    grid = [["Sasaran", "INDIKATOR KINERJA TAHUN 2019", "INDIKATOR KINERJA TAHUN 2019"],
            ["", "Target", "Realisasi"]]
    cols = describe_all(_flat(grid), grid)
    assert [(c.role, c.year) for c in cols[1:]] == [("target", 2019), ("realisasi", 2019)]


def test_a_text_parent_over_qualifying_sub_headers_stays_text() -> None:
    """'Indikator Kinerja' over 'Capaian Program | Hasil Kegiatan': kinds of indicator."""
    grid = [["Indikator Kinerja", "Indikator Kinerja", "Target"],
            ["Capaian Program", "Hasil Kegiatan", ""]]
    cols = describe_all(_flat(grid), grid)
    assert [c.role for c in cols] == ["indicator", "indicator", "target"]


def test_a_lone_sub_header_under_its_own_parent_is_not_split() -> None:
    """A two-row header over one column only is one name, not a parent and a leaf."""
    grid = [["Realisasi", "Target"], ["Anggaran", "Kinerja"]]
    cols = describe_all(_flat(grid), grid)
    assert [c.role for c in cols] == ["realisasi", "target"]


def test_the_head_word_names_the_figure() -> None:
    cols = describe_all(["Realisasi Target Kinerja Hasil Program s/d tahun 2019",
                         "Target Realisasi", "Tingkat Realisasi (%)",
                         "Realisasi Capaian Program dan Kegiatan"])
    assert [c.role for c in cols] == ["realisasi", "target", "capaian", "realisasi"]


def test_an_unknown_parent_over_percent_columns_names_no_capaian() -> None:
    """'Perhitungan Skor …' over 'Kkal | % | % AKE': shares of a composition, not rates."""
    grid = [["Kelompok", "Perhitungan Skor", "Perhitungan Skor", "Perhitungan Skor"],
            ["", "Kkal", "%", "% AKE"]]
    cols = describe_all(_flat(grid), grid)
    assert [c.role for c in cols[1:]] == [c.role for c in describe_all(_flat(grid))[1:]]
    assert "capaian" not in [c.role for c in cols]


def test_percent_realisasi_is_the_rate_when_the_capaian_beside_is_outside_its_group() -> None:
    grid = [["Target", "Target", "Target", "Capaian terhadap"],
            ["Target", "Realisasi", "% Realisasi", ""]]
    assert describe_all(_flat(grid), grid)[2].role == "capaian"
    grid = [["KINERJA", "KINERJA", "KINERJA"], ["TARGET (%)", "REALISASI (%)", "CAPAIAN (%)"]]
    assert [c.role for c in describe_all(_flat(grid), grid)] == ["target", "realisasi", "capaian"]
