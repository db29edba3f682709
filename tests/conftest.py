"""Shared fixtures: the four sample reports, extracted once per test session."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
REPORTS = FIXTURES / "reports"


def report_path(prefix: str) -> Path:
    (path,) = REPORTS.glob(f"{prefix}_*.txt")
    return path


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
