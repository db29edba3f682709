"""The `kinerja` command line: thin — parse arguments, call the pipeline, report."""

from __future__ import annotations

import functools
import logging
import os
import sys
from collections import Counter
from pathlib import Path
from typing import NoReturn

import click

from pipeline import __version__
from pipeline.check_kinds import CHECK_KINDS

DEFAULT_DB = "data/curated/kinerja.duckdb"
CATALOG_HELP = ("CSV of your indicator catalog additions, merged with the packaged catalog "
                "[default: $KINERJA_CATALOG, else indicators.csv in $XDG_DATA_HOME/kinerja or "
                "~/.local/share/kinerja].")
log = logging.getLogger("kinerja")


@functools.cache
def _stderr():
    """The console progress bars and notes go to. rich is imported on first use (~50 ms), so
    an unchanged re-run, which prints one plain line, never pays for it."""
    from rich.console import Console

    return Console(stderr=True)


def _configure_logging(verbose: bool, quiet: bool) -> None:
    """Messages about documents go through logging, so -v / -q (or a caller's own logging
    set-up) decide how much is said. A terminal gets rich's coloured lines; a pipe or file
    gets one unwrapped line per message, so grep finds a whole message."""
    level = logging.DEBUG if verbose else logging.ERROR if quiet else logging.INFO
    log.setLevel(level)
    if sys.stderr.isatty():
        from rich.logging import RichHandler

        handler: logging.Handler = RichHandler(console=_stderr(), show_time=False,
                                               show_path=False, markup=False)
    else:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    log.handlers[:] = [handler]
    log.propagate = False


class DatabaseProblem(click.ClickException):
    """A database kinerja cannot use: one line, exit status 2 like a usage error."""

    exit_code = 2


class KinerjaGroup(click.Group):
    """Turns library errors into one-line messages (sqlite-utils' way): a bad --db or an
    unexpected failure never prints a traceback unless --debug asks for it."""

    def invoke(self, ctx: click.Context):
        from pipeline.errors import DatabaseError

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


def _use_config(ctx: click.Context, param: click.Parameter, path: Path | None) -> Path | None:
    """Check the config file now (a bad key is a usage error, before anything is read) and
    name it in the environment, so --jobs worker processes read the same settings."""
    if path is not None:
        from pipeline.settings import CONFIG_ENV, ConfigError, load

        try:
            load(path)
        except ConfigError as err:
            raise click.BadParameter(str(err), ctx=ctx, param=param) from err
        os.environ[CONFIG_ENV] = str(path.resolve())
    return path


