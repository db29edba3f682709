"""`kinerja audit`: findings with provenance, in every format; the HTML renders in Chromium."""

import base64
import csv
import io
import json
import re
import shutil
import subprocess
from html import unescape
from itertools import groupby
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner
from conftest import REPORTS
from conftest_pdf import REAL_DOCS
from PIL import Image

from pipeline import __version__
from pipeline.audit import Check
from pipeline.audit_evidence import RESOLUTION
from pipeline.audit_group import cell_key, group, reference_key
from pipeline.audit_report import Report, build, neutralise, to_csv
from pipeline.cli import main
from pipeline.store import SCHEMA_VERSION

# extracts the sample reports and renders the HTML report and PDF crops: part of `make test`,
# skipped by `make test-fast`
pytestmark = pytest.mark.slow

PDF_WITH_MISMATCHES = REAL_DOCS / "01_LKIP_2016_BPMPD_Prov_Jabar.pdf"
ARTIFACTS = Path(__file__).parent / "artifacts"

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


@pytest.fixture(scope="module")
def pdf_db(tmp_path_factory):
    """The real LKIP with six footing mismatches, extracted with each cell's box."""
    path = tmp_path_factory.mktemp("audit-pdf") / "k.duckdb"
    result = CliRunner().invoke(main, ["extract", str(PDF_WITH_MISMATCHES), "--db", str(path)])
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
    sakip = [f for f in findings if any(c["kind"] == "cross_table" and c["line"] == 961
                                        for c in f["checks"])]
    assert len(sakip) == 1, "Tabel 3.5's 95,53 against 95,39 elsewhere"
    f = sakip[0]
    assert f["table_label"] == "Tabel 3.5" and f["reported"] == 95.53
    assert abs(f["recomputed"] - 95.39) < 1e-9 and "95.53" in " ".join(f["raw_cells"])
    assert any(ln["row"] and "95.53" in ln["text"] for ln in f["evidence"]["lines"])
    # by document, then table (in print order), then size
    names = [x["file_name"] for x in findings]
    assert names == sorted(names)
    for _, in_table in groupby(findings, key=lambda x: (x["file_name"], x["table_id"])):
        sizes = [x["size"] for x in in_table]
        assert sizes == sorted(sizes, reverse=True)


def test_mismatches_become_distinct_findings(db):
    """The mismatches of the samples (93 real errors, some now found in both halves of a
    two-plan form): each check in exactly one finding, repeats joined."""
    data = json.loads(audit(db, "--format", "json"))
    findings = data["findings"]
    con = duckdb.connect(str(db), read_only=True)
    ids = {r[0] for r in con.execute("SELECT check_id FROM checks WHERE status = 'mismatch'").fetchall()}
    con.close()
    assert len(ids) >= 93
    grouped = [i for f in findings for i in f["check_ids"]]
    assert sorted(grouped) == sorted(ids), "every mismatch check in exactly one finding"
    assert len(findings) <= 67
    assert len({f["finding_id"] for f in findings}) == len(findings)
    # one error printed in four restatements of Tabel 3.4: one finding, three corroborations
    stunting = [f for f in findings if f["kind"] == "polarity" and "stunting" in f["subject"]]
    assert len(stunting) == 1 and len(stunting[0]["corroboration"]) == 3
    # five kelurahan rows held against one reference target: one finding
    sarana = [f for f in findings if "sarana dan prasarana kelurahan" in f["subject"]]
    assert len(sarana) == 1 and len(sarana[0]["checks"]) == 5
    # a kegiatan pagu printed wrong breaks its programme's sum by the same amount: one finding
    (kegiatan,) = [f for f in findings if any(c["line"] == 921 for c in f["checks"])]
    assert {c["line"] for c in kegiatan["checks"]} == {921, 922}


def _check(**kw) -> Check:
    base = dict(check_id="d:1", doc_id="d", file_name="r.txt", entity=None, fiscal_year=None,
                table_id="d:t1", table_label="Tabel 1", table_caption=None, table_kind=None,
                table_line=10, table_page=None, row_no=1, page=None, line=12, kind="capaian",
                subject="x 2023 annual", reported=142.86, recomputed=105.26, diff=37.6,
                tolerance=0.01, status="mismatch", formula="realisasi / target × 100", detail=None)
    return Check(**(base | kw))


