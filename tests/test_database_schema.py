"""The database describes itself: comments on every table and column (from the schema
files), keys on the fact tables, merged-cell copies marked, and views joined by keys."""

from __future__ import annotations

import duckdb
import pytest

from pipeline.store import DATA_TABLES, connect, schema_comments, write_document

SAMPLES = ("000", "001", "002", "003")
UNDOCUMENTED = """SELECT table_name, column_name FROM duckdb_columns()
                  WHERE comment IS NULL AND schema_name = 'main' AND table_name IN ({})"""


@pytest.fixture(scope="module")
def samples_db(tmp_path_factory, processed):
    """The four sample reports, extracted and stored once for this module."""
    path = tmp_path_factory.mktemp("schema") / "k.duckdb"
    con = connect(path)
    for prefix in SAMPLES:
        write_document(con, processed(prefix))
    yield con
    con.close()


def _undocumented(con) -> list[tuple[str, str]]:
    names = ", ".join(f"'{t}'" for t in DATA_TABLES)
    return con.execute(UNDOCUMENTED.format(names)).fetchall()


def test_every_table_and_column_of_a_new_database_has_a_comment(tmp_path):
    con = connect(tmp_path / "k.duckdb")
    assert _undocumented(con) == []
    tables = dict(con.execute("SELECT table_name, comment FROM duckdb_tables()").fetchall())
    assert all(tables[t] for t in DATA_TABLES)
    views = con.execute("SELECT view_name, comment FROM duckdb_views() WHERE NOT internal").fetchall()
    assert views and all(comment for _, comment in views)
    view_columns = con.execute("SELECT count(*) FROM duckdb_columns() WHERE comment IS NULL "
                               "AND table_name LIKE 'v\\_%' ESCAPE '\\'").fetchone()[0]
    assert view_columns == 0


def test_every_column_line_in_the_schema_files_carries_its_comment():
    tables, columns = schema_comments()
    assert set(DATA_TABLES) <= set(tables)
    assert [key for key, text in columns.items() if not text] == []
    assert columns[("performance", "polarity")].startswith("positive | negative")
    # a comment continued on the next line is one comment
    assert "NULL: printed here" in columns[("performance", "filled_from_row")]


def test_an_old_database_gets_comments_keys_and_ids(tmp_path):
    path = tmp_path / "old.duckdb"
    old = duckdb.connect(str(path))
    old.execute("CREATE TABLE performance (doc_id VARCHAR NOT NULL, table_id VARCHAR NOT NULL, "
                "row_no INTEGER NOT NULL, target DOUBLE)")
    old.execute("INSERT INTO performance VALUES ('d', 'd:t000', 1, 78.0), ('d', 'd:t000', 1, 80.0)")
    old.close()
    con = connect(path)
    assert _undocumented(con) == []
    ids = con.execute("SELECT performance_id FROM performance ORDER BY target").fetchall()
    assert ids == [("d:t000:r1:1",), ("d:t000:r1:2",)]
    keys = con.execute("SELECT constraint_column_names FROM duckdb_constraints() "
                       "WHERE table_name = 'performance' AND constraint_type = 'PRIMARY KEY'").fetchall()
    assert keys == [(["performance_id"],)]
    con.close()
    reopened = connect(path, read_only=True)  # the migrated database opens as it is
    assert reopened.execute("SELECT count(*) FROM performance").fetchone()[0] == 2


KEYS = {  # the key each fact table declares, and its natural key where the data give one
    "performance": ("performance_id", None),
    "budget": ("budget_id", "doc_id, table_id, row_no, year, measure"),
    "iku": ("iku_id", "doc_id, table_id, row_no"),
    "ikk": ("ikk_id", "doc_id, table_id, row_no"),
    "staffing": ("staffing_id", None),
    "claims": ("claim_id", None),
}


@pytest.mark.parametrize("table", sorted(KEYS))
def test_keys_are_unique_on_the_samples(samples_db, table):
    key, natural = KEYS[table]
    n, distinct, null = samples_db.execute(
        f"SELECT count(*), count(DISTINCT {key}), count(*) - count({key}) FROM {table}").fetchone()
    assert n > 0 and distinct == n and null == 0
    if natural:
        groups = samples_db.execute(f"SELECT count(DISTINCT ({natural})) FROM {table}").fetchone()[0]
        assert groups == n, f"{table}: ({natural}) is not unique on the samples"


def test_performance_coordinates_are_not_a_key_so_it_has_a_surrogate(samples_db):
    """A printed row can give two records of one year and measure (two indicator columns,
    a target column and a Renstra-end column): (table, row, year, measure) repeats."""
    n, coordinates = samples_db.execute(
        "SELECT count(*), count(DISTINCT (doc_id, table_id, row_no, year, measure)) "
        "FROM performance").fetchone()
    assert coordinates < n


IKM = ("SELECT {} FROM {} WHERE table_id = 'bba5bf5daede6844:t003' "
       "AND indicator = 'Indeks Kepuasan Masyarakat Kecamatan' AND year = 2023 AND measure = 'annual'")


def test_a_merged_ikm_line_is_marked_on_its_copies(samples_db):
    """000's Perjanjian Kinerja prints 'IKM Kecamatan 78 poin' once, merged across the nine
    kegiatan rows under it: rows 2–9 copy row 1."""
    rows = samples_db.execute(IKM.format("row_no, filled_from_row, target_text", "performance")
                              + " ORDER BY row_no").fetchall()
    assert len(rows) == 9
    assert rows[0] == (1, None, "78 poin")
    assert [(r[0], r[1]) for r in rows[1:]] == [(n, 1) for n in range(2, 10)]


