"""The small helpers pipeline/curate/budget.py's row reading is built from (issue 14 split
them out of money_columns, level_of, curate and _row_record): each on a synthetic input."""

from pipeline.curate import budget
from pipeline.curate.columns import Column
from pipeline.model import Cell


def test_money_key_reads_quarters_only_as_their_realisation():
    tw2 = Column(3, "Realisasi TW II", "realisasi", measure="triwulan_2", money=True)
    assert budget._money_key(tw2, money=True) == "realisasi_tw2"
    assert budget._money_key(Column(3, "Target TW II", "target", measure="triwulan_2"), True) is None


def test_money_key_keeps_budget_roles_that_are_not_money():
    assert budget._money_key(Column(2, "Sisa", "sisa"), money=False) == "sisa"
    assert budget._money_key(Column(2, "Capaian (%)", "capaian"), money=False) is None
    assert budget._money_key(Column(2, "Pagu Sebelum Perubahan", "pagu"), money=False) == "pagu_before"
    assert budget._money_key(Column(2, "Kebutuhan Dana", "kebutuhan"), money=True) is None


def test_capaian_after_realisasi_defers_to_a_money_capaian():
    real = Column(2, "Realisasi (Rp)", "realisasi", money=True)
    cols = [real, Column(3, "Capaian K", "capaian"), Column(4, "Capaian Rp", "capaian")]
    assert budget._capaian_after_realisasi(cols, real, cols, has_indicator=True).index == 4
    assert budget._capaian_after_realisasi(cols, real, cols, has_indicator=False).index == 3
    money_cap = [*cols, Column(5, "Capaian (Rp)", "capaian", money=True)]
    assert budget._capaian_after_realisasi(cols, real, money_cap, has_indicator=True) is None


def test_level_helpers_in_their_order():
    assert budget._code_level("1.02.01") == "program"
    assert budget._code_level("1 02 01 2 01 03") == "sub_kegiatan"
    assert budget._code_level("29.01") == "kegiatan"
    assert budget._code_level("") is None
    assert budget._stated_level("", "Kegiatan Rapat") == "kegiatan"
    assert budget._numbered_level("II", roman_programmes=True) == "program"
    assert budget._numbered_level("3", roman_programmes=True) == "kegiatan"
    assert budget._numbered_level("3", roman_programmes=False) == "program"
    assert budget._numbered_level("", roman_programmes=False) == "sub_kegiatan"
    # a printed prefix outranks the code's part count
    assert budget.level_of("1.02.01.2.01", "", "Program Pelayanan") == "program"


def test_code_in_the_number_column_is_the_code():
    row = [Cell("1.02.01.", page=1), Cell("Program A", page=1)]
    assert budget._code_and_number(row, {"no": 0}) == ("1.02.01", "")
    row = [Cell("2.", page=1), Cell("Program A", page=1)]
    assert budget._code_and_number(row, {"no": 0}) == ("", "2")


def test_amounts_only_row_needs_a_run_as_long_as_the_amount_columns():
    picked = {k: Column(i, k, k if k != "realisasi_tw1" else "realisasi", money=True)
              for k, i in (("pagu", 2), ("realisasi_tw1", 4), ("realisasi", 6))}
    row = [Cell(x, page=1) for x in ("100.000.000", "25.000.000", "90.000.000", "", "", "", "")]
    assert budget._amounts_only(row, picked) == (["pagu", "realisasi_tw1", "realisasi"], [0, 1, 2])
    labelled = [Cell("Jumlah", page=1), *row[:3]]
    assert budget._amounts_only(labelled, picked) is None
    assert budget._amounts_only(row[:2], picked) is None


def test_repeated_kegiatan_name_is_its_sub_kegiatan():
    above = [{"level": "kegiatan", "name": "Pembinaan Mutu"}]
    row = [{"level": "kegiatan", "name": "PEMBINAAN MUTU"}]
    budget._settle_repeated_kegiatan(row, above)
    assert row[0]["level"] == "sub_kegiatan"
    other = [{"level": "kegiatan", "name": "Lain"}]
    budget._settle_repeated_kegiatan(other, above)
    assert other[0]["level"] == "kegiatan"


def test_nesting_places_rows_under_unit_and_parent():
    nest = budget._Nesting()
    records: list[dict] = []
    for row_no, level, name, code in ((1, "program", "Program A", "1.02.01"),
                                      (2, "kegiatan", "Kegiatan B", None),
                                      (3, "sub_kegiatan", "Sub C", None)):
        recs = [{"row_no": row_no, "level": level, "name": name, "code": code}]
        nest.place(row_no, recs, records)
        records += recs
    assert [(r["row_no"], r["parent_row_no"]) for r in records] == [(1, None), (2, 1), (3, 2)]
    nest.section_head([Cell("KECAMATAN UTARA", page=1)])
    assert nest.unit == "Kecamatan Utara"
