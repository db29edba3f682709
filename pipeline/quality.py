"""The quality report: how well kinerja read a set of documents, without any gold.

A researcher with a thousand reports cannot hand-check them. What the database itself can say
is where kinerja did not understand a document: tables it could not classify ('other'),
tables it classified but drew no curated row from, capaian figures its own recomputation does
not reproduce, budget columns that do not foot, and metadata it could not find evidence for.
Every figure here is a plain SQL count on a read-only connection, so the report is cheap to
re-run and the same numbers can be got by hand from the tables it reads.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field

import duckdb
from rich.table import Table

from pipeline import registry

# Every curated table a curator makes from a printed table (pipeline/registry.py): a
# classified table should feed at least one.
CURATED_WITH_TABLE = tuple(registry.curators())
METADATA_FIELDS = ("doc_type", "fiscal_year", "entity", "region")


@dataclass
class CheckCounts:
    """Outcomes of one kind of check. The rate leaves unverifiable ones out: they say the
    inputs were missing or doubtful, not that the arithmetic failed."""

    ok: int = 0
    mismatch: int = 0
    unverifiable: int = 0
    unchecked: int = 0  # rows that qualify but carry no check at all (should stay 0)

    @property
    def rate(self) -> float | None:
        decided = self.ok + self.mismatch
        return self.ok / decided if decided else None

    @property
    def total(self) -> int:
        return self.ok + self.mismatch + self.unverifiable + self.unchecked

    def add(self, other: CheckCounts) -> None:
        self.ok += other.ok
        self.mismatch += other.mismatch
        self.unverifiable += other.unverifiable
        self.unchecked += other.unchecked

    def as_dict(self) -> dict:
        return asdict(self) | {"total": self.total, "rate": _round(self.rate)}


@dataclass
class UnreadTable:
    """A table kinerja recognised (kind != 'other') yet took no curated row from: the
    classifier and the curation disagree, so one of them is wrong about it."""

    doc_id: str
    file_name: str
    table_id: str
    kind: str
    label: str | None
    caption: str | None
    page_start: int | None
    page_end: int | None
    line_start: int | None
    line_end: int | None
    n_rows: int
    kind_reason: str | None

    @property
    def where(self) -> str:
        """Page for PDF/DOCX, line for text conversions — whichever the table carries."""
        if self.page_start is not None:
            end = f"–{self.page_end}" if self.page_end not in (None, self.page_start) else ""
            return f"page {self.page_start}{end}"
        if self.line_start is not None:
            return f"line {self.line_start}"
        return ""

    def as_dict(self) -> dict:
        return asdict(self) | {"where": self.where}


@dataclass
class TableCounts:
    """Source tables per kind. 'other' is what the classifier did not recognise."""

    by_kind: Counter = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.by_kind.values())

    @property
    def other(self) -> int:
        return self.by_kind.get("other", 0)

    @property
    def classified(self) -> int:
        return self.total - self.other

    @property
    def other_share(self) -> float | None:
        return self.other / self.total if self.total else None

    def as_dict(self) -> dict:
        return {
            "total": self.total, "classified": self.classified, "other": self.other,
            "other_share": _round(self.other_share),
            "by_kind": dict(sorted(self.by_kind.items(), key=lambda kv: (-kv[1], kv[0]))),
        }


@dataclass
class DocQuality:
    """One document's figures; also used, with `metadata` empty, for the totals."""

    doc_id: str
    file_name: str
    metadata: dict = field(default_factory=dict)
    tables: TableCounts = field(default_factory=TableCounts)
    unread: list[UnreadTable] = field(default_factory=list)
    capaian: CheckCounts = field(default_factory=CheckCounts)
    footing: CheckCounts = field(default_factory=CheckCounts)

    @property
    def unread_share(self) -> float | None:
        """Of the classified tables, the share that gave no curated row."""
        return len(self.unread) / self.tables.classified if self.tables.classified else None

    def figures(self) -> dict:
        return {
            "tables": self.tables.as_dict(),
            "unread_tables": len(self.unread),
            "unread_share": _round(self.unread_share),
            "unread_by_kind": dict(Counter(u.kind for u in self.unread).most_common()),
            "capaian": self.capaian.as_dict(),
            "footing": self.footing.as_dict(),
        }


