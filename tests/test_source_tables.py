"""Nothing in a report is lost: every table lands in source_tables with its cells."""

from conftest import REPORTS

from extractors.text import extract
from pipeline.classify import KINDS
from pipeline.reconstruct import reconstruct


def test_every_printed_table_line_is_accounted_for(processed):
    """Each line of every raw table piece is in the stored table: as data cells, header
    cells, or rows set aside (repeated headers, column numbers, tails of broken cells)."""
    for path in sorted(REPORTS.glob("*.txt")):
        result = processed(path.name[:3])
        stored = result.tables["source_tables"]
        accounted = {
            cell["line"]
            for t in stored
            for part in ("cells", "header_cells", "set_aside_cells")
            for row in t[part]
            for cell in row
            if cell["text"].strip()
        }
        doc = extract(path)
        printed = {c.line for t in doc.raw_tables for r in t.rows for c in r if c.text.strip()}
        assert printed - accounted == set(), (path.name, sorted(printed - accounted)[:20])
        assert len(stored) == len(reconstruct(doc.raw_tables))


# Kinds the text samples do not print; the real documents do (tests/test_real_docs.py).
ONLY_IN_REAL_DOCS = {"spm"}


def test_all_sample_kinds_occur(processed):
    kinds = {t["kind"] for p in ("000", "001", "002", "003") for t in processed(p).tables["source_tables"]}
    assert set(KINDS) - ONLY_IN_REAL_DOCS == kinds  # every other kind occurs in the samples


def test_sample_reports_all_ok(processed):
    for p in ("000", "001", "002", "003"):
        doc = processed(p).document
        assert doc["status"] == "ok", (p, doc.get("error"))
