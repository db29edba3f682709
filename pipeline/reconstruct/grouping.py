"""Step: grouping. Which pieces are one printed table: a page break leaves only furniture
between two pieces of one table, and the next piece repeats the header, continues the grid
or fits without a header of its own. Apart from joining because it decides only membership,
not how the rows are put together."""

from __future__ import annotations

import re

from pipeline.model import RawTable
from pipeline.reconstruct.captions import parse_caption_line
from pipeline.reconstruct.geometry import grid_offset
from pipeline.reconstruct.headers import Split, split_header
from pipeline.reconstruct.rows import is_column_number_row, rows_match

#: a line that titles a table of its own: 'Lampiran 2 …', 'Matriks 1', or an upper-case
#: title naming what tables hold ('CAPAIAN KINERJA SASARAN B', 'REALISASI ANGGARAN …')
OTHER_CAPTION = re.compile(r"^[\s*_#]*(lampiran|matriks|formulir|form)\s*[\dIVX]", re.IGNORECASE)
TITLE_WORDS = re.compile(
    r"\b(CAPAIAN|REALISASI|TARGET|ANGGARAN|PERJANJIAN|RENCANA|INDIKATOR|PROGRAM|REKAPITULASI|"
    r"EVALUASI|JUMLAH PEGAWAI|DATA PEGAWAI|PENGUKURAN|KEGIATAN)\b")


def _titles_a_new_table(text: str, first: RawTable) -> bool:
    """A gap line that is a table's own title, unless it repeats the first piece's title
    (a report that reprints its table title on every page)."""
    bare = text.strip("*_# ").strip()
    if OTHER_CAPTION.match(bare):
        return True
    own = {t.strip("*_# ").strip().lower() for _, t in first.preceding_text}
    words = bare.split()
    return (bare.isupper() and len(words) >= 3 and bool(TITLE_WORDS.search(bare))
            and bare.lower() not in own)


def _intervening_is_furniture(prev: RawTable, piece: RawTable, first: RawTable | None = None,
                              ) -> bool:
    """Between two pieces of one table a page break leaves only blank lines, running
    headers/footers and page numbers; a caption, a table title or a paragraph means a new
    table."""
    if prev.line_end is None or piece.line_start is None:
        return prev.page_end is not None and piece.page_start == prev.page_end + 1
    gap = _gap_lines(prev, piece)
    return len(gap) <= 3 and not any(_breaks_table(text, first or prev) for text in gap)


def _gap_lines(prev: RawTable, piece: RawTable) -> list[str]:
    """The text lines printed between the end of ``prev`` and ``piece``."""
    return [t for ln, t in piece.preceding_text if ln > prev.line_end]


def _breaks_table(text: str, first: RawTable) -> bool:
    """A caption, a line longer than a running header, a source line or a table's title."""
    if parse_caption_line(text) or len(text) > 80 or text.lower().startswith("sumber"):
        return True
    return _titles_a_new_table(text, first)


#: longest gap line still taken for a lost table row: body text runs the page's full width
LOST_ROW_CHARS = 80


def reprints_header(first_split: Split, piece: RawTable) -> bool:
    """Does the piece open with the first piece's whole multi-row header (its header rows and
    its column-number row, in order)? Two header rows repeated verbatim name one table, as
    a single generic row ('No | Uraian') would not."""
    if len(first_split.header) + len(first_split.dropped) < 2:
        return False
    own = split_header(piece)
    return (len(own.header) == len(first_split.header)
            and len(own.dropped) == len(first_split.dropped)
            and all(rows_match(a, b) for a, b in zip(own.header, first_split.header, strict=True)))


def _gap_is_lost_rows(prev: RawTable, piece: RawTable, first: RawTable) -> bool:
    """Between a page's piece and the next page's, an unruled table body the extractor left
    outside the grid prints as short cell fragments ('Padi Ton 12.31'), however many; a
    caption, a table title, a source line or a page-wide paragraph still means a new table."""
    if prev.page_end is None or piece.page_start != prev.page_end + 1 or prev.line_end is None:
        return False
    return all(_lost_row_line(t, first) for t in _gap_lines(prev, piece))


def _lost_row_line(t: str, first: RawTable) -> bool:
    """A short line that is no caption, no source line and no table title."""
    return len(t) <= LOST_ROW_CHARS and not parse_caption_line(t) \
        and not t.lower().startswith("sumber") and not _titles_a_new_table(t, first)


def _continues(first: RawTable, first_split: Split, prev: RawTable, piece: RawTable) -> bool:
    """Does the piece continue the table the group's first piece opens? Only page furniture between
    them, then the same PDF grid, a similar width under no header, the first piece's header
    repeated, or a fitting width without a header of its own."""
    if not _intervening_is_furniture(prev, piece, first):
        # the next page reprints the whole header: the lines between are the table's own
        # rows that fell outside its grid, not a new table's caption or text
        return reprints_header(first_split, piece) and _gap_is_lost_rows(prev, piece, first)
    if _same_pdf_grid(first, piece):
        return True
    if not first_split.header and not first_split.dropped:
        return abs(piece.n_cols - prev.n_cols) <= 1 and piece.n_cols > 1
    return _opens_with_first_header(piece, first_split) or _fits_without_header(first, piece)


def _same_pdf_grid(first: RawTable, piece: RawTable) -> bool:
    """Two PDF pieces whose ruled columns line up (`grid_offset`)."""
    return first.style == "pdf" and piece.style == "pdf" and grid_offset(first, piece) is not None


def _opens_with_first_header(piece: RawTable, first_split: Split) -> bool:
    """The piece opens with a row of the first piece's header, or with a column-number row."""
    head = piece.rows[0]
    return any(rows_match(head, h) for h in first_split.header) or is_column_number_row(head)


def _fits_without_header(first: RawTable, piece: RawTable) -> bool:
    """A piece without its own header (the pipe converter put a data row above |---|, or a
    row lost its trailing empty cells) continues a table about as wide; one that starts
    with a header of its own, unmarked, is a new table."""
    if split_header(piece).header and not piece.header_rows:
        return False
    return piece.n_cols >= 2 and piece.n_cols <= first.n_cols + 1 and (
        piece.n_cols >= first.n_cols - 3
    )


def group_pieces(pieces: list[RawTable]) -> list[list[RawTable]]:
    """The pieces in groups of one printed table each: a piece joins the group before it when it
    continues that group's first piece (`_continues`)."""
    groups: list[list[RawTable]] = []
    first_split: Split | None = None
    for piece in pieces:
        if groups and first_split is not None:
            group = groups[-1]
            if _continues(group[0], first_split, group[-1], piece):
                group.append(piece)
                continue
        groups.append([piece])
        first_split = split_header(piece)
    return groups
