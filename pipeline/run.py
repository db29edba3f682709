"""One document in, one `DocumentResult` out: the unit of work and of transaction.

`process_document` is a pure function of the file (no database access), so it can run in a
worker process — or, later, on a Dask worker — while the parent alone writes to DuckDB.
"""

from __future__ import annotations

import hashlib
import traceback
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path

from pipeline import __version__
from pipeline.checks import run_checks
from pipeline.classify import classify
from pipeline.curate import budget, ikk, iku, performance, staffing
from pipeline.curate.context import make_context, numeric_texts
from pipeline.curate.narrative import extract_claims
from pipeline.metadata import read_metadata
from pipeline.model import Document, Row
from pipeline.normalise.catalog import match as catalog_match
from pipeline.normalise.names import name_key
from pipeline.normalise.numbers import detect_convention
from pipeline.normalise.polarity import polarity
from pipeline.store import DocumentResult

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
PDF_SUFFIXES = {".pdf"}
WORD_SUFFIXES = {".docx"}
SUPPORTED = TEXT_SUFFIXES | PDF_SUFFIXES | WORD_SUFFIXES

CURATORS: dict[str, Callable] = {
    "performance": performance.curate,
    "budget": budget.curate,
    "staffing": staffing.curate,
    "iku": iku.curate,
    "ikk": ikk.curate,
}
# Which curators read which table kinds. Mixed K/Rp forms feed both performance and budget.
KIND_TARGETS = {
    "perjanjian_kinerja": ("performance", "budget"),
    "capaian_kinerja": ("performance", "budget"),
    "capaian_history": ("performance",),
    "renstra_target": ("performance", "budget"),
    "renstra_progress": ("performance",),
    "realisasi_anggaran": ("budget", "performance"),
    "anggaran": ("budget", "performance"),
    "efisiensi": ("budget", "performance"),
    "staffing": ("staffing",),
    "iku": ("iku",),
    "ikk": ("ikk",),
    "spm": ("ikk",),
    "other": (),
}


