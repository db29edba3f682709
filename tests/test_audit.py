"""`kinerja audit`: findings with provenance, in every format; the HTML renders in Chromium."""

import csv
import io
import json
import shutil
import subprocess

import pytest
from click.testing import CliRunner
from conftest import REPORTS

from pipeline.cli import main

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--enable-logging=stderr", "--v=0",
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("audit") / "k.duckdb"
    result = CliRunner().invoke(main, ["extract", str(REPORTS), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


def audit(db, *args):
    result = CliRunner().invoke(main, ["audit", "--db", str(db), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_json_findings_carry_provenance_and_are_sorted(db):
    data = json.loads(audit(db, "--format", "json"))
    findings = data["findings"]
    assert findings and len(data["documents"]) == 4
    sakip = [f for f in findings if f["kind"] == "cross_table" and f["line"] == 961]
    assert sakip, "Tabel 3.5's 95,53 against 95,39 elsewhere"
    f = sakip[0]
    assert f["table_label"] == "Tabel 3.5" and f["reported"] == 95.53
    assert abs(f["recomputed"] - 95.39) < 1e-9 and "95.53" in " ".join(f["raw_cells"])
    sizes = [abs(x["diff"] or 0) / max(abs(x["recomputed"] or 0), abs(x["reported"] or 0), 1)
             for x in findings]
    assert sizes == sorted(sizes, reverse=True)


def test_filters_by_kind_and_document(db):
    rows = list(csv.DictReader(io.StringIO(audit(db, "--kind", "capaian", "--format", "csv"))))
    assert rows and {r["kind"] for r in rows} == {"capaian"}
    name = next(REPORTS.glob("002_*.txt")).name
    rows = list(csv.DictReader(io.StringIO(audit(db, "--doc", name, "--format", "csv"))))
    assert rows and {r["file_name"] for r in rows} == {name}


def test_table_format_lists_mismatches(db):
    out = audit(db)
    assert "mismatches" in out and "capaian" in out


def _chromium(tmp_path, url, *extra):
    profile = tmp_path / f"profile{len(list(tmp_path.iterdir()))}"
    proc = subprocess.run(
        [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *extra, url],
        capture_output=True, text=True, timeout=120,
    )
    console = [ln for ln in proc.stderr.splitlines() if ":CONSOLE" in ln]
    return proc, console


@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (scripts/install-system-deps.sh browser)")
def test_html_report_renders_without_console_errors(db, tmp_path):
    html = tmp_path / "audit.html"
    audit(db, "--format", "html", "--out", str(html))
    text = html.read_text(encoding="utf-8")
    for external in ("<script src", "<link", "@import", "url("):
        assert external not in text, f"report loads an external resource: {external}"
    proc, console = _chromium(tmp_path, html.as_uri(), "--dump-dom")
    assert console == [], console
    assert 'id="findings"' in proc.stdout and "<svg" in proc.stdout
    n = len(json.loads(audit(db, "--format", "json"))["findings"])
    assert f'<span id="shown">{n}</span>' in proc.stdout, "the filter script ran"
    shot = tmp_path / "audit.png"
    _chromium(tmp_path, html.as_uri(), f"--screenshot={shot}", "--window-size=1280,1600")
    assert shot.exists() and shot.stat().st_size > 10_000


@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed")
def test_console_error_detection_works(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text("<!doctype html><script>missingFunction();</script>", encoding="utf-8")
    _, console = _chromium(tmp_path, bad.as_uri(), "--dump-dom")
    assert any("missingFunction" in ln for ln in console)
