"""IKU definition tables → `iku` records: how each key indicator is defined and computed.

The formula text is kept whole: a later check reads it to learn an indicator's direction.
"""

from __future__ import annotations

from pipeline.classify import squash
from pipeline.curate.context import TableContext, cell_at, clean_label, row_line, row_page

FIELDS = {
    "definition": ("definisi", "pengertian"),
    "formula": ("formulasi", "formula", "rumus", "carapengukuran", "perhitungan"),
    "data_source": ("sumberdata",),
    "responsible": ("penanggungjawab", "pj"),
    "sasaran": ("sasaran",),
    "indicator": ("indikator", "iku"),
}


def _column_map(columns: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, name in enumerate(columns):
        s = squash(name)
        for field, keys in FIELDS.items():
            if field not in found and any(k in s for k in keys):
                found[field] = i
                break
    return found


def curate(ctx: TableContext) -> list[dict]:
    cmap = _column_map(ctx.table.columns)
    if "indicator" not in cmap:
        return []
    records = []
    for row_no, row in enumerate(ctx.table.rows, start=1):
        indicator = clean_label(cell_at(row, cmap["indicator"]).text)
        if not indicator:
            continue
        rec = {f: (clean_label(cell_at(row, cmap[f]).text) or None) if f in cmap else None
               for f in FIELDS}
        rec.update(
            doc_id=ctx.doc_id, table_id=ctx.table_id, row_no=row_no, indicator=indicator,
            page=row_page(row), line=row_line(row),
        )
        records.append(rec)
    return records
