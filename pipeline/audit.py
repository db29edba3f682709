"""The auditor's view: every mismatch with where it is and what was printed there.

Reads only the database, so an audit can be run, filtered and re-run without re-extracting.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass

import duckdb

FINDINGS_SQL = """
    SELECT c.check_id, c.doc_id, d.file_name, d.entity, d.fiscal_year, c.table_id,
           s.label AS table_label, s.caption AS table_caption, s.kind AS table_kind,
           c.row_no, c.page, c.line, c.kind, c.subject, c.reported, c.recomputed, c.diff,
           c.tolerance, c.formula, c.detail, s.cells
    FROM checks c
    JOIN documents d USING (doc_id)
    LEFT JOIN source_tables s ON s.table_id = c.table_id
    WHERE c.status = 'mismatch' {filters}
"""


@dataclass
class Finding:
    check_id: str
    doc_id: str
    file_name: str
    entity: str | None
    fiscal_year: int | None
    table_id: str | None
    table_label: str | None
    table_caption: str | None
    table_kind: str | None
    row_no: int | None
    page: int | None
    line: int | None
    kind: str
    subject: str | None
    reported: float | None
    recomputed: float | None
    diff: float | None
    tolerance: float | None
    formula: str | None
    detail: str | None
    raw_cells: list[str]

    @property
    def size(self) -> float:
        """How far off, relative to the figure: a 1-point slip on a percentage and a
        50-million gap on a 13-billion budget are compared fairly."""
        if self.diff is None:
            return 0.0
        base = max(abs(self.recomputed or 0), abs(self.reported or 0), 1.0)
        return abs(self.diff) / base

    @property
    def where(self) -> str:
        parts = [self.table_label or "untitled table"]
        if self.line:
            parts.append(f"line {self.line}")
        if self.page:
            parts.append(f"page {self.page}")
        return ", ".join(parts)


def _row_cells(cells_json: str | None, row_no: int | None) -> list[str]:
    if not cells_json or not row_no:
        return []
    cells = json.loads(cells_json)
    if not 1 <= row_no <= len(cells):
        return []
    return [c["text"] for c in cells[row_no - 1]]


def findings(con: duckdb.DuckDBPyConnection, doc: str | None = None,
             kind: str | None = None) -> list[Finding]:
    filters, params = [], []
    if doc:
        filters.append("AND (c.doc_id = ? OR d.file_name = ?)")
        params += [doc, doc]
    if kind:
        filters.append("AND c.kind = ?")
        params.append(kind)
    rows = con.execute(FINDINGS_SQL.format(filters=" ".join(filters)), params).fetchall()
    names = [d[0] for d in con.description]
    out = []
    for row in rows:
        rec = dict(zip(names, row, strict=True))
        cells = rec.pop("cells")
        out.append(Finding(**rec, raw_cells=_row_cells(cells, rec["row_no"])))
    out.sort(key=lambda f: (-f.size, f.file_name, f.line or 0, f.page or 0))
    return out


def summary(con: duckdb.DuckDBPyConnection, doc: str | None = None) -> list[dict]:
    sql = """
        SELECT d.doc_id, d.file_name, d.doc_type, d.entity, d.fiscal_year, d.status,
               count(c.check_id) AS checks,
               count(*) FILTER (WHERE c.status = 'ok') AS ok,
               count(*) FILTER (WHERE c.status = 'mismatch') AS mismatch,
               count(*) FILTER (WHERE c.status = 'unverifiable') AS unverifiable
        FROM documents d LEFT JOIN checks c USING (doc_id)
        {where}
        GROUP BY ALL ORDER BY d.file_name
    """
    where, params = "", []
    if doc:
        where, params = "WHERE d.doc_id = ? OR d.file_name = ?", [doc, doc]
    cur = con.execute(sql.format(where=where), params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def _fmt(value: float | None) -> str:
    if value is None:
        return ""
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.2f}".rstrip("0").rstrip(".")


def to_csv(items: list[Finding]) -> str:
    buf = io.StringIO()
    fields = [f for f in Finding.__dataclass_fields__ if f != "raw_cells"] + ["raw_cells"]
    writer = csv.DictWriter(buf, fieldnames=fields)
    writer.writeheader()
    for f in items:
        row = asdict(f)
        row["raw_cells"] = " | ".join(f.raw_cells)
        writer.writerow(row)
    return buf.getvalue()


def to_json(items: list[Finding], summaries: list[dict]) -> str:
    return json.dumps(
        {"documents": summaries, "findings": [asdict(f) | {"where": f.where} for f in items]},
        ensure_ascii=False, indent=2, default=str,
    )


def table_rows(items: list[Finding]) -> list[tuple[str, ...]]:
    return [
        (f.file_name, f.where, f.kind, (f.subject or "")[:60], _fmt(f.reported),
         _fmt(f.recomputed), f.formula or "")
        for f in items
    ]
