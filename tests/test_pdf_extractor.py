"""PDF input: ruled tables with pages, column compaction, real agency PDFs."""

from functools import cache
from pathlib import Path

import pytest

from extractors.pdf import PdfError, compact, extract, tesseract_available
from pipeline.run import process_document

REAL = Path(__file__).parent / "fixtures" / "real_docs"


@cache
def real(name: str):
    return process_document(REAL / name)


def test_compact_drops_slivers_and_merges_shifted_columns():
    grid = [
        ["", "NO", "", "SASARAN", "", "TARGET"],
        ["", "1", "", "2", "", "3"],
        ["1.", "", "", "Meningkatnya", "", "45%"],
        ["", "", "", "", "", ""],
    ]
    assert compact(grid) == [
        ["NO", "SASARAN", "TARGET"], ["1", "2", "3"], ["1.", "Meningkatnya", "45%"], ["", "", ""],
    ]


def test_compact_keeps_two_named_columns_apart():
    grid = [["Proyeksi", "", "Catatan"], ["Tahun 2024", "Tahun 2025", ""], ["81,35", "81,40", ""]]
    assert compact(grid) == grid


def test_compact_keeps_columns_that_share_a_row():
    grid = [["a", "b"], ["", "c"], ["d", ""]]
    assert compact(grid) == grid


def test_corrupt_pdf_names_the_file(tmp_path):
    bad = tmp_path / "rusak.pdf"
    bad.write_bytes(b"%PDF-1.4 not really")
    with pytest.raises(PdfError, match="rusak.pdf"):
        extract(bad)


def test_corrupt_pdf_fails_only_itself(tmp_path):
    bad = tmp_path / "rusak.pdf"
    bad.write_bytes(b"garbage")
    result = process_document(bad)
    assert result.document["status"] == "failed" and "rusak.pdf" in result.document["error"]


def test_perjanjian_kinerja_2016_pdf():
    result = real("07_PK_2016_Kepala_BPMPD_Prov_Jabar.pdf")
    doc = result.document
    assert doc["status"] == "ok" and doc["doc_type"] == "PK" and doc["fiscal_year"] == 2016
    assert doc["n_pages"] == 3
    (table,) = result.tables["source_tables"]
    assert table["kind"] == "perjanjian_kinerja" and table["page_start"] == 2
    assert table["header"] == ["NO", "SASARAN STRATEGIS", "INDIKATOR KINERJA", "TARGET"]
    perf = result.tables["performance"]
    assert len(perf) == 12 and all(p["page"] == 2 for p in perf)
    gotong = next(p for p in perf if "Gotong Royong" in p["indicator"])
    assert gotong["target"] == 47.08 and gotong["target_text"] == "47,08%"
    assert gotong["sasaran"].startswith("Meningkatnya Kapasitas Kelemba")


def test_lkip_2016_budget_realisation_pages():
    result = real("01_LKIP_2016_BPMPD_Prov_Jabar.pdf")
    assert result.document["status"] == "ok" and result.document["n_pages"] == 73
    budget = result.tables["budget"]
    belanja = next(b for b in budget if b["name"] == "BELANJA LANGSUNG")
    # printed '37.664.381200,00': a typo in the digit groups, still one number
    assert belanja["pagu"] == 37664381200 and belanja["page"] == 27
    assert belanja["capaian_reported"] == 87.7
    kinds = {t["kind"] for t in result.tables["source_tables"]}
    assert {"perjanjian_kinerja", "realisasi_anggaran"} <= kinds


def test_scanned_page_is_reported_not_silently_skipped():
    result = real("04_LKIP_2016_Disnakertrans_Prov_Jabar.pdf")
    assert result.document["status"] == "partial"
    warning = " ".join(result.document["warnings"])
    assert "no text layer" in warning and "pages 1" in warning and "04_LKIP" in warning


@pytest.mark.skipif(not tesseract_available(), reason="tesseract with Indonesian data not installed")
def test_scanned_cover_is_read_by_ocr():
    doc = extract(REAL / "04_LKIP_2016_Disnakertrans_Prov_Jabar.pdf")
    cover = [line for line, page in zip(doc.lines, doc.line_pages, strict=True) if page == 1]
    assert any("LAPORAN KINERJA" in line for line in cover)
    assert "read by OCR" in doc.warnings[0]
