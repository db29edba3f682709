"""Tables whose columns are ruled but whose rows are not (extractors/pdf/unruled_rows.py, "Rows without
rulings"): one grid row holds a block of printed rows, which must come apart with each
code, name and figure on its own row.

04_LKIP_2016_Disnakertrans_Prov_Jabar.pdf, Tabel 3.6 "Pagu Anggaran dan Realisasi APBD
Tahun 2016" (pages 47-52): cells are vertically centred, names wrap over one to five lines,
some rows print no code or no realisasi. On page 47 the whole body is one grid row whose
columns print 13, 16, 15 and 12 lines, figures read by hand from the page.
"""

from functools import cache

import pytest
from conftest_pdf import REAL_DOCS, page_stream, ruled_table, write_pdf

from extractors.pdf import extract
from pipeline.run import process_document

DISNAKER = "04_LKIP_2016_Disnakertrans_Prov_Jabar.pdf"


@cache
def _budget() -> list[dict]:
    """The budget rows of Tabel 3.6 (pages 47-52), processed once."""
    result = process_document(REAL_DOCS / DISNAKER)
    tables = {t["table_id"]: t for t in result.tables["source_tables"]}
    return [b for b in result.tables["budget"]
            if "3.6" in f"{tables[b['table_id']]['label'] or ''} {tables[b['table_id']]['caption'] or ''}"
            and 47 <= b["page"] <= 52]


def _row(code: str, page: int) -> dict:
    hits = [b for b in _budget() if b["code"] == code and b["page"] == page]
    assert len(hits) == 1, f"{len(hits)} rows with code {code!r} on page {page}"
    return hits[0]


@pytest.mark.parametrize(("code", "name", "pagu", "realisasi", "capaian"), [
    ("29.01", "Penyebaran Informasi Ketenagakerjaan Dan Ketransmigrasian",
     360_032_000, 356_928_000, 99.14),
    ("29.02", "Perencanaan Program Ketenagakerjaan Dan Ketransmigrasian Disnakertrans",
     512_425_000, 507_565_960, 99.05),
    ("29.03", "Perencanaan Program Dan Kegiatan UPTD Balai Pelatihan Ketenagakerjaan Bekasi",
     216_217_000, 216_127_900, 99.96),
    ("29.04", "Pengembangan Perencanaan Pelatihan Tenaga Kerja Luar Negeri",
     139_077_350, 136_696_350, 98.29),
    ("29.05", "Perencanaan Program Pelatihan Ketransmigrasian Dan Kewirausahaan",
     137_775_000, 137_775_000, 100.0),
    ("39.01", "Pelatihan Alih Profesi Bidang Jasa (Dampak Pembangunan Bandara Internasional "
     "Jawa Barat Kertajati)", 413_345_500, 406_845_500, 98.43),
    ("39.2", "Pelatihan Berbasis Masyarakat Melalui Mobile Training Unit (MTU)",
     886_927_000, 880_144_000, 99.24),
    ("39.03", "Akreditasi Lembaga Pelatihan Kerja (LPK)", 384_750_000, 303_827_000, 78.97),
    ("39.04", "Uji Kompetensi Tenaga Kerja", 1_367_004_500, 1_356_608_000, 99.24),
    ("39.05", "Bimbingan Teknis Produktivitas Tenaga Kerja", 783_759_500, 762_222_750, 97.25),
])
def test_page_47_rows_come_apart_with_their_figures(code, name, pagu, realisasi, capaian):
    row = _row(code, 47)
    assert row["name"] == name
    assert (row["pagu"], row["realisasi"], row["capaian_reported"]) == (pagu, realisasi, capaian)


def test_page_47_rows_without_code_or_realisasi_keep_their_own_figures():
    page = [b for b in _budget() if b["page"] == 47]
    by_name = {b["name"]: b for b in page}
    assert by_name["BELANJA"]["pagu"] == 67_811_725_837
    assert by_name["BELANJA TIDAK LANGSUNG"]["code"] == "51"
    gaji = by_name["Gaji dan Tunjangan Pegawai"]
    assert (gaji["pagu"], gaji["realisasi"]) == (26_873_146_987, None)
    assert by_name["Program Peningkatan Kualitas dan Produktivitas Tenaga Kerja"]["code"] == "39"
    assert len(page) == 16


