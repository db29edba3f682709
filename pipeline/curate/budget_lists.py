"""Budget lists printed as text: a programme / anggaran list laid out with tabs, not a table.

A Perjanjian Kinerja often closes with 'Program | Anggaran | Keterangan' as a heading line
and one paragraph per programme ('Pelayanan Kesehatan  Rp. 750.700.000,-  APBD'), names
wrapping onto a line of their own. No extractor sees a table there, so its amounts were
lost. This module reads such a run of lines as a table of its own, so classification and
budget curation treat it like any printed table, and says where it came from (a note on
the table, each cell's line) so a reader can find it.

The evidence is geometric and lexical, never a document's wording: a heading line of two
or three column words, one of them money vocabulary, then two or more lines that each end
in a rupiah amount (with an optional short fund source after it).
"""

from __future__ import annotations

import re

from pipeline.model import Cell, Document, LogicalTable

MONEY_HEAD = re.compile(r"\b(anggaran|pagu|alokasi|dpa|dana|rp\.?|rupiah)\b", re.IGNORECASE)
AMOUNT_LINE = re.compile(
    r"^(?P<name>.*?[A-Za-z].*?)\s+(?P<amount>Rp\.?\s*\d{1,3}(?:[.,]\d{3})+(?:,\d{2}|,-|\.-)?)"
    r"\s*(?P<rest>[^\d]{0,40})$"
)
MIN_ITEMS = 2


def _heading(line: str) -> list[str] | None:
    """The column words of a heading line: two or three words set apart by wide gaps (or
    tabs), one of them naming money."""
    parts = [p.strip() for p in re.split(r"\t+|\s{3,}", line.strip()) if p.strip()]
    if not 2 <= len(parts) <= 3 or any(len(p.split()) > 4 for p in parts):
        return None
    return parts if any(MONEY_HEAD.search(p) for p in parts[1:]) else None


def _items(lines: list[str], start: int) -> tuple[list[list[tuple[int, str]]], int]:
    """The list items from line index `start`: each a list of (line index, text), the
    amount line and its wrapped name lines. A line without an amount joins the next amount
    line when that one opens in lower case (its name goes on), else the item above. The
    run ends at a blank line or at a line that is neither."""
    items: list[list[tuple[int, str]]] = []
    pending: list[tuple[int, str]] = []
    i = start
    while i < len(lines) and lines[i].strip():
        text = lines[i].strip()
        if AMOUNT_LINE.match(text):
            items.append(pending + [(i, text)])
            pending = []
        elif len(text.split()) <= 8 and not re.search(r"\d", text):
            nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
            if AMOUNT_LINE.match(nxt) and nxt[:1].islower():
                pending.append((i, text))
            elif items and not pending:
                items[-1].append((i, text))
            else:
                break
        else:
            break
        i += 1
    return items, i


def _row(item: list[tuple[int, str]], pages: list[int] | None) -> list[Cell]:
    """One item as (name, amount, rest) cells, each on the line the amount is printed on."""
    amount_at = next(k for k, (_, t) in enumerate(item) if AMOUNT_LINE.match(t))
    line_idx, text = item[amount_at]
    m = AMOUNT_LINE.match(text)
    assert m is not None
    names = [t for _, t in item[:amount_at]] + [m.group("name")] + [t for _, t in item[amount_at + 1:]]
    name = re.sub(r"\s+", " ", " ".join(names)).strip()
    page = pages[line_idx] if pages and line_idx < len(pages) else None
    line = line_idx + 1
    return [Cell(name, line=line, page=page), Cell(m.group("amount"), line=line, page=page),
            Cell(m.group("rest").strip(), line=line, page=page)]


def _covered(tables: list[LogicalTable]) -> set[int] | None:
    """Line indexes inside the document's tables; None when a table does not say its lines
    (a PDF's text layer repeats its tables' text, so a list there is not told apart yet)."""
    covered: set[int] = set()
    for t in tables:
        if t.line_start is None or t.line_end is None:
            return None
        covered.update(range(t.line_start - 1, t.line_end))
    return covered


def list_tables(document: Document, tables: list[LogicalTable]) -> list[LogicalTable]:
    """Budget lists printed as text, each as a LogicalTable placed after `tables`."""
    covered = _covered(tables)
    if covered is None:
        return []
    found: list[LogicalTable] = []
    lines = document.lines
    i = 0
    while i < len(lines) - 1:
        head = _heading(lines[i]) if i not in covered else None
        if head is None:
            i += 1
            continue
        items, end = _items(lines, i + 1)
        if len(items) < MIN_ITEMS or covered & set(range(i, end)):
            i += 1
            continue
        columns = (head + ["Keterangan"])[:3] if len(head) == 2 else head
        rows = [_row(item, document.line_pages) for item in items]
        index = max((t.index for t in tables), default=-1) + 1 + len(found)
        found.append(LogicalTable(
            index=index, label=None, caption=None, header_rows=[columns], columns=columns,
            rows=rows, line_start=i + 1, line_end=end, notes=[
                f"read from {len(items)} text lines under the heading on line {i + 1}, not a "
                "printed table: a budget list laid out with tabs or spaces"]))
        i = end
    return found
