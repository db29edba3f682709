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


WIDE_GROUPS = (("jenis pendidikan", "pendidikan"), ("pendidikan", "pendidikan"),
               ("golongan", "golongan"), ("jenis kelamin", "jenis_kelamin"),
               ("eselon", "eselon"), ("jabatan", "jabatan"), ("usia", "usia"))
SEX_WORDS = {"pria": "L", "laki-laki": "L", "laki laki": "L", "l": "L", "lk": "L",
             "wanita": "P", "perempuan": "P", "p": "P", "pr": "P"}


def _wide_columns(columns: list[str]) -> list[tuple[int, str, str, str | None, bool]]:
    """A cross-tab of units by category: 'JENIS PENDIDIKAN S3 … Jumlah', 'JENIS KELAMIN PRIA
    WANITA Jumlah' — the group header names the dimension, the sub-header the category.
    (index, dimension, category, sex, is_total) for each such column."""
    out = []
    for i, name in enumerate(columns):
        low = " ".join(name.lower().split())
        for prefix, dimension in WIDE_GROUPS:
            if low.startswith(prefix + " ") and len(low) > len(prefix) + 1:
                category = name.strip()[len(prefix):].strip()
                cat = category.lower()
                out.append((i, dimension, category, SEX_WORDS.get(cat), bool(TOTAL_HEAD.match(cat))))
                break
    return out if len(out) >= 3 else []


def _curate_wide(ctx: TableContext, wide: list[tuple[int, str, str, str | None, bool]]) -> list[dict]:
    taken = {i for i, *_ in wide}
    cols = describe_all(ctx.table.columns)
    label_col = next((c.index for c in cols if c.index not in taken
                      and c.role in ("responsible", "name", "category", "other", "org_unit")), None)
    records = []
    for row_no, row in enumerate(ctx.table.rows, start=1):
        label = clean_label(cell_at(row, label_col).text) if label_col is not None else ""
        if not label and row:
            label = clean_label(row[0].text)
        # 'J u m l a h' (spaced out) as well as 'GRAND TOTAL'
        is_total_row = bool(TOTAL_HEAD.match(label) or TOTAL_HEAD.match(label.replace(" ", "")))
        for index, dimension, category, sex, total_col in wide:
            cell = cell_at(row, index)
            if not cell.text.strip():
                continue
            parsed = read_number(ctx, cell, "count")
            records.append({
                "doc_id": ctx.doc_id,
                "table_id": ctx.table_id,
                "row_no": row_no,
                "unit": None if is_total_row else label or None,
                "dimension": dimension,
                "category": "Jumlah" if total_col else category,
                "count": parsed.value,
                "count_text": cell.text.strip(),
                "sex": sex,
                "is_total": total_col or is_total_row,
                "page": row_page(row),
                "line": row_line(row),
            })
    return records


def curate(ctx: TableContext) -> list[dict]:
    wide = _wide_columns(ctx.table.columns)
    if wide:
        return _curate_wide(ctx, wide)
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
