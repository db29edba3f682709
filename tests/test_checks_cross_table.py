"""pipeline/checks/cross_table.py: one indicator or programme printed in several tables."""

from check_rows import perf

from pipeline.checks.cross_table import cross_table_checks


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
