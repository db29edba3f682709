"""Shared row predicates: what a row of cells looks like (a column-number row, a unit row,
a header-like row, a figure) judged from its text alone. Every later step asks these
questions, so they live apart from any one step."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from pipeline.model import Row

_NUMBER_TOKEN = re.compile(r"^\(?\d{1,2}\)?\.?$|^\d{1,2}\)$")
_FORMULA_TOKEN = re.compile(r"^\(?\d{1,2}\)?\s*=\s*[\d()+\-xX×*/%.,\s]+$")
_HEADER_UNIT_TOKENS = {
    "k", "rp", "rp.", "%", "target", "realisasi", "capaian", "l", "p", "lk", "pr", "jml",
    "jumlah", "sebelum", "sesudah", "murni", "perubahan", "tw", "fisik", "keuangan",
}


def cell_texts(row: Row) -> list[str]:
    return [c.text for c in row]


def nonempty(row: Row) -> list[str]:
    return [c.text for c in row if c.text.strip()]


def _leading_int(token: str) -> int | None:
    m = re.match(r"^\(?(\d{1,2})", token)
    return int(m.group(1)) if m else None


def is_number_token(text: str) -> bool:
    """A printed column number ('3', '(4)', '5)') or column formula ('13=12/7X100%')."""
    return bool(_NUMBER_TOKEN.match(text) or _FORMULA_TOKEN.match(text))


def is_column_number_row(row: Row) -> bool:
    """`1 2 3 4 5`, `(1) (2) 4) 5)`, `3 4 7 8 9 12 13=12/7X100%`, `6=(3+4-5)`."""
    tokens = [t.strip().strip("$").strip() for t in nonempty(row)]  # '$7 = 5/6*100$' (LaTeX)
    return len(tokens) >= 2 and all(is_number_token(t) for t in tokens) \
        and _numbered_in_order(tokens)


def _numbered_in_order(tokens: list[str]) -> bool:
    """The tokens' leading numbers rise; a row of two starts at 0 or 1."""
    numbers = [_leading_int(t) for t in tokens]
    if any(n is None for n in numbers):
        return False
    increasing = all(b > a for a, b in zip(numbers, numbers[1:], strict=False))
    return increasing and (len(tokens) >= 3 or numbers[0] in (0, 1))


def is_unit_row(row: Row) -> bool:
    """A header row of short column tags under a column-number row (`K Rp K Rp`)."""
    tokens = [t.strip().lower() for t in nonempty(row)]
    return len(tokens) >= 2 and all(t in _HEADER_UNIT_TOKENS for t in tokens)


_NUMERIC_CELL = re.compile(r"\d")
YEAR = re.compile(r"^(?:19|20)\d{2}$")


def looks_numeric(text: str) -> bool:
    """A cell that holds a figure rather than words (used only for layout decisions)."""
    t = text.strip()
    if not t or not _NUMERIC_CELL.search(t):
        return False
    letters = sum(ch.isalpha() for ch in t)
    return letters <= max(3, len(t) // 4)


_PERIOD_WORD = re.compile(r"^(tw|triwulan|tahun|semester|bulan|periode)\s*[-.]?\s*[\divx]{1,4}$", re.I)


def is_header_like(row: Row) -> bool:
    """A row of labels: no cell holds a figure only data rows print."""
    texts = nonempty(row)
    if not texts:
        return False
    if _ocr_split_header(texts):
        return True
    return not any(_is_data_figure(t) for t in texts)


def _ocr_split_header(texts: list[str]) -> bool:
    """An OCR-split header ('T | ahun 2022 | 2 | Та | hun 202 | 23'): at least three worded
    cells, the rest stray digits, twice as many words as strays."""
    words = [t for t in texts if re.search(r"[^\W\d_]", t)]
    stray = [t for t in texts if re.fullmatch(r"\d{1,2}", t.strip())]
    return len(words) >= 3 and len(words) + len(stray) == len(texts) \
        and len(words) >= 2 * len(stray)


def _is_data_figure(t: str) -> bool:
    """A figure no header prints: 'TW 1', 'Tahun-2' name columns, and '2021' and
    '(n-1 = 2024)' are header words; '81,03' is data."""
    if _PERIOD_WORD.match(t.strip()):
        return False
    header_number = YEAR.match(t.strip()) or re.match(r"^\(?n[-+]\d", t)
    return bool(looks_numeric(t) and not header_number and not re.search(r"[A-Za-z]{3,}", t))


def normalise_header_text(texts: list[str]) -> str:
    joined = " ".join(t for t in texts if t.strip()).lower()
    return re.sub(r"[^a-z0-9]+", "", joined)


def rows_match(a: Row, b: Row) -> bool:
    """Repeated header rows differ by OCR damage ('RKPД', 'RKP'), so compare fuzzily."""
    ta, tb = normalise_header_text(cell_texts(a)), normalise_header_text(cell_texts(b))
    if not ta or not tb:
        return ta == tb
    if ta == tb or fuzz.ratio(ta, tb) >= 85:
        return True
    wa = " ".join(cell_texts(a)).lower()
    wb = " ".join(cell_texts(b)).lower()
    return min(len(ta), len(tb)) >= 20 and fuzz.token_set_ratio(wa, wb) >= 90


def row_place(row: Row) -> tuple[int | None, int | None]:
    """The line and page a row prints on (its first cell that knows them), for the empty
    cells added to it."""
    line = next((c.line for c in row if c.line is not None), None)
    page = next((c.page for c in row if c.page is not None), None)
    return line, page


def effective_len(row: Row) -> int:
    """The row's length up to its last printed cell: trailing empty cells are no evidence
    of where its cells belong."""
    last = max((i for i, c in enumerate(row) if c.text.strip()), default=-1)
    return last + 1
