"""A logical table as the `source_tables` row that keeps it: the evidence every curated row
points back to. Serialisation is the store's concern, not the run's; the run only says which
table, kind and notes."""

from __future__ import annotations

from pipeline.model import LogicalTable, Row


def cells_json(rows: list[Row]) -> list[list[dict]]:
    """Each cell as stored: its text, where it was printed and, for PDF input, its box
    [x0, top, x1, bottom] in points, so the audit can crop the printed cell from its page
    at report time instead of keeping images in the database."""
    return [
        [{"text": c.text, "line": c.line, "page": c.page}
         | ({"bbox": [round(v, 1) for v in c.bbox]} if c.bbox else {})
         | ({"filled": True} if c.filled else {})
         for c in row]
        for row in rows
    ]


def source_table_row(table: LogicalTable, doc_id: str, table_id: str, reason: str,
                     notes: list[str]) -> dict:
    """The `source_tables` record of a classified table (its kind is `table.kind`)."""
    return {
        "table_id": table_id,
        "doc_id": doc_id,
        "label": table.label,
        "caption": table.caption,
        "kind": table.kind,
        "kind_reason": reason,
        "page_start": table.page_start,
        "page_end": table.page_end,
        "line_start": table.line_start,
        "line_end": table.line_end,
        "n_rows": len(table.rows),
        "n_cols": table.n_cols,
        "header": table.columns,
        "cells": cells_json(table.rows),
        "header_cells": cells_json(table.header_cells),
        "set_aside_cells": cells_json(table.set_aside),
        "table_index": table.index,
        "pieces": table.pieces,
        "notes": notes,
    }
