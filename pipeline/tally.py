"""What one run stored, for its summary: kept apart from pipeline/batch.py so the
unchanged-run shortcut (pipeline/manifest.py) can print the summary without importing
DuckDB."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from pipeline.model import DocumentResult


@dataclass
class Tally:
    """What reached the database, for the summary: nothing is counted that was not stored."""

    outcomes: Counter = field(default_factory=Counter)
    kinds: Counter = field(default_factory=Counter)
    rows: Counter = field(default_factory=Counter)
    mismatches: int = 0
    problems: list[tuple[str, str, list[str]]] = field(default_factory=list)  # (file, outcome, messages)

    def add(self, result: DocumentResult, outcome: str) -> None:
        doc = result.document
        shown = outcome if outcome in ("kept", "duplicate", "unstored") else doc["status"]
        self.outcomes[shown] += 1
        messages = [m for m in [doc.get("error")] + list(doc.get("warnings") or []) if m]
        if messages:
            self.problems.append((doc["source_path"], shown, messages))
        if outcome != "stored":
            return
        for table in result.tables.get("source_tables", []):
            self.kinds[table["kind"]] += 1
        for name, records in result.tables.items():
            if name != "source_tables":
                self.rows[name] += len(records)
        self.mismatches += sum(1 for c in result.tables.get("checks", [])
                               if c["status"] == "mismatch")


def first_line(err: BaseException) -> str:
    """An error as one line: its first line of text, else its type's name."""
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__
