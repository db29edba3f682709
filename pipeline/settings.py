"""The limits that bound one document's work and every tunable threshold of a run, in one
place with documented defaults (`Limits`, `Settings`).

A researcher's folder holds whatever agencies uploaded: a 560-byte PDF declaring one page
the size of a football field, a Word file whose one cell spans twenty million columns, a
text export of a 100,000-row table. Each of these must cost at most its own document, never
the batch. So every bound lives here (modelled on pdfplumber's one `TableSettings` object),
the CLI exposes each as an option, and the message a document gets when it hits one names
the limit and the option that raises it (`Limits.exceeded`).
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field, fields, replace
from functools import cache
from pathlib import Path

import tomllib

MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Per-document bounds. Defaults fit every real report seen so far with a wide margin
    (the largest: 170 pages, 3.5 MB, 0.7 s of CPU per page; a 4 GiB worker never came close)."""

    #: wall-clock seconds one document may take before it is stopped and marked failed
    time_seconds: float = 900.0
    #: address space of a worker process in MiB (RLIMIT_AS); 0 = no limit
    memory_mib: int = 6144
    #: pages read from one PDF; pages past it are not read and the document is partial
    max_pages: int = 2000
    #: pixels one page may have when rendered for OCR (width × height at the OCR resolution)
    max_page_pixels: int = 60_000_000
    #: grid cells one Word table may declare (rows × columns after gridSpan)
    max_docx_cells: int = 500_000
    #: bytes a .docx may decompress to (a zip bomb is refused before it is parsed)
    max_docx_unzipped_mib: int = 256
    #: characters of one text line; a longer line is cut and the document is partial
    max_line_chars: int = 100_000
    #: rows of one logical table; rows past it are not curated and the document is partial
    max_table_rows: int = 50_000

    OPTIONS = {  # noqa: RUF012 — the CLI option that raises each limit, for messages
        "time_seconds": "--time-limit",
        "memory_mib": "--memory-limit",
        "max_pages": "--max-pages",
        "max_page_pixels": "--max-page-pixels",
        "max_docx_cells": "--max-docx-cells",
        "max_docx_unzipped_mib": "--max-docx-unzipped",
        "max_line_chars": "--max-line-chars",
        "max_table_rows": "--max-table-rows",
    }

    def exceeded(self, name: str, what: str) -> str:
        """The one sentence a user sees: what went over, the limit, and how to raise it."""
        value = getattr(self, name)
        return f"{what} exceeds the limit of {value:g} ({self.OPTIONS[name]} {value:g} to change)"

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def names(cls) -> list[str]:
        return [f.name for f in fields(cls)]


DEFAULT_LIMITS = Limits()


class LimitExceeded(Exception):
    """A document went over one of its `Limits`; the message names the limit and its option."""


#: what each limit bounds, for `kinerja settings` and the CLI's option help
LIMIT_DOCS = {
    "time_seconds": "Seconds one document may take (0 = no limit).",
    "memory_mib": "MiB of address space per worker process (0 = no limit).",
    "max_pages": "Pages read from one PDF.",
    "max_page_pixels": "Pixels a scanned page may have at the OCR resolution.",
    "max_docx_cells": "Grid cells one Word table may declare.",
    "max_docx_unzipped_mib": "MiB a .docx may unzip to.",
    "max_line_chars": "Characters of one text line.",
    "max_table_rows": "Rows of one table that are curated.",
}


def setting(default: object, doc: str) -> object:
    """A settings field with its one-line meaning (`kinerja settings` prints it)."""
    return field(default=default, metadata={"doc": doc})


