"""Step: row repair. Rows that are not data (column-number rows, a legend line under the
grid) are set aside, and a row that lost empty cells in conversion gets them back where each
cell then fits its column best. Apart because it judges whole rows against the body."""

from __future__ import annotations

import re

from pipeline.model import Cell, Row
from pipeline.reconstruct.rows import effective_len, is_column_number_row, looks_numeric, nonempty

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


MIN_GAIN = 3.0  # log-likelihood units: the shifted row must fit clearly better


def restore_lost_cells(rows: list[Row], notes: list[str]) -> None:
    """A converter sometimes drops an empty cell from a row, so everything after it sits one
    column left of its header (an E.81 row's totals, an LPPD row's whole figure block).
    For a row that ends earlier than the table's rows usually do, try every place the lost
    cell(s) could have been and keep the one under which each cell looks like its column
    (number under numbers, dash under dashes); only a clearly better fit is applied."""
    if len(rows) < 5:
        return
    lengths = [effective_len(r) for r in rows]
    modal = max(set(lengths), key=lengths.count)
    profiles = _profiles(rows, max(len(r) for r in rows))
    repaired = 0
    for i, row in enumerate(rows):
        restored = _restored(row, lengths[i], modal - lengths[i], profiles)
        if restored is not None:
            rows[i] = restored
            repaired += 1
    if repaired:
        notes.append(f"restored {repaired} row(s) that lost empty cells in conversion")


def _restored(row: Row, length: int, k: int, profiles: list[dict[str, float]]) -> Row | None:
    """The row with k (one or two) empty cells put back where they fit clearly best; None
    when it is not short by one or two, does not end in a figure, or no place fits better."""
    if not 1 <= k <= 2 or cell_type(row[length - 1].text) not in ("number", "amount", "dash"):
        return None
    best_at = _best_gap([cell_type(c.text) for c in row[:length]], k, profiles)
    if best_at is None:
        return None
    filler = [Cell(text="", line=row[0].line, page=row[0].page) for _ in range(k)]
    return row[:best_at] + filler + row[best_at:]


def _best_gap(types: list[str | None], k: int, profiles: list[dict[str, float]]) -> int | None:
    """Where k lost cells fit the column profiles best, if clearly (MIN_GAIN) better than
    at the row's end; the lost cells themselves are not scored."""
    base = _fit(types + ["empty"] * k, profiles)
    best, best_at = base, None
    for p in range(1, len(types)):
        score = _fit(types[:p] + [None] * k + types[p:], profiles)
        if score > best:
            best, best_at = score, p
    return best_at if best_at is not None and best - base >= MIN_GAIN else None


def drop_number_rows(body: list[Row], set_aside: list[Row], notes: list[str]) -> list[Row]:
    """Column-number rows repeated inside a body (after a page break with no header) are
    set aside; empty rows go."""
    kept = [r for r in body if not is_column_number_row(r) and nonempty(r)]
    set_aside += [r for r in body if is_column_number_row(r)]
    if len(kept) != len(body):
        notes.append(f"dropped {len(body) - len(kept)} column-number or empty rows")
    return kept


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
