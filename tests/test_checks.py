"""Check arithmetic: tolerance, input rounding, polarity conventions, footing, cross-table."""

from pipeline.checks.arithmetic import capaian_check, ikk_checks
from pipeline.checks.cross_table import cross_table_checks
from pipeline.checks.footing import budget_footing, kinerja_quarters


def perf(**kw):
    base = {"doc_id": "d", "table_id": "t1", "row_no": 1, "indicator": "IKM", "year": 2023,
            "measure": "annual", "line": 10}
    return base | kw


def test_capaian_mismatch_is_flagged_with_the_formula():
    (c,) = capaian_check(perf(target=76, target_text="76", realisasi=80, realisasi_text="80",
                              capaian_reported=142.86, capaian_text="142.86"))
    assert c["status"] == "mismatch" and abs(c["recomputed"] - 105.263158) < 1e-6
    assert c["formula"] == "realisasi / target × 100" and c["line"] == 10


def test_printed_decimals_set_the_tolerance():
    (ok,) = capaian_check(perf(target=69.45, target_text="69,45", realisasi=66.25,
                               realisasi_text="66,25", capaian_reported=95.39, capaian_text="95,39"))
    assert ok["status"] == "ok"
    (bad,) = capaian_check(perf(target=69.45, target_text="69,45", realisasi=66.25,
                                realisasi_text="66,25", capaian_reported=95.53, capaian_text="95.53"))
    assert bad["status"] == "mismatch"


def test_rounded_inputs_are_not_findings():
    # 15,426 / 3,33 can be anything from 462.5 % to 464.0 %: 463,26 % is consistent
    (c,) = capaian_check(perf(target=3.33, target_text="3.33", realisasi=15.426,
                              realisasi_text="15.426", capaian_reported=463.26,
                              capaian_text="463.26%"))
    assert c["status"] == "ok"
    # '13%' is a rounded 12,66 %
    (c,) = capaian_check(perf(target=10, target_text="10%", realisasi=13, realisasi_text="13%",
                              capaian_reported=126.6, capaian_text="126.60%"))
    assert c["status"] == "ok"


def test_negative_polarity_conventions_and_the_positive_slip():
    row = perf(indicator="Prevalensi stunting", polarity="negative", target=16.5,
               target_text="16,5", realisasi=12.6, realisasi_text="12.6",
               capaian_reported=76.36, capaian_text="76.36")
    kinds = {c["kind"]: c for c in capaian_check(row)}
    assert kinds["capaian"]["status"] == "ok"
    assert kinds["polarity"]["status"] == "mismatch"
    assert abs(kinds["polarity"]["recomputed"] - 130.952381) < 1e-6
    (c,) = capaian_check(row | {"capaian_reported": 123.64, "capaian_text": "123.64"})
    assert c["status"] == "ok" and c["formula"].startswith("(2 × target")


def test_missing_input_is_unverifiable_not_a_finding():
    (c,) = capaian_check(perf(target=81.25, realisasi=None, capaian_reported=0.0, capaian_text="0%"))
    assert c["status"] == "unverifiable"


def test_ikk_growth_indicator():
    row = {"doc_id": "d", "table_id": "t", "row_no": 1, "indicator": "Persentase peningkatan investasi",
           "numerator": 15426499543265.0, "numerator_text": "15.426.499.543.265",
           "denominator": 19593504460000.0, "denominator_text": "19.593.504.460.000",
           "capaian_reported": -21.27, "capaian_text": "-21,27%"}
    (c,) = ikk_checks([row])
    assert c["status"] == "ok" and c["formula"].startswith("(numerator − denominator)")


def ikk(indicator, num: tuple[float, str], den: tuple[float, str], cap: tuple[float, str], **kw):
    return {"doc_id": "d", "table_id": "t", "row_no": 1, "indicator": indicator,
            "numerator": num[0], "numerator_text": num[1], "denominator": den[0],
            "denominator_text": den[1], "capaian_reported": cap[0], "capaian_text": cap[1]} | kw


