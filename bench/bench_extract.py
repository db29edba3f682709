"""`make bench`: what issue 12 asks to measure, as ratios in one run (a few minutes).

* kinerja end to end (extract, reconstruct, curate, check, store) in CPU s/page, with its
  default page source (pdfium) and with pdfminer's (the `page_source` setting), against
  pdfplumber `extract_tables` alone and camelot lattice (pdfium) on the same pages: the
  first `--pages` pages of every committed rendering and real PDF (tests/fixtures), the
  three tools run file by file, one after the other (paired), so a busy machine hits all;
  kinerja stores every file into one database, opened once as `kinerja extract` opens it
  (its creation counted once in kinerja's total);
* a scanned page (tests/fixtures/scanned: a dense A4 page, ~6,600 characters), OCR cold
  (empty cache, the OCR models loaded in the measure) and warm; and a real scanned report
  (tests/fixtures/corpus, 6 pages of ~1,000–2,000 characters), cold, per page;
* `kinerja extract --jobs 2` against `--jobs 1` (wall clock) on those sample files, and a
  warm re-run (nothing changed) against the cold run;
* page parallelism: the largest fixture, its first `--parallel-pages` pages, `page_jobs=2`
  against 1 (wall clock; the Documents must be equal);
* peak memory of one process extracting and storing a ~400-page PDF made by concatenating
  fixtures (pdfunite).

CPU is process time of this process and its children (resource.getrusage), so it does not
depend on other load; wall-clock ratios do, and say so. Prints a table and writes JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SOURCES = sorted((FIXTURES / "rendered").glob("*.pdf")) + sorted((FIXTURES / "real_docs").glob("*.pdf"))
SCAN = FIXTURES / "scanned" / "003_scan_tabel_2_1_2_2.pdf"
SCANNED_REPORT = FIXTURES / "corpus" / "andri__1505706907_iku_2017.pdf"
MEMORY_PARTS = ["real_docs/01_LKIP_2016_BPMPD_Prov_Jabar.pdf"] * 5 + [
    "real_docs/04_LKIP_2016_Disnakertrans_Prov_Jabar.pdf"]  # 419 pages, the cheapest ones


def cpu() -> float:
    """CPU seconds of this process and its waited-for children."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def timed(fn: Callable[[], object]) -> tuple[float, float, object]:
    """(CPU seconds, wall seconds, result) of one call."""
    c, w = cpu(), time.perf_counter()
    result = fn()
    return cpu() - c, time.perf_counter() - w, result


def n_pages(path: Path) -> int:
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(path))
    try:
        return len(doc)
    finally:
        doc.close()


def first_pages(src: Path, dest: Path, pages: int) -> Path:
    """A copy of the first `pages` pages of `src` (all of them when pages is 0)."""
    import pypdfium2

    if not pages:
        shutil.copy(src, dest)
        return dest
    doc, out = pypdfium2.PdfDocument(str(src)), pypdfium2.PdfDocument.new()
    out.import_pages(doc, list(range(min(pages, len(doc)))))
    out.save(str(dest))
    out.close()
    doc.close()
    return dest


# --- the three tools on the same pages -------------------------------------------------------


def run_kinerja(path: Path, con) -> None:
    """One document extracted and stored into the run's database (opened once, as
    `kinerja extract` opens it once for a whole folder)."""
    from pipeline.run import process_document
    from pipeline.store import write_document

    write_document(con, process_document(path))


def run_kinerja_with(path: Path, con, config: Path) -> None:
    """kinerja with the settings of a config file (here the pdfminer page source), named in
    KINERJA_CONFIG as `kinerja --config` does."""
    from pipeline.settings import CONFIG_ENV

    before = os.environ.get(CONFIG_ENV)
    os.environ[CONFIG_ENV] = str(config)
    try:
        run_kinerja(path, con)
    finally:
        if before is None:
            os.environ.pop(CONFIG_ENV, None)
        else:
            os.environ[CONFIG_ENV] = before


