"""Pages in parallel give exactly the Document of a serial read (issue 12, item 2)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest_pdf import REAL_DOCS, extracted_real

from extractors import pdf, pdf_pages

RENDERED = Path(__file__).parent / "fixtures" / "rendered"


def test_ranges_cover_every_page_once_in_order():
    for n in (1, 2, 7, 24, 175):
        for jobs in (2, 3, 8):
            spans = pdf_pages.ranges(n, jobs)
            assert [p for a, b in spans for p in range(a, b)] == list(range(n))
            sizes = [b - a for a, b in spans]
            assert max(sizes) - min(sizes) <= 1 and min(sizes) >= 1


@pytest.mark.slow
@pytest.mark.parametrize("name", ["01_LKIP_2016_BPMPD_Prov_Jabar.pdf",
                                  "07_PK_2016_Kepala_BPMPD_Prov_Jabar.pdf"])
def test_real_document_same_in_parallel(name):
    serial = extracted_real(name)
    assert pdf.extract(REAL_DOCS / name, page_jobs=2, min_pages=1) == serial


@pytest.mark.slow
def test_rendering_same_in_parallel():
    path = RENDERED / "003_8043734684bf450f.pdf"
    serial = pdf.extract(path, page_jobs=1)
    assert serial.raw_tables
    assert pdf.extract(path, page_jobs=3, min_pages=1) == serial


def test_small_document_stays_serial(monkeypatch):
    def no_workers(*args, **kwargs):
        raise AssertionError("a document under min_pages must not start page workers")

    monkeypatch.setattr(pdf_pages, "_start", no_workers)
    path = REAL_DOCS / "07_PK_2016_Kepala_BPMPD_Prov_Jabar.pdf"
    assert pdf.extract(path, page_jobs=2) == extracted_real(path.name)


def test_failed_worker_costs_time_not_pages(monkeypatch, tmp_path):
    """A worker that dies (here: a stand-in page worker that exits at once) has its pages
    read here: every range is read in this process, once."""
    (tmp_path / "extractors").mkdir()
    (tmp_path / "extractors" / "__init__.py").write_text("")
    (tmp_path / "extractors" / "pdf_pages.py").write_text("raise SystemExit(3)\n")
    monkeypatch.setattr(pdf_pages, "_package_root", lambda: str(tmp_path))
    here = []
    monkeypatch.setattr(pdf_pages, "read_range",
                        lambda *args: here.append(args[2:4]) or pdf.read_range(*args))
    name = "07_PK_2016_Kepala_BPMPD_Prov_Jabar.pdf"
    assert pdf.extract(REAL_DOCS / name, page_jobs=2, min_pages=1) == extracted_real(name)
    assert sorted(here) == pdf_pages.ranges(3, 2)


def test_page_jobs_from_the_environment(monkeypatch):
    monkeypatch.setenv(pdf.PAGE_JOBS_ENV, "3")
    assert pdf.page_jobs_default() == 3
    monkeypatch.setenv(pdf.PAGE_JOBS_ENV, "many")
    assert pdf.page_jobs_default() == 1


def test_this_process_reads_a_share_so_jobs_cores_need_one_worker_less(monkeypatch):
    started = []
    real_start = pdf_pages._start
    monkeypatch.setattr(pdf_pages, "_start", lambda *a: started.append(a) or real_start(*a))
    name = "07_PK_2016_Kepala_BPMPD_Prov_Jabar.pdf"
    assert pdf.extract(REAL_DOCS / name, page_jobs=3, min_pages=1) == extracted_real(name)
    assert len(started) == 2
