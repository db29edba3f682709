"""Step: headers. A piece's header rows are told from its data rows (`split_header`), then
flattened into one name per column (`flatten_header`), and a header printed over an outline
number is moved onto the text it names. A step of its own because both grouping (does the
next piece repeat this header?) and assembly (what are the columns?) start from it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from pipeline.model import RawTable, Row
from pipeline.reconstruct.rows import (
    YEAR,
    is_column_number_row,
    is_header_like,
    is_number_token,
    is_unit_row,
    looks_numeric,
    nonempty,
)
from pipeline.vocab import NUMBER_HEAD

#: how far down a piece a unit row or a column-number row may close its header
HEADER_DEPTH = 7


@dataclass
class Split:
    header: list[Row]
    body: list[Row]
    dropped: list[Row]  # column-number and unit rows (and title rows, as below)
    titles: list[str] = field(default_factory=list)  # title lines printed inside the frame


def has_data_number(row: Row) -> bool:
    """A figure that only a data row prints: not a year, not a column number."""
    for t in nonempty(row):
        t = t.strip()
        if looks_numeric(t) and not (YEAR.match(t) or is_number_token(t)):
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


def _printed(row: Row) -> dict[int, str]:
    """The row's printed cells by column."""
    return {c: cell.text.strip() for c, cell in enumerate(row) if cell.text.strip()}


def _all_match(pattern: re.Pattern, texts: Iterable[str]) -> bool:
    """Does every text match the pattern (from its start)?"""
    return all(pattern.match(t) for t in texts)


def _joined_years(head: Row, tail: Row) -> Row | None:
    """The row of whole years a row of year heads and the row of digits under them make;
    None unless they print in the same two or more columns and nothing else."""
    heads, tails = _printed(head), _printed(tail)
    if len(heads) < 2 or set(heads) != set(tails):
        return None
    if not _all_match(_YEAR_HEAD, heads.values()) or not _all_match(_YEAR_TAIL, tails.values()):
        return None
    return [cell.copy_with(heads[c] + tails[c]) if c in heads else cell
            for c, cell in enumerate(head)]


def split_header(piece: RawTable) -> Split:
    """The piece's header rows, data rows and the column-number / unit rows dropped between
    them. The surest sign decides: a unit row, then a column-number row, then the header
    rows the source marked (markdown), then leading header-like rows; else no header."""
    rows = join_wrapped_years(piece.rows)
    split = _split_rows(rows, piece.header_rows)
    if split.header:
        return split
    return _split_below_titles(rows, piece.header_rows) or split


def _split_rows(rows: list[Row], header_rows: int | None) -> Split:
    """The surest split of `rows` (see `split_header`)."""
    return (_split_at_unit_row(rows) or _split_at_number_row(rows)
            or _split_as_marked(rows, header_rows) or _split_leading_header(rows)
            or Split(header=[], body=list(rows), dropped=[]))


#: title lines a table's frame may hold above its header ('Tabel 2.1.', its title, the region)
MAX_TITLE_ROWS = 5


def _split_below_titles(rows: list[Row], header_rows: int | None) -> Split | None:
    """A table whose frame also encloses its caption: leading rows that print one line in
    one cell (or nothing) above a header. The header is found under them; the title rows are
    set aside (kept) and their text offered as the table's caption."""
    k = 0
    while k < len(rows) and k < MAX_TITLE_ROWS and len(nonempty(rows[k])) <= 1:
        k += 1
    titles = [t for r in rows[:k] for t in nonempty(r)]
    if len(titles) < 2:
        return None  # one line over a header is a group title (`_opens_with_header`)
    split = _split_rows(rows[k:], max(0, (header_rows or 0) - k))
    if not split.header:
        return None
    return Split(header=split.header, body=split.body, dropped=list(rows[:k]) + split.dropped,
                 titles=titles)


def _split_at_unit_row(rows: list[Row]) -> Split | None:
    """A unit row (`K Rp K Rp`, `Target Rp`) within the first HEADER_DEPTH rows, with no
    data figure above it, closes a multi-row header for certain."""
    for k in range(min(HEADER_DEPTH, len(rows))):
        if is_unit_row(rows[k]) and not any(has_data_number(r) for r in rows[:k]):
            return _split_after(rows, k)
    return None


def _split_after(rows: list[Row], k: int) -> Split:
    """Rows up to k are the header, the column-number rows among them dropped."""
    header = [r for r in rows[: k + 1] if not is_column_number_row(r)]
    dropped = [r for r in rows[: k + 1] if is_column_number_row(r)]
    return Split(header=header, body=list(rows[k + 1 :]), dropped=dropped)


