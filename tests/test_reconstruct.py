import pytest
from conftest import table_at

from pipeline.model import Cell
from pipeline.reconstruct import flatten_header, is_column_number_row, parse_caption_line


@pytest.mark.parametrize(
    "line, label, title",
    [
        ("Tabel 3.4 Target dan Realisasi Kinerja Tahun 2023", "Tabel 3.4", "Target dan Realisasi Kinerja Tahun 2023"),
        ("Tabel T-C.29", "Tabel T-C.29", ""),
        ("Tabel T.C-30", "Tabel T.C-30", ""),
        ("Tabel 2.8.", "Tabel 2.8", ""),
        ("Tabel. 4.8 Capaian", "Tabel 4.8", "Capaian"),
        ("Tabel 4. 27 Realisasi", "Tabel 4.27", "Realisasi"),
        ("Tabel 2.4.Perjanjian Kinerja Tahun 2023", "Tabel 2.4", "Perjanjian Kinerja Tahun 2023"),
        ("**Tabel 3.1** Skala", "Tabel 3.1", "Skala"),
    ],
)
def test_caption_forms(line, label, title):
    assert parse_caption_line(line) == (label, title)


def test_prose_is_not_a_caption():
    assert parse_caption_line("Berdasarkan tabel 2.1 di atas, dapat diketahui bahwa") is None


@pytest.mark.parametrize(
    "texts, expected",
    [
        (["1", "2", "3", "4", "5"], True),
        (["(1)", "(2)", "4)", "5)", "7)"], True),
        (["3", "4", "7", "", "8", "", "9", "", "12", "", "13=12/7X100%"], True),
        (["1", "2", "3", "4", "5", "6=(3+4-5)"], True),
        (["1", "Camat", "1", "-", "1"], False),
        (["3", "2", "1"], False),
    ],
)
def test_column_number_rows(texts, expected):
    assert is_column_number_row([Cell(t) for t in texts]) is expected


def test_flatten_spans_stay_inside_their_parent():
    header = [
        [Cell(t) for t in ["Program", "Realisasi Triwulan", "", "", "", "Capaian", ""]],
        [Cell(t) for t in ["", "I", "", "II", "", "", ""]],
        [Cell(t) for t in ["", "K", "Rp", "K", "Rp", "K", "Rp"]],
    ]
    _, columns = flatten_header(header, 7)
    assert columns == [
        "Program",
        "Realisasi Triwulan I K",
        "Realisasi Triwulan I Rp",
        "Realisasi Triwulan II K",
        "Realisasi Triwulan II Rp",
        "Capaian K",
        "Capaian Rp",
    ]


def test_000_tabel_3_5_year_groups(tables):
    t = table_at(tables("000"), 961)
    assert t.label == "Tabel 3.5"
    assert t.columns[4:] == [
        "2021 Realisasi", "2021 Capaian", "2022 Realisasi", "2022 Capaian",
        "2023 Realisasi", "2023 Capaian",
    ]


def test_000_tabel_2_2_split_program_name_rejoined(tables):
    t = table_at(tables("000"), 735)
    programs = {row[4].text for row in t.rows}
    assert "PROGRAM PEMBERDAYAAN MASYARAKAT DESA DAN KELURAHAN" in programs
    assert "PROGRAM PEMBERDAYAAN MASYARAKAT" not in programs
    assert not any(row[4].text == "DESA DAN KELURAHAN" for row in t.rows)


def test_000_tabel_1_1_pages_joined_and_header_dropped(tables):
    t = table_at(tables("000"), 254)
    assert t.label == "Tabel 1.1" and t.pieces == 2
    assert not any(row[1].text == "Jabatan" for row in t.rows)
    assert t.rows[-1][1].text == "Jumlah" or t.rows[-1][0].text == "Jumlah"


def test_003_tc29_sixteen_pages_one_table(tables):
    t = table_at(tables("003"), 183)
    assert t.label == "Tabel T-C.29"
    assert t.line_end >= 380
    assert t.columns[2].endswith(" K") and t.columns[3].endswith(" Rp")
    assert "Triwulan I K" in t.columns[4]
    assert not any(is_column_number_row(r) for r in t.rows)


