"""Scanned pages: text lines and ruled tables from the page image.

A scan has no text layer and no cell structure, but a ruled Word table survives scanning
as lines. The page is straightened (the skew of its longest horizontal rulings), the
rulings are found with morphological filters (OpenCV), and the rows and columns between
them become the cell grid; one Tesseract pass (Indonesian + English, TSV) gives every word
with its box, and each word goes to the cell its centre falls in. Words outside the tables
are the page's text lines.

Scaling (issue 12): a page costs one Tesseract page pass and one pass over its numeric
cells whatever its number of figures (each crop is still read on its own as one line of
digits). Tesseract runs in this process through its binding where installed, models loaded
once per process (extractors/tesseract.py), single-threaded unless the user set
`OMP_THREAD_LIMIT`. Results are cached on disk by a hash of the page image (and the engine and
its settings), so re-reading a scanned report costs no OCR.

Where a scanned page's time goes (the scan fixture, a dense page of ~6,600 characters, CPU):
the page pass 4.7 s with the binding's Tesseract 5.5 (6.3 s with Debian's 5.3 program), the
model load 0.43 s once per process, rendering, deskew and rulings 0.43 s, the numeric cells
0.16 s. Recognition is ~0.9 ms of CPU per character on this machine's cores; lower
resolution, `--psm 6` and binarising together bring the page pass to 2.7 s but cost figures,
and Indonesian alone saves 8 %, so they are not used.

Why Tesseract and not PP-OCR (RapidOCR 1.4.4, its bundled PP-OCRv4 models on onnxruntime,
one thread; measured for issue 12): recognition costs ~0.11 ms of CPU per pixel column of
the 48-pixel-high line image, so a page of prose costs more than Tesseract's pass (the
scan fixture: 13.5 s against 7.8 s, 27.7 s with detection at full resolution; reading only
the table cells, 3.8 s against Tesseract's 2.3 s on the same table regions). Its Chinese
recognition model also drops the spaces between Latin words of small print
('PROGRAMPEMBERDAYAANMASYARAKAT...') and, at a 32-pixel line height, reads '48,97' as
'48.97': on the fixture's 48 table cells it got 33-37 right, Tesseract 47.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from extractors import tesseract
from extractors.tesseract import DIGITS, LANGUAGES

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


def _spans(mask: np.ndarray) -> list[tuple[int, int]]:
    """Runs [start, end) of consecutive True in a 1-d mask."""
    spans, start = [], None
    for i, on in enumerate(mask):
        if on and start is None:
            start = i
        elif not on and start is not None:
            spans.append((start, i))
            start = None
    if start is not None:
        spans.append((start, len(mask)))
    return spans


def _runs(profile: np.ndarray, threshold: float) -> list[int]:
    """Centres of runs where the profile exceeds the threshold."""
    centres = [(start + end - 1) // 2 for start, end in _spans(profile >= threshold)]
    merged: list[int] = []
    for c in centres:
        if merged and c - merged[-1] <= LINE_GAP:
            merged[-1] = (merged[-1] + c) // 2
        else:
            merged.append(c)
    return merged


RULE_BAND = 5  # pixel rows: a ruling a scan tilts over this many rows is still one ruling
MIN_ROW = 20  # pixels: a grid row lower than this holds no text line


def _band_coverage(horizontal: np.ndarray) -> np.ndarray:
    """How much of the width a ruling covers at each row, counting a pixel column as ruled
    when any row of a RULE_BAND-high band is: a scanned ruling tilted by a pixel or two
    spreads over neighbouring rows, none of which alone reaches across half the table."""
    import cv2

    banded = cv2.dilate(horizontal, np.ones((RULE_BAND, 1), np.uint8))
    return banded.sum(axis=1) / 255


def _closed_below(ys: list[int], vertical: np.ndarray, xs: list[int]) -> list[int]:
    """A last row whose bottom ruling printed too faint to count still ends where the
    column rulings end: where most of them stop, well below the last ruling, the grid closes."""
    if len(ys) < 2 or len(xs) < 3:
        return ys
    bottoms = []
    for x in xs:
        ruled = np.flatnonzero(vertical[:, max(0, x - 3):x + 4].any(axis=1))
        if ruled.size:
            bottoms.append(int(ruled[-1]))
    if len(bottoms) < len(xs) // 2 + 1:
        return ys
    bottom = sorted(bottoms)[len(bottoms) // 2]
    return [*ys, bottom] if bottom - ys[-1] > MIN_ROW else ys


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
        ys = _runs(_band_coverage(horizontal[y:y + ch, x:x + cw]), cw * 0.5)
        xs = _runs(vertical[y:y + ch, x:x + cw].sum(axis=0) / 255, ch * 0.15)
        ys = _closed_below(ys, vertical[y:y + ch, x:x + cw], xs)
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


def ocr_words(image, dpi: int) -> list[Word]:
    """Every word of the page image (rendered at `dpi`) with its centre and its Tesseract line."""
    words = []
    for row in tesseract.engine().page_rows(image, dpi):
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
    """Rulings next to a word are read as '|', '[' or an unmatched '(': drop them. A speck
    of scan grain after a cell's last word is read as '.' or ',': a table label does not
    end a sentence, so a label's trailing stop goes too (figures keep theirs)."""
    text = "".join(ch for ch in text if ch not in RULING_MARKS).strip()
    if text.startswith("(") and ")" not in text:
        text = text[1:]
    if text.endswith(")") and "(" not in text:
        text = text[:-1]
    if text[-1:] in ".," and text[-2:-1].isalpha():
        text = text[:-1]
    return " ".join(text.split())


