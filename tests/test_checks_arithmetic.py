"""pipeline/checks/arithmetic.py and common.py: capaian, IKK and budget ratios, tolerance from the printed
decimals, input rounding, polarity, and doubtful digits."""

from check_rows import budget, ikk, perf

from pipeline.checks.arithmetic import capaian_check, ikk_checks


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


def test_a_capaian_read_from_a_printed_fraction_keeps_the_fractions_rounding():
    """'0,28' read as 28 % (curate/fractions.py) is 144 / 519 = 27,75 % rounded to two
    decimals of a fraction: consistent. Read as a percentage, '28' would be a finding."""
    (c,) = capaian_check(perf(target=519, target_text="519", realisasi=144, realisasi_text="144",
                              capaian_reported=28.0, capaian_text="0,28"))
    assert c["status"] == "ok"
    (c,) = capaian_check(perf(target=519, target_text="519", realisasi=144, realisasi_text="144",
                              capaian_reported=28.0, capaian_text="28,00"))
    assert c["status"] == "mismatch"


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


def test_a_realisasi_that_lost_its_first_digit_is_not_a_finding():
    from pipeline.checks.common import lost_leading_digit

    garbled = budget(1, "program", 38_261_863_564, realisasi=6_803_739_678, realisasi_text="6,803,739,678",
                     capaian_reported=96.19, capaian_text="96.19")
    assert lost_leading_digit(garbled) == "6,803,739,678"
    wrong = budget(2, "program", 38_261_863_564, realisasi=30_000_000_000, realisasi_text="30,000,000,000",
                   capaian_reported=96.19, capaian_text="96.19")
    assert lost_leading_digit(wrong) is None  # a real error: 6.8 bn off, not one lost digit


def test_a_target_and_realisasi_in_different_units_have_no_ratio():
    """'1 kegiatan' against '100 %': nothing to divide; the check says so, no finding."""
    row = perf(target=1, realisasi=100, capaian_reported=100, target_text="1 kegiatan",
               realisasi_text="100 %", capaian_text="100 %")
    (check,) = capaian_check(row)
    assert check["status"] == "unverifiable" and "'kegiatan'" in check["detail"]
    same = perf(target=50, realisasi=45, capaian_reported=90, target_text="50 Kegiatan",
                realisasi_text="45 kegiatan", capaian_text="90")
    assert capaian_check(same)[0]["status"] == "ok"
