"""Word (.docx) reports: paragraphs and explicit tables, in document order.

Word states its tables outright, so no layout guessing is needed; what needs care is what
python-docx's convenience API hides. Its `row.cells` repeats a merged cell's text in every
grid position it covers, while the printed page shows it once — reconstruction's forward
fill expects what print shows. So cells are read from the XML: a horizontally merged cell
(`w:gridSpan`) fills its extra grid columns with empty cells, and a vertical continuation
(`w:vMerge` without `restart`) is empty. Header rows marked to repeat (`w:tblHeader`) become
`header_rows`.

Provenance: Word has no fixed pages; `line` numbers count the document's paragraphs and
table rows in order (the same numbering `Document.lines` uses), so every cell still leads
back to a place in the file.
"""

from __future__ import annotations

from pathlib import Path

from extractors.layout import LineLayout
from pipeline.model import Cell, Document
from pipeline.settings import DEFAULT_LIMITS, LimitExceeded, Limits

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class DocxError(Exception):
    """Raised with a message naming the file."""


def _text(element) -> str:
    """Visible text of a paragraph or cell: runs, tabs and breaks, paragraphs joined."""
    paragraphs = []
    for p in element.iter(f"{W}p"):
        parts = []
        for node in p.iter():
            if node.tag == f"{W}t" and node.text:
                parts.append(node.text)
            elif node.tag in (f"{W}tab",) or node.tag in (f"{W}br", f"{W}cr"):
                parts.append(" ")
        paragraphs.append("".join(parts))
    return " ".join(p.strip() for p in paragraphs if p.strip())


def _cell_span(tc) -> int:
    span = tc.find(f"{W}tcPr/{W}gridSpan")
    try:
        return max(1, int(span.get(f"{W}val"))) if span is not None else 1
    except (TypeError, ValueError):
        return 1


def _is_vertical_continuation(tc) -> bool:
    merge = tc.find(f"{W}tcPr/{W}vMerge")
    return merge is not None and merge.get(f"{W}val") in (None, "continue")


def _declared_cells(tbl) -> int:
    """Grid cells a table declares (gridSpan counted), read before any cell is built: a
    172 KB file with one cell spanning twenty million columns must not become 3 GB."""
    return sum(_cell_span(tc) for tr in tbl.iterchildren(f"{W}tr")
               for tc in tr.iterchildren(f"{W}tc"))


def check_unzipped_size(path: Path, limits: Limits) -> None:
    """Refuse a zip bomb before python-docx inflates it."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as err:
        raise DocxError(f"{path}: not a readable Word .docx file ({type(err).__name__}: {err})"
                        ) from err
    if total > limits.max_docx_unzipped_mib * 1024 * 1024:
        raise LimitExceeded(f"{path}: " + limits.exceeded(
            "max_docx_unzipped_mib", f"its unzipped size ({total // (1024 * 1024)} MiB)"))


def _table_rows(tbl, first_line: int) -> tuple[list[list[Cell]], int]:
    rows: list[list[Cell]] = []
    header_rows = 0
    counting_header = True
    for offset, tr in enumerate(tbl.iterchildren(f"{W}tr")):
        line = first_line + offset
        row: list[Cell] = []
        for tc in tr.iterchildren(f"{W}tc"):
            text = "" if _is_vertical_continuation(tc) else _text(tc)
            row.append(Cell(text=text, line=line))
            row += [Cell(text="", line=line) for _ in range(_cell_span(tc) - 1)]
        repeats = tr.find(f"{W}trPr/{W}tblHeader") is not None
        if counting_header and repeats:
            header_rows += 1
        else:
            counting_header = False
        rows.append(row)
    return rows, header_rows


def extract(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> Document:
    p = Path(path)
    check_unzipped_size(p, limits)
    try:
        import docx  # python-docx

        word = docx.Document(str(p))
    except Exception as err:  # noqa: BLE001 — any unreadable file is reported by name
        raise DocxError(f"{p}: not a readable Word .docx file ({type(err).__name__}: {err})") from err
    layout = LineLayout()
    warnings: list[str] = []
    for child in word.element.body.iterchildren():
        if child.tag == f"{W}p":
            layout.add_line(_text(child))
        elif child.tag == f"{W}tbl":
            _add_table(layout, child, p, limits, warnings)
    return Document(path=str(p), format="docx", lines=layout.lines, raw_tables=layout.tables,
                    warnings=warnings)


def _add_table(layout: LineLayout, tbl, path: Path, limits: Limits, warnings: list[str]) -> None:
    declared = _declared_cells(tbl)
    if declared > limits.max_docx_cells:
        warnings.append(f"{path}: table after line {len(layout.lines)} declares {declared} cells; "
                        + limits.exceeded("max_docx_cells", "its grid (cells)")
                        + "; the table was not read")
        return
    rows, header_rows = _table_rows(tbl, len(layout.lines) + 1)
    if rows:
        layout.add_table(rows, "docx", header_rows=header_rows or None)
