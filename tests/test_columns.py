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
            renstra_start: int | None = None, caption: str | None = None,
            header_rows: list[list[str]] | None = None) -> list[dict]:
    """Run performance curation over a small synthetic table."""
    from pipeline.curate import performance
    from pipeline.curate.context import make_context
    from pipeline.model import Cell, LogicalTable

    table = LogicalTable(index=0, label=None, caption=caption, header_rows=header_rows or [columns],
                         columns=columns,
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
    # The last year of the series is a year like the others: its own record.
    annual = [r for r in recs if r["measure"] == "annual"]
    assert [(r["year"], r["target"], r["realisasi"], r["capaian_reported"]) for r in annual] == [
        (2016, None, 90, None)]
    # The capaian against the plan's target is the plan year's comparison, not 2016's own
    # capaian: the 2018 target with the latest realisasi beside it.
    plan = [r for r in recs if r["measure"] == "renstra_target"]
    assert [(r["year"], r["target"], r["realisasi"], r["capaian_reported"]) for r in plan] == [
        (2018, 100, 90, 90)]


def test_a_lone_realisasi_against_the_end_target_is_the_years_progress() -> None:
    cols = ["Indikator Kinerja", "Satuan", "Realisasi 2023", "Target Akhir 2026", "Tingkat Kemajuan"]
    recs = _curate(cols, [["Indeks A", "Poin", "81", "78", "103,8"]], "renstra_progress",
                   fiscal_year=2023)
    assert [(r["year"], r["measure"], r["target"], r["realisasi"]) for r in recs] == [
        (2023, "renstra_progress", 78, 81)]


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
            ["S2", "Indeks", "80", "100 (7)", ""],  # neither '%' nor the ratio: not a capaian
            ["S2", "Pengaduan", "75%", "22,7 % (75%)", ""]]  # the target restated, not a capaian
    recs = _curate(cols, rows, "capaian_kinerja")
    annual = {r["indicator"]: r for r in recs if r["measure"] == "annual"}
    assert (annual["Konsumsi energi"]["realisasi"], annual["Konsumsi energi"]["capaian_reported"]) == (2165, 105.6)
    assert (annual["Tonase"]["realisasi"], annual["Tonase"]["capaian_reported"]) == (270, 60)
    assert annual["Indeks"]["capaian_reported"] is None and annual["Indeks"]["realisasi"] is None
    assert annual["Pengaduan"]["capaian_reported"] is None and annual["Pengaduan"]["realisasi"] == 22.7
    sasaran = [r for r in recs if r["measure"] == "capaian_sasaran"]
    assert [(r["capaian_reported"], r["target"]) for r in sasaran] == [(105.33, None)]


def test_a_capaian_whose_first_digit_is_set_apart_is_joined_when_the_ratio_says_so() -> None:
    """'1 86,12' could be two numbers; it is one when 186,12 = target / realisasi × 100."""
    cols = ["Indikator", "Target", "Realisasi", "Capaian (%)"]
    rows = [["Fasilitasi A", "1.500.000.000,00", "805.946.348,00", "1 86,12"],
            ["Fasilitasi B", "100", "90", "1 90"]]  # 190 is no ratio of 100 and 90: left unread
    recs = {r["indicator"]: r for r in _curate(cols, rows, "capaian_kinerja")}
    assert recs["Fasilitasi A"]["capaian_reported"] == 186.12
    assert "split by a space joined" in recs["Fasilitasi A"]["parse_note"]
    assert recs["Fasilitasi B"]["capaian_reported"] is None


