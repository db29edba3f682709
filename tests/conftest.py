"""Shared fixtures: the four sample reports, extracted once per test session."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
REPORTS = FIXTURES / "reports"


def report_path(prefix: str) -> Path:
    (path,) = REPORTS.glob(f"{prefix}_*.txt")
    return path


@pytest.fixture(scope="session", autouse=True)
def _packaged_catalog_only(tmp_path_factory):
    """Point the user's catalog additions at an empty temporary file for the whole session:
    a developer's own additions would change indicator keys under test, and no test may
    write into the real user data directory."""
    old = os.environ.get("KINERJA_CATALOG")
    os.environ["KINERJA_CATALOG"] = str(tmp_path_factory.mktemp("user-catalog") / "indicators.csv")
    yield
    if old is None:
        os.environ.pop("KINERJA_CATALOG", None)
    else:
        os.environ["KINERJA_CATALOG"] = old


@pytest.fixture(scope="session", autouse=True)
def _cold_ocr_cache(tmp_path_factory):
    """A fresh OCR cache for the session: a warm user cache would hide an OCR change from the
    scanned-page tests, and no test may write into the real user cache."""
    old = os.environ.get("KINERJA_CACHE_DIR")
    os.environ["KINERJA_CACHE_DIR"] = str(tmp_path_factory.mktemp("kinerja-cache"))
    yield
    if old is None:
        os.environ.pop("KINERJA_CACHE_DIR", None)
    else:
        os.environ["KINERJA_CACHE_DIR"] = old


@cache
def _document(prefix: str):
    from extractors.text import extract

    return extract(report_path(prefix))


@cache
def _tables(prefix: str):
    from pipeline.classify import classify
    from pipeline.reconstruct import reconstruct

    tables = reconstruct(_document(prefix).raw_tables)
    for t in tables:
        t.kind = classify(t)[0]
    return tables


@cache
def _result(prefix: str):
    from pipeline.run import process_document

    return process_document(report_path(prefix))


@pytest.fixture(scope="session")
def document():
    return _document


@pytest.fixture(scope="session")
def tables():
    return _tables


@pytest.fixture(scope="session")
def processed():
    return _result


def table_at(tables, line: int):
    """The logical table whose lines cover `line`."""
    for t in tables:
        if t.line_start <= line <= t.line_end:
            return t
    raise AssertionError(f"no table covers line {line}")