NUMERIC_CELL = re.compile(r"^[\d.,%\s()\-]*\d[\d.,%\s()\-]*$")


Crop = tuple[list[str], int, np.ndarray]  # a table's row of cell texts, the column, the image


def _numeric_crops(gray: np.ndarray, tables: list[tuple[Grid, list[list[str]]]]) -> list[Crop]:
    """The inside of every numeric cell of the page's tables (rulings trimmed off)."""
    crops = []
    for grid, cells in tables:
        for r, row in enumerate(cells):
            for c, text in enumerate(row):
                if not text or not NUMERIC_CELL.match(text):
                    continue
                x0, x1 = grid.xs[c] + 3, grid.xs[c + 1] - 3
                y0, y1 = grid.ys[r] + 3, grid.ys[r + 1] - 3
                if x1 - x0 >= 8 and y1 - y0 >= 8:
                    crops.append((row, c, _text_line(gray[y0:y1, x0:x1])))
    return crops


INK = 128  # grey level: darker is ink
RULING_SHARE = 0.8  # an unbroken run of ink over this share of a pixel row (column): a ruling
MARGIN = 10  # pixels of white around the line handed to Tesseract


def _longest_run(mask: np.ndarray) -> np.ndarray:
    """Per row, the longest unbroken run of True: a ruling is one, a figure's glyphs never are."""
    best = np.zeros(mask.shape[0], dtype=int)
    current = np.zeros(mask.shape[0], dtype=int)
    for column in mask.T:
        current = np.where(column, current + 1, 0)
        best = np.maximum(best, current)
    return best


def _ink_bands(profile: np.ndarray) -> list[tuple[int, int]]:
    """Runs [start, end) of pixel rows with ink, runs closer than half the tallest merged."""
    bands = _spans(profile > 0)
    if not bands:
        return []
    tallest = max(end - start for start, end in bands)
    merged = [bands[0]]
    for start, end in bands[1:]:
        if start - merged[-1][1] <= tallest / 2:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _text_line(crop: np.ndarray) -> np.ndarray:
    """The figure of a numeric cell as Tesseract reads a single line best: cut to the band
    of rows holding the most ink and to its ink's width, everything lighter than ink and
    every remnant of the cell's rulings (a skewed or faint ruling inside the 3-pixel inset)
    whitened, with a white margin. Without this, '73%' under a faint ruling's remnant in a
    tall cell was read as '7%' (and by the Tesseract program as nothing)."""
    ink = crop < INK
    ink[_longest_run(ink) > RULING_SHARE * crop.shape[1], :] = False
    ink[:, _longest_run(ink.T) > RULING_SHARE * crop.shape[0]] = False
    bands = _ink_bands(ink.sum(axis=1))
    if not bands:
        return crop
    y0, y1 = max(bands, key=lambda b: ink[b[0]:b[1]].sum())
    cols = np.flatnonzero(ink[y0:y1].any(axis=0))
    box = (slice(y0, y1), slice(cols[0], cols[-1] + 1))
    line = np.where(ink[box], crop[box], 255).astype(crop.dtype)  # faint remnants whitened
    return np.pad(line, MARGIN, constant_values=255)