@dataclass
class QualityReport:
    documents: list[DocQuality]
    total: DocQuality

    def as_dict(self) -> dict:
        """The JSON shape: one section per document and one for the whole database."""
        return {
            "documents": [
                {"doc_id": d.doc_id, "file_name": d.file_name, "metadata": d.metadata}
                | d.figures() | {"unread": [u.as_dict() for u in d.unread]}
                for d in self.documents
            ],
            "total": {"documents": len(self.documents)} | metadata_summary(self.documents)
            | self.total.figures(),
        }

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2, default=str)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _rows(con: duckdb.DuckDBPyConnection, sql: str, doc_id: str | None) -> list[dict]:
    """Run a query whose WHERE takes the optional document twice (`? IS NULL OR … = ?`)."""
    cur = con.execute(sql, [doc_id, doc_id])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def resolve_doc(con: duckdb.DuckDBPyConnection, doc: str) -> str | None:
    """A doc_id from a doc_id or a file name, as `kinerja audit --doc` accepts both."""
    row = con.execute(
        "SELECT doc_id FROM documents WHERE doc_id = ? OR file_name = ? ORDER BY doc_id LIMIT 1",
        [doc, doc],
    ).fetchone()
    return row[0] if row else None


def documents_metadata(con: duckdb.DuckDBPyConnection, doc_id: str | None = None) -> list[dict]:
    """Each document's metadata with the evidence the extraction recorded for it, so a wrong
    year or type can be traced to the words it was read from (or to the lack of any)."""
    rows = _rows(con, """
        SELECT doc_id, file_name, doc_type, fiscal_year, entity, region, status, error,
               warnings, metadata_notes
        FROM documents WHERE (? IS NULL OR doc_id = ?) ORDER BY file_name, doc_id""", doc_id)
    for r in rows:
        # A 'partial' document usually has no error; its warnings (scanned pages, blank
        # pages) are what explain the status, so they travel with it.
        r["warnings"] = json.loads(r["warnings"]) if r["warnings"] else []
        notes = r.pop("metadata_notes")
        r["evidence"] = json.loads(notes) if notes else []
    return rows


def kind_counts(con: duckdb.DuckDBPyConnection, doc_id: str | None = None) -> dict[str, Counter]:
    """Source tables per document and kind."""
    out: dict[str, Counter] = {}
    for r in _rows(con, """
            SELECT doc_id, kind, count(*) AS n FROM source_tables
            WHERE (? IS NULL OR doc_id = ?) GROUP BY ALL""", doc_id):
        out.setdefault(r["doc_id"], Counter())[r["kind"]] = r["n"]
    return out


def unread_tables(con: duckdb.DuckDBPyConnection, doc_id: str | None = None) -> list[UnreadTable]:
    """Classified tables with no row in any curated table that carries table_id."""
    none_curated = " AND ".join(
        f"NOT EXISTS (SELECT 1 FROM {t} c WHERE c.table_id = s.table_id)"
        for t in CURATED_WITH_TABLE
    )
    rows = _rows(con, f"""
        SELECT s.doc_id, d.file_name, s.table_id, s.kind, s.label, s.caption, s.page_start,
               s.page_end, s.line_start, s.line_end, s.n_rows, s.kind_reason
        FROM source_tables s JOIN documents d USING (doc_id)
        WHERE s.kind <> 'other' AND {none_curated} AND (? IS NULL OR s.doc_id = ?)
        ORDER BY d.file_name, s.table_index, s.table_id""", doc_id)
    return [UnreadTable(**r) for r in rows]


# A performance row's own capaian check is the one written from that row: same table and row
# number, and the subject arithmetic.capaian_check builds from its indicator, year and
# measure (one table row gives several records — years, measures — under one row_no). A row
# measured against the Renstra end target is checked as 'renstra_progress', the same
# recomputation against another target, so it counts here too.
CAPAIAN_SQL = """
    WITH p AS (
        SELECT row_number() OVER () AS rid, doc_id, table_id, row_no,
               trim(coalesce(indicator, 'None') || ' ' || coalesce(CAST(year AS VARCHAR), '')
                    || ' ' || coalesce(measure, '')) AS subject
        FROM performance
        WHERE target IS NOT NULL AND realisasi IS NOT NULL AND capaian_reported IS NOT NULL
          AND (? IS NULL OR doc_id = ?)
    ), per_row AS (
        SELECT p.rid, any_value(p.doc_id) AS doc_id,
               CASE WHEN bool_or(c.status = 'ok') THEN 'ok'
                    WHEN bool_or(c.status = 'mismatch') THEN 'mismatch'
                    WHEN bool_or(c.status = 'unverifiable') THEN 'unverifiable'
                    ELSE 'unchecked' END AS status
        FROM p LEFT JOIN checks c
          ON c.doc_id = p.doc_id AND c.table_id = p.table_id AND c.row_no = p.row_no
         AND c.kind IN ('capaian', 'renstra_progress') AND c.subject = p.subject
        GROUP BY p.rid
    )
    SELECT doc_id, status, count(*) AS n FROM per_row GROUP BY ALL
"""

