"""Pages in parallel: one large PDF's pages read by several worker processes.

A 150-page report is parsed page by page inside pdfminer, on one core; pages do not depend
on each other until layout (running headers are found across all pages, tables are joined
across page breaks), so the pages are split into contiguous ranges, each range is read by
a worker process that opens the file itself and returns its `PageContent`s, and the ranges
are joined in page order before layout — the same pages and warnings as a serial read.

The workers are plain subprocesses running `_child`, not a
multiprocessing pool: documents are already read inside daemonic supervised workers
(pipeline/workers.py), which multiprocessing forbids to have children. A page worker dies
with its parent (PR_SET_PDEATHSIG), so a document worker killed for its time limit leaves
nothing behind; a page worker that fails has its range read again in this process, so a
crash costs time, never pages. `OMP_THREAD_LIMIT=1`: Tesseract's threads would fight the
page workers for the same cores.
"""

from __future__ import annotations

import os
import pickle
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from extractors.pdf import PageContent, read_range
from pipeline.settings import Limits

CHUNKS_PER_JOB = 2  # ranges per worker: a range of heavy pages does not leave a core idle
POLL_SECONDS = 0.02


def ranges(n_pages: int, jobs: int) -> list[tuple[int, int]]:
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
class _Worker:
    span: tuple[int, int]
    process: subprocess.Popen
    output: IO[bytes]


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


def _start(path: Path, span: tuple[int, int], ocr: bool, limits: Limits) -> _Worker:
    output = tempfile.TemporaryFile()  # noqa: SIM115 — closed once the result is read
    process = subprocess.Popen(
        [sys.executable, "-c", CHILD, _package_root()], stdin=subprocess.PIPE, stdout=output,
        stderr=subprocess.DEVNULL, env=dict(os.environ, OMP_THREAD_LIMIT="1"),
        preexec_fn=_die_with_parent if sys.platform == "linux" else None)  # noqa: PLW1509
    assert process.stdin is not None
    process.stdin.write(pickle.dumps((path, span, ocr, limits)))
    process.stdin.close()
    return _Worker(span, process, output)


def _result(worker: _Worker, pdf, path: Path, ocr: bool, limits: Limits,
            ) -> tuple[list[PageContent], list[str]]:
    """The worker's pages, or — if it failed — the same range read here."""
    with worker.output:
        if worker.process.returncode == 0:
            worker.output.seek(0)
            try:
                return pickle.load(worker.output)
            except (pickle.UnpicklingError, EOFError):
                pass
    return read_range(pdf, path, *worker.span, ocr, limits)


def _run(path: Path, spans: list[tuple[int, int]], jobs: int, ocr: bool, limits: Limits,
         running: list[_Worker]) -> list[_Worker]:
    """Start workers for `spans`, at most `jobs` at a time; the finished ones, in any order."""
    todo, done = list(spans), []
    while todo or running:
        while todo and len(running) < jobs:
            running.append(_start(path, todo.pop(0), ocr, limits))
        finished = [w for w in running if w.process.poll() is not None]
        if not finished:
            time.sleep(POLL_SECONDS)
        for w in finished:
            running.remove(w)
            done.append(w)
    return done


def read_parallel(pdf, path: Path, n_pages: int, jobs: int, ocr: bool, limits: Limits,
                  ) -> tuple[list[PageContent], list[str]]:
    """Pages 1 … n_pages read by `jobs` worker processes, joined in page order, with the
    warnings in page order: what `read_range(pdf, path, 0, n_pages, …)` gives."""
    running: list[_Worker] = []
    try:
        done = _run(path, ranges(n_pages, jobs), jobs, ocr, limits, running)
    finally:
        for w in running:  # a time limit (SIGALRM) or an error: leave no worker behind
            w.process.kill()
            w.process.wait()
            w.output.close()
    pages: list[PageContent] = []
    said: list[str] = []
    for worker in sorted(done, key=lambda w: w.span):
        got, warnings = _result(worker, pdf, path, ocr, limits)
        pages += got
        said += warnings
    return pages, said


def _child() -> None:
    """A page worker: read (path, span, ocr, limits) from stdin, write (pages, warnings)."""
    from extractors.pdf import _open

    path, (start, stop), ocr, limits = pickle.load(sys.stdin.buffer)
    with _open(path) as pdf:
        result = read_range(pdf, path, start, stop, ocr, limits)
    sys.stdout.buffer.write(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.buffer.flush()