def _reread_numbers(gray: np.ndarray, tables: list[tuple[Grid, list[list[str]]]]) -> None:
    """Figures are where OCR errs most and matters most: crop each numeric cell and read it
    again as a single line restricted to digits and separators."""
    crops = _numeric_crops(gray, tables)
    if not crops:
        return
    images = [im for *_, im in crops]
    for (row, c, _), out in zip(crops, tesseract.engine().read_lines(images), strict=True):
        if out and NUMERIC_CELL.match(out):
            row[c] = out


def _cell_index(bounds: list[int], value: float) -> int | None:
    for i in range(len(bounds) - 1):
        if bounds[i] <= value < bounds[i + 1]:
            return i
    return None


SAME_LINE = 8  # pixels: two Tesseract lines whose centres are closer are one printed line


def _reading_order(words: list[Word]) -> str:
    """A cell's words top to bottom, left to right. Tesseract's own order follows its layout
    blocks, which can put a cell's last printed line before its first (a wrapped indicator
    name read as its tail, then its head)."""
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        lines.setdefault(word.line_key, []).append(word)
    rows: list[list[Word]] = []
    for line in sorted(lines.values(), key=_mean_y):
        if rows and abs(_mean_y(line) - _mean_y(rows[-1])) < SAME_LINE:
            rows[-1].extend(line)
        else:
            rows.append(list(line))
    return " ".join(w.text for row in rows for w in sorted(row, key=lambda w: w.x))


def _mean_y(words: list[Word]) -> float:
    return sum(w.y for w in words) / len(words)


def _grid_cells(grid: Grid, words: list[Word]) -> list[list[str]]:
    """Each word into the cell its centre falls in, in reading order; a merged cell's words
    to its first column."""
    found: dict[tuple[int, int], list[Word]] = {}
    for word in words:
        if grid.contains(word.x, word.y):
            r, c = _cell_index(grid.ys, word.y), _cell_index(grid.xs, word.x)
            if r is not None and c is not None:
                found.setdefault((r, c), []).append(word)
    cells = [["" for _ in grid.xs[:-1]] for _ in grid.ys[:-1]]
    for (r, c), cell_words in found.items():
        cells[r][c] = _reading_order(cell_words)
    for r, row in enumerate(cells):
        for start, end in grid.spans(r):
            if end - start > 1:
                joined = " ".join(t for t in row[start:end] if t)
                row[start:end] = [joined] + [""] * (end - start - 1)
    return cells


Item = tuple[float, str, object]
CACHE_FORMAT = 5  # bump when what read_page returns for one image changes


def read_page(image, dpi: int) -> list[Item]:
    """(top, 'line', text) and (top, 'table', rows of cell texts) items of one page image;
    from the on-disk cache when this image was read before with the same settings."""
    path = _cache_path(image, dpi)
    cached = _cache_get(path)
    if cached is not None:
        return cached
    items = _read_page(image, dpi)
    _cache_put(path, items)
    return items


def _read_page(image, dpi: int) -> list[Item]:
    gray = _deskew(np.array(image.convert("L")))
    grids = find_grids(gray)
    from PIL import Image

    words = ocr_words(Image.fromarray(gray), dpi)
    tables = [(grid, _grid_cells(grid, words)) for grid in grids]
    _reread_numbers(gray, tables)
    items: list[Item] = []
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


# --- the page cache ------------------------------------------------------------------------

CACHE_ENV = "KINERJA_CACHE_DIR"


def cache_dir() -> Path:
    """$KINERJA_CACHE_DIR, else kinerja/ocr in $XDG_CACHE_HOME or ~/.cache."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV]) / "ocr"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kinerja" / "ocr"


def _cache_path(image, dpi: int) -> Path:
    """The image's pixels and every setting that shapes the result name the entry."""
    h = hashlib.sha256()
    h.update(f"{CACHE_FORMAT}|{tesseract.engine().version}|{LANGUAGES}|{DIGITS}|"
             f"{image.mode}|{image.size}|{dpi}|".encode())
    h.update(image.tobytes())
    digest = h.hexdigest()
    return cache_dir() / digest[:2] / f"{digest}.json"


def _cache_get(path: Path) -> list[Item] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return [(top, kind, obj) for top, kind, obj in data]


def _cache_put(path: Path, items: list[Item]) -> None:
    """Write atomically; a cache that cannot be written (read-only home) only costs speed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    except (OSError, TypeError, ValueError):
        pass
