"""Throughput of the text path on the sample reports: `make bench`.

Times `process_document` per report (best of 3) and one full `kinerja extract` into a
temporary database, and prints lines per second so runs on different corpora compare.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from pipeline.run import discover, process_document, process_many
from pipeline.store import connect, write_document

REPORTS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "reports"


def best_of(n: int, fn):
    best = float("inf")
    result = None
    for _ in range(n):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    files = discover([REPORTS])
    total_lines = 0
    total_time = 0.0
    print(f"{'report':40} {'lines':>7} {'tables':>7} {'seconds':>8} {'lines/s':>9}")
    for f in files:
        seconds, result = best_of(3, lambda f=f: process_document(f))
        lines = result.document.get("n_lines") or 0
        total_lines += lines
        total_time += seconds
        print(f"{f.name:40} {lines:7d} {result.document.get('n_tables') or 0:7d} "
              f"{seconds:8.3f} {lines / seconds:9.0f}")
    print(f"{'all (process only)':40} {total_lines:7d} {'':7} {total_time:8.3f} "
          f"{total_lines / total_time:9.0f}")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        start = time.perf_counter()
        con = connect(db)
        for result in process_many(files, jobs=1):
            write_document(con, result)
        con.close()
        elapsed = time.perf_counter() - start
    print(f"{'extract + store, 1 job':40} {total_lines:7d} {'':7} {elapsed:8.3f} "
          f"{total_lines / elapsed:9.0f}")


if __name__ == "__main__":
    main()
