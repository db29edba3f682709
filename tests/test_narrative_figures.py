"""Prose figures beyond the three original shapes: indicators named by number, counts,
amounts, and sentences that contradict themselves. Sentences are the reports' own."""

import pytest

from pipeline.checks.narrative import narrative_checks
from pipeline.curate.narrative import extract_claims
from pipeline.normalise.spelled import words_value


def _claims(lines: list[str], year: int = 2023) -> list[dict]:
    return extract_claims("d", lines, [], [], year)


def _checks(lines: list[str], performance=(), budget=(), staffing=()) -> list[dict]:
    return narrative_checks(_claims(lines), list(performance), list(budget), {}, list(staffing))


@pytest.mark.parametrize("words, value", [
    ("sebelas", 11), ("Dua Puluh Lima", 25), ("tiga puluh delapan", 38), ("enam", 6),
    ("Lima ratus Enam Puluh Tujuh", 567), ("SBS", None), ("lima belas indikator", None),
])
def test_words_value(words, value):
    assert words_value(words) == value


def test_digits_and_words_that_disagree_are_flagged():
    line = ("Di tahun terdapat 20 (enam) poin perjanjian kinerja dengan 25 (Dua Puluh Lima) indikator "
            "yang menjadi target Perangkat Daerah, dimana terdiri dari 4 (empat) indikator utama dan "
            "16 (sebelas) indikator tambahan.")
    found = {(c["subject"], c["status"], c["reported"], c["recomputed"]) for c in _checks([line])
             if c["formula"] != "count of indikator in the tables"}
    assert ("prose: spelled number '20 (enam)'", "mismatch", 20, 6) in found
    assert ("prose: spelled number '16 (sebelas)'", "mismatch", 16, 11) in found
    assert ("prose: spelled number '25 (Dua Puluh Lima)'", "ok", 25, 25) in found
    parts = [f for f in found if f[0].startswith("prose: parts sum")]
    assert [(s, r, c) for _, s, r, c in parts] == [("mismatch", 16, 21)]


def test_stated_change_against_its_two_percentages():
    ok = ("Realisasi Target kinerja \"Indikator Kinerja ke-1\" tahun 2023 yaitu 114.29 % dan realisasi "
          "tahun sebelumnya juga sebesar 95.24 %, sedangkan terjadi kenaikan sebesar 19.05 % pada capaian.")
    wrong = ("Sedangkan pada tahun sebelumnya yaitu tahun 2022 realisasi penyerapan angggaran sebesar "
             "**91,89%**, jika dibandingkan dengan tahun 2023 sebesar **92,00** % terjadi kenaikan sebesar **0,52%**.")
    got = {c["line"]: (c["status"], c["reported"], c["recomputed"]) for c in _checks([ok, wrong])
           if c["formula"].startswith("difference")}
    assert got[1][0] == "ok"
    assert got[2] == ("mismatch", 0.52, pytest.approx(0.11))


PERF = [  # one capaian table, two years, in row order
    {"table_id": "t1", "row_no": 1, "line": 10, "indicator": "Persentase keluhan ditindaklanjuti",
     "year": 2023, "measure": "annual", "target": 75, "realisasi": 80, "capaian_reported": 114.29},
    {"table_id": "t1", "row_no": 2, "line": 11, "indicator": "Indeks Keluarga Sehat (IKS)",
     "year": 2023, "measure": "annual", "target": 0.4, "realisasi": 0.33, "capaian_reported": 82.5},
    {"table_id": "t1", "row_no": 3, "line": 12, "indicator": "Jumlah Inovasi",
     "year": 2022, "measure": "annual", "target": 1, "realisasi": 0, "capaian_reported": 0.0},
    {"table_id": "t1", "row_no": 3, "line": 12, "indicator": "Jumlah Inovasi",
     "year": 2023, "measure": "annual", "target": 1, "realisasi": 0, "capaian_reported": 0.0},
]


def _prose(*lines: str) -> list[str]:
    return [""] * 20 + list(lines)  # the prose follows the table (lines 10-12)


