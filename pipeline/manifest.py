"""The unchanged re-run shortcut: a manifest of what the database holds, beside it.

Why: an unchanged re-run over a folder only has to find that every file is stored with the
same bytes by the same kinerja. Asking the database costs more than the answer: importing
DuckDB and opening the file take ~0.3 s, which is more than the 2 % of a cold run that issue
12 allows (a 14 s run: 0.28 s). So every `extract` that opened the database leaves
`<db>.manifest.json` beside it: the database file's identity (device, inode, size,
modification time to the nanosecond) and, for every stored path, the SHA-256 it was stored
with. A later run whose files all hash to what the manifest says, while the database file is
exactly the one the manifest describes, is the run `plan_batch` would call all-unchanged;
it answers without importing DuckDB.

What keeps it exact:
- the manifest lists only what `plan_batch` itself would skip: paths stored once, by this
  kinerja version, not failed; a failed, stale-by-version or missing path sends the run the
  long way, where `plan_batch` decides as before;
- any write to the database by anyone (kinerja, an analyst's DuckDB session) changes the
  file's size or modification time, and a write-ahead log beside it means a write not yet
  checkpointed: either way the manifest is not trusted;
- files are hashed, not just stat'ed, as `plan_batch` does.

The run itself is still recorded: a shortcut run appends its `runs` row to
`<db>.runs-pending.jsonl`, which the next kinerja that opens the database for writing moves
into `runs` (pipeline/store.py `connect`).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import IO
from uuid import uuid4

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; the journal is then unlocked
    fcntl = None  # type: ignore[assignment]

from pipeline.files import sha256_of, unreadable_reason

MANIFEST_FORMAT = 1


def manifest_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".manifest.json")


def pending_runs_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".runs-pending.jsonl")


def _wal_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".wal")


def _identity(db_path: Path) -> list[int] | None:
    """The database file as the manifest pins it; None when it is missing or mid-write."""
    try:
        info = db_path.stat()
    except OSError:
        return None
    if _wal_path(db_path).exists():
        return None
    return [info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns]


def pin(con, db_path: Path) -> list[int] | None:
    """The identity to record, taken while this writer still holds the database `con` is
    open on: everything is checkpointed into the file first, so closing writes nothing, and
    no other process can have written between the documents the manifest lists and the
    identity it records."""
    con.execute("CHECKPOINT")
    return _identity(db_path)


def write_manifest(db_path: Path, stored: Iterable[tuple[str, str]], version: str,
                   pinned: list[int] | None) -> None:
    """Record (resolved path, sha256) of every skippable stored document, after the database
    is closed, under the identity pinned before closing. Written to a temporary file and
    renamed, so a reader sees a whole manifest or the previous one. When the file is no
    longer the pinned one (another process wrote in between), there is no manifest at all."""
    target = manifest_path(db_path)
    if pinned is None or _identity(db_path) != pinned:
        with contextlib.suppress(OSError):
            target.unlink(missing_ok=True)
        return
    body = {"format": MANIFEST_FORMAT, "kinerja_version": version, "database": pinned,
            "documents": dict(stored)}
    scratch = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    try:
        scratch.write_text(json.dumps(body), encoding="utf-8")
        os.replace(scratch, target)
    except OSError:  # a read-only folder: no shortcut, nothing else lost
        with contextlib.suppress(OSError):
            scratch.unlink(missing_ok=True)


def _load(db_path: Path, version: str) -> dict[str, str] | None:
    """The manifest's documents, if it describes this database file as it is now."""
    try:
        body = json.loads(manifest_path(db_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if (not isinstance(body, dict) or body.get("format") != MANIFEST_FORMAT
            or body.get("kinerja_version") != version):
        return None
    if body.get("database") != _identity(db_path):
        return None
    documents = body.get("documents")
    return documents if isinstance(documents, dict) else None


def all_unchanged(db_path: Path, files: list[Path], version: str) -> bool:
    """True when `plan_batch` would skip every one of `files` as unchanged: each is a
    readable file whose bytes hash to what the database stores for its path."""
    stored = _load(db_path, version)
    if stored is None:
        return False
    for path in files:
        sha = stored.get(str(path.resolve()))
        if sha is None or unreadable_reason(path):
            return False
        try:
            if sha256_of(path) != sha:
                return False
        except OSError:
            return False
    return True


@contextlib.contextmanager
def _journal(db_path: Path, mode: str) -> Iterator[IO[str] | None]:
    """The pending-runs journal opened and locked against the other kinerja processes on
    this database; None when there is none to read. A writer that waited for the lock
    while a fold moved the journal into the database (and removed it) opens the new one,
    so no run is written into a removed file."""
    path = pending_runs_path(db_path)
    while True:
        try:
            fh = path.open(mode, encoding="utf-8")
        except FileNotFoundError:
            yield None
            return
        with fh:
            if fcntl is not None:
                fcntl.flock(fh, fcntl.LOCK_EX)
            if os.fstat(fh.fileno()).st_nlink == 0:
                continue
            yield fh
            return


def new_run(settings: dict, version: str) -> dict:
    """A `runs` row for a run starting now: stored at once by the long way
    (pipeline/store.py `record_run`), journalled by the shortcut."""
    return {"run_id": uuid4().hex[:12], "kinerja_version": version, "settings": settings,
            "started_at": datetime.now(timezone.utc).replace(tzinfo=None)}


def journal_run(db_path: Path, settings: dict, version: str) -> None:
    """Append a shortcut run's `runs` row, to be moved into the database when kinerja next
    opens it for writing."""
    row = new_run(settings, version)
    row["started_at"] = row["started_at"].isoformat()
    with _journal(db_path, "a") as fh:
        if fh is not None:  # None only when the database's folder is gone
            fh.write(json.dumps(row) + "\n")


def pending_runs(db_path: Path) -> list[dict]:
    """The journalled runs, oldest first."""
    with _journal(db_path, "r") as fh:
        return _runs(fh.read()) if fh else []


def fold_pending_runs(db_path: Path, store: Callable[[list[dict]], None]) -> None:
    """Hand the journalled runs to `store` (which puts them into `runs`), then remove the
    journal, under its lock: a run journalled meanwhile waits and goes into a new journal.
    If `store` fails, the journal stays for the next open."""
    with _journal(db_path, "r") as fh:
        if fh is None:
            return
        rows = _runs(fh.read())
        if rows:
            store(rows)
        pending_runs_path(db_path).unlink(missing_ok=True)


def _runs(text: str) -> list[dict]:
    """The runs of a journal's text; a torn last line (a run killed mid-append) or a line
    edited into something else is skipped, so it can never stop the database opening."""
    rows = []
    for line in text.splitlines():
        try:
            row = json.loads(line)
            row["started_at"] = datetime.fromisoformat(row["started_at"])
        except (ValueError, KeyError, TypeError):
            continue
        if isinstance(row.get("run_id"), str) and isinstance(row.get("kinerja_version"), str):
            rows.append({k: row.get(k) for k in RUN_FIELDS})
    return rows


RUN_FIELDS = ("run_id", "started_at", "kinerja_version", "settings")
