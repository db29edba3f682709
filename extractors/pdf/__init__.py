"""PDF reports: words and tables per page, page furniture removed — ruled tables found by
their rulings (pdfplumber), unruled ones read by camelot's stream flavor, chosen per table.

**Ruled tables: rulings via pdfplumber.** Agencies print their reports from Word, so nearly
every table on the real files is ruled, and the rulings are the one structure Word exports
faithfully. pdfplumber gives the rulings *and* every word with its box from one parse of the
page, which is what placing tables among the page's text lines needs anyway. camelot's
lattice flavor would find the same rulings by re-rendering each page through
Ghostscript/OpenCV (seconds per page on a 70-page report, against a fraction of that here),
so it is not used.

**Unruled tables: camelot stream, per table.** A table printed with no rulings at all leaves
pdfplumber nothing to find; its rows come out as text lines. Among the lines left outside
the ruled tables, extractors/stream.py looks for the unmistakable sign of one — ≥ 3 lines
in a row each printing ≥ 2 figures set apart by wide gaps, standing in the same columns —
and only for such a block (with its 1–3 header lines) asks camelot's stream flavor for the
grid, on the block's area alone. Stream is kept to those blocks because run on whole pages
it, like pdfplumber's "text" strategy, finds "tables" in any justified paragraph; a page
without such a block costs one pass over its lines, and camelot is not even imported. The
block's lines leave the prose and its grid joins the page's tables at the block's top, so
captions, layout and reconstruction treat it as any ruled table. A block camelot cannot read
(an error, no table, text other than the block's) stays text. What the raw ruled grids get
wrong is fixed here:

* **Cell shading is not a ruling.** Word and Nitro paint a shaded or white cell as filled
  rectangles, one per paragraph line; their edges split one printed header row into three
  grid rows ('Sasaran' / 'No.' / 'Strategis'). Tables are found on strokes and hairline
  fills (the way Word draws a border) — unless shading reaches past a table's side, where
  it is the only border drawn (`find_tables`).
* **Ruling fragments make sliver columns.** Rows drawn with slightly different borders give
  narrow empty grid columns, and one printed column split over two grid columns that never
  both hold text. `compact` drops and merges those — only narrow ones when the column
  widths are known, because a wide empty column is a printed one (a quarter with no figures
  yet), and a continued table must keep its width to be joined to its first page.
* **Rows without rulings.** Some agencies rule the columns but not the rows, so one grid row
  holds a whole block of printed rows (a whole page of Disnakertrans' budget table). Counting
  lines is not enough to split it: a blank realisasi, a code printed only on some rows and
  names wrapped over one to five lines give every column its own line count, and cells are
  vertically centred (or top-aligned), so a row's name starts above or runs on below its
  figures. So `_split_unruled` anchors the printed rows on the figure column printing most
  lines (ANGGARAN), puts every other figure line (codes, realisasi, %) on an anchor in order,
  one per row, and takes the vertical extent of each row's figures as its band; a wrapped
  text cell (one run of lines at line pitch) goes whole to the band it overlaps, and a run
  spanning two bands is cut where the bands and its own alignment say. camelot's stream
  mode is not used for it: the words and their boxes are already in hand, so the split
  costs no second parse of the page, and every cell keeps its page and box.
* **A row continued from the previous page** has no top ruling: Word does not redraw it.
  Text lines just above a table that fall into two or more of its columns are its first row.

Text outside the tables becomes `Document.lines`, in reading order, and each table is placed
among those lines (`line_start`/`line_end`, see extractors/layout.py), with the lines above
it as `preceding_text` — so captions reach reconstruction as they do from a text conversion.
Running headers and footers (a line in the top or bottom band of the page whose text, digits
aside, recurs on many pages) and bare page numbers are dropped, so the text between two
pieces of a table split by a page break is empty and reconstruction joins them.

Every cell carries its page (1-based) and its box `(x0, top, x1, bottom)` in PDF points from
the page's top-left corner; `line` stays None. Pages are closed as soon as they are read, so
memory stays flat on long reports: only the words and grids of each page are kept.

Pages without a text layer (scans) are read by OCR when Tesseract is installed
(extractors/ocr.py: rulings give the cell grid, Tesseract the words), so their text and ruled
tables join the same line sequence. A document with scanned pages is `partial`, with a
warning naming the pages, because OCR figures deserve a second look; without Tesseract the
warning names the skipped pages and says how to install it.
"""

from __future__ import annotations

from extractors.pdf.compact import (  # noqa: F401
    FIGURE,
    YEAR,
    _group_text,
    _header_zone,
    _kept_columns,
    _mergeable,
    compact,
    compact_plan,
)
from extractors.pdf.content import (  # noqa: F401
    Box,
    PageContent,
    PageTable,
    PdfError,
    TextLine,
)
from extractors.pdf.document import (  # noqa: F401
    PageRead,
    _causes,
    _close,
    _is_blank,
    _is_encrypted,
    _open,
    _pages,
    _read_or_skip,
    _read_page,
    _scan_warning,
    _too_large_for_ocr,
    _unreadable,
    assemble,
    count_pages,
    document_from,
    extract,
    layout_pages,
    page_jobs_default,
    read_batch,
    read_pages,
    read_range,
)
from extractors.pdf.furniture import (  # noqa: F401
    PAGE_NUMBER,
    _in_band,
    _key,
    furniture_keys,
    is_furniture,
)
from extractors.pdf.page import (  # noqa: F401
    _big_enough,
    _overprinted,
    _read_ruled,
    _read_unruled,
    _text_lines,
    read_text_page,
)
from extractors.pdf.ruled import (  # noqa: F401
    Bounds,
    FoundTable,
    Slot,
    _column_bounds,
    _fill,
    _found,
    _grid,
    _is_ruling_or_text,
    _is_shading,
    _overlap,
    _row_bounds,
    _slot_under,
    find_tables,
)
from extractors.pdf.scanned import (  # noqa: F401
    read_scanned_page,
    tesseract_available,
)
from extractors.pdf.table_rows import (  # noqa: F401
    _compact_row,
    _continued_row,
    _open_top,
    _table_rows,
)
from extractors.pdf.unruled_rows import (  # noqa: F401
    BRACKETED,
    Span,
    _anchor_column,
    _cut_run,
    _figure_bands,
    _figure_lines,
    _fold_brackets,
    _gap,
    _is_figure,
    _match,
    _outer,
    _paragraphs,
    _row_of_run,
    _rows_of_lines,
    _span,
    _split_unruled,
    _text_rows,
)
from extractors.pdf.words import (  # noqa: F401
    SPACED_FIGURE,
    _area,
    _box,
    _center,
    _clean,
    _group_lines,
    _inside,
    _join,
    _union,
    _unspace,
)
from pipeline.settings import PAGE_JOBS_ENV  # noqa: F401 — kept importable here