def test_a_capaian_column_printed_as_fractions_of_one_is_read_as_percent() -> None:
    """'1,00' and '0,28' under 'Tingkat Realisasi (%)' where realisasi / target is 1 and
    0,2775: the column prints fractions; a column whose own figures are percentages (and a
    single row that could be either) is left as printed."""
    cols = ["Indikator", "Target", "Realisasi", "Tingkat Realisasi (%)"]
    rows = [["A", "64", "64", "1,00"], ["B", "519", "144", "0,28"], ["C", "180", "180", "1,00"]]
    got = [r["capaian_reported"] for r in _curate(cols, rows, "capaian_kinerja")]
    assert got == [100, 28, 100]
    rows = [["A", "64", "64", "100"], ["B", "519", "144", "0,28"], ["C", "180", "180", "1,00"]]
    got = [r["capaian_reported"] for r in _curate(cols, rows, "capaian_kinerja")]
    assert got == [100, 0.28, 1]


def test_the_ratio_votes_read_a_capaian_printed_as_a_fraction_of_one() -> None:
    from pipeline.curate.arithmetic import _ratio_holds

    assert _ratio_holds(1.0, 64, 64) and _ratio_holds(0.28, 144, 519) and _ratio_holds(27.75, 144, 519)
    assert not _ratio_holds(0.5, 64, 64)
    assert not _ratio_holds(100, 100, 1)  # 100 is no fraction of one: not 10.000 %


def test_figures_on_a_row_without_any_label_are_kept_and_said_so() -> None:
    cols = ["Kegiatan", "Indikator", "Target", "Realisasi"]
    rows = [["Penyusunan Profil Desa", "Jumlah profil", "100", "98"], ["", "", "200", "189"]]
    recs = _curate(cols, rows, "capaian_kinerja")
    unlabelled = [r for r in recs if r["indicator"] is None]
    assert [(r["target"], r["realisasi"]) for r in unlabelled] == [(200, 189)]
    assert "names no indicator" in unlabelled[0]["parse_note"]


def test_target_only_columns_in_a_progress_table_are_plan_targets() -> None:
    cols = ["Indikator Sasaran", "Target Kinerja Sasaran pada Tahun ke- 2014",
            "Target Kinerja Sasaran pada Tahun ke- 2015", "Kondisi Kinerja pada awal periode"]
    recs = _curate(cols, [["Indeks A", "80", "85", "70"]], "renstra_progress", fiscal_year=None,
                   renstra_start=2013)
    got = {(r["year"], r["measure"]): (r["target"], r["realisasi"]) for r in recs}
    assert got[(2014, "renstra_target")] == (80, None) and got[(2015, "renstra_target")] == (85, None)
    assert got[(2013, "baseline")] == (None, 70)


def test_years_under_a_group_label_under_a_title_row_take_the_group_labels_role() -> None:
    """'Sasaran Strategis' over everything, 'Target Tahunan Ke' over '2014 | 2015': the
    title row would make every column a sasaran; the year and its group label are the leaf."""
    rows = [["Sasaran Strategis"] * 4,
            ["Sasaran", "Indikator Kinerja", "Target Tahunan Ke", "Target Tahunan Ke"],
            ["Sasaran", "Indikator Kinerja", "2014", "2015"]]
    names = ["Sasaran Strategis Sasaran", "Sasaran Strategis Indikator Kinerja",
             "Sasaran Strategis Target Tahunan Ke 2014", "Sasaran Strategis Target Tahunan Ke 2015"]
    cols = describe_all(names, rows)
    assert [(c.role, c.year) for c in cols[2:]] == [("target", 2014), ("target", 2015)]
    assert cols[1].role == "indicator"


def test_a_dated_sub_header_under_an_identity_parent_is_a_figure() -> None:
    """'SASARAN' over 'TARGET KINERJA SASARAN PADA TAHUN' over '2013': the sub-header prints
    its year, so it is the year's target, not a kind of sasaran."""
    rows = [["SASARAN"] * 3, ["INDIKATOR"] + ["TARGET KINERJA SASARAN PADA TAHUN"] * 2,
            ["INDIKATOR", "2013", "2014"]]
    names = ["SASARAN INDIKATOR"] + [f"SASARAN TARGET KINERJA SASARAN PADA TAHUN {y}" for y in (2013, 2014)]
    cols = describe_all(names, rows)
    assert [(c.role, c.year) for c in cols] == [("indicator", None), ("target", 2013), ("target", 2014)]


