"""The analyst's way out of the database: every table exported to Parquet or CSV, and
read-only SQL, so no separate DuckDB command line is needed."""

from __future__ import annotations

import csv
import io
import json
import math
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import duckdb

from pipeline.store import DATA_TABLES

EXPORT_FORMATS = {"parquet": "(FORMAT parquet)", "csv": "(FORMAT csv, HEADER true)"}
DICTIONARY = "_dictionary"  # the exported data dictionary: every column with its comment
# What `kinerja query` runs: statements that read. COPY (writes files), ATTACH (opens another
# database for writing), CREATE TEMP … would all work on a read-only connection.
READING = {"SELECT", "EXPLAIN", "PRAGMA"}


class QueryRefused(Exception):
    """A statement `kinerja query` will not run; the message is one line."""


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def export_tables(con: duckdb.DuckDBPyConnection, out: Path, fmt: str) -> list[tuple[Path, int]]:
    """Write each data table to `out/<table>.<fmt>` with DuckDB's COPY, and the columns'
    comments to `out/_dictionary.<fmt>` so the files stay self-describing away from the
    database. Returns (file, rows) per table written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for table in DATA_TABLES:
        path = out / f"{table}.{fmt}"
        con.execute(f"COPY {table} TO {_literal(str(path))} {EXPORT_FORMATS[fmt]}")
        written.append((path, con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]))
    names = ", ".join(_literal(t) for t in DATA_TABLES)
    dictionary = out / f"{DICTIONARY}.{fmt}"
    con.execute(
        "COPY (SELECT table_name, column_name, data_type, comment FROM duckdb_columns() "
        f"WHERE schema_name = 'main' AND table_name IN ({names}) "
        f"ORDER BY table_name, column_index) TO {_literal(str(dictionary))} {EXPORT_FORMATS[fmt]}")
    return written


@dataclass
class Result:
    columns: list[str]
    rows: list[tuple]


def run_query(con: duckdb.DuckDBPyConnection, sql: str) -> Result:
    """Run one statement that reads; anything else is refused before it runs."""
    statements = con.extract_statements(sql)
    if len(statements) != 1:
        raise QueryRefused(f"give one SQL statement (got {len(statements)})")
    kind = statements[0].type.name
    if kind not in READING:
        raise QueryRefused(f"kinerja query only reads: {kind} statements are refused "
                           "(the database is opened read-only)")
    cursor = con.execute(sql)
    columns = [d[0] for d in cursor.description or []]
    return Result(columns, cursor.fetchall())


def _plain(value: object) -> object:
    """A value JSON can hold: dates as ISO text, decimals as numbers, NaN as null."""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def to_json(result: Result) -> str:
    """One object per row, keyed by column name."""
    rows = [{c: _plain(v) for c, v in zip(result.columns, row, strict=True)} for row in result.rows]
    return json.dumps(rows, ensure_ascii=False, indent=1, default=str)


def to_csv(result: Result) -> str:
    """A header row, then the rows; NULL is an empty field."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(result.columns)
    writer.writerows(["" if v is None else v for v in row] for row in result.rows)
    return buffer.getvalue()


def cell_text(value: object) -> str:
    """How a value reads in the terminal table: NULL shown as such, floats without noise."""
    if value is None:
        return "NULL"
    if isinstance(value, float):
        return f"{value:,.6g}" if abs(value) < 1e6 else f"{value:,.0f}"
    return str(value)
