"""A whole PDF: opened (errors named), its pages built and read one by one or in parallel
(extractors/pdf_pages.py), scanned pages OCR'd or named, the lines laid out and the result
returned as a `Document`.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from extractors.layout import LineLayout
from extractors.pdf.content import PageContent, PdfError
from extractors.pdf.furniture import furniture_keys, is_furniture
from extractors.pdf.page import read_text_page
from extractors.pdf.scanned import read_scanned_page, tesseract_available
from pipeline.model import Document
from pipeline.settings import DEFAULT_LIMITS, PAGE_JOBS_ENV, Limits, current


def _open(path: Path):
    """The PDF in pdfplumber, its pages parsed by the run's page source (Settings.pdf)."""
    try:
        from extractors.page_source import open_pdf

        return open_pdf(str(path), current().pdf.page_source)
    except Exception as err:  # noqa: BLE001 — any unreadable file is reported by name
        raise PdfError(_unreadable(path, err)) from err


def _causes(err: BaseException) -> list[BaseException]:
    """The error and what it wraps: pdfplumber hides pdfminer's error in its `args`."""
    chain = [err, *[a for a in err.args if isinstance(a, BaseException)]]
    if err.__cause__ is not None:
        chain.append(err.__cause__)
    return chain


def _is_encrypted(err: BaseException) -> bool:
    """pdfminer's password and encryption errors, however pdfplumber wraps them."""
    names = " ".join(type(e).__name__ for e in _causes(err))
    return "Password" in names or "Encrypt" in names or "encrypt" in str(err).lower()


def _unreadable(path: Path, err: BaseException) -> str:
    """Why pdfminer could not open the file, in words: its encryption errors carry no text."""
    name = type(err).__name__
    if _is_encrypted(err):
        return (f"{path}: password-protected (encrypted) PDF; kinerja cannot read it — save a "
                "copy without the password and extract that")
    inner = _causes(err)[-1]
    detail = str(inner) or type(inner).__name__
    return f"{path}: not a readable PDF ({name}: {detail})"


def _is_blank(page) -> bool:
    """No text, no picture: nothing OCR could read, whatever the page's size."""
    return not page.chars and not page.images


def _too_large_for_ocr(page, limits: Limits) -> bool:
    scale = current().pdf.ocr_resolution / 72
    return float(page.width) * scale * float(page.height) * scale > limits.max_page_pixels


@dataclass
class PageRead:
    """What reading a PDF's pages gave: their content and what the reader should hear."""

    pages: list[PageContent]
    n_pages: int
    warnings: list[str] = field(default_factory=list)


def _read_page(page, number: int, path: Path, ocr: bool, limits: Limits, said: list[str],
               ) -> PageContent:
    if page.chars:
        return read_text_page(page, number, path)
    if _is_blank(page):
        return PageContent(number, float(page.height))
    if not (ocr and tesseract_available()):  # asked at the first scanned page, not before
        return PageContent(number, float(page.height), scanned=True)
    if _too_large_for_ocr(page, limits):
        said.append(f"{path}: page {number} was not OCR'd: " + limits.exceeded(
            "max_page_pixels", "its size at the OCR resolution (pixels)"))
        return PageContent(number, float(page.height))
    return read_scanned_page(page, number)


def _pages(pdf, path: Path, limit: int) -> tuple[list, int]:
    """(pdfplumber pages or the error of each page that cannot be built, page count).
    pdfplumber builds every page object at once, so one page with a broken media box fails
    them all; then each page is built on its own and only the broken one is lost. Kept on
    the pdf object, so a second call sees the broken pages too (pdfplumber's own cache then
    holds only the good ones, which would shift every later page's number)."""
    known = getattr(pdf, "_kinerja_pages", None)
    if known is not None:
        return list(known[0][:limit]), known[1]
    try:
        pages = pdf.pages
        return list(pages[:limit]), len(pages)
    except Exception as err:  # noqa: BLE001
        if _is_encrypted(err):
            raise PdfError(_unreadable(path, err)) from err
    from pdfminer.pdfpage import PDFPage
    from pdfplumber.page import Page

    built: list = []
    doctop = 0.0
    page_class = getattr(pdf, "page_class", Page)  # the page source's page (page_source.py)
    try:
        for number, raw in enumerate(PDFPage.create_pages(pdf.doc), start=1):
            if number > limit:
                continue
            try:
                page = page_class(pdf, raw, page_number=number, initial_doctop=doctop)
                doctop += float(page.height)
                built.append(page)
            except Exception as err:  # noqa: BLE001 — this page only
                built.append(err)
    except Exception as err:  # noqa: BLE001 — the page tree itself is broken
        raise PdfError(_unreadable(path, err)) from err
    pdf._pages = [p for p in built if not isinstance(p, BaseException)]  # what close() closes
    pdf._kinerja_pages = (built, number if built else 0)
    return built, number if built else 0