def test_ikk_increase_already_subtracted_is_divided_not_subtracted_again():
    row = ikk("Persentase peningkatan perjalanan wisatawan nusantara", (316223, "316.223"), (1431862, "1.431.862"),
              (22.0, "22,00%"), numerator_label="(Jumlah wisatawan tahun n – Jumlah wisatawan tahun n-1)")
    (c,) = ikk_checks([row])
    assert c["status"] == "mismatch" and c["formula"] == "numerator / denominator × 100"
    assert round(c["recomputed"], 2) == 22.08


def test_ikk_composite_or_percentage_rows_are_not_a_ratio():
    composite = ikk("Indeks Kualitas Lingkungan Hidup", (50, "50"), (84, "84"), (63.96, "63.96%"),
                    parse_note="composite of 3 components (last: Indeks Tutupan Hutan 50)")
    two_shares = ikk("Tingkat ketersediaan arsip", (1, "1"), (49.19, "49.19%"), (42.0, "42,00%"))
    plain = ikk("Tersedianya Lokasi Pembangunan", (15291, "15.291"), (2741627.85, "2.741.627,85"),
                (0.59, "0.59%"))
    statuses = [c["status"] for c in ikk_checks([composite, two_shares, plain])]
    assert statuses == ["unverifiable", "unverifiable", "mismatch"]


def budget(row_no, level, pagu, parent=None, **kw):
    return {"doc_id": "d", "table_id": "t", "row_no": row_no, "level": level, "pagu": pagu,
            "parent_row_no": parent, "name": f"r{row_no}", "line": row_no} | kw


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


def test_cross_table_majority_is_the_reference():
    rows = [perf(table_id=t, line=n, indicator_key="nilai sakip", capaian_reported=v)
            for t, n, v in (("a", 1, 95.39), ("b", 2, 95.39), ("c", 3, 95.53))]
    kinds = dict.fromkeys("abc", "capaian_kinerja")
    (c,) = cross_table_checks(rows, [], kinds)
    assert (c["line"], c["reported"], c["recomputed"], c["status"]) == (3, 95.53, 95.39, "mismatch")


def test_cross_table_tie_without_reference_is_unverifiable():
    rows = [perf(table_id=t, line=n, indicator_key="x", realisasi=v)
            for t, n, v in (("a", 1, 10.0), ("b", 2, 12.0))]
    checks = cross_table_checks(rows, [], dict.fromkeys("ab", "capaian_kinerja"))
    assert checks and all(c["status"] == "unverifiable" for c in checks)


def test_cross_table_tie_between_capaian_tables_takes_the_first_printed():
    rows = [perf(table_id=t, line=n, indicator_key="ikm", target=75, capaian_reported=v)
            for t, n, v in (("a", 1070, 142.86), ("b", 1365, 114.29))]
    kinds = dict.fromkeys("ab", "capaian_kinerja")
    (c,) = cross_table_checks(rows, [], kinds, "LKjIP")
    assert (c["line"], c["reported"], c["recomputed"], c["status"]) == (1365, 114.29, 142.86, "mismatch")
    # a Renja's forms are revised in-year: which one is right is not known
    assert {c["status"] for c in cross_table_checks(rows, [], kinds, "Renja")} == {"unverifiable"}


def test_cross_table_joins_truncated_names_and_misspelt_units_only():
    long_key = "jumlah gedung kantor dan bangunan lain yang dipelihara direhabilitasi"
    rows = [perf(table_id="a", line=513, indicator_key="jumlah gedung kantor dan bangunan lain",
                 org_unit="Kelurahan Muara Rapak", target=5),
            perf(table_id="b", line=796, indicator_key=long_key, org_unit="Kelurahan Muara Rpak", target=6),
            perf(table_id="b", line=797, indicator_key=long_key, org_unit="Kelurahan Muara Rapak Baru",
                 target=9)]
    kinds = dict.fromkeys("ab", "capaian_kinerja")
    got = {(c["line"], c["reported"], c["recomputed"]) for c in cross_table_checks(rows, [], kinds, "Renja")}
    assert got == {(513, 5, 6), (796, 6, 5)}  # '… Baru' is another kelurahan