def test_002_markdown_continuation_keeps_data_row_above_separator(tables):
    t = table_at(tables("002"), 625)
    indicators = [row[2].text for row in t.rows]
    assert "Tingkat Kepatuhan serta Kelengkapan LHKPN PErtanggal 31 Maret 2023" in indicators
    assert len(t.rows) == 25


def test_002_tabel_2_4_sasaran_continuation_and_fill(tables):
    t = table_at(tables("002"), 625)
    sasaran = {row[2].text: row[1].text for row in t.rows}
    full = "Meningkatnya kualitas dan jangkauan pelayanan publik kecamatan"
    assert sasaran["Persentase capaian Ketenteraman dan Ketertiban Umum"] == full
    assert sasaran["Pertumbuhan Pendapatan Asli Desa"] == full


def test_code_split_over_cells_in_either_style_is_rejoined():
    from pipeline.model import Cell
    from pipeline.reconstruct import merge_code_fragments

    def row(*texts):
        return [Cell(t, line=1) for t in texts]

    rows = [row("7", "0", "0", "2.", "00", "Penyusunan Dokumen", "Rp 16.500.000"),
            row("7 0 1 3 02", "00 02", "Pembangunan Sarana", "Rp 675.000.000"),
            row("7 0 1 3 02", "", "Kegiatan Pemberdayaan Kelurahan", "Rp 823.150.000"),
            row("7 0 1 3 02 00 03", "Pemberdayaan Masyarakat", "Rp 130.000.000")]
    merge_code_fragments(rows, [])
    assert [[c.text for c in r[:2]] for r in rows] == [
        ["7.0.0.2.00", "Penyusunan Dokumen"], ["7.0.1.3.02.00.02", "Pembangunan Sarana"],
        ["7.0.1.3.02", "Kegiatan Pemberdayaan Kelurahan"], ["7.0.1.3.02.00.03", "Pemberdayaan Masyarakat"]]


def test_code_parts_under_one_spanning_kode_header_are_joined_in_place():
    """A PDF ruling one cell per code part prints 'Kode' once over all of them: the joined
    code fills the first cell and every later cell stays under its own header."""
    from pipeline.model import Cell
    from pipeline.reconstruct import code_span, merge_code_fragments

    def row(*texts):
        return [Cell(t, line=1) for t in texts]

    header = [row("Kode", "", "", "", "", "Program/Kegiatan", "Indikator", "Target", "Realisasi")]
    assert code_span(header) == 5
    rows = [row("1.25", "01", "", "", "", "Urusan Wajib", "", "", ""),
            row("1.25", "01", "02", "53", "01", "Kegiatan Layanan Pos", "Cakupan", "70", "70"),
            row("", "", "", "", "", "", "", "100", "100")]
    merge_code_fragments(rows, [], code_span(header))
    assert [[c.text for c in r] for r in rows] == [
        ["1.25.01", "", "", "", "", "Urusan Wajib", "", "", ""],
        ["1.25.01.02.53.01", "", "", "", "", "Kegiatan Layanan Pos", "Cakupan", "70", "70"],
        ["", "", "", "", "", "", "", "100", "100"]]
    assert code_span([row("Kode", "Uraian", "Target")]) == 1


