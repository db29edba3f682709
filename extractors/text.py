"""Text and markdown conversions of reports: tab-separated and pipe tables.

The extractor knows the file format and nothing about reports. It cuts the file into lines
and into blocks of consecutive table lines; each block becomes one `RawTable` whose cells
carry their 1-based line number. Joining blocks split by a page break is reconstruction's
job (format-blind), not this module's.
"""

from __future__ import annotations

import re
from pathlib import Path

from extractors.layout import preceding_text
from pipeline.model import Cell, Document, RawTable
from pipeline.settings import DEFAULT_LIMITS, Limits

MARKDOWN_SEPARATOR = re.compile(r"^\s*\|?(\s*:?-{1,}:?\s*\|)+\s*(:?-{1,}:?)?\s*$")


class ExtractionError(Exception):
    """Raised with a message naming the file when it cannot be read at all."""


def utf16_encoding(data: bytes) -> str | None:
    """'utf-16' for a BOM, 'utf-16-le'/'-be' for BOM-less text whose every other byte is NUL
    (what Windows' 'Unicode' save gives), else None: such a file is text, not binary."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def decode(data: bytes, path: str) -> tuple[str, list[str]]:
    """Decode as UTF-8 (BOM tolerated) or UTF-16 (BOM or NUL pattern); fall back to cp1252,
    which Windows exports use."""
    warnings: list[str] = []
    wide = utf16_encoding(data)
    if wide:
        try:
            return data.decode(wide).lstrip("\ufeff"), warnings
        except UnicodeDecodeError as err:
            raise ExtractionError(f"{path}: looks like UTF-16 text but byte {err.start} is "
                                  "not; save it as UTF-8") from err
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        text = data.decode("cp1252", errors="replace")
        warnings.append(
            f"{path}: not valid UTF-8 (byte {err.start}); decoded as cp1252, check accented text"
        )
    if "\x00" in text:
        raise ExtractionError(f"{path}: contains NUL bytes; not a text report")
    return text, warnings


def split_lines(text: str) -> list[str]:
    """Split on newlines only: `str.splitlines` also breaks on form feeds and U+2028, which
    would shift every line number an auditor is given. A file with bare carriage returns and
    no newline at all (old Mac line endings) is split on those."""
    if "\n" not in text and "\r" in text:
        return text.split("\r")
    return [line.rstrip("\r") for line in text.split("\n")]


def bound_lines(lines: list[str], path: str, limits: Limits) -> list[str]:
    """Cut lines past `max_line_chars`, so one 50 MB line of pipe cells cannot stall the batch;
    the warning names the first such line and the limit."""
    cut = [i for i, line in enumerate(lines) if len(line) > limits.max_line_chars]
    if not cut:
        return []
    for i in cut:
        lines[i] = lines[i][: limits.max_line_chars]
    what = f"{len(cut)} line(s), first line {cut[0] + 1}, longer than allowed:"
    return [f"{path}: {what} " + limits.exceeded("max_line_chars", "a line's length (characters)")
            + "; the rest of each such line was not read"]


def is_markdown_row(line: str) -> bool:
    return line.lstrip().startswith("|")


def split_markdown_row(line: str) -> list[str]:
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    parts = re.split(r"(?<!\\)\|", body)
    return [p.replace("\\|", "|").strip() for p in parts]


def is_table_line(line: str) -> bool:
    return "\t" in line or is_markdown_row(line)


def _block_to_table(lines: list[str], start: int, end: int, floor: int) -> RawTable:
    """Lines [start, end) (0-based) are one block of table lines."""
    rows = []
    header_rows: int | None = None
    markdown = all(is_markdown_row(lines[i]) for i in range(start, end))
    for i in range(start, end):
        line = lines[i]
        if markdown:
            if MARKDOWN_SEPARATOR.match(line):
                if header_rows is None:
                    header_rows = len(rows)
                continue
            texts = split_markdown_row(line)
        else:
            texts = [t.strip() for t in line.split("\t")]
        rows.append([Cell(text=t, line=i + 1) for t in texts])
    # Trailing empty cells come from a tab at the end of the line, not from a printed column.
    for row in rows:
        while len(row) > 1 and not row[-1].text:
            row.pop()
    return RawTable(
        rows=rows,
        style="markdown" if markdown else "tsv",
        line_start=start + 1,
        line_end=end,
        header_rows=header_rows,
        preceding_text=preceding_text(lines, start, floor),
    )


def tables_from_lines(lines: list[str]) -> list[RawTable]:
    tables: list[RawTable] = []
    floor = 0
    i = 0
    while i < len(lines):
        if not is_table_line(lines[i]):
            i += 1
            continue
        j = i
        while j < len(lines) and is_table_line(lines[j]):
            j += 1
        table = _block_to_table(lines, i, j, floor)
        if table.rows:
            tables.append(table)
        floor = j
        i = j
    return tables


def extract(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read one text/markdown report."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as err:
        raise ExtractionError(f"{p}: cannot read ({err.strerror})") from err
    text, warnings = decode(data, str(p))
    lines = split_lines(text)
    warnings += bound_lines(lines, str(p), limits)
    if not any(line.strip() for line in lines):
        raise ExtractionError(f"{p}: holds only white space; nothing to extract")
    raw_tables = tables_from_lines(lines)
    fmt = "markdown" if any(t.style == "markdown" for t in raw_tables) else "text"
    return Document(path=str(p), format=fmt, lines=lines, raw_tables=raw_tables, warnings=warnings)
