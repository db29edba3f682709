"""Running headers, footers and page numbers: a line in the top or bottom band whose text,
digits aside, recurs on many pages is furniture and dropped, so a table split by a page break
has nothing between its pieces.
"""

from __future__ import annotations

import re
from collections import Counter

from extractors.pdf.content import PageContent, TextLine
from pipeline.settings import current

PAGE_NUMBER = re.compile(
    r"(?:hal(?:aman)?\.?\s*[-:]?\s*)?[-–—(]?\s*(?:\d{1,4}|[ivxlcdm]{1,7})\s*[-–—)]?", re.I)


def _in_band(line: TextLine, height: float) -> bool:
    band = current().pdf.furniture_band
    return line.top < band * height or line.bottom > (1 - band) * height


def _key(text: str) -> str:
    """A band line's identity across pages: page numbers and years vary, the words do not."""
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def furniture_keys(pages: list[PageContent]) -> set[str]:
    """Keys of band lines printed on many pages: running headers and footers."""
    seen: Counter[str] = Counter()
    for page in pages:
        seen.update({_key(ln.text) for ln in page.lines if _in_band(ln, page.height)})
    pdf = current().pdf
    floor = max(pdf.furniture_min_pages, pdf.furniture_share * len(pages))
    return {k for k, n in seen.items() if n >= floor}


def is_furniture(line: TextLine, height: float, keys: set[str]) -> bool:
    if not _in_band(line, height):
        return False
    return _key(line.text) in keys or bool(PAGE_NUMBER.fullmatch(line.text.strip()))
