"""Staffing tables → `staffing` records: one count per category per column (L, P, total).

Section rows such as 'KELURAHAN MANGGAR 6 7 13' name the org unit of the rows below them
and are themselves that unit's subtotal, so they become `is_total` records of the unit.

Reports print staff in many shapes (by golongan, pendidikan, jabatan, status, sex, or per
unit), so the reading rests on evidence rather than on known layouts: header words name the
dimension, the category words in the rows confirm it, and where count columns sit beside a
Jumlah column, parts that add up to it on most rows (L + P = Jumlah, PNS + TKK = Jumlah) are
read as that row's breakdown even when their headers are words kinerja has never seen.
"""

from __future__ import annotations

import re

from pipeline.classify import squash, staff_dimension_of_values
from pipeline.curate.columns import Column, describe_all
from pipeline.curate.context import (
    TableContext,
    cell_at,
    clean_label,
    read_number,
    row_line,
    row_page,
)
from pipeline.model import Row
from pipeline.vocab import TOTAL_HEAD, is_section_head

COUNT_ROLES = {"male": "L", "female": "P", "total": None, "kebutuhan": None, "bezzeting": None}
# A total column may name what it counts ('Jumlah (orang)') or the sum it is ('L+P').
TOTAL_COLUMN = re.compile(r"^(jumlah|total|jml)(orang|org|pegawai|personil|asn|pns)?$|^lp$")
# Headers of a row label that lists org units, not categories of one dimension.
UNIT_HEAD = re.compile(r"unitkerja|satuankerja|unitorganisasi|bidang|bagian|upt|skpd|opd|"
                       r"perangkatdaerah|instansi|kecamatan|kelurahan|^unit$|^nama(unit)?$")
# Employment-status words: columns that split a unit's staff by status.
STATUS_HEAD = re.compile(r"^(c?pns|nonpns|pppk|p3k|tkk|thl|ptt|honor\w*|kontrak|outsourc\w*|"
                         r"tenagakontrak|tenagaharian\w*)$")
FOOTING_SHARE = 0.8  # share of rows whose parts must add up to the total column


def _dimension(ctx: TableContext, category_name: str) -> str:
    """The dimension a category column lists, from the caption and its header; failing
    those, from the category words printed in its rows (PNS, III/a, S1, Eselon II)."""
    words = f"{ctx.table.caption or ''} {category_name}".lower()
    for key, dim in (
        ("golongan", "golongan"),
        ("pendidikan", "pendidikan"),
        ("kualifikasi", "pendidikan"),
        ("bezzeting", "kebutuhan"),
        ("jabatan", "jabatan"),
        ("eselon", "jabatan"),
        ("jenis kelamin", "jenis_kelamin"),
        ("status", "status"),
        ("usia", "usia"),
    ):
        if key in words:
            return dim
    return "other"


def _row_dimension(ctx: TableContext, category_col: Column) -> str:
    dimension = _dimension(ctx, category_col.name)
    if dimension != "other":
        return dimension
    labels = [cell_at(r, category_col.index).text for r in ctx.table.rows]
    return staff_dimension_of_values(labels) or "other"


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


def _label_column(ctx: TableContext, taken: set[int]) -> int | None:
    cols = describe_all(ctx.table.columns, ctx.table.header_rows)
    return next((c.index for c in cols if c.index not in taken
                 and c.role in ("responsible", "name", "category", "other", "org_unit")), None)


def _curate_wide(ctx: TableContext, wide: list[tuple[int, str, str, str | None, bool]],
                 label_col: int | None = None) -> list[dict]:
    if label_col is None:
        label_col = _label_column(ctx, {i for i, *_ in wide})
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


def _is_total_column(col: Column) -> bool:
    return col.role == "total" or bool(TOTAL_COLUMN.match(squash(col.name)))


def _count(ctx: TableContext, row: Row, index: int) -> float | None:
    cell = cell_at(row, index)
    return read_number(ctx, cell, "count").value if cell.text.strip() else None


def _parts_foot(ctx: TableContext, parts: list[int], total: int) -> bool:
    """Do the part columns add up to the total column on most rows that print a total?"""
    tested = held = 0
    for row in ctx.table.rows:
        whole = _count(ctx, row, total)
        values = [_count(ctx, row, i) for i in parts]
        if whole is None or all(v is None for v in values):
            continue
        tested += 1
        held += abs(sum(v or 0 for v in values) - whole) < 0.5
    return tested >= 2 and held >= FOOTING_SHARE * tested