@click.group(cls=KinerjaGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kinerja")
@click.option("--debug", is_flag=True, help="Show the full traceback of an unexpected error.")
@click.option("--verbose", "-v", is_flag=True, help="Say more: every warning of every document.")
@click.option("--quiet", "-q", is_flag=True, help="Say less: only failures and the totals.")
@click.option("--config", "config_path", default=None, is_eager=True, callback=_use_config,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="TOML file of settings (thresholds, tolerances, [limits]); "
                   "`kinerja settings` prints them all with their defaults.")
def main(debug: bool, verbose: bool, quiet: bool, config_path: Path | None) -> None:
    """kinerja — Indonesian government performance reports (LKjIP/LAKIP, LPPD, Renja,
    Perjanjian Kinerja) into one DuckDB database you can query and audit.

    \b
    Typical use:
      kinerja extract data/raw --db data/curated/kinerja.duckdb
      kinerja query "select kind, count(*) from source_tables group by 1"
    """
    _configure_logging(verbose, quiet)


def _limit_help() -> dict[str, str]:
    from pipeline.settings import LIMIT_DOCS

    return LIMIT_DOCS


def limit_options(command):
    """One CLI option per field of `Limits`, defaults from the dataclass: the settings object
    is the single place a limit is defined."""
    from pipeline.settings import DEFAULT_LIMITS, Limits

    for name in reversed(Limits.names()):
        default = getattr(DEFAULT_LIMITS, name)
        command = click.option(Limits.OPTIONS[name], name, default=default, show_default=True,
                               type=type(default), help=_limit_help()[name])(command)
    return command


class MissingExtra(click.ClickException):
    """An optional part of kinerja is not installed: one line with the install command, exit
    status 2 like a usage error."""

    exit_code = 2


def _need_dask(ctx: click.Context, param: click.Parameter,
               value: str | None) -> str | None:
    """Fail before anything is read or written when Dask is asked for but not installed."""
    if value and value != "local":
        from pipeline.executors import ExecutorUnavailable, require_dask

        try:
            require_dask()
        except ExecutorUnavailable as err:
            raise MissingExtra(str(err)) from err
    return value


def executor_options(command):
    """Where documents run (pipeline/executors.py) and where results go besides --db."""
    command = click.option(
        "--out-parquet", "out_parquet", default=None,
        type=click.Path(file_okay=False, path_type=Path),
        help="Write each document's rows as Parquet files under this folder instead of into "
             "--db (load them later with `kinerja ingest`; for clusters without shared disk)."
    )(command)
    command = click.option(
        "--scheduler", default=None, metavar="ADDRESS", callback=_need_dask,
        help="A running Dask scheduler, e.g. tcp://10.0.0.5:8786 (implies --executor dask)."
    )(command)
    return click.option(
        "--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
        callback=_need_dask,
        help="local: --jobs worker processes here; dask: a Dask cluster (--scheduler, or a "
             "local cluster of --jobs workers). Dask needs `pip install 'kinerja[dask]'`."
    )(command)


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
@executor_options
def extract(paths: tuple[Path, ...], db_path: Path, jobs: int, page_jobs: int, force: bool,
            catalog_path: Path | None, executor: str, scheduler: str | None,
            out_parquet: Path | None, **limits) -> None:
    """Extract every report under PATHS (files or folders, searched recursively) into DB.

    Each document is written in its own transaction: a re-run replaces that document's rows
    and nothing else; a document that fails — unreadable, over a limit, its worker killed —
    never deletes rows already stored for it (they stay, marked stale, with the new error in
    documents.last_error). Identical files are read once; the other copies are recorded as
    duplicates. Supported inputs: .txt/.md text conversions, .pdf, .docx.

    Exit status: 0 when every document was processed, 1 when any failed (the others are
    still written), 2 on usage or database errors.
    """
    from pipeline import manifest
    from pipeline.files import discover
    from pipeline.settings import PAGE_JOBS_ENV
    from pipeline.tally import Tally

    os.environ[PAGE_JOBS_ENV] = str(page_jobs)  # through the environment: workers inherit it
    _use_catalog(catalog_path)
    passed_over: Counter = Counter()
    files = discover(paths, passed_over)
    if not files:
        raise click.UsageError(f"no supported report files under {', '.join(map(str, paths))}")
    executor = "dask" if scheduler else executor
    settings = _run_settings(click.get_current_context(), limits)
    if out_parquet:
        return _extract_to_parquet(files, out_parquet, jobs, settings.limits, executor, scheduler)
    if not force and manifest.all_unchanged(db_path, files, __version__):
        manifest.journal_run(db_path, settings.as_dict(), __version__)
        _finish(db_path, len(files), len(files), Tally(), passed_over)  # exits
    _extract_into_database(db_path, files, force, settings, passed_over, jobs=jobs,
                           executor=executor, scheduler=scheduler)


def _extract_into_database(db_path: Path, files: list[Path], force: bool, settings,
                           passed_over: Counter, **how) -> None:
    """The long way: open the database, plan, process what needs it, store; then leave the
    manifest that lets the next unchanged run skip all of this (pipeline/manifest.py)."""
    from pipeline.batch import plan_batch, record_duplicates, store
    from pipeline.manifest import pin, write_manifest
    from pipeline.store import connect, record_run, skippable_documents
    from pipeline.tally import Tally

    con = connect(db_path)
    record_run(con, settings.as_dict(), __version__)
    plan = plan_batch(con, files, force)
    tally = Tally()
    for result in plan.unreadable:
        tally.add(result, store(con, result))
    if plan.todo:
        _process_todo(con, plan.todo, tally, limits=settings.limits, **how)
    record_duplicates(con, plan, tally)
    skippable = skippable_documents(con, __version__)
    pinned = pin(con, db_path)
    con.close()
    write_manifest(db_path, skippable, __version__, pinned)
    _finish(db_path, len(files), len(plan.unchanged), tally, passed_over)


def _process_todo(con, todo: list[Path], tally, **how) -> None:
    """Process the files that need it, storing each result as it arrives, under a progress
    bar. Only called when there is work: the extractors, curators and worker pool are
    imported and started here, so an unchanged re-run never pays for them."""
    from pipeline.batch import store
    from pipeline.run import process_many

    with _progress(len(todo), "extract") as progress:
        task = progress.add_task("", total=len(todo))
        for result in process_many(todo, **how):
            tally.add(result, store(con, result))
            progress.update(task, advance=1, description=result.document["file_name"])


def _run_settings(ctx: click.Context, given: dict):
    """The run's settings: the config file's (or the defaults), with each limit given on the
    command line in place of the config's."""
    from dataclasses import replace

    from click.core import ParameterSource

    from pipeline.settings import current

    settings = current()
    typed = {name: value for name, value in given.items()
             if ctx.get_parameter_source(name) is not ParameterSource.DEFAULT}
    return replace(settings, limits=replace(settings.limits, **typed))


@main.command(name="settings")
def show_settings() -> None:
    """Print every setting — fuzzy-match cut-offs, check tolerances, limits — with its meaning
    and default, as a config file: the values in force (--config's, else the defaults).

    \b
    Examples:
      kinerja settings > kinerja.toml       # edit, then:
      kinerja --config kinerja.toml extract data/raw
    """
    from pipeline.settings import current, to_toml

    click.echo(to_toml(current()), nl=False)


def _use_catalog(path: Path | None) -> None:
    """Point catalog matching at the user's additions file `path`, through the environment
    so that --jobs worker processes inherit it."""
    if path is not None:
        from pipeline.normalise.catalog import CATALOG_ENV

        os.environ[CATALOG_ENV] = str(path.resolve())


OUTCOMES = (("ok", "ok"), ("partial", "partial"), ("failed", "failed"),
            ("kept", "failed, older rows kept"), ("duplicate", "duplicate"),
            ("skipped", "not a report"), ("unstored", "not stored"))


def _summary(db_path: Path, n_files: int, skipped: int, tally,
             passed_over: Counter | None = None) -> None:
    if skipped == n_files and not tally.outcomes and not passed_over:
        _nothing_to_do(db_path, n_files)
        return
    from rich.console import Console
    from rich.table import Table

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
    if log.isEnabledFor(logging.INFO):
        _kinds_and_rows(out, tally)
    out.print(f"check mismatches: [bold]{tally.mismatches}[/]")
    if passed_over:
        out.print("not read (not .txt/.md/.pdf/.docx): " + ", ".join(
            f"{n} {ext}" for ext, n in sorted(passed_over.items(), key=lambda kv: -kv[1])))
    _problems(tally.problems)
    out.print("next:", highlight=False)
    for command in _next_commands(db_path):
        out.print(f"  {command}", highlight=False, soft_wrap=True)


def _next_commands(db_path: Path) -> list[str]:
    return [f"kinerja audit --db {db_path}", f"kinerja quality --db {db_path}",
            f'kinerja query "select file_name, status, error from documents" --db {db_path}']


def _nothing_to_do(db_path: Path, n_files: int) -> None:
    """A run that found every file stored unchanged says so in plain lines: its tables would
    be all zeros, and not importing rich keeps the re-run at a few per cent of a cold run."""
    click.echo(f"kinerja {n_files} documents → {db_path} ({n_files} unchanged, skipped; "
               "--force to redo): nothing to extract")
    click.echo("next:")
    for command in _next_commands(db_path):
        click.echo(f"  {command}")


def _kinds_and_rows(out, tally) -> None:
    from rich.table import Table

    kt = Table(title="tables per kind (stored)")
    kt.add_column("kind")
    kt.add_column("tables", justify="right")
    for k, n in sorted(tally.kinds.items(), key=lambda kv: -kv[1]):
        kt.add_row(k, str(n))
    rt = Table(title="rows per curated table (stored)")
    rt.add_column("table")
    rt.add_column("rows", justify="right")
    from pipeline import registry

    for k in registry.summary_tables():
        rt.add_row(k, str(tally.rows[k]))
    out.print(kt)
    out.print(rt)


def _problems(problems: list[tuple[str, str, list[str]]]) -> None:
    """One line per document that did not come out ok — its outcome and first message —
    and, with --verbose, every further warning; --quiet keeps only the failures."""
    for _source, outcome, messages in problems:
        failed = outcome in ("failed", "kept", "unstored")
        more = f" (+{len(messages) - 1} more; -v shows them)" if len(messages) > 1 else ""
        log.log(logging.ERROR if failed else logging.WARNING, "%s: %s%s", outcome,
                messages[0], more if not log.isEnabledFor(logging.DEBUG) else "")
        for message in messages[1:]:
            log.debug("    %s", message)


@main.command()
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="DuckDB file written by `kinerja extract`.")
@click.option("--doc", default=None, help="Only this document (doc_id or file name).")
@click.option("--kind", default=None, type=click.Choice(sorted(CHECK_KINDS)),
              help="Only this check kind: " + "; ".join(f"{k}: {v}" for k, v in CHECK_KINDS.items()))
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "html"]),
              default="table", show_default=True, help="Output format.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file instead of standard output (html needs it or prints).")
