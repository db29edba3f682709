"""DuckDB storage: the schema, and one transaction per document.

A document's rows are replaced as a whole or not at all, so a crash or a bad file never
leaves half a document behind, and a re-run of one file touches nothing else.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import duckdb
import pandas as pd

SCHEMA_VERSION = 1
CURATED_TABLES = (
    "source_tables", "performance", "budget", "iku", "staffing", "ikk", "claims", "checks",
)


@dataclass
class DocumentResult:
    """Everything one document contributes to the database."""

    document: dict
    tables: dict[str, list[dict]] = field(default_factory=dict)  # table name → rows

    def count(self, table: str) -> int:
        return len(self.tables.get(table, []))


def schema_sql() -> str:
    files = sorted(
        (f for f in resources.files("schemas").iterdir() if f.name.endswith(".sql")),
        key=lambda f: f.name,
    )
    return "\n".join(f.read_text(encoding="utf-8") for f in files)


def connect(db_path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    if read_only:
        return duckdb.connect(str(db_path), read_only=True)
    Path(db_path).parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(db_path))
    ensure_schema(con)
    return con


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(schema_sql())
    add_missing_columns(con)
    current = con.execute("SELECT max(version) FROM schema_version").fetchone()[0]
    if current is None:
        con.execute("INSERT INTO schema_version VALUES (?, now())", [SCHEMA_VERSION])
    elif current > SCHEMA_VERSION:
        raise RuntimeError(
            f"database schema version {current} is newer than this kinerja ({SCHEMA_VERSION})"
        )
    from pipeline.views import create_views  # views read the tables, so they come after

    create_views(con)


def add_missing_columns(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Bring a database written by an older kinerja up to the current tables.

    The contract only ever gains columns, so the migration is additive: build the current
    schema in memory and add to each stored table the columns it lacks (NULL for old rows;
    re-extract with --force to fill them)."""
    reference = duckdb.connect(":memory:")
    reference.execute(schema_sql())
    added = []
    tables = [r[0] for r in reference.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE'"
    ).fetchall()]
    for table in tables:
        have = set(_columns(con, table))
        for _, name, dtype, *_ in reference.execute(f"PRAGMA table_info('{table}')").fetchall():
            if name not in have:
                con.execute(f'ALTER TABLE {table} ADD COLUMN "{name}" {dtype}')
                added.append(f"{table}.{name}")
    reference.close()
    return added


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [r[1] for r in con.execute(f"PRAGMA table_info('{table}')").fetchall()]


def _jsonable(value: object) -> object:
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> None:
    if not rows:
        return
    cols = _columns(con, table)
    frame = pd.DataFrame([{c: _jsonable(r.get(c)) for c in cols} for r in rows], columns=cols)
    frame = frame.astype(object).where(frame.notna(), None)
    # The frame holds every column of the table in order, so a positional insert is exact.
    con.from_df(frame).insert_into(table)


def existing_document(con: duckdb.DuckDBPyConnection, sha256: str) -> tuple[str, str] | None:
    row = con.execute(
        "SELECT status, pipeline_version FROM documents WHERE sha256 = ? LIMIT 1", [sha256]
    ).fetchone()
    return (row[0], row[1]) if row else None


def write_document(con: duckdb.DuckDBPyConnection, result: DocumentResult) -> None:
    """Replace one document's rows in a single transaction."""
    doc = result.document
    con.execute("BEGIN TRANSACTION")
    try:
        stale = [
            r[0]
            for r in con.execute(
                "SELECT doc_id FROM documents WHERE doc_id = ? OR source_path = ?",
                [doc["doc_id"], doc["source_path"]],
            ).fetchall()
        ]
        for doc_id in stale or [doc["doc_id"]]:
            for table in (*CURATED_TABLES, "documents"):
                con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [doc_id])
        _insert(con, "documents", [doc])
        for table in CURATED_TABLES:
            _insert(con, table, result.tables.get(table, []))
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
