"""Where documents run: the local supervised pool, or a Dask distributed cluster.

Both executors take paths and yield one `DocumentResult` per path as documents finish; they
never touch the database. The process that iterates them (the CLI) is the single writer, so
DuckDB keeps one writer whether the work runs on two local cores or on a hundred machines,
and a worker lost anywhere costs at most the document it held.

Dask is an optional dependency: it is imported only when the Dask executor runs, and a user
without it gets one line saying how to install it.
"""

from __future__ import annotations

import contextlib
import functools
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from pipeline.model import DocumentResult
from pipeline.settings import DEFAULT_LIMITS, Limits, current
from pipeline.workers import RETRIES_AFTER_DEATH, process, run_bounded

EXECUTORS = ("local", "dask")
INSTALL_HINT = "pip install 'kinerja[dask]'"
#: scheduler settings a Dask run relies on; a separately started scheduler should use them too
#: (README, "Running on a Dask cluster"): a task whose worker died is tried once more, and a
#: worker holds only the document it runs, so its death touches no other document.
SCHEDULER_CONFIG = {
    "distributed.scheduler.allowed-failures": RETRIES_AFTER_DEATH,
    "distributed.scheduler.worker-saturation": 1.0,
}


class ExecutorUnavailable(Exception):
    """The chosen executor cannot run here (Dask not installed); the message says what to do."""


class Executor(Protocol):
    """Runs documents somewhere; yields one result per path, in the order they finish."""

    def run(self, paths: list[Path]) -> Iterator[DocumentResult]: ...


@dataclass
class LocalExecutor:
    """The supervised worker processes of pipeline/workers.py, on this machine."""

    jobs: int = 1
    limits: Limits = DEFAULT_LIMITS

    def run(self, paths: list[Path]) -> Iterator[DocumentResult]:
        from pipeline.workers import Supervisor

        yield from Supervisor(jobs=self.jobs, limits=self.limits).run(list(paths))


def require_dask():
    """The `distributed` module, or `ExecutorUnavailable` naming the install command."""
    try:
        import distributed
    except ImportError as err:
        raise ExecutorUnavailable(
            f"--executor dask needs Dask, which is not installed: {INSTALL_HINT}") from err
    return distributed


Span = tuple[int, int]  # [start, stop) pages, 0-based
Batch = tuple[list, list[str]]  # the batch's PageContents and the warnings they gave


def read_page_batch(path: Path, span: Span, limits: Limits) -> Batch:
    """One page batch of a long PDF, read on a worker under the document's time limit (an
    exceeded limit comes back as an ordinary error, which Dask carries to the join)."""
    from extractors.pdf import read_batch
    from pipeline.workers import TimeLimitExceeded, time_limit

    try:
        with time_limit(limits.time_seconds):
            return read_batch(path, span[0], span[1], limits)
    except TimeLimitExceeded as err:
        raise RuntimeError(f"pages {span[0] + 1}–{span[1]}: " + limits.exceeded(
            "time_seconds", "processing time (seconds)")) from err


def finish_from_batches(path: Path, limits: Limits, n_pages: int, *batches: Batch,
                        ) -> DocumentResult:
    """The rest of a document read as page batches: the batches joined in page order (the
    pages `read_pages` gives), then layout, reconstruction, curation and checks, as
    `process` does for a whole file."""
    from extractors.pdf import assemble, document_from
    from pipeline.run import process_document

    def joined(p: Path, lim: Limits):
        return document_from(p, assemble(p, n_pages, list(batches), lim))

    return run_bounded(path, limits, functools.partial(process_document, loader=joined))


