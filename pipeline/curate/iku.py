"""IKU definition tables → `iku` records: how each key indicator is defined and computed.

The formula text is kept whole: a later check reads it to learn an indicator's direction.

Columns are found by their header words. A scanned table's OCR often merges neighbouring
headers into one cell and leaves the cells beside it blank ('NO. URAIAN DASAR PERTIMBANGAN |
| | SUMBER DATA'); the words of such a cell are dealt out, in reading order, to it and the
blank header cells that follow it.
"""

from __future__ import annotations

import re

from pipeline.classify import squash
from pipeline.curate.context import TableContext, cell_at, clean_label, row_line, row_page
from pipeline.model import LogicalTable, Row
from pipeline.vocab import NUMBER_HEAD

FIELDS = {
    "definition": ("definisi", "pengertian", "dasarpertimbangan", "alasan", "penjelasan"),
    "formula": ("formulasi", "formula", "rumus", "carapengukuran", "perhitungan"),
    "data_source": ("sumberdata",),
    "responsible": ("penanggungjawab", "pj"),
    "sasaran": ("sasaran",),
    "indicator": ("indikator", "iku", "uraian"),
}
# Captions of tables that list the key indicators, with or without their definitions: 'IKU',
# 'Indikator Kinerja Utama', and the Renstra chapter Permendagri 54/2010 prescribes for
# them, 'Indikator Kinerja SKPD yang mengacu pada Tujuan dan Sasaran RPJMD'.
IKU_CAPTION = re.compile(r"indikatorkinerjautama|mengacupadatujuandansasaranrpjmd")


def names_key_indicators(table: LogicalTable) -> bool:
    """Does the caption say the table lists the key indicators (IKU)?"""
    caption = f"{table.label or ''} {table.caption or ''}"
    return bool(IKU_CAPTION.search(squash(caption)) or re.search(r"\bIKU\b", caption))


def _terms(name: str) -> list[str]:
    """The fields a header cell names, in reading order ('no' for a leading 'NO.')."""
    s = squash(name)
    found: list[tuple[int, str]] = [(-1, "no")] if NUMBER_HEAD.match(name) else []
    for field, keys in FIELDS.items():
        # a short key ('pj') names a column only on its own: 'RPJMD' holds 'pj' too
        hits = [s.find(k) for k in keys if (k in s if len(k) > 3 else s == k)]
        if hits:
            found.append((min(hits), field))
    return [field for _, field in sorted(found)]


def _blank_head(name: str) -> bool:
    return not name.strip() or bool(re.fullmatch(r"col\d+", name.strip()))


def _column_map(columns: list[str]) -> dict[str, int]:
    """The column of each field the headers name; a header naming several fields over blank
    columns (a merged header) gives them one column each, in order."""
    found: dict[str, int] = {}
    i = 0
    while i < len(columns):
        i = _map_column(columns, i, found)
    found.pop("no", None)
    return found


def _map_column(columns: list[str], i: int, found: dict[str, int]) -> int:
    """Map the fields column i's header names into `found`; returns the next column."""
    terms = _terms(columns[i])
    blanks = _blanks_after(columns, i)
    if len(terms) > 1 and blanks:
        # merged header: one term per column, the last columns taking what is left
        for k, field in enumerate(terms[: blanks + 1]):
            found.setdefault(field, i + k)
        return i + blanks + 1
    field = next((f for f in terms if f != "no" and f not in found), None)
    if field is not None:
        found[field] = i
    return i + 1


def _blanks_after(columns: list[str], i: int) -> int:
    """How many unnamed columns follow column i."""
    blanks = 0
    while i + 1 + blanks < len(columns) and _blank_head(columns[i + 1 + blanks]):
        blanks += 1
    return blanks


def _is_heading_or_numbering(row: Row, indicator_col: int) -> bool:
    """Column-number rows ('1 | 2 | 5 | 6') and group headings ('SEBAGAI OPD UTAMA', with
    every other cell blank) are not indicators."""
    texts = [c.text.strip() for c in row]
    if all(re.fullmatch(r"\(?\d{1,2}\)?\.?", t) or not t for t in texts):
        return True
    indicator = cell_at(row, indicator_col).text.strip()
    others = [t for k, t in enumerate(texts) if k != indicator_col and t]
    return not others and indicator.upper() == indicator


DEFINING = ("definition", "formula", "data_source")


def _sasaran_as_indicator(cmap: dict[str, int]) -> dict[str, int] | None:
    """A form that defines each sasaran strategis directly ('SASARAN STRATEGIS | PENJELASAN
    / FORMULASI | SUMBER DATA') has no indicator column: the sasaran is what it measures.
    None unless the form has both a sasaran and a defining column."""
    if "sasaran" not in cmap or not any(f in cmap for f in DEFINING):
        return None
    return {**cmap, "indicator": cmap["sasaran"]}


def _defines(row: Row, cmap: dict[str, int]) -> bool:
    """Does the row fill a defining cell? A signature line ('Bandung, 2015 Kepala Dinas')
    under a sasaran form fills only the first column."""
    return any(cell_at(row, cmap[f]).text.strip() for f in DEFINING if f in cmap)


def curate(ctx: TableContext) -> list[dict]:
    """One record per indicator row; a form without an indicator column is read by sasaran."""
    cmap = _column_map(ctx.table.columns)
    by_sasaran = "indicator" not in cmap
    if by_sasaran:
        cmap = _sasaran_as_indicator(cmap) or {}
    if "indicator" not in cmap:
        return []
    records = (_record(ctx, cmap, by_sasaran, numbered)
               for numbered in enumerate(ctx.table.rows, start=1))
    return [r for r in records if r is not None]


def _record(ctx: TableContext, cmap: dict[str, int], by_sasaran: bool,
            numbered: tuple[int, Row]) -> dict | None:
    """A row's record; None for a heading, a column-number row, or (read by sasaran) a row
    that defines nothing."""
    row_no, row = numbered
    indicator = clean_label(cell_at(row, cmap["indicator"]).text)
    if not indicator or _is_heading_or_numbering(row, cmap["indicator"]):
        return None
    if by_sasaran and not _defines(row, cmap):
        return None
    rec = {f: _field_text(row, cmap, f) for f in FIELDS}
    rec.update(
        doc_id=ctx.doc_id, table_id=ctx.table_id, row_no=row_no, indicator=indicator,
        page=row_page(row), line=row_line(row),
    )
    return rec


def _field_text(row: Row, cmap: dict[str, int], field: str) -> str | None:
    """A field's cleaned cell text; None when the table has no such column or the cell is empty."""
    return (clean_label(cell_at(row, cmap[field]).text) or None) if field in cmap else None