def test_indicator_named_by_number_resolves_to_the_table_above():
    lines = _prose(
        "2) Indikator Kinerja ke-2 (Indeks Keluarga Sehat (IKS))",
        'Realisasi Target kinerja "Indikator Kinerja ke-2" tahun 2023 yaitu 100% dan realisasi '
        "tahun sebelumnya sebesar n/a, sehingga pada capaian realisasi kinerja yang bisa dilihat.",
        'Target kinerja "Indikator Kinerja ke-1" tahun 2023 yaitu 75 % dan realisasinya sebesar 80 %, '
        "sehingga capaian target kinerja tercapai sebesar 114 % dengan predikat Sangat Tinggi.",
    )
    checks = {(c["line"], c["subject"].split(" (")[0]): c for c in _checks(lines, PERF)}
    iks = checks[(22, "prose: indikator ke-2 realisasi_target 2023")]
    assert (iks["status"], iks["reported"], iks["recomputed"]) == ("mismatch", 100, 82.5)
    # 75 / 80 agree; '114 %' is 114,29 % cut to whole percent, not an error
    assert {k[1]: c["status"] for k, c in checks.items() if k[0] == 23} == {
        "prose: indikator ke-1 target 2023": "ok", "prose: indikator ke-1 realisasi 2023": "ok",
        "prose: indikator ke-1 capaian 2023": "ok"}


def test_two_years_two_values_pair_in_order():
    lines = _prose('Realisasi Target kinerja "Indikator Kinerja ke-3" tahun 2023 yaitu 0 dan realisasi '
                   "tahun sebelumnya 1, sedangkan capaian kinerja tahun 2022dan 2023 sebesar 100% dan 0 % "
                   "sehingga capaian realisasi kinerja yang bisa dilihat pada grafik dibawah ini:")
    got = {(c["subject"], c["status"], c["reported"], c["recomputed"]) for c in _checks(lines, PERF)}
    assert ("prose: indikator ke-3 capaian 2022 (Jumlah Inovasi)", "mismatch", 100, 0) in got
    assert ("prose: indikator ke-3 capaian 2023 (Jumlah Inovasi)", "ok", 0, 0) in got


def test_a_sentence_about_two_indicators_is_left_alone():
    lines = _prose('Realisasi Target kinerja "Indikator Kinerja ke-1" dan ke 2 tahun 2023 yaitu sebesar '
                   "100% dan 92 %.")
    assert _checks(lines, PERF) == []


def test_counts_of_programmes_and_staff():
    budget = [{"table_id": "b", "line": 5, "year": 2023, "level": lvl, "name": f"{lvl} {i}", "pagu": 1}
              for lvl, n in (("program", 2), ("kegiatan", 3), ("sub_kegiatan", 4)) for i in range(n)]
    staff = [{"table_id": "s", "line": 8, "dimension": "pendidikan", "category": "Jumlah", "sex": None,
              "count": 33.0, "is_total": True}]
    lines = ["Anggaran terdiri dari 2 (dua) program, 3 (tiga) kegiatan dan 5 (lima) sub kegiatan.",
             "Sumber daya aparatur PNS per 31 Desember 2023 sebanyak 34 orang."]
    got = {c["subject"]: (c["status"], c["reported"], c["recomputed"])
           for c in _checks(lines, budget=budget, staffing=staff) if "number of" in c["subject"]}
    assert got == {"prose: number of program": ("ok", 2, 2), "prose: number of kegiatan": ("ok", 3, 3),
                   "prose: number of sub_kegiatan": ("mismatch", 5, 4),
                   "prose: number of pegawai": ("mismatch", 34, 33)}


def test_education_counts_of_another_headcount_flag_only_what_is_too_small():
    staff = [{"table_id": "s", "line": 30, "dimension": "bezzeting", "category": c, "sex": None,
              "count": n, "is_total": c == "Jumlah"}
             for c, n in (("SMA/D1/D2", 11.0), ("S1/D4", 22.0), ("Jumlah", 41.0))]
    line = ("Berdasarkan tingkat pendidikan, 12 orang pegawai yang mengenyam pendidikan Sarjana (S1), "
            "1 orang pegawai dengan gelar Ahli Pratama (D1), 26 orang merupakan lulusan SMA/SMK.")
    got = {c["subject"]: (c["status"], c["reported"], c["recomputed"])
           for c in _checks([line], staffing=staff)}
    assert got["prose: staff with education S1"] == ("mismatch", 12, 22)
    # 1 D1 + 26 SMA against the SMA/D1/D2 row's 11: more people counted, not a contradiction
    assert got["prose: staff with education D1/SMA"][0] == "ok"


