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
    found: dict[str, int] = {}
    i = 0
    while i < len(columns):
        terms = _terms(columns[i])
        blanks = 0
        while i + 1 + blanks < len(columns) and _blank_head(columns[i + 1 + blanks]):
            blanks += 1
        if len(terms) > 1 and blanks:
            # merged header: one term per column, the last columns taking what is left
            spread = terms[: blanks + 1]
            for k, field in enumerate(spread):
                found.setdefault(field, i + k)
            i += blanks + 1
            continue
        for field in terms:
            if field != "no" and field not in found:
                found[field] = i
                break
        i += 1
    found.pop("no", None)
    return found


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
    cmap = _column_map(ctx.table.columns)
    by_sasaran = "indicator" not in cmap
    if by_sasaran:
        cmap = _sasaran_as_indicator(cmap) or {}
    if "indicator" not in cmap:
        return []
    records = []
    for row_no, row in enumerate(ctx.table.rows, start=1):
        indicator = clean_label(cell_at(row, cmap["indicator"]).text)
        if not indicator or _is_heading_or_numbering(row, cmap["indicator"]):
            continue
        if by_sasaran and not _defines(row, cmap):
            continue
        rec = {f: (clean_label(cell_at(row, cmap[f]).text) or None) if f in cmap else None
               for f in FIELDS}
        rec.update(
            doc_id=ctx.doc_id, table_id=ctx.table_id, row_no=row_no, indicator=indicator,
            page=row_page(row), line=row_line(row),
        )
        records.append(rec)
    return records
