"""Accuracy floors against the hand-verified gold: a regression here fails CI.

The floors sit at the figures reached when they were set (see `make eval`), rounded down.
"""

import json
from pathlib import Path

import click
import pytest

from pipeline.evaluate import (
    Provenance,
    evaluate,
    flagged,
    kinerja_measure,
    load_gold,
    match_section,
    provenance,
    short_name,
)
from pipeline.store import DocumentResult

FIXTURES = Path(__file__).parent / "fixtures"
CORPUS_GOLD = FIXTURES / "gold" / "corpus"

FLOORS = {
    "000": {"performance": 0.99, "budget": 0.99, "staffing": 1.0, "discrepancies": 1.0},
    "001": {"discrepancies": 1.0},  # LPPD: only its discrepancies were verified by hand
    "002": {"performance": 0.96, "budget": 0.96, "staffing": 1.0, "discrepancies": 1.0},
    "003": {"performance": 1.0, "budget": 0.98, "discrepancies": 1.0},
}

# Measured when the corpus gold was added (issue 11: measure before you fix). The low figures
# are kinerja's, not the harness's: BKPD's fiscal year is read as 2008 from a cited
# regulation, the IKU scan yields no iku row, the PK's budget is a numbered list, not a table.
# Budget raised by issue 11 items 2-3 (one record per year / plan column, rows realigned to
# their money columns, stacked and wrapped amounts, budget lists printed as text lines).
CORPUS_FLOORS = {
    # rows 6 (p.5, faint bottom ruling) and 7 (p.6, tilted rulings) of the scanned IKU table
    # are found since the OCR grid reads rulings over a band and closes at the column rulings
    "andri__1505706907_iku_2017.pdf": {"iku": 1.0},
    # Tabel 3.1 over two pages: last year's column, the year's own Target | Realisasi | %
    # beside the progress against the Renstra's final target, a next page cut into an
    # extra column, the colour legend under the table
    "andri__LKIP_BP3IPTEK_2016_p39-40.pdf": {"performance": 1.0},
    "andri__1505370873_renstra_disbun_2013-2018_p36.pdf": {"staffing": 1.0},
    "andri__LAKIP_BKPD_2016.pdf": {"performance": 1.0, "budget": 1.0, "discrepancies": 0.08},
    "andri__1506671273_perjanjian_kinerja_2017_dir_fix.docx": {"performance": 1.0, "budget": 1.0},
    # Raised by the Renja plan tables (T-C.31 halves, T-C.32 'Besaran/Volume', T-C.33
    # prakiraan maju, bulleted targets): 159 → 216 of 320.
    "andri__08.RENJA_DISKOMINFO_2016.pdf": {"performance": 1.0, "budget": 0.97,
                                            "discrepancies": 0.0},
    # Raised by issue 11 items 2-3, second round: rows stacking k indicators and figures
    # split, a satuan column of figures under TARGET, bracketed capaian, years wrapped in
    # narrow header columns, 'Realisasi (%)' beside its own 'Capaian (%)' (BKPD, Renstra, HPU).
    # Raised by issue 11 item 2: monthly schedules (bulan_1..12), bare-year columns, the
    # row's other indicator column, letter-spaced and 'Tahun n' period headers.
    "ichien__Perjanjian_Kinerja_Eselon_II_2026.docx": {"performance": 1.0},
    # Raised: Lampiran pieces cut into fewer columns placed by position; kegiatan rows
    # with a blank indicator keep their targets.
    "andri__1507089123_renstra.pdf": {"performance": 0.95, "budget": 1.0, "staffing": 1.0,
                                      "iku": 1.0},
    # Raised: a year's realisasi beside the progress against the RPJMD target is also the
    # year's own record (Tabel 3.4).
    "andri__LKIP_2016_HPU_arial.pdf": {"performance": 1.0, "budget": 1.0},
    # Added with their gold (issue 11, gold2): measured 20/90 and 48/104 before any fix.
    # BPMPD's Renja evaluation form: a 'Tahun Lalu (n-2)' rate dated by its siblings, the
    # realisasi printed as '10 = (5+7+9)' the progress record's. Most of the rest is amounts
    # whose first digit the PDF sets apart ('5 00.000.000,00'), now joined (normalise/numbers).
    "andri__Rekapitulasi_Evaluasi_Hasil_Pelaksanaan_Renja_BPMPD.pdf": {"performance": 0.93,
                                                                       "discrepancies": 0.8},
    # Inspektorat Lampiran 1: a dated 'Eksisting' baseline, each year's Target | Realisasi
    # annual in a medium-term table, '100 (Hijau)'. Lampiran 1 (IKU) and 1c lose their outer
    # columns in the ruled-table extraction, hence no iku and no 1c record yet.
    "andri__LAMPIRAN_1_IKU_CAPAIAN_IK.pdf": {"performance": 0.74},
}