def test_grouping_keys_are_printed_cells_not_rows():
    capaian = _check()
    target = _check(check_id="d:2", kind="cross_table", subject="x 2023 target", reported=76.0,
                    recomputed=75.0, diff=1.0)
    same_cell = _check(check_id="d:3", kind="predikat", recomputed=100.0, diff=42.86)
    restated = _check(check_id="d:4", table_id="d:t2", line=40, row_no=1)
    elsewhere = _check(check_id="d:5", kind="cross_table", subject="x 2023 target", reported=80.0,
                       recomputed=75.0, diff=5.0, table_id="d:t3", line=60)
    findings = group([capaian, target, same_cell, restated, elsewhere])
    members = sorted(sorted(c.check_id for c in f.checks) for f in findings)
    # the same row's target (another printed cell) is a finding of its own; the capaian cell's
    # checks, its restatement, and the targets held against one reference are joined
    assert members == [["d:1", "d:3", "d:4"], ["d:2", "d:5"]]
    pdf = _check(line=None, page=3, row_no=7)
    assert cell_key(pdf) == ("cell", "d", "d:t1", 7, 3, 142.86)
    assert reference_key(capaian) is None and reference_key(target) == ("reference", "d", "x 2023 target", 75.0)


def test_csv_neutralises_formula_cells(db):
    assert neutralise("=SUM(A1)") == "'=SUM(A1)"
    assert [neutralise(x) for x in ("+1", "-", "@x", "\tx", "\rx")] == ["'+1", "'-", "'@x", "'\tx", "'\rx"]
    assert neutralise(-3.5) == -3.5 and neutralise("Tabel 3.5") == "Tabel 3.5"
    bad = _check(subject="=HYPERLINK(\"http://x\")", detail="-5 here", reported=-3.5,
                 recomputed=2.0, diff=-5.5)
    report = Report({}, [], group([bad]), {}, [], [])
    (row,) = csv.DictReader(io.StringIO(to_csv(report)))
    assert row["subject"].startswith("'=") and row["detail"] == "'-5 here"
    assert row["reported"] == "-3.5" and row["diff"] == "-5.5", "numbers stay numbers"
    rows = list(csv.DictReader(io.StringIO(audit(db, "--format", "csv"))))
    assert not any(v[:1] in "=+-@\t\r" and v[:1] and not _number(v) for r in rows for v in r.values())
    assert {r["section"] for r in rows} == {"finding", "unverifiable"}
    assert all(r["reason"] for r in rows if r["section"] == "unverifiable")


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_filters_by_kind_and_document(db):
    rows = list(csv.DictReader(io.StringIO(audit(db, "--kind", "capaian", "--format", "csv"))))
    assert rows and {r["kind"] for r in rows} == {"capaian"}
    name = next(REPORTS.glob("002_*.txt")).name
    rows = list(csv.DictReader(io.StringIO(audit(db, "--doc", name, "--format", "csv"))))
    assert rows and {r["file_name"] for r in rows} == {name}


def test_table_format_fits_the_terminal_and_keeps_the_subject(db, monkeypatch):
    monkeypatch.setenv("COLUMNS", "90")
    out = audit(db)
    assert re.search(r"\d+ findings from \d+ mismatching checks", out) and "capaian" in out
    assert max(len(line) for line in out.splitlines()) <= 90
    flat = " ".join(out.split())
    assert "Persentase Desa / Kelurahan Stop Buang Air Besar Sembarangan" in flat, "subject not cut"


def test_unverifiable_listed_per_table_with_reasons(db):
    data = json.loads(audit(db, "--format", "json"))
    groups = data["unverifiable"]
    con = duckdb.connect(str(db), read_only=True)
    total = con.execute("SELECT count(*) FROM checks WHERE status = 'unverifiable'").fetchone()[0]
    con.close()
    assert sum(g["count"] for g in groups) == total
    reasons = {r["reason"] for g in groups for r in g["reasons"]}
    assert "target or realisasi is not printed" in reasons
    assert all(g["table"] for g in groups)
    header = data["header"]
    assert header["schema_version"] == SCHEMA_VERSION and header["kinerja_version"] == __version__
    assert header["extracted_from"] <= header["extracted_to"] and len(header["documents"]) == 4


def _page_size(number: int) -> tuple[float, float]:
    import pdfplumber

    with pdfplumber.open(PDF_WITH_MISMATCHES) as pdf:
        page = pdf.pages[number - 1]
        return page.width, page.height


