"""The audit report's content, assembled once and written as JSON, CSV, a terminal table or
HTML (`pipeline.report_html`), so every format says the same thing."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field

import duckdb

from pipeline.audit import Check, fmt_number, header, load_checks, summary, table_cells
from pipeline.audit_evidence import Evidence, EvidenceReader
from pipeline.audit_group import Finding, group


@dataclass
class Unverifiable:
    """The checks of one table that could not be made, counted by reason."""

    doc_id: str
    file_name: str
    table_id: str | None
    table: str
    reasons: list[dict] = field(default_factory=list)  # {kind, reason, formula, count, at}

    @property
    def count(self) -> int:
        return sum(r["count"] for r in self.reasons)


@dataclass
class Report:
    header: dict
    documents: list[dict]
    findings: list[Finding]
    evidence: dict[str, Evidence]  # finding_id → evidence of its primary check
    unverifiable: list[Unverifiable]
    unverifiable_checks: list[Check] = field(default_factory=list)

    @property
    def mismatches(self) -> int:
        return sum(len(f.checks) for f in self.findings)


def reason_of(detail: str | None) -> str:
    """The why of an unverifiable check: its detail's last clause, where checks put the
    reason after the figures ('printed 63.96%; the indicator is a composite …')."""
    if not detail:
        return "no reason recorded"
    return detail.rsplit("; ", 1)[-1]


def unverifiable_by_table(items: list[Check]) -> list[Unverifiable]:
    """Per document and table, each (kind, reason) with how many checks and where."""
    tables: dict[tuple, list[Check]] = defaultdict(list)
    for c in items:
        tables[(c.file_name, c.table_id is None, c.table_line or c.table_page or 0,
                c.table_id or "")].append(c)
    out = []
    for key in sorted(tables):
        members = tables[key]
        first = members[0]
        out.append(Unverifiable(first.doc_id, first.file_name, first.table_id, first.table_name,
                                _reasons(members)))
    return out


def _reasons(members: list[Check]) -> list[dict]:
    """One table's (kind, reason, formula), most frequent first, with the lines or pages
    where each occurs."""
    counts = Counter((c.kind, reason_of(c.detail), c.formula or "") for c in members)
    at: dict[tuple, list[str]] = defaultdict(list)
    for c in members:
        place = c.line or c.page
        if place is not None:
            at[(c.kind, reason_of(c.detail), c.formula or "")].append(str(place))
    return [{"kind": k, "reason": r, "formula": f, "count": n, "at": sorted(set(at[(k, r, f)]), key=int)}
            for (k, r, f), n in counts.most_common()]


def build(con: duckdb.DuckDBPyConnection, db_path: str, doc: str | None = None,
          kind: str | None = None, images: bool = True) -> Report:
    """Everything the report shows; `images` renders PDF crops (HTML needs them, the data
    formats carry the crop's page and box instead)."""
    documents = summary(con, doc)
    findings = group(load_checks(con, "mismatch", doc, kind))
    unchecked = load_checks(con, "unverifiable", doc, kind)
    sources = {d["doc_id"]: {"source_path": d["source_path"], "format": d["format"]}
               for d in documents}
    cells = table_cells(con, {f.primary.table_id for f in findings if f.primary.table_id})
    reader = EvidenceReader(sources, cells)
    try:
        evidence = {f.finding_id: reader.for_check(f.primary, image=images) for f in findings}
    finally:
        reader.close()
    return Report(header(con, db_path, documents), documents, findings, evidence,
                  unverifiable_by_table(unchecked), unchecked)


def _check_dict(c: Check) -> dict:
    return asdict(c) | {"where": c.where, "table": c.table_name}


def finding_dict(f: Finding, ev: Evidence | None, with_image: bool = False) -> dict:
    """The primary check's fields at the top, the group around them."""
    return _check_dict(f.primary) | {
        "finding_id": f.finding_id,
        "size": round(f.size, 6),
        "kinds": f.kinds,
        "check_ids": [c.check_id for c in f.checks],
        "checks": [_check_dict(c) for c in f.checks],
        "corroboration": [{"check_id": c.check_id, "table": c.table_name, "where": c.where,
                           "kind": c.kind, "reported": c.reported, "recomputed": c.recomputed}
                          for c in f.corroboration],
        "evidence": ev.as_dict(with_image) if ev else None,
    }


def to_json(report: Report) -> str:
    documents = [{k: v for k, v in d.items() if k != "source_path"} for d in report.documents]
    return json.dumps({
        "header": report.header,
        "documents": documents,
        "findings": [finding_dict(f, report.evidence.get(f.finding_id)) for f in report.findings],
        "unverifiable": [asdict(u) | {"count": u.count} for u in report.unverifiable],
    }, ensure_ascii=False, indent=2, default=str)


FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")
CSV_FIELDS = ["section", "finding_id", "role", "check_id", "file_name", "table", "where",
              "line", "page", "row_no", "kind", "subject", "reported", "recomputed", "diff",
              "tolerance", "formula", "detail", "reason", "printed_row"]


def neutralise(value: object) -> object:
    """A spreadsheet runs a cell that starts like a formula; prefix an apostrophe so a
    printed '-' or '=SUM(…)' stays text. Numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_LEADS):
        return "'" + value
    return value


def _csv_row(section: str, c: Check, finding_id: str = "", role: str = "") -> dict:
    return {"section": section, "finding_id": finding_id, "role": role, "check_id": c.check_id,
            "file_name": c.file_name, "table": c.table_name, "where": c.where, "line": c.line,
            "page": c.page, "row_no": c.row_no, "kind": c.kind, "subject": c.subject,
            "reported": c.reported, "recomputed": c.recomputed, "diff": c.diff,
            "tolerance": c.tolerance, "formula": c.formula, "detail": c.detail,
            "reason": reason_of(c.detail) if section == "unverifiable" else "",
            "printed_row": " | ".join(c.raw_cells)}


def to_csv(report: Report) -> str:
    """One row per check: every mismatch under its finding (the first is the finding's
    primary check, the rest corroborate it), then the checks that could not be made."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_FIELDS)
    writer.writeheader()
    rows = [_csv_row("finding", c, f.finding_id, "primary" if i == 0 else "corroboration")
            for f in report.findings for i, c in enumerate(f.checks)]
    rows += [_csv_row("unverifiable", c) for c in report.unverifiable_checks]
    for row in rows:
        writer.writerow({k: neutralise(v) for k, v in row.items()})
    return buf.getvalue()


def table_rows(report: Report) -> list[tuple[str, ...]]:
    """One terminal row per finding."""
    out = []
    for f in report.findings:
        p = f.primary
        also = f"(+{len(f.checks) - 1} checks)" if len(f.checks) > 1 else ""
        out.append((p.file_name, p.where, ", ".join(f.kinds), p.subject or "",
                    fmt_number(p.reported), fmt_number(p.recomputed), also))
    return out