def test_realisasi_percent_beside_its_own_capaian_is_the_realisasi() -> None:
    cols = describe_all(["Indikator", "KINERJA TARGET (%)", "KINERJA REALISASI (%)",
                         "KINERJA CAPAIAN (%)"])
    assert [c.role for c in cols[1:]] == ["target", "realisasi", "capaian"]
    cols = describe_all(["Indikator", "Target", "Realisasi %"])  # alone: the rate
    assert cols[2].role == "capaian"


def test_an_earlier_year_evaluated_in_full_is_annual_a_lone_earlier_figure_history() -> None:
    """A Renja's 'Target | Realisasi | Tingkat Realisasi' of last year evaluates that year in
    full (annual for its year); a realisasi printed alone for comparison is history."""
    cols = ["Indikator Kinerja", "Target 2014", "Realisasi 2014", "Tingkat Realisasi 2014 (%)",
            "Realisasi 2015", "Target 2016"]
    recs = _curate(cols, [["Indikator A", "70", "63", "90", "80", "95"]], "capaian_kinerja")
    by_year = {r["year"]: r for r in recs}
    assert by_year[2014]["measure"] == "annual"
    assert (by_year[2014]["target"], by_year[2014]["realisasi"]) == (70, 63)
    assert by_year[2015]["measure"] == "history" and by_year[2015]["realisasi"] == 80


def test_a_proposals_besaran_volume_is_its_target() -> None:
    """T-C.32 prints what stakeholders asked for under 'Besaran/Volume': the row's target,
    and the table a performance table (without the column it would be 'other')."""
    from pipeline.classify import classify
    from pipeline.model import Cell, LogicalTable

    columns = ["No", "Program/Kegiatan", "Lokasi", "Indikator Kinerja", "Besaran/Volume", "Catatan"]
    assert describe_all(columns)[4].role == "target"
    table = LogicalTable(index=0, label=None, caption=None, header_rows=[columns], columns=columns,
                         rows=[[Cell(t) for t in ("1", "Kegiatan A", "Kota", "Indeks A", "80%", "-")]])
    assert classify(table)[0] != "other"


REVIEW = ["No", "Rancangan Awal RKPD Program/Kegiatan", "Rancangan Awal RKPD Indikator Kinerja",
          "Rancangan Awal RKPD Target Capaian", "Rancangan Awal RKPD Pagu Indikatif (Rp.)",
          "Hasil Analisis Kebutuhan Program/Kegiatan", "Hasil Analisis Kebutuhan Indikator Kinerja",
          "Hasil Analisis Kebutuhan Target Capaian", "Hasil Analisis Kebutuhan Kebutuhan Dana (Rp.)"]


def test_a_renja_reviews_two_halves_are_two_plans_even_when_they_agree() -> None:
    row = ["1.", "Kegiatan A", "Indeks A", "80%", "1.000.000", "Kegiatan A", "Indeks A", "80%", "1.000.000"]
    recs = _curate(REVIEW, [row], "perjanjian_kinerja")
    assert sorted((r["measure"], r["year"], r["target"]) for r in recs) == [
        ("hasil_analisis_kebutuhan", 2016, 80.0), ("rancangan_awal_rkpd", 2016, 80.0)]