def test_printed_figures_count_a_merged_line_once(samples_db):
    rows = samples_db.execute(IKM.format("row_no, target, n_copies", "v_printed_figures")).fetchall()
    assert rows == [(1, 78.0, 8)]
    printed, copies, all_rows = samples_db.execute(
        "SELECT (SELECT count(*) FROM v_printed_figures), "
        "(SELECT count(*) FROM performance WHERE filled_from_row IS NOT NULL), "
        "(SELECT count(*) FROM performance)").fetchone()
    assert printed + copies == all_rows


def test_a_row_with_its_own_figures_is_not_a_copy(samples_db):
    """001's budget-and-performance table merges the indicator name across programme rows
    that each print figures of their own: those rows are printed figures."""
    filled_name_rows = samples_db.execute(
        "SELECT count(*) FROM performance WHERE table_id = '692677c6ba39ca3f:t026' "
        "AND filled_from_row IS NOT NULL").fetchone()[0]
    assert filled_name_rows == 0


def test_capaian_view_joins_checks_by_row_key(samples_db):
    joined = samples_db.execute(
        "SELECT count(*), count(check_status), count(DISTINCT performance_id) FROM v_capaian"
    ).fetchone()
    assert joined[0] == joined[2]  # one row per performance row: the join never multiplies
    capaian_checks = samples_db.execute(
        "SELECT count(*) FROM checks WHERE kind = 'capaian'").fetchone()[0]
    assert joined[1] == capaian_checks  # and every capaian check finds its row


def test_budget_rollup_carries_the_trust_of_its_hierarchy(samples_db):
    """001's Tabel 2.x holds the −385 bn 'gap' of a hierarchy the footing check distrusts;
    filtered on trust, the largest gaps left are ones the checks stand behind or flag."""
    top = samples_db.execute(
        "SELECT table_id, pagu_gap, hierarchy_trusted FROM v_budget_rollup "
        "WHERE abs(pagu_gap) > 1 ORDER BY abs(pagu_gap) DESC LIMIT 1").fetchone()
    assert top[0] == "692677c6ba39ca3f:t013" and top[1] < -3.8e11 and top[2] is False
    trusted = samples_db.execute(
        "SELECT max(abs(pagu_gap)) FROM v_budget_rollup WHERE hierarchy_trusted").fetchone()[0]
    assert trusted < 1e9
    # where a row's own footing check passed, the view's sum agrees with it
    assert samples_db.execute("SELECT count(*) FROM v_budget_rollup WHERE gap_status = 'ok' "
                              "AND abs(pagu_gap) > 1").fetchone()[0] == 0
    mismatches = samples_db.execute("SELECT count(*) FROM v_budget_rollup "
                                    "WHERE gap_status = 'mismatch'").fetchone()[0]
    assert mismatches == samples_db.execute(
        "SELECT count(DISTINCT row_id) FROM checks WHERE kind = 'footing' "
        "AND status = 'mismatch' AND formula LIKE 'sum(pagu) of %'").fetchone()[0]


def test_every_check_of_a_curated_row_names_it(samples_db):
    orphans = samples_db.execute(
        "SELECT count(*) FROM checks c WHERE c.row_id IS NOT NULL AND NOT EXISTS ("
        " SELECT 1 FROM performance p WHERE p.performance_id = c.row_id UNION ALL"
        " SELECT 1 FROM budget b WHERE b.budget_id = c.row_id UNION ALL"
        " SELECT 1 FROM ikk i WHERE i.ikk_id = c.row_id UNION ALL"
        " SELECT 1 FROM staffing s WHERE s.staffing_id = c.row_id UNION ALL"
        " SELECT 1 FROM claims k WHERE k.claim_id = c.row_id)").fetchone()[0]
    assert orphans == 0
    assert samples_db.execute("SELECT count(*) FROM checks WHERE kind = 'capaian' "
                              "AND row_id IS NULL").fetchone()[0] == 0


def test_reopening_an_up_to_date_database_writes_no_comments(tmp_path):
    from pipeline.store import apply_comments, refresh_views

    con = connect(tmp_path / "k.duckdb")
    assert refresh_views(con) == [] and apply_comments(con) == 0


def test_an_up_to_date_database_is_opened_without_migrating(tmp_path, monkeypatch):
    """The schema's fingerprint is stored; an open that finds its own skips the catalog
    comparison (an unchanged re-run would otherwise spend most of its time there)."""
    import pipeline.store as store

    path = tmp_path / "k.duckdb"
    connect(path).close()
    calls = []
    monkeypatch.setattr(store, "add_missing_columns", lambda con: calls.append("migrated"))
    con = connect(path)
    assert calls == []
    assert con.execute("SELECT max(fingerprint) FROM schema_version").fetchone()[0] == store.fingerprint()
    con.close()


def test_a_database_with_another_fingerprint_is_brought_up_to_date(tmp_path):
    """A view dropped (or a schema changed) under another fingerprint is put back on open."""
    path = tmp_path / "k.duckdb"
    con = connect(path)
    con.execute("DROP VIEW v_printed_figures")
    con.execute("UPDATE schema_version SET fingerprint = 'an older kinerja'")
    con.close()
    con = connect(path)
    views = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    assert "v_printed_figures" in views
    con.close()


def test_a_database_from_before_fingerprints_gets_one(tmp_path):
    path = tmp_path / "old.duckdb"
    old = duckdb.connect(str(path))
    old.execute("CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at TIMESTAMP NOT NULL)")
    old.execute("INSERT INTO schema_version VALUES (1, now())")
    old.close()
    con = connect(path)
    assert con.execute("SELECT count(*), max(fingerprint) IS NOT NULL FROM schema_version").fetchone() == (1, True)
    con.close()
