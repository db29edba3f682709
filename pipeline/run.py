"""One document in, one `DocumentResult` out: the unit of work and of transaction.

`process_document` is a pure function of the file (no database access), so it can run in a
worker process — or, later, on a Dask worker — while the parent alone writes to DuckDB.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

from extractors import extractor_for
from pipeline import registry
from pipeline.checks import run_checks
from pipeline.classify import classify
from pipeline.curate import iku
from pipeline.curate.context import make_context, numeric_texts
from pipeline.curate.narrative import extract_claims
from pipeline.enrich import enrich
from pipeline.files import (
    SUPPORTED,
    discover,  # noqa: F401 — re-exported: the CLI and tests discover here
    document_row,
    failed_result,
    sha256_of,
    unreadable_reason,
)
from pipeline.keys import assign_ids
from pipeline.metadata import Metadata, read_metadata
from pipeline.model import Document, DocumentResult, LogicalTable
from pipeline.normalise.numbers import Convention, detect_convention
from pipeline.serialise import source_table_row
from pipeline.settings import DEFAULT_LIMITS, Limits


def curator(table: str) -> Callable:
    """The curator of a curated table, as pipeline/registry.py names it."""
    return registry.resolve(registry.curators()[table])


def _targets(kind: str, table: LogicalTable) -> tuple[str, ...]:
    """The curators of a table kind (pipeline/registry.py); a performance table whose caption
    says it lists the key indicators (IKU) also gives `iku` records, the indicators without
    definitions."""
    targets = registry.kind_targets().get(kind, ())
    if "performance" in targets and "iku" not in targets and iku.names_key_indicators(table):
        return (*targets, "iku")
    return targets


class UnsupportedInput(Exception):
    pass


def load(path: Path, limits: Limits = DEFAULT_LIMITS) -> Document:
    """The file read by the extractor registered for its suffix."""
    suffix = path.suffix.lower()
    extract = extractor_for(suffix)
    if extract is not None:
        return extract(path, limits)
    raise UnsupportedInput(f"{path}: unsupported file type '{suffix}' (expected one of {sorted(SUPPORTED)})")


def empty_pages(document: Document) -> list[int]:
    """Pages that print nothing but their running header and footer. An agency's export
    sometimes loses a table's pages (LKIP 2016 BPMPD, pages 20–25): the figures are not in
    the file, and the reader should hear so rather than find them silently missing."""
    if not document.n_pages or document.line_pages is None:
        return []
    used = set(document.line_pages)
    for table in document.raw_tables:
        if table.page_start:
            used.update(range(table.page_start, (table.page_end or table.page_start) + 1))
    return [p for p in range(1, document.n_pages + 1) if p not in used]


def _page_list(pages: list[int]) -> str:
    runs: list[list[int]] = []
    for p in pages:
        if runs and p == runs[-1][-1] + 1:
            runs[-1].append(p)
        else:
            runs.append([p])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def describe_failure(path: Path, err: BaseException, limits: Limits) -> str:
    """One line for an extractor's failure, naming the file (and the limit, for memory)."""
    if isinstance(err, MemoryError):
        return f"{path}: " + limits.exceeded("memory_mib", "memory needed (MiB)")
    text = str(err)
    return text if str(path) in text else f"{path}: {type(err).__name__}: {text}"


def process_document(path: str | Path, limits: Limits = DEFAULT_LIMITS,
                     loader: Callable[[Path, Limits], Document] = load) -> DocumentResult:
    """Extract, reconstruct, classify, curate and check one file. Never raises for bad input:
    the failure is recorded in the result, naming the file and the stage. `loader` reads the
    file into a `Document` (a PDF whose pages were read as batches on a cluster passes one
    that joins them)."""
    path = Path(path)
    reason = unreadable_reason(path)
    if reason:
        return failed_result(path, reason)
    try:
        sha = sha256_of(path)
    except OSError as err:
        return failed_result(path, f"{path}: cannot read ({err.strerror})")
    doc_id = sha[:16]
    row = document_row(path, sha, doc_id)
    try:
        document = loader(path, limits)
    except (Exception, MemoryError) as err:  # noqa: BLE001 — any extractor failure fails this file only
        row["error"] = describe_failure(path, err, limits)
        return DocumentResult(document=row)
    try:
        return _process_loaded(path, row, document, limits)
    except MemoryError as err:
        row.update(status="failed", error=describe_failure(path, err, limits))
        return DocumentResult(document=row)


