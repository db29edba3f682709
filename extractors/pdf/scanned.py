"""One scanned page: rendered at the OCR resolution (Settings.pdf) and read by Tesseract (extractors/ocr.py); the
rulings give the cell grid.
"""

from __future__ import annotations

from extractors.pdf.content import PageContent, PageTable, TextLine
from pipeline.model import Cell
from pipeline.settings import current


def tesseract_available() -> bool:
    """An OCR engine with the Indonesian model: the binding or the program
    (extractors/tesseract.py; asked once per process)."""
    from extractors.tesseract import engine

    return engine() is not None


def read_scanned_page(page, number: int) -> PageContent:
    """Text lines and ruled tables of a scanned page, by OCR (extractors/ocr.py)."""
    from extractors.ocr import read_page

    content = PageContent(number=number, height=float(page.height), scanned=True)
    resolution = current().pdf.ocr_resolution
    scale = 72 / resolution  # image pixels → points
    for top, kind, obj in read_page(page.to_image(resolution=resolution).original, resolution):
        if kind == "line":
            content.lines.append(TextLine(top=top * scale, bottom=top * scale, text=obj))
        else:
            rows = [[Cell(text=t, page=number) for t in r] for r in obj]
            content.tables.append(PageTable(top=top * scale, rows=rows))
    return content
