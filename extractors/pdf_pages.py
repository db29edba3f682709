"""Pages in parallel: one large PDF's pages read by several worker processes.

A 150-page report is parsed page by page inside pdfminer, on one core; pages do not depend
on each other until layout (running headers are found across all pages, tables are joined
across page breaks), so the pages are split into contiguous ranges, each range is read by
a worker process that opens the file itself and returns its `PageContent`s, and the ranges
are joined in page order before layout — the same pages and warnings as a serial read.

The process that asked reads ranges too (it has the file open and everything imported), so
`jobs` cores need only `jobs − 1` workers; each worker is started once and handed range
after range from one shared queue — small ranges, so a run of heavy pages (tables, scans)
does not leave a core idle while another finishes its half.

The workers are plain subprocesses running `_child`, not a
multiprocessing pool: documents are already read inside daemonic supervised workers
(pipeline/workers.py), which multiprocessing forbids to have children. A page worker dies
with its parent (PR_SET_PDEATHSIG), so a document worker killed for its time limit leaves
nothing behind; a page worker that fails has its range read again in this process, so a
crash costs time, never pages. `OMP_THREAD_LIMIT=1`: Tesseract's threads would fight the
page workers for the same cores.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

from extractors.pdf import PageContent, read_range
from pipeline.settings import Limits

CHUNKS_PER_JOB = 4  # ranges per core: a range of heavy pages does not leave a core idle

Span = tuple[int, int]
Result = tuple[list[PageContent], list[str]]


def ranges(n_pages: int, jobs: int) -> list[Span]:
    """[start, stop) page ranges (0-based), contiguous, in order, sizes differing by ≤ 1."""
    n = max(1, min(n_pages, jobs * CHUNKS_PER_JOB))
    size, extra = divmod(n_pages, n)
    out, start = [], 0
    for k in range(n):
        stop = start + size + (1 if k < extra else 0)
        out.append((start, stop))
        start = stop
    return out


@dataclass
class _Queue:
    """The ranges not yet handed out, and what became of each one handed out."""

    todo: list[Span]
    done: dict[Span, Result] = field(default_factory=dict)
    lost: list[Span] = field(default_factory=list)  # a worker died on it: read here
    lock: threading.Lock = field(default_factory=threading.Lock)

    def take(self) -> Span | None:
        with self.lock:
            return self.todo.pop(0) if self.todo else None


def _die_with_parent() -> None:  # pragma: no cover — runs in the child before exec
    """Linux: the worker gets SIGKILL when the process that started it dies."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _package_root() -> str:
    """Where this kinerja is: the child imports the same code, whatever the working folder."""
    return str(Path(__file__).resolve().parent.parent)


# sys.path[0] is the working folder under -c: the child puts this kinerja there instead.
CHILD = "import sys; sys.path[0] = sys.argv[1]; from extractors.pdf_pages import _child; _child()"


def _start(path: Path, ocr: bool, limits: Limits) -> subprocess.Popen:
    """A page worker for `path`, waiting on its stdin for ranges to read."""
    process = subprocess.Popen(
        [sys.executable, "-c", CHILD, _package_root()], stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=dict(os.environ, OMP_THREAD_LIMIT="1"),
        preexec_fn=_die_with_parent if sys.platform == "linux" else None)  # noqa: PLW1509
    assert process.stdin is not None
    pickle.dump((path, ocr, limits), process.stdin)
    process.stdin.flush()
    return process


def _ask(process: subprocess.Popen, span: Span | None) -> None:
    """Hand the worker its next range (None: no more, exit)."""
    assert process.stdin is not None
    pickle.dump(span, process.stdin)
    process.stdin.flush()


def _feed(process: subprocess.Popen, queue: _Queue) -> None:
    """A thread's loop: hand the worker ranges from the queue until it is empty, keeping each
    result; a range the worker could not return (it died, or sent garbage) is lost and read
    by the parent afterwards, and the worker is not used again."""
    assert process.stdout is not None
    span = queue.take()
    while span is not None:
        try:
            _ask(process, span)
            result = pickle.load(process.stdout)
        except (OSError, EOFError, pickle.UnpicklingError, ValueError):
            with queue.lock:
                queue.lost.append(span)
            return
        with queue.lock:
            queue.done[span] = result
        span = queue.take()
    with contextlib.suppress(OSError):
        _ask(process, None)


def _read_here(pdf, path: Path, queue: _Queue, ocr: bool, limits: Limits) -> None:
    """The parent's share: ranges from the same queue, read on the already open file."""
    span = queue.take()
    while span is not None:
        result = read_range(pdf, path, *span, ocr, limits)
        with queue.lock:
            queue.done[span] = result
        span = queue.take()


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.kill()
    process.wait()
    for stream in (process.stdin, process.stdout):
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()


def read_parallel(pdf, path: Path, n_pages: int, jobs: int, ocr: bool, limits: Limits) -> Result:
    """Pages 1 … n_pages read by this process and `jobs − 1` worker processes, joined in page
    order, with the warnings in page order: what `read_range(pdf, path, 0, n_pages, …)`
    gives."""
    queue = _Queue(ranges(n_pages, jobs))
    workers: list[tuple[subprocess.Popen, threading.Thread]] = []
    try:
        for _ in range(jobs - 1):
            process = _start(path, ocr, limits)
            thread = threading.Thread(target=_feed, args=(process, queue), daemon=True)
            thread.start()
            workers.append((process, thread))
        _read_here(pdf, path, queue, ocr, limits)
        for _, thread in workers:
            thread.join()
    finally:
        for process, _ in workers:  # a time limit (SIGALRM) or an error: leave no worker behind
            _stop(process)
    for span in sorted(queue.lost):
        queue.done[span] = read_range(pdf, path, *span, ocr, limits)
    pages: list[PageContent] = []
    said: list[str] = []
    for span in sorted(queue.done):
        pages += queue.done[span][0]
        said += queue.done[span][1]
    return pages, said


def _child() -> None:
    """A page worker: read (path, ocr, limits) from stdin, then range after range, writing
    each range's (pages, warnings) to stdout, until it is sent None."""
    from extractors.pdf import _open

    path, ocr, limits = pickle.load(sys.stdin.buffer)
    with _open(path) as pdf:
        while (span := pickle.load(sys.stdin.buffer)) is not None:
            result = read_range(pdf, path, *span, ocr, limits)
            sys.stdout.buffer.write(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
            sys.stdout.buffer.flush()
