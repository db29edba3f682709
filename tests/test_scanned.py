"""A scanned page (rasterised at 200 dpi, skewed, grainy): its tables land through OCR."""

from functools import cache
from pathlib import Path

import pytest

from extractors.pdf import tesseract_available
from pipeline.run import process_document

SCAN = Path(__file__).parent / "fixtures" / "scanned" / "003_scan_tabel_2_1_2_2.pdf"
# OCR of real page images: part of `make test`, skipped by `make test-fast`
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not tesseract_available(),
                                 reason="tesseract with Indonesian data not installed")]

# Tabel 2.1 of the 003 report, as the gold fixture records it (pagu, realisasi, capaian).
TABEL_2_1 = {
    "PROGRAM PENYELENGGARAAN PEMERINTAHAN DAN PELAYANAN PUBLIK": (680000000, 128331250, 18.87),
    "PROGRAM PEMBERDAYAAN MASYARAKAT DESA DAN KELURAHAN": (13667014000, 5368082925, 39.28),
    "PROGRAM KOORDINASI KETENTRAMAN DAN KETERTIBAN UMUM": (565000000, 80020000, 14.16),
    "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA": (18275762000, 8917170657, 48.97),
    "TOTAL": (33187776000, 14493604832, 43.67),
}


@cache
def scanned():
    return process_document(SCAN)


def test_scan_is_partial_and_says_why():
    doc = scanned().document
    assert doc["status"] == "partial"
    assert "read by OCR" in doc["warnings"][0] and "pages 1" in doc["warnings"][0]


def test_scanned_tables_are_captioned_and_classified():
    tables = {t["label"]: t for t in scanned().tables["source_tables"]}
    assert tables["Tabel 2.1"]["kind"] == "realisasi_anggaran"
    assert tables["Tabel 2.1"]["header"][2:] == ["Anggaran Pagu", "Anggaran Realisasi",
                                                 "Anggaran Capaian (%)"]
    assert tables["Tabel 2.2"]["kind"] == "capaian_kinerja"


def test_scanned_budget_figures():
    got = {b["name"]: (b["pagu"], b["realisasi"], b["capaian_reported"])
           for b in scanned().tables["budget"]}
    assert got == {name: tuple(map(float, f)) for name, f in TABEL_2_1.items()}
    assert all(b["page"] == 1 for b in scanned().tables["budget"])


def test_scanned_performance_figures():
    got = {p["indicator"]: (p["target"], p["realisasi"], p["capaian_reported"])
           for p in scanned().tables["performance"]}
    assert got == {
        "Indeks Kepuasan Masyarakat Kecamatan": (81.25, None, 0.0),
        "Nilai SAKIP Kecamatan Balikpapan Utara": (74.75, 70.38, 94.15),
    }


def test_scanned_discrepancy_is_found_and_nothing_else():
    flagged = [c for c in scanned().tables["checks"] if c["status"] == "mismatch"]
    assert [(c["kind"], c["reported"]) for c in flagged] == [("budget_capaian", 48.97)]
    assert abs(flagged[0]["recomputed"] - 48.79) < 0.01
