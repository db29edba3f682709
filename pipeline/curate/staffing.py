"""Staffing tables → `staffing` records: one count per category per column (L, P, total).

Section rows such as 'KELURAHAN MANGGAR 6 7 13' name the org unit of the rows below them
and are themselves that unit's subtotal, so they become `is_total` records of the unit.
"""

from __future__ import annotations

from pipeline.curate.columns import describe_all
from pipeline.curate.context import (
    TableContext,
    cell_at,
    clean_label,
    read_number,
    row_line,
    row_page,
)
from pipeline.vocab import TOTAL_HEAD, is_section_head

COUNT_ROLES = {"male": "L", "female": "P", "total": None, "kebutuhan": None, "bezzeting": None}


def _dimension(ctx: TableContext, category_name: str) -> str:
    words = f"{ctx.table.caption or ''} {category_name}".lower()
    for key, dim in (
        ("golongan", "golongan"),
        ("pendidikan", "pendidikan"),
        ("kualifikasi", "pendidikan"),
        ("bezzeting", "kebutuhan"),
        ("jabatan", "jabatan"),
        ("jenis kelamin", "jenis_kelamin"),
        ("eselon", "eselon"),
        ("usia", "usia"),
    ):
        if key in words:
            return dim
    return "other"


def curate(ctx: TableContext) -> list[dict]:
    cols = describe_all(ctx.table.columns)
    counts = [c for c in cols if c.role in COUNT_ROLES]
    if not counts:
        return []
    category_col = next((c for c in cols if c.role == "category"), None)
    if category_col is None:
        category_col = next((c for c in cols if c.role not in COUNT_ROLES and c.role != "no"), None)
    if category_col is None:
        return []
    dimension = _dimension(ctx, category_col.name)
    records = []
    unit = None
    for row_no, row in enumerate(ctx.table.rows, start=1):
        category = clean_label(cell_at(row, category_col.index).text)
        if not category and row:
            category = clean_label(row[0].text)
        is_unit_row = is_section_head(category)
        if is_unit_row:
            unit = category.title()
        is_total = is_unit_row or bool(TOTAL_HEAD.match(category))
        for col in counts:
            cell = cell_at(row, col.index)
            if not cell.text.strip():
                continue
            parsed = read_number(ctx, cell, "count")
            sex = COUNT_ROLES[col.role]
            records.append(
                {
                    "doc_id": ctx.doc_id,
                    "table_id": ctx.table_id,
                    "row_no": row_no,
                    "unit": unit,
                    "dimension": col.role if col.role in ("kebutuhan", "bezzeting") else dimension,
                    "category": "Jumlah" if is_unit_row else category,
                    "count": parsed.value,
                    "count_text": cell.text.strip(),
                    "sex": sex,
                    "is_total": is_total or col.role == "total",
                    "page": row_page(row),
                    "line": row_line(row),
                }
            )
    return records