def run_pdfplumber(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()
            page.close()


def run_camelot(path: Path) -> None:
    import camelot

    camelot.read_pdf(str(path), pages="all", flavor="lattice", suppress_stdout=True)


def compare_tools(samples: list[Path], tmp: Path) -> dict:
    """CPU s/page of each tool, pooled over the samples, and kinerja's per-file ratios."""
    import camelot  # noqa: F401 — imports are start-up, not per-page work
    import pdfplumber  # noqa: F401

    import pipeline.run  # noqa: F401
    from pipeline.store import connect

    config = tmp / "pdfminer.toml"
    config.write_text('[pdf]\npage_source = "pdfminer"\n')
    totals = {"kinerja": 0.0, "kinerja_pdfminer": 0.0, "pdfplumber": 0.0, "camelot": 0.0}
    # Each kinerja variant stores into one database, created (schema and all) inside its total.
    created = {tool: timed(lambda t=tool: connect(tmp / f"{t}.duckdb"))
               for tool in ("kinerja", "kinerja_pdfminer")}
    cons = {tool: con for tool, (_, _, con) in created.items()}
    for tool, (seconds, _, _) in created.items():
        totals[tool] += seconds
    ratios: dict[str, list[float]] = {"pdfplumber": [], "camelot": []}
    pdfminer_ratios: list[float] = []
    pages = 0
    for path in samples:
        got = {"kinerja": timed(lambda p=path: run_kinerja(p, cons["kinerja"]))[0],
               "kinerja_pdfminer": timed(lambda p=path: run_kinerja_with(
                   p, cons["kinerja_pdfminer"], config))[0],
               "pdfplumber": timed(lambda p=path: run_pdfplumber(p))[0],
               "camelot": timed(lambda p=path: run_camelot(p))[0]}
        pages += n_pages(path)
        for tool, seconds in got.items():
            totals[tool] += seconds
        for tool in ratios:
            ratios[tool].append(got["kinerja"] / got[tool])
        pdfminer_ratios.append(got["kinerja_pdfminer"] / got["pdfplumber"])
        print(f"  {path.name:58} " + "  ".join(f"{t} {s:6.2f}s" for t, s in got.items()),
              flush=True)
    for con in cons.values():
        con.close()
    return {"pages": pages, "cpu_s_per_page": {t: s / pages for t, s in totals.items()},
            "kinerja_over": {t: totals["kinerja"] / totals[t] for t in ratios},
            "kinerja_over_median_per_file": {t: statistics.median(r) for t, r in ratios.items()},
            "kinerja_pdfminer_over_pdfplumber": totals["kinerja_pdfminer"] / totals["pdfplumber"],
            "kinerja_pdfminer_over_pdfplumber_median_per_file": statistics.median(pdfminer_ratios)}


# --- OCR, the CLI, page parallelism, memory -------------------------------------------------


def scanned_page(tmp: Path) -> dict:
    from pipeline.run import process_document

    os.environ["KINERJA_CACHE_DIR"] = str(tmp / "ocr-cache")
    cold = timed(lambda: process_document(SCAN))
    warm = timed(lambda: process_document(SCAN))
    same = cold[2].tables == warm[2].tables
    report = timed(lambda: process_document(SCANNED_REPORT))
    return {"pages": n_pages(SCAN), "cold_cpu_s": cold[0], "warm_cpu_s": warm[0],
            "warm_same_rows": same, "report_pages": n_pages(SCANNED_REPORT),
            "report_cold_cpu_s": report[0]}


def cli(args: list[str]) -> float:
    """Wall seconds of one `kinerja` run (its workers are not our children: wall, not CPU)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pipeline.cli", *args], env=env, cwd=ROOT,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def jobs_and_rerun(folder: Path, tmp: Path) -> dict:
    one = cli(["extract", str(folder), "--db", str(tmp / "j1.duckdb"), "--jobs", "1"])
    warm = cli(["extract", str(folder), "--db", str(tmp / "j1.duckdb"), "--jobs", "1"])
    two = cli(["extract", str(folder), "--db", str(tmp / "j2.duckdb"), "--jobs", "2"])
    return {"jobs1_wall_s": one, "jobs2_wall_s": two, "jobs_speedup": one / two,
            "warm_wall_s": warm, "warm_share_of_cold": warm / one}


def page_parallel(path: Path, pages: int) -> dict:
    from extractors import pdf
    from pipeline.settings import Limits

    limits = Limits(max_pages=pages) if pages else Limits()
    serial = timed(lambda: pdf.extract(path, limits, page_jobs=1))
    parallel = timed(lambda: pdf.extract(path, limits, page_jobs=2, min_pages=1))
    return {"file": path.name, "pages": min(pages or 10**9, n_pages(path)),
            "serial_wall_s": serial[1], "parallel_wall_s": parallel[1],
            "speedup": serial[1] / parallel[1], "serial_cpu_s": serial[0],
            "parallel_cpu_s": parallel[0], "same_document": serial[2] == parallel[2]}


MEMORY_CHILD = """
import sys
from pathlib import Path
from pipeline.run import process_document
from pipeline.store import connect, write_document
con = connect(Path(sys.argv[2]))
write_document(con, process_document(Path(sys.argv[1])))
"""


def peak_memory(tmp: Path) -> dict:
    """Peak RSS of one process extracting and storing the concatenated PDF."""
    big = tmp / "concatenated.pdf"
    subprocess.run(["pdfunite", *(str(FIXTURES / p) for p in MEMORY_PARTS), str(big)], check=True)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", MEMORY_CHILD, str(big), str(tmp / "m.duckdb")],
                             env=env, cwd=ROOT)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    return {"pages": n_pages(big), "peak_rss_mib": usage.ru_maxrss / 1024,
            "cpu_s": usage.ru_utime + usage.ru_stime, "wall_s": time.perf_counter() - start,
            "exit": child.returncode}


# --- report ---------------------------------------------------------------------------------


def table(results: dict) -> list[tuple[str, str, str]]:
    """(measure, value, target from issue 12) rows."""
    t, s, j, p, m = (results.get(k, {}) for k in ("tools", "scanned", "jobs", "pages", "memory"))
    rows = []
    if t:
        per = t["cpu_s_per_page"]
        rows += [(f"kinerja end to end, CPU s/page ({t['pages']} pp)", f"{per['kinerja']:.3f}", ""),
                 ("pdfplumber extract_tables, CPU s/page", f"{per['pdfplumber']:.3f}", ""),
                 ("kinerja, page_source pdfminer, CPU s/page", f"{per['kinerja_pdfminer']:.3f}", ""),
                 ("camelot lattice, CPU s/page", f"{per['camelot']:.3f}", ""),
                 ("kinerja / pdfplumber (pooled; median per file)",
                  f"{t['kinerja_over']['pdfplumber']:.2f}× ({t['kinerja_over_median_per_file']['pdfplumber']:.2f}×)",
                  "≤ 0.5×"),
                 ("kinerja (pdfminer source) / pdfplumber (pooled; median per file)",
                  f"{t['kinerja_pdfminer_over_pdfplumber']:.2f}× "
                  f"({t['kinerja_pdfminer_over_pdfplumber_median_per_file']:.2f}×)", ""),
                 ("kinerja / camelot lattice (pooled; median per file)",
                  f"{t['kinerja_over']['camelot']:.2f}× ({t['kinerja_over_median_per_file']['camelot']:.2f}×)",
                  "")]
    if s:
        rows += [("scanned page, CPU s cold (OCR)", f"{s['cold_cpu_s'] / s['pages']:.2f}", "≤ 2 s"),
                 ("scanned page, CPU s warm (OCR cache)", f"{s['warm_cpu_s'] / s['pages']:.2f}", ""),
                 (f"scanned report, CPU s/page cold ({s['report_pages']} pp)",
                  f"{s['report_cold_cpu_s'] / s['report_pages']:.2f}", "")]
    if j:
        rows += [("--jobs 2 vs --jobs 1 (wall)", f"{j['jobs_speedup']:.2f}×", ""),
                 ("warm re-run / cold run (wall)", f"{100 * j['warm_share_of_cold']:.1f} %", "≤ 2 %")]
    if p:
        rows += [(f"page_jobs 2 vs 1, {p['file']} {p['pages']} pp (wall)",
                  f"{p['speedup']:.2f}×{'' if p['same_document'] else ' DIFFERENT OUTPUT'}", "≥ 1.7×")]
    if m:
        rows += [(f"peak memory, {m['pages']}-page PDF, one process", f"{m['peak_rss_mib']:.0f} MiB",
                  "< 1024 MiB")]
    return rows


def print_table(rows: list[tuple[str, str, str]], load: float) -> None:
    print(f"\n{'measure':62} {'value':>22} {'target':>10}")
    for name, value, target in rows:
        print(f"{name:62} {value:>22} {target:>10}")
    print(f"(load average at start {load:.1f} on {os.cpu_count()} cores: wall-clock ratios "
          "shrink on a busy machine)")


def parse() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=8, help="pages per fixture file (0 = all)")
    ap.add_argument("--parallel-pages", type=int, default=48,
                    help="pages of the largest file for page parallelism (0 = all)")
    ap.add_argument("--skip", default="", help="comma list of: tools,scanned,jobs,pages,memory")
    ap.add_argument("--json", type=Path, default=ROOT / "data" / "curated" / "bench.json")
    return ap.parse_args()


def main() -> None:
    args = parse()
    skip = set(filter(None, args.skip.split(",")))
    load = os.getloadavg()[0]
    results: dict = {"load_average": load, "cores": os.cpu_count()}
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        folder = tmp / "samples"
        folder.mkdir()
        samples = [first_pages(src, folder / src.name, args.pages) for src in SOURCES]
        steps = {
            "tools": lambda: compare_tools(samples, tmp),
            "scanned": lambda: scanned_page(tmp),
            "jobs": lambda: jobs_and_rerun(folder, tmp),
            "pages": lambda: page_parallel(max(SOURCES, key=n_pages), args.parallel_pages),
            "memory": lambda: peak_memory(tmp),
        }
        for name, step in steps.items():
            if name not in skip:
                print(f"{name} …", flush=True)
                results[name] = step()
    rows = table(results)
    results["table"] = rows
    print_table(rows, load)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
