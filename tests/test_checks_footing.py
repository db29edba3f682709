"""pipeline/checks/footing.py: budget parents against their parts, trust per subtree, quarters, staff
cross-tabs, and the printed level words footing relies on."""

from check_rows import budget, perf

from pipeline.checks.footing import budget_footing, kinerja_quarters


def test_footing_flags_a_parent_that_does_not_add_up():
    rows = [budget(1, "program", 300), budget(2, "kegiatan", 100, 1), budget(3, "kegiatan", 150, 1),
            budget(4, "program", 50), budget(5, "kegiatan", 50, 4),
            budget(6, "program", 70), budget(7, "kegiatan", 70, 6),
            budget(8, "program", 20), budget(9, "kegiatan", 20, 8)]
    checks = {c["row_no"]: c for c in budget_footing(rows)}
    assert checks[1]["status"] == "mismatch" and checks[1]["recomputed"] == 250
    assert checks[4]["status"] == "ok"


def test_a_table_whose_sums_mostly_fail_is_not_trusted():
    rows = [budget(1, "program", 300), budget(2, "kegiatan", 100, 1),
            budget(3, "program", 50), budget(4, "kegiatan", 40, 3),
            budget(5, "program", 70), budget(6, "kegiatan", 70, 5)]
    statuses = [c["status"] for c in budget_footing(rows)]
    assert "mismatch" not in statuses and statuses.count("unverifiable") == 2


def test_before_plus_change_and_sisa():
    rows = [budget(1, "program", 1466475000, pagu_before=823150000, change=643325000),
            budget(2, "program", 100, realisasi=60, sisa=50)]
    checks = {c["row_no"]: c for c in budget_footing(rows)}
    assert checks[1]["status"] == "ok" and checks[2]["status"] == "mismatch"


def test_cumulative_k_is_sum_or_latest_quarter():
    rows = [perf(measure="annual", realisasi=0), perf(measure="triwulan_1", realisasi=39),
            perf(measure="triwulan_2", realisasi=39)]
    (c,) = kinerja_quarters(rows)
    assert c["status"] == "mismatch" and c["recomputed"] == 78
    rows[0]["realisasi"] = 39
    assert kinerja_quarters(rows)[0]["status"] == "ok"


def test_total_foots_through_kegiatan_when_programmes_leave_realisasi_blank():
    rows = [budget(1, "program", 300), budget(2, "kegiatan", 100, 1, realisasi=90),
            budget(3, "kegiatan", 200, 1, realisasi=None, realisasi_text="-"),
            budget(4, "program", 50, realisasi=None), budget(5, "kegiatan", 50, 4, realisasi=50),
            budget(6, "total", 350, realisasi=150)]
    (c,) = [c for c in budget_footing(rows) if "realisasi" in c["subject"]]
    # the dash is nil: 90 + 0, not 'unverifiable'
    assert (c["status"], c["reported"], c["recomputed"]) == ("mismatch", 150, 140)
    assert "3 kegiatan rows" in c["subject"]


def test_printed_level_words_outrank_a_miscounted_code():
    from pipeline.curate.budget import level_of

    # '7 0 1 3' is 7.01.03, a programme code split digit by digit: four parts, not a kegiatan
    assert level_of("7.0.1.3", "", "PROGRAM PEMBERDAYAAN MASYARAKAT DESA DAN KELURAHAN") == "program"
    assert level_of("7.0.1.3.02", "", "Kegiatan Pemberdayaan Kelurahan") == "kegiatan"
    assert level_of("7.01.03.2.02.0001", "", "Pembangunan Sarana dan Prasarana Kelurahan") == "sub_kegiatan"


def test_trust_is_judged_per_programme_subtree():
    good = [budget(1, "program", 2971, pagu_before=2263), budget(2, "kegiatan", 823, 1, pagu_before=823),
            budget(3, "kegiatan", 1504, 1, pagu_before=1440),  # 823 + 1504 = 2327, not 2971
            budget(4, "sub_kegiatan", 823, 2, pagu_before=823), budget(5, "sub_kegiatan", 1504, 3, pagu_before=1440)]
    garbled = [budget(10, "program", 100), budget(11, "kegiatan", 7, 10), budget(12, "sub_kegiatan", 1, 11),
               budget(13, "kegiatan", 9, 10), budget(14, "sub_kegiatan", 2, 13)]
    checks = {(c["row_no"], c["subject"].split(": ")[1]): c["status"] for c in budget_footing(good + garbled)
              if "sum of" in c["subject"]}
    assert checks[(1, "pagu = sum of 2 kegiatan rows")] == "mismatch"
    assert checks[(1, "pagu_before = sum of 2 kegiatan rows")] == "ok"
    assert {s for (row, _), s in checks.items() if row >= 10} == {"unverifiable"}


def test_a_part_with_a_negative_pagu_is_a_shifted_row_not_a_finding():
    rows = [budget(1, "kegiatan", 5_584_511_420), budget(2, "sub_kegiatan", 5_535_121_420, 1),
            budget(3, "sub_kegiatan", 11_000_000, 1),
            budget(4, "sub_kegiatan", -91_610_000, 1, pagu_text="(91.610.000)")]
    (c,) = [c for c in budget_footing(rows) if c["row_no"] == 1]
    assert c["status"] == "unverifiable" and "(91.610.000)" in c["detail"]


def test_a_staff_cross_tab_row_foots_per_dimension():
    from pipeline.checks.footing import staff_checks

    def rec(dimension, category, count, sex=None):
        return {"doc_id": "d", "table_id": "t", "row_no": 1, "unit": "Balai", "dimension": dimension,
                "category": category, "count": count, "sex": sex, "is_total": category == "Jumlah"}
    rows = [rec("pendidikan", "S1", 13), rec("pendidikan", "SLTA", 2), rec("pendidikan", "Jumlah", 16),
            rec("jenis_kelamin", "PRIA", 10, "L"), rec("jenis_kelamin", "WANITA", 6, "P"),
            rec("jenis_kelamin", "Jumlah", 16)]
    found = {(c["formula"], c["status"]) for c in staff_checks(rows)}
    assert found == {("L + P", "ok"), ("sum of 2 pendidikan columns", "mismatch")}
