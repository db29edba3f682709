"""Staffing tables read by mechanism: category words in the rows, total columns that name what
they count, parts that add up to a Jumlah column, and rows whose count is left blank."""

from __future__ import annotations

from pipeline.classify import classify
from pipeline.curate import staffing
from pipeline.curate.context import make_context
from pipeline.model import Cell, LogicalTable


def table(columns: list[str], rows: list[list[str]], caption: str | None = None) -> LogicalTable:
    return LogicalTable(index=0, label=None, caption=caption, header_rows=[], columns=columns,
                        rows=[[Cell(t, page=1) for t in r] for r in rows])


def curate(t: LogicalTable) -> list[dict]:
    return staffing.curate(make_context("d", "d:t0", 2020, t))


def test_rows_of_staff_categories_make_a_staffing_table_without_a_caption():
    # No caption, no staff word in the header: the rows (PNS, CPNS, PPPK) say what it is.
    t = table(["No", "Status", "Jumlah"], [["1", "PNS", "30"], ["2", "CPNS", "4"], ["3", "PPPK", "2"]])
    kind, reason = classify(t)
    assert kind == "staffing" and "status" in reason
    recs = curate(t)
    assert [(r["dimension"], r["category"], r["count"]) for r in recs] == [
        ("status", "PNS", 30), ("status", "CPNS", 4), ("status", "PPPK", 2)]
    assert not any(r["is_total"] for r in recs)  # the sole count column is not a total


def test_school_levels_alone_do_not_make_a_staffing_table():
    # SD / SMP / SMA count schools as well as people; only degrees (S1, D3) are people's.
    t = table(["No", "Jenjang", "Jumlah"], [["1", "SD", "120"], ["2", "SMP", "40"], ["3", "SMA", "12"]])
    assert classify(t)[0] != "staffing"


def test_degree_rows_read_as_pendidikan_and_a_blank_count_is_kept_as_null():
    t = table(["No.", "Pendidikan", "Jumlah"],
              [["1.", "S-2", "10 Orang"], ["2.", "S-1", ""], ["3.", "SLTA", "19 Orang"]])
    assert classify(t)[0] == "staffing"
    recs = curate(t)
    assert [(r["dimension"], r["category"], r["count"]) for r in recs] == [
        ("pendidikan", "S-2", 10), ("pendidikan", "S-1", None), ("pendidikan", "SLTA", 19)]


def test_parts_that_add_up_to_jumlah_are_read_as_categories_of_each_unit():
    # 'PNS | TKK | Jumlah' per unit: PNS + TKK = Jumlah on every row makes them the parts.
    t = table(["No", "Unit Kerja", "PNS", "TKK", "Jumlah"],
              [["1", "Sekretariat", "34", "8", "42"], ["2", "UPTD Benih", "18", "6", "24"],
               ["", "JUMLAH", "52", "14", "66"]],
              caption="Jumlah Pegawai Berdasarkan Unit Kerja")
    recs = curate(t)
    by = {(r["unit"], r["category"]): r for r in recs}
    assert by[("Sekretariat", "PNS")]["count"] == 34 and by[("Sekretariat", "TKK")]["count"] == 8
    assert by[("UPTD Benih", "Jumlah")]["count"] == 24 and by[("UPTD Benih", "Jumlah")]["is_total"]
    assert by[(None, "Jumlah")]["count"] == 66 and by[(None, "PNS")]["is_total"]
    assert {r["dimension"] for r in recs} == {"status"}


def test_columns_that_do_not_foot_are_not_taken_as_parts():
    t = table(["No", "Unit Kerja", "Kode", "Lantai", "Jumlah"],
              [["1", "Sekretariat", "3", "2", "42"], ["2", "Bidang A", "4", "1", "24"]],
              caption="Jumlah Pegawai Berdasarkan Unit Kerja")
    assert staffing._footing_parts(make_context("d", "t", None, t),
                                   staffing.describe_all(t.columns)) is None


def test_a_total_column_that_names_its_unit_and_lettered_group_rows():
    # 'Jumlah (orang)' is the count; 'A. Struktural' heads a group and gives no record.
    t = table(["No.", "Jabatan", "Jumlah (orang)"],
              [["A.", "Struktural", ""], ["1.", "Eselon II.a", "1"], ["2.", "Eselon III.a", "8"],
               ["Jumlah", "", "9"]])
    recs = curate(t)
    assert [(r["category"], r["count"], r["is_total"]) for r in recs] == [
        ("Eselon II.a", 1, False), ("Eselon III.a", 8, False), ("Jumlah", 9, True)]
