"""Budget tables in shapes the samples do not print (issue 11): small synthetic tables, one
per mechanism of pipeline/curate/budget.py and budget_lists.py."""

from pipeline.classify import classify
from pipeline.curate import budget
from pipeline.curate.budget_lists import list_tables
from pipeline.curate.columns import describe
from pipeline.curate.context import make_context
from pipeline.model import Cell, Document, LogicalTable


def table(columns: list[str], rows: list[list[str]], caption: str = "") -> LogicalTable:
    t = LogicalTable(index=0, label=None, caption=caption, header_rows=[columns], columns=columns,
                     rows=[[Cell(x, page=1) for x in r] for r in rows])
    t.kind, _ = classify(t)
    return t


def curated(t: LogicalTable, fiscal_year: int = 2016) -> list[dict]:
    return budget.curate(make_context("d", "d:t000", fiscal_year, t))


def test_header_vocabulary():
    assert describe(0, "KEUANGAN ALOKASI (Rp)").role == "pagu"
    assert describe(0, "Lokasi").role == "lokasi"
    assert describe(0, "Rencana Tahun 2016 Lokasi").role == "lokasi"  # not 'rencAna LOKASI'
    assert describe(0, "SPJ").role == "realisasi"
    spaced = describe(0, "Kerangka Pendanaan T ah u n - 3 ( 2 0 1 6 ) R p")
    assert spaced.year == 2016 and spaced.money
    assert describe(0, "Tahun 1 2014").year == 2014


def test_one_record_per_year_column():
    t = table(["Kode", "Program dan Kegiatan", "Tahun 2014 Target", "Tahun 2014 Rp",
               "Tahun 2015 Target", "Tahun 2015 Rp", "Tahun 2016 Target", "Tahun 2016 Rp"],
              [["1", "Kegiatan A", "1 dok", "200.000.000", "1 dok", "220.000.000", "1 dok", "242.000.000"]])
    recs = curated(t)
    assert [(r["year"], r["pagu"]) for r in recs] == [
        (2014, 200_000_000), (2015, 220_000_000), (2016, 242_000_000)]
    assert {r["measure"] for r in recs} == {"renstra_funding"}


def test_one_record_per_plan_under_its_spanning_header():
    t = table(["No", "Rancangan Awal Kegiatan", "Rancangan Awal Target", "Rancangan Awal Pagu Indikatif (Rp)",
               "Hasil Analisis Kebutuhan Target", "Hasil Analisis Kebutuhan Kebutuhan Dana (Rp)"],
              [["1", "Kegiatan A", "100%", "296.000.000", "100%", "300.000.000"]])
    recs = curated(t)
    assert sorted((r["measure"], r["pagu"]) for r in recs) == [
        ("hasil_analisis_kebutuhan", 300_000_000), ("rancangan_awal", 296_000_000)]


def test_row_missing_an_empty_cell_is_realigned():
    cols = ["Kode", "Sub", "Kegiatan", "Tahun 2014 Target", "Tahun 2014 Rp", "Tahun 2015 Target", "Tahun 2015 Rp"]
    t = table(cols, [["1", "", "Kegiatan A", "1 dok", "100.000.000", "1 dok", "110.000.000"],
                     ["", "Kegiatan B", "1 dok", "50.000.000", "", "", ""]])
    recs = curated(t)
    b = [r for r in recs if r["row_no"] == 2]
    assert [(r["year"], r["pagu"]) for r in b] == [(2014, 50_000_000)]
    assert "realigned" in b[0]["parse_note"]


def test_placeholder_header_columns_printed_as_one_body_cell():
    cols = ["Kode", "col2", "col3", "Program/Kegiatan", "Rencana Tahun 2016 Pagu Indikatif (Rp)",
            "Prakiraan Maju Tahun 2017 Pagu Indikatif (Rp)"]
    t = table(cols, [["1.25.01.02", "Kegiatan A", "296.000.000", "355.200.000", "", ""]])
    recs = curated(t)
    assert sorted((r["year"], r["pagu"]) for r in recs) == [(2016, 296_000_000), (2017, 355_200_000)]


def test_stacked_amounts_are_separate_lines():
    t = table(["No", "Sasaran", "Indikator", "Target Program/Kegiatan", "Target Anggaran"],
              [["1.", "Sasaran A", "- Indikator", "- Kegiatan satu - Kegiatan dua",
                "460.000.000,- 1.260.000.000,-"]])
    recs = curated(t)
    assert [(r["name"], r["pagu"]) for r in recs] == [
        ("Kegiatan satu", 460_000_000), ("Kegiatan dua", 1_260_000_000)]
    assert all(r["row_no"] == 1 for r in recs)


