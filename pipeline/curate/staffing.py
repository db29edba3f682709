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


def _row_label(row: Row, index: int | None) -> str:
    """A row's label from its label column, else from its first cell (a label printed
    left of where the header put its column)."""
    label = clean_label(cell_at(row, index).text) if index is not None else ""
    return label or (clean_label(row[0].text) if row else "")


def _curate_wide(ctx: TableContext, wide: list[tuple[int, str, str, str | None, bool]],
                 label_col: int | None = None) -> list[dict]:
    """A cross-tab: one record per printed count cell, the row naming the unit."""
    if label_col is None:
        label_col = _label_column(ctx, {i for i, *_ in wide})
    records = []
    for row_no, row in enumerate(ctx.table.rows, start=1):
        records += _wide_row(ctx, (row_no, row), _row_label(row, label_col), wide)
    return records


def _wide_row(ctx: TableContext, numbered: tuple[int, Row], label: str,
              wide: list[tuple[int, str, str, str | None, bool]]) -> list[dict]:
    """The records of one cross-tab row, one per count cell it prints."""
    # 'J u m l a h' (spaced out) as well as 'GRAND TOTAL'
    is_total_row = bool(TOTAL_HEAD.match(label) or TOTAL_HEAD.match(label.replace(" ", "")))
    return [_wide_record(ctx, numbered, (label, is_total_row), column)
            for column in wide if cell_at(numbered[1], column[0]).text.strip()]


def _wide_record(ctx: TableContext, numbered: tuple[int, Row], label: tuple[str, bool],
                 column: tuple[int, str, str, str | None, bool]) -> dict:
    """One count cell of a cross-tab: a total row counts no unit of its own."""
    row_no, row = numbered
    text, is_total_row = label
    index, dimension, category, sex, total_col = column
    cell = cell_at(row, index)
    return {
        "doc_id": ctx.doc_id,
        "table_id": ctx.table_id,
        "row_no": row_no,
        "unit": None if is_total_row else text or None,
        "dimension": dimension,
        "category": "Jumlah" if total_col else category,
        "count": read_number(ctx, cell, "count").value,
        "count_text": cell.text.strip(),
        "sex": sex,
        "is_total": total_col or is_total_row,
        "page": row_page(row),
        "line": row_line(row),
    }


def _is_total_column(col: Column) -> bool:
    return col.role == "total" or bool(TOTAL_COLUMN.match(squash(col.name)))


def _count(ctx: TableContext, row: Row, index: int) -> float | None:
    cell = cell_at(row, index)
    return read_number(ctx, cell, "count").value if cell.text.strip() else None


def _parts_foot(ctx: TableContext, parts: list[int], total: int) -> bool:
    """Do the part columns add up to the total column on most rows that print a total?"""
    tested = [held for held in (_row_foots(ctx, row, parts, total) for row in ctx.table.rows)
              if held is not None]
    return len(tested) >= 2 and sum(tested) >= FOOTING_SHARE * len(tested)


def _row_foots(ctx: TableContext, row: Row, parts: list[int], total: int) -> bool | None:
    """Do a row's parts add up to its total; None when it prints no total or no part."""
    whole = _count(ctx, row, total)
    values = [_count(ctx, row, i) for i in parts]
    if whole is None or all(v is None for v in values):
        return None
    return abs(sum(v or 0 for v in values) - whole) < 0.5


def _is_unnamed_part(col: Column, total: Column) -> bool:
    """A worded count column left of the total whose header kinerja has no role for."""
    return col.index < total.index and col.role == "other" \
        and any(ch.isalpha() for ch in col.name) and not col.name.startswith("col")


def _footing_parts(ctx: TableContext, cols: list[Column]) -> tuple[list[Column], Column] | None:
    """Count columns of unknown meaning that add up to a Jumlah column: 'PNS | TKK | Jumlah',
    'Struktural | Fungsional | Jumlah'. The arithmetic, not the header, makes them parts."""
    total = next((c for c in cols if _is_total_column(c)), None)
    if total is None:
        return None
    parts = [c for c in cols if _is_unnamed_part(c, total)]
    if len(parts) < 2 or not _parts_foot(ctx, [c.index for c in parts], total.index):
        return None
    return parts, total


def _footing_label_column(cols: list[Column], parts: list[Column]) -> Column | None:
    """The label column left of the parts: neither a number, a code nor a count."""
    return next((c for c in cols if c.index < parts[0].index
                 and c.role not in ("no", "code") and c.role not in COUNT_ROLES), None)


