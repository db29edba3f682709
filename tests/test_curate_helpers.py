"""The small helpers issue 14 split out of the budget, staffing, IKK, IKU, stacked-row and
narrative curators without changing what they decide: each on a synthetic input."""

import re

from pipeline.curate import budget, ikk, iku, narrative_counts, stacked, staffing
from pipeline.curate.columns import Column
from pipeline.model import Cell


def _row(*texts: str) -> list[Cell]:
    return [Cell(text=t) for t in texts]


def test_a_broken_realisasi_is_recovered_from_pagu_less_sisa():
    values = {"pagu": 1000.0, "sisa": 100.0, "realisasi": 1540.0}
    note = budget._recover_realisasi(values, {"realisasi": "1,540,00"})
    assert values["realisasi"] == 900.0 and "pagu - sisa" in note
    kept = {"pagu": 1000.0, "sisa": 100.0, "realisasi": 900.0}
    assert budget._recover_realisasi(kept, {"realisasi": "900"}) is None


def test_a_capaian_without_pagu_or_realisasi_is_dropped():
    values = {"capaian": 80.0, "pagu": 0.0, "realisasi": None}
    assert budget._drop_repeated_capaian(values, {"capaian": "80"}) is not None
    assert values["capaian"] is None
    assert budget._drop_repeated_capaian({"capaian": 80.0, "pagu": 5.0}, {}) is None


def test_a_left_shift_needs_a_run_of_empty_cells():
    row = _row("a", "", "", "5", "6")
    assert [c.text for c in budget._shifted_left(row, [1, 2], 2)] == ["a", "5", "6", "", ""]
    assert budget._shifted_left(_row("a", "", "b", "", "c"), [1, 3], 2) is None


def test_code_and_name_give_the_level():
    assert budget._code_level("1.02.01") == "program"
    assert budget._code_level("1.02.01.2.01") == "kegiatan"
    assert budget._code_level("29.01") == "kegiatan"
    assert budget._code_level("1") is None
    assert budget._prefix_level("Sub Kegiatan Penyediaan") == "sub_kegiatan"
    assert budget._prefix_level("Kegiatan Penyediaan") == "kegiatan"
    assert budget._prefix_level("Program Penunjang") is None


def test_staffing_parts_foot_a_row_or_say_nothing():
    parts = Column(1, "PNS", "other")
    total = Column(3, "Jumlah", "total")
    assert staffing._long_category("Golongan III", parts) == "Golongan III PNS"
    assert staffing._long_category("Golongan III", total) == "Golongan III"
    assert staffing._is_total_record("Golongan III", total, single=False)
    assert not staffing._is_total_record("Golongan III", total, single=True)


def test_a_row_label_falls_back_on_the_first_cell():
    assert staffing._row_label(_row("Sekretariat", "", "4"), 1) == "Sekretariat"
    assert staffing._row_label(_row("1", "Bidang A", "4"), 1) == "Bidang A"
    assert staffing._row_label(_row("Bidang B", "4"), None) == "Bidang B"


def test_ikk_columns_by_header_words():
    cols = ikk._ikk_columns(["No", "Urusan", "IKK", "Hasil", "Nilai", "Capaian (%)"])
    assert (cols.data, cols.capaian, cols.urusan, cols.indicator, cols.label) == (4, 5, 1, 2, 3)
    assert ikk._ikk_columns(["No", "Urusan"]) is None


def test_iku_merged_header_spreads_over_blank_columns():
    found: dict[str, int] = {}
    assert iku._blanks_after(["Indikator", "col2", "", "Target"], 0) == 2
    assert iku._map_column(["Indikator", "Formulasi"], 0, found) == 1
    assert found == {"indicator": 0}
    merged: dict[str, int] = {}
    # one header naming two fields over a blank column: one field each, then past the blank
    assert iku._map_column(["Indikator / Formulasi", "col2", "Sumber Data"], 0, merged) == 2
    assert merged == {"indicator": 0, "formula": 1}


def test_stacked_cells_must_hold_one_number_of_figures():
    assert stacked._uniform_size({1: ["85", "450"], 2: ["1", "2"]}) == 2
    assert stacked._uniform_size({1: ["85", "450"], 2: ["1"]}) is None
    assert stacked._uniform_size({1: []}) is None
    assert stacked._each_lists({0: ["a", "b"]}, 2) and not stacked._each_lists({}, 2)


def test_a_stated_change_is_read_in_points_unless_it_is_the_relative_one():
    assert round(narrative_counts._implied_change([50.0, 55.0], 5.0), 6) == 5.0
    assert round(narrative_counts._implied_change([50.0, 55.0], 10.0), 6) == 10.0
    assert narrative_counts._implied_change([0.0, 5.0], 5.0) == 5.0


def test_an_amount_sentence_names_its_field():
    m = re.match(r"(?P<what>\w+) .*", "Realisasi anggaran")
    assert narrative_counts._amount_field(m) == "realisasi"