def test_a_renja_plans_forward_estimate_and_a_proposals_volume() -> None:
    cols = ["No", "Program/Kegiatan", "Indikator Kinerja", "Rencana Tahun 2016 Target Capaian Kinerja",
            "Prakiraan Maju Rencana Tahun 2017 Target Capaian Kinerja"]
    recs = _curate(cols, [["1.", "Kegiatan A", "Indeks A", "80%", "85%"]], "anggaran")
    assert {(r["year"], r["measure"], r["target"]) for r in recs} == {
        (2016, "annual", 80.0), (2017, "prakiraan_maju", 85.0)}
    cols = ["No", "Program/Kegiatan", "Lokasi", "Indikator Kinerja", "Besaran/Volume", "Catatan"]
    row = ["1.", "Kegiatan A", "Kota", "Indeks A", "12 paket", "-"]
    caption = "Usulan Program dan Kegiatan dari Para Pemangku Kepentingan Tahun 2016"
    (rec,) = _curate(cols, [row], "perjanjian_kinerja", caption=caption)
    assert (rec["year"], rec["measure"], rec["target"]) == (2016, "usulan", 12.0)
    (rec,) = _curate(cols, [row], "perjanjian_kinerja", caption="Target Kinerja Tahun 2016")
    assert rec["measure"] == "annual"


def test_a_dash_that_leads_each_line_of_a_figure_list_is_a_bullet() -> None:
    cols = ["No", "Program/Kegiatan", "Indikator Kinerja", "Target Capaian"]
    rows = [["1.", "Kegiatan A", "Indeks A", "- 100% - 100%"], ["2.", "Kegiatan B", "Indeks B", "- 90%"],
            ["3.", "Kegiatan C", "Indeks C", "- 5 - 10"]]
    recs = {r["name"]: r for r in _curate(cols, rows, "perjanjian_kinerja")}
    assert recs["Kegiatan A"]["target"] == 100 and recs["Kegiatan A"]["target_text"] == "- 100% - 100%"
    assert "bullet" in recs["Kegiatan A"]["parse_note"]
    assert recs["Kegiatan B"]["target"] == 90  # a list column: its one-line cell is a bullet too
    assert recs["Kegiatan C"]["target"] is None  # lines that differ name outputs the row does not
    # without a list in the column, a leading dash is a minus sign as ever
    (rec,) = _curate(cols, [["1.", "Kegiatan B", "Indeks B", "- 90%"]], "perjanjian_kinerja")
    assert rec["target"] == -90


def test_an_average_row_is_the_tables_summary_capaian() -> None:
    cols = ["No", "Sasaran", "Indikator", "Target", "Realisasi", "Capaian"]
    rows = [["1", "Sasaran A", "Indeks A", "80", "88", "110"],
            ["2", "Sasaran B", "Indeks B", "50", "45", "90"],
            ["RATA - RATA", "", "", "", "", "100"]]
    recs = _curate(cols, rows, "capaian_kinerja")
    average = [r for r in recs if r["measure"] == "capaian_sasaran"]
    assert [(r["indicator"], r["capaian_reported"], r["target"]) for r in average] == [
        ("RATA - RATA", 100, None)]
    assert "average row" in average[0]["parse_note"]
    assert len([r for r in recs if r["measure"] == "annual"]) == 2


def test_a_row_without_indicator_or_average_label_is_kept_unlabelled() -> None:
    """A figure on a row that names nothing is kept with no indicator and a note (nothing
    is silently dropped); the 'Rata-rata' row averages figures across indicators, and an
    average of targets measures nothing, so it gives no record."""
    cols = ["No", "Sasaran", "Indikator", "Target", "Realisasi", "Capaian"]
    recs = _curate(cols, [["1", "Sasaran A", "Indeks A", "80", "88", "110"],
                          ["", "", "", "", "", "100"],
                          ["Rata-rata", "", "", "65", "66,5", ""]], "capaian_kinerja")
    assert [(r["indicator"], r["capaian_reported"]) for r in recs] == [("Indeks A", 110), (None, 100)]
    assert "names no indicator" in recs[1]["parse_note"]


def test_a_numbered_list_of_indicators_shares_its_one_target_cell() -> None:
    cols = ["No", "Sasaran", "Indikator Kinerja", "Target"]
    rows = [["1", "Sasaran A", "1. Persentase A tepat waktu 2. Persentase B 3. Opini C", "100%"],
            ["2", "Sasaran B", "Indeks D", "80"]]
    recs = _curate(cols, rows, "perjanjian_kinerja")
    assert [(r["indicator"], r["target"]) for r in recs] == [
        ("1. Persentase A tepat waktu", 100), ("2. Persentase B", 100), ("3. Opini C", 100),
        ("Indeks D", 80)]


