"""LPPD key-indicator (IKK) tables → `ikk` records.

LPPD prints each indicator over two rows: the numerator row carries the printed capaian, the
denominator row under it only its label and figure. Pairing them is the whole job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.classify import RATIO_FORMULA, squash
from pipeline.curate.context import (
    TableContext,
    cell_at,
    clean_label,
    read_number,
    row_line,
    row_page,
)
from pipeline.model import Cell, Row
from pipeline.normalise.arithmetic import settle_ratio
from pipeline.normalise.numbers import ParsedNumber


def _find(columns: list[str], *keys: str) -> int | None:
    for i, name in enumerate(columns):
        s = squash(name)
        if any(k in s for k in keys):
            return i
    return None


@dataclass
class _IkkColumns:
    """Where an LPPD key-indicator table prints each field (None: not printed)."""

    data: int
    capaian: int | None
    urusan: int | None
    indicator: int | None
    label: int | None


def _ikk_columns(cols: list[str]) -> _IkkColumns | None:
    """The columns of an IKK table by their header words; None without a figure column. A
    label column that is the indicator column is no label column of its own."""
    data = _find(cols, "isiandata", "nilai", "jumlah")
    if data is None:
        return None
    indicator = _find(cols, "outcome", "indikatorkinerjakunci", "ikk")
    label = _find(cols, "hasil", "luaran", "keluaran", "komponen")
    return _IkkColumns(data=data, capaian=_find(cols, "capaian", "%"),
                       urusan=_find(cols, "urusan"), indicator=indicator,
                       label=None if label == indicator else label)


def _label_in(row: Row, col: int | None) -> str | None:
    """The cleaned text of a label column on a row; None when it is empty or not printed."""
    return clean_label(cell_at(row, col).text) or None if col is not None else None


def curate(ctx: TableContext) -> list[dict]:
    """One record per indicator: a numerator row paired with the denominator row under it."""
    if ctx.table.kind == "spm":
        return curate_ratio_columns(ctx)
    cols = _ikk_columns(ctx.table.columns)
    if cols is None:
        return []
    records: list[dict] = []
    pending: dict | None = None
    for row_no, row in enumerate(ctx.table.rows, start=1):
        if cell_at(row, cols.data).text.strip():
            pending = _read_row(ctx, cols, (row_no, row), records, pending)
    _close(records, pending)
    return records


def _read_row(ctx: TableContext, cols: _IkkColumns, numbered: tuple[int, Row],
              records: list[dict], pending: dict | None) -> dict | None:
    """One row with a figure: a denominator finishing the pending numerator (returns None),
    or a new numerator (returned pending, the previous one closed)."""
    row_no, row = numbered
    value_cell, cap_cell = cell_at(row, cols.data), cell_at(row, cols.capaian)
    label_text = _label_in(row, cols.label) or ""
    number = read_number(ctx, value_cell, "count")
    if pending is None and _completes_a_pair(row, cols, records) and not cap_cell.text.strip():
        # A third figure under a pair: the indicator is a composite index (IKLH from
        # water, air and forest cover), not a numerator over a denominator. The figure
        # is still curated below, as a record of its own.
        _add_component(records[-1], label_text, value_cell.text.strip())
    if pending is not None and not cap_cell.text.strip():
        _settle_denominator(pending, label_text, number, value_cell.text.strip())
        records.append(pending)
        return None
    _close(records, pending)
    return _numerator_record(ctx, cols, numbered, (label_text, number, value_cell, cap_cell))


def _completes_a_pair(row: Row, cols: _IkkColumns, records: list[dict]) -> bool:
    """The row names the indicator of the last record (merged indicator cells come filled
    down, so a new indicator is a changed name), and that record has its printed capaian."""
    if not records or records[-1].get("capaian_reported") is None:
        return False
    return cols.indicator is None or clean_label(
        cell_at(row, cols.indicator).text) in ("", records[-1]["indicator"])


def _settle_denominator(pending: dict, label_text: str, number: ParsedNumber, text: str) -> None:
    """The denominator row's label and figure, settled against the numerator and capaian."""
    pending.update(denominator_label=label_text or None, denominator=number.value,
                   denominator_text=text)
    num, den, note = settle_ratio(
        pending.pop("_numerator"), number, pending["capaian_reported"],
        ("numerator", "denominator"), pending["capaian_text"],
    )
    pending.update(numerator=num, denominator=den, parse_note=note)


def _close(records: list[dict], pending: dict | None) -> None:
    """A numerator no denominator row followed is a record of its own."""
    if pending is not None:
        pending.pop("_numerator", None)
        records.append(pending)