def read_range(pdf, path: Path, start: int, stop: int, ocr: bool, limits: Limits,
               ) -> tuple[list[PageContent], list[str]]:
    """Pages start+1 … stop (1-based) of an open PDF and the warnings they gave, each page
    closed as soon as it is read. A page that cannot be built or read is named in a warning
    and the rest are read (the document is then partial). The unit of page-parallel reading."""
    built, _ = _pages(pdf, path, stop)
    pages: list[PageContent] = []
    said: list[str] = []
    for number, page in enumerate(built[start:stop], start=start + 1):
        pages.append(_read_or_skip(page, number, path, ocr, limits, said))
    return pages, said




def page_jobs_default() -> int:
    """Page workers asked for through the environment (`kinerja extract --page-jobs`), so
    that document worker processes inherit the setting."""
    try:
        return max(1, int(os.environ.get(PAGE_JOBS_ENV, "1")))
    except ValueError:
        return 1


def read_pages(path: Path, ocr: bool, limits: Limits = DEFAULT_LIMITS, page_jobs: int = 1,
               min_pages: int | None = None) -> PageRead:
    """Every page's content. With `page_jobs` > 1 and at least `min_pages` pages, the pages
    are read by that many worker processes, by page ranges, and joined in page order
    (extractors/pdf_pages.py) — the same pages and warnings as a serial read. A page that
    cannot be read is named in a warning and the rest are read (the document is partial)."""
    pdf = _open(path)
    try:
        _, n_pages = _pages(pdf, path, limits.max_pages)
        read = PageRead([], n_pages, _over_max_pages(path, n_pages, limits))
        stop = min(n_pages, limits.max_pages)
        if min_pages is None:  # fewer pages are read serially: a worker costs ~0.3 s to start
            min_pages = current().pdf.parallel_min_pages
        if page_jobs > 1 and stop >= max(2, min_pages):
            from extractors.pdf_pages import read_parallel

            pages, said = read_parallel(pdf, path, stop, page_jobs, ocr, limits)
        else:
            pages, said = read_range(pdf, path, 0, stop, ocr, limits)
        read.pages, read.warnings = pages, read.warnings + said
    finally:
        _close(pdf)
    _some_page_read(path, read)
    return read


def _over_max_pages(path: Path, n_pages: int, limits: Limits) -> list[str]:
    if n_pages <= limits.max_pages:
        return []
    return [f"{path}: {n_pages} pages; " + limits.exceeded("max_pages", "its page count")
            + f"; only pages 1–{limits.max_pages} were read"]


def _some_page_read(path: Path, read: PageRead) -> None:
    """A PDF none of whose pages could be read is a failed document, not an empty one."""
    if read.warnings and all(pc.lines == [] and pc.tables == [] for pc in read.pages) \
            and any("cannot be read" in w for w in read.warnings):
        raise PdfError(f"{path}: no page could be read ({read.warnings[0]})")


# --- page batches read elsewhere (a Dask cluster: pipeline/executors.py) -------------------


def count_pages(path: Path, limits: Limits = DEFAULT_LIMITS) -> int:
    """The page count `read_pages` reports, without reading a page."""
    pdf = _open(path)
    try:
        return _pages(pdf, path, limits.max_pages)[1]
    finally:
        _close(pdf)


def read_batch(path: Path, start: int, stop: int, limits: Limits = DEFAULT_LIMITS,
               ) -> tuple[list[PageContent], list[str]]:
    """Pages start+1 … stop of the file, opened here: one task of a document read as page
    batches, each batch on whichever machine is free."""
    pdf = _open(path)
    try:
        return read_range(pdf, path, start, stop, True, limits)
    finally:
        _close(pdf)


