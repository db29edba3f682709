"""DuckDB storage: the schema, and one transaction per document.

A document's rows are replaced as a whole or not at all, so a crash or a bad file never
leaves half a document behind, and a re-run of one file touches nothing else.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import math
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import duckdb

from pipeline import registry
from pipeline.errors import DatabaseError  # noqa: F401 — raised here, caught by the CLI
from pipeline.keys import assign_ids
from pipeline.model import DocumentResult  # noqa: F401 — re-exported: the stored unit

SCHEMA_VERSION = 1
# Both lists come from pipeline/registry.py, as they stood at import; the store itself asks
# the registry at each write, so a table registered later is stored too.
CURATED_TABLES = registry.curated_names()
# Every table an analyst reads: what `kinerja export` writes and what must be documented.
DATA_TABLES = registry.data_table_names()


def schema_sql() -> str:
    """The schema files, then the DDL of every registered table they do not create."""
    files = sorted(
        (f for f in resources.files("schemas").iterdir() if f.name.endswith(".sql")),
        key=lambda f: f.name,
    )
    sql = "\n".join(f.read_text(encoding="utf-8") for f in files)
    extra = registry.extra_ddl(CREATE_TABLE.findall(sql))
    return f"{sql}\n{extra}" if extra else sql


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
            _fold_pending_runs(con, path)
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
    """Create or migrate the tables; a database from a newer kinerja is refused untouched.
    A database already brought up to this kinerja's schema (its fingerprint matches) is left
    alone without comparing its catalog, which would cost more than an unchanged re-run."""
    if _has_table(con, "schema_version"):
        _check_version(con, path or Path("database"))
        if _stored_fingerprint(con) == fingerprint():
            return
    empty = not con.execute("SELECT count(*) FROM duckdb_tables()").fetchone()[0]
    con.execute(schema_sql())
    if not empty:  # a database created just now has the current tables and keys already
        add_missing_columns(con)
        backfill_row_ids(con)
        add_missing_keys(con)
    current = con.execute("SELECT max(version) FROM schema_version").fetchone()[0]
    if current is None:
        con.execute("INSERT INTO schema_version (version, applied_at) VALUES (?, now())",
                    [SCHEMA_VERSION])
    # The views and the ~300 comments in one transaction: all or none of them, and one
    # commit instead of one per statement (a new database opened in 0.35 s of CPU, now 0.27).
    con.begin()
    try:
        refresh_views(con)  # views read the tables, so they come after
        apply_comments(con)
        con.execute("UPDATE schema_version SET fingerprint = ?", [fingerprint()])
    except BaseException:
        con.rollback()
        raise
    con.commit()


@functools.cache
def fingerprint() -> str:
    """sha256 of everything `ensure_schema` brings a database up to: the DDL (with its
    comments), the views and the view comments."""
    from pipeline.views import VIEW_COMMENTS, VIEWS

    text = "\n".join([schema_sql(), *(f"{k}={v}" for k, v in sorted(VIEWS.items())),
                      *(f"{k}:{v}" for k, v in sorted(VIEW_COMMENTS.items()))])
    return hashlib.sha256(text.encode()).hexdigest()


def _stored_fingerprint(con: duckdb.DuckDBPyConnection) -> str | None:
    """The fingerprint the database was last brought up to (None before fingerprints)."""
    if "fingerprint" not in _columns(con, "schema_version"):
        return None
    return con.execute("SELECT max(fingerprint) FROM schema_version").fetchone()[0]


def _has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    return bool(con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]
    ).fetchone()[0])


@dataclass(frozen=True)
class Reference:
    """What the current schema and views look like, built once per process in memory: every
    open compares the stored database against it and changes only what differs."""

    columns: dict[str, list[tuple[str, str]]]  # table → [(column, type)], in order
    keys: frozenset[tuple[str, str, tuple[str, ...]]]  # (table, PRIMARY KEY | UNIQUE, columns)
    views: dict[str, str]  # view → its definition as DuckDB prints it


@functools.cache
def reference() -> Reference:
    from pipeline.views import create_views

    ref = duckdb.connect(":memory:")
    ref.execute(schema_sql())
    create_views(ref)
    tables = [r[0] for r in ref.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE'"
    ).fetchall()]
    columns = {t: [(r[1], r[2]) for r in ref.execute(f"PRAGMA table_info('{t}')").fetchall()]
               for t in tables}
    built = Reference(columns, frozenset(_keys(ref)), _views(ref))
    ref.close()
    return built


def _views(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return dict(con.execute("SELECT view_name, sql FROM duckdb_views() WHERE NOT internal").fetchall())


def refresh_views(con: duckdb.DuckDBPyConnection) -> list[str]:
    """(Re)create the views whose definition is missing or out of date; an unchanged view is
    left alone, so it keeps its comments and an open costs no catalog writes."""
    from pipeline.views import VIEWS

    have, want = _views(con), reference().views
    changed = [name for name in VIEWS if have.get(name) != want.get(name)]
    for name in changed:
        con.execute(f"CREATE OR REPLACE VIEW {name} AS {VIEWS[name]}")
    return changed


def add_missing_columns(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Bring a database written by an older kinerja up to the current tables.

    The contract only ever gains columns, so the migration is additive: add to each stored
    table the columns of the current schema it lacks (NULL for old rows; re-extract with
    --force to fill them)."""
    added = []
    for table, wanted in reference().columns.items():
        have = set(_columns(con, table))
        for name, dtype in wanted:
            if name not in have:
                con.execute(f'ALTER TABLE {table} ADD COLUMN "{name}" {dtype}')
                added.append(f"{table}.{name}")
    return added


