"""The registry of stored tables: its records agree with the schema, every list the stages
used to keep by hand is derived from it, and a record with a misspelt key is refused."""

from datetime import datetime

import duckdb
import pytest

from pipeline import classify, registry, store
from pipeline.registry import UnknownField
from pipeline.store import DocumentResult, connect, write_document


def _ddl_columns(table: str) -> list[tuple[str, str, bool]]:
    """(column, type, nullable) as the schema files declare them."""
    ref = duckdb.connect(":memory:")
    ref.execute(store.schema_sql())
    rows = ref.execute(f"PRAGMA table_info('{table}')").fetchall()
    ref.close()
    return [(name, dtype, not (notnull or pk)) for _, name, dtype, notnull, _, pk in rows]


@pytest.mark.parametrize("table", [t.name for t in registry.tables()])
def test_record_fields_agree_with_the_ddl(table):
    assert registry.column_types(registry.table(table).record) == _ddl_columns(table)


def test_every_registered_table_is_created_by_the_schema_files():
    created = set(store.CREATE_TABLE.findall(store.schema_sql()))
    assert set(registry.data_table_names()) <= created
    files = set(store.CREATE_TABLE.findall(store.schema_sql().split("-- One row per `kinerja")[0]))
    assert created - files == {"runs"}  # its DDL comes from its record


def test_the_keys_are_columns_and_the_surrogates_are_primary_keys():
    for t in registry.tables():
        assert t.key is None or t.key in t.columns, t.name
    assert set(registry.row_ids().values()) <= {c for t in registry.tables() for c in t.columns}


def test_table_kinds_are_classify_kinds():
    assert registry.TABLE_KINDS == classify.KINDS


def test_kind_targets_are_the_curation_plan():
    """The registry's derivation gives exactly the list pipeline/run.py used to keep."""
    assert registry.kind_targets() == {
        "perjanjian_kinerja": ("performance", "budget"),
        "capaian_kinerja": ("performance", "budget"),
        "capaian_history": ("performance",),
        "renstra_target": ("performance", "budget"),
        "renstra_progress": ("performance",),
        "realisasi_anggaran": ("budget", "performance"),
        "anggaran": ("budget", "performance"),
        "efisiensi": ("budget", "performance"),
        "staffing": ("staffing",),
        "iku": ("iku",),
        "ikk": ("ikk",),
        "spm": ("ikk",),
        "other": (),
    }


def test_derived_lists():
    assert store.CURATED_TABLES == ("source_tables", "performance", "budget", "iku", "staffing",
                                    "ikk", "claims", "checks")
    assert ("documents", *store.CURATED_TABLES, "extract_log", "runs") == store.DATA_TABLES
    assert set(registry.curators()) == {"performance", "budget", "staffing", "iku", "ikk"}


def test_every_curator_resolves():
    from pipeline.run import curator

    for name in registry.curators():
        assert callable(curator(name))


def _doc() -> dict:
    return {"doc_id": "d1", "file_name": "a.txt", "source_path": "/x/a.txt", "sha256": "d1" * 8,
            "format": "text", "status": "ok", "extracted_at": datetime(2026, 1, 1),
            "pipeline_version": "test"}


def test_a_misspelt_key_is_refused_naming_table_and_field(tmp_path):
    con = connect(tmp_path / "k.duckdb")
    bad = {"doc_id": "d1", "table_id": "d1:t000", "row_no": 1, "targett": 5.0}
    with pytest.raises(UnknownField, match=r"performance.*'targett'"):
        write_document(con, DocumentResult(_doc(), {"performance": [bad]}))
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 0


def test_an_unknown_table_is_refused(tmp_path):
    con = connect(tmp_path / "k.duckdb")
    with pytest.raises(registry.RegistryError, match="perfomance"):
        write_document(con, DocumentResult(_doc(), {"perfomance": []}))


def test_a_misspelt_document_field_is_refused(tmp_path):
    con = connect(tmp_path / "k.duckdb")
    with pytest.raises(UnknownField, match=r"documents.*'fiscal_yr'"):
        write_document(con, DocumentResult(_doc() | {"fiscal_yr": 2024}, {}))
