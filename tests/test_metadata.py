import pytest

from pipeline.metadata import read_metadata


@pytest.mark.parametrize(
    "prefix, doc_type, entity, region, year",
    [
        ("000", "LKjIP", "Kecamatan Balikpapan Timur", "Kota Balikpapan", 2023),
        ("001", "LPPD", "Pemerintah Kota Balikpapan", "Kota Balikpapan", 2022),
        ("002", "LKjIP", "Kecamatan Kota Bangun", "Kabupaten Kutai Kartanegara", 2023),
        ("003", "Renja", "Kecamatan Balikpapan Utara", "Kota Balikpapan", 2024),
    ],
)
def test_sample_report_metadata(document, prefix, doc_type, entity, region, year):
    meta = read_metadata(document(prefix).lines)
    assert (meta.doc_type, meta.entity, meta.region, meta.fiscal_year) == (
        doc_type, entity, region, year,
    )
    assert meta.notes, "every metadata decision is explained"


def test_unknown_document_type():
    meta = read_metadata(["Catatan rapat", "tanpa judul laporan"])
    assert meta.doc_type == "unknown" and meta.fiscal_year is None


def test_cited_regulation_year_is_no_vote():
    lines = [
        "LAPORAN KINERJA INSTANSI PEMERINTAH",
        "DINAS PERKEBUNAN",
        "KATA PENGANTAR",
        "Laporan ini disusun berdasarkan Peraturan Pemerintah Nomor 8 Tahun 2006 tentang",
        "Pelaporan Keuangan dan Kinerja, Perda No. 4 Tahun 2001 dan UU 23 Tahun 2014.",
        "Capaian Kinerja Tahun 2020",
        "No | Indikator | Target 2020 | Realisasi 2020",
    ]
    meta = read_metadata(lines)
    assert meta.fiscal_year == 2020
    assert any("fiscal_year 2020" in n for n in meta.notes)


def test_regulation_title_wrapped_over_lines_is_no_mention():
    lines = ["BAB I", "Dasar hukum penyusunan dokumen ini adalah Peraturan Menteri PAN dan RB",
             "Nomor 53 Tahun 2014 tentang Petunjuk Teknis Perjanjian Kinerja, Pelaporan",
             "Kinerja dan Tata Cara Reviu atas Laporan Kinerja Instansi Pemerintah."]
    meta = read_metadata(lines)
    assert meta.doc_type == "unknown" and meta.fiscal_year is None


def test_title_outranks_body_mentions():
    body = ["Sesuai Renja dan Perjanjian Kinerja yang telah ditetapkan pada awal tahun, capaian "
            "kinerja dibandingkan dengan target dalam Renja serta Perjanjian Kinerja tahun ini."] * 20
    lines = ["LAPORAN KINERJA", "TAHUN 2016", "BADAN KETAHANAN PANGAN", "KATA PENGANTAR", *body]
    meta = read_metadata(lines)
    assert meta.doc_type == "LKjIP"
    assert meta.entity == "Badan Ketahanan Pangan"


def test_renstra_period_and_no_single_fiscal_year():
    lines = ["RENCANA STRATEGIS (RENSTRA)", "DINAS PENDIDIKAN", "TAHUN 2013 – 2018",
             "KATA PENGANTAR", "Renstra ini disusun untuk periode tahun 2013 sampai 2018 dan "
             "berlaku mulai tahun 2014 sesuai dengan ketentuan yang berlaku."]
    meta = read_metadata(lines)
    assert meta.doc_type == "Renstra"
    assert (meta.renstra_start, meta.renstra_end) == (2013, 2018)
    assert meta.fiscal_year is None


def test_renstra_review_year_on_the_cover():
    lines = ["REVIEW RENSTRA 2013-2018", "TAHUN 2017", "DINAS PERUMAHAN DAN PERMUKIMAN",
             "KATA PENGANTAR"]
    meta = read_metadata(lines)
    assert (meta.doc_type, meta.fiscal_year, meta.renstra_end) == ("Renstra", 2017, 2018)


