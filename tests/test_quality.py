"""`kinerja quality`: its figures against direct counts on a database of two sample reports."""

from __future__ import annotations

import json
import shutil

import duckdb
import pytest
from click.testing import CliRunner

from pipeline import quality
from pipeline.cli import main
from pipeline.store import connect, write_document

PREFIXES = ("000", "002")  # 002 has capaian mismatches and an anggaran table with no budget row


@pytest.fixture(scope="module")
def db(processed, tmp_path_factory):
    path = tmp_path_factory.mktemp("quality") / "k.duckdb"
    con = connect(path)
    for prefix in PREFIXES:
        write_document(con, processed(prefix))
    con.close()
    return path


@pytest.fixture()
def report(db):
    con = connect(db, read_only=True)
    yield quality.build(con), con
    con.close()


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_kind_counts_equal_a_direct_count(report):
    rep, con = report
    direct = dict(con.execute("SELECT kind, count(*) FROM source_tables GROUP BY 1").fetchall())
    assert dict(rep.total.tables.by_kind) == direct
    assert rep.total.tables.other == direct["other"]
    assert rep.total.tables.other_share == pytest.approx(direct["other"] / sum(direct.values()))
    for d in rep.documents:
        n = con.execute("SELECT count(*) FROM source_tables WHERE doc_id = ?", [d.doc_id]).fetchone()
        assert d.tables.total == n[0] > 0


def _no_curated_row(con) -> set[str]:
    """Independently: the classified table ids minus every table id a curated table uses."""
    classified = {r[0] for r in con.execute(
        "SELECT table_id FROM source_tables WHERE kind <> 'other'").fetchall()}
    used = set()
    for t in ("performance", "budget", "staffing", "iku", "ikk"):
        used |= {r[0] for r in con.execute(f"SELECT DISTINCT table_id FROM {t}").fetchall()}
    return classified - used


def test_unread_tables_are_the_classified_ones_without_rows(report):
    rep, con = report
    assert {u.table_id for u in rep.total.unread} == _no_curated_row(con)
    assert all(u.kind != "other" for u in rep.total.unread)


def test_a_synthetic_classified_table_without_rows_is_listed(db, tmp_path):
    copy = tmp_path / "copy.duckdb"
    shutil.copy(db, copy)
    con = duckdb.connect(str(copy))
    doc_id = con.execute("SELECT min(doc_id) FROM documents").fetchone()[0]
    con.execute(
        """INSERT INTO source_tables (table_id, doc_id, label, caption, kind, page_start,
           page_end, line_start, line_end, n_rows, n_cols, table_index)
           VALUES (?, ?, 'Tabel 9.9', 'Capaian kinerja sintetis', 'capaian_kinerja', 7, 8,
                   NULL, NULL, 5, 4, 999)""", [f"{doc_id}:t999", doc_id])
    con.close()
    con = connect(copy, read_only=True)
    rep = quality.build(con, quality.resolve_doc(con, doc_id))
    con.close()
    (doc,) = rep.documents
    (synthetic,) = [u for u in doc.unread if u.table_id == f"{doc_id}:t999"]
    assert (synthetic.label, synthetic.caption, synthetic.where) == (
        "Tabel 9.9", "Capaian kinerja sintetis", "page 7–8")
    text = run("quality", "--db", str(copy), "--doc", doc_id).output
    assert "Capaian kinerja sintetis" in text and "page 7–8" in text


def _subject(row: dict) -> str:
    """The subject arithmetic.capaian_check writes, rebuilt here without the report's SQL."""
    return f"{row['indicator']} {row['year'] or ''} {row['measure'] or ''}".strip()


def test_capaian_share_is_ok_over_decided_rows(report):
    rep, con = report
    cur = con.execute("""SELECT doc_id, table_id, row_no, indicator, year, measure
                         FROM performance WHERE target IS NOT NULL AND realisasi IS NOT NULL
                           AND capaian_reported IS NOT NULL""")
    names = [d[0] for d in cur.description]
    rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    status = {(c[0], c[1], c[2], c[3]): c[4] for c in con.execute(
        """SELECT doc_id, table_id, row_no, subject, status FROM checks
           WHERE kind IN ('capaian', 'renstra_progress')""").fetchall()}
    seen = [status.get((r["doc_id"], r["table_id"], r["row_no"], _subject(r))) for r in rows]
    ok, mismatch = seen.count("ok"), seen.count("mismatch")
    counts = rep.total.capaian
    assert (counts.ok, counts.mismatch, counts.total) == (ok, mismatch, len(rows))
    assert mismatch > 0 and 0 < counts.rate < 1
    assert counts.rate == pytest.approx(ok / (ok + mismatch))
    assert counts.unchecked == 0  # every qualifying row found its own check


def test_footing_rate_and_unverifiable(report):
    rep, con = report
    by = dict(con.execute(
        "SELECT status, count(*) FROM checks WHERE kind = 'footing' GROUP BY 1").fetchall())
    f = rep.total.footing
    assert (f.ok, f.mismatch, f.unverifiable) == (
        by.get("ok", 0), by.get("mismatch", 0), by.get("unverifiable", 0))
    assert f.rate == pytest.approx(by["ok"] / (by["ok"] + by.get("mismatch", 0)))


def test_metadata_carries_its_evidence(report):
    rep, _ = report
    for d in rep.documents:
        assert d.metadata["status"] == "ok" and d.metadata["fiscal_year"] == 2023
        assert any(e.startswith("fiscal_year 2023") for e in d.metadata["evidence"])


def test_json_has_documents_and_totals_that_add_up(db, tmp_path):
    out = tmp_path / "q.json"
    result = run("quality", "--db", str(db), "--format", "json", "--out", str(out))
    assert result.exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    docs, total = data["documents"], data["total"]
    assert len(docs) == total["documents"] == len(PREFIXES)
    assert total["tables"]["total"] == sum(d["tables"]["total"] for d in docs)
    assert total["unread_tables"] == sum(len(d["unread"]) for d in docs)
    assert total["capaian"]["ok"] == sum(d["capaian"]["ok"] for d in docs)
    assert total["status"] == {"ok": 2}
    assert {"doc_type", "fiscal_year", "entity", "evidence", "warnings"} <= set(docs[0]["metadata"])


def test_terminal_report_and_doc_by_file_name(db):
    con = connect(db, read_only=True)
    (name,) = con.execute("SELECT file_name FROM documents ORDER BY 1 LIMIT 1").fetchone()
    con.close()
    result = run("quality", "--db", str(db), "--doc", name)
    assert result.exit_code == 0
    for word in ("quality per document", "TOTAL", "capaian reproduced", "footing ok",
                 "metadata and its evidence", name):
        assert word in result.output
    assert "002_" not in result.output


def test_unknown_doc_and_missing_db_exit_2(db, tmp_path):
    unknown = CliRunner().invoke(main, ["quality", "--db", str(db), "--doc", "nope"])
    assert unknown.exit_code == 2 and "no document 'nope'" in unknown.output
    assert "--format json" in unknown.output  # says where valid ids are listed
    missing = CliRunner().invoke(main, ["quality", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 2
    assert missing.output.strip().count("\n") == 0 and "no such database" in missing.output