REPORT_MARKERS = re.compile(
    r"\b(kinerja|anggaran|renja|renstra|rencana\s+(?:kerja|strategis)|lakip|lkj?ip|lppd|"
    r"perjanjian|indikator|capaian|realisasi|sasaran|program|kegiatan|pegawai|pemerintah)\b",
    re.IGNORECASE)
MARKER_LINES = 400


#: names that by universal convention hold a folder's documentation, never a report
DOCUMENTATION_NAMES = re.compile(r"^(readme|licen[cs]e|changelog|contributing|notice|authors)\b",
                                 re.IGNORECASE)


def not_a_report(path: Path, document: Document) -> str | None:
    """Why a file is no performance document, or None: a folder's README or licence, or a
    file naming none of the words every such report prints on its first pages."""
    if document.warnings or not any(line.strip() for line in document.lines):
        return None  # not all of it was read (scans, limits): its text cannot settle it
    if DOCUMENTATION_NAMES.match(path.name):
        return f"{path}: a folder's documentation ({path.name}), not a performance document; skipped"
    if not REPORT_MARKERS.search("\n".join(document.lines[:MARKER_LINES])):
        return (f"{path}: not a performance document (none of the words reports print — "
                "kinerja, anggaran, indikator, program … — in its first lines); skipped")
    return None


def _process_loaded(path: Path, row: dict, document: Document, limits: Limits) -> DocumentResult:
    """Everything after the file is read: reconstruction, curation, checks."""
    doc_id = row["doc_id"]
    reason = not_a_report(path, document)
    if reason:
        row.update(status="skipped", format=document.format, n_pages=document.n_pages,
                   n_lines=len(document.lines), warnings=[reason])
        return DocumentResult(document=row)
    meta = read_metadata(document.lines, path.name)
    _describe(path, row, document, meta)
    result = DocumentResult(document=row, line_pages=document.line_pages,
                            tables={name: [] for name in registry.curated_names()})
    tables = _reconstructed(path, row, document)
    if tables is None:
        return result
    truncated = _bound_tables(path, tables, limits)
    row["warnings"] += truncated
    if not tables:
        row["warnings"].append(f"{path}: no table found; only its text was read")
    errors = _curate_tables(path, doc_id, tables, meta, result)
    row["n_tables"] = len(tables)
    _document_wide(doc_id, document, tables, meta, result)
    faults = errors or document.warnings or truncated
    row["status"] = "partial" if faults else "ok"
    row["error"] = "\n".join(errors) or None
    return result


def _describe(path: Path, row: dict, document: Document, meta: Metadata) -> None:
    """The document row's metadata and counts; blank pages are said, but are not a fault of
    the extraction: the status stays ok."""
    row.update(
        format=document.format,
        doc_type=meta.doc_type,
        entity=meta.entity,
        region=meta.region,
        fiscal_year=meta.fiscal_year,
        n_pages=document.n_pages,
        n_lines=len(document.lines),
        metadata_notes=meta.notes,
        warnings=list(document.warnings),
    )
    blank = empty_pages(document)
    if blank:
        row["warnings"].append(
            f"{path}: pages {_page_list(blank)} print no text or table beyond the running "
            "header/footer: blank, or pictures only, in the file itself; a table they should hold "
            "is not in the file")


def _reconstructed(path: Path, row: dict, document: Document) -> list | None:
    """The document's logical tables, or None (the row marked failed) when reconstruction
    raised: the document row is still written, with the error."""
    try:
        from pipeline.curate.budget_lists import list_tables
        from pipeline.reconstruct import reconstruct

        tables = reconstruct(document.raw_tables)
        tables += list_tables(document, tables)  # budget lists printed as text lines
    except MemoryError:
        raise
    except Exception as err:  # noqa: BLE001
        row["status"] = "failed"
        row["error"] = f"{path}: table reconstruction failed: {type(err).__name__}: {err}"
        return None
    return tables