def test_evaluation_so_far_is_held_against_the_target_before_the_change():
    key = "jumlah sarana dan prasarana kelurahan yang terbangun"
    rows = [perf(table_id="eval", line=310, indicator_key=key, target=121),
            perf(table_id="eval", line=310, indicator_key=key, measure="triwulan_1", realisasi=3),
            perf(table_id="plan", line=875, indicator_key=key, target=193, target_before=10)]
    kinds = {"eval": "capaian_kinerja", "plan": "renstra_target"}
    (c,) = [c for c in cross_table_checks(rows, [], kinds, "Renja") if c["line"] == 310]
    assert (c["reported"], c["recomputed"], c["status"]) == (121, 10, "mismatch")


def test_efisiensi_label_against_the_reports_rule():
    from pipeline.checks.efisiensi import efisiensi_checks

    cells = [[{"text": name, "line": line}, {"text": label, "line": line}]
             for name, line, label in (("PROGRAM A", 1, "Efisien"), ("PROGRAM B", 2, "Tidak Efisien"),
                                       ("PROGRAM C", 3, "Tidak Efisien"))]
    source = [{"table_id": "e", "kind": "efisiensi", "cells": cells}]
    budget = [{"doc_id": "d", "table_id": "e", "row_no": n, "line": n, "name": name, "name_key": name.lower(),
               "year": 2023, "capaian_reported": absorption}
              for n, name, absorption in ((1, "PROGRAM A", 82.7), (2, "PROGRAM B", 49.68), (3, "PROGRAM C", 0.0))]
    kinerja = [perf(table_id="k", line=10 + n, program=name, capaian_reported=cap) for n, (name, cap) in
               enumerate((("Program A", 100.0), ("Program B", 100.0), ("Program C", 62.5)))]
    got = {c["line"]: (c["status"], c["reported"], c["recomputed"])
           for c in efisiensi_checks(budget, kinerja, source)}
    # B reached its target and spent less than it achieved: efficient, whatever the label says
    assert got == {1: ("ok", 82.7, 100.0), 2: ("mismatch", 49.68, 100.0), 3: ("ok", 0.0, 62.5)}


def test_summary_means_read_one_row_below_their_label():
    from pipeline.checks.summary_means import summary_mean_checks

    def cell(text, line):
        return {"text": text, "line": line}

    cells = [[cell("RATA-RATA CAPAIAN KINERJA DAN ANGGARAN DARI SELURUH PROGRAM", 96),
              cell("Sangat Tinggi", 96), cell("Sangat Tinggi", 96)],
             [cell("PREDIKAT KINERJA DARI SELURUH PROGRAM", 97), cell("71.79", 97), cell("73.85", 97)]]
    table = {"doc_id": "d", "table_id": "e81", "cells": cells}
    budget = [{"table_id": "e81", "line": n, "level": "program", "capaian_reported": rp}
              for n, rp in ((1, 93.17), (2, 83.31), (3, 97.63), (4, 95.15))]
    perf = [{"table_id": "e81", "line": n, "measure": "annual", "capaian_reported": k}
            for n, k in ((1, 86.97), (2, 71.58), (3, 100.43), (4, 100.0))]
    got = {c["subject"]: (c["status"], c["line"], c["reported"], round(c["recomputed"], 2))
           for c in summary_mean_checks([table], perf, budget)}
    assert got == {"mean kinerja (K) capaian of every program": ("mismatch", 97, 71.79, 89.75),
                   "mean anggaran (Rp) capaian of every program": ("mismatch", 97, 73.85, 92.31)}  # 92.315
    perf[0]["capaian_reported"] = None  # a garbled row: no mean, no finding
    statuses = {c["subject"]: c["status"] for c in summary_mean_checks([table], perf, budget)}
    assert statuses["mean kinerja (K) capaian of every program"] == "unverifiable"


def test_total_foots_through_kegiatan_when_programmes_leave_realisasi_blank():
    rows = [budget(1, "program", 300), budget(2, "kegiatan", 100, 1, realisasi=90),
            budget(3, "kegiatan", 200, 1, realisasi=None, realisasi_text="-"),
            budget(4, "program", 50, realisasi=None), budget(5, "kegiatan", 50, 4, realisasi=50),
            budget(6, "total", 350, realisasi=150)]
    (c,) = [c for c in budget_footing(rows) if "realisasi" in c["subject"]]
    # the dash is nil: 90 + 0, not 'unverifiable'
    assert (c["status"], c["reported"], c["recomputed"]) == ("mismatch", 150, 140)
    assert "3 kegiatan rows" in c["subject"]


