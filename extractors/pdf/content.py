"""What is kept of a PDF page once it is closed (its text lines and table grids), and the
error a PDF that cannot be read raises. Every step of the PDF extractor passes these.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.model import Cell

Box = tuple[float, float, float, float]


class PdfError(Exception):
    """Raised with a message naming the file."""


@dataclass
class TextLine:
    top: float
    bottom: float
    text: str


@dataclass
class PageTable:
    top: float
    rows: list[list[Cell]]


@dataclass
class PageContent:
    """What is kept of one page once it is closed: its text lines and table grids."""

    number: int
    height: float
    lines: list[TextLine] = field(default_factory=list)
    tables: list[PageTable] = field(default_factory=list)
    scanned: bool = False
