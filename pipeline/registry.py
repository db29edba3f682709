"""One registry of the stored tables and the check kinds: a new kind of curated table is one
`register` call (or one entry in `_BUILT_IN`), not seven hand-kept lists.

Each table is declared once, with its typed record (pipeline/records.py), its role, its key
column, the curator that makes its rows and the table kinds (pipeline/classify.py) that feed
that curator. Everything that used to keep its own list reads it from here: the store (which
tables a document's result holds, the order they are replaced in, the keys of records it
accepts), the run (which curator reads which kind), the surrogate keys (pipeline/keys.py),
the CLI summary, the evaluation's sections and `kinerja export`. A table the schema files do
not create gets its DDL, and its column comments, from its record (`ddl`).

The registry is a leaf: it imports no pipeline stage, so the store and the stages can all
read it. Curators are named as 'module:function' and resolved by the run, which keeps the
store free of curation imports.
"""

from __future__ import annotations

import dataclasses
import importlib
import types
import typing
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any, Literal

from pipeline import records
from pipeline.check_kinds import CHECK_KINDS, known  # noqa: F401 — the check-kind registry
from pipeline.records import column  # noqa: F401 — for records declared elsewhere

Role = Literal["fact", "dimension", "log"]


@dataclass(frozen=True)
class StoredTable:
    """One stored table: what a row is, what it is for, and which stage makes its rows."""

    name: str
    record: type  # the dataclass whose fields are the table's columns, in order
    role: Role  # fact: figures; dimension: what the figures are about; log: history
    key: str | None  # the column that identifies a row (None: no key)
    doc: str  # the table's comment, for a table the schema files do not create
    #: rows come with each document's result and are replaced with the document
    curated: bool = True
    #: 'module:function' called with each table of `kinds` (a TableContext) → records
    curator: str | None = None
    #: the table kinds this table is curated from
    kinds: tuple[str, ...] = ()
    #: kinds whose mixed forms it also reads, after the tables for which they are the own kind
    also_kinds: tuple[str, ...] = ()
    #: the stage that makes the rows when no curator does (documentation only)
    made_by: str = ""
    #: `key` is a surrogate id given by pipeline/keys.py (not printed, not natural)
    surrogate: bool = False
    #: its row count is shown in the `kinerja extract` summary
    summary: bool = False
    #: the figures a gold record is matched on (pipeline/evaluate.py), when scored
    gold_numbers: tuple[str, ...] = ()
    #: the texts a gold record is matched on (fuzzy), when scored on texts
    gold_texts: tuple[str, ...] = ()

    @property
    def columns(self) -> tuple[str, ...]:
        return record_columns(self.record)


@cache
def record_columns(record: type) -> tuple[str, ...]:
    """The column names a record type declares, in order (cached: read per stored document)."""
    return tuple(f.name for f in dataclasses.fields(record))


_PERFORMANCE_KINDS = ("perjanjian_kinerja", "capaian_kinerja", "capaian_history",
                      "renstra_target", "renstra_progress")
_BUDGET_KINDS = ("realisasi_anggaran", "anggaran", "efisiensi")

_BUILT_IN = (
    StoredTable("documents", records.DocumentRow, "dimension", "doc_id",
                "One row per input file.", curated=False, made_by="pipeline.run"),
    StoredTable("source_tables", records.SourceTableRow, "dimension", "table_id",
                "One row per table found in a report.", made_by="pipeline.run (one per table)"),
    # Mixed K/Rp forms (a Perjanjian Kinerja with its anggaran) feed both performance and budget.
    StoredTable("performance", records.PerformanceRow, "fact", "performance_id",
                "Performance figures.", curator="pipeline.curate.performance:curate",
                kinds=_PERFORMANCE_KINDS, also_kinds=_BUDGET_KINDS, surrogate=True,
                summary=True, gold_numbers=("target", "realisasi", "capaian_reported")),
    StoredTable("budget", records.BudgetRow, "fact", "budget_id", "Budget lines.",
                curator="pipeline.curate.budget:curate", kinds=_BUDGET_KINDS,
                also_kinds=("perjanjian_kinerja", "capaian_kinerja", "renstra_target"),
                surrogate=True, summary=True,
                gold_numbers=("pagu", "realisasi", "capaian_reported")),
    StoredTable("iku", records.IkuRow, "dimension", "iku_id", "Key indicator definitions.",
                curator="pipeline.curate.iku:curate", kinds=("iku",), surrogate=True,
                summary=True, gold_texts=("definition", "formula")),
    StoredTable("staffing", records.StaffingRow, "fact", "staffing_id", "Staff counts.",
                curator="pipeline.curate.staffing:curate", kinds=("staffing",),
                surrogate=True, summary=True, gold_numbers=("count",)),
    StoredTable("ikk", records.IkkRow, "fact", "ikk_id", "LPPD key indicators and SPM ratios.",
                curator="pipeline.curate.ikk:curate", kinds=("ikk", "spm"), surrogate=True,
                summary=True),
    StoredTable("claims", records.ClaimRow, "fact", "claim_id", "Figures stated in prose.",
                made_by="pipeline.curate.narrative:extract_claims", surrogate=True),
    StoredTable("checks", records.CheckRow, "fact", "check_id", "Recomputations.",
                made_by="pipeline.checks:run_checks", summary=True),
    StoredTable("extract_log", records.ExtractLogRow, "log", None,
                "One row per document attempt.", curated=False, made_by="pipeline.store"),
    StoredTable("runs", records.RunRow, "log", "run_id",
                "One row per `kinerja extract` run with the settings it used, so its results "
                "can be reproduced.", curated=False, made_by="pipeline.store:record_run"),
)

