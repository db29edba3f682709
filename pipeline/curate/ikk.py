"""LPPD key-indicator (IKK) tables → `ikk` records.

LPPD prints each indicator over two rows: the numerator row carries the printed capaian, the
denominator row under it only its label and figure. Pairing them is the whole job.
"""

from __future__ import annotations

import re

from pipeline.classify import RATIO_FORMULA, squash
from pipeline.curate.context import (
    TableContext,
    cell_at,
    clean_label,
    read_number,
    row_line,
    row_page,
)
from pipeline.normalise.arithmetic import settle_ratio


def _find(columns: list[str], *keys: str) -> int | None:
    for i, name in enumerate(columns):
        s = squash(name)
        if any(k in s for k in keys):
            return i
    return None


def curate(ctx: TableContext) -> list[dict]:
    if ctx.table.kind == "spm":
        return curate_ratio_columns(ctx)
    cols = ctx.table.columns
    data = _find(cols, "isiandata", "nilai", "jumlah")
    if data is None:
        return []
    capaian = _find(cols, "capaian", "%")
    urusan = _find(cols, "urusan")
    indicator = _find(cols, "outcome", "indikatorkinerjakunci", "ikk")
    label = _find(cols, "hasil", "luaran", "keluaran", "komponen")
    if label == indicator:
        label = None
    records: list[dict] = []
    pending: dict | None = None
    for row_no, row in enumerate(ctx.table.rows, start=1):
        value_cell = cell_at(row, data)
        if not value_cell.text.strip():
            continue
        cap_cell = cell_at(row, capaian)
        label_text = clean_label(cell_at(row, label).text) if label is not None else ""
        number = read_number(ctx, value_cell, "count")
        # Merged indicator cells come filled down, so a new indicator is a changed name.
        same_indicator = records and (indicator is None or clean_label(
            cell_at(row, indicator).text) in ("", records[-1]["indicator"]))
        if pending is None and same_indicator and not cap_cell.text.strip() \
                and records[-1].get("capaian_reported") is not None:
            # A third figure under a pair: the indicator is a composite index (IKLH from
            # water, air and forest cover), not a numerator over a denominator. The figure
            # is still curated below, as a record of its own.
            _add_component(records[-1], label_text, value_cell.text.strip())
        if pending is not None and not cap_cell.text.strip():
            pending.update(
                denominator_label=label_text or None,
                denominator=number.value,
                denominator_text=value_cell.text.strip(),
            )
            num, den, note = settle_ratio(
                pending.pop("_numerator"), number, pending["capaian_reported"],
                ("numerator", "denominator"), pending["capaian_text"],
            )
            pending.update(numerator=num, denominator=den, parse_note=note)
            records.append(pending)
            pending = None
            continue
        if pending is not None:
            pending.pop("_numerator", None)
            records.append(pending)
        pending = {
            "doc_id": ctx.doc_id,
            "table_id": ctx.table_id,
            "row_no": row_no,
            "urusan": clean_label(cell_at(row, urusan).text) or None if urusan is not None else None,
            "indicator": clean_label(cell_at(row, indicator).text) or None
            if indicator is not None else None,
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
    if pending is not None:
        pending.pop("_numerator", None)
        records.append(pending)
    return records


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
    cols = ctx.table.columns
    formula_col = next(i for i, c in enumerate(cols) if RATIO_FORMULA.search(c))
    num_no, den_no = (int(g) for g in RATIO_FORMULA.search(cols[formula_col]).groups())
    missing = [n for n in (num_no, den_no) if not 1 <= n <= len(cols)]
    if missing:
        ctx.notes.append(f"ratio formula in '{cols[formula_col]}' names column(s) "
                         f"{', '.join(f'({n})' for n in missing)}, which the table of "
                         f"{len(cols)} columns does not have; its rows were not curated as ratios")
        return []
    num_col, den_col = num_no - 1, den_no - 1
    labels = (clean_label(cols[num_col]), clean_label(cols[den_col]))
    records = []
    for row_no, row in enumerate(ctx.table.rows, start=1):
        num_cell, den_cell, cap_cell = (cell_at(row, i) for i in (num_col, den_col, formula_col))
        if re.search(r"[A-Za-z]", num_cell.text) and not re.search(r"\d", num_cell.text):
            labels = (clean_label(num_cell.text), clean_label(den_cell.text))  # a block's header
            continue
        if not (num_cell.text.strip() and den_cell.text.strip()):
            continue
        num, den = read_number(ctx, num_cell, "count"), read_number(ctx, den_cell, "count")
        cap = read_number(ctx, cap_cell, "ratio")
        num_value, den_value, note = settle_ratio(num, den, cap.value, ("numerator", "denominator"),
                                                  cap_cell.text.strip())
        records.append({
            "doc_id": ctx.doc_id, "table_id": ctx.table_id, "row_no": row_no,
            "urusan": ctx.table.caption, "indicator": labels[0] or None,
            "numerator_label": labels[0] or None, "numerator": num_value,
            "numerator_text": num_cell.text.strip(),
            "denominator_label": labels[1] or None, "denominator": den_value,
            "denominator_text": den_cell.text.strip(),
            "capaian_reported": cap.value, "capaian_text": cap_cell.text.strip() or None,
            "parse_note": note, "page": row_page(row), "line": row_line(row),
        })
    return records