def _curate_tables(path: Path, doc_id: str, tables: list, meta: Metadata,
                   result: DocumentResult) -> list[str]:
    """Classify and curate every table under the document's number convention; the errors
    of the tables whose curation failed."""
    document_convention = detect_convention(t for table in tables for t in numeric_texts(table))
    errors: list[str] = []
    for table in tables:
        errors += _curate_table(path, doc_id, table, meta, document_convention, result)
    return errors


def _curate_table(path: Path, doc_id: str, table: LogicalTable, meta: Metadata,
                  convention: Convention,
                  result: DocumentResult) -> list[str]:
    """One table into every curated table its kind feeds, and its source_tables row. One bad
    table must not sink the document: a curator's error is returned, not raised."""
    table_id = f"{doc_id}:t{table.index:03d}"
    kind, reason = classify(table)
    table.kind = kind
    ctx = make_context(
        doc_id, table_id, meta.fiscal_year, table, meta.renstra_start, meta.renstra_end,
        convention,
    )
    errors = []
    for target in _targets(kind, table):
        try:
            result.tables[target] += curator(target)(ctx)
        except Exception as err:  # noqa: BLE001 — one bad table must not sink the document
            errors.append(
                f"{path}: {table.label or 'table'} at {_table_place(table)}: {target} curation "
                f"failed: {type(err).__name__}: {err}"
            )
            traceback.print_exc()
    result.tables["source_tables"].append(
        source_table_row(table, doc_id, table_id, reason, table.notes + ctx.notes))
    return errors


def _table_place(table: LogicalTable) -> str:
    """Where a table starts: its line in text input, else its page."""
    return f"line {table.line_start}" if table.line_start else f"page {table.page_start}"


def _document_wide(doc_id: str, document: Document, tables: list, meta: Metadata,
                   result: DocumentResult) -> None:
    """What needs every curated row: enrichment, prose claims, row ids, then the checks."""
    enrich(result.tables, meta)
    spans = [(t.line_start, t.line_end) for t in tables if t.line_start is not None]
    names = sorted({r["indicator"] for r in result.tables["performance"] if r.get("indicator")})
    result.tables["claims"] = extract_claims(doc_id, document.lines, spans, names, meta.fiscal_year)
    assign_ids(result.tables)  # before the checks, so each check names the row it recomputes
    result.tables["checks"] = run_checks(doc_id, result.tables, meta.doc_type, document.lines)


def _bound_tables(path: Path, tables: list, limits: Limits) -> list[str]:
    """Curate at most `max_table_rows` rows of a table: the rest are kept in the warning's
    count, not curated, so a 100,000-row export cannot stall the checks of a batch."""
    warnings = []
    for table in tables:
        if len(table.rows) > limits.max_table_rows:
            warnings.append(f"{path}: {table.label or 'table'} at {_table_place(table)} has {len(table.rows)} "
                            "rows; " + limits.exceeded("max_table_rows", "its size (rows)")
                            + "; only the first rows were curated")
            table.rows = table.rows[: limits.max_table_rows]
    return warnings


def process_many(paths: list[Path], jobs: int = 1, limits: Limits = DEFAULT_LIMITS,
                 executor: str = "local", scheduler: str | None = None,
                 ) -> Iterator[DocumentResult]:
    """Yield results as documents finish. jobs = 0 runs in this process (tests, evaluation);
    jobs ≥ 1 runs in that many supervised worker processes (pipeline/workers.py), where a
    document over its time or memory limit, or whose worker dies, costs only itself.
    executor="dask" runs them on a Dask cluster instead (pipeline/executors.py): the one at
    `scheduler`, or a local one of `jobs` workers."""
    if jobs <= 0 and executor == "local":
        from pipeline.workers import run_bounded

        for p in paths:
            yield run_bounded(p, limits)
        return
    from pipeline.executors import make_executor

    yield from make_executor(executor, jobs, limits, scheduler).run(list(paths))
