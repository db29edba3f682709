"""Storing without pandas: the bound-parameter insert stores exactly what the DataFrame
insert it replaced stored — same rows, same types — on real pipeline results."""

from __future__ import annotations

import copy
from datetime import datetime
from pathlib import Path

import pytest

from pipeline import store
from pipeline.run import process_document
from pipeline.store import DocumentResult, connect, write_document

FIXTURES = Path(__file__).parent / "fixtures"
TABLES = ("documents", *store.CURATED_TABLES, "extract_log")


def _pandas_insert(con, table: str, rows: list[dict]) -> None:
    """The insert as it was before issue 12: one DataFrame per table."""
    pd = pytest.importorskip("pandas")
    if not rows:
        return
    cols = store._columns(con, table)
    frame = pd.DataFrame([{c: store._value(r.get(c)) for c in cols} for r in rows], columns=cols)
    frame = frame.astype(object).where(frame.notna(), None)
    con.from_df(frame).insert_into(table)


def _dump(con) -> dict[str, tuple]:
    out = {}
    for table in TABLES:
        types = con.execute(f"SELECT column_name, data_type FROM information_schema.columns "
                            f"WHERE table_name = '{table}' ORDER BY ordinal_position").fetchall()
        rows = con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()
        out[table] = (types, rows)
    return out


def _store_all(path: Path, results: list[DocumentResult]) -> dict[str, tuple]:
    con = connect(path)
    for result in results:
        write_document(con, copy.deepcopy(result))
    dump = _dump(con)
    con.close()
    return dump


@pytest.fixture(scope="module")
def results() -> list[DocumentResult]:
    files = sorted((FIXTURES / "reports").glob("*.txt"))
    files.append(FIXTURES / "real_docs" / "07_PK_2016_Kepala_BPMPD_Prov_Jabar.pdf")
    return [process_document(f) for f in files]


@pytest.mark.slow  # extracts every sample and inserts it twice
def test_same_rows_as_the_dataframe_insert(tmp_path, results, monkeypatch):
    assert sum(len(v) for r in results for v in r.tables.values()) > 50
    new = _store_all(tmp_path / "new.duckdb", results)
    monkeypatch.setattr(store, "_insert", _pandas_insert)
    old = _store_all(tmp_path / "old.duckdb", results)
    assert new == old


def test_edge_values(tmp_path, monkeypatch):
    """NaN is NULL, an int column with gaps stays exact, lists become JSON, bools stay."""
    doc = {"doc_id": "d1", "file_name": "a.txt", "source_path": "/x/a.txt", "sha256": "s" * 64,
           "format": "text", "status": "ok", "extracted_at": datetime(2026, 1, 1, 12, 30),
           "pipeline_version": "t", "warnings": ["één", "dua"], "n_pages": None, "stale": False}
    perf = [{"doc_id": "d1", "table_id": "t", "row_no": i, "target": t, "line": line,
             "provisional": p} for i, (t, line, p) in
            enumerate([(float("nan"), None, True), (1.5, 7, None), (2.0, 2**30 + 1, False)])]
    results = [DocumentResult(doc, {"performance": perf})]
    new = _store_all(tmp_path / "new.duckdb", results)
    monkeypatch.setattr(store, "_insert", _pandas_insert)
    old = _store_all(tmp_path / "old.duckdb", results)
    assert new == old
    names = [name for name, _ in new["performance"][0]]
    stored = [dict(zip(names, row, strict=True)) for row in new["performance"][1]]
    assert [(r["target"], r["line"], r["provisional"]) for r in stored] == [
        (None, None, True), (1.5, 7, None), (2.0, 2**30 + 1, False)]