FOOTING_SQL = """
    SELECT doc_id, status, count(*) AS n FROM checks
    WHERE kind = 'footing' AND (? IS NULL OR doc_id = ?) GROUP BY ALL
"""


def _status_counts(rows: list[dict]) -> dict[str, CheckCounts]:
    out: dict[str, CheckCounts] = {}
    for r in rows:
        counts = out.setdefault(r["doc_id"], CheckCounts())
        setattr(counts, r["status"], getattr(counts, r["status"]) + r["n"])
    return out


def capaian_counts(con: duckdb.DuckDBPyConnection, doc_id: str | None = None) -> dict[str, CheckCounts]:
    """Per document, performance rows printing target, realisasi and capaian, by the outcome
    of their capaian check: the share reproduced says whether the columns were read as the
    report meant them (a mis-read column rarely reproduces the printed capaian)."""
    return _status_counts(_rows(con, CAPAIAN_SQL, doc_id))


def footing_counts(con: duckdb.DuckDBPyConnection, doc_id: str | None = None) -> dict[str, CheckCounts]:
    """Per document, footing checks by status: a budget hierarchy read wrongly does not foot."""
    return _status_counts(_rows(con, FOOTING_SQL, doc_id))


def build(con: duckdb.DuckDBPyConnection, doc_id: str | None = None) -> QualityReport:
    """The whole report, one query per measure for all documents at once, then per document."""
    kinds = kind_counts(con, doc_id)
    capaian = capaian_counts(con, doc_id)
    footing = footing_counts(con, doc_id)
    unread: dict[str, list[UnreadTable]] = {}
    for u in unread_tables(con, doc_id):
        unread.setdefault(u.doc_id, []).append(u)
    docs = [
        DocQuality(
            doc_id=m["doc_id"], file_name=m["file_name"],
            metadata={k: v for k, v in m.items() if k not in ("doc_id", "file_name")},
            tables=TableCounts(kinds.get(m["doc_id"], Counter())),
            unread=unread.get(m["doc_id"], []),
            capaian=capaian.get(m["doc_id"], CheckCounts()),
            footing=footing.get(m["doc_id"], CheckCounts()),
        )
        for m in documents_metadata(con, doc_id)
    ]
    return QualityReport(docs, totals(docs))


def totals(docs: list[DocQuality]) -> DocQuality:
    """The sum over documents: counts add, rates are recomputed from the summed counts."""
    total = DocQuality(doc_id="", file_name="TOTAL")
    for d in docs:
        total.tables.by_kind.update(d.tables.by_kind)
        total.unread.extend(d.unread)
        total.capaian.add(d.capaian)
        total.footing.add(d.footing)
    return total


def metadata_summary(docs: list[DocQuality]) -> dict:
    """Document status and type counts, and how many documents lack each metadata field."""
    meta = [d.metadata for d in docs]
    return {
        "status": dict(Counter(m["status"] for m in meta).most_common()),
        "doc_type": dict(Counter(m["doc_type"] or "NULL" for m in meta).most_common()),
        "missing": {f: sum(1 for m in meta if m[f] in (None, "", "unknown"))
                    for f in METADATA_FIELDS},
    }


# ---- terminal rendering (rich) -------------------------------------------------------------


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.1f} %"


def _ratio(counts: CheckCounts) -> str:
    if not counts.ok + counts.mismatch:
        return "–"
    return f"{counts.ok}/{counts.ok + counts.mismatch} ({_pct(counts.rate)})"


def _kinds_text(tables: TableCounts) -> str:
    return ", ".join(f"{k} {n}" for k, n in tables.as_dict()["by_kind"].items())


