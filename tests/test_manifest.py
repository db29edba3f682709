"""The unchanged re-run shortcut (pipeline/manifest.py): it answers only when `plan_batch`
would skip every file, and the run is still recorded."""

import shutil

import duckdb
import pytest
from click.testing import CliRunner
from conftest import report_path

from pipeline import manifest, store
from pipeline.cli import main


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def said(result) -> str:
    """The output with rich's line wrapping undone."""
    return " ".join(result.output.split())


@pytest.fixture
def stored(tmp_path):
    """A folder of one small report (and an identical copy), extracted once."""
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(report_path("001"), raw / "a.txt")
    shutil.copy(report_path("001"), raw / "copy.txt")
    db = tmp_path / "k.duckdb"
    assert run("-q", "extract", str(raw), "--db", str(db)).exit_code == 0
    return raw, db


@pytest.fixture
def opened(monkeypatch):
    """Counts the times the database is opened."""
    calls = []
    real = store.connect

    def counting(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(store, "connect", counting)
    return calls


def runs_in(db):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM runs").fetchone()[0]
    finally:
        con.close()


def test_an_unchanged_rerun_never_opens_the_database_and_journals_its_run(stored, opened):
    raw, db = stored
    again = run("extract", str(raw), "--db", str(db))
    assert again.exit_code == 0
    assert "2 unchanged, skipped" in said(again) and "nothing to extract" in said(again)
    assert opened == []
    assert len(manifest.pending_runs(db)) == 1
    assert runs_in(db) == 1  # the journalled run is not in the database yet


def test_journalled_runs_move_into_the_database_when_it_is_next_opened(stored):
    raw, db = stored
    run("extract", str(raw), "--db", str(db))
    run("extract", str(raw), "--db", str(db))
    journalled = {r["run_id"] for r in manifest.pending_runs(db)}
    assert len(journalled) == 2
    assert run("extract", str(raw), "--db", str(db), "--force").exit_code == 0
    assert manifest.pending_runs(db) == []
    con = duckdb.connect(str(db), read_only=True)
    ids = {r[0] for r in con.execute("SELECT run_id FROM runs").fetchall()}
    con.close()
    assert journalled < ids and len(ids) == 4


def test_a_changed_file_goes_the_long_way_and_is_extracted(stored, opened):
    raw, db = stored
    (raw / "a.txt").write_text((raw / "a.txt").read_text(encoding="utf-8") + "\nTambahan.\n",
                               encoding="utf-8")
    again = run("extract", str(raw), "--db", str(db))
    assert opened, "the database was not opened"
    assert "1 unchanged, skipped" in said(again)
    assert manifest.all_unchanged(db, sorted(raw.iterdir()), manifest_version(db))


def manifest_version(db):
    from pipeline import __version__

    return __version__


def test_any_write_to_the_database_voids_the_manifest(stored, opened):
    raw, db = stored
    con = duckdb.connect(str(db))
    con.execute("DELETE FROM documents WHERE file_name = 'copy.txt'")
    con.close()
    again = run("extract", str(raw), "--db", str(db))
    assert opened, "a database changed behind the manifest was trusted"
    assert "1 unchanged, skipped" in said(again)  # the deleted copy is recorded again


def test_a_failed_document_is_retried_the_long_way(tmp_path, opened):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "broken.txt").write_bytes(b"\x00\x01 not a report")
    db = tmp_path / "k.duckdb"
    assert run("-q", "extract", str(raw), "--db", str(db)).exit_code == 1
    opened.clear()
    assert run("-q", "extract", str(raw), "--db", str(db)).exit_code == 1
    assert opened


def test_the_shortcut_says_what_the_long_way_says(stored):
    raw, db = stored
    short = run("extract", str(raw), "--db", str(db)).output
    manifest.manifest_path(db).unlink()
    long = run("extract", str(raw), "--db", str(db)).output
    assert short == long
    assert manifest.manifest_path(db).exists()  # the long way leaves a new one


def test_a_newer_kinerja_or_another_database_file_is_not_trusted(stored, monkeypatch, tmp_path):
    raw, db = stored
    files = sorted(raw.iterdir())
    assert manifest.all_unchanged(db, files, manifest_version(db))
    assert not manifest.all_unchanged(db, files, "99.0")
    copied = tmp_path / "copied.duckdb"
    shutil.copy2(db, copied)
    shutil.copy(manifest.manifest_path(db), manifest.manifest_path(copied))
    assert not manifest.all_unchanged(copied, files, manifest_version(db))  # another inode


def test_a_torn_journal_line_is_skipped(tmp_path):
    db = tmp_path / "k.duckdb"
    manifest.journal_run(db, {"limits": {}}, "1.0")
    with manifest.pending_runs_path(db).open("a", encoding="utf-8") as fh:
        fh.write('{"run_id": 7, "started_at": "2026-01-01T00:00:00"}\n')  # not a run
        fh.write('{"run_id": "abc", "started')
    rows = manifest.pending_runs(db)
    assert len(rows) == 1 and rows[0]["kinerja_version"] == "1.0"


@pytest.mark.skipif(not hasattr(manifest, "fcntl") or manifest.fcntl is None,
                    reason="no advisory locks on this platform")
def test_a_run_journalled_while_the_journal_is_folded_is_not_lost(tmp_path):
    """A writer that waited on the journal's lock while a fold emptied it into the database
    writes into a new journal, not into the removed file."""
    import threading

    db = tmp_path / "k.duckdb"
    manifest.journal_run(db, {}, "1.0")
    folded: list[dict] = []
    with manifest.pending_runs_path(db).open("r", encoding="utf-8") as held:
        manifest.fcntl.flock(held, manifest.fcntl.LOCK_EX)  # a fold in progress
        writer = threading.Thread(target=manifest.journal_run, args=(db, {}, "2.0"))
        writer.start()
        writer.join(timeout=0.5)
        assert writer.is_alive()  # waiting for the lock
        folded += manifest._runs(held.read())
        manifest.pending_runs_path(db).unlink()
    writer.join(timeout=10)
    assert [r["kinerja_version"] for r in folded] == ["1.0"]
    assert [r["kinerja_version"] for r in manifest.pending_runs(db)] == ["2.0"]


def test_a_fold_that_fails_keeps_the_journal(tmp_path):
    db = tmp_path / "k.duckdb"
    manifest.journal_run(db, {}, "1.0")

    def failing(rows):
        raise OSError("disk full")

    with pytest.raises(OSError):
        manifest.fold_pending_runs(db, failing)
    assert len(manifest.pending_runs(db)) == 1


def test_a_write_between_pinning_and_the_manifest_leaves_no_manifest(tmp_path):
    """Another process writing after this run closed the database but before it wrote the
    manifest: the manifest would list documents from before that write, so none is written."""
    db = tmp_path / "k.duckdb"
    con = store.connect(db)
    pinned = manifest.pin(con, db)
    con.close()
    other = duckdb.connect(str(db))
    other.execute("CREATE TABLE scratch (x INTEGER)")
    other.close()
    manifest.write_manifest(db, [("/x.pdf", "ab")], manifest_version(db), pinned)
    assert not manifest.manifest_path(db).exists()