def test_a_mismatch_resting_on_a_lost_digit_is_unverifiable():
    from pipeline.checks.arithmetic import budget_capaian_checks
    from pipeline.checks.common import soften_doubtful

    row = budget(1, "sub_kegiatan", 6_000_000, pagu_text="6,000,000", realisasi=3_000.0,
                 realisasi_text="3,000,00", capaian_reported=5.0, capaian_text="5")
    good = budget(2, "sub_kegiatan", 100, pagu_text="100", realisasi=60, realisasi_text="60",
                  capaian_reported=50.0, capaian_text="50")
    checks = soften_doubtful(budget_capaian_checks([row, good]), [row, good])
    by_line = {c["line"]: c for c in checks}
    assert by_line[1]["status"] == "unverifiable" and "'3,000,00'" in by_line[1]["detail"]
    assert by_line[2]["status"] == "mismatch"  # 60 / 100 is not 50: a finding stays a finding


def test_printed_level_words_outrank_a_miscounted_code():
    from pipeline.curate.budget import level_of

    # '7 0 1 3' is 7.01.03, a programme code split digit by digit: four parts, not a kegiatan
    assert level_of("7.0.1.3", "", "PROGRAM PEMBERDAYAAN MASYARAKAT DESA DAN KELURAHAN") == "program"
    assert level_of("7.0.1.3.02", "", "Kegiatan Pemberdayaan Kelurahan") == "kegiatan"
    assert level_of("7.01.03.2.02.0001", "", "Pembangunan Sarana dan Prasarana Kelurahan") == "sub_kegiatan"


def test_staff_by_sex_across_tables_less_contract_staff():
    from pipeline.checks.staff_cross import staff_cross_checks

    def s(table, line, category, sex, count):
        return {"doc_id": "d", "table_id": table, "row_no": line, "line": line, "dimension": "jabatan",
                "category": category, "sex": sex, "count": count}

    by_position = [s("a", 10, "Camat", "L", 1), s("a", 11, "Pelaksana", "L", 27), s("a", 11, "Pelaksana", "P", 13),
                   s("a", 12, "Tenaga Bantuan (Naban)", "L", 24), s("a", 12, "Tenaga Bantuan (Naban)", "P", 27),
                   s("a", 13, "Jumlah", "L", 52), s("a", 13, "Jumlah", "P", 40)]
    asn_only = [s("b", 90, "Jumlah", "L", 30), s("b", 90, "Jumlah", "P", 11)]
    got = {c["subject"]: (c["status"], c["reported"], c["recomputed"])
           for c in staff_cross_checks(by_position + asn_only)}
    assert got == {"civil servants (men)": ("mismatch", 30, 28), "civil servants (women)": ("mismatch", 11, 13)}
    # another headcount altogether (41 against 45) is not compared by sex
    asn_only[0]["count"] = 34
    assert staff_cross_checks(by_position + asn_only) == []


def test_a_name_cut_at_a_page_break_is_compared_through_its_kegiatan():
    kegiatan = "Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Tingkat Kecamatan"
    rows = [perf(table_id="a", line=1208, indicator_key="persentase rekomendasi", name=kegiatan,
                 capaian_reported=80.03),
            perf(table_id="b", line=1766, indicator_key="persentase rekomendasi hasil koordinasi",
                 name=None, target=100, realisasi=75, capaian_reported=75.0),
            perf(table_id="c", line=1800, indicator_key="persentase rekomendasi lain", name="Kegiatan Lain",
                 capaian_reported=50.0)]
    budget_rows = [{"table_id": "b", "line": 1766, "name_key": "koordinasi penyelenggaraan kegiatan pemerintahan"
                    " di tingkat kecamatan"}]
    checks = cross_table_checks(rows, budget_rows, dict.fromkeys("abc", "capaian_kinerja"), "LKjIP")
    assert [(c["line"], c["reported"], c["recomputed"]) for c in checks if c["status"] == "mismatch"] == [
        (1208, 80.03, 75.0)]


