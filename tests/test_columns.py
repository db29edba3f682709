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
