from conftest import table_at

from pipeline.classify import classify
from pipeline.model import Cell, LogicalTable


def make(columns, caption=None, rows=1):
    return LogicalTable(
        index=0, label=None, caption=caption, header_rows=[], columns=columns,
        rows=[[Cell("x") for _ in columns] for _ in range(rows)],
    )


def test_table_with_no_rows_is_other():
    assert classify(make(["Target"], rows=0))[0] == "other"


def test_definition_columns_make_an_iku_table():
    kind, reason = classify(make(["No", "Sasaran", "Indikator", "Definisi Operasional", "Formulasi"]))
    assert kind == "iku" and "definisi" in reason


def test_a_dated_baseline_beside_one_target_year_is_an_annual_plan_not_a_renstra():
    """'Eksisting 2013 | Target 2016' plans one year; two target years plan several."""
    annual = classify(make(["No", "Sasaran", "Indikator Kinerja", "Eksisting 2013", "Target 2016"]))
    renstra = classify(make(["No", "Indikator Kinerja", "Eksisting 2013", "Target 2016",
                             "Target 2017"]))
    assert annual[0] == "perjanjian_kinerja" and renstra[0] == "renstra_target"


def test_a_target_column_the_vocabulary_knows_makes_a_target_table_without_the_word():
    """'Rencana 2014', 'Kondisi Kinerja pada Akhir Periode RPJMD': targets by the column
    vocabulary, though no header prints 'target'."""
    plan = classify(make(["No", "Indikator Kinerja", "Rencana 2013", "Rencana 2014", "Rencana 2015"]))
    end = classify(make(["No", "Indikator", "Kondisi Kinerja Pada Awal Periode RPJMD Tahun 2013",
                         "Kondisi Kinerja Pada Akhir Periode RPJMD Tahun 2018"]))
    assert plan[0] == "renstra_target" and end[0] == "renstra_target"


def test_money_words_are_whole_words():
    # 'faktoR Pendukung' must not read as 'Rp'
    cols = ["Sasaran", "Indikator", "Target", "Realisasi", "Capaian", "Faktor Pendukung"]
    assert classify(make(cols))[0] == "capaian_kinerja"


def test_sample_kinds(tables):
    expected = {
        ("000", 207): "staffing",
        ("000", 716): "renstra_target",
        ("000", 780): "iku",
        ("000", 791): "perjanjian_kinerja",
        ("000", 800): "anggaran",
        ("000", 946): "capaian_kinerja",
        ("000", 960): "capaian_history",
        ("000", 980): "renstra_progress",
        ("000", 1190): "efisiensi",
        ("000", 1320): "realisasi_anggaran",
        ("002", 625): "perjanjian_kinerja",
        ("002", 760): "anggaran",
        ("002", 1810): "realisasi_anggaran",
        ("003", 183): "realisasi_anggaran",
        ("003", 419): "capaian_history",
    }
    for (prefix, line), kind in expected.items():
        assert table_at(tables(prefix), line).kind == kind, (prefix, line)


def _rows_table(columns, rows, caption=None):
    return LogicalTable(index=0, label=None, caption=caption, header_rows=[], columns=columns,
                        rows=[[Cell(t) for t in r] for r in rows])


def test_staff_categories_need_a_column_of_counts_beside_them():
    counted = _rows_table(["NO", "STATUS", "JUMLAH"], [["1.", "PNS", "46 orang"], ["2.", "CPNS", "orang"]])
    assert classify(counted)[0] == "staffing"
    prose = _rows_table(["No", "Rencana", "Kondisi"],
                        [["1", "Pusat Kegiatan", "PNS di wilayah ini"], ["2", "Terminal", "PNS pindah"],
                         ["3", "Stasiun", "Pegawai PNS"]])
    assert classify(prose)[0] == "other"  # the row numbers 1, 2, 3 count nothing


def test_di_in_prose_is_not_a_diploma_code():
    rows = [["1", "Pusat", "Di wilayah ini masih dominan"], ["2", "Bandara", "Di wilayah ini kurang"]]
    assert classify(_rows_table(["No", "Rencana", "Kondisi Saat Ini"], rows))[0] == "other"
    staff = [["1", "D III", "12"], ["2", "S 1", "40"], ["3", "SLTA", "19"]]
    assert classify(_rows_table(["No", "Tingkat", "Jumlah"], staff))[0] == "staffing"


def test_an_asset_inventory_is_not_a_budget():
    cols = ["No", "Kode Barang", "Nama Bidang Barang", "Jumlah Barang", "Jumlah Harga (Rp.)"]
    rows = [["1", "1", "TANAH", "13", "24.835.599.000"]]
    assert classify(_rows_table(cols, rows))[0] == "other"


def test_every_rule_gives_a_registered_kind_and_a_readable_reason():
    """The rules are a table: a kind the registry does not know would reach no curator, and a
    reason naming a missing evidence attribute would fail only on the table that meets it."""
    from pipeline.classify import FALLBACK, KINDS, RULES, Evidence

    evidence = Evidence.of(make(["Indikator", "Target", "Realisasi 2022", "Realisasi 2023"]))
    for rule in (*RULES, FALLBACK):
        assert rule.kind in KINDS
        assert "{" not in rule.reason.format(e=evidence)


def test_the_first_rule_that_holds_wins_and_its_reason_carries_the_evidence():
    # a budget column outranks the performance kinds; the history's reason counts its years
    assert classify(make(["Indikator", "Pagu (Rp)", "Realisasi"]))[0] == "realisasi_anggaran"
    kind, reason = classify(make(["Indikator", "Target", "Realisasi 2022", "Realisasi 2023"]))
    assert (kind, reason) == ("capaian_history", "realisasi for 2 years")
