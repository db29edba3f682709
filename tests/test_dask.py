"""The Dask executor and the Parquet hand-over (issue 12 item 5): a cluster gets exactly the
rows of one local process, a worker lost mid-batch costs at most its own document, and results
written as Parquet load into the same database a direct extraction writes."""

from __future__ import annotations

import importlib.util
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import duckdb
import fault_tasks
import pytest
from click.testing import CliRunner
from conftest import REPORTS
from test_faults import small_report

from pipeline.cli import main
from pipeline.settings import Limits
from pipeline.store import CURATED_TABLES
from pipeline.workers import TimeLimitExceeded, run_bounded

# starts Dask clusters: part of `make test`, skipped by `make test-fast`
pytestmark = pytest.mark.slow

needs_dask = pytest.mark.skipif(importlib.util.find_spec("distributed") is None,
                                reason="Dask not installed: pip install 'kinerja[dask]'")
# The two smaller sample reports: every curated table but iku/ikk has rows, in seconds.
SAMPLES = [next(REPORTS.glob(f"{prefix}_*.txt")) for prefix in ("002", "003")]
KEYED = ("performance", "budget", "iku", "staffing", "ikk")
# documents columns that differ between two runs of the same files by design
RUN_STAMPS = ("extracted_at", "last_attempt_at")


