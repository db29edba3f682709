"""pipeline/checks/efisiensi.py, summary_means.py, predikat.py and staff_cross.py: printed labels and
summary figures held against the report's own rule."""

from check_rows import perf


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
