"""One page with a text layer: its ruled tables, its unruled blocks (camelot stream, per block)
and its text lines outside them.
"""

from __future__ import annotations

from pathlib import Path

from extractors.pdf.content import PageContent, PageTable, TextLine
from extractors.pdf.ruled import _is_ruling_or_text, _is_shading, find_tables
from extractors.pdf.table_rows import _table_rows
from extractors.pdf.words import _center, _group_lines, _inside
from extractors.stream import unruled_tables
from pipeline.model import Cell
from pipeline.settings import current


def _text_lines(lines: list[list[dict]]) -> list[TextLine]:
    return [TextLine(top=min(w["top"] for w in ln), bottom=max(w["bottom"] for w in ln),
                     text=" ".join(w["text"] for w in ln)) for ln in lines]


def _overprinted(chars: list[dict]) -> bool:
    """A glyph printed again over itself, as a fake-bold run is: two chars of the page with
    one text at (nearly) one place. (A set of all keys at once: the early-exit loop cost
    more than the rest of the page logic, since most pages have no such glyph.)"""
    keys = [(c["text"], round(c["x0"]), round(c["top"])) for c in chars
            if not c["text"].isspace()]
    return len(set(keys)) < len(keys)


def read_text_page(page, number: int, path: str | Path | None = None) -> PageContent:
    """Text lines and tables of a page with a text layer: ruled tables by their rulings,
    then — given the file's `path`, which camelot reads — unruled ones (extractors/stream.py)
    among the lines left over."""
    content = PageContent(number=number, height=float(page.height))
    # Fake bold: Word exports a bold-faked run as each glyph printed two or three times over
    # itself ('MMAASSYYAARRAAKKAATT'); one copy of each is the text.
    if _overprinted(page.chars):
        page = page.dedupe_chars()  # costs as much as the rest of the page: only when needed
    words = page.extract_words(keep_blank_chars=False)
    found, free = _read_ruled(page, words, content)
    lines = _group_lines(free)
    if path is not None:
        lines = _read_unruled(path, content, lines, [(t.bbox[1], t.bbox[3]) for t in found])
    content.lines = _text_lines(lines)
    content.tables.sort(key=lambda t: t.top)
    return content


def _read_ruled(page, words: list[dict], content: PageContent) -> tuple[list, list[dict]]:
    """The page's ruled tables of at least the settings' rows and columns, added to `content`;
    returns every table found (each bars unruled blocks) and the words left free: outside
    them, and not claimed as a row continued from the page before."""
    shaded = any(_is_shading(r) for r in page.rects)
    ruled_page = page.filter(_is_ruling_or_text) if shaded else page  # same edges unshaded
    found = find_tables(page, ruled_page)
    rulings = ruled_page.edges if found else []
    free = [w for w in words if not any(_inside(_center(w), t.bbox) for t in found)]
    for table in found:
        cell_words = [w for w in words if _inside(_center(w), table.bbox)]
        rows, claimed = _table_rows(table, cell_words, free, rulings, content.number)
        if not _big_enough(rows):
            continue
        ids = {id(w) for w in claimed}
        free = [w for w in free if id(w) not in ids]
        top = min([table.bbox[1]] + [w["top"] for w in claimed])
        content.tables.append(PageTable(top=top, rows=rows))
    return found, free


def _big_enough(rows: list[list[Cell]]) -> bool:
    """A ruled grid of ≥ min_table_rows rows and min_table_cols columns is a table; a smaller ruled
    box (a framed line) stays text."""
    pdf = current().pdf
    return len(rows) >= pdf.min_table_rows and max((len(r) for r in rows), default=0) >= pdf.min_table_cols


def _read_unruled(path: str | Path, content: PageContent, lines: list[list[dict]],
                  barriers: list[tuple[float, float]]) -> list[list[dict]]:
    """The unruled tables among the free lines, added to `content` (extractors/stream.py);
    returns the lines no table took."""
    for table in unruled_tables(path, content.number, content.height, lines, barriers):
        content.tables.append(PageTable(top=table.top, rows=table.rows))
        lines = [ln if i not in table.lines else [] for i, ln in enumerate(lines)]
    return [ln for ln in lines if ln]
