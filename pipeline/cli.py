"""The `kinerja` command line: thin — parse arguments, call the pipeline, report."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from pipeline import __version__

DEFAULT_DB = "data/curated/kinerja.duckdb"
CATALOG_HELP = ("CSV of your indicator catalog additions, merged with the packaged catalog "
                "[default: $KINERJA_CATALOG, else indicators.csv in $XDG_DATA_HOME/kinerja or "
                "~/.local/share/kinerja].")
console = Console(stderr=True)


class DatabaseProblem(click.ClickException):
    """A database kinerja cannot use: one line, exit status 2 like a usage error."""

    exit_code = 2


class KinerjaGroup(click.Group):
    """Turns library errors into one-line messages (sqlite-utils' way): a bad --db or an
    unexpected failure never prints a traceback unless --debug asks for it."""

    def invoke(self, ctx: click.Context):
        from pipeline.store import DatabaseError

        try:
            return super().invoke(ctx)
        except DatabaseError as err:
            if ctx.params.get("debug"):
                raise
            raise DatabaseProblem(str(err)) from err
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit):
            raise
        except Exception as err:
            if ctx.params.get("debug"):
                raise
            first = str(err).strip().splitlines()[0] if str(err).strip() else ""
            raise click.ClickException(
                f"{type(err).__name__}: {first} (run with --debug for the traceback)") from err


@click.group(cls=KinerjaGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kinerja")
@click.option("--debug", is_flag=True, help="Show the full traceback of an unexpected error.")
def main(debug: bool) -> None:
    """kinerja — Indonesian government performance reports (LKjIP/LAKIP, LPPD, Renja,
    Perjanjian Kinerja) into one DuckDB database you can query and audit.

    \b
    Typical use:
      kinerja extract data/raw --db data/curated/kinerja.duckdb
      duckdb data/curated/kinerja.duckdb "select kind, count(*) from source_tables group by 1"
    """


LIMIT_HELP = {
    "time_seconds": "Seconds one document may take (0 = no limit).",
    "memory_mib": "MiB of address space per worker process (0 = no limit).",
    "max_pages": "Pages read from one PDF.",
    "max_page_pixels": "Pixels a scanned page may have at the OCR resolution.",
    "max_docx_cells": "Grid cells one Word table may declare.",
    "max_docx_unzipped_mib": "MiB a .docx may unzip to.",
    "max_line_chars": "Characters of one text line.",
    "max_table_rows": "Rows of one table that are curated.",
}


def limit_options(command):
    """One CLI option per field of `Limits`, defaults from the dataclass: the settings object
    is the single place a limit is defined."""
    from pipeline.settings import DEFAULT_LIMITS, Limits

    for name in reversed(Limits.names()):
        default = getattr(DEFAULT_LIMITS, name)
        command = click.option(Limits.OPTIONS[name], name, default=default, show_default=True,
                               type=type(default), help=LIMIT_HELP[name])(command)
    return command


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True,
              type=click.Path(dir_okay=False, path_type=Path), help="DuckDB file to write.")
@click.option("--jobs", "-j", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Documents processed in parallel (worker processes).")
@click.option("--page-jobs", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes reading the pages of one PDF of 24 pages or more.")
@click.option("--force", is_flag=True,
              help="Re-extract documents already in the database with the same content and "
                   "pipeline version (by default they are skipped).")
@click.option("--catalog", "catalog_path", default=None,
              type=click.Path(dir_okay=False, path_type=Path), help=CATALOG_HELP)
@limit_options
def extract(paths: tuple[Path, ...], db_path: Path, jobs: int, page_jobs: int, force: bool,
            catalog_path: Path | None, **limits) -> None:
    """Extract every report under PATHS (files or folders, searched recursively) into DB.

    Each document is written in its own transaction: a re-run replaces that document's rows
    and nothing else; a document that fails — unreadable, over a limit, its worker killed —
    never deletes rows already stored for it (they stay, marked stale, with the new error in
    documents.last_error). Identical files are read once; the other copies are recorded as
    duplicates. Supported inputs: .txt/.md text conversions, .pdf, .docx.

    Exit status: 0 when every document was processed, 1 when any failed (the others are
    still written), 2 on usage or database errors.
    """
    from extractors.pdf import PAGE_JOBS_ENV
    from pipeline.batch import Tally, plan_batch, record_duplicates, store
    from pipeline.run import discover, process_many
    from pipeline.settings import Limits
    from pipeline.store import connect

    os.environ[PAGE_JOBS_ENV] = str(page_jobs)  # through the environment: workers inherit it
    _use_catalog(catalog_path)
    files = discover(paths)
    if not files:
        raise click.UsageError(f"no supported report files under {', '.join(map(str, paths))}")
    con = connect(db_path)
    plan = plan_batch(con, files, force)
    tally = Tally()
    for result in plan.unreadable:
        tally.add(result, store(con, result))
    progress = Progress(
        TextColumn("[bold]extract"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("{task.description}"), console=console, disable=not plan.todo,
    )
    with progress:
        task = progress.add_task("", total=len(plan.todo))
        for result in process_many(plan.todo, jobs=jobs, limits=Limits(**limits)):
            tally.add(result, store(con, result))
            progress.update(task, advance=1, description=result.document["file_name"])
    record_duplicates(con, plan, tally)
    con.close()
    _summary(db_path, len(files), len(plan.unchanged), tally)
    failed = tally.outcomes["failed"] + tally.outcomes["kept"] + tally.outcomes["unstored"]
    sys.exit(1 if failed else 0)


def _use_catalog(path: Path | None) -> None:
    """Point catalog matching at the user's additions file `path`, through the environment
    so that --jobs worker processes inherit it."""
    if path is not None:
        from pipeline.normalise.catalog import CATALOG_ENV

        os.environ[CATALOG_ENV] = str(path.resolve())


OUTCOMES = (("ok", "ok"), ("partial", "partial"), ("failed", "failed"),
            ("kept", "failed, older rows kept"), ("duplicate", "duplicate"),
            ("unstored", "not stored"))


def _summary(db_path: Path, n_files: int, skipped: int, tally) -> None:
    out = Console()
    out.print(f"[bold]kinerja[/] {n_files} documents → {db_path}"
              + (f" ({skipped} unchanged, skipped; --force to redo)" if skipped else ""))
    docs = Table(title="documents", show_header=True)
    shown = [(key, label) for key, label in OUTCOMES if key in ("ok", "partial", "failed")
             or tally.outcomes[key]]
    for _, label in shown:
        docs.add_column(label, justify="right")
    docs.add_row(*(str(tally.outcomes[key]) for key, _ in shown))
    out.print(docs)
    kt = Table(title="tables per kind (stored)")
    kt.add_column("kind")
    kt.add_column("tables", justify="right")
    for k, n in sorted(tally.kinds.items(), key=lambda kv: -kv[1]):
        kt.add_row(k, str(n))
    rt = Table(title="rows per curated table (stored)")
    rt.add_column("table")
    rt.add_column("rows", justify="right")
    for k in ("performance", "budget", "staffing", "iku", "ikk", "checks"):
        rt.add_row(k, str(tally.rows[k]))
    out.print(kt)
    out.print(rt)
    out.print(f"check mismatches: [bold]{tally.mismatches}[/]")
    _problems(out, tally.problems)


def _problems(out: Console, problems: list[tuple[str, list[str]]], per_document: int = 5) -> None:
    """Every document's error and warnings, by document (the first few of each)."""
    for source, messages in problems:
        out.print(f"[bold]{source}[/]", highlight=False)
        for msg in messages[:per_document]:
            out.print(f"  [yellow]-[/] {msg}", highlight=False, soft_wrap=True)
        if len(messages) > per_document:
            out.print(f"  … {len(messages) - per_document} more in documents.warnings")


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
@click.option("--catalog", "catalog_path", default=None,
              type=click.Path(dir_okay=False, path_type=Path), help=CATALOG_HELP)
def catalog(unmatched: bool, db_path: Path, add_alias: tuple[str, str] | None, limit: int,
            catalog_path: Path | None) -> None:
    """Show the indicator catalog (the one shipped with kinerja merged with your additions),
    grow it, or list what it does not know yet. Additions go to your own file (--catalog),
    never into the installed package.

    \b
    Examples:
      kinerja catalog
      kinerja catalog --unmatched --db data/curated/kinerja.duckdb
      kinerja catalog --add-alias ikm "Indeks Kepuasan Layanan Kecamatan"

    After adding aliases, re-run `kinerja extract --force` to re-key stored rows.
    """
    from pipeline.normalise import catalog as cat

    _use_catalog(catalog_path)

    out = Console()
    if add_alias:
        key, alias = add_alias
        try:
            entry = cat.add_alias(key, alias)
        except KeyError as err:
            raise click.UsageError(str(err.args[0])) from err
        out.print(f"'{alias}' is now an alias of [bold]{entry.key}[/] ({len(entry.aliases)} aliases;"
                  f" saved in {cat.user_catalog()})")
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
    table = Table(title=f"indicator catalog (packaged + {cat.user_catalog()})")
    for col in ("key", "name", "unit", "polarity", "aliases"):
        table.add_column(col, overflow="fold")
    for e in cat.load():
        table.add_row(e.key, e.name, e.unit or "", e.polarity or "", " | ".join(e.aliases))
    out.print(table)


if __name__ == "__main__":
    main()