def run_cli(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def counts(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in CURATED_TABLES}


def keys(db: Path) -> set[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {(t, *row) for t in KEYED
                for row in con.execute(f"SELECT doc_id, table_id, row_no FROM {t}").fetchall()}


def contents(db: Path) -> dict[str, Counter]:
    """Every stored row of every table (documents without its run timestamps), as multisets."""
    with duckdb.connect(str(db), read_only=True) as con:
        columns = [r[0] for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'documents' "
            "ORDER BY ordinal_position").fetchall() if r[0] not in RUN_STAMPS]
        found = {"documents": Counter(con.execute(
            f"SELECT {', '.join(columns)} FROM documents").fetchall())}
        for table in CURATED_TABLES:
            found[table] = Counter(con.execute(f"SELECT * FROM {table}").fetchall())
    return found


@pytest.fixture(scope="module")
def direct_db(tmp_path_factory) -> Path:
    """The two samples extracted the ordinary way, `--jobs 1`: the reference."""
    db = tmp_path_factory.mktemp("direct") / "direct.duckdb"
    assert run_cli("extract", *SAMPLES, "--db", db, "--jobs", 1).exit_code == 0
    return db


@pytest.fixture(scope="module")
def cluster():
    """Two single-threaded worker processes on 127.0.0.1, configured as a DaskExecutor
    configures its own local cluster."""
    import dask
    import distributed

    from pipeline.executors import SCHEDULER_CONFIG, local_cluster

    with dask.config.set(SCHEDULER_CONFIG), local_cluster(distributed, 2, Limits()) as c:
        yield c


# --- the executor ---------------------------------------------------------------------------


@needs_dask
@pytest.mark.slow  # starts its own cluster: 22–31 s on the shared 2-core machine
def test_a_local_dask_cluster_gets_exactly_the_rows_of_one_process(tmp_path, direct_db):
    db = tmp_path / "dask.duckdb"
    result = run_cli("extract", *SAMPLES, "--db", db, "--executor", "dask", "--jobs", 2)
    assert result.exit_code == 0, result.output
    assert counts(db) == counts(direct_db)
    assert keys(db) == keys(direct_db) and keys(db)
    assert contents(db) == contents(direct_db)


@needs_dask
def test_a_document_that_kills_its_worker_costs_only_itself(tmp_path, cluster):
    from pipeline.executors import DaskExecutor

    files = [small_report(tmp_path, n) for n in ("a.txt", "die.txt", "b.txt", "c.txt")]
    executor = DaskExecutor(scheduler=cluster.scheduler_address, task=fault_tasks.die_on_marked)
    by_name = {Path(r.document["source_path"]).name: r.document for r in executor.run(files)}
    assert sorted(by_name) == ["a.txt", "b.txt", "c.txt", "die.txt"]
    assert {by_name[n]["status"] for n in ("a.txt", "b.txt", "c.txt")} == {"ok"}
    assert by_name["die.txt"]["status"] == "failed"
    assert "Dask worker running it died on every attempt" in by_name["die.txt"]["error"]
    assert "die.txt" in by_name["die.txt"]["error"]


@needs_dask
def test_a_worker_lost_mid_batch_is_retried_and_nothing_is_lost(tmp_path, cluster):
    from pipeline.executors import DaskExecutor

    files = [small_report(tmp_path, n) for n in ("a.txt", "once.txt", "b.txt")]
    executor = DaskExecutor(scheduler=cluster.scheduler_address,
                            task=fault_tasks.die_once_on_marked)
    results = list(executor.run(files))
    assert (tmp_path / "once.txt.died").exists()  # the worker did die
    assert sorted(Path(r.document["source_path"]).name for r in results) == [
        "a.txt", "b.txt", "once.txt"]
    assert {r.document["status"] for r in results} == {"ok"}
    assert all(r.count("source_tables") == 7 for r in results)  # the whole document


LONG_PDFS = [Path(__file__).parent / "fixtures" / "corpus" / name
             for name in ("andri__LAMPIRAN_1_IKU_CAPAIAN_IK.pdf", "wisha__BPBD.pdf")]


def _both_workers_up(cluster) -> None:
    """An earlier test killed a worker on purpose: its nanny restarts it, and the split
    counts the workers there are."""
    import distributed

    with distributed.Client(cluster) as client:
        client.wait_for_workers(2, timeout=60)


def _same_document(a, b) -> bool:
    """Two results of one file: every curated table equal, the documents row but its run
    timestamps equal."""
    strip = [{k: v for k, v in r.document.items() if k not in RUN_STAMPS} for r in (a, b)]
    return a.tables == b.tables and strip[0] == strip[1]


@needs_dask
def test_a_long_pdf_is_read_as_page_batches_and_gives_the_rows_of_one_process(tmp_path, cluster):
    """A table runs across the pages of these PDFs: the batches, read on both workers, are
    joined before reconstruction, so nothing differs from reading the file whole."""
    from extractors.pdf_pages import ranges
    from pipeline.executors import DaskExecutor
    from pipeline.run import process_document

    files = []
    for source in LONG_PDFS:
        files.append(tmp_path / source.name)
        files[-1].write_bytes(source.read_bytes())
    _both_workers_up(cluster)
    executor = DaskExecutor(scheduler=cluster.scheduler_address, min_pages=2,
                            batch_task=fault_tasks.record_batch)
    results = {Path(r.document["source_path"]).name: r for r in executor.run(files)}
    for path in files:
        spans = path.with_name(path.name + ".spans").read_text().split("\n")
        assert sorted(tuple(map(int, s.split())) for s in spans if s) == ranges(4, 2)
        assert _same_document(results[path.name], process_document(path))
        assert results[path.name].count("performance") > 0


@needs_dask
def test_a_worker_lost_while_reading_a_page_batch_loses_no_page(tmp_path, cluster):
    from pipeline.executors import DaskExecutor
    from pipeline.run import process_document

    path = tmp_path / LONG_PDFS[0].name
    path.write_bytes(LONG_PDFS[0].read_bytes())
    _both_workers_up(cluster)
    executor = DaskExecutor(scheduler=cluster.scheduler_address, min_pages=2,
                            batch_task=fault_tasks.die_once_on_first_pages)
    (result,) = list(executor.run([path]))
    assert path.with_name(path.name + ".died").exists()  # the worker did die
    assert result.document["status"] == "ok"
    assert _same_document(result, process_document(path))


def _spin(path: Path, limits: Limits):
    """Pure-Python work without end, as pdfminer on a pathological page."""
    while True:
        sum(range(1000))


def test_the_time_limit_holds_in_a_worker_thread():
    """Dask runs tasks in a thread pool, where no alarm signal can reach."""
    out = []
    thread = threading.Thread(target=lambda: out.append(
        run_bounded(Path("spin.txt"), Limits(time_seconds=0.5), _spin)))
    started = time.monotonic()
    thread.start()
    thread.join(timeout=30)
    assert not thread.is_alive() and time.monotonic() - started < 10
    assert out[0].document["status"] == "failed"
    assert "--time-limit" in out[0].document["error"]
    assert issubclass(TimeLimitExceeded, BaseException)


def test_without_dask_the_error_is_one_line_naming_the_install(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # `import distributed` fails
    result = run_cli("extract", SAMPLES[0], "--db", tmp_path / "x.duckdb", "--executor", "dask")
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "Error: --executor dask needs Dask, which is not installed: pip install 'kinerja[dask]'"]
    assert not (tmp_path / "x.duckdb").exists()


# --- Parquet out, ingest in -----------------------------------------------------------------


def test_out_parquet_then_ingest_gives_the_rows_of_direct_extraction(tmp_path, direct_db):
    out = tmp_path / "parquet"
    twin = tmp_path / "twin.txt"  # identical bytes: read once, recorded as a duplicate
    twin.write_bytes(SAMPLES[1].read_bytes())
    assert run_cli("extract", *SAMPLES, twin, "--out-parquet", out).exit_code == 0
    folders = sorted(p.name for p in out.iterdir())
    assert len(folders) == 3 and not any(name.startswith(".tmp-") for name in folders)
    assert all((out / name / "documents.parquet").exists() for name in folders)
    db = tmp_path / "ingested.duckdb"
    result = run_cli("ingest", out, "--db", db)
    assert result.exit_code == 0, result.output
    expected, got = contents(direct_db), contents(db)
    for table in CURATED_TABLES:
        assert got[table] == expected[table], table
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT status, duplicate_of IS NOT NULL FROM documents "
                           "WHERE file_name = 'twin.txt'").fetchall() == [("duplicate", True)]
        stamped = con.execute("SELECT count(*) FROM documents WHERE last_attempt_at IS NOT NULL "
                              "AND status <> 'duplicate'").fetchone()[0]
    assert stamped == 2
    again = run_cli("ingest", out, "--db", db)  # loading twice changes nothing
    assert again.exit_code == 0 and contents(db) == got


def test_an_unreadable_result_folder_costs_only_itself(tmp_path):
    files = [small_report(tmp_path, n) for n in ("a.txt", "b.txt", "c.txt")]
    out = tmp_path / "parquet"
    assert run_cli("extract", *files, "--out-parquet", out).exit_code == 0
    folder = {name: next(p for p in out.iterdir() if (p / "claims.parquet").exists()
                         and _source(p).endswith("/" + name)) for name in ("a.txt", "b.txt")}
    (folder["a.txt"] / "documents.parquet").write_bytes(b"PAR1 truncated")
    (folder["b.txt"] / "claims.parquet").write_bytes(b"PAR1 truncated")
    db = tmp_path / "db.duckdb"
    result = run_cli("ingest", out, "--db", db)
    assert result.exit_code == 1
    assert result.output.count("not ingested") == 2
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT file_name FROM documents").fetchall() == [("c.txt",)]
        assert con.execute("SELECT count(*) FROM claims").fetchone()[0] > 0


def _source(folder: Path) -> str:
    with duckdb.connect() as con:
        return con.execute("SELECT source_path FROM read_parquet(?)",
                           [str(folder / "documents.parquet")]).fetchone()[0]