def test_numbers_that_are_no_list_keep_the_row_whole() -> None:
    from pipeline.curate.stacked import numbered_items

    assert numbered_items("Persentase A 1. aspek 2. aspek") == []  # not from the first word
    assert numbered_items("1. Persentase A 3. Persentase B") == []  # not consecutive
    assert numbered_items("1. Persentase A") == []
    cols = ["No", "Sasaran", "Indikator Kinerja", "Target"]
    recs = _curate(cols, [["1", "Sasaran A", "Persentase A 1. aspek 2. aspek", "100%"]],
                   "perjanjian_kinerja")
    assert len(recs) == 1


def test_rpjmd_is_no_rupiah_and_its_target_is_the_plans() -> None:
    cols = describe_all(["Sasaran", "Target", "Capaian Kinerja (%) Tahun lalu",
                         "Target s.d 2015 (RPJMD)", "Anggaran (Rp.)", "Pagu (Rp)"])
    assert [c.money for c in cols] == [False, False, False, False, True, True]
    assert (cols[2].role, cols[2].measure, cols[2].year) == ("capaian", "previous_year", None)
    assert (cols[3].role, cols[3].measure, cols[3].year) == ("target", "renstra_target", 2015)
    assert cols[1].measure is None


def test_a_sasaran_table_with_last_year_and_plan_columns() -> None:
    """No indicator column: the sasaran labels the figures; 'Tahun lalu' is the year before
    the report's; a plan target's own year is kept (it is no stale year label)."""
    cols = ["No", "Sasaran", "Target", "Realisasi", "Capaian Kinerja (%) Tahun ini",
            "Capaian Kinerja (%) Tahun lalu", "Target s.d 2015 (RPJMD)"]
    recs = _curate(cols, [["", "Meningkatnya skor A", "82", "81", "99", "103", "78"]],
                   "capaian_kinerja")
    got = {(r["year"], r["measure"]): (r["target"], r["realisasi"], r["capaian_reported"])
           for r in recs}
    assert got == {(2016, "annual"): (82, 81, 99), (2015, "history"): (None, None, 103),
                   (2015, "renstra_target"): (78, None, None)}
    assert {r["indicator"] for r in recs} == {"Meningkatnya skor A"}


def test_last_years_column_and_realisasi_under_a_spanning_target() -> None:
    grid = [["Indikator", "Capaian Thn Lalu", "Target", "Target", "Target", "Target Akhir Renstra",
             "Capaian Thn 2016 terhadap Target Akhir Renstra"],
            ["", "", "Target", "Realisasi", "% Realisasi", "", ""]]
    cols = describe_all(_flat(grid), grid)
    assert (cols[1].role, cols[1].measure) == ("capaian", "previous_year")
    assert [c.role for c in cols[2:5]] == ["target", "realisasi", "capaian"]
    # '% Realisasi' is the year's rate: the capaian beside it measures against the final target
    assert (cols[6].role, cols[6].measure) == ("capaian", "renstra_progress")


def test_a_years_own_target_beside_progress_against_the_final_target() -> None:
    grid = [["No", "Indikator", "Capaian Thn Lalu", "Target", "Target", "Target",
             "Target Akhir Renstra", "Capaian Thn 2016 terhadap Target Akhir Renstra"],
            ["", "", "", "Target", "Realisasi", "% Realisasi", "", ""]]
    recs = _curate(_flat(grid), [["1", "Indeks A", "75", "80", "77", "96,25", "85", "90,59"]],
                   "capaian_kinerja", header_rows=grid)
    got = {r["measure"]: (r["year"], r["target"], r["realisasi"], r["capaian_reported"]) for r in recs}
    assert got == {"history": (2015, None, None, 75), "annual": (2016, 80, 77, 96.25),
                   "renstra_progress": (2016, 85, 77, 90.59)}