def test_capaian_bands_counted_in_the_table_above():
    perf = [{"table_id": "t", "row_no": i, "line": 10 + i, "indicator": f"i{i}", "year": 2024,
             "measure": "annual", "capaian_reported": v} for i, v in enumerate([113, 95, 91, 90, 88, 20])]
    budget = [{"table_id": "t", "line": 10 + i, "level": "sub_kegiatan"} for i in range(6)]
    line = ("dengan rincian 2 sub kegiatan capaian kinerja mencapai 91-100%, 3 Sub Kegiatan capaian "
            "kinerja mencapai 76-90% dan 1 Sub Kegiatan capaian kinerja mencapai 0-50%;")
    got = [(c["status"], c["reported"], c["recomputed"]) for c in _checks(_prose(line), perf, budget)]
    # bands run up to the next band's floor; the top band is open (113 % counts as 91+)
    assert got == [("mismatch", 2, 3), ("mismatch", 3, 2), ("ok", 1, 1)]


def test_budget_amount_against_the_whole_budget():
    budget = [{"table_id": "a", "line": 5, "year": 2023, "level": "total", "pagu_before": 31_824_349_565,
               "pagu": 54_401_966_922, "realisasi": None},
              {"table_id": "v", "line": 9, "year": 2023, "level": "total", "pagu": 45_539_311_794,
               "realisasi": 43_465_263_548}]  # village funds: a part, not the whole
    lines = ["Pada Tahun Anggaran 2023 mendapatkan alokasi anggaran sebesar Rp. 31.404.151.565 untuk belanja.",
             "Realisasi tahun 2023 dari pagu sebesar Rp. 54.401.966.922,00 dan terealisasi sebesar "
             "Rp. 50.049.438.561,00 yang terdiri dari program."]
    got = [(c["subject"], c["status"], c["reported"], c["recomputed"]) for c in _checks(lines, budget=budget)]
    assert ("prose: total pagu 2023", "mismatch", 31_404_151_565, 31_824_349_565) in got
    assert ("prose: total pagu 2023", "ok", 54_401_966_922, 54_401_966_922) in got
    assert ("prose: total realisasi 2023", "unverifiable", 50_049_438_561, None) in got


def test_a_part_of_the_budget_named_in_prose_is_held_against_its_own_row():
    from pipeline.checks.narrative_figures import amount_checks
    budget = [{"table_id": "t", "year": 2016, "level": "total", "name": "JUMLAH",
               "pagu": 48_592_221_203.0, "realisasi": 43_636_151_309.0},
              {"table_id": "t", "year": 2016, "level": "kegiatan", "name": "Pembinaan Kader",
               "pagu": 800_000_000.0, "realisasi": 673_562_750.0, "page": 28}]
    claims = [{"doc_id": "d", "line": 1007, "kind": "budget_amount", "subject": s, "year": 2016,
               "value": v, "value_text": t}
              for s, v, t in (("realisasi", 673_562_750.0, "673.562.750"),
                              ("pagu", 900_000_000.0, "900.000.000"),
                              ("pagu", 48_000_000_000.0, "48.000.000.000"))]
    assert [c["status"] for c in amount_checks(claims, budget)] == ["ok", "unverifiable", "mismatch"]


def test_a_smaller_programme_count_beside_a_larger_one_counts_a_part():
    """'3 program' of one bidang beside '13 program' of the agency: only the largest count
    of the prose is held against the tables; an indicator count is always held."""
    from pipeline.checks.narrative_figures import count_checks

    def claim(subject: str, value: int, line: int) -> dict:
        return {"doc_id": "d", "subject": subject, "value": float(value), "value_text": str(value),
                "year": 2016, "line": line, "page": None}

    budget = [{"table_id": "t", "year": 2016, "level": "program", "name": f"Program {i}",
               "pagu": 1.0, "line": 50 + i} for i in range(13)]
    checks = count_checks([claim("program", 3, 10), claim("program", 13, 20)], [], budget, [])
    by_value = {c["reported"]: c["status"] for c in checks}
    assert by_value == {3.0: "unverifiable", 13.0: "ok"}
    checks = count_checks([claim("program", 3, 10), claim("program", 12, 20)], [], budget, [])
    assert {c["reported"]: c["status"] for c in checks} == {3.0: "unverifiable", 12.0: "mismatch"}