def audit(db_path: Path, doc: str | None, kind: str | None, fmt: str, out: Path | None) -> None:
    """One finding per printed error: mismatch checks that rest on the same printed figure
    are grouped, the other tables that show it listed as corroboration. By document, then
    table, largest first (relative to the figure), each with its evidence: the printed row,
    the lines around it for text input, a crop of the page for PDF input (html). Then what
    could not be checked, per table, and why.

    \b
    Examples:
      kinerja audit --db data/curated/kinerja.duckdb
      kinerja audit --kind footing --format csv --out footing.csv
      kinerja audit --format html --out audit.html      # one self-contained file
    """
    from pipeline import audit_report
    from pipeline.report_html import render
    from pipeline.store import connect

    con = connect(db_path, read_only=True)
    try:
        _known_document(con, doc)
        report = audit_report.build(con, str(db_path), doc=doc, kind=kind, images=fmt == "html")
    finally:
        con.close()
    if fmt == "table":
        _audit_table(report, out)
        return
    writers = {"csv": audit_report.to_csv, "json": audit_report.to_json, "html": render}
    text = writers[fmt](report)
    if out:
        out.write_text(text, encoding="utf-8")
        _stderr().print(f"wrote {len(report.findings)} findings ({report.mismatches} mismatching "
                      f"checks) to {out}")
    else:
        click.echo(text)