def test_a_kegiatan_row_with_a_blank_indicator_keeps_its_targets() -> None:
    cols = ["No", "Kegiatan", "Indikator", "Tahun 2014", "Tahun 2015"]
    recs = _curate(cols, [["37", "Peningkatan Kapasitas", "Jumlah pegawai dilatih", "100%", "100%"],
                          ["38", "Peningkatan Kesejahteraan Aparatur", "", "100%", "90%"]],
                   "renstra_target", fiscal_year=None)
    by_row = {(r["name"], r["year"]): r["target"] for r in recs if r["indicator"].startswith("Peningkatan Kes")}
    assert by_row == {("Peningkatan Kesejahteraan Aparatur", 2014): 100,
                      ("Peningkatan Kesejahteraan Aparatur", 2015): 90}


def test_the_years_realisasi_beside_progress_against_the_plan_is_also_its_own_record() -> None:
    cols = ["Indikator Kinerja", "Tahun 2015", "Tahun 2016", "Target 2018",
            "Capaian Target terhadap Realisasi RPJMD Tahun 2016"]
    recs = _curate(cols, [["Indikator A", "70", "80", "100", "80"]], "capaian_history")
    got = {r["measure"]: (r["year"], r["target"], r["realisasi"], r["capaian_reported"]) for r in recs}
    assert got["annual"] == (2016, None, 80, None)
    # a year series beside a later plan target: the comparison is the plan year's record
    assert got["renstra_target"] == (2018, 100, 80, 80)


def test_tahun_0_is_the_plans_base_year() -> None:
    cols = ["No", "Indikator Program", "Kondisi Kinerja pada awal periode RPJMD Tahun 0",
            "Target Capaian Setiap Tahun Tahun 2014"]
    recs = _curate(cols, [["1", "Indeks A", "NA", "50"]], "renstra_target", fiscal_year=None,
                   renstra_start=2013)
    assert {(r["measure"], r["year"]) for r in recs} == {("baseline", 2013), ("renstra_target", 2014)}


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


def test_an_unlabelled_row_printing_another_unit_is_a_sub_line_of_the_indicator_above() -> None:
    """'6 Kegiatan' then, on an unlabelled row, '6 Komunitas TIK': one indicator measured in
    two units, each line its own record; an unlabelled row in the same unit is no sub-line."""
    cols = ["No", "Indikator", "Target Renstra OPD Tahun 2014", "Realisasi Capaian Tahun 2014"]
    rows = [["4.", "Jumlah kegiatan dan komunitas TIK", "6 Kegiatan", "6 Kegiatan"],
            ["", "", "6 Komunitas TIK", "11 Komunitas TIK"],
            ["", "", "7 Komunitas TIK", "7 Komunitas TIK"],
            ["5.", "Jumlah penyebaran informasi", "40 Kegiatan", "45 Kegiatan"],
            ["", "", "41 Kegiatan", "46 Kegiatan"]]
    recs = _curate(cols, rows, "capaian_kinerja", fiscal_year=2014)
    got = [((r["indicator"] or "")[:6], r["target"], r["realisasi"]) for r in recs]
    assert got == [("Jumlah", 6, 6), ("Jumlah", 6, 11), ("Jumlah", 7, 7), ("Jumlah", 40, 45),
                   ("", 41, 46)]  # same unit: no sub-line, kept without a label
    assert "sub-line" in (recs[1]["parse_note"] or "")


def test_progress_against_the_years_own_renstra_target() -> None:
    """'Target Renstra 2016 | Realisasi 2015 | Realisasi 2016 | Capaian terhadap Target
    Renstra (%)': with no later target, the progress is measured on the year's own one."""
    cols = ["Indikator", "Target Renstra 2016", "Realisasi 2015", "Realisasi 2016",
            "Capaian terhadap Target Renstra (%)"]
    recs = _curate(cols, [["Indeks A", "70", "60", "67", "95,71"]], "capaian_history")
    progress = [r for r in recs if r["measure"] == "renstra_progress"]
    assert [(r["year"], r["target"], r["realisasi"], r["capaian_reported"]) for r in progress] == [
        (2016, 70, 67, 95.71)]


