"""OCR that scales (issue 12, item 3): one page pass and one pass over the numeric cells per
page whatever its number of figures, each numeric cell still read on its own, in-process
through the binding where installed, and a page read once is read from the cache the next
time — with the same result."""

from __future__ import annotations

import subprocess
from functools import cache
from pathlib import Path

import pytest

from extractors import ocr, tesseract
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
                          text=True, env=tesseract.environment()).stdout.strip()


@cache
def numeric_crops():
    import numpy as np

    gray = ocr._deskew(np.array(page_image().convert("L")))
    words = ocr.ocr_words(ocr_image(gray), current().pdf.ocr_resolution)
    crops = ocr._numeric_crops(gray, [(g, ocr._grid_cells(g, words)) for g in ocr.find_grids(gray)])
    return [im for *_, im in crops]


def ocr_image(gray):
    from PIL import Image

    return Image.fromarray(gray)


@pytest.mark.skipif(not tesseract._program_usable(), reason="no tesseract program")
def test_the_program_reads_cells_together_as_each_alone(tmp_path):
    crops = numeric_crops()
    assert len(crops) >= 20
    together = tesseract.ProgramEngine().read_lines(crops)
    assert together == [_one_line(im, tmp_path) for im in crops]


@pytest.mark.skipif(not (tesseract._binding_usable() and tesseract._program_usable()),
                    reason="needs both the binding and the program")
def test_the_binding_reads_the_cells_as_the_program_does():
    crops = numeric_crops()
    assert tesseract.BindingEngine(tesseract.tessdata_dir()).read_lines(crops) == \
        tesseract.ProgramEngine().read_lines(crops)


def test_one_page_pass_and_one_cell_pass_per_page_then_none(monkeypatch, tmp_path):
    monkeypatch.setenv(ocr.CACHE_ENV, str(tmp_path))
    engine = tesseract.engine()
    calls = []
    for name in ("page_rows", "read_lines"):
        real = getattr(engine, name)

        def counting(*args, _real=real, _name=name):
            calls.append(_name)
            return _real(*args)

        monkeypatch.setattr(engine, name, counting)
    cold = ocr.read_page(page_image(), current().pdf.ocr_resolution)
    assert calls == ["page_rows", "read_lines"]
    assert list(tmp_path.rglob("*.json"))
    warm = ocr.read_page(page_image(), current().pdf.ocr_resolution)
    assert len(calls) == 2
    assert warm == cold
    assert any(kind == "table" for _, kind, _ in cold)


def test_unwritable_cache_costs_only_speed(monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv(ocr.CACHE_ENV, str(blocker))  # ocr/ under a file: cannot be created
    items = [(1, "line", "a"), (2.5, "table", [["1", "2"]])]
    path = ocr._cache_path(page_image(), current().pdf.ocr_resolution)
    ocr._cache_put(path, items)
    assert ocr._cache_get(path) is None


def test_tesseract_single_threaded_unless_asked(monkeypatch):
    monkeypatch.delenv("OMP_THREAD_LIMIT", raising=False)
    assert tesseract.environment()["OMP_THREAD_LIMIT"] == "1"
    monkeypatch.setenv("OMP_THREAD_LIMIT", "4")
    assert tesseract.environment()["OMP_THREAD_LIMIT"] == "4"
