"""Step: code columns. A 'Kode' column spread over several cells by the converter is joined
back into one cell, so names and figures return under their headers. Apart because it fires
only under a code header and rewrites rows in place before the columns are counted."""

from __future__ import annotations

import re

from pipeline.model import Row
from pipeline.reconstruct.headers import Split
from pipeline.reconstruct.rows import cell_texts, normalise_header_text

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
        if last >= 0 and _only_fragments(row, j, fragments):
            _finish_code(rows[last], fragments)
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


def _only_fragments(row: Row, j: int, fragments: list[str]) -> bool:
    """A row of nothing but code fragments (it finishes the code of the row above)."""
    return bool(fragments) and not any(c.text.strip() for c in row[j:])


def _finish_code(prev: Row, fragments: list[str]) -> None:
    """Append the fragments, dotted, to the code in the row's first cell."""
    prev[0] = prev[0].copy_with(f"{prev[0].text} {'.'.join(fragments)}".strip())


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


def rejoin_codes(split: Split, body: list[Row], set_aside: list[Row], notes: list[str]) -> None:
    """Under a header whose first column is a code ('Kode'), code parts spread over several
    cells are joined back in place (`merge_code_fragments`)."""
    code_first = split.header and normalise_header_text(cell_texts(split.header[0])[:1])
    if code_first and code_first.startswith("kode") and merge_code_fragments(
        body, set_aside, code_span(split.header)
    ):
        notes.append("re-joined a code column split over several cells")
