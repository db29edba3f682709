"""A new curated table and check kind added through pipeline/registry.py alone — no edit of
the schema files, the store, the run, the CLI or the checks — is created, curated, checked,
stored, summarised and documented."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import duckdb
import pytest

from pipeline import cli, registry, store
from pipeline.registry import StoredTable, column
from pipeline.run import process_document
from pipeline.tally import Tally

REPORT = """LAPORAN KINERJA INSTANSI PEMERINTAH
Kecamatan Contoh Tahun 2023

Tabel 2.1 Jumlah Pegawai Menurut Golongan
| No | Golongan | L | P | Jumlah |
|---|---|---|---|---|
| 1 | III/a | 2 | 3 | 5 |
| 2 | III/b | 1 | 1 | 2 |
|  | Jumlah | 3 | 4 | 7 |
"""


@dataclass(kw_only=True)
class ToyRow:
    """One row per printed table of the toy kind: how many data rows it has."""

    doc_id: str = column("the document (documents.doc_id)", required=True)
    table_id: str = column("the printed table (source_tables.table_id)", required=True)
    row_no: int = column("always 1: the table as a whole", required=True)
    n_rows: int | None = column("data rows the table prints")
    toy_id: str | None = column("'<table_id>:toy'")


def curate_toy(ctx) -> list[dict]:
    """The toy curator: one record per table it is given."""
    return [{"doc_id": ctx.doc_id, "table_id": ctx.table_id, "row_no": 1,
             "n_rows": len(ctx.table.rows), "toy_id": f"{ctx.table_id}:toy"}]


def toy_checks(tables: dict[str, list[dict]]) -> list[dict]:
    """The toy check: every toy count is at least zero."""
    return [{"doc_id": r["doc_id"], "table_id": r["table_id"], "row_no": 1, "kind": "toy_count",
             "subject": "rows", "reported": r["n_rows"], "recomputed": r["n_rows"], "diff": 0.0,
             "tolerance": 0.0, "status": "ok", "row_id": r["toy_id"]}
            for r in tables.get("toy", [])]


@pytest.fixture
def toy():
    table = registry.register(StoredTable(
        "toy", ToyRow, "fact", "toy_id", "Toy rows: a table added through the registry alone.",
        curator=f"{__name__}:curate_toy", kinds=("staffing", "other"), summary=True))
    registry.register_check_kind("toy_count", "toy rows are not negative",
                                 runner=f"{__name__}:toy_checks")
    store.reference.cache_clear()
    yield table
    registry.unregister("toy")
    registry.unregister_check_kind("toy_count")
    store.reference.cache_clear()


def test_a_toy_table_and_check_kind_through_the_registry_alone(toy, tmp_path, capsys):
    path = tmp_path / "laporan.txt"
    path.write_text(REPORT, encoding="utf-8")
    result = process_document(path)
    assert result.tables["toy"], "curated by the registered curator"
    con = store.connect(tmp_path / "k.duckdb")  # created: DDL from the record
    assert store.write_document(con, result) == "stored"
    stored = con.execute("SELECT table_id, n_rows FROM toy").fetchall()
    assert stored == [(r["table_id"], r["n_rows"]) for r in result.tables["toy"]]
    assert con.execute("SELECT count(*) FROM checks WHERE kind = 'toy_count'").fetchone()[0] == len(stored)
    comment = con.execute("SELECT comment FROM duckdb_columns() WHERE table_name = 'toy' "
                          "AND column_name = 'n_rows'").fetchone()[0]
    assert comment == "data rows the table prints"  # documented
    assert "registry alone" in con.execute(
        "SELECT comment FROM duckdb_tables() WHERE table_name = 'toy'").fetchone()[0]
    key = con.execute("SELECT constraint_column_names FROM duckdb_constraints() "
                      "WHERE table_name = 'toy' AND constraint_type = 'PRIMARY KEY'").fetchone()
    assert key == (["toy_id"],)
    con.close()
    _assert_summarised(result, tmp_path, capsys)


def _assert_summarised(result, tmp_path, capsys) -> None:
    tally = Tally()
    tally.add(result, "stored")
    level = cli.log.level
    cli.log.setLevel(logging.INFO)
    try:
        cli._summary(tmp_path / "k.duckdb", 1, 0, tally)
    finally:
        cli.log.setLevel(level)
    out = capsys.readouterr().out
    rows = [line.split("│") for line in out.splitlines() if "│" in line]
    assert ["toy", str(len(result.tables["toy"]))] in [[c.strip() for c in r[1:3]] for r in rows]


def test_the_toy_leaves_no_trace(tmp_path):
    """Once unregistered, a new database has no toy table and no toy check kind."""
    con = store.connect(tmp_path / "k.duckdb")
    tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert "toy" not in tables
    assert "toy_count" not in registry.CHECK_KINDS
    assert isinstance(con, duckdb.DuckDBPyConnection)
