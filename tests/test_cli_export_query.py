"""`kinerja export` and `kinerja query`: the analyst never needs the duckdb shell."""

from __future__ import annotations

import csv
import io
import json

import duckdb
import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.store import DATA_TABLES, connect, write_document


@pytest.fixture(scope="module")
def db(tmp_path_factory, processed):
    """One sample report stored in a database of its own."""
    path = tmp_path_factory.mktemp("cli") / "k.duckdb"
    con = connect(path)
    write_document(con, processed("000"))
    con.close()
    return path


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def _count(db, table: str) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_export_writes_one_file_per_table_with_every_row(db, tmp_path, fmt):
    out = tmp_path / "export"
    result = run("export", "--format", fmt, "--out", out, "--db", db)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{t}.{fmt}" for t in DATA_TABLES] + [f"_dictionary.{fmt}"])
    reader = "read_parquet" if fmt == "parquet" else "read_csv_auto"
    con = duckdb.connect()
    for table in DATA_TABLES:
        back = con.execute(f"SELECT count(*) FROM {reader}('{out / f'{table}.{fmt}'}')").fetchone()[0]
        assert back == _count(db, table), table
    assert _count(db, "performance") > 0
    dictionary = con.execute(f"SELECT count(*), count(comment) FROM {reader}('{out}/_dictionary.{fmt}')"
                             ).fetchone()
    assert dictionary[0] == dictionary[1] > 100  # every exported column, each described


def test_query_prints_a_table_by_default(db):
    result = run("query", "SELECT doc_id, fiscal_year FROM documents", "--db", db)
    assert result.exit_code == 0, result.output
    assert "bba5bf5daede6844" in result.output and "2023" in result.output
    assert "1 rows" in result.output


def test_query_csv_and_json(db):
    sql = "SELECT doc_id, fiscal_year, extracted_at, NULL AS nothing FROM documents"
    as_csv = run("query", sql, "--db", db, "--format", "csv")
    rows = list(csv.reader(io.StringIO(as_csv.output)))
    assert rows[0] == ["doc_id", "fiscal_year", "extracted_at", "nothing"]
    assert rows[1][:2] == ["bba5bf5daede6844", "2023"] and rows[1][3] == ""
    as_json = json.loads(run("query", sql, "--db", db, "--format", "json").output)
    assert as_json[0]["doc_id"] == "bba5bf5daede6844" and as_json[0]["fiscal_year"] == 2023
    assert as_json[0]["nothing"] is None and isinstance(as_json[0]["extracted_at"], str)


@pytest.mark.parametrize("sql", [
    "INSERT INTO extract_log SELECT * FROM extract_log",
    "DELETE FROM performance",
    "CREATE TABLE x AS SELECT 1",
    "COPY performance TO '/tmp/kinerja-should-not-exist.csv'",
    "SELECT 1; DROP TABLE documents",
])
def test_query_refuses_statements_that_write(db, sql):
    before = _count(db, "performance")
    result = run("query", sql, "--db", db)
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: ")
    assert _count(db, "performance") == before and _count(db, "documents") == 1


def test_query_reads_describe_and_summarize(db):
    result = run("query", "DESCRIBE v_printed_figures", "--db", db, "--format", "csv")
    assert result.exit_code == 0 and "n_copies" in result.output


def test_query_sql_error_is_one_line(db):
    result = run("query", "SELECT no_such_column FROM documents", "--db", db)
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "no_such_column" in result.output


def test_query_and_export_on_a_missing_database_exit_2(tmp_path):
    for args in (("query", "SELECT 1"), ("export", "--out", tmp_path / "o")):
        result = run(*args, "--db", tmp_path / "missing.duckdb")
        assert result.exit_code == 2 and "no such database" in result.output