def _footing_parts(ctx: TableContext, cols: list[Column]) -> tuple[list[Column], Column] | None:
    """Count columns of unknown meaning that add up to a Jumlah column: 'PNS | TKK | Jumlah',
    'Struktural | Fungsional | Jumlah'. The arithmetic, not the header, makes them parts."""
    total = next((c for c in cols if _is_total_column(c)), None)
    if total is None:
        return None
    parts = [c for c in cols if c.index < total.index and c.role == "other"
             and any(ch.isalpha() for ch in c.name) and not c.name.startswith("col")]
    if len(parts) < 2 or not _parts_foot(ctx, [c.index for c in parts], total.index):
        return None
    return parts, total


def _curate_footing(ctx: TableContext, cols: list[Column], parts: list[Column],
                    total: Column) -> list[dict]:
    """Units (or categories) by columns that foot: each part becomes a category of the
    dimension its header words name (status for PNS / TKK / honorer), the total 'Jumlah'."""
    label_col = next((c for c in cols if c.index < parts[0].index
                      and c.role not in ("no", "code") and c.role not in COUNT_ROLES), None)
    heads = [squash(p.name) for p in parts]
    dimension = "status" if any(STATUS_HEAD.match(h) for h in heads) else "other"
    if label_col is not None and not UNIT_HEAD.search(squash(label_col.name)):
        row_dim = _row_dimension(ctx, label_col)
        if row_dim != "other":
            ctx.notes.append(f"staffing: rows are {row_dim} categories; columns "
                             f"{', '.join(p.name for p in parts)} add up to {total.name}")
            return _curate_long(ctx, cols, label_col, [*parts, total], row_dim)
    wide = [(p.index, dimension, p.name.strip(), SEX_WORDS.get(p.name.strip().lower()), False)
            for p in parts] + [(total.index, dimension, "Jumlah", None, True)]
    return _curate_wide(ctx, wide, label_col.index if label_col else None)


def _is_group_heading(row: Row, category: str) -> bool:
    """'A. Struktural' over numbered rows: a lettered or roman-numbered row without counts
    heads a group; it is not a category whose count is missing."""
    number = clean_label(row[0].text) if row else ""
    return not category or bool(re.fullmatch(r"[A-Za-z]{1,4}\s*[.)]?", number)) \
        or not re.fullmatch(r"\d{1,3}\s*[.)]?", number)


def _curate_long(ctx: TableContext, cols: list[Column], category_col: Column,
                 counts: list[Column], dimension: str) -> list[dict]:
    """One category per row, one record per count column (L, P, Jumlah, or a footing part)."""
    single = len(counts) == 1
    records = []
    unit = None
    for row_no, row in enumerate(ctx.table.rows, start=1):
        category = clean_label(cell_at(row, category_col.index).text)
        if not category and row:
            category = clean_label(row[0].text)
        is_unit_row = is_section_head(category)
        if is_unit_row:
            unit = category.title()
        is_total = is_unit_row or bool(TOTAL_HEAD.match(category.replace(" ", "")))
        printed = [c for c in counts if cell_at(row, c.index).text.strip()]
        if not printed and not _is_group_heading(row, category):
            printed = [next((c for c in counts if _is_total_column(c)), counts[-1])]
        for col in printed:
            cell = cell_at(row, col.index)
            sex = COUNT_ROLES.get(col.role)
            part = col.role not in COUNT_ROLES and not _is_total_column(col)
            records.append(
                {
                    "doc_id": ctx.doc_id,
                    "table_id": ctx.table_id,
                    "row_no": row_no,
                    "unit": unit,
                    "dimension": col.role if col.role in ("kebutuhan", "bezzeting") else dimension,
                    "category": "Jumlah" if is_unit_row else (
                        f"{category} {col.name.strip()}" if part else category),
                    "count": read_number(ctx, cell, "count").value if cell.text.strip() else None,
                    "count_text": cell.text.strip(),
                    "sex": sex,
                    # the sole count column is the category's count, not a total over parts
                    "is_total": is_total or (_is_total_column(col) and not single),
                    "page": row_page(row),
                    "line": row_line(row),
                }
            )
    return records


def curate(ctx: TableContext) -> list[dict]:
    wide = _wide_columns(ctx.table.columns)
    if wide:
        return _curate_wide(ctx, wide)
    cols = describe_all(ctx.table.columns, ctx.table.header_rows)
    footing = _footing_parts(ctx, cols)
    if footing:
        return _curate_footing(ctx, cols, *footing)
    counts = [c for c in cols if c.role in COUNT_ROLES or _is_total_column(c)]
    if not counts:
        return []
    category_col = next((c for c in cols if c.role == "category"), None)
    if category_col is None:
        category_col = next((c for c in cols if c.role not in COUNT_ROLES and c.role != "no"
                             and not _is_total_column(c)), None)
    if category_col is None:
        return []
    return _curate_long(ctx, cols, category_col, counts, _row_dimension(ctx, category_col))