@pytest.fixture(scope="module")
def scores():
    return {s.doc[:3]: s for s in evaluate(FIXTURES / "gold", FIXTURES / "reports")}


@pytest.fixture(scope="module")
def corpus_scores():
    return {s.doc: s for s in evaluate(CORPUS_GOLD, FIXTURES / "corpus")}


@pytest.mark.parametrize("doc", sorted(FLOORS))
def test_share_of_gold_records_found(scores, doc):
    for section, floor in FLOORS[doc].items():
        share = scores[doc].sections[section].share
        assert share is not None and share >= floor, (doc, section, share)


def test_discrepancies_are_scored(scores):
    for s in scores.values():
        sec = s.sections["discrepancies"]
        assert sec.expected > 0 and 0 <= sec.found <= sec.expected


@pytest.mark.slow
@pytest.mark.parametrize("doc", sorted(CORPUS_FLOORS))
def test_corpus_share_of_gold_records_found(corpus_scores, doc):
    for section, floor in CORPUS_FLOORS[doc].items():
        share = corpus_scores[doc].sections[section].share
        assert share is not None and share >= floor, (doc, section, share)


@pytest.mark.slow
def test_every_corpus_gold_file_is_scored(corpus_scores):
    """A gold file dropped into the folder is picked up with no code change."""
    for gold_file in CORPUS_GOLD.glob("*.json"):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        score = corpus_scores[gold["doc"]]
        for name, sec in score.sections.items():
            assert sec.expected == len(gold.get(name, [])), (gold_file.name, name)


def test_corpus_gold_without_its_document_names_both(tmp_path):
    (tmp_path / "gold").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "gold" / "x.json").write_text(json.dumps({"doc": "missing.pdf"}))
    with pytest.raises(click.ClickException) as err:
        load_gold(tmp_path / "gold", tmp_path / "docs")
    assert "x.json" in err.value.message and str(tmp_path / "docs" / "missing.pdf") in err.value.message


def test_every_corpus_gold_file_has_its_document():
    assert load_gold(CORPUS_GOLD, FIXTURES / "corpus")


# The page-matching logic on small synthetic records.

def perf(page, target, **extra):
    return {"page": page, "line": None, "year": 2016, "target": target, "realisasi": None,
            "capaian_reported": None, **extra}


def row(page, target, **extra):
    return {"page": page, "line": None, "year": 2016, "measure": "annual", "target": target,
            "realisasi": None, "capaian_reported": None, **extra}


def test_a_record_matches_a_row_on_its_page_only():
    assert match_section("performance", [perf(5, 80)], [row(5, 80)]).found == 1
    assert match_section("performance", [perf(5, 80)], [row(6, 80)]).found == 0


def test_continued_pages_extend_a_record():
    assert match_section("performance", [perf(5, 80, continued_pages=[6])], [row(6, 80)]).found == 1


def test_a_row_split_over_a_page_break_is_on_both_pages():
    """Its own `page` says 5, but its source row has cells on page 6 too."""
    result = DocumentResult(document={}, tables={"source_tables": [
        {"table_id": "t", "cells": [[{"text": "Kegiatan A", "page": 5}, {"text": "80", "page": 6}]]}
    ]})
    prov = provenance(result)
    assert match_section("performance", [perf(6, 80)], [row(5, 80, table_id="t", row_no=1)],
                         prov).found == 1
    assert match_section("performance", [perf(7, 80)], [row(5, 80, table_id="t", row_no=1)],
                         prov).found == 0


