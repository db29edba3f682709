"""Results as Parquet files, for runs whose database lives on another machine.

`kinerja extract --out-parquet DIR` writes each document's result as one folder of Parquet
files — `documents.parquet` and one file per curated table it has rows in — instead of
writing a database; `kinerja ingest DIR --db FILE` later loads them through the same store
(`batch.store`: one transaction per document, the same outcome rules: a failed attempt never
replaces good rows, identical content is recorded as a duplicate). So a cluster with no shared
disk, or a batch split over several machines, needs only the small result folders copied to
the one machine that holds the database.

The rows are staged in an in-memory DuckDB with the real schema and written with
`COPY … TO (FORMAT parquet)`, so every column has the database's type; JSON columns are
written as JSON text, which any Parquet reader can load.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import duckdb

from pipeline.model import DocumentResult
from pipeline.store import CURATED_TABLES, duplicate_id, schema_sql
from pipeline.store import _insert as insert_rows  # the store's own insert: same types

DOCUMENTS_FILE = "documents.parquet"
TABLES = ("documents", *CURATED_TABLES)


def result_folder(document: dict) -> str:
    """One folder per (content, path): two copies of a file at different paths, or the same
    file extracted on two machines, never overwrite each other's result."""
    where = hashlib.sha256(document["source_path"].encode()).hexdigest()[:8]
    return f"{document['doc_id']}-{where}"


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


class ParquetWriter:
    """Writes results under `out_dir`, one folder each, completed atomically (written to a
    hidden folder, then renamed), so `ingest` never reads half a document."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = Path(out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self._con = duckdb.connect(":memory:")
        self._con.execute(schema_sql())
        self._select = {table: self._select_list(table) for table in TABLES}

    def _select_list(self, table: str) -> str:
        """Every column in table order, JSON columns cast to text."""
        columns = self._con.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = ? ORDER BY ordinal_position", [table]).fetchall()
        return ", ".join(f'"{name}"::VARCHAR AS "{name}"' if dtype == "JSON" else f'"{name}"'
                         for name, dtype in columns)

    def write(self, result: DocumentResult) -> Path:
        """Write one result; returns its folder (replacing an earlier one of the same file)."""
        folder = self.out_dir / result_folder(result.document)
        staging = self.out_dir / f".tmp-{folder.name}"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
        for table in CURATED_TABLES:
            self._copy(table, result.tables.get(table) or [], staging / f"{table}.parquet")
        self._copy("documents", [result.document], staging / DOCUMENTS_FILE)
        shutil.rmtree(folder, ignore_errors=True)
        staging.rename(folder)
        return folder

    def _copy(self, table: str, rows: list[dict], target: Path) -> None:
        if not rows:
            return
        self._con.execute(f"DELETE FROM {table}")
        insert_rows(self._con, table, rows)
        self._con.execute(f"COPY (SELECT {self._select[table]} FROM {table}) "
                          f"TO {_sql_string(str(target))} (FORMAT parquet)")

    def close(self) -> None:
        self._con.close()


def duplicate_result(path: Path, sha: str, original: str, when: datetime) -> DocumentResult:
    """The `documents` row of a file whose bytes another file of the batch has: written as a
    result of its own so that `ingest` records it as `store.record_duplicate` would."""
    from pipeline.files import failed_result

    doc = failed_result(path, "", sha=sha).document
    doc.update(doc_id=duplicate_id(doc["source_path"]), status="duplicate", duplicate_of=original,
               error=None, format=path.suffix.lower().lstrip(".") or "unknown", extracted_at=when)
    return DocumentResult(document=doc)


# --- reading back -------------------------------------------------------------------------


def _read(con: duckdb.DuckDBPyConnection, file: Path, json_columns: set[str]) -> list[dict]:
    """A Parquet file's rows as the dicts a worker returned: JSON text parsed back, and
    NULLs left out (the store fills some of them, as it does for a fresh result)."""
    cursor = con.execute(f"SELECT * FROM read_parquet({_sql_string(str(file))})")
    names = [d[0] for d in cursor.description]
    rows = []
    for values in cursor.fetchall():
        row = {}
        for name, value in zip(names, values, strict=True):
            if value is not None:
                row[name] = json.loads(value) if name in json_columns else value
        rows.append(row)
    return rows


def _json_columns() -> dict[str, set[str]]:
    con = duckdb.connect(":memory:")
    con.execute(schema_sql())
    found: dict[str, set[str]] = {table: set() for table in TABLES}
    for table, name in con.execute("SELECT table_name, column_name FROM information_schema.columns "
                                   "WHERE data_type = 'JSON'").fetchall():
        found.setdefault(table, set()).add(name)
    con.close()
    return found


def read_result(folder: Path, con: duckdb.DuckDBPyConnection,
                json_columns: dict[str, set[str]]) -> DocumentResult:
    """One result folder back as the `DocumentResult` it was written from."""
    (document,) = _read(con, folder / DOCUMENTS_FILE, json_columns["documents"])
    tables = {}
    for table in CURATED_TABLES:
        file = folder / f"{table}.parquet"
        tables[table] = _read(con, file, json_columns[table]) if file.exists() else []
    return DocumentResult(document=document, tables=tables)


def result_folders(root: Path) -> list[Path]:
    """Every complete result folder under `root` (searched recursively, so the folders of
    several machines can be copied side by side), unfinished staging folders skipped."""
    return sorted(f.parent for f in Path(root).rglob(DOCUMENTS_FILE)
                  if not f.parent.name.startswith(".tmp-"))


def read_results(root: Path, unreadable: list[tuple[str, str]] | None = None,
                 ) -> Iterator[DocumentResult]:
    """The results under `root` in the order `extract` would store them: documents first,
    duplicates after their originals, each group oldest attempt first (so a later attempt
    of the same file has the last word). Only the small `documents` rows are read to order
    them; each result is loaded as it is stored, so memory holds one document at a time.
    A folder that cannot be read (truncated in the copy) costs only itself: it is appended
    to `unreadable` as (folder, why) and the others are read."""
    unreadable = [] if unreadable is None else unreadable
    con = duckdb.connect(":memory:")
    json_columns = _json_columns()
    try:
        order = []
        for folder in result_folders(root):
            try:
                (doc,) = _read(con, folder / DOCUMENTS_FILE, set())
            except (duckdb.Error, OSError, ValueError) as err:
                unreadable.append((str(folder), _why(folder, err)))
                continue
            order.append((doc["status"] == "duplicate", doc.get("extracted_at") or datetime.min,
                          str(folder)))
        for *_, folder in sorted(order):
            try:
                yield read_result(Path(folder), con, json_columns)
            except (duckdb.Error, OSError, ValueError) as err:
                unreadable.append((folder, _why(Path(folder), err)))
    finally:
        con.close()


def _why(folder: Path, err: BaseException) -> str:
    first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
    return f"{folder}: result not readable, not ingested ({first}); extract the file again"


def store_result(con: duckdb.DuckDBPyConnection, result: DocumentResult) -> str:
    """Store one ingested result as `extract` would have: a duplicate is recorded as one
    (`record_duplicate`), anything else goes through `batch.store`."""
    from pipeline.batch import store
    from pipeline.store import record_duplicate
    from pipeline.tally import first_line

    doc = result.document
    if doc["status"] != "duplicate":
        return store(con, result)
    try:
        record_duplicate(con, doc, doc["duplicate_of"])
    except Exception as err:  # noqa: BLE001 — the batch goes on; this document is not stored
        doc["error"] = f"{doc['source_path']}: could not be stored: {first_line(err)}"
        return "unstored"
    return "duplicate"