def test_merged_cells_printed_in_pieces_over_year_rows_are_rejoined():
    from pipeline.model import Cell
    from pipeline.reconstruct import rejoin_spread_cells

    columns = ["No", "Sasaran", "Indikator Kinerja Utama", "Satuan", "Tahun", "Target", "Realisasi",
               "Capaian Kinerja", "Ket."]
    rows = [[Cell(t, line=1290) for t in ("", "Meningkatkan Kualitas Pelayanan Kecamatan", "Indeks", "Nilai",
                                          "2022", "71", "80.37", "113.20", "")],
            [Cell(t, line=1291) for t in ("1 Yang Efektif dan Akuntabel", "Kepuasan Pelayanan Kecamatan",
                                          "Nilai", "2023", "76", "83.51", "109.9", "Menurun", "")]]
    notes = rejoin_spread_cells(rows, columns)
    assert [c.text for c in rows[1]] == [
        "1", "Meningkatkan Kualitas Pelayanan Kecamatan Yang Efektif dan Akuntabel",
        "Indeks Kepuasan Pelayanan Kecamatan", "Nilai", "2023", "76", "83.51", "109.9", "Menurun"]
    assert rows[0][2].text == "Indeks Kepuasan Pelayanan Kecamatan" and rows[0][4].text == "2022"
    assert len(notes) == 2


def _pdf_piece(page: int, rows: list[list[str]], edges: list[float]):
    from pipeline.model import RawTable
    grid = [[Cell(text=t, page=page, bbox=(x, 100.0 + 20 * i, x + 40, 115.0 + 20 * i))
             for t, x in zip(row, edges, strict=True)] for i, row in enumerate(rows)]
    return RawTable(rows=grid, style="pdf", page_start=page, page_end=page)


def test_pdf_pieces_on_one_ruled_grid_join_even_when_the_next_page_looks_like_a_header():
    from pipeline.reconstruct import reconstruct
    edges = [72.0, 206.0, 398.0, 472.0, 1047.0]
    first = _pdf_piece(1, [["Program/Kegiatan", "Indikator", "I K", "I Rp", "Perangkat Daerah"],
                           ["Penyediaan Gaji", "Jumlah Orang", "755", "27.715.000.304", "DINKES"]], edges)
    # The next page opens with indicator rows that print no figure, and its empty first
    # column was dropped: only where its columns sit says it is the same table.
    second = _pdf_piece(2, [["Jumlah Penunjang", "", "", "DINKES"],
                            ["Jumlah Fasilitas", "1", "841.031.879", "DINKES"]], edges[1:])
    (table,) = reconstruct([first, second])
    assert table.pieces == 2
    assert [[c.text for c in r][1:] for r in table.rows] == [
        ["Jumlah Orang", "755", "27.715.000.304", "DINKES"],
        ["Jumlah Penunjang", "", "", "DINKES"],
        ["Jumlah Fasilitas", "1", "841.031.879", "DINKES"]]


@pytest.mark.parametrize(
    ("name", "quarter"),
    [("Realisasi Kinerja Pada Triwulan I - IV Tahun 2023 II K", "triwulan_2"),
     ("Realisasi Kinerja Pada Triwulan I - IV Tahun 2023 IV Rp", "triwulan_4"),
     ("Triwulan III", "triwulan_3"), ("Realisasi Triwulan I s/d IV", None)],
)
def test_a_quarter_span_over_a_group_is_not_a_quarter(name, quarter):
    from pipeline.curate.columns import describe
    assert describe(2, name).measure == quarter


def test_years_wrapped_in_narrow_columns_are_joined_into_the_header():
    """'201' over '4' in five narrow year columns: the heads are no data row and the tails no
    column numbers; joined, they are the header's years."""
    from pipeline.model import RawTable
    from pipeline.reconstruct import split_header
    texts = [["NO", "INDIKATOR", "TARGET PADA TAHUN KE-", "", ""],
             ["", "", "201", "201", "201"],
             ["", "", "4", "5", "6"],
             ["(1)", "(2)", "(3)", "(4)", "(5)"],
             ["1.", "Indeks A", "80", "85", "90"]]
    piece = RawTable(rows=[[Cell(t) for t in r] for r in texts], style="pdf")
    split = split_header(piece)
    assert [[c.text for c in r] for r in split.header][-1] == ["", "", "2014", "2015", "2016"]
    assert [[c.text for c in r] for r in split.body] == [["1.", "Indeks A", "80", "85", "90"]]
    _, columns = flatten_header(split.header, 5)
    assert columns[2:] == [f"TARGET PADA TAHUN KE- {y}" for y in (2014, 2015, 2016)]


