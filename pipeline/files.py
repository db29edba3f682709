"""Which files a run reads, and how a file that cannot be read is recorded: the part of a run
that needs no extractor.

An unchanged re-run only discovers files, hashes them and finds them already stored; keeping
that path free of the PDF stack, the curators and the worker pool (pipeline/run.py) is what
makes such a run cost a few per cent of a cold one (issue 12).
"""

from __future__ import annotations

import hashlib
import stat
from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path

from extractors import EXTRACTORS
from pipeline import __version__
from pipeline.model import DocumentResult

SUPPORTED = frozenset(EXTRACTORS)  # file suffixes an extractor reads (extractors/__init__.py)


def discover(paths: Iterable[str | Path], passed_over: Counter | None = None) -> list[Path]:
    """Files named on the command line, and every supported file under named folders; the
    other files found in those folders are counted by extension in `passed_over`, so the
    summary can say what was not read rather than skip it without a word."""
    found: list[Path] = []
    for p in map(Path, paths):
        if not p.is_dir():
            found.append(p)
            continue
        for f in sorted(p.rglob("*")):
            if not f.is_file() or f.name.startswith("."):
                continue
            if f.suffix.lower() in SUPPORTED:
                found.append(f)
            elif passed_over is not None:
                passed_over[f.suffix.lower() or "(none)"] += 1
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


def now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def document_row(path: Path, sha: str, doc_id: str) -> dict:
    """The `documents` row of a file before extraction says anything about it."""
    return {
        "doc_id": doc_id,
        "file_name": path.name,
        "source_path": str(path.resolve()),
        "sha256": sha,
        "format": path.suffix.lower().lstrip(".") or "unknown",
        "doc_type": "unknown",
        "status": "failed",
        "extracted_at": now(),
        "pipeline_version": __version__,
    }


def failed_result(path: str | Path, message: str, sha: str | None = None) -> DocumentResult:
    """The result of a file that could not be extracted: one `documents` row saying why."""
    path = Path(path)
    sha = sha or hashlib.sha256(str(path).encode()).hexdigest()
    row = document_row(path, sha, sha[:16])
    row["error"] = message if str(path) in message else f"{path}: {message}"
    return DocumentResult(document=row)


def unreadable_reason(path: Path) -> str | None:
    """Why a path is not a file kinerja can read, before anything opens it: a FIFO or a
    device named on the command line would block or never end."""
    try:
        info = path.stat()
    except OSError as err:
        return f"{path}: cannot read ({err.strerror})"
    if not stat.S_ISREG(info.st_mode):
        return f"{path}: not a regular file (a folder, pipe or device); only files are read"
    if info.st_size == 0:
        return f"{path}: empty file (0 bytes); nothing to extract"
    return None
