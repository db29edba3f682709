"""Helpers for the PDF and Word tests: real documents processed once per session, and a
tiny PDF writer for synthetic pages (no PDF library is needed to write a test page)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

REAL_DOCS = Path(__file__).parent / "fixtures" / "real_docs"


@cache
def processed_real(name: str):
    """`process_document` of one real document, once per test session."""
    from pipeline.run import process_document

    return process_document(REAL_DOCS / name)


@cache
def extracted_real(name: str):
    """The extractor's `Document` of one real document, once per test session."""
    from pipeline.run import load

    return load(REAL_DOCS / name)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def page_stream(texts: list[tuple[float, float, str]],
                rules: list[tuple[float, float, float, float]] = (),
                fills: list[tuple[float, float, float, float, float]] = (),
                height: float = 842) -> bytes:
    """A content stream: `texts` (x, top, text) in 10 pt Helvetica, `rules` (x, top, w, h)
    as black filled hairline rectangles (how Word draws borders), `fills` (x, top, w, h,
    grey) as shading. Coordinates from the page's top-left corner, like pdfplumber's."""
    ops = []
    for x, top, w, h, grey in fills:
        ops.append(f"{grey} g {x} {height - top - h} {w} {h} re f")
    for x, top, w, h in rules:
        ops.append(f"0 g {x} {height - top - h} {w} {h} re f")
    for x, top, text in texts:
        ops.append(f"0 g BT /F1 10 Tf {x} {height - top - 8} Td ({_escape(text)}) Tj ET")
    return "\n".join(ops).encode("latin-1")


def write_pdf(path: Path, streams: list[bytes], width: float = 595, height: float = 842,
              page_attrs: str = "") -> Path:
    """Write a PDF whose pages draw the given content streams (an empty stream is a page
    without a text layer, as a scan without its image); `page_attrs` adds page dictionary
    entries ('/Rotate 90', another '/MediaBox')."""
    objects: list[bytes] = []
    n = len(streams)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for i, stream in enumerate(streams):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] {page_attrs} "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>".encode())
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def ruled_table(x0: float, top: float, widths: list[float], heights: list[float],
                open_top: float = 0.0) -> list[tuple[float, float, float, float]]:
    """Hairline rules of a grid; with `open_top` the column rules start that far above the
    top rule (a row continued from the previous page, its top rule not redrawn)."""
    xs = [x0]
    for w in widths:
        xs.append(xs[-1] + w)
    ys = [top]
    for h in heights:
        ys.append(ys[-1] + h)
    rules = [(xs[0], y, xs[-1] - xs[0], 0.5) for y in ys]
    rules += [(x, ys[0] - open_top, 0.5, ys[-1] - ys[0] + open_top) for x in xs]
    return rules
