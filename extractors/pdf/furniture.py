"""Running headers, footers and page numbers: a line in the top or bottom band whose text,
digits aside, recurs on many pages is furniture and dropped, so a table split by a page break
has nothing between its pieces.
"""

from __future__ import annotations

import re
from collections import Counter

from extractors.pdf.content import PageContent, TextLine

BAND = 0.12  # share of the page height at the top and at the bottom where furniture sits


FURNITURE_SHARE = 0.3  # a band line on this share of the pages is a running header/footer


FURNITURE_MIN_PAGES = 3


PAGE_NUMBER = re.compile(
    r"(?:hal(?:aman)?\.?\s*[-:]?\s*)?[-–—(]?\s*(?:\d{1,4}|[ivxlcdm]{1,7})\s*[-–—)]?", re.I)


def _in_band(line: TextLine, height: float) -> bool:
    return line.top < BAND * height or line.bottom > (1 - BAND) * height


def _key(text: str) -> str:
    """A band line's identity across pages: page numbers and years vary, the words do not."""
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def furniture_keys(pages: list[PageContent]) -> set[str]:
    """Keys of band lines printed on many pages: running headers and footers."""
    seen: Counter[str] = Counter()
    for page in pages:
        seen.update({_key(ln.text) for ln in page.lines if _in_band(ln, page.height)})
    floor = max(FURNITURE_MIN_PAGES, FURNITURE_SHARE * len(pages))
    return {k for k, n in seen.items() if n >= floor}


def is_furniture(line: TextLine, height: float, keys: set[str]) -> bool:
    if not _in_band(line, height):
        return False
    return _key(line.text) in keys or bool(PAGE_NUMBER.fullmatch(line.text.strip()))
