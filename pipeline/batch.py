"""One `extract` run over many files: what to do with each, and what was actually stored.

The store decides how one result lands (pipeline/store.py); this module decides which files
are processed at all — unchanged files are skipped, identical bytes are read once and the
other paths recorded as duplicates, unreadable paths are recorded without opening them —
and adds to the run's tally (pipeline/tally.py) only what reached the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from pipeline import __version__
from pipeline.files import failed_result, sha256_of, unreadable_reason
from pipeline.model import DocumentResult
from pipeline.store import (
    DuplicateContent,
    good_copy,
    record_duplicate,
    write_document,
)
from pipeline.tally import Tally, first_line


@dataclass
class Plan:
    """What a run will do with each file it was given."""

    todo: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    unreadable: list[DocumentResult] = field(default_factory=list)
    #: (path, sha256 of its bytes, doc_id of the original or None while it is in this batch)
    duplicates: list[tuple[Path, str, str | None]] = field(default_factory=list)


def _stored(con: duckdb.DuckDBPyConnection, path: Path) -> tuple[str, str, str] | None:
    row = con.execute("SELECT sha256, pipeline_version, status FROM documents "
                      "WHERE source_path = ? LIMIT 1", [str(path.resolve())]).fetchone()
    return (row[0], row[1], row[2]) if row else None


def plan_batch(con: duckdb.DuckDBPyConnection, files: list[Path], force: bool) -> Plan:
    """Sort files into process / skip / duplicate / unreadable, reading each file once."""
    plan = Plan()
    first_of: dict[str, Path] = {}
    for path in files:
        reason = unreadable_reason(path)
        if reason:
            plan.unreadable.append(failed_result(path, reason))
            continue
        try:
            sha = sha256_of(path)
        except OSError as err:
            plan.unreadable.append(failed_result(path, f"{path}: cannot read ({err.strerror})"))
            continue
        _place(con, plan, first_of, path, sha, force)
    return plan


def _place(con: duckdb.DuckDBPyConnection, plan: Plan, first_of: dict[str, Path], path: Path,
           sha: str, force: bool) -> None:
    if sha in first_of:
        plan.duplicates.append((path, sha, None))
        return
    stored = _stored(con, path)
    if not force and stored and stored[:2] == (sha, __version__) and stored[2] != "failed":
        plan.unchanged.append(path)
        return
    original = good_copy(con, sha, __version__, str(path.resolve()))
    if original and not force:
        plan.duplicates.append((path, sha, original))
        return
    first_of[sha] = path
    plan.todo.append(path)


def store(con: duckdb.DuckDBPyConnection, result: DocumentResult) -> str:
    """Write one result; 'stored', 'kept', 'duplicate' or 'unstored' (the write failed, the
    database is as it was, and the error is on the result)."""
    doc = result.document
    try:
        return write_document(con, result)
    except DuplicateContent as dup:
        record_duplicate(con, doc, str(dup.args[0]))
        return "duplicate"
    except Exception as err:  # noqa: BLE001 — the batch goes on; this document is not stored
        doc["status"] = "failed"
        doc["error"] = f"{doc['source_path']}: could not be stored: {first_line(err)}"
        return "unstored"


def record_duplicates(con: duckdb.DuckDBPyConnection, plan: Plan, tally: Tally) -> None:
    """Record each duplicate path once its original is stored."""
    for path, sha, original in plan.duplicates:
        doc = failed_result(path, "", sha=sha).document
        doc.update(error=None, format=path.suffix.lower().lstrip(".") or "unknown",
                   extracted_at=datetime.now(timezone.utc).replace(tzinfo=None))
        try:
            record_duplicate(con, doc, original or sha[:16])
            tally.outcomes["duplicate"] += 1
        except Exception as err:  # noqa: BLE001
            tally.outcomes["unstored"] += 1
            tally.problems.append((str(path), "unstored",
                                   [f"{path}: could not be stored: {first_line(err)}"]))
