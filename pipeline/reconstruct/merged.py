"""Step: merged cells. A vertically merged cell prints once, in its first row (or centred in
pieces over year rows); forward-filling and re-joining put its text on every row it spans,
so each data row carries its own labels. Apart because it runs after the header names the
columns."""

from __future__ import annotations

import re

from pipeline.model import Cell, Row
from pipeline.reconstruct.rows import effective_len, looks_numeric, normalise_header_text


def _column_is_text(rows: list[Row], c: int) -> bool:
    """Four in five of the column's printed cells are words."""
    texts = [r[c].text for r in rows if r[c].text.strip()]
    if not texts:
        return False
    return sum(1 for t in texts if _is_worded(t)) >= 0.8 * len(texts)


def _is_worded(text: str) -> bool:
    """A cell of words: not a figure, at least two letters."""
    return not looks_numeric(text) and sum(ch.isalpha() for ch in text) >= 2


def _printed_count(rows: list[Row], c: int) -> int:
    """How many rows print something in column c."""
    return sum(1 for r in rows if r[c].text.strip())


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
    counts = {c: _printed_count(rows, c) for c in text_cols}
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
    year_col = _year_column([normalise_header_text([c]) for c in columns])
    if year_col is None:
        return []
    notes = _unglue_row_numbers(rows, year_col)
    joined = sum(_join_pieces_over_years(run, year_col) for run in _year_runs(rows, year_col)
                 if len(run) >= 2)
    if joined:
        notes.append(f"re-joined {joined} merged cell(s) printed in pieces over their year rows")
    return notes


def _year_column(heads: list[str]) -> int | None:
    """The first 'Tahun' column of a table whose first column is its row number ('No')."""
    if not heads or not heads[0].startswith("no"):
        return None
    return next((i for i, h in enumerate(heads) if h.startswith("tahun")), None)


def _unglue_row_numbers(rows: list[Row], year_col: int) -> list[str]:
    """A row whose first cell prints its number glued to its text ('1 Yang Efektif'), and
    so ends short with a year just left of the year column, is split and shifted back."""
    notes = []
    for i, row in enumerate(rows):
        m = NUMBER_AND_TEXT.match(row[0].text.strip())
        if m and effective_len(row) < len(row) and YEAR_CELL.match(row[year_col - 1].text.strip()):
            rows[i] = [row[0].copy_with(m.group(1)), row[0].copy_with(m.group(2)),
                       *row[1:effective_len(row)]]
            rows[i] += [Cell(text="", line=row[0].line, page=row[0].page)] * (len(row) - len(rows[i]))
            notes.append(f"split a row number from the text it was glued to (line {row[0].line})")
    return notes


def _year_runs(rows: list[Row], year_col: int) -> list[list[Row]]:
    """The rows in runs of consecutive years (2022, 2023, …): one indicator's rows each."""
    runs: list[list[Row]] = []
    previous_year = None
    for row in rows:
        year = _row_year(row, year_col)
        if year is not None and previous_year is not None and year == previous_year + 1 and runs:
            runs[-1].append(row)
        else:
            runs.append([row])
        previous_year = year
    return runs


def _row_year(row: Row, year_col: int) -> int | None:
    """The year the row prints in its year column, if it prints one."""
    year_text = row[year_col].text.strip() if year_col < len(row) else ""
    return int(year_text) if YEAR_CELL.match(year_text) else None


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
