"""DuckDB storage: the schema, and one transaction per document.

A document's rows are replaced as a whole or not at all, so a crash or a bad file never
leaves half a document behind, and a re-run of one file touches nothing else.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import re
from importlib import resources
from pathlib import Path

import duckdb

from pipeline.model import DocumentResult  # noqa: F401 — re-exported: the stored unit

SCHEMA_VERSION = 1
CURATED_TABLES = (
    "source_tables", "performance", "budget", "iku", "staffing", "ikk", "claims", "checks",
)


def schema_sql() -> str:
    files = sorted(
        (f for f in resources.files("schemas").iterdir() if f.name.endswith(".sql")),
        key=lambda f: f.name,
    )
    return "\n".join(f.read_text(encoding="utf-8") for f in files)


class DatabaseError(Exception):
    """A database kinerja cannot use; the message is one line naming the file and what to do."""


SQLITE_MAGIC = b"SQLite format 3\x00"
DUCKDB_MAGIC = b"DUCK"  # at offset 8 of every DuckDB file


def _check_file(path: Path, read_only: bool) -> None:
    """Refuse what DuckDB would mishandle before it sees it: a SQLite file makes DuckDB try to
    download an extension, and a directory or an empty file gives a multi-line IO error."""
    if path.is_dir():
        raise DatabaseError(f"{path}: is a folder; give --db a file name such as {path}/kinerja.duckdb")
    if not path.exists():
        if read_only:
            raise DatabaseError(f"{path}: no such database; run `kinerja extract` first")
        return
    with path.open("rb") as fh:
        head = fh.read(16)
    if head.startswith(SQLITE_MAGIC):
        raise DatabaseError(f"{path}: is a SQLite database, not DuckDB; choose another --db")
    if not head:
        raise DatabaseError(f"{path}: is an empty file, not a DuckDB database; "
                            "delete it or choose another --db")
    if head[8:12] != DUCKDB_MAGIC:
        raise DatabaseError(f"{path}: is not a DuckDB database; choose another --db")


def _explain(path: Path, err: Exception) -> str:
    """DuckDB's multi-line errors, as one line saying what to do."""
    text = str(err)
    if "lock" in text.lower():
        holder = re.search(r"PID (\d+)", text)
        who = f" (process {holder.group(1)})" if holder else ""
        return f"{path}: in use by another process{who}; close it or wait, then run again"
    if "Permission denied" in text or "read-only" in text.lower() or "Read-only" in text:
        return f"{path}: cannot be written (permission denied or read-only); choose another --db"
    if "Could not read enough bytes" in text or "not a valid DuckDB" in text or "Corrupt" in text:
        return (f"{path}: is damaged or truncated; restore it from a copy or choose another --db "
                "(kinerja extract rebuilds a database from the reports)")
    first = text.strip().splitlines()[0] if text.strip() else type(err).__name__
    return f"{path}: cannot be opened as a DuckDB database ({first})"


