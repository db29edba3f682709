"""OCR that scales (issue 12, item 3): two Tesseract runs per page whatever its number of
figures, each numeric cell still read on its own, and a page read once is read from the
cache the next time — with the same result."""

from __future__ import annotations

import subprocess
from functools import cache
from pathlib import Path

import pytest

from extractors import ocr
from extractors.pdf import tesseract_available
from pipeline.settings import current

SCAN = Path(__file__).parent / "fixtures" / "scanned" / "003_scan_tabel_2_1_2_2.pdf"
# OCR of real page images: part of `make test`, skipped by `make test-fast`
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not tesseract_available(),
                                 reason="tesseract with Indonesian data not installed")]


@cache
def page_image():
    import pdfplumber

    with pdfplumber.open(SCAN) as pdf:
        return pdf.pages[0].to_image(resolution=current().pdf.ocr_resolution).original.copy()


def _one_line(image, tmp: Path) -> str:
    """One numeric cell read by its own Tesseract process, as before issue 12."""
    from PIL import Image

    Image.fromarray(image).save(tmp / "one.png")
    return subprocess.run(["tesseract", str(tmp / "one.png"), "stdout", "--psm", "7", "-c",
                           f"tessedit_char_whitelist={ocr.DIGITS}"], capture_output=True,
                          text=True, env=ocr._environment()).stdout.strip()


def test_cells_read_together_as_each_alone(tmp_path):
    import numpy as np

    gray = ocr._deskew(np.array(page_image().convert("L")))
    grids = ocr.find_grids(gray)
    from PIL import Image

    Image.fromarray(gray).save(tmp_path / "page.png")
    words = ocr.ocr_words(tmp_path / "page.png")
    crops = ocr._numeric_crops(gray, [(g, ocr._grid_cells(g, words)) for g in grids])
    assert len(crops) >= 20
    together = ocr._read_lines([im for *_, im in crops], tmp_path)
    assert together == [_one_line(im, tmp_path) for *_, im in crops]


def test_two_tesseract_runs_per_page_then_none(monkeypatch, tmp_path):
    monkeypatch.setenv(ocr.CACHE_ENV, str(tmp_path))
    runs = []
    real = subprocess.run

    def counting(cmd, *args, **kwargs):
        runs.append(cmd)
        return real(cmd, *args, **kwargs)

    ocr._tesseract_version()  # asked once per process, not per page
    monkeypatch.setattr(ocr.subprocess, "run", counting)
    cold = ocr.read_page(page_image())
    assert len(runs) == 2 and all(r[0] == "tesseract" for r in runs)
    assert list(tmp_path.rglob("*.json"))
    warm = ocr.read_page(page_image())
    assert len(runs) == 2
    assert warm == cold
    assert any(kind == "table" for _, kind, _ in cold)


def test_unwritable_cache_costs_only_speed(monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv(ocr.CACHE_ENV, str(blocker))  # ocr/ under a file: cannot be created
    items = [(1, "line", "a"), (2.5, "table", [["1", "2"]])]
    path = ocr._cache_path(page_image())
    ocr._cache_put(path, items)
    assert ocr._cache_get(path) is None


def test_tesseract_single_threaded_unless_asked(monkeypatch):
    monkeypatch.delenv("OMP_THREAD_LIMIT", raising=False)
    assert ocr._environment()["OMP_THREAD_LIMIT"] == "1"
    monkeypatch.setenv("OMP_THREAD_LIMIT", "4")
    assert ocr._environment()["OMP_THREAD_LIMIT"] == "4"
