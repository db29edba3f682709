"""Documents in worker processes, each bounded in time and memory, a dead worker costing
only the document it held.

`concurrent.futures.ProcessPoolExecutor` cannot do this: when the out-of-memory killer takes
one worker, the pool breaks and every unfinished future fails with it, and a hung worker can
neither be told apart nor stopped. So the parent keeps its own small set of workers, knows
which file each one holds, and watches each worker's pipe and process sentinel:

* a result arrives → it is yielded and the worker takes the next file;
* the process dies (signal, OOM) → its file is tried once more on a fresh worker, then
  failed with a message naming the likely cause; the other workers never notice;
* the file's wall-time limit passes → the worker stops itself (an alarm inside the worker);
  if it does not within a grace period (stuck in C code), the parent kills it.

Inside a worker the address space is capped (`RLIMIT_AS`), so an allocation past the memory
limit is a `MemoryError` for that document rather than the machine swapping.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path

from pipeline.model import DocumentResult
from pipeline.settings import DEFAULT_LIMITS, Limits

#: seconds a worker gets past its time limit to stop itself before the parent kills it
GRACE_SECONDS = 20.0
#: how often a file whose worker died is tried again before it is failed
RETRIES_AFTER_DEATH = 1


class TimeLimitExceeded(BaseException):  # noqa: N818 — a limit, not an error of the code
    """Raised inside a worker by its alarm. A BaseException, so the pipeline's own
    `except Exception` guards (one bad table must not sink a document) do not swallow it."""


def set_memory_limit(mib: int) -> None:
    """Cap this process's address space; 0 leaves it unlimited."""
    if mib <= 0:
        return
    import resource

    limit = mib * 1024 * 1024
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise `TimeLimitExceeded` in this thread after `seconds` of wall time."""
    if seconds > 0 and threading.current_thread() is not threading.main_thread():
        with thread_time_limit(seconds):  # a Dask worker runs tasks in a thread pool
            yield
        return
    if seconds <= 0 or not hasattr(signal, "setitimer"):
        yield
        return

    def _alarm(signum, frame):  # noqa: ARG001
        raise TimeLimitExceeded

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def thread_time_limit(seconds: float) -> Iterator[None]:
    """The time limit for code outside the main thread, where no signal can reach: a timer
    raises `TimeLimitExceeded` in this thread asynchronously. It lands at the next Python
    instruction, so pdfminer's pure-Python parsing stops; code stuck inside C does not."""
    import ctypes

    target = threading.get_ident()
    lock = threading.Lock()
    done = False

    def _expire() -> None:
        with lock:
            if not done:  # never fire into whatever the thread runs after the block
                ctypes.pythonapi.PyThreadState_SetAsyncExc(
                    ctypes.c_ulong(target), ctypes.py_object(TimeLimitExceeded))

    timer = threading.Timer(seconds, _expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            done = True
        timer.cancel()


def process(path: Path, limits: Limits) -> DocumentResult:
    """The default task: the whole pipeline on one file."""
    from pipeline.run import process_document

    return process_document(path, limits)


def run_bounded(path: Path, limits: Limits,
                task: Callable[[Path, Limits], DocumentResult] = process) -> DocumentResult:
    """One document under its time limit; going over it, or any error the pipeline did not
    catch itself, is that document's failure and nothing more."""
    from pipeline.files import failed_result
    from pipeline.run import describe_failure

    try:
        with time_limit(limits.time_seconds):
            return task(path, limits)
    except TimeLimitExceeded:
        return failed_result(path, limits.exceeded("time_seconds", "processing time (seconds)"))
    except (Exception, MemoryError) as err:  # noqa: BLE001
        return failed_result(path, describe_failure(path, err, limits))


def _worker_main(conn: Connection, limits: Limits,
                 task: Callable[[Path, Limits], DocumentResult] = process) -> None:
    """A worker's life: take a path, send back its result, until told to stop (None)."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # Tesseract's threads would fight the pool
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    set_memory_limit(limits.memory_mib)
    while True:
        try:
            path = conn.recv()
        except EOFError:
            return
        if path is None:
            return
        conn.send(run_bounded(Path(path), limits, task))


@dataclass
class _Worker:
    process: mp.process.BaseProcess
    conn: Connection
    path: Path | None = None
    deadline: float = 0.0
    attempts: int = 0


@dataclass
class Supervisor:
    """Runs documents on `jobs` workers; yields one `DocumentResult` per path, in the order
    they finish, whatever happens to the workers."""

    jobs: int = 1
    limits: Limits = DEFAULT_LIMITS
    #: called in the parent as a file is handed to a worker: (path, worker pid)
    on_start: Callable[[Path, int], None] | None = None
    #: what a worker does with one file (a module-level function, so workers can import it)
    task: Callable[[Path, Limits], DocumentResult] = process
    grace_seconds: float = GRACE_SECONDS
    _context: mp.context.BaseContext = field(init=False)

    def __post_init__(self) -> None:
        method = "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"
        self._context = mp.get_context(method)
        if method == "forkserver":
            self._context.set_forkserver_preload(["pipeline.run"])

    def run(self, paths: list[Path]) -> Iterator[DocumentResult]:
        queue: deque[tuple[Path, int]] = deque((Path(p), 0) for p in paths)
        workers = [self._spawn() for _ in range(max(1, min(self.jobs, len(paths))))]
        try:
            while queue or any(w.path for w in workers):
                for worker in workers:
                    if worker.path is None and queue:
                        self._assign(worker, *queue.popleft())
                yield from self._collect(workers, queue)
        finally:
            for worker in workers:
                self._stop(worker)

    # --- one round: wait for any worker to finish, die or run out of time -------------

    def _collect(self, workers: list[_Worker], queue: deque) -> Iterator[DocumentResult]:
        busy = [w for w in workers if w.path is not None]
        nearest = min(w.deadline for w in busy)
        timeout = None if nearest == float("inf") else max(0.0, nearest - time.monotonic())
        wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=timeout)
        for i, worker in enumerate(workers):
            if worker.path is None:
                continue
            outcome = self._outcome(worker, queue)
            if outcome is None:
                continue
            result, replace = outcome
            worker.path = None
            if replace:
                self._stop(worker)
                workers[i] = self._spawn()
            if result is not None:
                yield result

    def _outcome(self, worker: _Worker, queue: deque) -> tuple[DocumentResult | None, bool] | None:
        """(result, replace the worker) once the worker's file is settled, else None."""
        if worker.conn.poll():
            try:
                return worker.conn.recv(), False
            except (EOFError, OSError):
                pass  # died while sending: treated as a death below
        if not worker.process.is_alive() or worker.conn.closed:
            return self._after_death(worker, queue), True
        if time.monotonic() > worker.deadline:
            from pipeline.files import failed_result

            message = self.limits.exceeded("time_seconds", "processing time (seconds)")
            return failed_result(worker.path, message + "; the worker was stopped"), True
        return None

    def _after_death(self, worker: _Worker, queue: deque) -> DocumentResult | None:
        from pipeline.files import failed_result

        worker.process.join(timeout=5)
        if worker.attempts < RETRIES_AFTER_DEATH:
            queue.appendleft((worker.path, worker.attempts + 1))
            return None
        code = worker.process.exitcode
        cause = (f"killed by signal {-code}" if code is not None and code < 0
                 else f"exit status {code}")
        return failed_result(worker.path, (
            f"the worker process died ({cause}) on every attempt at this file, most likely out "
            f"of memory (workers may use {self.limits.memory_mib} MiB; --memory-limit to "
            "change)"))

    # --- workers -----------------------------------------------------------------------

    def _spawn(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(target=_worker_main, args=(child, self.limits, self.task),
                                        daemon=True)
        process.start()
        child.close()
        return _Worker(process, parent)

    def _assign(self, worker: _Worker, path: Path, attempts: int) -> None:
        worker.path = path
        worker.attempts = attempts
        worker.deadline = time.monotonic() + self.limits.time_seconds + self.grace_seconds
        if self.limits.time_seconds <= 0:
            worker.deadline = float("inf")
        if self.on_start:
            self.on_start(path, worker.process.pid)
        with contextlib.suppress(BrokenPipeError, OSError):
            worker.conn.send(str(path))  # a dead worker is seen by `_outcome` next round

    @staticmethod
    def _stop(worker: _Worker) -> None:
        with contextlib.suppress(OSError, BrokenPipeError):
            if worker.process.is_alive() and worker.path is None:
                worker.conn.send(None)
        worker.process.join(timeout=0.5 if worker.path is None else 0)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join(timeout=5)
        worker.conn.close()