def _split_at_number_row(rows: list[Row]) -> Split | None:
    """A column-number row ('1 2 3 …') within the first HEADER_DEPTH rows, under header-like
    rows, ends the header; unit and number rows printed right below it are dropped too."""
    for k in range(min(HEADER_DEPTH, len(rows))):
        if is_column_number_row(rows[k]) and all(is_header_like(r) for r in rows[:k]):
            dropped = [rows[k], *_unit_or_number_rows(rows[k + 1:])]
            # A unit row under the number row belongs to the header (it names K / Rp).
            header = list(rows[:k]) + [r for r in dropped[1:] if is_unit_row(r)]
            return Split(header=header, body=list(rows[k + len(dropped):]), dropped=dropped)
    return None


def _unit_or_number_rows(rows: list[Row]) -> list[Row]:
    """The unit and column-number rows the rows open with."""
    out = []
    for row in rows:
        if not (is_unit_row(row) or is_column_number_row(row)):
            break
        out.append(row)
    return out


def _split_as_marked(rows: list[Row], header_rows: int | None) -> Split | None:
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
    if not _opens_with_header(rows):
        return None
    header = [rows[0]]
    k = 1
    while k < len(rows) and k < 4 and is_header_like(rows[k]) and _is_subheader(rows[k], header):
        header.append(rows[k])
        k += 1
    return Split(header=header, body=list(rows[k:]), dropped=[])


def _opens_with_header(rows: list[Row]) -> bool:
    """A header-like first row of ≥ 2 labels, or of one group title over a header-like row
    of ≥ 3 labels."""
    group_above = (
        len(rows) > 1 and len(nonempty(rows[0])) == 1 and is_header_like(rows[1])
        and len(nonempty(rows[1])) >= 3
    )
    return bool(rows) and is_header_like(rows[0]) and (len(nonempty(rows[0])) >= 2 or group_above)


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




def flatten_header(header: list[Row], n_cols: int) -> tuple[list[list[str]], list[str]]:
    """Fill horizontal spans top-down and join each column's header cells into one name.

    A cell spans right over empty cells while some lower header row has text in those
    columns and the span stays inside its parent's span ('Triwulan' over 'I' and 'II').
    """
    grid = [_header_texts(r, n_cols) for r in header]
    parent = [0] * n_cols  # span id of each column in the row above; all one span at the top
    for r, row in enumerate(grid):
        span_ids = _spread_row(row, _labelled_below(grid, r, n_cols), parent)
        parent = [hash((parent[c], span_ids[c])) for c in range(n_cols)]
    return grid, [_column_name(grid, c) for c in range(n_cols)]


def _header_texts(row: Row, n_cols: int) -> list[str]:
    """A header row's texts over all n_cols columns ('' past its end)."""
    return [(row[c].text.strip() if c < len(row) else "") for c in range(n_cols)]


def _labelled_below(grid: list[list[str]], r: int, n_cols: int) -> list[bool]:
    """For each column, whether any header row below row r labels it."""
    return [any(grid[rr][c] for rr in range(r + 1, len(grid))) for c in range(n_cols)]


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
        if is_number_token(text):
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


def _names_text(name: str) -> bool:
    """A header naming text ('Indikator', 'Program'), not figures; 'NO. URAIAN …' names its
    numbers itself."""
    return bool(TEXT_HEADER.search(name) and not FIGURE_HEADER.search(name)
                and not NUMBER_HEAD.match(name))


def _header_over_numbers(columns: list[str], body: list[Row], i: int) -> bool:
    """Column i's text header sits over outline numbers, beside an unnamed column of words."""
    return _names_text(columns[i]) and bool(PLACEHOLDER_NAME.match(columns[i + 1])) \
        and _numbering_only(body, i) and _mostly_words(body, i + 1)


def name_text_beside_numbering(columns: list[str], body: list[Row]) -> list[str]:
    """A header printed over two ruled columns, an outline number ('1.1.1') and the text it
    numbers, lands on the number: the unnamed column right of it holds what the header
    names. The header moves onto the text and the numbers become a 'No' column, so
    'Indikator Kinerja' is read from the indicator, not from its number."""
    moved = []
    for i in range(len(columns) - 1):
        if _header_over_numbers(columns, body, i):
            columns[i + 1], columns[i] = columns[i], "No"
            moved.append(columns[i + 1])
    return [f"header '{name}' moved from its outline numbers to the text beside them"
            for name in moved]