#: every kind pipeline/classify.py gives a table (`classify.KINDS` is this tuple; its RULES
#: may give no other)
TABLE_KINDS = ("perjanjian_kinerja", "iku", "capaian_kinerja", "capaian_history",
               "renstra_target", "renstra_progress", "realisasi_anggaran", "anggaran",
               "efisiensi", "staffing", "ikk", "spm", "other")

_TABLES: dict[str, StoredTable] = {t.name: t for t in _BUILT_IN}


class RegistryError(ValueError):
    """A table or record the registry does not declare: a programming error, said plainly."""


class UnknownField(RegistryError):
    """A record carries a key its table has no column for (a misspelt field)."""


# --- declaring ----------------------------------------------------------------------------


def register(table: StoredTable) -> StoredTable:
    """Add a table (an extension, or a test's toy table); it is stored, summarised and given
    its DDL from its record from then on. Call `store.reference.cache_clear()` in a process
    that has already opened a database, since the store builds its reference schema once."""
    if table.name in _TABLES:
        raise RegistryError(f"table {table.name!r} is already registered")
    _TABLES[table.name] = table
    return table


def unregister(name: str) -> None:
    """Remove a table added with `register` (the built-in tables stay)."""
    if name in {t.name for t in _BUILT_IN}:
        raise RegistryError(f"{name!r} is a built-in table")
    _TABLES.pop(name, None)


#: check kind → 'module:function' for the kinds added with `register_check_kind`; the
#: built-in kinds are run by pipeline/checks/__init__.py itself
_CHECK_RUNNERS: dict[str, str] = {}


def register_check_kind(kind: str, meaning: str, runner: str | None = None) -> str:
    """Add a check kind with its one-line meaning (what `kinerja audit --kind` documents) and,
    optionally, the 'module:function' that makes its checks from a document's tables
    (tables → check records), run after the built-in checks."""
    if kind in CHECK_KINDS:
        raise RegistryError(f"check kind {kind!r} is already registered")
    CHECK_KINDS[kind] = meaning
    if runner:
        _CHECK_RUNNERS[kind] = runner
    return kind


def unregister_check_kind(kind: str) -> None:
    CHECK_KINDS.pop(kind, None)
    _CHECK_RUNNERS.pop(kind, None)


def check_runners() -> dict[str, str]:
    """Registered check kind → its runner ('module:function')."""
    return dict(_CHECK_RUNNERS)


def resolve(path: str) -> Any:
    """The object a 'module:function' name points at, imported on first use: curators and
    check runners are named, so this leaf module imports no stage."""
    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)


# --- what the other modules read -----------------------------------------------------------


def table(name: str) -> StoredTable:
    try:
        return _TABLES[name]
    except KeyError:
        raise RegistryError(f"no table {name!r} in pipeline/registry.py") from None


def tables() -> tuple[StoredTable, ...]:
    return tuple(_TABLES.values())


def curated_names() -> tuple[str, ...]:
    """The tables a document's result holds, in the order they are stored."""
    return tuple(t.name for t in _TABLES.values() if t.curated)


def data_table_names() -> tuple[str, ...]:
    """Every table an analyst reads: what `kinerja export` writes and what is documented."""
    logs = tuple(t.name for t in _TABLES.values() if t.role == "log")
    return ("documents", *curated_names(), *logs)