def _numerator_record(ctx: TableContext, cols: _IkkColumns, numbered: tuple[int, Row],
                      read: tuple[str, ParsedNumber, Cell, Cell]) -> dict:
    """A new indicator's record from its numerator row, waiting for its denominator."""
    row_no, row = numbered
    label_text, number, value_cell, cap_cell = read
    return {
        "doc_id": ctx.doc_id,
        "table_id": ctx.table_id,
        "row_no": row_no,
        "urusan": _label_in(row, cols.urusan),
        "indicator": _label_in(row, cols.indicator),
        "numerator_label": label_text or None,
        "numerator": number.value,
        "_numerator": number,
        "numerator_text": value_cell.text.strip(),
        "denominator_label": None,
        "denominator": None,
        "denominator_text": None,
        "capaian_reported": read_number(ctx, cap_cell, "ratio").value,
        "capaian_text": cap_cell.text.strip() or None,
        "page": row_page(row),
        "line": row_line(row),
    }


COMPOSITE = re.compile(r"composite of (\d+) components")


def _add_component(record: dict, label: str, text: str) -> None:
    note = record.get("parse_note") or ""
    found = COMPOSITE.search(note)
    count = int(found.group(1)) + 1 if found else 3
    note = note[:found.start()].rstrip("; ") if found else note
    component = f"composite of {count} components (last: {label or '?'} {text})"
    record["parse_note"] = f"{note}; {component}" if note else component


def curate_ratio_columns(ctx: TableContext) -> list[dict]:
    """SPM tables print the ratio across columns: 'Tenaga kerja yang dilatih | Pendaftar
    pelatihan | Nilai SPM … Σ (2) / Σ (3) x 100%', one block per service, each block under a
    header row of its own naming its two counts. Same record as an LPPD key indicator."""
    where = _ratio_columns(ctx)
    if where is None:
        return []
    num_col, den_col, _ = where
    labels = (clean_label(ctx.table.columns[num_col]), clean_label(ctx.table.columns[den_col]))
    records = []
    for row_no, row in enumerate(ctx.table.rows, start=1):
        cells = tuple(cell_at(row, i) for i in where)
        if re.search(r"[A-Za-z]", cells[0].text) and not re.search(r"\d", cells[0].text):
            labels = (clean_label(cells[0].text), clean_label(cells[1].text))  # a block's header
            continue
        if cells[0].text.strip() and cells[1].text.strip():
            records.append(_ratio_record(ctx, (row_no, row), labels, cells))
    return records


def _ratio_columns(ctx: TableContext) -> tuple[int, int, int] | None:
    """(numerator, denominator, formula) columns, as the formula header numbers them; None,
    with a note, when it names a column the table does not have."""
    cols = ctx.table.columns
    formula_col = next(i for i, c in enumerate(cols) if RATIO_FORMULA.search(c))
    num_no, den_no = (int(g) for g in RATIO_FORMULA.search(cols[formula_col]).groups())
    missing = [n for n in (num_no, den_no) if not 1 <= n <= len(cols)]
    if missing:
        ctx.notes.append(f"ratio formula in '{cols[formula_col]}' names column(s) "
                         f"{', '.join(f'({n})' for n in missing)}, which the table of "
                         f"{len(cols)} columns does not have; its rows were not curated as ratios")
        return None
    return num_no - 1, den_no - 1, formula_col


def _ratio_record(ctx: TableContext, numbered: tuple[int, Row], labels: tuple[str, str],
                  cells: tuple[Cell, ...]) -> dict:
    """One service's record: its two counts settled against the printed ratio."""
    row_no, row = numbered
    num_cell, den_cell, cap_cell = cells
    num, den = read_number(ctx, num_cell, "count"), read_number(ctx, den_cell, "count")
    cap = read_number(ctx, cap_cell, "ratio")
    num_value, den_value, note = settle_ratio(num, den, cap.value, ("numerator", "denominator"),
                                              cap_cell.text.strip())
    return {
        "doc_id": ctx.doc_id, "table_id": ctx.table_id, "row_no": row_no,
        "urusan": ctx.table.caption, "indicator": labels[0] or None,
        "numerator_label": labels[0] or None, "numerator": num_value,
        "numerator_text": num_cell.text.strip(),
        "denominator_label": labels[1] or None, "denominator": den_value,
        "denominator_text": den_cell.text.strip(),
        "capaian_reported": cap.value, "capaian_text": cap_cell.text.strip() or None,
        "parse_note": note, "page": row_page(row), "line": row_line(row),
    }