def test_a_mistyped_amount_is_one_malformed_figure_not_a_stack():
    """'156.6000.000' has a four-digit group: it is one amount printed wrong, never two
    stacked amounts '156.600' and '0.000'."""
    t = table(["No", "Program/Kegiatan", "Pagu Indikatif (Rp)"],
              [["1", "Kegiatan A", "156.6000.000"], ["2", "Kegiatan B", "296.000.000"]])
    recs = curated(t)
    assert [r["name"] for r in recs] == ["Kegiatan A", "Kegiatan B"]
    assert recs[0]["pagu"] != 156_600 and recs[1]["pagu"] == 296_000_000


def test_amount_wrapped_after_rp():
    t = table(["No", "Nama Program", "Alokasi (Rp)", "Realisasi (Rp)", "Capaian (%)"],
              [["1", "Program A", "1.506.190.00 Rp 0", "1.258.896.42 Rp 4", "83.58%"]])
    (rec,) = curated(t)
    assert (rec["pagu"], rec["realisasi"], rec["capaian_reported"]) == (1_506_190_000, 1_258_896_424, 83.58)
    assert "wraps" in rec["parse_note"]


def test_budget_list_printed_as_text_lines():
    lines = ["Tabel 2", "", "Program                    Anggaran              Keterangan",
             "Pelayanan Kesehatan  Rp.      750.700.000,-  APBD",
             "Pengendalian Penyakit Menular",
             "dan Tidak Menular   Rp.  26.666.522.800,-  APBD",
             "Peningkatan Sarana dan   Rp.     5.707.820.500,-  APBD",
             "Prasarana Aparatur", ""]
    doc = Document(path="x.docx", format="docx", lines=lines, raw_tables=[])
    (t,) = list_tables(doc, [])
    t.kind, _ = classify(t)
    recs = curated(t, 2017)
    assert [(r["name"], r["pagu"]) for r in recs] == [
        ("Pelayanan Kesehatan", 750_700_000),
        ("Pengendalian Penyakit Menular dan Tidak Menular", 26_666_522_800),
        ("Peningkatan Sarana dan Prasarana Aparatur", 5_707_820_500)]
    assert recs[0]["line"] == 4 and "text lines" in t.notes[0]


def test_prose_with_an_amount_is_no_list():
    lines = ["Belanja Langsung sebesar Rp.17.567.750.000,- dan untuk tahun 2016 ini tidak",
             "terdapat Belanja Bantuan Hibah."]
    assert list_tables(Document(path="x.docx", format="docx", lines=lines, raw_tables=[]), []) == []


def test_each_unit_row_holds_the_programmes_printed_under_it():
    """A city's joint report prints each kecamatan over its own programmes; a kelurahan row
    followed by kegiatan is a section inside a programme and holds none."""
    cols = ["Program/Kegiatan", "Indikator", "Realisasi Rp"]
    rows = [["KECAMATAN SATU", "", "300.000.000"],
            ["PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH", "Nilai", "100.000.000"],
            ["Kegiatan Administrasi Umum", "Jumlah", "100.000.000"],
            ["PROGRAM PEMBERDAYAAN MASYARAKAT DESA DAN KELURAHAN", "Persentase", "200.000.000"],
            ["Kegiatan Pemberdayaan Kelurahan", "Jumlah", "200.000.000"],
            ["KECAMATAN DUA", "", "80.000.000"],
            ["PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH", "Nilai", "30.000.000"],
            ["PROGRAM PEMBERDAYAAN MASYARAKAT DESA DAN KELURAHAN", "Persentase", "50.000.000"],
            ["KELURAHAN TIGA", "", "50.000.000"],
            ["Kegiatan Administrasi Umum", "Jumlah", "50.000.000"],
            ["PROGRAM KOORDINASI KETENTRAMAN DAN KETERTIBAN UMUM", "Persentase", "10.000.000"]]
    recs = curated(table(cols, rows))
    row_of = {(r["name"], r["row_no"]): r for r in recs}
    parents = {r["row_no"]: r["parent_row_no"] for r in recs}
    units = {r["row_no"] for r in recs if r["level"] == "unit"}
    programmes = sorted(r["row_no"] for r in recs if r["level"] == "program")
    assert len(units) == 3 and len(programmes) == 5, row_of
    first, second, third, fourth, fifth = programmes
    # past a kelurahan section the kecamatan still holds the programmes printed after it
    assert parents[fifth] == sorted(units)[1]
    assert parents[first] == parents[second] == min(units)  # both under KECAMATAN SATU
    assert parents[third] == parents[fourth] == sorted(units)[1]  # both under KECAMATAN DUA
    assert parents[sorted(units)[1]] is None  # a peer of KECAMATAN SATU, in no programme
    kegiatan_rows = [r["row_no"] for r in recs if r["level"] == "kegiatan"]
    assert parents[max(kegiatan_rows)] == max(units)  # the kegiatan in the kelurahan
