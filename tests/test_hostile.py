"""Hostile input, as a researcher's folder delivers it: each class of bad file from issue 10
goes through `kinerja extract` in one batch beside a good report, and each must end with a
clear message naming the file, within its limits, without stopping the batch or touching
what the database already holds."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import duckdb
import hostile
import pytest
from click.testing import CliRunner
from conftest import REPORTS

from pipeline.cli import main

GOOD = next(REPORTS.glob("003_*.txt"))
LIMITS = ["--time-limit", "120", "--memory-limit", "3072", "--max-table-rows", "20000"]


def run_cli(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """One extract over every hostile file and one good report; returns (result, db, raw)."""
    raw = tmp_path_factory.mktemp("raw")
    shutil.copy(GOOD, raw / GOOD.name)
    hostile.huge_blank_page_pdf(raw)
    hostile.blank_pages_pdf(raw, 300)
    hostile.encrypted_pdf(raw)
    hostile.one_bad_page_pdf(raw)
    hostile.wide_span_docx(raw)
    hostile.zip_bomb_docx(raw, 300)
    hostile.long_line_text(raw, 3)
    hostile.big_table_text(raw, 30_000)
    hostile.utf16_text(raw, bom=True)
    hostile.utf16_text(raw, bom=False)
    hostile.cr_only_text(raw)
    hostile.write(raw, "empty.txt", b"")
    hostile.write(raw, "blank.txt", "  \n\t\n   \n")
    db = raw.parent / "hostile.duckdb"
    result = run_cli("extract", str(raw), "--db", str(db), "--jobs", "2", *LIMITS)
    con = duckdb.connect(str(db), read_only=True)
    docs = {r[0]: r[1:] for r in con.execute(
        "select file_name, status, error, warnings, doc_id from documents").fetchall()}
    con.close()
    return result, docs, db


@pytest.mark.slow  # the CLI batch over a real report and the hostile files
def test_the_batch_goes_on_and_the_good_report_is_stored(batch):
    result, docs, _ = batch
    assert result.exit_code == 1  # some documents failed: said by the exit status
    assert docs[GOOD.name][0] == "ok"
    assert "Traceback" not in result.output
    assert len(docs) == 14


@pytest.mark.slow  # the CLI batch over a real report and the hostile files
def test_no_document_ran_into_the_time_limit(batch):
    _, docs, _ = batch
    assert not [name for name, (_, error, *_rest) in docs.items()
                if error and "--time-limit" in error]


@pytest.mark.parametrize("name", ["huge_page.pdf", "blank_300.pdf"])
def test_blank_pages_are_never_ocrd_and_are_named(batch, name):
    _, docs, _ = batch
    status, error, warnings, _ = docs[name]
    assert status == "ok" and error is None
    assert "blank, or pictures only" in warnings


@pytest.mark.slow  # the CLI batch over a real report and the hostile files
def test_encrypted_pdf_says_so(batch):
    _, docs, _ = batch
    status, error, *_ = docs["locked.pdf"]
    assert status == "failed" and "password-protected" in error and "locked.pdf" in error


@pytest.mark.slow  # the CLI batch over a real report and the hostile files
def test_one_unreadable_page_makes_the_pdf_partial(batch):
    _, docs, _ = batch
    status, _, warnings, _ = docs["bad_page.pdf"]
    assert status == "partial" and "page 2 cannot be read" in warnings


@pytest.mark.parametrize("name, option", [
    ("wide_span.docx", "--max-docx-cells"), ("bomb.docx", "--max-docx-unzipped"),
    ("long_line.md", "--max-line-chars"), ("rows_30000.txt", "--max-table-rows")])
def test_a_document_over_a_limit_names_the_limit_and_its_option(batch, name, option):
    result, docs, _ = batch
    status, error, warnings, _ = docs[name]
    said = (error or "") + (warnings or "")
    assert status in ("failed", "partial") and option in said and name in said
    assert option in result.output


@pytest.mark.slow  # the CLI batch over a real report and the hostile files
def test_a_table_over_the_row_limit_keeps_its_first_rows(batch):
    _, docs, db = batch
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("select count(*) from performance where doc_id = ?",
                       [docs["rows_30000.txt"][3]]).fetchone()[0]
    assert rows == 20_000


@pytest.mark.parametrize("name", ["utf16_bom.txt", "utf16_nobom.txt", "old_mac.txt"])
def test_unusual_encodings_and_line_endings_are_read(batch, name):
    _, docs, db = batch
    assert docs[name][0] == "ok"
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select count(*) from performance where doc_id = ?",
                       [docs[name][3]]).fetchone()[0] == 3


@pytest.mark.parametrize("name, words", [("empty.txt", "empty file"),
                                          ("blank.txt", "only white space")])
def test_empty_files_are_named_not_passed_as_ok(batch, name, words):
    _, docs, _ = batch
    status, error, *_ = docs[name]
    assert status == "failed" and words in error


# --- paths that are not files --------------------------------------------------------------


def test_a_fifo_or_device_fails_at_once_without_hanging(tmp_path):
    fifo = tmp_path / "report.txt"
    os.mkfifo(fifo)
    db = tmp_path / "k.duckdb"
    proc = subprocess.run([sys.executable, "-m", "pipeline.cli", "extract", str(fifo), "/dev/zero",
                           "--db", str(db)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert "not a regular file" in proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr


# --- database problems ----------------------------------------------------------------------


def _db_problem(path: Path) -> tuple[int, str]:
    proc = subprocess.run([sys.executable, "-m", "pipeline.cli", "extract", str(GOOD), "--db",
                           str(path)], capture_output=True, text=True, timeout=120)
    return proc.returncode, proc.stdout + proc.stderr


def _sqlite(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("create table t (x)")
    con.commit()
    con.close()


def _newer(path: Path) -> None:
    con = duckdb.connect(str(path))
    con.execute("create table schema_version (version integer, applied_at timestamp)")
    con.execute("insert into schema_version values (99, now())")
    con.close()


def _truncated(path: Path) -> None:
    con = duckdb.connect(str(path))
    con.execute("create table a as select range r from range(200000)")
    con.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize("make, words", [
    (lambda p: p.write_bytes(b""), "empty file"),
    (lambda p: p.write_text("not a database " * 100), "not a DuckDB database"),
    (_sqlite, "SQLite"),
    (_truncated, "damaged or truncated"),
    (_newer, "newer kinerja"),
])
def test_a_bad_database_is_one_line_and_exit_2(tmp_path, make, words):
    db = tmp_path / "bad.duckdb"
    make(db)
    before = db.read_bytes() if db.is_file() else None
    code, output = _db_problem(db)
    assert code == 2, output
    assert words in output and "bad.duckdb" in output
    assert "Traceback" not in output and len(output.strip().splitlines()) == 1
    if before is not None:
        assert db.read_bytes() == before  # refused untouched


def test_a_folder_as_database_is_a_usage_error(tmp_path):
    db = tmp_path / "bad.duckdb"
    db.mkdir()
    code, output = _db_problem(db)
    assert code == 2 and "is a directory" in output and "Traceback" not in output


def test_a_database_locked_by_another_process_is_one_line(tmp_path):
    db = tmp_path / "k.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", (
        "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); c.execute('create table a(x int)');"
        " print('ready', flush=True); time.sleep(60)"), str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        code, output = _db_problem(db)
    finally:
        holder.kill()
    assert code == 2 and "in use by another process" in output and "Traceback" not in output


def test_a_read_only_database_is_one_line(tmp_path):
    """As root every file is writable, so the database sits on a path no process can create."""
    code, output = _db_problem(Path("/proc/kinerja-test/k.duckdb"))
    assert code == 2 and "Traceback" not in output
    assert len(output.strip().splitlines()) == 1


def test_debug_shows_the_traceback(tmp_path):
    db = tmp_path / "bad.duckdb"
    db.write_bytes(b"")
    proc = subprocess.run([sys.executable, "-m", "pipeline.cli", "--debug", "extract", str(GOOD),
                           "--db", str(db)], capture_output=True, text=True, timeout=120)
    assert "Traceback" in proc.stderr


# --- ratio formulas and captions -------------------------------------------------------------


@pytest.mark.parametrize("formula", ["Σ (2) / Σ (7) x 100%", "Σ (0) / Σ (2) x 100%"])
def test_a_ratio_formula_naming_a_missing_column_is_noted_not_misread(tmp_path, formula):
    from pipeline.run import process_document

    result = process_document(hostile.ratio_formula_text(tmp_path, formula))
    assert result.document["status"] == "ok"
    assert result.tables["ikk"] == []
    notes = " ".join(n for t in result.tables["source_tables"] for n in t["notes"])
    assert "does not have" in notes


@pytest.mark.parametrize("caption", ["CAPAIAN KINERJA SASARAN {}", "Lampiran {} Capaian",
                                     "Tabel 3.{} Capaian"])
def test_separately_captioned_tables_with_one_header_stay_apart(tmp_path, caption):
    from pipeline.run import process_document

    header = hostile.CAPAIAN_HEADER
    text = "\n".join([caption.format(1), header, "1\tIKM\t%\t80\t82\t102,5", "",
                      caption.format(2), header, "1\tDokumen tepat waktu\t%\t100\t90\t90", ""])
    path = hostile.write(tmp_path, "two.txt", text)
    tables = process_document(path).tables["source_tables"]
    assert [t["n_rows"] for t in tables] == [1, 1]