def curators() -> dict[str, str]:
    """Curated table → its curator ('module:function')."""
    return {t.name: t.curator for t in _TABLES.values() if t.curator}


def kind_targets() -> dict[str, tuple[str, ...]]:
    """Table kind → the curated tables it feeds: first those whose own kind it is, then those
    that also read its mixed forms (the order curators run in, and note their findings)."""
    targets: dict[str, list[str]] = {kind: [] for kind in TABLE_KINDS}
    for t in _TABLES.values():
        for kind in t.kinds:
            targets.setdefault(kind, []).append(t.name)
    for t in _TABLES.values():
        for kind in t.also_kinds:
            targets.setdefault(kind, []).append(t.name)
    return {kind: tuple(names) for kind, names in targets.items()}


def row_ids() -> dict[str, str]:
    """Table → its surrogate key column, for the tables pipeline/keys.py numbers."""
    return {t.name: t.key for t in _TABLES.values() if t.surrogate and t.key}


def summary_tables() -> tuple[str, ...]:
    return tuple(t.name for t in _TABLES.values() if t.summary)


def gold_sections() -> dict[str, tuple[str, ...]]:
    """Table → the figures its gold records are matched on (pipeline/evaluate.py)."""
    return {t.name: t.gold_numbers for t in _TABLES.values() if t.gold_numbers}


def gold_text_sections() -> dict[str, tuple[str, ...]]:
    return {t.name: t.gold_texts for t in _TABLES.values() if t.gold_texts}


# --- holding records to their tables -------------------------------------------------------


def check_fields(name: str, rows: Iterable[dict]) -> None:
    """Refuse a record with a key its table has no column for: stored as it is, the key would
    be dropped and its column silently NULL. The message names the table and the field."""
    allowed = set(table(name).columns)
    for row in rows:
        unknown = row.keys() - allowed
        if unknown:
            field = sorted(unknown)[0]
            raise UnknownField(f"{name}: record has field {field!r}, which is no column of "
                               f"{name} (misspelt? add it to the schema and pipeline/records.py)")


def check_result(document: dict, tables: dict[str, list[dict]]) -> None:
    """Hold a whole document's result to the registry: its table names and every record."""
    check_fields("documents", [document])
    curated = set(curated_names())
    for name, rows in tables.items():
        if name not in curated:
            raise RegistryError(f"result holds rows for {name!r}, which is no curated table "
                                f"(known: {', '.join(curated_names())})")
        check_fields(name, rows)


# --- DDL for a table the schema files do not create ----------------------------------------

SQL_TYPES: dict[Any, str] = {str: "VARCHAR", int: "INTEGER", float: "DOUBLE", bool: "BOOLEAN",
                             datetime: "TIMESTAMP", list: "JSON", dict: "JSON"}


def column_type(hint: Any) -> tuple[str, bool]:
    """(SQL type, nullable) of a field's type hint."""
    args = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
    nullable = type(None) in args
    kinds = [a for a in args if a is not type(None)]
    sql = {SQL_TYPES[a] for a in kinds}
    if len(sql) != 1:
        raise RegistryError(f"no single SQL type for {hint!r}")
    return sql.pop(), nullable


def column_types(record: type) -> list[tuple[str, str, bool]]:
    """(column, SQL type, nullable) of each field of a record, in order."""
    hints = typing.get_type_hints(record)
    return [(f.name, *column_type(hints[f.name])) for f in dataclasses.fields(record)]


def ddl(stored: StoredTable) -> str:
    """CREATE TABLE for a registered table, in the schema files' own form: the `--` block
    above it is the table's comment and each column's `--` text its comment, so the store
    documents it like the others."""
    docs = {f.name: f.metadata.get("doc", "") for f in dataclasses.fields(stored.record)}
    cols = column_types(stored.record)
    lines = []
    for i, (name, sql, nullable) in enumerate(cols):
        constraint = " PRIMARY KEY" if name == stored.key else "" if nullable else " NOT NULL"
        comma = "," if i < len(cols) - 1 else ""
        lines.append(f"    {name} {sql}{constraint}{comma}  -- {docs[name]}")
    return f"-- {stored.doc}\nCREATE TABLE IF NOT EXISTS {stored.name} (\n" + "\n".join(lines) + "\n);\n"


def extra_ddl(created: Iterable[str]) -> str:
    """DDL for every registered table not among `created` (the schema files' tables)."""
    have = set(created)
    return "\n".join(ddl(t) for t in _TABLES.values() if t.name not in have)
