"""The limits that bound one document's work, in one place with documented defaults.

A researcher's folder holds whatever agencies uploaded: a 560-byte PDF declaring one page
the size of a football field, a Word file whose one cell spans twenty million columns, a
text export of a 100,000-row table. Each of these must cost at most its own document, never
the batch. So every bound lives here (modelled on pdfplumber's one `TableSettings` object),
the CLI exposes each as an option, and the message a document gets when it hits one names
the limit and the option that raises it (`Limits.exceeded`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

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
