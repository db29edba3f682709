"""PDF reports with a text layer: words and ruled tables per page, via pdfplumber.

Agencies print their reports from Word, so tables are ruled and pdfplumber's line-based
table finder sees them. Its grids, though, follow every ruling fragment: a Word table whose
rows were drawn with slightly different column borders comes back with empty slivers and
with one printed column split over two grid columns that never both hold text. `compact`
undoes that by dropping columns no row uses and merging neighbours that never overlap.

Text outside the tables becomes `Document.lines`, in reading order, and each table is placed
among those lines (`line_start`/`line_end`), with the lines above it as `preceding_text` —
so captions, running headers and page numbers reach reconstruction exactly as they do from a
text conversion, and the same code joins a table continued on the next page.

Pages are closed as soon as they are read, so memory stays flat on long reports. Pages
without a text layer (scans) are read by OCR when Tesseract is installed (extractors/ocr.py:
rulings give the cell grid, Tesseract the words), so their text and ruled tables join the
same line sequence. A document with scanned pages is `partial`, with a warning naming the
pages, because OCR figures deserve a second look; without Tesseract the warning says how to
install it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from extractors.layout import LineLayout
from pipeline.model import Cell, Document

TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines",
                  "snap_tolerance": 3, "join_tolerance": 3, "intersection_tolerance": 5}
MIN_ROWS, MIN_COLS = 2, 2
LINE_TOLERANCE = 3  # points: words whose tops differ less are one line


class PdfError(Exception):
    """Raised with a message naming the file."""


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


HEADER_ZONE_MAX = 6  # header rows at most: title, sub-title, column numbers, K / Rp
FIGURE = re.compile(r"\d[.,]\d|\d\s*%|\d{3,}")
YEAR = re.compile(r"(?:19|20)\d\d")


def _header_zone(rows: list[list[str]]) -> int:
    """Rows above the first row that prints a figure ('45%', '13,215,743'): the rows that
    can name columns. Years and column numbers are header words, not figures."""
    for i, row in enumerate(rows[:HEADER_ZONE_MAX]):
        if any(FIGURE.search(YEAR.sub("", c)) for c in row if "=" not in c):  # not a formula header

            return i
    return min(len(rows), HEADER_ZONE_MAX)


def compact(grid: list[list[str]]) -> list[list[str]]:
    """Drop columns no row uses; merge adjacent columns that never both hold text — unless
    both are named in the header rows, which makes them two printed columns that merely
    have no row with both filled ('Proyeksi 2025' beside an empty 'Catatan')."""
    if not grid:
        return grid
    width = max(len(r) for r in grid)
    rows = [r + [""] * (width - len(r)) for r in grid]
    used = [c for c in range(width) if any(r[c].strip() for r in rows)]
    rows = [[r[c] for c in used] for r in rows]
    zone = _header_zone(rows)
    merged = True
    while merged and rows and len(rows[0]) > 1:
        merged = False
        for c in range(len(rows[0]) - 1):
            # Named = a word in the header rows; a figure there ('1.') is already data.
            named = [any(re.search(r"[^\W\d_]", r[k]) for r in rows[:zone]) for k in (c, c + 1)]
            if all(named):
                continue
            if not any(r[c].strip() and r[c + 1].strip() for r in rows):
                rows = [r[:c] + [r[c] or r[c + 1]] + r[c + 2:] for r in rows]
                merged = True
                break
    return rows


def _lines_outside(page, boxes: list[tuple[float, float, float, float]]) -> list[tuple[float, str]]:
    """(top, text) of each text line on the page that is not inside a table."""
    def inside(word) -> bool:
        cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
        return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)

    words = [w for w in page.extract_words(keep_blank_chars=False, use_text_flow=True)
             if not inside(w)]
    lines: list[tuple[float, list]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0] - w["top"]) <= LINE_TOLERANCE:
            lines[-1][1].append(w)
        else:
            lines.append((w["top"], [w]))
    return [(top, " ".join(x["text"] for x in sorted(ws, key=lambda x: x["x0"])))
            for top, ws in lines]


OCR_RESOLUTION = 200


def tesseract_available() -> bool:
    if not shutil.which("tesseract"):
        return False
    langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True).stdout
    return "ind" in langs.split()


def _add_scanned_page(layout: LineLayout, page, number: int) -> None:
    """Text lines and ruled tables of a scanned page, by OCR (extractors/ocr.py)."""
    from extractors.ocr import read_page

    for _, kind, obj in read_page(page.to_image(resolution=OCR_RESOLUTION).original):
        if kind == "line":
            layout.add_line(obj, number)
        else:
            layout.add_table([[Cell(text=t, page=number) for t in r] for r in obj], "pdf",
                             page=number)


def extract(path: str | Path) -> Document:
    p = Path(path)
    try:
        import pdfplumber

        pdf = pdfplumber.open(str(p))
    except Exception as err:  # noqa: BLE001 — any unreadable file is reported by name
        raise PdfError(f"{p}: not a readable PDF ({type(err).__name__}: {err})") from err
    layout = LineLayout()
    scanned: list[int] = []
    can_ocr = tesseract_available()
    with pdf:
        n_pages = len(pdf.pages)
        for number, page in enumerate(pdf.pages, start=1):
            try:
                if not page.chars:
                    scanned.append(number)
                    if can_ocr:
                        _add_scanned_page(layout, page, number)
                    continue
                found = [t for t in page.find_tables(TABLE_SETTINGS)]
                boxes = [t.bbox for t in found]
                items: list[tuple[float, str, object]] = [
                    (top, "line", text) for top, text in _lines_outside(page, boxes)
                ]
                items += [(t.bbox[1], "table", t) for t in found]
                for _, kind, obj in sorted(items, key=lambda i: (i[0], i[1] == "table")):
                    if kind == "line":
                        layout.add_line(obj, number)
                        continue
                    grid = compact([[_clean(c) for c in row] for row in obj.extract()])
                    if len(grid) < MIN_ROWS or max((len(r) for r in grid), default=0) < MIN_COLS:
                        continue
                    layout.add_table([[Cell(text=t, page=number) for t in r] for r in grid],
                                     "pdf", page=number)
            finally:
                page.close()
    warnings = []
    if scanned:
        pages = f"{', '.join(map(str, scanned[:20]))}{'…' if len(scanned) > 20 else ''}"
        if can_ocr:
            warnings.append(
                f"{p}: {len(scanned)} of {n_pages} pages have no text layer (scanned: pages "
                f"{pages}); their text and ruled tables were read by OCR — check figures from "
                "those pages against the scan."
            )
        else:
            warnings.append(
                f"{p}: {len(scanned)} of {n_pages} pages have no text layer (scanned: pages "
                f"{pages}); they were skipped. To read them install Tesseract with Indonesian "
                "data: scripts/install-system-deps.sh ocr (tesseract-ocr tesseract-ocr-ind)."
            )
    return Document(path=str(p), format="pdf", lines=layout.lines, raw_tables=layout.tables,
                    n_pages=n_pages, warnings=warnings, line_pages=layout.line_pages)