def test_realisasi_in_percent_beside_a_target_in_percent_is_the_realisasi() -> None:
    """'Target (%) | Realisasi (%) | Kategori': '(%)' is the unit of both; alone beside a
    plain target, 'Realisasi (%)' stays the achievement rate."""
    cols = describe_all(["Indikator Kinerja", "Target (%)", "Realisasi (%)", "Katagori"])
    assert [c.role for c in cols[1:3]] == ["target", "realisasi"]
    cols = describe_all(["Indikator Kinerja", "Target", "Realisasi (%)"])
    assert cols[2].role == "capaian"


def test_last_year_without_its_number_takes_the_year_its_sub_headers_print() -> None:
    """'… Tahun Lalu (n-2)' over 'Target 2020 | Realisasi 2020 | Tingkat Realisasi (%)': the
    rate is that year's, one record with its target and realisasi, not a 'previous year'."""
    parent = "Target dan Realisasi Tahun Lalu (n-2)"
    grid = [["Indikator", parent, parent, parent],
            ["", "Target Tahun 2020", "Realisasi Tahun 2020", "Tingkat Realisasi (%)"]]
    cols = describe_all(_flat(grid), grid)
    assert [(c.role, c.year, c.measure) for c in cols[1:]] == [
        ("target", 2020, None), ("realisasi", 2020, None), ("capaian", 2020, None)]
    recs = _curate(_flat(grid), [["Indeks A", "80", "60", "75"]], "capaian_history",
                   fiscal_year=2022, header_rows=grid)
    assert [(r["year"], r["measure"], r["target"], r["realisasi"], r["capaian_reported"])
            for r in recs] == [(2020, "annual", 80, 60, 75)]
    # siblings printing no year (or two) leave the parent's 'Tahun Lalu' as it was
    grid[1][1:3] = ["Target", "Realisasi"]
    assert describe_all(_flat(grid), grid)[3].measure == "previous_year"


def test_a_dated_eksisting_column_is_the_baseline() -> None:
    """'Eksisting 2013' beside yearly targets is the level reached before the plan; a
    year-less 'Eksisting' (a staffing table's staff in post) is no baseline."""
    cols = describe_all(["Indikator Kinerja", "Kondisi Eksisting 2013", "Target 2016"])
    assert (cols[1].role, cols[1].year, cols[1].measure) == ("realisasi", 2013, "baseline")
    assert describe_all(["Jabatan", "Kebutuhan", "Eksisting"])[2].measure != "baseline"
    recs = _curate(["Indikator Kinerja", "Eksisting 2013", "Target 2016"],
                   [["Indeks A", "2,5", "3,0"]], "renstra_progress")
    got = {(r["year"], r["measure"]): (r["target"], r["realisasi"]) for r in recs}
    assert got[(2013, "baseline")] == (None, 2.5)


def test_each_years_target_and_realisasi_in_a_medium_term_table_is_annual() -> None:
    """'Target dan Realisasi Jangka Menengah': each year's target | realisasi up to the
    report's year is that year's record; later years are the plan's targets. A progress table
    whose only target is the year's own keeps measuring progress."""
    cols = ["No", "Indikator", "2015 Target", "2015 Realisasi", "2016 Target", "2016 Realisasi",
            "2017 Target", "2017 Realisasi"]
    recs = _curate(cols, [["1", "Indeks A", "70", "72", "75", "77", "80", ""]], "renstra_progress")
    got = {r["year"]: (r["measure"], r["target"], r["realisasi"]) for r in recs}
    assert got == {2015: ("annual", 70, 72), 2016: ("annual", 75, 77),
                   2017: ("renstra_target", 80, None)}
    recs = _curate(["Indikator", "Target 2016", "Realisasi 2016"], [["Indeks A", "75", "77"]],
                   "renstra_progress")
    assert [r["measure"] for r in recs] == ["renstra_progress"]


