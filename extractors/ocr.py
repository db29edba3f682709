"""Scanned pages: text lines and ruled tables from the page image.

A scan has no text layer and no cell structure, but a ruled Word table survives scanning
as lines. The page is straightened (the skew of its longest horizontal rulings), the
rulings are found with morphological filters (OpenCV), and the rows and columns between
them become the cell grid; one Tesseract pass (Indonesian + English, TSV) gives every word
with its box, and each word goes to the cell its centre falls in. Words outside the tables
are the page's text lines. One Tesseract call per page keeps a long scan affordable.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

LANGUAGES = "ind+eng"
MIN_TABLE_WIDTH = 0.3  # of the page width: smaller boxes are not tables
LINE_GAP = 4  # pixels: ruling rows closer than this are one ruling


@dataclass
class Word:
    text: str
    x: float  # centre
    y: float
    line_key: tuple[int, int, int]  # Tesseract block, paragraph, line


@dataclass
class Grid:
    xs: list[int]  # column boundaries, left to right
    ys: list[int]  # row boundaries, top to bottom
    walls: list[list[bool]] | None = None  # walls[r][j]: a ruling between column j-1 and j in row r

    def spans(self, r: int) -> list[tuple[int, int]]:
        """Column ranges [start, end) of the cells of row r (merged cells span several)."""
        n = len(self.xs) - 1
        if not self.walls:
            return [(c, c + 1) for c in range(n)]
        out, start = [], 0
        for j in range(1, n):
            if self.walls[r][j]:
                out.append((start, j))
                start = j
        out.append((start, n))
        return out

    @property
    def box(self) -> tuple[int, int, int, int]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]

    def contains(self, x: float, y: float) -> bool:
        x0, y0, x1, y1 = self.box
        return x0 <= x <= x1 and y0 <= y <= y1


def _deskew(gray: np.ndarray) -> np.ndarray:
    import cv2

    inverted = 255 - gray
    binary = cv2.threshold(inverted, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)[1]
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (max(20, gray.shape[1] // 25), 1))
    lines = cv2.morphologyEx(binary, cv2.MORPH_OPEN, kernel)
    contours, _ = cv2.findContours(lines, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    angles = []
    for contour in sorted(contours, key=lambda c: -cv2.arcLength(c, False))[:20]:
        vx, vy, _, _ = cv2.fitLine(contour, cv2.DIST_L2, 0, 0.01, 0.01).flatten()
        if abs(vx) > 0.9:
            angles.append(float(np.degrees(np.arctan2(vy, vx))))
    if not angles:
        return gray
    angle = float(np.median(angles))
    if abs(angle) < 0.05:
        return gray
    h, w = gray.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, matrix, (w, h), flags=cv2.INTER_CUBIC, borderValue=255)


def _runs(profile: np.ndarray, threshold: float) -> list[int]:
    """Centres of runs where the profile exceeds the threshold."""
    centres, start = [], None
    for i, value in enumerate(profile):
        if value >= threshold and start is None:
            start = i
        elif value < threshold and start is not None:
            centres.append((start + i - 1) // 2)
            start = None
    if start is not None:
        centres.append((start + len(profile) - 1) // 2)
    merged: list[int] = []
    for c in centres:
        if merged and c - merged[-1] <= LINE_GAP:
            merged[-1] = (merged[-1] + c) // 2
        else:
            merged.append(c)
    return merged


def find_grids(gray: np.ndarray) -> list[Grid]:
    import cv2

    binary = cv2.adaptiveThreshold(255 - gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C,
                                   cv2.THRESH_BINARY, 15, -2)
    h, w = binary.shape
    horizontal = cv2.morphologyEx(binary, cv2.MORPH_OPEN,
                                  cv2.getStructuringElement(cv2.MORPH_RECT, (max(20, w // 30), 1)))
    vertical = cv2.morphologyEx(binary, cv2.MORPH_OPEN,
                                cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(15, h // 80))))
    mask = cv2.dilate(horizontal | vertical, np.ones((3, 3), np.uint8))
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    grids = []
    for contour in contours:
        x, y, cw, ch = cv2.boundingRect(contour)
        if cw < w * MIN_TABLE_WIDTH or ch < 20:
            continue
        ys = _runs(horizontal[y:y + ch, x:x + cw].sum(axis=1) / 255, cw * 0.5)
        xs = _runs(vertical[y:y + ch, x:x + cw].sum(axis=0) / 255, ch * 0.15)
        if len(ys) >= 3 and len(xs) >= 3:
            gx, gy = [x + v for v in xs], [y + v for v in ys]
            grids.append(Grid(gx, gy, _walls(vertical, gx, gy)))
    return sorted(grids, key=lambda g: g.ys[0])


def _walls(vertical: np.ndarray, xs: list[int], ys: list[int]) -> list[list[bool]]:
    """Whether each inner column boundary is ruled within each row band."""
    walls = []
    for r in range(len(ys) - 1):
        top, bottom = ys[r] + 2, max(ys[r] + 3, ys[r + 1] - 2)
        row = [True]
        for x in xs[1:-1]:
            band = vertical[top:bottom, max(0, x - 3):x + 4]
            ruled = band.any(axis=1).mean() if band.size else 0.0
            row.append(ruled > 0.6)
        walls.append(row)
    return walls


def ocr_words(image_path: Path) -> list[Word]:
    out = subprocess.run(
        ["tesseract", str(image_path), "stdout", "-l", LANGUAGES, "--psm", "3", "tsv"],
        capture_output=True, text=True, timeout=600,
    ).stdout
    words = []
    for row in csv.DictReader(io.StringIO(out), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if not text.strip(RULING_MARKS) or row.get("conf") in (None, "-1"):
            continue
        left, top, width = float(row["left"]), float(row["top"]), float(row["width"])
        key = (int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))
        y = top + float(row["height"]) / 2
        # 'Masyarakat|81,25': two cells' words read as one across the ruling between them.
        offset = 0
        for part in text.split("|"):
            if part.strip(RULING_MARKS):
                centre = (offset + len(part) / 2) / max(1, len(text))
                words.append(Word(part, left + width * centre, y, key))
            offset += len(part) + 1
    return words


RULING_MARKS = "|[]{}"


def _clean_cell(text: str) -> str:
    """Rulings next to a word are read as '|', '[' or an unmatched '(': drop them."""
    text = "".join(ch for ch in text if ch not in RULING_MARKS).strip()
    if text.startswith("(") and ")" not in text:
        text = text[1:]
    if text.endswith(")") and "(" not in text:
        text = text[:-1]
    return " ".join(text.split())


NUMERIC_CELL = re.compile(r"^[\d.,%\s()\-]*\d[\d.,%\s()\-]*$")
DIGITS = "0123456789.,%-()"


def _reread_numbers(gray: np.ndarray, grid: Grid, cells: list[list[str]], tmp: Path) -> None:
    """Figures are where OCR errs most and matters most: crop each numeric cell and read it
    again as a single line restricted to digits and separators."""
    from PIL import Image

    for r, row in enumerate(cells):
        for c, text in enumerate(row):
            if not text or not NUMERIC_CELL.match(text):
                continue
            x0, x1 = grid.xs[c] + 3, grid.xs[c + 1] - 3
            y0, y1 = grid.ys[r] + 3, grid.ys[r + 1] - 3
            if x1 - x0 < 8 or y1 - y0 < 8:
                continue
            path = tmp / f"cell_{r}_{c}.png"
            Image.fromarray(gray[y0:y1, x0:x1]).save(path)
            out = subprocess.run(
                ["tesseract", str(path), "stdout", "--psm", "7", "-c",
                 f"tessedit_char_whitelist={DIGITS}"],
                capture_output=True, text=True, timeout=60,
            ).stdout.strip()
            if out and NUMERIC_CELL.match(out):
                row[c] = out


def _cell_index(bounds: list[int], value: float) -> int | None:
    for i in range(len(bounds) - 1):
        if bounds[i] <= value < bounds[i + 1]:
            return i
    return None


def _grid_cells(grid: Grid, words: list[Word]) -> list[list[str]]:
    """Each word into the cell its centre falls in; a merged cell's words to its first column."""
    cells = [["" for _ in grid.xs[:-1]] for _ in grid.ys[:-1]]
    for word in words:
        if grid.contains(word.x, word.y):
            r, c = _cell_index(grid.ys, word.y), _cell_index(grid.xs, word.x)
            if r is not None and c is not None:
                cells[r][c] = f"{cells[r][c]} {word.text}".strip()
    for r, row in enumerate(cells):
        for start, end in grid.spans(r):
            if end - start > 1:
                joined = " ".join(t for t in row[start:end] if t)
                row[start:end] = [joined] + [""] * (end - start - 1)
    return cells


def read_page(image) -> list[tuple[float, str, object]]:
    """(top, 'line', text) and (top, 'table', rows of cell texts) items of one page image."""
    gray = _deskew(np.array(image.convert("L")))
    grids = find_grids(gray)
    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = Path(tmp_dir)
        from PIL import Image

        Image.fromarray(gray).save(tmp / "page.png")
        words = ocr_words(tmp / "page.png")
        tables = [(grid, _grid_cells(grid, words)) for grid in grids]
        for grid, cells in tables:
            _reread_numbers(gray, grid, cells, tmp)
    items: list[tuple[float, str, object]] = []
    for grid, cells in tables:
        rows = [[_clean_cell(c) for c in row] for row in cells]
        rows = [row for row in rows if any(row)]
        if rows:
            items.append((grid.ys[0], "table", rows))
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        if not any(g.contains(word.x, word.y) for g in grids):
            lines.setdefault(word.line_key, []).append(word)
    for group in lines.values():
        group.sort(key=lambda w: w.x)
        items.append((min(w.y for w in group), "line", " ".join(w.text for w in group)))
    return sorted(items, key=lambda i: i[0])