def _form_page(page: int, first_line: int, body: list[list[str]], gap: list[str]):
    """A page of a form that reprints its two header rows and column numbers; `gap` are the
    lines printed since the previous piece ended (numbered just before this one)."""
    from pipeline.model import RawTable
    header = [["Sasaran", "", "", "Program", ""], ["Uraian", "Indikator", "Target", "Uraian", "Ket"],
              ["1", "2", "3", "4", "5"]]
    rows = [[Cell(t, page=page) for t in r] for r in header + body]
    start = first_line + len(gap)
    return RawTable(rows=rows, style="pdf", page_start=page, page_end=page, line_start=start,
                    line_end=start + len(rows),
                    preceding_text=[(first_line + k, t) for k, t in enumerate(gap)])


LOST_ROWS = ["Padi Ton 12.31 b. Pengelolaan", "7.066 Tanaman Serealia", "Jagung Ton 1.190.",
             "793", "Keluaran:", "12 LKIP Dinas 2016"]


def test_a_reprinted_header_over_rows_the_extractor_lost_continues_the_table():
    from pipeline.reconstruct import reconstruct
    first = _form_page(1, 10, [["Meningkatnya", "Produksi", "12", "Program A", ""]], [])
    second = _form_page(2, first.line_end + 1, [["", "Luas", "113", "Program B", ""]], LOST_ROWS)
    (table,) = reconstruct([first, second])
    assert table.pieces == 2 and len(table.rows) == 2


def test_a_caption_between_reprinted_headers_still_starts_a_new_table():
    from pipeline.reconstruct import reconstruct
    first = _form_page(1, 10, [["Meningkatnya", "Produksi", "12", "Program A", ""]], [])
    second = _form_page(2, first.line_end + 1, [["", "Luas", "113", "Program B", ""]],
                        [*LOST_ROWS[:3], "Tabel 5 Rencana Kerja Tahun 2017"])
    assert len(reconstruct([first, second])) == 2


def test_lost_rows_join_only_across_one_page_break():
    from pipeline.reconstruct import reconstruct
    first = _form_page(1, 10, [["Meningkatnya", "Produksi", "12", "Program A", ""]], [])
    later = _form_page(3, first.line_end + 1, [["", "Luas", "113", "Program B", ""]], LOST_ROWS)
    assert len(reconstruct([first, later])) == 2


def test_a_header_over_an_outline_number_and_its_text_names_the_text():
    """'Indikator Kinerja' printed over two ruled columns, '1.1.1' and the indicator, lands
    on the number; it moves to the text, and a figure column beside units stays put."""
    from pipeline.model import Cell
    from pipeline.reconstruct import name_text_beside_numbering

    def row(*texts):
        return [Cell(t, line=1) for t in texts]

    columns = ["Sasaran", "Indikator Kinerja", "col3", "Target", "col5"]
    body = [row("Meningkatnya produksi", "1.1.1", "Luas lahan tanaman", "3.200", "Ha"),
            row("", "1,1.2", "Jumlah kaji terap", "15", "laporan"),
            row("", "", "Jumlah petani", "100", "orang")]
    notes = name_text_beside_numbering(columns, body)
    assert columns == ["Sasaran", "No", "Indikator Kinerja", "Target", "col5"]
    assert len(notes) == 1 and "Indikator Kinerja" in notes[0]
    merged = ["NO. URAIAN DASAR PERTIMBANGAN", "col2", "col3"]
    assert not name_text_beside_numbering(merged, [row("1.", "Indeks Kepuasan", "Hasil survei")])
    assert merged[0].startswith("NO.")