@dataclass
class DaskExecutor:
    """Documents as tasks on a Dask cluster: `scheduler` names a running one; without it a
    `LocalCluster` of `jobs` single-threaded worker processes is started here and stopped
    at the end. Each task is `run_bounded(path, limits)`, so the time limit holds on the
    workers; a task whose worker dies is retried once, then failed naming the cause."""

    jobs: int = 1
    limits: Limits = DEFAULT_LIMITS
    scheduler: str | None = None
    #: what a worker does with one file (module-level, so workers can import it by name)
    task: Callable[[Path, Limits], DocumentResult] = process
    #: a PDF of at least this many pages is read as page batches (None: the setting
    #: `[pdf] parallel_min_pages`)
    min_pages: int | None = None
    #: what a worker does with one page batch (module-level, like `task`)
    batch_task: Callable[[Path, Span, Limits], Batch] = read_page_batch

    def run(self, paths: list[Path]) -> Iterator[DocumentResult]:
        distributed = require_dask()
        if not paths:
            return
        with self._client(distributed) as client:
            futures = {self._submit(client, Path(p)): Path(p) for p in paths}
            for future in distributed.as_completed(futures):
                yield self._result(future, futures.pop(future))
                future.release()

    @contextlib.contextmanager
    def _client(self, distributed) -> Iterator:
        """A client of the named scheduler, or of a local cluster that lives as long as it."""
        if self.scheduler:
            with distributed.Client(self.scheduler) as client:
                yield client
            return
        import dask

        with dask.config.set(SCHEDULER_CONFIG), local_cluster(distributed, self.jobs,
                                                               self.limits) as cluster, \
                distributed.Client(cluster) as client:
            yield client

    def _submit(self, client, path: Path):
        """One document as one task, or a long PDF as page-batch tasks and one task that
        joins them and does the rest. The path is made absolute here: workers do not share
        this process's working directory, only (on a real cluster) its mounted input."""
        path = path.absolute()
        n_pages, spans = self._page_spans(client, path)
        key = f"kinerja-{path.name}-{uuid.uuid4().hex[:12]}"
        if not spans:
            return client.submit(run_bounded, path, self.limits, self.task, key=key,
                                 retries=1, pure=False)
        batches = [client.submit(self.batch_task, path, span, self.limits, retries=1,
                                 key=f"{key}-pages-{span[0] + 1}-{span[1]}", pure=False)
                   for span in spans]
        return client.submit(finish_from_batches, path, self.limits, n_pages, *batches,
                             key=key, retries=1, pure=False)

    def _page_spans(self, client, path: Path) -> tuple[int, list[Span]]:
        """(page count, page ranges) for a PDF long enough to split across the cluster's
        workers, four ranges per worker as page workers on one machine take them; no
        ranges to run the document whole (as any task other than the pipeline's own is)."""
        from extractors.pdf_pages import ranges

        if self.task is not process or path.suffix.lower() != ".pdf":
            return 0, []
        workers = len(client.scheduler_info().get("workers", {}))
        minimum = self.min_pages if self.min_pages is not None else \
            current().pdf.parallel_min_pages
        try:
            from extractors.pdf import count_pages

            n_pages = count_pages(path, self.limits)
        except Exception:  # noqa: BLE001 — unreadable here: the document task says why
            return 0, []
        stop = min(n_pages, self.limits.max_pages)
        if workers < 2 or stop < max(2, minimum):
            return n_pages, []
        return n_pages, ranges(stop, workers)

    def _result(self, future, path: Path) -> DocumentResult:
        """The task's result, or a failed result naming why there is none."""
        from pipeline.files import failed_result

        try:
            return future.result()
        except Exception as err:  # noqa: BLE001 — one lost task never stops the batch
            return failed_result(path, describe_task_failure(path, err, self.limits))


def describe_task_failure(path: Path, err: BaseException, limits: Limits) -> str:
    """One line for a task that returned no result: its worker died on every attempt
    (likeliest out of memory), or Dask itself failed (cancelled, lost scheduler)."""
    if type(err).__name__ == "KilledWorker":
        return (f"{path}: the Dask worker running it died on every attempt "
                f"({RETRIES_AFTER_DEATH + 1} workers), most likely out of memory (workers may "
                f"use {limits.memory_mib} MiB; --memory-limit, or `dask worker --memory-limit`, "
                "to change)")
    if type(err).__name__ in ("CancelledError", "FutureCancelledError"):
        return f"{path}: the Dask task was cancelled (scheduler or client lost): {err}"
    first = str(err).strip().splitlines()[0] if str(err).strip() else ""
    return f"{path}: the Dask task failed: {type(err).__name__}: {first}"


def local_cluster(distributed, jobs: int, limits: Limits):
    """A cluster on this machine only: `jobs` worker processes of one thread each (pdfminer
    holds the GIL, so threads would not help), listening on 127.0.0.1, no dashboard; each
    worker restarted by its nanny past the memory limit, Tesseract kept to one thread."""
    return distributed.LocalCluster(
        n_workers=max(1, jobs), processes=True, threads_per_worker=1,
        host="127.0.0.1", dashboard_address=None, scheduler_port=0,
        memory_limit=f"{limits.memory_mib}MiB" if limits.memory_mib > 0 else 0,
        env={"OMP_THREAD_LIMIT": "1"},
    )


def make_executor(name: str, jobs: int = 1, limits: Limits = DEFAULT_LIMITS,
                  scheduler: str | None = None) -> Executor:
    """The executor called `name`; a scheduler address only makes sense for Dask."""
    if name == "dask":
        return DaskExecutor(jobs=jobs, limits=limits, scheduler=scheduler)
    if name != "local":
        raise ValueError(f"unknown executor {name!r} (expected one of {EXECUTORS})")
    if scheduler:
        raise ValueError("--scheduler needs --executor dask")
    return LocalExecutor(jobs=jobs, limits=limits)
