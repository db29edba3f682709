"""The `kinerja extract` contract: summary, exit codes, per-document transactions."""

import shutil

import duckdb
import pytest
from click.testing import CliRunner
from conftest import REPORTS

from pipeline.cli import main


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_every_command_has_help():
    top = run("--help")
    assert top.exit_code == 0 and "extract" in top.output
    sub = run("extract", "--help")
    assert sub.exit_code == 0
    for option in ("--db", "--jobs", "--force", "Exit status"):
        assert option in sub.output


def test_usage_error_exits_2(tmp_path):
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "missing")])
    assert result.exit_code == 2


def test_folder_with_no_reports_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["extract", str(tmp_path), "--db", str(tmp_path / "k.duckdb")])
    assert result.exit_code == 2 and "no supported report files" in result.output


def test_bad_file_fails_alone_and_names_itself(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(next(REPORTS.glob("002_*.txt")), raw)
    (raw / "broken.txt").write_bytes(b"\x00\x01 not a report")
    db = tmp_path / "k.duckdb"
    result = run("extract", str(raw), "--db", str(db))
    assert result.exit_code == 1
    assert "broken.txt" in result.output
    con = duckdb.connect(str(db), read_only=True)
    statuses = dict(con.execute("select file_name, status from documents").fetchall())
    assert statuses["broken.txt"] == "failed"
    assert statuses[next(REPORTS.glob("002_*.txt")).name] == "ok"
    assert con.execute("select count(*) from performance").fetchone()[0] > 100


def test_rerun_skips_unchanged_and_force_replaces(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(next(REPORTS.glob("003_*.txt")), raw)
    db = tmp_path / "k.duckdb"
    assert run("extract", str(raw), "--db", str(db)).exit_code == 0
    con = duckdb.connect(str(db), read_only=True)
    before = con.execute("select count(*) from budget").fetchone()[0]
    con.close()
    again = run("extract", str(raw), "--db", str(db))
    assert "unchanged, skipped" in again.output
    forced = run("extract", str(raw), "--db", str(db), "--force")
    assert forced.exit_code == 0
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select count(*) from budget").fetchone()[0] == before
    assert con.execute("select count(*) from documents").fetchone()[0] == 1


def test_summary_counts_kinds_rows_and_mismatches(tmp_path):
    db = tmp_path / "k.duckdb"
    result = run("extract", str(next(REPORTS.glob("000_*.txt"))), "--db", str(db))
    assert result.exit_code == 0
    for word in ("ok", "partial", "failed", "tables per kind", "performance", "check mismatches"):
        assert word in result.output


@pytest.mark.slow  # two worker processes over three reports
def test_parallel_jobs_give_the_same_rows(tmp_path):
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    assert run("extract", str(REPORTS), "--db", str(one)).exit_code == 0
    assert run("extract", str(REPORTS), "--db", str(two), "--jobs", "2").exit_code == 0
    query = "select doc_id, table_id, row_no, line, year, target, realisasi from performance order by all"
    a = duckdb.connect(str(one), read_only=True).execute(query).fetchall()
    b = duckdb.connect(str(two), read_only=True).execute(query).fetchall()
    assert a == b and len(a) > 1000


WARM_RUN = """
import sys
from pipeline.cli import main
try:
    main(["-q", "extract", sys.argv[1], "--db", sys.argv[2]])
except SystemExit:
    pass
heavy = [m for m in ("pipeline.run", "extractors.pdf", "pdfplumber", "pipeline.checks",
                     "multiprocessing.forkserver", "duckdb", "rich.console") if m in sys.modules]
print("HEAVY", heavy)
"""


def test_an_unchanged_rerun_loads_no_extractor_and_starts_no_worker(tmp_path):
    """An unchanged re-run only hashes files and finds them in the manifest beside the
    database: the extractors, the curators, the checks, the worker pool, DuckDB and rich are
    never loaded (issue 12: a warm re-run is at most 2 % of a cold one)."""
    import subprocess
    import sys
    from pathlib import Path

    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(next(REPORTS.glob("001_*.txt")), raw)
    db = tmp_path / "k.duckdb"
    assert run("-q", "extract", str(raw), "--db", str(db)).exit_code == 0
    root = str(Path(__file__).resolve().parent.parent)
    out = subprocess.run([sys.executable, "-c", WARM_RUN, str(raw), str(db)], cwd=root,
                         capture_output=True, text=True, env={"PYTHONPATH": root, "PATH": ""},
                         check=True).stdout
    assert "HEAVY []" in out, out
