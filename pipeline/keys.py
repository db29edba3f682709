"""Surrogate keys of the fact tables: one id per curated row, the same on every run.

A printed table row can yield several records (one per year and measure, one per indicator
column, one per sex), and the printed coordinates (table, row, year, measure) are not unique
on real reports, so each fact row gets an id of its own. The id is built from where the row
was printed and its order there, so a re-extraction of the same file gives the same ids and
a check can name the exact row it recomputed (`checks.row_id`).
"""

from __future__ import annotations

from collections import Counter

from pipeline import registry

# Fact table → its key column, from the tables pipeline/registry.py declares `surrogate`.
# Tables not named here have natural keys of their own (documents.doc_id,
# source_tables.table_id, checks.check_id) or none (extract_log).
ROW_ID = registry.row_ids()


def row_id_of(row: dict) -> str | None:
    """The key of a curated row, whichever fact table it belongs to (None for a row that is
    not one, such as the where-clause of a table-level check)."""
    for column in ROW_ID.values():
        if row.get(column):
            return row[column]
    return None


def assign_ids(tables: dict[str, list[dict]]) -> None:
    """Give every fact row that has no id one: '<table_id>:r<row_no>:<n>' for table rows (n
    counts the records of that printed row, from 1), '<doc_id>:c<n>' for prose claims."""
    for table, column in ROW_ID.items():
        rows = tables.get(table) or []
        seen: Counter = Counter()
        for row in rows:
            place = _place(table, row)
            seen[place] += 1
            if not row.get(column):
                row[column] = f"{place}:{seen[place]}" if table != "claims" else f"{place}{seen[place]}"


def _place(table: str, row: dict) -> str:
    if table == "claims":
        return f"{row.get('doc_id')}:c"
    return f"{row.get('table_id')}:r{row.get('row_no')}"


def backfill_sql(table: str) -> str:
    """SQL giving the rows of `table` that have no id the id `assign_ids` would have given
    them (rows in stored order): for databases written before the fact tables had keys."""
    column = ROW_ID[table]
    if table == "claims":
        place, partition, sep = "doc_id || ':c'", "doc_id", "''"
    else:
        place, partition, sep = "table_id || ':r' || row_no", "table_id, row_no", "':'"
    return (
        f'UPDATE {table} SET "{column}" = numbered.id FROM ('
        f"SELECT rowid AS rid, {place} || {sep} || row_number() OVER "
        f"(PARTITION BY {partition} ORDER BY rowid) AS id FROM {table}) numbered "
        f'WHERE {table}.rowid = numbered.rid AND {table}."{column}" IS NULL'
    )
