from datetime import datetime

import duckdb
import pytest

from pipeline.store import DocumentResult, connect, write_document


def doc_row(doc_id="d1", path="/x/a.txt", status="ok"):
    return {
        "doc_id": doc_id, "file_name": "a.txt", "source_path": path, "sha256": doc_id * 4,
        "format": "text", "status": status, "extracted_at": datetime(2026, 1, 1),
        "pipeline_version": "test",
    }


def perf(doc_id, row_no, target):
    return {"doc_id": doc_id, "table_id": f"{doc_id}:t000", "row_no": row_no, "target": target,
            "indicator": "IKM", "line": 10 + row_no}


def test_rerun_replaces_only_that_document(tmp_path):
    con = connect(tmp_path / "k.duckdb")
    write_document(con, DocumentResult(doc_row("d1"), {"performance": [perf("d1", 1, 78.0)]}))
    write_document(con, DocumentResult(doc_row("d2", "/x/b.txt"), {"performance": [perf("d2", 1, 1.0)]}))
    write_document(con, DocumentResult(doc_row("d1"), {"performance": [perf("d1", 1, 80.0), perf("d1", 2, 5.0)]}))
    rows = con.execute("select doc_id, target from performance order by doc_id, row_no").fetchall()
    assert rows == [("d1", 80.0), ("d1", 5.0), ("d2", 1.0)]
    assert con.execute("select count(*) from documents").fetchone()[0] == 2


def test_changed_file_at_same_path_replaces_old_version(tmp_path):
    con = connect(tmp_path / "k.duckdb")
    write_document(con, DocumentResult(doc_row("old", "/x/a.txt"), {"performance": [perf("old", 1, 1.0)]}))
    write_document(con, DocumentResult(doc_row("new", "/x/a.txt"), {"performance": [perf("new", 1, 2.0)]}))
    assert con.execute("select doc_id from documents").fetchall() == [("new",)]
    assert con.execute("select doc_id from performance").fetchall() == [("new",)]


def test_failed_write_leaves_database_as_it_was(tmp_path):
    con = connect(tmp_path / "k.duckdb")
    write_document(con, DocumentResult(doc_row("d1"), {"performance": [perf("d1", 1, 78.0)]}))
    bad = perf("d1", 2, 1.0)
    bad["row_no"] = None  # violates NOT NULL after the old rows were deleted
    with pytest.raises(duckdb.ConstraintException):
        write_document(con, DocumentResult(doc_row("d1"), {"performance": [perf("d1", 1, 99.0), bad]}))
    assert con.execute("select target from performance").fetchall() == [(78.0,)]
    assert con.execute("select count(*) from documents").fetchone()[0] == 1


def test_schema_has_the_contract_columns(tmp_path):
    con = connect(tmp_path / "k.duckdb")
    contract = {
        "documents": "doc_id file_name source_path sha256 format doc_type entity region fiscal_year n_pages status error extracted_at pipeline_version",
        "source_tables": "table_id doc_id label caption kind page_start page_end line_start line_end n_rows n_cols header cells",
        "performance": "doc_id table_id row_no sasaran indicator indicator_key unit year measure target target_text realisasi realisasi_text capaian_reported predikat_reported page line",
        "budget": "doc_id table_id row_no level parent_row_no unit code name name_key pagu_before pagu realisasi capaian_reported page line",
        "iku": "doc_id table_id row_no sasaran indicator indicator_key definition formula data_source responsible page line",
        "staffing": "doc_id table_id row_no unit dimension category count page line",
        "ikk": "doc_id table_id row_no urusan indicator numerator_label numerator denominator_label denominator capaian_reported page line",
        "checks": "check_id doc_id table_id row_no kind subject reported recomputed diff tolerance status formula detail page line",
    }
    for table, cols in contract.items():
        have = [r[1] for r in con.execute(f"PRAGMA table_info('{table}')").fetchall()]
        assert have[: len(cols.split())] == cols.split(), table


def test_old_database_gains_new_columns(tmp_path):
    import duckdb as ddb

    path = tmp_path / "old.duckdb"
    old = ddb.connect(str(path))
    old.execute("CREATE TABLE performance (doc_id VARCHAR NOT NULL, table_id VARCHAR NOT NULL, "
                "row_no INTEGER NOT NULL, target DOUBLE)")
    old.execute("INSERT INTO performance VALUES ('d', 't', 1, 78.0)")
    old.close()
    con = connect(path)
    cols = [r[1] for r in con.execute("PRAGMA table_info('performance')").fetchall()]
    assert "catalog_match" in cols and "indicator_key" in cols
    assert con.execute("select target from performance").fetchall() == [(78.0,)]
