"""The CLI says what happened and documents everything it can do (sqlite-utils' way: a test
that every command and every choice is in --help and in the README)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner
from conftest import REPORTS

from pipeline.check_kinds import CHECK_KINDS
from pipeline.cli import main

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def test_every_command_is_in_help_and_readme():
    commands = sorted(main.commands)
    top = invoke("--help").output
    for name in commands:
        assert re.search(rf"^\s+{name}\b", top, re.M), name
        assert f"kinerja {name}" in README, name
        assert invoke(name, "--help").exit_code == 0


def test_every_check_kind_is_in_audit_help_and_readme():
    help_text = " ".join(invoke("audit", "--help").output.split())
    for kind in CHECK_KINDS:
        assert kind in help_text, kind
        assert f"`{kind}`" in README, kind


def test_every_extract_option_is_in_its_help():
    help_text = invoke("extract", "--help").output
    for param in main.commands["extract"].params:
        for opt in param.opts:
            if opt.startswith("--"):
                assert opt in help_text, opt


@pytest.fixture(scope="module")
def small_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("raw")
    shutil.copy(next(REPORTS.glob("003_*.txt")), folder)
    db = folder.parent / "k.duckdb"
    assert invoke("extract", str(folder), "--db", str(db)).exit_code == 0
    return db


def test_unknown_kind_is_a_usage_error_listing_the_kinds(small_db):
    result = invoke("audit", "--db", str(small_db), "--kind", "foting")
    assert result.exit_code == 2 and "footing" in result.output


def test_unknown_doc_is_a_usage_error_listing_the_documents(small_db):
    result = invoke("audit", "--db", str(small_db), "--doc", "nope")
    assert result.exit_code == 2
    assert "003_" in result.output and "no document" in result.output


def test_non_reports_are_recorded_as_skipped_and_other_files_counted(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(next(REPORTS.glob("003_*.txt")), raw)
    (raw / "README.md").write_text("# Laporan kinerja 2022\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
    (raw / "catatan.txt").write_text("Catatan rapat\nTidak ada isi yang penting.\n")
    (raw / "foto.png").write_bytes(b"\x89PNG")
    (raw / "data.xlsx").write_bytes(b"PK")
    db = tmp_path / "k.duckdb"
    result = invoke("extract", str(raw), "--db", str(db))
    assert result.exit_code == 0
    con = duckdb.connect(str(db), read_only=True)
    statuses = dict(con.execute("select file_name, status from documents").fetchall())
    assert statuses["README.md"] == "skipped" and statuses["catatan.txt"] == "skipped"
    assert con.execute("select count(*) from source_tables t join documents d using (doc_id) "
                       "where d.status = 'skipped'").fetchone()[0] == 0
    assert "1 .png" in result.output and "1 .xlsx" in result.output
    assert "kinerja audit --db" in result.output


def test_each_partial_or_failed_document_gets_one_line_with_its_first_message(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "broken.txt").write_bytes(b"\x00\x01 not a report")
    shutil.copy(next(REPORTS.glob("003_*.txt")), raw)
    result = invoke("extract", str(raw), "--db", str(tmp_path / "k.duckdb"))
    said = " ".join(result.output.split())
    assert re.search(r"failed: \S*broken\s?\.?txt: contains NUL bytes", said.replace("\n", "")) \
        or ("failed:" in said and "NUL bytes" in said)
    assert said.count("NUL bytes") == 1  # one line per document, not one per message


def test_quiet_says_less_than_the_default(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(next(REPORTS.glob("003_*.txt")), raw)
    default = invoke("extract", str(raw), "--db", str(tmp_path / "a.duckdb")).output
    quiet = invoke("-q", "extract", str(raw), "--db", str(tmp_path / "b.duckdb")).output
    assert "tables per kind" in default and "tables per kind" not in quiet
