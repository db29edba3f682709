"""Faults: dead and stuck workers, failed writes, a full disk, failed re-runs. Each test is
a defect of issue 10 that lost data or stalled a batch before."""

from __future__ import annotations

import os
import shutil
import signal
import threading
from pathlib import Path

import duckdb
import fault_tasks
import pytest
from click.testing import CliRunner
from conftest import REPORTS

from pipeline import store as store_mod
from pipeline.cli import main
from pipeline.settings import Limits
from pipeline.workers import Supervisor

SMALL = next(REPORTS.glob("001_*.txt")).read_text(encoding="utf-8").splitlines()[:400]


def small_report(folder: Path, name: str) -> Path:
    """A short real report (the first 400 lines of the LPPD sample), quick to process."""
    path = folder / name
    path.write_text("\n".join(SMALL) + f"\n\nsalinan {name}\n", encoding="utf-8")
    return path


def run_cli(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def statuses(db: Path) -> dict[str, str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return dict(con.execute("select file_name, status from documents").fetchall())
    finally:
        con.close()


# --- workers ---------------------------------------------------------------------------


def test_a_worker_that_dies_costs_only_its_document(tmp_path):
    files = [small_report(tmp_path, n) for n in ("a.txt", "die.txt", "b.txt", "c.txt")]
    results = list(Supervisor(jobs=2, task=fault_tasks.die_on_marked).run(files))
    by_name = {Path(r.document["source_path"]).name: r.document for r in results}
    assert sorted(by_name) == ["a.txt", "b.txt", "c.txt", "die.txt"]
    assert {by_name[n]["status"] for n in ("a.txt", "b.txt", "c.txt")} == {"ok"}
    assert by_name["die.txt"]["status"] == "failed"
    assert "worker process died" in by_name["die.txt"]["error"]
    assert "--memory-limit" in by_name["die.txt"]["error"]


def test_a_worker_killed_from_outside_is_retried_and_nothing_is_lost(tmp_path):
    files = [small_report(tmp_path, n) for n in ("a.txt", "b.txt", "c.txt")]
    killed: list[int] = []

    def kill_first(path: Path, pid: int) -> None:
        if not killed:
            killed.append(pid)
            threading.Timer(0.05, os.kill, (pid, signal.SIGKILL)).start()

    results = list(Supervisor(jobs=2, on_start=kill_first).run(files))
    assert killed
    assert sorted(r.document["status"] for r in results) == ["ok", "ok", "ok"]


def test_time_limit_stops_a_slow_document_and_the_batch_goes_on(tmp_path):
    files = [small_report(tmp_path, n) for n in ("slow.txt", "a.txt")]
    sup = Supervisor(jobs=1, limits=Limits(time_seconds=2), task=fault_tasks.sleep_on_marked)
    results = {Path(r.document["source_path"]).name: r.document for r in sup.run(files)}
    assert results["a.txt"]["status"] == "ok"
    assert results["slow.txt"]["status"] == "failed"
    assert "--time-limit" in results["slow.txt"]["error"]


def test_a_worker_deaf_to_its_alarm_is_killed_after_the_grace_period(tmp_path):
    files = [small_report(tmp_path, n) for n in ("hang.txt", "a.txt")]
    sup = Supervisor(jobs=1, limits=Limits(time_seconds=1), task=fault_tasks.hang_on_marked,
                     grace_seconds=1)
    results = {Path(r.document["source_path"]).name: r.document for r in sup.run(files)}
    assert results["a.txt"]["status"] == "ok"
    assert "the worker was stopped" in results["hang.txt"]["error"]


def test_memory_limit_fails_the_document_that_asks_too_much(tmp_path):
    files = [small_report(tmp_path, n) for n in ("big.txt", "a.txt")]
    sup = Supervisor(jobs=1, limits=Limits(memory_mib=2048), task=fault_tasks.allocate_on_marked)
    results = {Path(r.document["source_path"]).name: r.document for r in sup.run(files)}
    assert results["a.txt"]["status"] == "ok"
    assert results["big.txt"]["status"] == "failed"
    assert "--memory-limit" in results["big.txt"]["error"]


# --- the store -------------------------------------------------------------------------


def _extract(folder: Path, db: Path, *extra: str):
    return run_cli("extract", str(folder), "--db", str(db), *extra)


def test_a_failed_rerun_keeps_the_good_rows_marked_stale(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    report = small_report(raw, "a.txt")
    db = tmp_path / "k.duckdb"
    assert _extract(raw, db).exit_code == 0
    con = duckdb.connect(str(db), read_only=True)
    before = con.execute("select count(*) from source_tables").fetchone()[0]
    con.close()
    assert before > 0
    report.write_bytes(b"\x00\x01\x02 a corrupt re-export under the same name")
    result = _extract(raw, db)
    assert result.exit_code == 1 and "a.txt" in result.output
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select count(*) from source_tables").fetchone()[0] == before
    status, stale, last_error = con.execute(
        "select status, stale, last_error from documents").fetchone()
    assert (status, stale) == ("ok", True) and "NUL" in last_error
    assert con.execute("select status from extract_log order by attempted_at").fetchall()[-1] == (
        "kept",)


def test_an_unreadable_file_on_rerun_keeps_its_rows(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    report = small_report(raw, "a.txt")
    db = tmp_path / "k.duckdb"
    assert _extract(raw, db).exit_code == 0
    report.unlink()
    report.mkdir()  # the same name, now not a regular file
    assert run_cli("extract", str(report), "--db", str(db)).exit_code in (1, 2)
    assert statuses(db) == {"a.txt": "ok"}


def test_identical_files_are_read_once_and_each_path_is_recorded(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    first = small_report(raw, "a.txt")
    shutil.copy(first, raw / "b.txt")
    shutil.copy(first, raw / "c.txt")
    db = tmp_path / "k.duckdb"
    result = _extract(raw, db)
    assert result.exit_code == 0
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("select file_name, status, duplicate_of from documents "
                       "order by file_name").fetchall()
    original = con.execute("select doc_id from documents where file_name = 'a.txt'").fetchone()[0]
    assert rows == [("a.txt", "ok", None), ("b.txt", "duplicate", original),
                    ("c.txt", "duplicate", original)]
    assert con.execute("select count(distinct doc_id) from source_tables").fetchone()[0] == 1
    con.close()
    # One copy turning bad later costs only that copy's row, never the original's figures.
    (raw / "b.txt").write_bytes(b"\x00broken")
    _extract(raw, db)
    got = statuses(db)
    assert got["a.txt"] == "ok" and got["c.txt"] == "duplicate" and got["b.txt"] == "failed"
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select count(*) from source_tables where doc_id = ?",
                       [original]).fetchone()[0] > 0


def test_a_write_failing_midway_leaves_the_database_as_it_was(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    small_report(raw, "a.txt")
    db = tmp_path / "k.duckdb"
    assert _extract(raw, db).exit_code == 0
    con = duckdb.connect(str(db), read_only=True)
    snapshot = con.execute("select count(*) from source_tables").fetchone()[0]
    con.close()
    real_insert = store_mod._insert

    def failing_insert(con, table, rows):
        if table == "budget":
            raise duckdb.IOException('IO Error: Could not write file "k.duckdb": No space left on device')
        real_insert(con, table, rows)

    monkeypatch.setattr(store_mod, "_insert", failing_insert)
    result = _extract(raw, db, "--force")
    assert result.exit_code == 1
    assert "No space left on device" in result.output
    assert "no transaction is active" not in result.output
    assert "not stored" in result.output
    monkeypatch.undo()
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select count(*) from source_tables").fetchone()[0] == snapshot


def test_rollback_failure_does_not_hide_the_real_error(tmp_path, monkeypatch):
    con = store_mod.connect(tmp_path / "k.duckdb")

    def boom(con, table, rows):
        con.execute("ROLLBACK")  # DuckDB ended the transaction itself, as on a full disk
        raise duckdb.IOException("No space left on device")

    monkeypatch.setattr(store_mod, "_insert", boom)
    doc = {"doc_id": "d", "file_name": "a", "source_path": "/a", "sha256": "x", "format": "text",
           "status": "ok", "extracted_at": None, "pipeline_version": "t"}
    with pytest.raises(duckdb.IOException, match="No space left"):
        store_mod.write_document(con, store_mod.DocumentResult(doc, {}))