def test_quarterly_realisation():
    lines = ["REALISASI KINERJA TRIWULAN III", "PEMERINTAH KOTA TANGERANG", "TAHUN 2023",
             "No | Sasaran | Indikator | Target | Realisasi TW III"]
    meta = read_metadata(lines)
    assert (meta.doc_type, meta.fiscal_year, meta.region) == ("Evaluasi Renja", 2023,
                                                                "Kota Tangerang")


def test_iku():
    lines = ["INDIKATOR KINERJA UTAMA (IKU)", "BADAN PERENCANAAN PEMBANGUNAN DAERAH", "TA. 2016",
             "No | Sasaran Strategis | Indikator Kinerja Utama | Penjelasan"]
    meta = read_metadata(lines)
    assert (meta.doc_type, meta.fiscal_year) == ("IKU", 2016)
    assert meta.entity == "Badan Perencanaan Pembangunan Daerah"


def test_entity_never_from_a_column_header():
    lines = ["Tabel 1", "Unit | Dinas Kesehatan | Dinas Pendidikan",
             "Anggaran | 100 | 200", "Realisasi | 90 | 180"]
    meta = read_metadata(lines)
    assert meta.entity is None
    assert any("entity NULL" in n for n in meta.notes)


def test_null_when_evidence_is_weak():
    lines = ["Catatan", "Pada tahun 2015 dan tahun 2016 kegiatan berjalan baik dan lancar "
             "sesuai dengan rencana yang telah ditetapkan bersama."]
    meta = read_metadata(lines)
    assert meta.doc_type == "unknown" and meta.fiscal_year is None
    assert any("fiscal_year NULL" in n for n in meta.notes)


def test_file_name_is_weak_evidence_the_cover_outranks():
    lines = ["RENCANA KERJA (RENJA)", "TAHUN 2017", "BADAN PENANAMAN MODAL", "KATA PENGANTAR"]
    assert read_metadata(lines, "LKIP_2016.pdf").doc_type == "Renja"
    assert read_metadata(lines, "LKIP_2016.pdf").fiscal_year == 2017
    fragment = ["BAB I", "PENDAHULUAN", "Latar belakang penyusunan laporan ini adalah kewajiban "
                "setiap instansi untuk melaporkan kinerjanya."]
    meta = read_metadata(fragment, "LKIP_DINAS_2016.pdf")
    assert (meta.doc_type, meta.fiscal_year) == ("LKjIP", 2016)


def test_document_opening_on_a_table_takes_its_header_as_title_but_no_entity():
    lines = ["Program | Indikator | Realisasi Kinerja Pada Triwulan I - IV Tahun 2023 | Unit",
             " | | I | II",
             "BADAN PENANGGULANGAN BENCANA DAERAH | | 10 | 20 | BPBD"]
    meta = read_metadata(lines)
    assert (meta.doc_type, meta.fiscal_year, meta.entity) == ("Evaluasi Renja", 2023, None)


def test_pk_entity_from_the_first_party_not_a_cited_regulation():
    lines = ["PERJANJIAN KINERJA TAHUN 2016",
             "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan, dan",
             "akuntabel serta berorientasi pada hasil, kami yang bertanda tangan di bawah ini:",
             "Nama : Ir. H. NAMA PEJABAT", "Jabatan : Kepala Badan Perencanaan Pembangunan Daerah",
             "Nama : NAMA GUBERNUR", "Jabatan : Gubernur Jawa Barat"]
    meta = read_metadata(lines)
    assert (meta.doc_type, meta.fiscal_year) == ("PK", 2016)
    assert meta.entity == "Badan Perencanaan Pembangunan Daerah"


def test_an_lkjip_takes_the_renstra_period_its_body_names():
    from pipeline.metadata import read_metadata

    lines = ["LAPORAN KINERJA INSTANSI PEMERINTAH", "DINAS CONTOH", "TAHUN 2023", ""] + [
        "Kata pengantar dan latar belakang."] * 50 + [
        "Rencana Strategis (Renstra) 2021-2026 menetapkan sasaran berikut.",
        "Target akhir Renstra 2021 - 2026 adalah 90 persen."]
    meta = read_metadata(lines)
    assert (meta.doc_type, meta.fiscal_year) == ("LKjIP", 2023)
    assert (meta.renstra_start, meta.renstra_end) == (2021, 2026)