def assemble(path: Path, n_pages: int, batches: list[tuple[list[PageContent], list[str]]],
             limits: Limits = DEFAULT_LIMITS) -> PageRead:
    """The batches' pages and warnings joined in page order: what `read_pages` gives."""
    read = PageRead([], n_pages, _over_max_pages(path, n_pages, limits))
    for pages, said in batches:
        read.pages += pages
        read.warnings += said
    _some_page_read(path, read)
    return read


def _close(pdf) -> None:
    """Close the file even when pdfplumber's own close() would rebuild a broken page."""
    try:
        pdf.close()
    except Exception:  # noqa: BLE001
        with contextlib.suppress(Exception):
            pdf.stream.close()


def _read_or_skip(page, number: int, path: Path, ocr: bool, limits: Limits,
                  warnings: list[str]) -> PageContent:
    """One page's content; a page that cannot be read is named in a warning and left empty."""
    if isinstance(page, BaseException):
        warnings.append(f"{path}: page {number} cannot be read ({_unreadable(path, page)}); "
                        "skipped")
        return PageContent(number, 0.0)
    try:
        return _read_page(page, number, path, ocr, limits, warnings)
    except Exception as err:  # noqa: BLE001 — name the file and the page, read on
        warnings.append(f"{path}: page {number} cannot be read "
                        f"({type(err).__name__}: {err or 'no detail'}); skipped")
        return PageContent(number, 0.0)
    finally:
        page.close()


def _scan_warning(path: Path, scanned: list[int], n_pages: int, ocr: bool) -> str:
    pages = f"{', '.join(map(str, scanned[:20]))}{'…' if len(scanned) > 20 else ''}"
    head = f"{path}: {len(scanned)} of {n_pages} pages have no text layer (scanned: pages {pages})"
    if ocr:
        return (f"{head}; their text and ruled tables were read by OCR — check figures from "
                "those pages against the scan.")
    return (f"{head}; they were skipped. To read them install Tesseract with Indonesian data: "
            "apt-get install tesseract-ocr tesseract-ocr-ind "
            "(or scripts/install-system-deps.sh ocr).")


def layout_pages(pages: list[PageContent]) -> LineLayout:
    """Lines and tables of all pages in reading order, furniture dropped."""
    keys = furniture_keys(pages)
    layout = LineLayout()
    for page in pages:
        items: list[tuple[float, int, object]] = [
            (ln.top, 0, ln) for ln in page.lines if not is_furniture(ln, page.height, keys)]
        items += [(t.top, 1, t) for t in page.tables]
        for _, kind, obj in sorted(items, key=lambda i: (i[0], i[1])):
            if kind == 0:
                layout.add_line(obj.text, page.number)
            else:
                layout.add_table(obj.rows, "pdf", page=page.number)
    return layout


def extract(path: str | Path, limits: Limits = DEFAULT_LIMITS, page_jobs: int | None = None,
            min_pages: int | None = None) -> Document:
    """The PDF as a `Document`. `page_jobs` worker processes read a document of at least
    `min_pages` pages (default: $KINERJA_PAGE_JOBS, else 1); the result is the same."""
    p = Path(path)
    jobs = page_jobs_default() if page_jobs is None else page_jobs
    return document_from(p, read_pages(p, True, limits, jobs, min_pages))


def document_from(p: Path, read: PageRead) -> Document:
    """The `Document` of a PDF whose pages were read (here, or as batches elsewhere)."""
    pages, n_pages = read.pages, read.n_pages
    layout = layout_pages(pages)
    scanned = [pg.number for pg in pages if pg.scanned]
    # Whether an OCR engine is installed is asked only of documents with scanned pages:
    # loading the Tesseract binding costs ~0.3 s of CPU a process.
    warnings = read.warnings + (
        [_scan_warning(p, scanned, n_pages, tesseract_available())] if scanned else [])
    return Document(path=str(p), format="pdf", lines=layout.lines, raw_tables=layout.tables,
                    n_pages=n_pages, warnings=warnings, line_pages=layout.line_pages)