def _curate_footing(ctx: TableContext, cols: list[Column], parts: list[Column],
                    total: Column) -> list[dict]:
    """Units (or categories) by columns that foot: each part becomes a category of the
    dimension its header words name (status for PNS / TKK / honorer), the total 'Jumlah'."""
    label_col = _footing_label_column(cols, parts)
    heads = [squash(p.name) for p in parts]
    dimension = "status" if any(STATUS_HEAD.match(h) for h in heads) else "other"
    by_rows = _footing_by_rows(ctx, cols, label_col, parts, total)
    if by_rows is not None:
        return by_rows
    wide = [(p.index, dimension, p.name.strip(), SEX_WORDS.get(p.name.strip().lower()), False)
            for p in parts] + [(total.index, dimension, "Jumlah", None, True)]
    return _curate_wide(ctx, wide, label_col.index if label_col else None)


def _footing_by_rows(ctx: TableContext, cols: list[Column], label_col: Column | None,
                     parts: list[Column], total: Column) -> list[dict] | None:
    """When the rows are categories of one dimension (not org units), the footing parts are
    count columns of a long table; None when they are not."""
    if label_col is None or UNIT_HEAD.search(squash(label_col.name)):
        return None
    row_dim = _row_dimension(ctx, label_col)
    if row_dim == "other":
        return None
    ctx.notes.append(f"staffing: rows are {row_dim} categories; columns "
                     f"{', '.join(p.name for p in parts)} add up to {total.name}")
    return _curate_long(ctx, cols, label_col, [*parts, total], row_dim)


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
        category = _row_label(row, category_col.index)
        if is_section_head(category):
            unit = category.title()
        records += [_long_record(ctx, (row_no, row), (unit, category), col, (dimension, single))
                    for col in _printed_counts(row, category, counts)]
    return records


def _printed_counts(row: Row, category: str, counts: list[Column]) -> list[Column]:
    """The count columns a row prints; a category row printing none still gets its total
    (or last) column, as a missing count, unless it only heads a group."""
    printed = [c for c in counts if cell_at(row, c.index).text.strip()]
    if not printed and not _is_group_heading(row, category):
        printed = [_total_or_last(counts)]
    return printed


def _total_or_last(counts: list[Column]) -> Column:
    """The count column a category row without counts is read from: the total, else the last."""
    return next((c for c in counts if _is_total_column(c)), counts[-1])


def _long_record(ctx: TableContext, numbered: tuple[int, Row], named: tuple[str | None, str],
                 col: Column, how: tuple[str, bool]) -> dict:
    """One count of a category row; a section row ('KELURAHAN …') is its unit's total."""
    row_no, row = numbered
    unit, category = named
    dimension, single = how
    cell = cell_at(row, col.index)
    return {
        "doc_id": ctx.doc_id,
        "table_id": ctx.table_id,
        "row_no": row_no,
        "unit": unit,
        "dimension": col.role if col.role in ("kebutuhan", "bezzeting") else dimension,
        "category": _long_category(category, col),
        "count": _count(ctx, row, col.index),
        "count_text": cell.text.strip(),
        "sex": COUNT_ROLES.get(col.role),
        "is_total": _is_total_record(category, col, single),
        "page": row_page(row),
        "line": row_line(row),
    }


def _long_category(category: str, col: Column) -> str:
    """'Jumlah' on a unit's section row; a footing part's name after the row's category."""
    if is_section_head(category):
        return "Jumlah"
    part = col.role not in COUNT_ROLES and not _is_total_column(col)
    return f"{category} {col.name.strip()}" if part else category


def _is_total_record(category: str, col: Column, single: bool) -> bool:
    """A section or total row, or a total column over parts (the sole count column is the
    category's count, not a total over parts)."""
    return is_section_head(category) or bool(TOTAL_HEAD.match(category.replace(" ", ""))) \
        or (_is_total_column(col) and not single)


def _count_columns(cols: list[Column]) -> list[Column]:
    """The columns that hold counts: L, P, the total, needs and bezzeting."""
    return [c for c in cols if c.role in COUNT_ROLES or _is_total_column(c)]


def _category_column(cols: list[Column]) -> Column | None:
    """The column the 'category' role names, else the first that is no count and no number."""
    found = next((c for c in cols if c.role == "category"), None)
    if found is None:
        found = next((c for c in cols if c.role not in COUNT_ROLES and c.role != "no"
                      and not _is_total_column(c)), None)
    return found


def curate(ctx: TableContext) -> list[dict]:
    """A cross-tab, then columns that foot, then one category per row, whichever fits first."""
    wide = _wide_columns(ctx.table.columns)
    if wide:
        return _curate_wide(ctx, wide)
    cols = describe_all(ctx.table.columns, ctx.table.header_rows)
    footing = _footing_parts(ctx, cols)
    if footing:
        return _curate_footing(ctx, cols, *footing)
    counts = _count_columns(cols)
    category_col = _category_column(cols) if counts else None
    if category_col is None:
        return []
    return _curate_long(ctx, cols, category_col, counts, _row_dimension(ctx, category_col))
