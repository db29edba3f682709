"""The evidence of a finding: the printed row as text, the lines around it for text input,
and for PDF input a cropped image of the row on its page with the cell(s) in question
outlined.

Images are rendered at report time from the source PDF and each cell's stored box, so the
database keeps only coordinates. When the source file has moved, the stored cells still
give the printed row as text.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.audit import Check
from pipeline.normalise.numbers import parse_number

CONTEXT_LINES = 2
RESOLUTION = 110  # dpi: a row's digits stay legible and a crop stays a few tens of KB
PAD = 4.0  # points around the row
OUTLINE = (220, 30, 30, 255)


@dataclass
class Evidence:
    """What the auditor sees of the printed page; `lines` are (where: the line number, or
    'p12' for a PDF page, text, whether it is the finding's row)."""

    row: str = ""
    lines: list[tuple[str, str, bool]] = field(default_factory=list)
    source: str = ""  # 'file', 'cells' or '' when nothing is stored
    page: int | None = None
    crop: list[float] | None = None  # [x0, top, x1, bottom] in points
    outlined: list[list[float]] = field(default_factory=list)
    image: str | None = None  # data: URI of the PNG
    image_size: tuple[int, int] | None = None

    def as_dict(self, with_image: bool = False) -> dict:
        out = {"row": self.row, "source": self.source, "page": self.page, "crop": self.crop,
               "outlined": self.outlined,
               "lines": [{"line": n, "text": t, "row": here} for n, t, here in self.lines]}
        if with_image:
            out["image"] = self.image
        return out


class EvidenceReader:
    """Reads each source file once per report; PDFs are kept open until `close`."""

    def __init__(self, documents: dict[str, dict], cells: dict[str, list]) -> None:
        self.documents = documents  # doc_id → {source_path, format}
        self.cells = cells  # table_id → stored rows of cells
        self._lines: dict[str, list[str] | None] = {}
        self._pdfs: dict[str, object] = {}

    def close(self) -> None:
        for pdf in self._pdfs.values():
            pdf.close()
        self._pdfs.clear()

    def for_check(self, c: Check, image: bool = True) -> Evidence:
        ev = Evidence(row=" | ".join(t for t in c.raw_cells if t))
        doc = self.documents.get(c.doc_id, {})
        path = doc.get("source_path")
        if doc.get("format") == "pdf":
            if image and path and Path(path).exists():
                self._crop(c, path, ev)
            self._from_cells(c, ev)
            return ev
        lines = self._file_lines(path) if c.line else None
        if lines:
            lo, hi = max(1, c.line - CONTEXT_LINES), min(len(lines), c.line + CONTEXT_LINES)
            ev.lines = [(str(n), lines[n - 1], n == c.line) for n in range(lo, hi + 1)]
            ev.source = "file"
        else:
            self._from_cells(c, ev)
        return ev

    def _from_cells(self, c: Check, ev: Evidence) -> None:
        """The stored cells as the evidence where the file cannot show it (a PDF's text, or a
        text file that moved); no source where the cells are missing too."""
        ev.lines = self._cell_lines(c)
        ev.source = "cells" if ev.lines else ""

    def _file_lines(self, path: str | None) -> list[str] | None:
        """The source text split as the extractor split it, so line numbers agree."""
        if not path:
            return None
        if path not in self._lines:
            from extractors.text import decode, split_lines

            try:
                text, _ = decode(Path(path).read_bytes(), path)
                self._lines[path] = split_lines(text)
            except Exception:  # moved, unreadable or no longer text: fall back to the cells
                self._lines[path] = None
        return self._lines[path]

    def _cell_lines(self, c: Check) -> list[tuple[str, str, bool]]:
        """The stored rows around the check's row, as 'cell | cell' text."""
        rows = self._table_rows(c)
        if rows is None:
            return []
        lo, hi = max(1, c.row_no - 1), min(len(rows), c.row_no + 1)
        return [(_row_place(rows[n - 1]), " | ".join(cell["text"] for cell in rows[n - 1]
                                                     if cell.get("text")), n == c.row_no)
                for n in range(lo, hi + 1)]

    def _table_rows(self, c: Check) -> list | None:
        """The stored rows of the check's table, or None where its row is not among them."""
        rows = self.cells.get(c.table_id or "") or []
        if not c.row_no or not 1 <= c.row_no <= len(rows):
            return None
        return rows

    def _crop(self, c: Check, path: str, ev: Evidence) -> None:
        """The check's row cut out of its page, the cells showing its figure outlined."""
        rows = self._table_rows(c)
        if rows is None:
            return
        page_no = c.page or next((x.get("page") for x in rows[c.row_no - 1] if x.get("page")), None)
        boxed = [x for x in rows[c.row_no - 1] if x.get("bbox") and x.get("page") == page_no]
        if not boxed or page_no is None:
            return
        ev.page = page_no
        ev.crop = _union([x["bbox"] for x in boxed], PAD)
        ev.outlined = [x["bbox"] for x in boxed if _shows(x["text"], c.reported)] or [ev.crop]
        self._render(path, ev)

    def _render(self, path: str, ev: Evidence) -> None:
        import pdfplumber

        if path not in self._pdfs:
            self._pdfs[path] = pdfplumber.open(path)
        page = self._pdfs[path].pages[ev.page - 1]
        x0, top, x1, bottom = page.bbox
        box = (max(ev.crop[0], x0), max(ev.crop[1], top), min(ev.crop[2], x1),
               min(ev.crop[3], bottom))
        ev.crop = [round(v, 1) for v in box]
        picture = page.crop(box).to_image(resolution=RESOLUTION)
        for cell in ev.outlined:
            picture.draw_rect(tuple(cell), fill=(0, 0, 0, 0), stroke=OUTLINE, stroke_width=2)
        buf = io.BytesIO()
        picture.annotated.save(buf, format="PNG", optimize=True)
        ev.image_size = picture.annotated.size
        ev.image = "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _row_place(row: list[dict]) -> str:
    """Where a stored row was printed: its first cell's line, else its page."""
    return next((str(cell["line"]) if cell.get("line") else f"p{cell['page']}"
                 for cell in row if cell.get("line") or cell.get("page")), "")


def _union(boxes: list[list[float]], pad: float) -> list[float]:
    return [min(b[0] for b in boxes) - pad, min(b[1] for b in boxes) - pad,
            max(b[2] for b in boxes) + pad, max(b[3] for b in boxes) + pad]


def _shows(text: str, value: float | None) -> bool:
    """Whether a printed cell holds the check's reported figure."""
    if value is None or not text:
        return False
    parsed = parse_number(text).value
    return parsed is not None and abs(parsed - value) <= max(1e-6, abs(value) * 1e-9)