def _known_document(con, doc: str | None) -> None:
    """An unknown --doc is a usage error listing the valid ones, never '0 mismatches'."""
    if doc is None:
        return
    rows = con.execute("SELECT doc_id, file_name FROM documents ORDER BY file_name").fetchall()
    if any(doc in row for row in rows):
        return
    listed = ", ".join(f"{name} ({doc_id})" for doc_id, name in rows[:20])
    more = f" and {len(rows) - 20} more" if len(rows) > 20 else ""
    raise click.UsageError(f"--doc {doc!r} is no document in the database; "
                           f"give a doc_id or file name: {listed or 'none stored'}{more}")


def _audit_table(report, out: Path | None) -> None:
    """The findings as terminal tables, one per document, no wider than the terminal: the
    subject and place wrap, never cut; figures stay on one line."""
    from itertools import groupby

    from rich import box
    from rich.console import Console
    from rich.table import Table

    from pipeline.audit_report import table_rows

    target = Console(file=out.open("w", encoding="utf-8"), width=120) if out else Console()
    target.print(f"[bold]{len(report.findings)} findings[/] from {report.mismatches} "
                 "mismatching checks", highlight=False)
    for name, rows in groupby(table_rows(report), key=lambda r: r[0]):
        table = Table(title=name, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False,
                      expand=False)
        table.add_column("where", overflow="fold", ratio=2, min_width=10)
        table.add_column("kind", overflow="fold", max_width=12)
        table.add_column("subject", overflow="fold", ratio=3, min_width=14)
        table.add_column("printed", justify="right", no_wrap=True)
        table.add_column("recomputed", justify="right", no_wrap=True)
        for _, where, kind, subject, printed, recomputed, also in rows:
            table.add_row(where, f"{kind} {also}".strip(), subject, printed, recomputed)
        target.print(table)
    unchecked = sum(u.count for u in report.unverifiable)
    target.print(f"{unchecked} checks could not be made, in {len(report.unverifiable)} tables "
                 "(--format html, json or csv lists them with the reason)", highlight=False)
    if out:
        target.file.close()


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
    from rich.console import Console
    from rich.table import Table

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