def backfill_row_ids(con: duckdb.DuckDBPyConnection) -> None:
    """Rows stored before the fact tables had keys get theirs, in the same form a new
    extraction gives (pipeline/keys.py), so the key can be declared on an old database."""
    from pipeline.keys import ROW_ID, backfill_sql

    for table, column in ROW_ID.items():
        if _has_table(con, table) and con.execute(
                f'SELECT count(*) FROM {table} WHERE "{column}" IS NULL').fetchone()[0]:
            con.execute(backfill_sql(table))


def _keys(con: duckdb.DuckDBPyConnection) -> set[tuple[str, str, tuple[str, ...]]]:
    rows = con.execute(
        "SELECT table_name, constraint_type, constraint_column_names FROM duckdb_constraints() "
        "WHERE constraint_type IN ('PRIMARY KEY', 'UNIQUE') AND schema_name = 'main'").fetchall()
    return {(table, kind, tuple(cols)) for table, kind, cols in rows}


def add_missing_keys(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Declare on an older database the keys the schema declares (after its rows got ids).
    A key its old rows would break is left undeclared: the database still opens, and a
    re-extraction (--force) rebuilds rows that satisfy it."""
    added = []
    for table, kind, cols in sorted(reference().keys - _keys(con)):
        names = ", ".join(f'"{c}"' for c in cols)
        try:
            con.execute(f"ALTER TABLE {table} ADD {kind} ({names})")
        except duckdb.Error:
            continue
        added.append(f"{table} {kind} ({', '.join(cols)})")
    return added


COLUMN_LINE = re.compile(r"^\s*(\w+)\s+[A-Z]\w*[^-]*?(?:--\s*(.*))?$")
CONSTRAINT_WORDS = {"UNIQUE", "PRIMARY", "CHECK", "FOREIGN", "CONSTRAINT"}
CREATE_TABLE = re.compile(r"CREATE TABLE IF NOT EXISTS (\w+)", re.IGNORECASE)


def schema_comments(sql: str | None = None) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """The data dictionary written in the schema files: (table → comment, (table, column) →
    comment). A table's comment is the `--` block right above its CREATE TABLE; a column's
    is the `--` text on its line and the `--`-only lines under it."""
    tables: dict[str, str] = {}
    columns: dict[tuple[str, str], str] = {}
    above: list[str] = []
    table: str | None = None
    last: tuple[str, str] | None = None
    for line in (sql if sql is not None else schema_sql()).splitlines():
        text = line.strip()
        if table is None:
            above, table = _outside(text, above, tables)
            continue
        if text.startswith(")"):
            table, last = None, None
        elif text.startswith("--") and last:
            columns[last] = f"{columns[last]} {text[2:].strip()}".strip()
        elif (m := COLUMN_LINE.match(line)) and m.group(1).upper() not in CONSTRAINT_WORDS:
            last = (table, m.group(1))
            columns[last] = (m.group(2) or "").strip()
        else:
            last = None
    return tables, columns


def _outside(text: str, above: list[str], tables: dict[str, str]) -> tuple[list[str], str | None]:
    """A line between tables: collect the comment block, or open the table it documents."""
    if text.startswith("--"):
        return [*above, text[2:].strip()], None
    created = CREATE_TABLE.search(text)
    if created:
        tables[created.group(1)] = " ".join(above).strip()
        return [], created.group(1)
    return [], None


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def apply_comments(con: duckdb.DuckDBPyConnection) -> int:
    """Put the schema files' comments on the stored tables and columns (new or migrated), so
    the database documents itself; only comments that differ are written. Returns how many."""
    from pipeline.views import VIEW_COMMENTS, view_column_comments

    tables, columns = schema_comments()
    have_tables, have_views, have_columns = _stored_comments(con)
    columns = columns | view_column_comments(columns, [k for k in have_columns if k[0] in have_views])
    statements = [f"COMMENT ON TABLE {t} IS {_quote(text)}" for t, text in tables.items()
                  if t in have_tables and text and have_tables[t] != text]
    statements += [f"COMMENT ON VIEW {v} IS {_quote(text)}" for v, text in VIEW_COMMENTS.items()
                   if v in have_views and have_views[v] != text]
    statements += _column_comments(columns, have_columns)
    if statements:
        con.execute(";\n".join(statements))  # one call: DuckDB parses them together
    return len(statements)


def _stored_comments(con: duckdb.DuckDBPyConnection) -> tuple[dict, dict, dict]:
    """The comments the database holds now on its tables, views and columns: only those
    that differ are rewritten."""
    have_tables = dict(con.execute(
        "SELECT table_name, comment FROM duckdb_tables() WHERE schema_name = 'main'").fetchall())
    have_views = dict(con.execute(
        "SELECT view_name, comment FROM duckdb_views() WHERE NOT internal").fetchall())
    have_columns = {(t, c): comment for t, c, comment in con.execute(
        "SELECT table_name, column_name, comment FROM duckdb_columns() "
        "WHERE schema_name = 'main' AND NOT internal").fetchall()}
    return have_tables, have_views, have_columns


def _column_comments(columns: dict[tuple[str, str], str],
                     have_columns: dict[tuple[str, str], str | None]) -> list[str]:
    """COMMENT statements for the stored columns whose comment is missing or out of date."""
    return [f'COMMENT ON COLUMN {t}."{c}" IS {_quote(text)}'
            for (t, c), text in columns.items()
            if (t, c) in have_columns and text and have_columns[(t, c)] != text]


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
    validate_result(result)
    _begin(con)
    try:
        outcome = _write(con, result)
        _log(con, doc, outcome)
        con.execute("COMMIT")
    except BaseException as err:
        _rollback(con)
        raise err
    return outcome


def validate_result(result: DocumentResult) -> None:
    """Refuse, before the transaction begins, a result with a table or a record key the
    registry does not declare: `_insert` takes the table's columns and would drop the key,
    leaving its column silently NULL. The error names the table and the field."""
    registry.check_result(result.document, result.tables)


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
        _delete_document(con, doc_id)
    doc.setdefault("last_attempt_at", doc.get("extracted_at"))
    if doc["status"] == "failed":
        doc.setdefault("last_error", doc.get("error"))
    _insert(con, "documents", [doc])
    assign_ids(result.tables)  # a result built elsewhere than pipeline.run may lack them
    for table in registry.curated_names():
        _insert(con, table, result.tables.get(table, []))
    return "stored"


def _delete_document(con: duckdb.DuckDBPyConnection, doc_id: str) -> None:
    """Every row of one document, inside the caller's transaction."""
    for table in (*registry.curated_names(), "documents"):
        con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [doc_id])


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
            _delete_document(con, previous[0])
        _insert(con, "documents", [doc])
        _log(con, doc, "duplicate")
        con.execute("COMMIT")
    except BaseException as err:
        _rollback(con)
        raise err