def connect(db_path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (and, unless read-only, create or migrate) a kinerja database. Every failure is a
    `DatabaseError` with one line, so the CLI never shows a traceback for a bad --db."""
    path = Path(db_path)
    _check_file(path, read_only)
    try:
        if read_only:
            con = duckdb.connect(str(path), read_only=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            con = duckdb.connect(str(path))
    except (duckdb.Error, OSError) as err:
        raise DatabaseError(_explain(path, err)) from err
    try:
        if read_only:
            _check_version(con, path)
        else:
            ensure_schema(con, path)
    except DatabaseError:
        con.close()
        raise
    except (duckdb.Error, OSError) as err:
        con.close()
        raise DatabaseError(_explain(path, err)) from err
    return con


def _check_version(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    try:
        current = con.execute("SELECT max(version) FROM schema_version").fetchone()[0]
    except duckdb.CatalogException as err:
        raise DatabaseError(f"{path}: is a DuckDB database but not one kinerja wrote "
                            "(no schema_version table); choose another --db") from err
    if current is not None and current > SCHEMA_VERSION:
        raise DatabaseError(_newer(path, current))


def _newer(path: Path, version: int) -> str:
    return (f"{path}: was written by a newer kinerja (schema {version}, this one reads "
            f"{SCHEMA_VERSION}); upgrade kinerja or choose another --db")


def ensure_schema(con: duckdb.DuckDBPyConnection, path: Path | None = None) -> None:
    """Create or migrate the tables; a database from a newer kinerja is refused untouched."""
    if _has_table(con, "schema_version"):
        _check_version(con, path or Path("database"))
    con.execute(schema_sql())
    add_missing_columns(con)
    current = con.execute("SELECT max(version) FROM schema_version").fetchone()[0]
    if current is None:
        con.execute("INSERT INTO schema_version VALUES (?, now())", [SCHEMA_VERSION])
    from pipeline.views import create_views  # views read the tables, so they come after

    create_views(con)


def _has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    return bool(con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]
    ).fetchone()[0])


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


def _value(value: object) -> object:
    """A Python value as DuckDB binds it: lists and dicts as JSON text, NaN as NULL (what the
    pandas frame this replaced did, so a figure nobody printed is never stored as NaN)."""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> None:
    """Insert `rows` (dicts; missing keys are NULL): one list parameter per column, unnested.

    No DataFrame: pandas cost ~0.8 s CPU and ~60 MiB to import in every process that
    stores. Nor `executemany`, which runs the statement once per row (~3 ms a row, 27× the
    frame on the fixture reports). Each column is bound as one list cast to the column's
    type, so DuckDB converts every value as the frame insert did (same rows, same types:
    tests/test_store_insert.py) in a single statement."""
    if not rows:
        return
    columns = con.execute(f"PRAGMA table_info('{table}')").fetchall()
    select = ", ".join(f"UNNEST(?::{dtype}[])" for _, _, dtype, *_ in columns)
    values = [[_value(r.get(name)) for r in rows] for _, name, *_ in columns]
    con.execute(f"INSERT INTO {table} SELECT {select}", values)


def existing_document(con: duckdb.DuckDBPyConnection, sha256: str) -> tuple[str, str] | None:
    row = con.execute(
        "SELECT status, pipeline_version FROM documents WHERE sha256 = ? AND duplicate_of IS NULL "
        "ORDER BY status = 'failed' LIMIT 1", [sha256]
    ).fetchone()
    return (row[0], row[1]) if row else None


def good_copy(con: duckdb.DuckDBPyConnection, sha256: str, version: str,
              path: str) -> str | None:
    """doc_id of a stored, good extraction of the same bytes at another path, if any."""
    row = con.execute(
        "SELECT doc_id FROM documents WHERE sha256 = ? AND source_path <> ? AND status IN "
        "('ok', 'partial') AND pipeline_version = ? AND duplicate_of IS NULL LIMIT 1",
        [sha256, path, version]).fetchone()
    return row[0] if row else None


GOOD = ("ok", "partial")


def write_document(con: duckdb.DuckDBPyConnection, result: DocumentResult) -> str:
    """Store one document's result in a single transaction; returns what was done.

    'stored': its rows replace those of the same file (path) or the same content.
    'kept': the new attempt failed while good rows of this file are stored — they stay,
    marked `stale` with the failure in `last_error`, because a corrupt re-export or a
    dead worker must never cost data already extracted.
    """
    doc = result.document
    _begin(con)
    try:
        outcome = _write(con, result)
        _log(con, doc, outcome)
        con.execute("COMMIT")
    except BaseException as err:
        _rollback(con)
        raise err
    return outcome


def _begin(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("BEGIN TRANSACTION")


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back without hiding the error that caused it (with the disk full, DuckDB may have
    ended the transaction itself, and 'no transaction is active' is not the news)."""
    with contextlib.suppress(duckdb.Error):
        con.execute("ROLLBACK")


def _write(con: duckdb.DuckDBPyConnection, result: DocumentResult) -> str:
    doc = result.document
    previous = _stored_for_path(con, doc["source_path"])
    if doc["status"] == "failed" and previous and previous[1] in GOOD:
        con.execute(
            "UPDATE documents SET last_error = ?, last_attempt_at = ?, stale = true "
            "WHERE doc_id = ?", [doc.get("error"), doc.get("extracted_at"), previous[0]])
        return "kept"
    doomed = ({previous[0]} if previous else set()) | _same_id(con, doc)
    for doc_id in doomed:
        for table in (*CURATED_TABLES, "documents"):
            con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [doc_id])
    doc.setdefault("last_attempt_at", doc.get("extracted_at"))
    if doc["status"] == "failed":
        doc.setdefault("last_error", doc.get("error"))
    _insert(con, "documents", [doc])
    for table in CURATED_TABLES:
        _insert(con, table, result.tables.get(table, []))
    return "stored"


def _stored_for_path(con: duckdb.DuckDBPyConnection, path: str) -> tuple[str, str] | None:
    row = con.execute("SELECT doc_id, status FROM documents WHERE source_path = ? "
                      "ORDER BY status IN ('ok', 'partial') DESC LIMIT 1", [path]).fetchone()
    return (row[0], row[1]) if row else None


def _same_id(con: duckdb.DuckDBPyConnection, doc: dict) -> set[str]:
    """The stored row with this doc_id, when it is not a good copy at another path (that one
    belongs to another file and is never replaced by this file's result)."""
    row = con.execute("SELECT source_path, status FROM documents WHERE doc_id = ?",
                      [doc["doc_id"]]).fetchone()
    if not row:
        return set()
    other_path, status = row
    if other_path != doc["source_path"] and status in GOOD:
        raise DuplicateContent(doc["doc_id"])
    return {doc["doc_id"]}


class DuplicateContent(Exception):
    """The result's doc_id is a good document stored for another path (identical bytes)."""


def record_duplicate(con: duckdb.DuckDBPyConnection, document: dict, original: str) -> None:
    """A file with the bytes of an already stored document: one `documents` row of its own
    (status 'duplicate', `duplicate_of` the original), its figures read once, not twice."""
    doc = dict(document)
    doc["doc_id"] = duplicate_id(doc["source_path"])
    doc.update(status="duplicate", duplicate_of=original, error=None)
    _begin(con)
    try:
        previous = _stored_for_path(con, doc["source_path"])
        if previous:
            for table in (*CURATED_TABLES, "documents"):
                con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [previous[0]])
        _insert(con, "documents", [doc])
        _log(con, doc, "duplicate")
        con.execute("COMMIT")
    except BaseException as err:
        _rollback(con)
        raise err


def duplicate_id(path: str) -> str:
    """A duplicate's own id: from its path, since its content id belongs to the original."""
    return "dup-" + hashlib.sha256(path.encode()).hexdigest()[:12]


def _log(con: duckdb.DuckDBPyConnection, doc: dict, outcome: str) -> None:
    status = doc["status"] if outcome == "stored" else outcome
    message = doc.get("error") or (f"identical to {doc.get('duplicate_of')}"
                                   if outcome == "duplicate" else None)
    con.execute("INSERT INTO extract_log VALUES (?, ?, ?, ?, ?)",
                [doc.get("extracted_at"), doc["source_path"], doc.get("doc_id"), status, message])