def test_a_whole_percentage_is_the_rounding_of_a_decimal_one():
    rows = [perf(table_id=t, line=n, indicator_key="permukiman layak huni", target=v, target_text=txt)
            for t, n, v, txt in (("a", 2416, 99.05, "99.05%"), ("b", 2462, 99.05, "99.05%"),
                                 ("c", 2768, 99.0, "99%"), ("d", 2800, 98.0, "98%"))]
    checks = cross_table_checks(rows, [], dict.fromkeys("abcd", "capaian_kinerja"), "LKjIP")
    assert [(c["line"], c["status"]) for c in checks] == [(2800, "mismatch")]


def test_a_name_cut_short_in_its_table_is_not_taken_for_another_indicator():
    # 'Indeks Kepuasan Masyarakat' cut from '… (IKM) Internal Perangkat Daerah' keys like the
    # office's own 'Indeks Kepuasan Masyarakat Kecamatan' once the unit word is dropped.
    rows = [perf(table_id="t2", line=165, indicator="Indeks Kepuasan Masyarakat Kecamatan",
                 indicator_key="ikm", target=81.25, target_text="81,25"),
            perf(table_id="t6", line=761, indicator="Indeks Kepuasan Masyarakat (IKM) Internal Perangkat Daerah",
                 indicator_key="ikm internal perangkat daerah", target=82.0, target_text="82,00"),
            perf(table_id="t6", line=762, indicator="Indeks Kepuasan Masyarakat",
                 indicator_key="ikm", target=82.0, target_text="82,00")]
    kinds = {"t2": "capaian_kinerja", "t6": "capaian_kinerja"}
    assert [c for c in cross_table_checks(rows, [], kinds, "LKjIP") if c["status"] == "mismatch"] == []


def test_cross_table_allows_the_rounding_of_the_less_precise_print():
    rows = [perf(table_id="a", line=878, indicator_key="ikm", realisasi=83.514, realisasi_text="83,514"),
            perf(table_id="b", line=1291, indicator_key="ikm", realisasi=83.51, realisasi_text="83.51"),
            perf(table_id="c", line=1400, indicator_key="ikm", realisasi=83.514, realisasi_text="83,514")]
    checks = cross_table_checks(rows, [], dict.fromkeys("abc", "capaian_kinerja"), "LKjIP")
    assert [c for c in checks if c["status"] == "mismatch"] == []


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


def test_a_realisasi_that_lost_its_first_digit_is_not_a_finding():
    from pipeline.checks.common import lost_leading_digit

    garbled = budget(1, "program", 38_261_863_564, realisasi=6_803_739_678, realisasi_text="6,803,739,678",
                     capaian_reported=96.19, capaian_text="96.19")
    assert lost_leading_digit(garbled) == "6,803,739,678"
    wrong = budget(2, "program", 38_261_863_564, realisasi=30_000_000_000, realisasi_text="30,000,000,000",
                   capaian_reported=96.19, capaian_text="96.19")
    assert lost_leading_digit(wrong) is None  # a real error: 6.8 bn off, not one lost digit


def test_a_part_with_a_negative_pagu_is_a_shifted_row_not_a_finding():
    rows = [budget(1, "kegiatan", 5_584_511_420), budget(2, "sub_kegiatan", 5_535_121_420, 1),
            budget(3, "sub_kegiatan", 11_000_000, 1),
            budget(4, "sub_kegiatan", -91_610_000, 1, pagu_text="(91.610.000)")]
    (c,) = [c for c in budget_footing(rows) if c["row_no"] == 1]
    assert c["status"] == "unverifiable" and "(91.610.000)" in c["detail"]


def test_predikat_is_judged_on_the_scale_the_document_prints():
    from pipeline.checks.predikat import document_scale, predikat_checks
    scale = document_scale(["SKALA NILAI KATEGORI PENILAIAN", "> 100 % Sangat Baik",
                            "80 – 100 % Baik", "50 - < 80 % Sedang", "< 50 % Kurang"])
    rows = [perf(capaian_reported=v, predikat_reported=p)
            for v, p in ((58.34, "Sedang"), (80.0, "Baik"), (100.5, "Baik"), (-37.6, "Kurang"))]
    assert [c["status"] for c in predikat_checks(rows, scale)] == ["ok", "ok", "mismatch", "ok"]
    # Without the document's scale, Permendagri's bands rate 58.34 'Rendah'; a 'Baik'-family
    # word is not judged against them at all.
    assert [c["status"] for c in predikat_checks(rows)] == ["mismatch"]


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