def duplicate_id(path: str) -> str:
    """A duplicate's own id: from its path, since its content id belongs to the original."""
    return "dup-" + hashlib.sha256(path.encode()).hexdigest()[:12]


def record_run(con: duckdb.DuckDBPyConnection, settings: dict, version: str) -> str:
    """Store one run with the settings it used (`runs`), so its results can be reproduced;
    returns the run's id."""
    from pipeline.manifest import new_run

    row = new_run(settings, version)
    registry.check_fields("runs", [row])
    _insert(con, "runs", [row])
    return row["run_id"]


def _fold_pending_runs(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Move the runs that the unchanged-run shortcut journalled beside the database
    (pipeline/manifest.py) into `runs`. A crash between inserting and forgetting them
    leaves them journalled; the next fold skips the run ids already stored."""
    from pipeline.manifest import fold_pending_runs

    def store(rows: list[dict]) -> None:
        registry.check_fields("runs", rows)
        known = {r[0] for r in con.execute("SELECT run_id FROM runs WHERE run_id IN "
                                           "(SELECT UNNEST(?::VARCHAR[]))",
                                           [[r["run_id"] for r in rows]]).fetchall()}
        _insert(con, "runs", [r for r in rows if r["run_id"] not in known])

    fold_pending_runs(path, store)


def skippable_documents(con: duckdb.DuckDBPyConnection, version: str) -> list[tuple[str, str]]:
    """(path, sha256) of the documents `plan_batch` skips when their bytes are unchanged:
    stored by this version, not failed, the only row for their path."""
    return con.execute(
        "SELECT source_path, any_value(sha256) FROM documents GROUP BY source_path "
        "HAVING count(*) = 1 AND any_value(pipeline_version) = ? "
        "AND any_value(status) <> 'failed'", [version]).fetchall()


def _log(con: duckdb.DuckDBPyConnection, doc: dict, outcome: str) -> None:
    status = doc["status"] if outcome == "stored" else outcome
    message = doc.get("error") or (f"identical to {doc.get('duplicate_of')}"
                                   if outcome == "duplicate" else None)
    con.execute("INSERT INTO extract_log VALUES (?, ?, ?, ?, ?)",
                [doc.get("extracted_at"), doc["source_path"], doc.get("doc_id"), status, message])