@dataclass(frozen=True)
class PdfSettings:
    """How a PDF page is read (extractors/pdf/): pdfplumber's table-finder tolerances and the
    geometric thresholds kinerja adds on top, as pdfplumber's own `TableSettings` gathers its
    own. Distances are PDF points; the defaults read every report seen so far."""

    page_source: str = setting(
        "pdfium", "What parses a PDF page into chars and rulings for pdfplumber: 'pdfium' "
        "(extractors/page_source.py: pdfminer's objects, kinerja ~2x faster end to end) or "
        "'pdfminer' (pdfplumber's own parser).")
    snap_tolerance: float = setting(3, "Points within which parallel rulings snap to one (pdfplumber).")
    join_tolerance: float = setting(3, "Points within which ruling segments on one line join (pdfplumber).")
    intersection_tolerance: float = setting(5, "Points within which rulings count as crossing (pdfplumber).")
    min_table_rows: int = setting(2, "Rows a ruled grid needs to be a table (a smaller framed box is text).")
    min_table_cols: int = setting(2, "Columns a ruled grid needs to be a table.")
    line_tolerance: float = setting(3, "Points within which two words' tops are one text line.")
    hairline: float = setting(2.0, "A filled rectangle thinner than this many points is a drawn ruling, not shading.")
    sliver: float = setting(10.0, "A grid column narrower than this many points is a ruling fragment, not a column.")
    header_zone_max: int = setting(6, "Rows at most above a grid's first figure that can name its columns.")
    paragraph_pitch: float = setting(1.5, "Line heights, top to top, within which lines are one cell's text.")
    row_overlap: float = setting(0.5, "Points a line must overlap a row band by to belong to that row.")
    furniture_band: float = setting(0.12, "Share of the page height at top and bottom where running headers sit.")
    furniture_share: float = setting(0.3, "Share of the pages a band line must recur on to be a running header/footer.")
    furniture_min_pages: int = setting(3, "Pages a band line must recur on, at least, to be furniture.")
    ocr_resolution: int = setting(200, "Dots per inch a scanned page is rendered at for OCR.")
    parallel_min_pages: int = setting(24, "Pages a PDF needs before --page-jobs splits it (a worker costs ~0.3 s).")
    open_side_overhang: float = setting(3.0, "Points a table's rulings must run on past its outermost ruling "
                                        "for that side to be open (extractors/pdf/open_sides.py).")
    shading_band_cover: float = setting(0.9, "Share of a table's width a band of shading must cover for its "
                                        "edge to end a row drawn without a ruling.")

    def table_settings(self) -> dict:
        """pdfplumber's table-finder settings: rulings only, with these tolerances."""
        return {"vertical_strategy": "lines", "horizontal_strategy": "lines",
                "snap_tolerance": self.snap_tolerance, "join_tolerance": self.join_tolerance,
                "intersection_tolerance": self.intersection_tolerance}

    @classmethod
    def docs(cls) -> dict[str, str]:
        return {f.name: f.metadata["doc"] for f in fields(cls)}


DEFAULT_PDF = PdfSettings()


@dataclass(frozen=True)
class Settings:
    """Every tunable number of a run in one object: the limits, the fuzzy-match cut-offs and
    the check tolerances, with the defaults every result so far was produced with. A run's
    settings are stored with it (the `runs` table) so a result can be reproduced; a config
    file (`kinerja --config kinerja.toml`) changes them. Fuzzy scores are rapidfuzz's 0–100.

    Each module reads its value through `current()` when it runs, not at import, so the
    settings a run was started with reach its worker processes too (KINERJA_CONFIG)."""

    limits: Limits = setting(DEFAULT_LIMITS, "Per-document bounds ([limits] in a config file).")
    pdf: PdfSettings = setting(DEFAULT_PDF, "How PDF pages are read ([pdf] in a config file).")
    catalog_fuzzy_min: float = setting(
        92, "Least token-sort score for a printed indicator to take a catalog entry's key.")
    nomenclature_fuzzy_min: float = setting(
        93, "Least score for a printed programme/kegiatan name to be an official nomenclature name.")
    claim_indicator_min: float = setting(
        92, "Least partial score for a sentence to name a table's indicator (narrative claims).")
    claim_subject_min: float = setting(
        85, "Least token-set score for a claim's subject to be an indicator of the table above it.")
    unit_spelling_min: float = setting(
        90, "Least score for two org-unit names to be one unit misspelt (cross-table checks).")
    unit_spelling_max_units: int = setting(
        500, "Org units past which the spelling merge is skipped (it compares pairs).")
    truncated_min_words: int = setting(
        5, "Words a name must keep to match a longer one it is a truncation of (cross-table).")
    same_activity_min_words: int = setting(
        2, "Words a programme name must keep to be the same activity in two tables.")
    truncation_allowance: float = setting(
        0.01, "Added to half the last printed digit: a figure truncated, not rounded, is no error.")
    amount_tolerance: float = setting(
        1.0, "Rupiah a footing sum may differ by in a table of whole rupiah.")
    footing_trust_share: float = setting(
        0.6, "Share of a table's sums that must foot before its other mismatches are trusted.")
    footing_section_min_sums: int = setting(
        3, "Sums a section needs before its own share of footing sums is judged.")
    whole_budget_share: float = setting(
        0.9, "Share of the largest line a budget claim must reach to be the whole budget.")

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def docs(cls) -> dict[str, str]:
        """Every setting's meaning: a section's as '<section>.<name>' ('limits.max_pages')."""
        out = {f.name: f.metadata["doc"] for f in fields(cls) if f.name not in SECTIONS}
        return out | {f"{section}.{name}": doc for section, (_, docs) in SECTIONS.items()
                      for name, doc in docs().items()}


