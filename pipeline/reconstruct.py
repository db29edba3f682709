"""Raw table pieces → logical tables, whatever format the pieces came from.

Reports are Word documents printed to PDF and converted again, so one printed table arrives
as several pieces: one per page, each repeating the header (sometimes cut or OCR-mangled),
a column-number row (`1 2 3 4`, `13=12/7X100%`), a cell broken at the page foot and finished
on the next page, merged cells left empty below their first row. This module undoes all of
that with rules that look only at cell text, so text, markdown, PDF and Word pieces are
joined by the same code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from pipeline.model import Cell, LogicalTable, RawTable, Row
from pipeline.vocab import NUMBER_HEAD, is_section_head

# ---------------------------------------------------------------- captions

_LABEL_NUMBER = r"(?:[A-Z]{1,3}\s*[-–.]\s*){0,2}\d{1,2}(?:\s*\.\s*\d{1,3}){0,3}"
CAPTION_RE = re.compile(
    r"^[\s*_#|]*(?P<word>tabel|table)\s*\.?\s*(?P<num>" + _LABEL_NUMBER + r")\b\s*\.?\s*[:\-–]?\s*"
    r"(?P<title>.*)$",
    re.IGNORECASE,
)
MAX_CAPTION_LINE = 300
MAX_TITLE_LINES = 4


@dataclass
class Caption:
    label: str | None
    title: str
    line: int


def parse_caption_line(text: str) -> tuple[str, str] | None:
    """`'Tabel 2.4.Perjanjian Kinerja'` → `('Tabel 2.4', 'Perjanjian Kinerja')`."""
    if len(text) > MAX_CAPTION_LINE:
        return None
    m = CAPTION_RE.match(text.strip())
    if not m:
        return None
    num = re.sub(r"\s+", "", m.group("num")).rstrip(".")
    num = num.replace("–", "-")
    title = m.group("title").strip().strip("*_|").strip()
    return f"Tabel {num}", title


def find_caption(preceding: list[tuple[int, str]]) -> Caption | None:
    """The last caption line above a table, with any title lines printed under it."""
    for idx in range(len(preceding) - 1, -1, -1):
        line_no, text = preceding[idx]
        parsed = parse_caption_line(text)
        if parsed is None:
            continue
        label, title = parsed
        extra = [t for _, t in preceding[idx + 1 :]]
        if len(extra) <= MAX_TITLE_LINES and all(len(t) < 200 for t in extra):
            title = " ".join([title, *extra]).strip()
        return Caption(label=label, title=_clean_title(title), line=line_no)
    return _title_block(preceding)


MONTHS = "Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember"
# Signature blocks, links and dates sit above appendix tables too; they are not titles.
NOT_A_TITLE = re.compile(
    rf"https?://|\bNIP\b|,\s*(S\.\w+|SE|SH|MM|MT|M\.\w+)\b|\b({MONTHS})\s+20\d\d|^(Camat|Lurah|Kepala)\b",
    re.IGNORECASE,
)


def _title_block(preceding: list[tuple[int, str]]) -> Caption | None:
    """Appendix tables often print a bare title ('**Kerangka Pendanaan ...**', 'Formulir
    E.81') instead of a numbered caption: take the short non-prose lines right above."""
    block: list[tuple[int, str]] = []
    for line_no, text in reversed(preceding):
        bare = text.strip("*_ ")
        if len(bare) > 150 or bare.endswith((":", ",", ";")) or bare.count(". ") > 1:
            break
        if re.match(r"^(\d+\.|[a-z]\.|-)\s", bare) or NOT_A_TITLE.search(bare):
            break
        block.insert(0, (line_no, bare))
        if len(block) == 4 or text.lstrip().startswith("**"):
            break
    if not block:
        return None
    return Caption(label=None, title=_clean_title(" ".join(t for _, t in block)), line=block[0][0])


def _clean_title(title: str) -> str:
    title = re.sub(r"[*_]+", "", title)
    title = re.sub(r"\.{3,}\s*\d*$", "", title)  # table-of-contents dot leaders
    return re.sub(r"\s+", " ", title).strip(" .:")


# ---------------------------------------------------------------- row predicates

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


def is_column_number_row(row: Row) -> bool:
    """`1 2 3 4 5`, `(1) (2) 4) 5)`, `3 4 7 8 9 12 13=12/7X100%`, `6=(3+4-5)`."""
    tokens = [t.strip().strip("$").strip() for t in nonempty(row)]  # '$7 = 5/6*100$' (LaTeX)
    if len(tokens) < 2:
        return False
    if not all(_NUMBER_TOKEN.match(t) or _FORMULA_TOKEN.match(t) for t in tokens):
        return False
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
_YEAR = re.compile(r"^(?:19|20)\d{2}$")


def looks_numeric(text: str) -> bool:
    """A cell that holds a figure rather than words (used only for layout decisions)."""
    t = text.strip()
    if not t or not _NUMERIC_CELL.search(t):
        return False
    letters = sum(ch.isalpha() for ch in t)
    return letters <= max(3, len(t) // 4)


_PERIOD_WORD = re.compile(r"^(tw|triwulan|tahun|semester|bulan|periode)\s*[-.]?\s*[\divx]{1,4}$", re.I)


def is_header_like(row: Row) -> bool:
    texts = nonempty(row)
    if not texts:
        return False
    words = [t for t in texts if re.search(r"[^\W\d_]", t)]
    stray = [t for t in texts if re.fullmatch(r"\d{1,2}", t.strip())]
    if len(words) >= 3 and len(words) + len(stray) == len(texts) and len(words) >= 2 * len(stray):
        return True  # an OCR-split header ('T | ahun 2022 | 2 | Та | hun 202 | 23')
    for t in texts:
        if _PERIOD_WORD.match(t.strip()):
            continue  # 'TW 1', 'Tahun-2' name columns
        # "2021" and "(n-1 = 2024)" are header words; "81,03" is data
        header_number = _YEAR.match(t.strip()) or re.match(r"^\(?n[-+]\d", t)
        if looks_numeric(t) and not header_number and not re.search(r"[A-Za-z]{3,}", t):
            return False
    return True


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


# ---------------------------------------------------------------- header split


#: how far down a piece a unit row or a column-number row may close its header
HEADER_DEPTH = 7


@dataclass
class Split:
    header: list[Row]
    body: list[Row]
    dropped: list[Row]  # column-number and unit rows


def has_data_number(row: Row) -> bool:
    """A figure that only a data row prints: not a year, not a column number."""
    for t in nonempty(row):
        t = t.strip()
        if looks_numeric(t) and not (
            _YEAR.match(t) or _NUMBER_TOKEN.match(t) or _FORMULA_TOKEN.match(t)
        ):
            return True
    return False


_YEAR_HEAD = re.compile(r"^(?:19|20)\d$")  # '201' of a year wrapped in a narrow column
_YEAR_TAIL = re.compile(r"^\d$")


def join_wrapped_years(rows: list[Row]) -> list[Row]:
    """A narrow year column wraps its header year after three digits ('201' over '4'): a
    row of nothing but year heads followed by a row with one digit under each of them, and
    nothing else, is one row of years. Read apart, the heads look like data and the tails
    like column numbers, and the year columns lose their years."""
    out: list[Row] = []
    i = 0
    while i < len(rows):
        row = rows[i]
        tail = rows[i + 1] if i + 1 < len(rows) else None
        joined = _joined_years(row, tail) if tail is not None else None
        if joined is not None:
            out.append(joined)
            i += 2
            continue
        out.append(row)
        i += 1
    return out


def _joined_years(head: Row, tail: Row) -> Row | None:
    heads = {c: cell.text.strip() for c, cell in enumerate(head) if cell.text.strip()}
    tails = {c: cell.text.strip() for c, cell in enumerate(tail) if cell.text.strip()}
    if len(heads) < 2 or set(heads) != set(tails):
        return None
    if not all(_YEAR_HEAD.match(t) for t in heads.values()):
        return None
    if not all(_YEAR_TAIL.match(t) for t in tails.values()):
        return None
    return [cell.copy_with(heads[c] + tails[c]) if c in heads else cell
            for c, cell in enumerate(head)]


def split_header(piece: RawTable) -> Split:
    """The piece's header rows, data rows and the column-number / unit rows dropped between
    them. The surest sign decides: a unit row, then a column-number row, then the header
    rows the source marked (markdown), then leading header-like rows; else no header."""
    rows = join_wrapped_years(piece.rows)
    return (_split_at_unit_row(rows) or _split_at_number_row(rows)
            or _split_as_marked(rows, piece.header_rows) or _split_leading_header(rows)
            or Split(header=[], body=list(rows), dropped=[]))


def _split_at_unit_row(rows: list[Row]) -> Split | None:
    """A unit row (`K Rp K Rp`, `Target Rp`) within the first HEADER_DEPTH rows, with no
    data figure above it, closes a multi-row header for certain."""
    for k in range(min(HEADER_DEPTH, len(rows))):
        if is_unit_row(rows[k]) and not any(has_data_number(r) for r in rows[:k]):
            header = [r for r in rows[: k + 1] if not is_column_number_row(r)]
            dropped = [r for r in rows[: k + 1] if is_column_number_row(r)]
            return Split(header=header, body=list(rows[k + 1 :]), dropped=dropped)
    return None


def _split_at_number_row(rows: list[Row]) -> Split | None:
    """A column-number row ('1 2 3 …') within the first HEADER_DEPTH rows, under header-like
    rows, ends the header; unit and number rows printed right below it are dropped too."""
    for k in range(min(HEADER_DEPTH, len(rows))):
        if is_column_number_row(rows[k]) and all(is_header_like(r) for r in rows[:k]):
            end = k + 1
            dropped = [rows[k]]
            while end < len(rows) and (is_unit_row(rows[end]) or is_column_number_row(rows[end])):
                dropped.append(rows[end])
                end += 1
            header = list(rows[:k])
            # A unit row under the number row belongs to the header (it names K / Rp).
            header += [r for r in dropped[1:] if is_unit_row(r)]
            return Split(header=header, body=list(rows[end:]), dropped=dropped)
    return None


def _split_as_marked(rows: list[Row], header_rows: int) -> Split | None:
    """The header rows the source marked (a markdown separator), plus a second header row
    printed below the separator."""
    if not header_rows:
        return None
    header = list(rows[:header_rows])
    body = list(rows[header_rows:])
    while body and is_header_like(body[0]) and _is_subheader(body[0], header):
        header.append(body.pop(0))
    return Split(header=header, body=body, dropped=[])


def _split_leading_header(rows: list[Row]) -> Split | None:
    """A header-like first row of ≥ 2 labels, or a lone group title ('Tahun 2023') over a
    row of ≥ 3 column names, with up to three sub-header rows below it."""
    group_above = (
        len(rows) > 1 and len(nonempty(rows[0])) == 1 and is_header_like(rows[1])
        and len(nonempty(rows[1])) >= 3
    )
    if not (rows and is_header_like(rows[0]) and (len(nonempty(rows[0])) >= 2 or group_above)):
        return None
    header = [rows[0]]
    k = 1
    while k < len(rows) and k < 4 and is_header_like(rows[k]) and _is_subheader(rows[k], header):
        header.append(rows[k])
        k += 1
    return Split(header=header, body=list(rows[k:]), dropped=[])


def _is_subheader(row: Row, header: list[Row]) -> bool:
    """A row under a header is more header when it fills columns the row above left empty
    (spanned groups) with short labels."""
    texts = nonempty(row)
    if not texts or any(len(t) > 80 for t in texts):
        return False
    above = header[-1]
    first_empty = not row[0].text.strip() if row else True
    gaps_above = any(not c.text.strip() for c in above)
    return first_empty or gaps_above or is_unit_row(row)


# ---------------------------------------------------------------- flattening


def flatten_header(header: list[Row], n_cols: int) -> tuple[list[list[str]], list[str]]:
    """Fill horizontal spans top-down and join each column's header cells into one name.

    A cell spans right over empty cells while some lower header row has text in those
    columns and the span stays inside its parent's span ('Triwulan' over 'I' and 'II').
    """
    grid = [[(r[c].text.strip() if c < len(r) else "") for c in range(n_cols)] for r in header]
    parent = [0] * n_cols  # span id of each column in the row above; all one span at the top
    for r, row in enumerate(grid):
        below_has = [any(grid[rr][c] for rr in range(r + 1, len(grid))) for c in range(n_cols)]
        span_ids = _spread_row(row, below_has, parent)
        parent = [hash((parent[c], span_ids[c])) for c in range(n_cols)]
    return grid, [_column_name(grid, c) for c in range(n_cols)]


def _spread_row(row: list[str], below_has: list[bool], parent: list[int]) -> list[int]:
    """Spread each label of one header row right over the empty cells that have a label
    below them within the same parent span (in place); returns each column's span id (its
    label's column, or a negative id of its own when it has none)."""
    span_ids = [0] * len(row)
    current, current_id, current_parent = "", -1, None
    for c in range(len(row)):
        if row[c]:
            current, current_id, current_parent = row[c], c, parent[c]
        elif current and below_has[c] and parent[c] == current_parent:
            row[c] = current
        else:
            current, current_id, current_parent = "", -1 - c, None
        span_ids[c] = current_id if row[c] else -1 - c
    return span_ids


def _column_name(grid: list[list[str]], c: int) -> str:
    """Column c's header cells top-down, repeats and printed column numbers left out
    ('col3' when none is left)."""
    parts: list[str] = []
    for row in grid:
        text = row[c]
        if _NUMBER_TOKEN.match(text) or _FORMULA_TOKEN.match(text):
            continue  # a column number printed inside a header row
        if text and (not parts or parts[-1] != text):
            parts.append(text)
    name = re.sub(r"\s+", " ", " ".join(parts)).strip()
    return name or f"col{c + 1}"


# '1.', '1.1.2', '1,2,3,' (a comma misread for the dot), 'a.', 'IV': parts of one or two
# digits, so a figure ('3.200', '100') is never taken for a number of the outline.
OUTLINE_NUMBER = re.compile(r"^(?:\d{1,2}(?:[.,]\d{1,2})*[.,]?|[a-z]\.|[IVX]{1,5}\.?)$")
PLACEHOLDER_NAME = re.compile(r"^col\d+$")
TEXT_HEADER = re.compile(r"indikator|sasaran|program|kegiatan|uraian|tujuan|urusan", re.IGNORECASE)
FIGURE_HEADER = re.compile(r"target|realisasi|capaian|pagu|anggaran|jumlah|satuan", re.IGNORECASE)


def _numbering_only(body: list[Row], index: int) -> bool:
    texts = [r[index].text.strip() for r in body if r[index].text.strip()]
    return bool(texts) and all(OUTLINE_NUMBER.match(t) for t in texts)


def _mostly_words(body: list[Row], index: int) -> bool:
    texts = [r[index].text.strip() for r in body if r[index].text.strip()]
    worded = [t for t in texts if sum(ch.isalpha() for ch in t) >= 3]
    return bool(texts) and len(worded) * 2 >= len(texts)


def name_text_beside_numbering(columns: list[str], body: list[Row]) -> list[str]:
    """A header printed over two ruled columns, an outline number ('1.1.1') and the text it
    numbers, lands on the number: the unnamed column right of it holds what the header
    names. The header moves onto the text and the numbers become a 'No' column, so
    'Indikator Kinerja' is read from the indicator, not from its number."""
    moved = []
    for i in range(len(columns) - 1):
        names_text = TEXT_HEADER.search(columns[i]) and not FIGURE_HEADER.search(columns[i]) \
            and not NUMBER_HEAD.match(columns[i])  # 'NO. URAIAN …' names its numbers itself
        if names_text and PLACEHOLDER_NAME.match(columns[i + 1]) \
                and _numbering_only(body, i) and _mostly_words(body, i + 1):
            columns[i + 1], columns[i] = columns[i], "No"
            moved.append(columns[i + 1])
    return [f"header '{name}' moved from its outline numbers to the text beside them"
            for name in moved]


# ---------------------------------------------------------------- continuation


# A figure cell printed as a bulleted list, every line a dash, a space and a figure.
BULLETED_FIGURES = re.compile(r"(?:[-–•]\s+\d[\d.,]*\s*%?\s*)+")


def _continues_a_list(text: str, above: str) -> bool:
    """A bulleted figure list under a bulleted figure list: the next lines of one cell."""
    return bool(BULLETED_FIGURES.fullmatch(text.strip()) and BULLETED_FIGURES.fullmatch(above.strip()))


def is_continuation_row(row: Row, previous: Row) -> bool:
    """The tail of a cell broken at a page foot: only text, only under text of the row above.
    A row whose figure cells carry on bulleted lists of the row above ('- 100%' under
    '- 100%') is the rest of that row however many of its cells it finishes: a new row
    starts its own figures, it does not add lines to the list above."""
    texts = nonempty(row)
    lists = {c for c, cell in enumerate(row[: len(previous)])
             if cell.text.strip() and _continues_a_list(cell.text, previous[c].text)}
    if not texts or (len(texts) > max(1, len(nonempty(previous)) // 2) and not lists):
        return False
    for c, cell in enumerate(row):
        t = cell.text.strip()
        if not t or c in lists:
            continue
        if looks_numeric(t) or is_section_head(t):
            return False
        if c >= len(previous) or not previous[c].text.strip() or looks_numeric(previous[c].text):
            return False
        if t == previous[c].text.strip():
            return False  # a value every row repeats ('DINKES'), so a row of its own
    return True


def join_rows(previous: Row, tail: Row) -> None:
    for c, cell in enumerate(tail):
        t = cell.text.strip()
        if t and c < len(previous):
            head = previous[c]
            joiner = "" if head.text.endswith("-") else " "
            joined = head.copy_with(head.text.rstrip() + joiner + t)
            if head.bbox and cell.bbox and head.page == cell.page:
                # on one page the joined cell's box covers both its lines
                a, b = head.bbox, cell.bbox
                joined.bbox = (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))
            previous[c] = joined


# ---------------------------------------------------------------- merging pieces


#: a line that titles a table of its own: 'Lampiran 2 …', 'Matriks 1', or an upper-case
#: title naming what tables hold ('CAPAIAN KINERJA SASARAN B', 'REALISASI ANGGARAN …')
OTHER_CAPTION = re.compile(r"^[\s*_#]*(lampiran|matriks|formulir|form)\s*[\dIVX]", re.IGNORECASE)
TITLE_WORDS = re.compile(
    r"\b(CAPAIAN|REALISASI|TARGET|ANGGARAN|PERJANJIAN|RENCANA|INDIKATOR|PROGRAM|REKAPITULASI|"
    r"EVALUASI|JUMLAH PEGAWAI|DATA PEGAWAI|PENGUKURAN|KEGIATAN)\b")


def _titles_a_new_table(text: str, first: RawTable) -> bool:
    """A gap line that is a table's own title, unless it repeats the first piece's title
    (a report that reprints its table title on every page)."""
    bare = text.strip("*_# ").strip()
    if OTHER_CAPTION.match(bare):
        return True
    own = {t.strip("*_# ").strip().lower() for _, t in first.preceding_text}
    words = bare.split()
    return (bare.isupper() and len(words) >= 3 and bool(TITLE_WORDS.search(bare))
            and bare.lower() not in own)


def _intervening_is_furniture(prev: RawTable, piece: RawTable, first: RawTable | None = None,
                              ) -> bool:
    """Between two pieces of one table a page break leaves only blank lines, running
    headers/footers and page numbers; a caption, a table title or a paragraph means a new
    table."""
    if prev.line_end is None or piece.line_start is None:
        return prev.page_end is not None and piece.page_start == prev.page_end + 1
    gap = [t for ln, t in piece.preceding_text if ln > prev.line_end]
    if len(gap) > 3:
        return False
    for text in gap:
        if parse_caption_line(text) or len(text) > 80 or text.lower().startswith("sumber"):
            return False
        if _titles_a_new_table(text, first or prev):
            return False
    return True


GRID_TOLERANCE = 4.0  # points; one ruled grid re-drawn on the next page lands within this


def column_edges(piece: RawTable) -> list[float] | None:
    """Left edge of each column of a PDF piece (None for text pieces, which carry no boxes)."""
    edges = []
    for c in range(piece.n_cols):
        xs = [r[c].bbox[0] for r in piece.rows if c < len(r) and r[c].bbox]
        if not xs:
            return None
        edges.append(min(xs))
    return edges or None


def grid_offset(first: RawTable, piece: RawTable) -> int | None:
    """How many leading columns of `first` a piece lacks when its ruled columns sit exactly
    under `first`'s (a landscape form's next page, whose merged first column is empty and was
    dropped); None when the grids differ. Geometry, not content: the next page of such a form
    can open with rows that carry no figure and look like a header."""
    a, b = column_edges(first), column_edges(piece)
    if not a or not b or len(b) < 3 or len(b) > len(a):
        return None
    for offset in range(len(a) - len(b) + 1):
        if all(abs(a[offset + i] - x) <= GRID_TOLERANCE for i, x in enumerate(b)):
            return offset
    return None


#: longest gap line still taken for a lost table row: body text runs the page's full width
LOST_ROW_CHARS = 80


def reprints_header(first_split: Split, piece: RawTable) -> bool:
    """Does the piece open with the first piece's whole multi-row header (its header rows and
    its column-number row, in order)? Two header rows repeated verbatim name one table, as
    a single generic row ('No | Uraian') would not."""
    if len(first_split.header) + len(first_split.dropped) < 2:
        return False
    own = split_header(piece)
    return (len(own.header) == len(first_split.header)
            and len(own.dropped) == len(first_split.dropped)
            and all(rows_match(a, b) for a, b in zip(own.header, first_split.header, strict=True)))


def _gap_is_lost_rows(prev: RawTable, piece: RawTable, first: RawTable) -> bool:
    """Between a page's piece and the next page's, an unruled table body the extractor left
    outside the grid prints as short cell fragments ('Padi Ton 12.31'), however many; a
    caption, a table title, a source line or a page-wide paragraph still means a new table."""
    if prev.page_end is None or piece.page_start != prev.page_end + 1 or prev.line_end is None:
        return False
    gap = [t for ln, t in piece.preceding_text if ln > prev.line_end]
    return all(
        len(t) <= LOST_ROW_CHARS and not parse_caption_line(t)
        and not t.lower().startswith("sumber") and not _titles_a_new_table(t, first)
        for t in gap
    )


def _continues(first: RawTable, first_split: Split, prev: RawTable, piece: RawTable) -> bool:
    if not _intervening_is_furniture(prev, piece, first):
        # the next page reprints the whole header: the lines between are the table's own
        # rows that fell outside its grid, not a new table's caption or text
        return reprints_header(first_split, piece) and _gap_is_lost_rows(prev, piece, first)
    if first.style == "pdf" and piece.style == "pdf" and grid_offset(first, piece) is not None:
        return True
    if not first_split.header and not first_split.dropped:
        return abs(piece.n_cols - prev.n_cols) <= 1 and piece.n_cols > 1
    head = piece.rows[0]
    if any(rows_match(head, h) for h in first_split.header) or is_column_number_row(head):
        return True
    return _fits_without_header(first, piece)


def _fits_without_header(first: RawTable, piece: RawTable) -> bool:
    """A piece without its own header (the pipe converter put a data row above |---|, or a
    row lost its trailing empty cells) continues a table about as wide; one that starts
    with a header of its own, unmarked, is a new table."""
    if split_header(piece).header and not piece.header_rows:
        return False
    return piece.n_cols >= 2 and piece.n_cols <= first.n_cols + 1 and (
        piece.n_cols >= first.n_cols - 3
    )


def _strip_repeated_header(piece: RawTable, first_split: Split) -> tuple[list[Row], list[Row]]:
    rows = list(piece.rows)
    removed: list[Row] = []
    for _ in range(len(first_split.header) + len(first_split.dropped) + 2):
        if not rows:
            break
        head = rows[0]
        if (
            is_column_number_row(head)
            or is_unit_row(head)
            or any(rows_match(head, h) for h in first_split.header)
            or not nonempty(head)
        ):
            removed.append(rows.pop(0))
            continue
        break
    return rows, removed


def group_pieces(pieces: list[RawTable]) -> list[list[RawTable]]:
    groups: list[list[RawTable]] = []
    first_split: Split | None = None
    for piece in pieces:
        if groups and first_split is not None:
            group = groups[-1]
            if _continues(group[0], first_split, group[-1], piece):
                group.append(piece)
                continue
        groups.append([piece])
        first_split = split_header(piece)
    return groups


# ---------------------------------------------------------------- forward fill


def _column_is_text(rows: list[Row], c: int) -> bool:
    texts = [r[c].text for r in rows if r[c].text.strip()]
    if not texts:
        return False
    wordy = sum(1 for t in texts if not looks_numeric(t) and sum(ch.isalpha() for ch in t) >= 2)
    return wordy >= 0.8 * len(texts)


def forward_fill(rows: list[Row], columns: list[str]) -> list[str]:
    """Fill cells a merged (vertically spanning) cell left empty below its first row.

    Only text columns to the left of the leaf label column are filled: a sasaran or a
    programme spans several indicator rows, while an empty number column means no number.
    Returns notes naming the filled columns.
    """
    if not rows:
        return []
    notes = []
    for c in _span_columns(rows, len(columns)):
        # First join lower-case continuations ('publik kecamatan') into the cell they finish.
        _join_lowercase_tails(rows, c)
        filled = _fill_down(rows, c)
        if filled:
            notes.append(f"forward-filled {filled} merged cells of column '{columns[c]}'")
    return notes


def _span_columns(rows: list[Row], n: int) -> list[int]:
    """The text columns left of the leaf label column (the text column filled on most
    rows) with empty cells: where a merged cell may span rows. None under two text columns."""
    text_cols = [c for c in range(n) if _column_is_text(rows, c)]
    if len(text_cols) < 2:
        return []
    counts = {c: sum(1 for r in rows if r[c].text.strip()) for c in text_cols}
    # The leaf is the first column that prints the most rows: a form printing two plans
    # side by side (a Renja review: the RKPD draft's Kegiatan | Indikator | … beside the
    # needs analysis' own) repeats its full name column, and the left half's indicator
    # describes its row, it does not span rows the way a sasaran left of the leaf does.
    leaf = max(text_cols, key=lambda c: (counts[c], -c))
    return [c for c in text_cols if c < leaf and counts[c] < len(rows)]


def _join_lowercase_tails(rows: list[Row], c: int) -> None:
    """A cell of column c starting lower case, on a row with no row number, finishes the
    cell above it: joined there, its own cell emptied."""
    origin: int | None = None
    for i, row in enumerate(rows):
        t = row[c].text.strip()
        if not t:
            continue
        if origin is not None and t[:1].islower() and not _has_row_number(row):
            cell = rows[origin][c]
            rows[origin][c] = cell.copy_with(cell.text.rstrip() + " " + t)
            row[c] = Cell(text="", line=row[c].line, page=row[c].page)
            continue
        origin = i


def _fill_down(rows: list[Row], c: int) -> int:
    """Copy each cell of column c into the empty cells below it whose rows name something
    to the right (marked `filled`); returns how many were filled."""
    last: Cell | None = None
    filled = 0
    for row in rows:
        if row[c].text.strip():
            last = row[c]
        elif last is not None and _row_has_content_right_of(row, c):
            row[c] = Cell(text=last.text, line=last.line, page=last.page, bbox=last.bbox,
                          filled=True)
            filled += 1
    return filled


YEAR_CELL = re.compile(r"^(19|20)\d\d$")
NUMBER_AND_TEXT = re.compile(r"^(\d{1,3})\.?\s+(\D.*)$")


def rejoin_spread_cells(rows: list[Row], columns: list[str]) -> list[str]:
    """Tables that give one row per year ('Tahun' 2022, 2023) print an indicator's merged
    cells across its year rows, vertically centred: the number lands in the middle row,
    glued to the text beside it ('1 Yang Efektif …', which pushes the row one column left),
    and the names are cut into pieces ('Indeks' / 'Kepuasan Pelayanan Kecamatan'). Put the
    number back in its column and the pieces back together on every row of the indicator."""
    heads = [normalise_header_text([c]) for c in columns]
    if not heads or not heads[0].startswith("no") or not any(h.startswith("tahun") for h in heads):
        return []
    year_col = next(i for i, h in enumerate(heads) if h.startswith("tahun"))
    notes = _unglue_row_numbers(rows, year_col)
    joined = sum(_join_pieces_over_years(run, year_col) for run in _year_runs(rows, year_col)
                 if len(run) >= 2)
    if joined:
        notes.append(f"re-joined {joined} merged cell(s) printed in pieces over their year rows")
    return notes


def _unglue_row_numbers(rows: list[Row], year_col: int) -> list[str]:
    """A row whose first cell prints its number glued to its text ('1 Yang Efektif'), and
    so ends short with a year just left of the year column, is split and shifted back."""
    notes = []
    for i, row in enumerate(rows):
        m = NUMBER_AND_TEXT.match(row[0].text.strip())
        if m and _effective_len(row) < len(row) and YEAR_CELL.match(row[year_col - 1].text.strip()):
            rows[i] = [row[0].copy_with(m.group(1)), row[0].copy_with(m.group(2)),
                       *row[1:_effective_len(row)]]
            rows[i] += [Cell(text="", line=row[0].line, page=row[0].page)] * (len(row) - len(rows[i]))
            notes.append(f"split a row number from the text it was glued to (line {row[0].line})")
    return notes


def _year_runs(rows: list[Row], year_col: int) -> list[list[Row]]:
    """The rows in runs of consecutive years (2022, 2023, …): one indicator's rows each."""
    runs: list[list[Row]] = []
    previous_year = None
    for row in rows:
        year_text = row[year_col].text.strip() if year_col < len(row) else ""
        year = int(year_text) if YEAR_CELL.match(year_text) else None
        if year is not None and previous_year is not None and year == previous_year + 1 and runs:
            runs[-1].append(row)
        else:
            runs.append([row])
        previous_year = year
    return runs


def _join_pieces_over_years(run: list[Row], year_col: int) -> int:
    """Each column left of the year whose cells over the run print different pieces gets
    the pieces joined on every row of the run; returns how many columns were joined."""
    joined = 0
    for c in range(1, year_col):
        pieces = [r[c].text.strip() for r in run if r[c].text.strip()]
        if len(pieces) < 2 or len(set(pieces)) == 1:
            continue
        whole = " ".join(pieces)
        for r in run:
            r[c] = r[c].copy_with(whole)
        joined += 1
    return joined


def _has_row_number(row: Row) -> bool:
    return bool(row) and bool(re.match(r"^\d{1,3}\.?$", row[0].text.strip()))


def _row_has_content_right_of(row: Row, c: int) -> bool:
    """Words to the right: a merged label spans rows that name something of their own; an
    all-figures row (an unlabelled total) is not under it."""
    return any(cell.text.strip() and not looks_numeric(cell.text) for cell in row[c + 1 :])


# ---------------------------------------------------------------- code columns

# '7', '2.', '7.01', and digit groups printed with spaces ('7 0 1 3 02', '00 01')
CODE_FRAGMENT = re.compile(r"^(?:[\dX]{1,4}\.?|[\dX]{1,2}(?:[. ][\dX]{1,4})+\.?)$")


def code_span(header: list[Row]) -> int:
    """How many columns a 'Kode' header spans: itself plus the columns right of it that no
    header row names. A PDF that rules one cell per code part ('1.25 | 01 | 02 | 53 | 01')
    prints 'Kode' once over all of them; the body's parts must then be joined in place,
    keeping every later cell under its own header."""
    width = max((len(r) for r in header), default=0)
    span = 1
    while span < width and all(span >= len(r) or not r[span].text.strip() for r in header):
        span += 1
    return span if span < width else 1


def merge_code_fragments(rows: list[Row], set_aside: list[Row], span: int = 1) -> int:
    """A 'Kode' column that the converter spread over several cells ('7 | 0 | 0 | 2. | 00')
    is put back into one cell, so the name and figures return under their headers. A row
    of nothing but fragments finishes the code of the row above. When the header itself
    spans the parts (``span`` > 1) the joined code fills the first cell and the rest of the
    span is left blank, so the row keeps its width. Returns rows changed."""
    changed = 0
    last = -1
    for i, row in enumerate(rows):
        j = _code_prefix(row, span)
        fragments = [re.sub(r"\s+", ".", c.text.strip()) for c in row[:j] if c.text.strip()]
        if fragments and last >= 0 and not any(c.text.strip() for c in row[j:]):
            prev = rows[last]
            prev[0] = prev[0].copy_with(f"{prev[0].text} {'.'.join(fragments)}".strip())
            set_aside.append(row)
            rows[i] = []
            changed += 1
            continue
        last = i
        joined = _joined_code(row, j, fragments, span)
        if joined is not None:
            rows[i] = joined
            changed += 1
    rows[:] = [r for r in rows if r]
    return changed


def _code_prefix(row: Row, span: int) -> int:
    """How many leading cells are empty or code fragments: within the header's span when
    it spans the code parts, else anywhere along the row."""
    limit = min(span if span > 1 else len(row), len(row))
    j = 0
    while j < limit and (not row[j].text.strip() or CODE_FRAGMENT.match(row[j].text.strip())):
        j += 1
    return j


def _joined_code(row: Row, j: int, fragments: list[str], span: int) -> Row | None:
    """The row with its `j` leading code cells joined into its first ('7 | 0 | 2.' →
    '7.0.2.', the span's other cells blanked when the header spans them), or a lone cell's
    spaced groups dotted ('7 0 1 3 02' → '7.0.1.3.02'); None when nothing changes."""
    if j == 1 and fragments and fragments[0] != row[0].text.strip():
        return [row[0].copy_with(fragments[0]), *row[1:]]
    if j <= 1 or not fragments:
        return None
    code = re.sub(r"\.{2,}", ".", ".".join(fragments))
    blanks = [c.copy_with("") for c in row[1:j]] if span > 1 else []
    return [row[0].copy_with(code), *blanks, *row[j:]]


# ---------------------------------------------------------------- lost cells

DASHES = {"-", "–", "—", "N/A", "N/a", "n/a"}


def cell_type(text: str) -> str:
    t = text.strip()
    if not t:
        return "empty"
    if t in DASHES:
        return "dash"
    if not looks_numeric(t):
        return "text"
    # Rupiah amounts and small figures (K, %, counts) sit in different columns of one table.
    return "amount" if sum(ch.isdigit() for ch in t) >= 6 else "number"


def _profiles(rows: list[Row], n: int) -> list[dict[str, float]]:
    """For each column, how often each cell type occurs (smoothed)."""
    out = []
    for c in range(n):
        counts = {"empty": 1.0, "dash": 1.0, "number": 1.0, "amount": 1.0, "text": 1.0}
        for r in rows:
            counts[cell_type(r[c].text) if c < len(r) else "empty"] += 1
        total = sum(counts.values())
        out.append({k: v / total for k, v in counts.items()})
    return out


def _fit(row_types: list[str | None], profiles: list[dict[str, float]]) -> float:
    import math

    return sum(
        math.log(profiles[c][t]) for c, t in enumerate(row_types) if t and c < len(profiles)
    )


def _effective_len(row: Row) -> int:
    last = max((i for i, c in enumerate(row) if c.text.strip()), default=-1)
    return last + 1


MIN_GAIN = 3.0  # log-likelihood units: the shifted row must fit clearly better


def restore_lost_cells(rows: list[Row], notes: list[str]) -> None:
    """A converter sometimes drops an empty cell from a row, so everything after it sits one
    column left of its header (an E.81 row's totals, an LPPD row's whole figure block).
    For a row that ends earlier than the table's rows usually do, try every place the lost
    cell(s) could have been and keep the one under which each cell looks like its column
    (number under numbers, dash under dashes); only a clearly better fit is applied."""
    if len(rows) < 5:
        return
    lengths = [_effective_len(r) for r in rows]
    modal = max(set(lengths), key=lengths.count)
    n = max(len(r) for r in rows)
    profiles = _profiles(rows, n)
    repaired = 0
    for i, row in enumerate(rows):
        k = modal - lengths[i]
        if not 1 <= k <= 2 or cell_type(row[lengths[i] - 1].text) not in ("number", "amount", "dash"):
            continue
        types: list[str | None] = [cell_type(c.text) for c in row[: lengths[i]]]
        base = _fit(types + ["empty"] * k, profiles)
        best, best_at = base, None
        for p in range(1, lengths[i]):
            candidate = types[:p] + [None] * k + types[p:]  # the lost cells are not scored
            score = _fit(candidate, profiles)
            if score > best:
                best, best_at = score, p
        if best_at is not None and best - base >= MIN_GAIN:
            line = row[0].line
            page = row[0].page
            filler = [Cell(text="", line=line, page=page) for _ in range(k)]
            rows[i] = row[:best_at] + filler + row[best_at:]
            repaired += 1
    if repaired:
        notes.append(f"restored {repaired} row(s) that lost empty cells in conversion")


# ---------------------------------------------------------------- assembly


def _pad(row: Row, n: int) -> Row:
    if len(row) >= n:
        return row
    line = next((c.line for c in row if c.line is not None), None)
    page = next((c.page for c in row if c.page is not None), None)
    return row + [Cell(text="", line=line, page=page) for _ in range(n - len(row))]


def build_table(index: int, group: list[RawTable]) -> LogicalTable:
    """One logical table from its pieces (one per page or per markdown block): the first
    piece's header over every piece's data rows, with each repair noted."""
    first = group[0]
    split = split_header(first)
    notes: list[str] = []
    # Rows that are not data (repeated headers, column numbers, tails joined into the row
    # above) are kept aside, so the stored table still accounts for every printed line.
    set_aside: list[Row] = list(split.dropped)
    body = _join_pieces(group, split, set_aside, notes)
    body = _drop_number_rows(body, set_aside, notes)
    if set_aside_legend_rows(body, set_aside):
        notes.append("set aside a legend line printed under the table")
    _rejoin_codes(split, body, set_aside, notes)
    restore_lost_cells(body, notes)
    n_cols = max([len(r) for r in split.header] + [len(r) for r in body] + [1])
    header_grid, columns = flatten_header(split.header, n_cols)
    body = [_pad(r, n_cols) for r in body]
    notes += name_text_beside_numbering(columns, body)
    notes += rejoin_spread_cells(body, columns)
    notes += forward_fill(body, columns)
    caption = find_caption(first.preceding_text)
    page_start, page_end = _page_range(group)
    return LogicalTable(
        index=index,
        label=caption.label if caption else None,
        caption=caption.title if caption else None,
        header_rows=header_grid,
        columns=columns,
        rows=body,
        header_cells=list(split.header),
        set_aside=set_aside,
        line_start=first.line_start,
        line_end=group[-1].line_end,
        page_start=page_start,
        page_end=page_end,
        pieces=len(group),
        notes=notes,
    )


def _join_pieces(group: list[RawTable], split: Split, set_aside: list[Row],
                 notes: list[str]) -> list[Row]:
    """The data rows of every piece, the first piece's after its header; what each later
    piece repeats or breaks is set aside and noted (`_continuation_rows`)."""
    body: list[Row] = list(split.body)
    width = max([len(r) for r in split.header] + [len(r) for r in split.body] + [1])
    for piece in group[1:]:
        body.extend(_continuation_rows(piece, group[0], split, width, body, set_aside, notes))
    return body


def _continuation_rows(piece: RawTable, first: RawTable, split: Split, width: int,
                       body: list[Row], set_aside: list[Row], notes: list[str]) -> list[Row]:
    """A later piece's data rows: its repeated header dropped, its rows shifted right when
    it lost leading merged columns, and its first row joined to the last row of `body`
    when it continues a cell broken across the page break."""
    rows, removed = _strip_repeated_header(piece, split)
    set_aside += removed
    if removed:
        notes.append(f"dropped {len(removed)} repeated header rows at line/page {_where(piece)}")
    regridded = regrid_piece(first, piece, rows)
    if regridded is not None:
        rows = regridded
        notes.append(f"piece at {_where(piece)} cut into other columns than the first; "
                     "its cells placed under the first piece's columns by position")
    missing = _missing_leading_columns(piece, rows, width, first)
    if missing:
        rows = [_left_pad(r, missing) for r in rows]
        notes.append(
            f"piece at {_where(piece)} restarts without its first {missing} merged "
            "column(s); shifted right under the header"
        )
    if rows and body and is_continuation_row(rows[0], body[-1]):
        join_rows(body[-1], rows[0])
        notes.append(f"joined a cell broken across a page break at {_where(piece)}")
        set_aside.append(rows[0])
        rows = rows[1:]
    return rows


def _drop_number_rows(body: list[Row], set_aside: list[Row], notes: list[str]) -> list[Row]:
    """Column-number rows repeated inside a body (after a page break with no header) are
    set aside; empty rows go."""
    kept = [r for r in body if not is_column_number_row(r) and nonempty(r)]
    set_aside += [r for r in body if is_column_number_row(r)]
    if len(kept) != len(body):
        notes.append(f"dropped {len(body) - len(kept)} column-number or empty rows")
    return kept


def _rejoin_codes(split: Split, body: list[Row], set_aside: list[Row], notes: list[str]) -> None:
    """Under a header whose first column is a code ('Kode'), code parts spread over several
    cells are joined back in place (`merge_code_fragments`)."""
    code_first = split.header and normalise_header_text(cell_texts(split.header[0])[:1])
    if code_first and code_first.startswith("kode") and merge_code_fragments(
        body, set_aside, code_span(split.header)
    ):
        notes.append("re-joined a code column split over several cells")


def _page_range(group: list[RawTable]) -> tuple[int | None, int | None]:
    """The first and last page the pieces print on (None for a text report)."""
    pages = [p.page_start for p in group if p.page_start] + [p.page_end for p in group if p.page_end]
    return (min(pages), max(pages)) if pages else (None, None)


def _missing_leading_columns(piece: RawTable, rows: list[Row], width: int,
                             first: RawTable | None = None) -> int:
    """A pipe table continued on a new page sometimes drops the leading merged column
    (the programme), so every cell sits one column to the left of its header. Pipe rows
    print every cell, so a uniformly narrower piece says exactly how many columns are gone;
    a PDF piece says it by where its ruled columns sit."""
    if piece.style == "pdf" and first is not None and rows:
        return grid_offset(first, piece) or 0
    if piece.style != "markdown" or not rows:
        return 0
    widths = {len(r) for r in rows}
    if len(widths) != 1:
        return 0
    (w,) = widths
    return width - w if 0 < width - w <= 2 else 0


def column_lefts(piece: RawTable) -> list[float] | None:
    """Typical left edge of each column of a PDF piece: the median over its printed cells,
    so a spanning title or a legend line under the table does not move a column."""
    lefts = []
    for c in range(piece.n_cols):
        xs = sorted(r[c].bbox[0] for r in piece.rows
                    if c < len(r) and r[c].bbox and r[c].text.strip())
        if not xs:
            return None
        lefts.append(xs[len(xs) // 2])
    return lefts if lefts == sorted(lefts) else None


def regrid_piece(first: RawTable, piece: RawTable, rows: list[Row]) -> list[Row] | None:
    """A continued PDF piece cut into another number of columns than the first (the next
    page's ruling adds a hairline, so an empty column appears between two printed ones, or
    drops an empty code column) puts every cell after the difference one column off its
    header. Its cells are placed again under the first piece's columns by where they print;
    None when the grids agree, when a piece merely lacks leading columns (grid_offset), or
    when any printed cell cannot be placed alone (no box, or two cells in one column)."""
    if first.style != "pdf" or piece.style != "pdf" or piece.n_cols == first.n_cols:
        return None
    if grid_offset(first, piece) is not None:
        return None
    lefts = column_lefts(first)
    if not lefts:
        return None
    placed = []
    for row in rows:
        new = _regrid_row(row, lefts)
        if new is None:
            return None
        placed.append(new)
    return placed


def _regrid_row(row: Row, lefts: list[float]) -> Row | None:
    line = next((c.line for c in row if c.line is not None), None)
    page = next((c.page for c in row if c.page is not None), None)
    out = [Cell(text="", line=line, page=page) for _ in lefts]
    for cell in row:
        if not cell.text.strip():
            continue
        if cell.bbox is None:
            return None
        centre = (cell.bbox[0] + cell.bbox[2]) / 2
        col = max([i for i, x in enumerate(lefts) if x <= centre + GRID_TOLERANCE], default=0)
        if out[col].text:
            return None
        out[col] = cell
    return out


# 'Keterangan :', 'Ket.', 'Catatan:', 'Sumber:' opening a table's last line: a legend or
# a note printed under the grid, not a data row.
LEGEND_HEAD = re.compile(r"^(?:keterangan|ket\.?|catatan|sumber(?:\s+data)?)\s*:?$", re.IGNORECASE)


def set_aside_legend_rows(body: list[Row], set_aside: list[Row]) -> int:
    """A colour or criterion legend ('Keterangan : Sangat Baik [>=80%] ; Baik [60-79,99%]')
    caught in the table's last grid line would otherwise be read as one more indicator with
    its ranges as figures. Trailing rows that open with a legend word are set aside (kept,
    not read); returns how many."""
    n = 0
    while body:
        texts = nonempty(body[-1])
        if not texts or not LEGEND_HEAD.match(texts[0].strip()) or len(texts) < 2:
            break
        set_aside.append(body.pop())
        n += 1
    return n


def _left_pad(row: Row, n: int) -> Row:
    line = next((c.line for c in row if c.line is not None), None)
    page = next((c.page for c in row if c.page is not None), None)
    return [Cell(text="", line=line, page=page) for _ in range(n)] + row


def _where(piece: RawTable) -> str:
    return str(piece.line_start if piece.line_start is not None else piece.page_start)


def reconstruct(pieces: list[RawTable]) -> list[LogicalTable]:
    return [build_table(i, g) for i, g in enumerate(group_pieces(pieces))]