def test_one_row_cannot_satisfy_two_records():
    score = match_section("performance", [perf(5, 80), perf(5, 80)], [row(5, 80)])
    assert (score.found, score.expected, len(score.misses)) == (1, 2, 1)


def test_matching_does_not_depend_on_record_order():
    """A record whose measure kinerja does not know can take either row; the annual one needs
    the annual row, and both are found whichever comes first."""
    loose = perf(5, 80, measure="renja_target")
    strict = perf(5, 80, measure="annual")
    rows = [row(5, 80), row(5, 80, measure="renstra_target")]
    assert match_section("performance", [loose, strict], rows).found == 2
    assert match_section("performance", [strict, loose], rows).found == 2


def test_docx_records_match_without_a_page():
    docx = perf(None, 80)
    assert match_section("performance", [docx], [row(None, 80, line=12)]).found == 1
    assert match_section("performance", [docx], [row(None, 81, line=12)]).found == 0


def test_numbers_year_and_known_measure_must_agree():
    assert match_section("performance", [perf(5, 80)], [row(5, 80, year=2015)]).found == 0
    assert match_section("performance", [perf(5, 80, measure="history")], [row(5, 80)]).found == 0
    # a gold measure kinerja does not emit is not held against a row
    assert match_section("performance", [perf(5, 80, measure="renja_target")],
                         [row(5, 80)]).found == 1
    # a Renja's forward estimate kinerja now records as 'prakiraan_maju', so it is compared
    assert match_section("performance", [perf(5, 80, measure="prakiraan_maju")],
                         [row(5, 80)]).found == 0
    # 'capaian_sasaran' kinerja now emits (a 'Capaian Sasaran' column), so it is compared
    assert kinerja_measure("capaian_sasaran") == "capaian_sasaran"


def test_gold_measure_names_map_to_kinerja_only_for_the_same_concept():
    assert kinerja_measure("proyeksi") == "renstra_target"
    assert kinerja_measure("triwulan_II") == "triwulan_2"
    assert kinerja_measure("plan") == "annual"  # a Renja's target for its plan year
    assert kinerja_measure("prakiraan_maju") == "prakiraan_maju"
    assert kinerja_measure("renja_target") is None


def test_line_records_match_by_line_as_before():
    rec = {"line": 40, "target": 80, "realisasi": None, "capaian_reported": None,
           "continued_from_lines": [41]}
    assert match_section("performance", [rec], [row(None, 80, line=41)]).found == 1
    assert match_section("performance", [rec], [row(None, 80, line=42)]).found == 0


def test_iku_definitions_match_by_text():
    gold = [{"page": 5, "line": None, "indicator": "Jumlah X",
             "definition": "Jumlah  Infrastruktur TIK sesuai Standar", "formula": None}]
    near = {"page": 5, "definition": "jumlah infrastruktur TIK sesuai standar.", "formula": None}
    other = {"page": 5, "definition": "Persentase penerapan dokumen kebijakan", "formula": None}
    assert match_section("iku", gold, [near]).found == 1
    assert match_section("iku", gold, [other]).found == 0


def test_discrepancies_match_a_mismatch_on_their_page_through_its_line():
    gold = [{"page": 46, "line": None, "reported": 103, "recomputed": 98.7805}]
    check = {"status": "mismatch", "page": None, "line": 3, "reported": 103.0,
             "recomputed": 98.780488}
    assert flagged(gold, [check], Provenance(line_pages=(45, 45, 46))).found == 1
    assert flagged(gold, [check], Provenance(line_pages=(45, 45, 47))).found == 0


def test_short_name_drops_source_prefix_and_extension():
    assert short_name("andri__LAKIP_BKPD_2016.pdf") == "LAKIP_BKPD_2016"
    assert len(short_name("andri__" + "x" * 80 + ".docx")) == 32