# --- results as Parquet, and loading them: for a database on another machine -------------


def _progress(total: int, label: str):
    """A progress bar over `total` items (rich's; imported here, for runs that have work)."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    return Progress(TextColumn(f"[bold]{label}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), TextColumn("{task.description}"), console=_stderr(),
                    disable=not total)


def _extract_to_parquet(files: list[Path], out_dir: Path, jobs: int, limits, executor: str,
                        scheduler: str | None) -> None:
    """`extract --out-parquet`: every file is processed (no database says what is unchanged),
    identical files are read once, and each result becomes a folder of Parquet files."""
    from datetime import datetime, timezone

    import duckdb

    from pipeline.batch import plan_batch
    from pipeline.parquet_io import ParquetWriter, duplicate_result
    from pipeline.run import process_many
    from pipeline.store import ensure_schema
    from pipeline.tally import Tally

    scratch = duckdb.connect(":memory:")  # an empty database: the plan finds duplicates only
    ensure_schema(scratch)
    plan = plan_batch(scratch, files, force=False)
    scratch.close()
    writer, tally = ParquetWriter(out_dir), Tally()
    for result in plan.unreadable:
        tally.add(result, _write_parquet(writer, result, "stored"))
    with _progress(len(plan.todo), "extract") as progress:
        task = progress.add_task("", total=len(plan.todo))
        for result in process_many(plan.todo, jobs=jobs, limits=limits, executor=executor,
                                   scheduler=scheduler):
            tally.add(result, _write_parquet(writer, result, "stored"))
            progress.update(task, advance=1, description=result.document["file_name"])
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    for path, sha, original in plan.duplicates:
        result = duplicate_result(path, sha, original or sha[:16], now)
        tally.add(result, _write_parquet(writer, result, "duplicate"))
    writer.close()
    _finish(out_dir, len(files), 0, tally)


def _write_parquet(writer, result, outcome: str) -> str:
    """Write one result; a failed write (disk full) costs only this document, as a failed
    database write does: 'unstored', with the error on the result."""
    import duckdb

    from pipeline.tally import first_line

    try:
        writer.write(result)
    except (OSError, duckdb.Error) as err:
        doc = result.document
        doc.update(status="failed",
                   error=f"{doc['source_path']}: could not be written: {first_line(err)}")
        return "unstored"
    return outcome


def _finish(target: Path, n_files: int, skipped: int, tally,
            passed_over: Counter | None = None) -> NoReturn:
    """Print the summary; exit 1 when any document failed or was not stored, else 0."""
    _summary(target, n_files, skipped, tally, passed_over)
    failed = tally.outcomes["failed"] + tally.outcomes["kept"] + tally.outcomes["unstored"]
    sys.exit(1 if failed else 0)


@main.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True,
              type=click.Path(dir_okay=False, path_type=Path), help="DuckDB file to write.")
def ingest(folder: Path, db_path: Path) -> None:
    """Load the Parquet results that `kinerja extract --out-parquet FOLDER` wrote (on this
    machine or others; copy their folders side by side under FOLDER) into DB.

    Each document is stored as `extract` stores it: in its own transaction, a failed attempt
    never replacing good rows already stored for the file, identical content recorded as a
    duplicate. Loading the same folder twice gives the same database.

    Exit status: 0 when every document loaded was good, 1 when any failed, 2 on usage or
    database errors.
    """
    from pipeline.parquet_io import read_results, result_folders, store_result
    from pipeline.store import connect
    from pipeline.tally import Tally

    total = len(result_folders(folder))
    if not total:
        raise click.UsageError(f"{folder}: no results (documents.parquet) to ingest")
    con = connect(db_path)
    tally, unreadable = Tally(), []
    with _progress(total, "ingest") as progress:
        task = progress.add_task("", total=total)
        for result in read_results(folder, unreadable):
            tally.add(result, store_result(con, result))
            progress.update(task, advance=1, description=result.document["file_name"])
    con.close()
    for where, why in unreadable:
        tally.outcomes["unstored"] += 1
        tally.problems.append((where, "unstored", [why]))
    _finish(db_path, total, 0, tally)

class Refused(click.ClickException):
    """A statement `kinerja query` will not run: one line, exit status 2 like a usage error."""

    exit_code = 2


@main.command()
@click.option("--format", "fmt", type=click.Choice(["parquet", "csv"]), default="parquet",
              show_default=True, help="File format of the exported tables.")
@click.option("--out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write into (created if missing).")
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True,
              type=click.Path(dir_okay=False, path_type=Path),
              help="DuckDB file written by `kinerja extract`.")
def export(fmt: str, out: Path, db_path: Path) -> None:
    """Write every table of DB to OUT, one file per table (<table>.parquet or <table>.csv),
    and _dictionary.<format> with every column's description, for pandas, R, a spreadsheet
    or another database.

    \b
    Examples:
      kinerja export --out export/
      kinerja export --format csv --out export-csv/ --db data/curated/kinerja.duckdb
    """
    from pipeline.analysis import export_tables
    from pipeline.store import connect

    con = connect(db_path, read_only=True)
    try:
        written = export_tables(con, out, fmt)
    finally:
        con.close()
    for path, rows in written:
        _stderr().print(f"{rows:>8} rows  {path}", highlight=False)
    _stderr().print(f"exported {len(written)} tables from {db_path} to {out}", highlight=False)


@main.command()
@click.argument("sql")
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True,
              type=click.Path(dir_okay=False, path_type=Path),
              help="DuckDB file written by `kinerja extract`.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="Output format.")
def query(sql: str, db_path: Path, fmt: str) -> None:
    """Run one read-only SQL statement (SELECT, WITH …, DESCRIBE, SUMMARIZE, EXPLAIN, PRAGMA)
    against DB and print the result. The database is opened read-only; statements that would
    write (INSERT, UPDATE, DELETE, CREATE, COPY, ATTACH, …) are refused.

    \b
    Examples:
      kinerja query "select kind, count(*) from source_tables group by 1 order by 2 desc"
      kinerja query "describe v_printed_figures"
      kinerja query "select * from v_discrepancies limit 20" --format csv > mismatches.csv
    """
    import duckdb

    from pipeline import analysis
    from pipeline.store import connect

    con = connect(db_path, read_only=True)
    try:
        result = analysis.run_query(con, sql)
    except analysis.QueryRefused as err:
        raise Refused(str(err)) from err
    except duckdb.Error as err:
        raise click.ClickException(str(err).strip().splitlines()[0]) from err
    finally:
        con.close()
    if fmt == "csv":
        click.echo(analysis.to_csv(result), nl=False)
    elif fmt == "json":
        click.echo(analysis.to_json(result))
    else:
        _print_result(result)


def _print_result(result) -> None:
    """The rows as a terminal table, with the row count (what the duckdb shell would show)."""
    from rich.console import Console
    from rich.table import Table

    from pipeline.analysis import cell_text

    table = Table(caption=f"{len(result.rows)} rows")
    for column in result.columns:
        table.add_column(column, overflow="fold")
    for row in result.rows:
        table.add_row(*(cell_text(v) for v in row))
    Console().print(table)

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
        from rich.console import Console

        writer = Console(file=fh, width=200)
        for table in q.render_tables(report):
            writer.print(table)


if __name__ == "__main__":
    main()