@pytest.mark.parametrize(("code", "page", "name", "pagu"), [
    ("39.12", 48, "Pelatihan Calon Tenaga Kerja Luar Negeri", 2_397_332_500),
    ("39.14", 48, "Pelatihan Kewirausahaan Melalui Mobile Training Unit (MTU)", 577_625_000),
    ("39.15", 48, "Pelatihan Kewirausahaan Berbasis Arah Minat Usaha Mandiri", 813_190_000),
    ("40.01", 48, "Penyelenggaraan Kegiatan Dewan Pengupahan Provinsi", 555_687_000),
    ("40.02", 48, "Komunikasi dan Koordinasi Pengupahan Se Jawa Barat", 513_000_000),
    ("41.04", 49, "Pengendalian dan Monitoring Terhadap Pengguna Tenaga Kerja Warga Negara "
     "Asing Pendatang (TKWNAP) di Jawa Barat", 173_000_000),
    ("41.05", 49, "Jejaring Kesempatan Kerja dan Penempatan Tenaga Kerja Antar Kerja Daerah "
     "(AKAD)", 180_000_000),
    ("41.06", 49, "Perluasan Lapangan Kerja Melalui Padat Karya Produktif Peternakan Dan "
     "Perikanan", 18_616_000),
    ("59.02", 50, "Peningkatan Kesejahteraan dan Kemampuan Aparatur Balai Pelatihan "
     "Ketenagakerjaan Bekasi", 76_500_000),
])
def test_wrapped_names_stay_on_their_rows(code, page, name, pagu):
    row = _row(code, page)
    assert (row["name"], row["pagu"]) == (name, pagu)


def test_every_row_of_the_table_has_its_figures():
    rows = _budget()
    assert not [b["code"] for b in rows if b["code"] and b["pagu"] is None]
    assert not [b["code"] for b in rows if b["code"] and b["code"].count(".") > 1
                and not b["code"].endswith(".")]


# --- a synthetic page: columns ruled, rows not, cells centred ------------------------------

WIDTHS = [50, 200, 90, 90]
X0 = 60


def _cells(top: float, texts: list[str | list[str]]) -> list[tuple[float, float, str]]:
    """One printed row whose middle is at `top`: each cell's lines centred on it (12 pt pitch)."""
    out, x = [], X0
    for cell, w in zip(texts, WIDTHS, strict=True):
        lines = [cell] if isinstance(cell, str) else cell
        first = top - 6 * (len(lines) - 1)
        out += [(x + 3, first + 12 * i, text) for i, text in enumerate(lines) if text]
        x += w
    return out


def test_centred_rows_with_uneven_line_counts_split_on_the_figures(tmp_path):
    body = (_cells(130, ["1.01", ["Pelatihan Berbasis", "Kompetensi Kerja"], "413,345,500",
                         "406,845,500"])
            + _cells(160, ["", "Gaji dan Tunjangan", "26,873,146,987", ""])
            + _cells(196, ["1.03", ["Perencanaan Program", "Pelatihan Tenaga", "Kerja Luar Negeri"],
                           "139,077,350", "136,696,350"]))
    header = _cells(96, ["Kode", "Kegiatan", "Anggaran", "Realisasi"])
    rules = ruled_table(X0, 90, WIDTHS, [20, 140])
    path = write_pdf(tmp_path / "unruled.pdf", [page_stream(header + body, rules)])
    (table,) = extract(path).raw_tables
    rows = [[c.text for c in r] for r in table.rows]
    assert rows == [
        ["Kode", "Kegiatan", "Anggaran", "Realisasi"],
        ["1.01", "Pelatihan Berbasis Kompetensi Kerja", "413,345,500", "406,845,500"],
        ["", "Gaji dan Tunjangan", "26,873,146,987", ""],
        ["1.03", "Perencanaan Program Pelatihan Tenaga Kerja Luar Negeri", "139,077,350",
         "136,696,350"],
    ]
    assert all(c.page == 1 for r in table.rows for c in r)
    assert table.rows[3][1].bbox[1] < table.rows[3][0].bbox[1] < table.rows[3][1].bbox[3]


def _lines(top: float, texts: list[str | list[str]]) -> list[tuple[float, float, str]]:
    """One printed row whose cells start at `top`, one line every 12 pt (top-aligned)."""
    out, x = [], X0
    for cell, w in zip(texts, WIDTHS, strict=True):
        lines = [cell] if isinstance(cell, str) else cell
        out += [(x + 3, top + 12 * i, text) for i, text in enumerate(lines) if text]
        x += w
    return out


def test_a_bracketed_capaian_under_its_realisasi_is_no_row_of_its_own(tmp_path):
    """'86' over '(101%)': the capaian printed under the realisasi, level with nothing in
    the other figure column, joins its figure's cell; '(1.500)' level with a target is a
    row's own (negative) figure."""
    body = (_lines(120, ["", ["- Skor A", "Ketersediaan"], "85", ["86", "(101%)"]])
            + _lines(156, ["", ["- Jumlah B", "Pokok"], "450", ["270", "(60%)"]])
            + _lines(192, ["", "- Selisih C", "2.000", "(1.500)"]))
    header = _lines(96, ["No", "Indikator", "Target", "Realisasi"])
    rules = ruled_table(X0, 90, WIDTHS, [20, 130])
    path = write_pdf(tmp_path / "brackets.pdf", [page_stream(header + body, rules)])
    (table,) = extract(path).raw_tables
    rows = [[c.text for c in r] for r in table.rows]
    assert rows[1:] == [
        ["", "- Skor A Ketersediaan", "85", "86 (101%)"],
        ["", "- Jumlah B Pokok", "450", "270 (60%)"],
        ["", "- Selisih C", "2.000", "(1.500)"],
    ]