def test_a_figure_with_a_bracketed_note_reads_as_the_figure() -> None:
    """'100 (Hijau)', '20% (11 OPD)': the note names a category or the count behind the
    figure; the text keeps it. A bracket of digits alone ('100 (7)') is no note."""
    cols = ["Indikator", "Target", "Realisasi"]
    rows = [["Indeks A", "100 (Hijau)", "100 % (Hijau)"], ["Indeks B", "20% (11 OPD)", "100 (7)"]]
    recs = {r["indicator"]: r for r in _curate(cols, rows, "capaian_kinerja")}
    assert (recs["Indeks A"]["target"], recs["Indeks A"]["realisasi"]) == (100, 100)
    assert recs["Indeks A"]["target_text"] == "100 (Hijau)"
    assert (recs["Indeks B"]["target"], recs["Indeks B"]["realisasi"]) == (20, None)


def test_a_cumulative_realisasi_printed_as_a_sum_is_the_progress_records() -> None:
    """A Renja evaluation form printing '… | 9 | 10 = (5+7+9) | 11 = (10/4)': column 10 is the
    realisation to date, the progress record's, and last year's target (9) stands alone as
    that year's annual target, not paired with the cumulative figure."""
    cols = ["Indikator", "Target Renstra Tahun 2015", "Realisasi s/d tahun 2012",
            "Target Tahun 2013", "Realisasi Tahun 2013", "Target Tahun 2014",
            "Realisasi Capaian s/d Tahun berjalan 2014",
            "Tingkat Capaian terhadap Target Renstra (%) 2014"]
    numbers = ["", "4", "5", "6", "7", "9", "10 = (5+7+9)", "11 = (10/4)"]
    row = ["Indeks A", "500", "150", "300", "250", "350", "750", "150"]

    def curate(numbered: list[str]) -> dict:
        from pipeline.curate import performance
        from pipeline.curate.context import make_context
        from pipeline.model import Cell, LogicalTable

        table = LogicalTable(index=0, label=None, caption=None, header_rows=[cols], columns=cols,
                             rows=[[Cell(t, page=1) for t in row]], kind="capaian_history",
                             set_aside=[[Cell(t, page=1) for t in numbered]])
        recs = performance.curate(make_context("d", "t", 2015, table))
        return {(r["year"], r["measure"]): (r["target"], r["realisasi"]) for r in recs}

    got = curate(numbers)
    assert got[(2014, "annual")] == (350, None)
    assert got[(2014, "renstra_progress")] == (500, 750)
    # plain column numbers say nothing: the realisasi to date stays beside the year's target
    assert curate(["", *(str(n) for n in (4, 5, 6, 7, 9, 10, 11))])[(2014, "annual")] == (350, 750)


def test_an_earlier_years_own_target_is_annual_a_plans_past_target_is_not() -> None:
    """A Renja's target for last year, printed without its realisasi, is that year's annual
    target; a Renstra target matrix's past year ('Target 2014' in a plan, 'Target Renstra
    Tahun 2014') stays history, as before."""
    row = [["Indeks A", "70", "75"]]
    own = _curate(["Indikator", "Target Renja Tahun 2014", "Target Tahun 2016"], row, "capaian_history")
    assert {r["year"]: r["measure"] for r in own}[2014] == "annual"
    plan = _curate(["Indikator", "Target 2014", "Target 2016"], row, "renstra_target")
    assert {r["year"]: r["measure"] for r in plan}[2014] == "history"
    renstra = _curate(["Indikator", "Target Renstra Tahun 2014", "Target Tahun 2016"], row, "capaian_history")
    assert {r["year"]: r["measure"] for r in renstra}[2014] == "history"
