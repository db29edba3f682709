"""The `kinerja` command line: thin — parse arguments, call the pipeline, report."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from pipeline import __version__

DEFAULT_DB = "data/curated/kinerja.duckdb"
console = Console(stderr=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kinerja")
def main() -> None:
    """kinerja — Indonesian government performance reports (LKjIP/LAKIP, LPPD, Renja,
    Perjanjian Kinerja) into one DuckDB database you can query and audit.

    \b
    Typical use:
      kinerja extract data/raw --db data/curated/kinerja.duckdb
      duckdb data/curated/kinerja.duckdb "select kind, count(*) from source_tables group by 1"
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True,
              type=click.Path(dir_okay=False, path_type=Path), help="DuckDB file to write.")
@click.option("--jobs", "-j", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Documents processed in parallel (worker processes).")
@click.option("--force", is_flag=True,
              help="Re-extract documents already in the database with the same content and "
                   "pipeline version (by default they are skipped).")
def extract(paths: tuple[Path, ...], db_path: Path, jobs: int, force: bool) -> None:
    """Extract every report under PATHS (files or folders, searched recursively) into DB.

    Each document is written in its own transaction: a re-run replaces that document's rows
    and nothing else, and a failing document leaves the database as it was. Supported
    inputs: .txt/.md text conversions, .pdf, .docx.

    Exit status: 0 when every document was processed, 1 when any failed (the others are
    still written), 2 on usage errors.
    """
    from pipeline.run import discover, process_many, sha256_of
    from pipeline.store import connect, existing_document, write_document

    files = discover(paths)
    if not files:
        raise click.UsageError(f"no supported report files under {', '.join(map(str, paths))}")
    con = connect(db_path)
    todo: list[Path] = []
    skipped = 0
    for f in files:
        if not force:
            try:
                known = existing_document(con, sha256_of(f))
            except OSError:
                known = None
            if known and known[0] in ("ok", "partial") and known[1] == __version__:
                skipped += 1
                continue
        todo.append(f)

    statuses: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    rows: Counter[str] = Counter()
    mismatches = 0
    failures: list[str] = []
    progress = Progress(
        TextColumn("[bold]extract"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("{task.description}"), console=console, disable=not todo,
    )
    with progress:
        task = progress.add_task("", total=len(todo))
        for result in process_many(todo, jobs=jobs):
            doc = result.document
            try:
                write_document(con, result)
            except Exception as err:  # noqa: BLE001 — keep going; nothing of this doc was kept
                doc["status"] = "failed"
                doc["error"] = f"{doc['source_path']}: could not be stored: {err}"
            statuses[doc["status"]] += 1
            if doc.get("error"):
                failures.append(doc["error"])
            for t in result.tables.get("source_tables", []):
                kinds[t["kind"]] += 1
            for name, recs in result.tables.items():
                if name != "source_tables":
                    rows[name] += len(recs)
            mismatches += sum(1 for c in result.tables.get("checks", []) if c["status"] == "mismatch")
            progress.update(task, advance=1, description=doc["file_name"])
    con.close()
    _summary(db_path, len(files), skipped, statuses, kinds, rows, mismatches, failures)
    sys.exit(1 if statuses["failed"] else 0)


def _summary(db_path, n_files, skipped, statuses, kinds, rows, mismatches, failures) -> None:
    out = Console()
    out.print(f"[bold]kinerja[/] {n_files} documents → {db_path}"
              + (f" ({skipped} unchanged, skipped; --force to redo)" if skipped else ""))
    docs = Table(title="documents", show_header=True)
    for s in ("ok", "partial", "failed"):
        docs.add_column(s, justify="right")
    docs.add_row(*(str(statuses[s]) for s in ("ok", "partial", "failed")))
    out.print(docs)
    kt = Table(title="tables per kind")
    kt.add_column("kind")
    kt.add_column("tables", justify="right")
    for k, n in sorted(kinds.items(), key=lambda kv: -kv[1]):
        kt.add_row(k, str(n))
    rt = Table(title="rows per curated table")
    rt.add_column("table")
    rt.add_column("rows", justify="right")
    for k in ("performance", "budget", "staffing", "iku", "ikk", "checks"):
        rt.add_row(k, str(rows[k]))
    out.print(kt)
    out.print(rt)
    out.print(f"check mismatches: [bold]{mismatches}[/]")
    for msg in failures:
        out.print(f"[red]error[/] {msg}")


@main.command()
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="DuckDB file written by `kinerja extract`.")
@click.option("--doc", default=None, help="Only this document (doc_id or file name).")
@click.option("--kind", default=None,
              help="Only this check kind (capaian, budget_capaian, footing, staff_total, ikk, "
                   "cross_table, predikat, polarity, renstra_progress, efisiensi, "
                   "summary_mean, narrative).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "html"]),
              default="table", show_default=True, help="Output format.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file instead of standard output (html needs it or prints).")
def audit(db_path: Path, doc: str | None, kind: str | None, fmt: str, out: Path | None) -> None:
    """List every check mismatch, largest first (relative to the figure), with its document,
    table label and caption, page or line, the printed cells of the row, reported against
    recomputed value and the formula.

    \b
    Examples:
      kinerja audit --db data/curated/kinerja.duckdb
      kinerja audit --kind footing --format csv --out footing.csv
      kinerja audit --format html --out audit.html      # one self-contained file
    """
    from pipeline import audit as audit_mod
    from pipeline.report_html import render
    from pipeline.store import connect

    con = connect(db_path, read_only=True)
    items = audit_mod.findings(con, doc=doc, kind=kind)
    summaries = audit_mod.summary(con, doc=doc)
    con.close()
    if fmt == "csv":
        text = audit_mod.to_csv(items)
    elif fmt == "json":
        text = audit_mod.to_json(items, summaries)
    elif fmt == "html":
        text = render(items, summaries)
    else:
        table = Table(title=f"{len(items)} mismatches", show_lines=False)
        for col in ("file", "where", "kind", "subject", "reported", "recomputed", "formula"):
            table.add_column(col, overflow="fold")
        for row in audit_mod.table_rows(items):
            table.add_row(*row)
        if out:
            with out.open("w", encoding="utf-8") as fh:
                Console(file=fh, width=200).print(table)
        else:
            Console(width=200).print(table)
        return
    if out:
        out.write_text(text, encoding="utf-8")
        console.print(f"wrote {len(items)} mismatches to {out}")
    else:
        click.echo(text)


@main.command()
@click.option("--unmatched", is_flag=True,
              help="List indicators in --db that match no catalog entry, with their nearest "
                   "catalog keys.")
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True,
              type=click.Path(dir_okay=False, path_type=Path), help="Database for --unmatched.")
