"""The PDF and Word renderings of the sample reports against the text path.

The renderings (tests/fixtures/render_pdfs.py) print the same tables as agencies do, wide
ones on landscape pages; the figures read back from them must be the figures read from the
text on at least 97 % of records.
"""

from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from conftest import report_path

from pipeline.normalise.names import fold
from pipeline.run import process_document

# renders the sample PDFs: part of `make test`, skipped by `make test-fast`
pytestmark = pytest.mark.slow

RENDERED = Path(__file__).parent / "fixtures" / "rendered"
PDF_FLOORS = {"000": (0.97, 0.97), "001": (0.97, 0.97), "002": (0.97, 0.97), "003": (0.97, 0.97)}


def perf_key(r):
    return (fold(r.get("indicator") or ""), r.get("year"), r.get("target"), r.get("realisasi"),
            r.get("capaian_reported"))


def budget_key(r):
    return (fold(r.get("name") or ""), r.get("pagu"), r.get("realisasi"), r.get("capaian_reported"))


def share(expected: list, got: list) -> float:
    want, have = Counter(expected), Counter(got)
    return sum(min(n, have[k]) for k, n in want.items()) / max(1, sum(want.values()))


@cache
def rendered(prefix: str, suffix: str):
    return process_document(RENDERED / f"{report_path(prefix).stem}{suffix}")


def test_word_rendering_gives_the_text_figures(processed):
    text, word = processed("003"), rendered("003", ".docx")
    assert word.document["status"] == "ok" and word.document["format"] == "docx"
    for name, key in (("performance", perf_key), ("budget", budget_key)):
        assert share([key(r) for r in text.tables[name]], [key(r) for r in word.tables[name]]) >= 0.99


@pytest.mark.parametrize("prefix", sorted(PDF_FLOORS))
def test_pdf_rendering_against_text(processed, prefix):
    text, pdf = processed(prefix), rendered(prefix, ".pdf")
    assert pdf.document["status"] == "ok" and pdf.document["n_pages"] > 10
    perf_floor, budget_floor = PDF_FLOORS[prefix]
    perf = share([perf_key(r) for r in text.tables["performance"]],
                 [perf_key(r) for r in pdf.tables["performance"]])
    budget = share([budget_key(r) for r in text.tables["budget"]],
                   [budget_key(r) for r in pdf.tables["budget"]])
    assert perf >= perf_floor and budget >= budget_floor, (perf, budget)
    assert all(r["page"] for r in pdf.tables["performance"] + pdf.tables["budget"])
