"""Raw table pieces → logical tables, whatever format the pieces came from.

Reports are Word documents printed to PDF and converted again, so one printed table arrives
as several pieces: one per page, each repeating the header (sometimes cut or OCR-mangled),
a column-number row (`1 2 3 4`, `13=12/7X100%`), a cell broken at the page foot and finished
on the next page, merged cells left empty below their first row. This package undoes all of
that with rules that look only at cell text, so text, markdown, PDF and Word pieces are
joined by the same code.

One module per step, in the order `assemble.build_table` runs them: `headers` (header rows
told from data rows, flattened into column names), `grouping` (which pieces are one table),
`joining` (their rows put together across page breaks, with `geometry` for ruled PDF grids),
`repair` (rows set aside or given back lost cells), `codes` (a split code column), `merged`
(merged cells filled down), `captions` (label and title). `rows` holds the row predicates
every step shares. The names importers use are re-exported here.
"""

from __future__ import annotations

from pipeline.reconstruct.assemble import build_table, reconstruct
from pipeline.reconstruct.captions import (
    CAPTION_RE,
    MAX_CAPTION_LINE,
    MAX_TITLE_LINES,
    MONTHS,
    NOT_A_TITLE,
    Caption,
    find_caption,
    parse_caption_line,
)
from pipeline.reconstruct.codes import CODE_FRAGMENT, code_span, merge_code_fragments
from pipeline.reconstruct.geometry import (
    GRID_TOLERANCE,
    column_edges,
    column_lefts,
    grid_offset,
    regrid_piece,
)
from pipeline.reconstruct.grouping import (
    LOST_ROW_CHARS,
    OTHER_CAPTION,
    TITLE_WORDS,
    group_pieces,
    reprints_header,
)
from pipeline.reconstruct.headers import (
    FIGURE_HEADER,
    HEADER_DEPTH,
    OUTLINE_NUMBER,
    PLACEHOLDER_NAME,
    TEXT_HEADER,
    Split,
    flatten_header,
    has_data_number,
    join_wrapped_years,
    name_text_beside_numbering,
    split_header,
)
from pipeline.reconstruct.joining import BULLETED_FIGURES, is_continuation_row, join_rows
from pipeline.reconstruct.merged import (
    NUMBER_AND_TEXT,
    YEAR_CELL,
    forward_fill,
    rejoin_spread_cells,
)
from pipeline.reconstruct.repair import (
    DASHES,
    LEGEND_HEAD,
    MIN_GAIN,
    cell_type,
    restore_lost_cells,
    set_aside_legend_rows,
)
from pipeline.reconstruct.rows import (
    cell_texts,
    is_column_number_row,
    is_header_like,
    is_unit_row,
    looks_numeric,
    nonempty,
    normalise_header_text,
    rows_match,
)

__all__ = [
    "build_table",
    "BULLETED_FIGURES",
    "Caption",
    "CAPTION_RE",
    "cell_texts",
    "cell_type",
    "CODE_FRAGMENT",
    "code_span",
    "column_edges",
    "column_lefts",
    "DASHES",
    "FIGURE_HEADER",
    "find_caption",
    "flatten_header",
    "forward_fill",
    "grid_offset",
    "GRID_TOLERANCE",
    "group_pieces",
    "has_data_number",
    "HEADER_DEPTH",
    "is_column_number_row",
    "is_continuation_row",
    "is_header_like",
    "is_unit_row",
    "join_rows",
    "join_wrapped_years",
    "LEGEND_HEAD",
    "looks_numeric",
    "LOST_ROW_CHARS",
    "MAX_CAPTION_LINE",
    "MAX_TITLE_LINES",
    "merge_code_fragments",
    "MIN_GAIN",
    "MONTHS",
    "name_text_beside_numbering",
    "nonempty",
    "normalise_header_text",
    "NOT_A_TITLE",
    "NUMBER_AND_TEXT",
    "OTHER_CAPTION",
    "OUTLINE_NUMBER",
    "parse_caption_line",
    "PLACEHOLDER_NAME",
    "reconstruct",
    "regrid_piece",
    "rejoin_spread_cells",
    "reprints_header",
    "restore_lost_cells",
    "rows_match",
    "set_aside_legend_rows",
    "Split",
    "split_header",
    "TEXT_HEADER",
    "TITLE_WORDS",
    "YEAR_CELL",
]
