"""The typed rows of every stored table, one dataclass per table, fields in column order.

Generated once from schemas/001_core.sql and held to it by tests/test_registry.py: a field
added here without its column (or the reverse) fails the suite. The column comments stay in
the schema file, the one data dictionary; these classes say which fields a record may carry
and of what type, so `store.write_document` can refuse a misspelt key instead of storing a
silent NULL. Curators keep building plain dicts on the hot path; `pipeline.registry` checks
their keys against these fields.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from typing import Any

#: what a JSON column holds: a list (warnings, notes, cells) or an object
JsonValue = list | dict


def column(doc: str, *, required: bool = False) -> Any:
    """A record field with its column comment, for a table whose DDL the registry writes
    (`pipeline.registry.ddl`): `value: float | None = column("…")`. A required field is NOT
    NULL and has no default."""
    if required:
        return dataclasses.field(metadata={"doc": doc})
    return dataclasses.field(default=None, metadata={"doc": doc})


@dataclass(kw_only=True)
class DocumentRow:
    """A row of `documents`: One row per input file: what it is, who published it, and how its
    extraction went."""

    doc_id: str
    file_name: str
    source_path: str
    sha256: str
    format: str
    doc_type: str | None = None
    entity: str | None = None
    region: str | None = None
    fiscal_year: int | None = None
    n_pages: int | None = None
    status: str
    error: str | None = None
    extracted_at: datetime
    pipeline_version: str
    n_lines: int | None = None
    n_tables: int | None = None
    warnings: JsonValue | None = None
    metadata_notes: JsonValue | None = None
    last_error: str | None = None
    last_attempt_at: datetime | None = None
    stale: bool | None = None
    duplicate_of: str | None = None


@dataclass(kw_only=True)
class ExtractLogRow:
    """A row of `extract_log`: One row per document attempt, so a researcher can see what each run
    did to each file."""

    attempted_at: datetime
    source_path: str
    doc_id: str | None = None
    status: str
    message: str | None = None


@dataclass(kw_only=True)
class SourceTableRow:
    """A row of `source_tables`: One row per table found in a report, every table including
    unclassified ones, with its printed cells: the evidence every curated row points back to."""

    table_id: str
    doc_id: str
    label: str | None = None
    caption: str | None = None
    kind: str
    page_start: int | None = None
    page_end: int | None = None
    line_start: int | None = None
    line_end: int | None = None
    n_rows: int
    n_cols: int
    header: JsonValue | None = None
    cells: JsonValue | None = None
    table_index: int | None = None
    pieces: int | None = None
    kind_reason: str | None = None
    notes: JsonValue | None = None
    header_cells: JsonValue | None = None
    set_aside_cells: JsonValue | None = None


@dataclass(kw_only=True)
class PerformanceRow:
    """A row of `performance`: One row per indicator × year × measure printed in a performance
    table (Perjanjian Kinerja, capaian, Renstra targets). A printed row gives one record per
    year and measure. Rows with filled_from_row set repeat a merged cell printed once:
    v_printed_figures leaves them out."""

    doc_id: str
    table_id: str
    row_no: int
    sasaran: str | None = None
    indicator: str | None = None
    indicator_key: str | None = None
    unit: str | None = None
    year: int | None = None
    measure: str | None = None
    target: float | None = None
    target_text: str | None = None
    realisasi: float | None = None
    realisasi_text: str | None = None
    capaian_reported: float | None = None
    predikat_reported: str | None = None
    page: int | None = None
    line: int | None = None
    capaian_text: str | None = None
    unit_printed: str | None = None
    target_before: float | None = None
    target_low: float | None = None
    target_high: float | None = None
    program: str | None = None
    name: str | None = None
    level: str | None = None
    org_unit: str | None = None
    provisional: bool | None = None
    polarity: str | None = None
    catalog_match: str | None = None
    parse_note: str | None = None
    filled_from_row: int | None = None
    performance_id: str


@dataclass(kw_only=True)
class BudgetRow:
    """A row of `budget`: One row per budget line (programme, kegiatan, sub kegiatan, unit, total)
    of a budget or realisation table, amounts in whole rupiah."""

    doc_id: str
    table_id: str
    row_no: int
    level: str | None = None
    parent_row_no: int | None = None
    unit: str | None = None
    code: str | None = None
    name: str | None = None
    name_key: str | None = None
    pagu_before: float | None = None
    pagu: float | None = None
    realisasi: float | None = None
    capaian_reported: float | None = None
    page: int | None = None
    line: int | None = None
    year: int | None = None
    measure: str | None = None
    sisa: float | None = None
    change: float | None = None
    scale: int | None = None
    realisasi_tw1: float | None = None
    realisasi_tw2: float | None = None
    realisasi_tw3: float | None = None
    realisasi_tw4: float | None = None
    pagu_text: str | None = None
    realisasi_text: str | None = None
    capaian_text: str | None = None
    pagu_before_text: str | None = None
    parse_note: str | None = None
    realisasi_tw1_text: str | None = None
    realisasi_tw2_text: str | None = None
    realisasi_tw3_text: str | None = None
    realisasi_tw4_text: str | None = None
    budget_id: str


@dataclass(kw_only=True)
class IkuRow:
    """A row of `iku`: One row per key performance indicator (IKU) definition."""

    doc_id: str
    table_id: str
    row_no: int
    sasaran: str | None = None
    indicator: str | None = None
    indicator_key: str | None = None
    definition: str | None = None
    formula: str | None = None
    data_source: str | None = None
    responsible: str | None = None
    page: int | None = None
    line: int | None = None
    iku_id: str


@dataclass(kw_only=True)
class StaffingRow:
    """A row of `staffing`: One row per staff count: a unit's staff by a dimension (rank,
    education, position, …), by sex where printed."""

    doc_id: str
    table_id: str
    row_no: int
    unit: str | None = None
    dimension: str | None = None
    category: str | None = None
    count: float | None = None
    page: int | None = None
    line: int | None = None
    sex: str | None = None
    count_text: str | None = None
    is_total: bool | None = None
    staffing_id: str


@dataclass(kw_only=True)
class IkkRow:
    """A row of `ikk`: One row per LPPD key indicator (IKK) or SPM ratio: a numerator over a
    denominator."""

    doc_id: str
    table_id: str
    row_no: int
    urusan: str | None = None
    indicator: str | None = None
    numerator_label: str | None = None
    numerator: float | None = None
    denominator_label: str | None = None
    denominator: float | None = None
    capaian_reported: float | None = None
    page: int | None = None
    line: int | None = None
    numerator_text: str | None = None
    denominator_text: str | None = None
    capaian_text: str | None = None
    parse_note: str | None = None
    ikk_id: str


@dataclass(kw_only=True)
class ClaimRow:
    """A row of `claims`: Figures stated in the report's prose, for the narrative checks."""

    doc_id: str
    line: int | None = None
    page: int | None = None
    kind: str
    subject: str | None = None
    year: int | None = None
    value: float | None = None
    value_text: str | None = None
    text: str | None = None
    field: str | None = None
    ordinal: int | None = None
    implied: float | None = None
    low: float | None = None
    high: float | None = None
    claim_id: str


@dataclass(kw_only=True)
class CheckRow:
    """A row of `checks`: One row per recomputation: a printed figure held against what its inputs
    give."""

    check_id: str
    doc_id: str
    table_id: str | None = None
    row_no: int | None = None
    kind: str
    subject: str | None = None
    reported: float | None = None
    recomputed: float | None = None
    diff: float | None = None
    tolerance: float | None = None
    status: str
    formula: str | None = None
    detail: str | None = None
    page: int | None = None
    line: int | None = None
    row_id: str | None = None


@dataclass(kw_only=True)
class RunRow:
    """A row of `runs`: its DDL and comments come from here (pipeline/registry.py `ddl`)."""

    run_id: str = column("the run's id (random, 12 hex digits)", required=True)
    started_at: datetime = column("when `kinerja extract` started (UTC)", required=True)
    kinerja_version: str = column("kinerja version of the run", required=True)
    settings: JsonValue | None = column(
        "every setting the run used, limits included (`kinerja settings` explains each)")