def test_a_form_printing_two_plans_side_by_side_does_not_fill_the_left_indicator():
    """Two halves that each print Kegiatan | Indikator (a Renja review): the first full name
    column is the leaf, so the left half's blank indicator stays blank; a sasaran left of the
    leaf still spans its rows."""
    from pipeline.reconstruct import forward_fill

    columns = ["Sasaran", "Kegiatan A", "Indikator A", "Target A", "Kegiatan B", "Indikator B"]
    rows = [[Cell(t) for t in r] for r in (
        ["Meningkatnya X", "Rapat koordinasi", "Jumlah dokumen", "5", "Rapat koordinasi", "Jumlah dokumen"],
        ["", "Sewa gedung", "", "3", "Sewa gedung", ""],
    )]
    forward_fill(rows, columns)
    assert rows[1][2].text == "" and rows[1][5].text == ""
    assert rows[1][0].text == "Meningkatnya X" and rows[1][0].filled


def test_a_row_carrying_on_bulleted_figure_lists_after_a_page_break_is_the_row_above():
    from pipeline.reconstruct import is_continuation_row

    above = [Cell(t) for t in ("1.2.01", "Kegiatan Meningkatkan Kesejahteraan", "Kab./Kota Seluruh",
                                "- 100%", "730.000.000", "APBD Provinsi", "- 100%")]
    tail = [Cell(t) for t in ("", "Aparatur Dinas", "Jawa Barat", "- 100%", "", "Jawa Barat", "- 100%")]
    assert is_continuation_row(tail, above)
    # figures of its own (a plain target, an amount) start a new row, as before
    own = [Cell(t) for t in ("", "Aparatur Dinas", "Jawa Barat", "100%", "", "Jawa Barat", "- 100%")]
    assert not is_continuation_row(own, above)
    plain = [Cell(t) for t in ("", "Aparatur Dinas", "Jawa Barat", "- 100%", "5.000", "Jawa Barat", "")]
    assert not is_continuation_row(plain, above)


def test_a_next_page_cut_into_other_columns_is_placed_under_the_first_by_position():
    from pipeline.model import RawTable
    from pipeline.reconstruct import regrid_piece
    edges = [72.0, 200.0, 300.0, 400.0]
    first = _pdf_piece(1, [["Indikator", "Target", "Realisasi", "%"],
                           ["Indeks A", "80", "77", "96,25"]], edges)
    # The next page's ruling adds a hairline between Realisasi and %: an empty column.
    wide = _pdf_piece(2, [["Indeks B", "25", "42", "", "168"]], [72.0, 200.0, 300.0, 360.0, 400.0])
    wide.rows[0][3] = Cell(text="", page=2)
    rows = regrid_piece(first, wide, wide.rows)
    assert rows is not None and [c.text for c in rows[0]] == ["Indeks B", "25", "42", "168"]
    # The next page drops an empty column instead: its cells move right under their headers.
    narrow = _pdf_piece(2, [["Indeks C", "42", "168"]], [72.0, 300.0, 400.0])
    rows = regrid_piece(first, narrow, narrow.rows)
    assert rows is not None and [c.text for c in rows[0]] == ["Indeks C", "", "42", "168"]
    # A printed cell with no position cannot be placed: the piece stays as cut.
    unplaced = RawTable(rows=[[Cell("Indeks C", page=2), Cell("1", page=2), Cell("2", page=2),
                               Cell("", page=2), Cell("3", page=2)]], style="pdf", page_start=2)
    assert regrid_piece(first, unplaced, unplaced.rows) is None


def test_a_legend_line_under_the_table_is_set_aside():
    from pipeline.reconstruct import set_aside_legend_rows

    def row(*texts: str) -> list[Cell]:
        return [Cell(t) for t in texts]

    body = [row("1", "Indeks A", "80", "77"),
            row("Keterangan", ": Sangat Baik [>=80%]", "; Baik [60-79,99%]", "Kurang [0-49.99%]")]
    aside: list = []
    assert set_aside_legend_rows(body, aside) == 1
    assert len(body) == 1 and aside[0][0].text == "Keterangan"
    # A data row whose first cell is not a legend word stays.
    body = [row("1", "Keterangan lain", "80", "77")]
    assert set_aside_legend_rows(body, []) == 0 and len(body) == 1
