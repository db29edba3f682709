"""Ruled grids found in a scanned page image: small synthetic images, no Tesseract."""

from __future__ import annotations

import numpy as np
import pytest

cv2 = pytest.importorskip("cv2")

from extractors import ocr  # noqa: E402
from extractors.ocr import find_grids  # noqa: E402

W, H = 1200, 900
XS = [100, 400, 700, 1100]


def _page() -> np.ndarray:
    return np.full((H, W), 255, np.uint8)


def _columns(img: np.ndarray, top: int, bottom: int) -> None:
    for x in XS:
        cv2.line(img, (x, top), (x, bottom), 0, 2)


def test_a_ruling_tilted_over_a_few_pixel_rows_is_still_one_ruling() -> None:
    img = _page()
    _columns(img, 100, 500)
    for y in (100, 500):
        cv2.line(img, (XS[0], y), (XS[-1], y), 0, 2)
    # Each of these rulings drifts 3 pixels over the width: no single pixel row holds
    # half of it, as on a scan the deskew left a fraction of a degree off.
    for y in (180, 340):
        for i, x in enumerate(range(XS[0], XS[-1], 250)):
            cv2.line(img, (x, y + i % 4), (min(x + 250, XS[-1]), y + i % 4), 0, 1)
    (grid,) = find_grids(img)
    assert len(grid.ys) == 4 and abs(grid.ys[1] - 181) <= 4 and abs(grid.ys[2] - 341) <= 4


def test_a_faint_last_ruling_is_closed_where_the_column_rulings_end() -> None:
    img = _page()
    _columns(img, 100, 700)
    for y in (100, 300, 500):
        cv2.line(img, (XS[0], y), (XS[-1], y), 0, 2)
    cv2.line(img, (XS[0], 700), (XS[1], 700), 0, 2)  # the bottom ruling printed only in part
    (grid,) = find_grids(img)
    assert len(grid.ys) == 4 and abs(grid.ys[-1] - 700) <= 4
    # A grid whose column rulings stop at its last ruling gains no row.
    img = _page()
    _columns(img, 100, 500)
    for y in (100, 300, 500):
        cv2.line(img, (XS[0], y), (XS[-1], y), 0, 2)
    (grid,) = find_grids(img)
    assert len(grid.ys) == 3


def test_a_speck_after_a_label_is_dropped_but_a_figure_keeps_its_point() -> None:
    assert ocr._clean_cell("PEMERINTAHAN DAERAH KABUPATEN/KOTA.") == \
        "PEMERINTAHAN DAERAH KABUPATEN/KOTA"
    assert ocr._clean_cell("| Kecamatan,") == "Kecamatan"
    assert ocr._clean_cell("1.234.") == "1.234."
    assert ocr._clean_cell("(81,25") == "81,25"


def test_a_cell_reads_top_to_bottom_whatever_tesseracts_block_order() -> None:
    """Tesseract listed the wrapped name's second printed line (another layout block) first."""
    tail = [ocr.Word("Dokumen", 120, 340, (3, 1, 1)), ocr.Word("Perencanaan", 200, 340, (3, 1, 1))]
    head = [ocr.Word("Persentase", 120, 310, (2, 1, 1)), ocr.Word("Ketepatan", 210, 310, (2, 1, 1))]
    same_line_split = [ocr.Word("Waktu", 300, 313, (4, 1, 1))]
    grid = ocr.Grid(xs=[100, 400], ys=[300, 360])
    assert ocr._grid_cells(grid, tail + same_line_split + head) == [
        ["Persentase Ketepatan Waktu Dokumen Perencanaan"]]


def test_a_numeric_cell_is_cut_to_its_figure_without_ruling_remnants() -> None:
    cell = np.full((60, 100), 225, np.uint8)  # grainy light background
    cell[1, :] = 40  # a ruling's remnant inside the inset (dark, the whole width)
    cell[4, 5:95:3] = 100  # a dotted, skewed remnant
    cell[20:35, 10:40] = 20  # the figure
    line = ocr._text_line(cell)
    assert line.shape == (15 + 2 * ocr.MARGIN, 30 + 2 * ocr.MARGIN)
    inner = line[ocr.MARGIN:-ocr.MARGIN, ocr.MARGIN:-ocr.MARGIN]
    assert (inner == 20).all() and (line[:ocr.MARGIN] == 255).all()


def test_a_figure_wrapped_over_two_lines_keeps_both() -> None:
    cell = np.full((80, 60), 255, np.uint8)
    cell[10:22, 5:50:4] = 0  # glyph strokes, never one unbroken run
    cell[26:38, 5:30:4] = 0  # its second line, a small gap below
    assert ocr._text_line(cell).shape[0] == 28 + 2 * ocr.MARGIN