def documents_table(report: QualityReport) -> Table:
    """One line per document and a TOTAL line: the figures a reader scans for outliers."""
    table = Table(title="quality per document", show_footer=False)
    for col, justify in (("file", "left"), ("type", "left"), ("year", "right"),
                         ("status", "left"), ("tables", "right"), ("other", "right"),
                         ("no rows", "right"), ("capaian reproduced", "right"),
                         ("capaian unverif.", "right"), ("footing ok", "right"),
                         ("footing unverif.", "right"), ("kinds", "left")):
        table.add_column(col, justify=justify, overflow="fold")
    for d in [*report.documents, report.total]:
        m = d.metadata
        table.add_row(
            d.file_name, str(m.get("doc_type") or ""), str(m.get("fiscal_year") or ""),
            str(m.get("status") or ""), str(d.tables.total),
            f"{d.tables.other} ({_pct(d.tables.other_share)})",
            f"{len(d.unread)}/{d.tables.classified}", _ratio(d.capaian),
            str(d.capaian.unverifiable + d.capaian.unchecked), _ratio(d.footing),
            str(d.footing.unverifiable), _kinds_text(d.tables),
            end_section=d is report.documents[-1],
        )
    return table


def unread_table(report: QualityReport) -> Table:
    table = Table(title=f"{len(report.total.unread)} classified tables with no curated row")
    for col in ("file", "table", "kind", "label", "caption", "where", "rows"):
        table.add_column(col, overflow="fold")
    for u in report.total.unread:
        table.add_row(u.file_name, u.table_id.rsplit(":", 1)[-1], u.kind, u.label or "",
                      (u.caption or "")[:90], u.where, str(u.n_rows))
    return table


def _short(message: str, file_name: str, limit: int = 160) -> str:
    """A warning without the '/full/path/file.pdf: ' it starts with, cut to one line or two."""
    _, found, rest = message.partition(f"{file_name}: ")
    text = rest if found else message
    return text if len(text) <= limit else text[: limit - 1] + "…"


def metadata_table(report: QualityReport) -> Table:
    table = Table(title="metadata and its evidence")
    for col in ("file", "type", "year", "entity", "region", "status",
                "evidence / error / warnings"):
        table.add_column(col, overflow="fold")
    for d in report.documents:
        m = d.metadata
        evidence = "; ".join(m["evidence"]) or "no evidence recorded"
        if m.get("error"):
            evidence += f"\nerror: {m['error']}"
        for warning in m["warnings"]:
            evidence += f"\nwarning: {_short(warning, d.file_name)}"
        table.add_row(d.file_name, m["doc_type"] or "", str(m["fiscal_year"] or ""),
                      m["entity"] or "", m["region"] or "", m["status"], evidence)
    return table


def totals_table(report: QualityReport) -> Table:
    """The corpus figures in one place: what a before/after comparison quotes."""
    t, meta = report.total, metadata_summary(report.documents)
    table = Table(title="totals", show_header=False)
    table.add_column("measure")
    table.add_column("value", overflow="fold")
    rows = [
        ("documents", f"{len(report.documents)} — "
         + ", ".join(f"{k} {v}" for k, v in meta["status"].items())),
        ("document types", ", ".join(f"{k} {v}" for k, v in meta["doc_type"].items())),
        ("metadata missing", ", ".join(f"{k} {v}" for k, v in meta["missing"].items())),
        ("tables", str(t.tables.total)),
        ("left 'other'", f"{t.tables.other} ({_pct(t.tables.other_share)})"),
        ("classified, no curated row", f"{len(t.unread)} of {t.tables.classified} "
         f"({_pct(t.unread_share)})"),
        ("capaian reproduced", f"{_ratio(t.capaian)} of {t.capaian.total} rows with target, "
         f"realisasi and capaian; {t.capaian.unverifiable} unverifiable, "
         f"{t.capaian.unchecked} unchecked"),
        ("footing ok", f"{_ratio(t.footing)}; {t.footing.unverifiable} unverifiable"),
        ("tables per kind", _kinds_text(t.tables)),
    ]
    for row in rows:
        table.add_row(*row)
    return table


def render_tables(report: QualityReport) -> list[Table]:
    """Everything the terminal shows, in reading order, totals last so they stay on screen."""
    return [documents_table(report), unread_table(report), metadata_table(report),
            totals_table(report)]
