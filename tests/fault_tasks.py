"""Worker tasks that misbehave on purpose, for the fault-injection tests: module-level, so
the supervisor's worker processes can import them by name. Each misbehaves only on files
whose name carries its marker and runs the real pipeline on every other file."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from pipeline.settings import Limits
from pipeline.workers import process


def die_on_marked(path: Path, limits: Limits):
    """'die*' kills its own worker, as the out-of-memory killer would."""
    if path.name.startswith("die"):
        os.kill(os.getpid(), signal.SIGKILL)
    return process(path, limits)


def sleep_on_marked(path: Path, limits: Limits):
    """'slow*' takes an hour: the worker's alarm must stop it."""
    if path.name.startswith("slow"):
        time.sleep(3600)
    return process(path, limits)


def hang_on_marked(path: Path, limits: Limits):
    """'hang*' blocks the alarm, as code stuck in C would: the parent must kill the worker."""
    if path.name.startswith("hang"):
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(3600)
    return process(path, limits)


def allocate_on_marked(path: Path, limits: Limits):
    """'big*' asks for 8 GiB at once: the worker's memory limit must refuse it."""
    if path.name.startswith("big"):
        bytearray(8 * 1024**3)
    return process(path, limits)


def die_once_on_marked(path: Path, limits: Limits):
    """'once*' kills its own worker the first time only (a sentinel file remembers): the
    retry on another worker must succeed, as after a machine lost mid-batch."""
    if path.name.startswith("once"):
        sentinel = path.with_name(path.name + ".died")
        if not sentinel.exists():
            sentinel.touch()
            os.kill(os.getpid(), signal.SIGKILL)
    return process(path, limits)


def record_batch(path: Path, span: tuple[int, int], limits: Limits):
    """Reads a page batch as the executor's own task does, noting which pages it was given
    in a file beside the PDF."""
    from pipeline.executors import read_page_batch

    with path.with_name(path.name + ".spans").open("a", encoding="utf-8") as fh:
        fh.write(f"{span[0]} {span[1]}\n")
    return read_page_batch(path, span, limits)


def die_once_on_first_pages(path: Path, span: tuple[int, int], limits: Limits):
    """Kills its worker the first time it is given the document's first pages (a sentinel
    file remembers): the batch must be read again elsewhere, and nothing lost."""
    from pipeline.executors import read_page_batch

    sentinel = path.with_name(path.name + ".died")
    if span[0] == 0 and not sentinel.exists():
        sentinel.touch()
        os.kill(os.getpid(), signal.SIGKILL)
    return read_page_batch(path, span, limits)