def test_pdf_finding_carries_a_crop_of_its_row(pdf_db):
    con = duckdb.connect(str(pdf_db), read_only=True)
    report = build(con, str(pdf_db))
    cells = json.loads(con.execute("SELECT cells FROM source_tables WHERE table_id = ?",
                                   [report.findings[0].primary.table_id]).fetchone()[0])
    con.close()
    boxes = [c["bbox"] for row in cells for c in row if "bbox" in c]
    assert boxes and all(len(b) == 4 and b == [round(v, 1) for v in b] for b in boxes)
    assert len(report.findings) == 6
    for f in report.findings:
        ev = report.evidence[f.finding_id]
        assert ev.image and ev.image.startswith("data:image/png;base64,"), f.primary.where
        image = Image.open(io.BytesIO(base64.b64decode(ev.image.split(",", 1)[1])))
        width, height = image.size
        assert width > 0 and height > 0
        page_w, page_h = (v * RESOLUTION / 72 for v in _page_size(f.primary.page))
        assert height < page_h / 3 and width <= page_w + 1, "a crop of the row, not the page"
        assert ev.outlined and ev.page == f.primary.page


def _chromium(tmp_path, url, *extra):
    profile = tmp_path / f"profile{len(list(tmp_path.iterdir()))}"
    proc = subprocess.run(
        [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *extra, url],
        capture_output=True, text=True, timeout=120,
    )
    console = [ln for ln in proc.stderr.splitlines() if ":CONSOLE" in ln]
    return proc, console


# Typed into the report after it loads: the filter box, then the kind menu; the result is
# written into the page, where --dump-dom shows it (no console output of its own).
PROBE = """<script>
window.addEventListener('load', function () {
  function visible() { return document.querySelectorAll('.finding:not([hidden])').length; }
  var q = document.getElementById('q'), kind = document.getElementById('kind');
  var out = {all: visible()};
  q.value = %s; q.dispatchEvent(new Event('input')); out.typed = visible();
  out.shown = document.getElementById('shown').textContent;
  q.value = ''; kind.value = 'polarity'; kind.dispatchEvent(new Event('input'));
  out.kind = visible();
  out.images = Array.prototype.map.call(document.images, function (i) { return i.naturalWidth; });
  var pre = document.createElement('pre'); pre.id = 'probe';
  pre.textContent = JSON.stringify(out); document.body.appendChild(pre);
});
</script></body>"""


def _probe(tmp_path, html: Path, typed: str) -> dict:
    probed = html.with_name(html.stem + "-probe.html")
    probed.write_text(html.read_text(encoding="utf-8").replace("</body>", PROBE % json.dumps(typed)),
                      encoding="utf-8")
    proc, console = _chromium(tmp_path, probed.as_uri(), "--dump-dom")
    assert console == [], console
    found = re.search(r'<pre id="probe">(.*?)</pre>', proc.stdout)
    assert found, "the probe ran"
    return json.loads(unescape(found.group(1)))


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
    findings = json.loads(audit(db, "--format", "json"))["findings"]
    assert f'<span id="shown">{len(findings)}</span>' in proc.stdout, "the filter script ran"
    assert "Percentages (%)" in proc.stdout and "Amounts (Rp" in proc.stdout, "one scale each"
    state = _probe(tmp_path, html, "nilai sakip 2023 capaian_reported")
    polarity = sum("polarity" in f["kinds"] for f in findings)
    assert state["all"] == len(findings) and state["typed"] == 1 and state["shown"] == "1"
    assert state["kind"] == polarity > 0
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "audit-report.png"
    shot.unlink(missing_ok=True)
    _chromium(tmp_path, html.as_uri(), f"--screenshot={shot}", "--window-size=1280,1600",
               "--run-all-compositor-stages-before-draw", "--virtual-time-budget=5000")
    assert shot.exists() and shot.stat().st_size > 10_000


@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed")
def test_html_report_page_crops_load(pdf_db, tmp_path):
    html = tmp_path / "audit-pdf.html"
    audit(pdf_db, "--format", "html", "--out", str(html))
    state = _probe(tmp_path, html, "Nasional: sisa")
    assert len(state["images"]) == state["all"] == 6, "one crop per PDF finding"
    assert all(w > 0 for w in state["images"]), "every image decodes"
    assert state["typed"] == 1
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "audit-report-pdf.png"
    shot.unlink(missing_ok=True)
    _chromium(tmp_path, html.as_uri(), f"--screenshot={shot}", "--window-size=1280,1600",
               "--run-all-compositor-stages-before-draw", "--virtual-time-budget=5000")
    assert shot.exists() and shot.stat().st_size > 10_000


@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed")
def test_console_error_detection_works(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text("<!doctype html><script>missingFunction();</script>", encoding="utf-8")
    _, console = _chromium(tmp_path, bad.as_uri(), "--dump-dom")
    assert any("missingFunction" in ln for ln in console)
