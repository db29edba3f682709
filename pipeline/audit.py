"""The auditor's view: one finding per printed error, with where it is and what was printed.

Reads only the database, so an audit can be run, filtered and re-run without re-extracting.
Loading lives here; grouping checks into findings in `pipeline.audit_group`, the evidence
(printed lines, page crops) in `pipeline.audit_evidence`, the output formats in
`pipeline.audit_export` and `pipeline.report_html`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

import duckdb

CHECKS_SQL = """
    SELECT c.check_id, c.doc_id, d.file_name, d.entity, d.fiscal_year, c.table_id,
           s.label AS table_label, s.caption AS table_caption, s.kind AS table_kind,
           s.line_start AS table_line, s.page_start AS table_page,
           c.row_no, c.page, c.line, c.kind, c.subject, c.reported, c.recomputed, c.diff,
           c.tolerance, c.status, c.formula, c.detail
    FROM checks c
    JOIN documents d USING (doc_id)
    LEFT JOIN source_tables s ON s.table_id = c.table_id
    WHERE c.status = ? {filters}
    ORDER BY c.check_id
"""


@dataclass
class Check:
    """One stored check row with its document and table, as the auditor reads it."""

    check_id: str
    doc_id: str
    file_name: str
    entity: str | None
    fiscal_year: int | None
    table_id: str | None
    table_label: str | None
    table_caption: str | None
    table_kind: str | None
    table_line: int | None
    table_page: int | None
    row_no: int | None
    page: int | None
    line: int | None
    kind: str
    subject: str | None
    reported: float | None
    recomputed: float | None
    diff: float | None
    tolerance: float | None
    status: str
    formula: str | None
    detail: str | None
    raw_cells: list[str] = field(default_factory=list)

    @property
    def size(self) -> float:
        """How far off, relative to the figure: a 1-point slip on a percentage and a
        50-million gap on a 13-billion budget are compared fairly."""
        if self.diff is None:
            return 0.0
        base = max(abs(self.recomputed or 0), abs(self.reported or 0), 1.0)
        return abs(self.diff) / base

    @property
    def table_name(self) -> str:
        """What the auditor looks for in the document: the printed label, else the caption,
        else the table's kind and where it starts; prose has no table at all."""
        if not self.table_id:
            return "prose"
        if self.table_label:
            return self.table_label
        if self.table_caption:
            return self.table_caption[:80]
        start = f"line {self.table_line}" if self.table_line else f"page {self.table_page}"
        return f"{self.table_kind or 'table'} table at {start}"

    @property
    def where(self) -> str:
        parts = [self.table_name]
        if self.line:
            parts.append(f"line {self.line}")
        if self.page:
            parts.append(f"page {self.page}")
        return ", ".join(parts)


def _row_cells(cells: list | None, row_no: int | None) -> list[str]:
    if not cells or not row_no or not 1 <= row_no <= len(cells):
        return []
    return [c["text"] for c in cells[row_no - 1]]


def table_cells(con: duckdb.DuckDBPyConnection, table_ids: set[str]) -> dict[str, list]:
    """Each table's stored cells (rows of {text, line, page, bbox}), parsed once."""
    if not table_ids:
        return {}
    rows = con.execute("SELECT table_id, cells FROM source_tables WHERE table_id IN "
                       "(SELECT unnest(?))", [sorted(table_ids)]).fetchall()
    return {tid: json.loads(cells) if cells else [] for tid, cells in rows}


def load_checks(con: duckdb.DuckDBPyConnection, status: str, doc: str | None = None,
                kind: str | None = None) -> list[Check]:
    """Checks of one status, optionally of one document (doc_id or file name) and kind."""
    filters, params = [], [status]
    if doc:
        filters.append("AND (c.doc_id = ? OR d.file_name = ?)")
        params += [doc, doc]
    if kind:
        filters.append("AND c.kind = ?")
        params.append(kind)
    cur = con.execute(CHECKS_SQL.format(filters=" ".join(filters)), params)
    names = [d[0] for d in cur.description]
    out = [Check(**dict(zip(names, row, strict=True))) for row in cur.fetchall()]
    cells = table_cells(con, {c.table_id for c in out if c.table_id})
    for c in out:
        c.raw_cells = _row_cells(cells.get(c.table_id or ""), c.row_no)
    return out


def summary(con: duckdb.DuckDBPyConnection, doc: str | None = None) -> list[dict]:
    """Per document: what it is, its status and how its checks came out."""
    sql = """
        SELECT d.doc_id, d.file_name, d.doc_type, d.entity, d.fiscal_year, d.status,
               d.format, d.source_path, d.extracted_at,
               count(c.check_id) AS checks,
               count(*) FILTER (WHERE c.status = 'ok') AS ok,
               count(*) FILTER (WHERE c.status = 'mismatch') AS mismatch,
               count(*) FILTER (WHERE c.status = 'unverifiable') AS unverifiable
        FROM documents d LEFT JOIN checks c USING (doc_id)
        WHERE d.duplicate_of IS NULL {where}
        GROUP BY ALL ORDER BY d.file_name
    """
    where, params = "", []
    if doc:
        where, params = "AND (d.doc_id = ? OR d.file_name = ?)", [doc, doc]
    cur = con.execute(sql.format(where=where), params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def header(con: duckdb.DuckDBPyConnection, db_path: str, summaries: list[dict]) -> dict:
    """What the report is of, so a printed copy can be traced to its database and run:
    the database, the kinerja and schema versions, when the documents were extracted and
    when the report was made."""
    from pipeline import __version__
    from pipeline.store import SCHEMA_VERSION

    stored = con.execute("SELECT max(version) FROM schema_version").fetchone()[0]
    dates = [s["extracted_at"] for s in summaries if s.get("extracted_at")]
    return {
        "database": db_path,
        "kinerja_version": __version__,
        "schema_version": SCHEMA_VERSION,
        "database_schema_version": stored,
        "extracted_from": min(dates).isoformat(sep=" ", timespec="seconds") if dates else None,
        "extracted_to": max(dates).isoformat(sep=" ", timespec="seconds") if dates else None,
        "report_date": datetime.now().astimezone().isoformat(sep=" ", timespec="seconds"),
        "documents": [s["file_name"] for s in summaries],
    }


def fmt_number(value: float | None) -> str:
    """A figure as an auditor reads it: thousands separated, no trailing zeros."""
    if value is None:
        return ""
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.2f}".rstrip("0").rstrip(".")