@click.option("--add-alias", nargs=2, metavar="KEY ALIAS", default=None,
              help="Add ALIAS as another name of catalog entry KEY.")
@click.option("--limit", default=50, show_default=True, help="Rows to show with --unmatched.")
def catalog(unmatched: bool, db_path: Path, add_alias: tuple[str, str] | None, limit: int) -> None:
    """Show the indicator catalog (data/reference/indicators.csv), grow it, or list what
    it does not know yet.

    \b
    Examples:
      kinerja catalog
      kinerja catalog --unmatched --db data/curated/kinerja.duckdb
      kinerja catalog --add-alias ikm "Indeks Kepuasan Layanan Kecamatan"

    After adding aliases, re-run `kinerja extract --force` to re-key stored rows.
    """
    from pipeline.normalise import catalog as cat

    out = Console()
    if add_alias:
        key, alias = add_alias
        try:
            entry = cat.add_alias(key, alias)
        except KeyError as err:
            raise click.UsageError(str(err.args[0])) from err
        out.print(f"'{alias}' is now an alias of [bold]{entry.key}[/] ({len(entry.aliases)} aliases)")
        return
    if unmatched:
        from pipeline.store import connect

        if not db_path.exists():
            raise click.UsageError(f"{db_path}: no such database; run `kinerja extract` first")
        con = connect(db_path, read_only=True)
        rows = con.execute(
            """SELECT indicator_key, any_value(indicator), count(*), count(DISTINCT doc_id)
               FROM performance WHERE catalog_match = 'own'
               GROUP BY 1 ORDER BY 4 DESC, 3 DESC LIMIT ?""", [limit]).fetchall()
        con.close()
        table = Table(title=f"{len(rows)} indicators not in the catalog")
        for col in ("key", "printed as", "rows", "documents", "nearest catalog keys"):
            table.add_column(col, overflow="fold")
        for key, printed, n, docs in rows:
            near = ", ".join(f"{k} ({s:.0f})" for k, s in cat.nearest(printed))
            table.add_row(key, printed, str(n), str(docs), near)
        out.print(table)
        return
    table = Table(title=f"indicator catalog ({cat.CATALOG})")
    for col in ("key", "name", "unit", "polarity", "aliases"):
        table.add_column(col, overflow="fold")
    for e in cat.load():
        table.add_row(e.key, e.name, e.unit or "", e.polarity or "", " | ".join(e.aliases))
    out.print(table)


@main.command()
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True,
              type=click.Path(dir_okay=False, path_type=Path),
              help="DuckDB file written by `kinerja extract`.")
@click.option("--doc", default=None, help="Only this document (doc_id or file name).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Output format.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file instead of standard output.")
def quality(db_path: Path, doc: str | None, fmt: str, out: Path | None) -> None:
    """How well kinerja read each document, without gold: tables per kind and the share
    left 'other'; classified tables that gave no curated row (with caption and page or
    line); the share of performance rows with target, realisasi and capaian whose capaian
    the recomputation reproduces; the footing ok rate; metadata with its evidence.
    Per document and in total.

    \b
    Examples:
      kinerja quality --db data/curated/kinerja.duckdb
      kinerja quality --doc 3f2a9c0d1e4b5a6c
      kinerja quality --format json --out quality.json
    """
    from contextlib import nullcontext

    from pipeline import quality as q
    from pipeline.store import connect

    if not db_path.is_file():
        click.echo(f"error: {db_path}: no such database; run `kinerja extract` first", err=True)
        sys.exit(2)
    con = connect(db_path, read_only=True)
    doc_id = None
    if doc is not None and (doc_id := q.resolve_doc(con, doc)) is None:
        con.close()
        raise click.UsageError(
            f"no document '{doc}' in {db_path}; --doc takes a doc_id or file name as listed by "
            f"`kinerja quality --db {db_path}` or `kinerja quality --db {db_path} --format json`"
            " (documents[].doc_id)")
    report = q.build(con, doc_id)
    con.close()
    if fmt == "json":
        text = report.to_json()
        if out:
            out.write_text(text + "\n", encoding="utf-8")
        else:
            click.echo(text)
        return
    with (out.open("w", encoding="utf-8") if out else nullcontext(None)) as fh:
        writer = Console(file=fh, width=200)
        for table in q.render_tables(report):
            writer.print(table)


if __name__ == "__main__":
    main()