class UnsupportedInput(Exception):
    pass


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """Files named on the command line, and every supported file under named folders."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found += sorted(
                f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED
                and not f.name.startswith(".")
            )
        else:
            found.append(p)
    seen: set[Path] = set()
    unique = []
    for f in found:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def load(path: Path) -> Document:
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        from extractors import text

        return text.extract(path)
    if suffix in PDF_SUFFIXES:
        from extractors import pdf

        return pdf.extract(path)
    if suffix in WORD_SUFFIXES:
        from extractors import docx

        return docx.extract(path)
    raise UnsupportedInput(f"{path}: unsupported file type '{suffix}' (expected one of {sorted(SUPPORTED)})")


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _cells_json(rows: list[Row]) -> list[list[dict]]:
    return [
        [{"text": c.text, "line": c.line, "page": c.page} | ({"filled": True} if c.filled else {})
         for c in row]
        for row in rows
    ]


def _document_row(path: Path, sha: str, doc_id: str) -> dict:
    return {
        "doc_id": doc_id,
        "file_name": path.name,
        "source_path": str(path.resolve()),
        "sha256": sha,
        "format": path.suffix.lower().lstrip(".") or "unknown",
        "doc_type": "unknown",
        "status": "failed",
        "extracted_at": _now(),
        "pipeline_version": __version__,
    }


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


def process_document(path: str | Path) -> DocumentResult:
    """Extract, reconstruct, classify, curate and check one file. Never raises for bad input:
    the failure is recorded in the result, naming the file and the stage."""
    path = Path(path)
    try:
        sha = sha256_of(path)
    except OSError as err:
        sha = hashlib.sha256(str(path).encode()).hexdigest()
        row = _document_row(path, sha, sha[:16])
        row["error"] = f"{path}: cannot read ({err.strerror})"
        return DocumentResult(document=row)
    doc_id = sha[:16]
    row = _document_row(path, sha, doc_id)
    try:
        document = load(path)
    except Exception as err:  # noqa: BLE001 — any extractor failure fails this file only
        row["error"] = str(err) if str(path) in str(err) else f"{path}: {type(err).__name__}: {err}"
        return DocumentResult(document=row)

    meta = read_metadata(document.lines, path.name)
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
        # Said, but not a fault of the extraction: the status stays ok.
        row["warnings"].append(
            f"{path}: pages {_page_list(blank)} print no text or table beyond the running "
            "header/footer: blank, or pictures only, in the file itself; a table they should hold "
            "is not in the file")
    result = DocumentResult(document=row, tables={name: [] for name in (
        "source_tables", "performance", "budget", "iku", "staffing", "ikk", "claims", "checks")})
    errors: list[str] = []
    try:
        from pipeline.reconstruct import reconstruct

        tables = reconstruct(document.raw_tables)
    except Exception as err:  # noqa: BLE001
        row["status"] = "failed"
        row["error"] = f"{path}: table reconstruction failed: {type(err).__name__}: {err}"
        return result
    document_convention = detect_convention(t for table in tables for t in numeric_texts(table))
    for table in tables:
        table_id = f"{doc_id}:t{table.index:03d}"
        kind, reason = classify(table)
        table.kind = kind
        ctx = make_context(
            doc_id, table_id, meta.fiscal_year, table, meta.renstra_start, meta.renstra_end,
            document_convention,
        )
        for target in KIND_TARGETS.get(kind, ()):
            try:
                result.tables[target] += CURATORS[target](ctx)
            except Exception as err:  # noqa: BLE001 — one bad table must not sink the document
                where = f"line {table.line_start}" if table.line_start else f"page {table.page_start}"
                errors.append(
                    f"{path}: {table.label or 'table'} at {where}: {target} curation failed: "
                    f"{type(err).__name__}: {err}"
                )
                traceback.print_exc()
        result.tables["source_tables"].append(
            {
                "table_id": table_id,
                "doc_id": doc_id,
                "label": table.label,
                "caption": table.caption,
                "kind": kind,
                "kind_reason": reason,
                "page_start": table.page_start,
                "page_end": table.page_end,
                "line_start": table.line_start,
                "line_end": table.line_end,
                "n_rows": len(table.rows),
                "n_cols": table.n_cols,
                "header": table.columns,
                "cells": _cells_json(table.rows),
                "header_cells": _cells_json(table.header_cells),
                "set_aside_cells": _cells_json(table.set_aside),
                "table_index": table.index,
                "pieces": table.pieces,
                "notes": table.notes + ctx.notes,
            }
        )
    row["n_tables"] = len(tables)
    for rec in result.tables["performance"] + result.tables["iku"]:
        found = catalog_match(rec.get("indicator"), meta.entity, meta.region)
        rec["indicator_key"] = found.key if found else None
        rec["catalog_match"] = found.how if found else None
        from_catalog = found.entry.polarity if found and found.entry else None
        rec["polarity"] = from_catalog or polarity(rec.get("indicator"))
    for rec in result.tables["budget"]:
        rec["name_key"] = name_key(rec.get("name"))
    spans = [(t.line_start, t.line_end) for t in tables if t.line_start is not None]
    names = sorted({r["indicator"] for r in result.tables["performance"] if r.get("indicator")})
    result.tables["claims"] = extract_claims(doc_id, document.lines, spans, names, meta.fiscal_year)
    result.tables["checks"] = run_checks(doc_id, result.tables, meta.doc_type, document.lines)
    row["status"] = "partial" if errors or document.warnings else "ok"
    row["error"] = "\n".join(errors) or None
    return result


def process_many(paths: list[Path], jobs: int = 1) -> Iterator[DocumentResult]:
    """Yield results as documents finish; with jobs > 1, in worker processes."""
    if jobs <= 1 or len(paths) <= 1:
        for p in paths:
            yield process_document(p)
        return
    from concurrent.futures import ProcessPoolExecutor, as_completed

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(process_document, p): p for p in paths}
        for fut in as_completed(futures):
            try:
                yield fut.result()
            except Exception as err:  # noqa: BLE001 — a crashed worker fails its file only
                p = futures[fut]
                row = _document_row(p, hashlib.sha256(str(p).encode()).hexdigest(), "")
                row["doc_id"] = row["sha256"][:16]
                row["error"] = f"{p}: worker crashed: {type(err).__name__}: {err}"
                yield DocumentResult(document=row)