DEFAULT_SETTINGS = Settings()
PAGE_SOURCES = ("pdfminer", "pdfium")  # extractors/page_source.py
CONFIG_ENV = "KINERJA_CONFIG"
#: `kinerja extract --page-jobs N` reaches the PDF extractor of every document worker through
#: the environment, which the workers inherit
PAGE_JOBS_ENV = "KINERJA_PAGE_JOBS"


class ConfigError(ValueError):
    """A config file kinerja cannot use; the message names the file and the key."""


#: the settings grouped in a table of their own: [limits], [pdf] — (class, its docs)
SECTIONS = {"limits": (Limits, lambda: LIMIT_DOCS), "pdf": (PdfSettings, PdfSettings.docs)}


def from_mapping(values: dict, source: str = "config") -> Settings:
    """Settings from a parsed config (the TOML's top-level keys and its [limits] and [pdf]
    tables); an unknown key is an error naming it, never silently ignored."""
    names = {f.name for f in fields(Settings)}
    unknown = sorted(set(values) - names)
    for section, (kind, _) in SECTIONS.items():
        given = values.get(section, {})
        unknown += [f"{section}.{k}" for k in sorted(set(given) - {f.name for f in fields(kind)})]
    if unknown:
        raise ConfigError(f"{source}: unknown setting {unknown[0]!r} (`kinerja settings` lists them)")
    top = {k: v for k, v in values.items() if k not in SECTIONS}
    parts = {section: replace(getattr(DEFAULT_SETTINGS, section), **values.get(section, {}))
             for section in SECTIONS}
    if parts["pdf"].page_source not in PAGE_SOURCES:
        raise ConfigError(f"{source}: pdf.page_source must be one of {', '.join(PAGE_SOURCES)}, "
                          f"not {parts['pdf'].page_source!r}")
    return replace(DEFAULT_SETTINGS, **parts, **top)


def load(path: str | Path) -> Settings:
    """Settings from a TOML config file."""
    path = Path(path)
    try:
        values = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise ConfigError(f"{path}: cannot be read as a TOML config ({err})") from err
    return from_mapping(values, str(path))


@cache
def _loaded(path: str) -> Settings:
    return load(path) if path else DEFAULT_SETTINGS


def current() -> Settings:
    """The settings of this run: the config file named in $KINERJA_CONFIG (set by
    `kinerja --config`, inherited by worker processes), else the defaults."""
    return _loaded(os.environ.get(CONFIG_ENV, ""))


def to_toml(settings: Settings) -> str:
    """The settings as a config file, each with its meaning and default as a comment."""
    docs = Settings.docs()
    lines = []
    for name, value in settings.as_dict().items():
        if name not in SECTIONS:
            lines += [f"# {docs[name]} (default {getattr(DEFAULT_SETTINGS, name)!r})",
                      f"{name} = {value!r}"]
    for section in SECTIONS:
        lines.append(f"\n[{section}]")
        default = getattr(DEFAULT_SETTINGS, section)
        for name, value in asdict(getattr(settings, section)).items():
            lines += [f"# {docs[f'{section}.{name}']} (default {getattr(default, name)!r})",
                      f"{name} = {value!r}"]
    return "\n".join(lines) + "\n"
