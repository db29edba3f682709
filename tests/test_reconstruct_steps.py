"""The small helpers the reconstruction steps (pipeline/reconstruct/) are built from, split
out of their callers by issue 14 without changing what they decide: each on a synthetic row."""

from pipeline.model import Cell, RawTable
from pipeline.reconstruct import (
    captions,
    codes,
    geometry,
    grouping,
    headers,
    joining,
    merged,
    repair,
    rows,
)


def _row(*texts: str, line: int | None = None) -> list[Cell]:
    return [Cell(text=t, line=line) for t in texts]


def test_number_tokens_are_column_numbers_and_formulas_not_figures():
    assert rows.is_number_token("3") and rows.is_number_token("(4)")
    assert rows.is_number_token("13=12/7X100%")
    assert not rows.is_number_token("81,03") and not rows.is_number_token("2023")


def test_a_header_row_holds_no_data_figure_but_may_be_split_by_ocr():
    assert rows.is_header_like(_row("No", "Indikator", "Target 2023", "TW 1"))
    assert not rows.is_header_like(_row("1", "Indeks Kepuasan", "81,03"))
    assert rows.is_header_like(_row("T", "ahun", "2", "Ta", "hun"))


def test_row_place_takes_the_first_cell_that_knows_it():
    row = [Cell(text=""), Cell(text="a", line=7, page=2), Cell(text="b", line=8, page=3)]
    assert rows.row_place(row) == (7, 2)
    assert rows.row_place([Cell(text="")]) == (None, None)


def test_wrapped_years_join_only_when_every_head_has_its_digit():
    joined = headers.join_wrapped_years([_row("", "201", "202"), _row("", "9", "0")])
    assert [c.text for c in joined[0]] == ["", "2019", "2020"]
    assert len(headers.join_wrapped_years([_row("", "201", "202"), _row("", "9", "")])) == 2


def test_a_uniformly_narrower_markdown_piece_lacks_one_or_two_columns():
    assert joining._uniform_shortfall([_row("a", "b"), _row("c", "d")], 4) == 2
    assert joining._uniform_shortfall([_row("a", "b"), _row("c")], 4) == 0
    assert joining._uniform_shortfall([_row("a")], 4) == 0  # three gone: not a lost column


def test_a_tail_finishes_only_worded_cells_it_does_not_repeat():
    above = _row("Persentase", "DINKES", "80")
    assert joining._finishes_cell_above("layanan", 0, above)
    assert not joining._finishes_cell_above("DINKES", 1, above)
    assert not joining._finishes_cell_above("lagi", 2, above)  # under a figure


def test_a_gap_line_breaks_a_table_when_it_is_a_caption_or_a_title():
    first = RawTable(rows=[], style="markdown")
    assert grouping._breaks_table("Tabel 3.2 Realisasi Anggaran", first)
    assert grouping._breaks_table("Sumber: BPS", first)
    assert not grouping._breaks_table("Halaman 12", first)


def test_a_cell_lands_in_the_column_its_centre_falls_in():
    lefts = [0.0, 100.0, 200.0]
    assert geometry._column_under(Cell(text="x", bbox=(110.0, 0.0, 150.0, 10.0)), lefts) == 1
    assert geometry._column_under(Cell(text="x"), lefts) is None


def test_lost_cells_go_where_the_row_fits_its_columns_clearly_best():
    profile_text = {"empty": 0.02, "dash": 0.02, "number": 0.02, "amount": 0.02, "text": 0.92}
    profile_number = {"empty": 0.02, "dash": 0.02, "number": 0.92, "amount": 0.02, "text": 0.02}
    profiles = [profile_text, profile_text, profile_number]
    # 'name | 12': the lost cell is the second text column, not the end of the row
    assert repair._best_gap(["text", "number"], 1, profiles) == 1
    assert repair._best_gap(["text", "text"], 1, profiles) is None


def test_a_year_column_needs_a_row_number_column_first():
    assert merged._year_column(["no", "indikator", "tahun", "target"]) == 2
    assert merged._year_column(["indikator", "tahun"]) is None
    assert merged._year_column(["no", "indikator"]) is None


def test_a_row_of_code_fragments_only_finishes_the_code_above():
    row = _row("01", "02", "")
    assert codes._only_fragments(row, 2, ["01", "02"])
    assert not codes._only_fragments(_row("01", "Program"), 1, ["01"])


def test_a_title_block_stops_at_prose_lists_and_signatures():
    assert captions._not_a_title_line("1. Program Pelayanan")
    assert captions._not_a_title_line("Kepala Dinas Kesehatan")
    assert not captions._not_a_title_line("Kerangka Pendanaan Renstra")


def test_title_lines_inside_a_tables_frame_are_its_caption_not_its_header():
    """A frame that also encloses 'Tabel 2.1.' and its title: the header is found under the
    one-cell title rows, which are set aside (kept) and offered as the caption."""
    piece = RawTable(rows=[_row("Tabel 2.1.", "", "", ""), _row("Rekapitulasi Evaluasi Renja", "", "", ""),
                           _row("", "", "", ""), _row("Kode", "Program", "Target", "Realisasi"),
                           _row("1", "2", "3", "4"), _row("1 01", "Program A", "10", "9")],
                     style="pdf", page_start=1)
    split = headers.split_header(piece)
    assert [c.text for c in split.header[0]] == ["Kode", "Program", "Target", "Realisasi"]
    assert [c.text for c in split.body[0]] == ["1 01", "Program A", "10", "9"]
    assert split.titles == ["Tabel 2.1.", "Rekapitulasi Evaluasi Renja"]
    assert len(split.dropped) == 4  # three title rows and the column numbers, kept aside
    caption = captions.find_caption([(0, t) for t in split.titles])
    assert (caption.label, caption.title) == ("Tabel 2.1", "Rekapitulasi Evaluasi Renja")


def test_one_group_title_over_a_header_stays_in_the_header():
    piece = RawTable(rows=[_row("Tahun 2023", "", "", ""), _row("Indikator", "Target", "Realisasi", "Capaian"),
                           _row("Indeks A", "80", "82", "102,5")], style="pdf", page_start=1)
    split = headers.split_header(piece)
    assert len(split.header) == 2 and split.titles == []
