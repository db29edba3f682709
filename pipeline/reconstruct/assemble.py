"""Step: assembly. One `LogicalTable` from a group of pieces: the steps run in order (header,
joining, row repair, codes, flattening, merged cells, caption) with every repair noted and
every set-aside row kept, so the stored table accounts for every printed line."""

from __future__ import annotations

from pipeline.model import Cell, LogicalTable, RawTable, Row
from pipeline.reconstruct.captions import find_caption
from pipeline.reconstruct.codes import rejoin_codes
from pipeline.reconstruct.grouping import group_pieces
from pipeline.reconstruct.headers import flatten_header, name_text_beside_numbering, split_header
from pipeline.reconstruct.joining import join_pieces
from pipeline.reconstruct.merged import forward_fill, rejoin_spread_cells
from pipeline.reconstruct.repair import drop_number_rows, restore_lost_cells, set_aside_legend_rows
from pipeline.reconstruct.rows import row_place


def _pad(row: Row, n: int) -> Row:
    if len(row) >= n:
        return row
    line, page = row_place(row)
    return row + [Cell(text="", line=line, page=page) for _ in range(n - len(row))]


def build_table(index: int, group: list[RawTable]) -> LogicalTable:
    """One logical table from its pieces (one per page or per markdown block): the first
    piece's header over every piece's data rows, with each repair noted."""
    first = group[0]
    split = split_header(first)
    notes: list[str] = []
    # Rows that are not data (repeated headers, column numbers, tails joined into the row
    # above) are kept aside, so the stored table still accounts for every printed line.
    set_aside: list[Row] = list(split.dropped)
    body = join_pieces(group, split, set_aside, notes)
    body = drop_number_rows(body, set_aside, notes)
    if set_aside_legend_rows(body, set_aside):
        notes.append("set aside a legend line printed under the table")
    rejoin_codes(split, body, set_aside, notes)
    restore_lost_cells(body, notes)
    n_cols = max([len(r) for r in split.header] + [len(r) for r in body] + [1])
    header_grid, columns = flatten_header(split.header, n_cols)
    body = [_pad(r, n_cols) for r in body]
    notes += name_text_beside_numbering(columns, body)
    notes += rejoin_spread_cells(body, columns)
    notes += forward_fill(body, columns)
    caption = find_caption(first.preceding_text + [(first.line_start or 0, t) for t in split.titles])
    page_start, page_end = _page_range(group)
    return LogicalTable(
        index=index,
        label=caption.label if caption else None,
        caption=caption.title if caption else None,
        header_rows=header_grid,
        columns=columns,
        rows=body,
        header_cells=list(split.header),
        set_aside=set_aside,
        line_start=first.line_start,
        line_end=group[-1].line_end,
        page_start=page_start,
        page_end=page_end,
        pieces=len(group),
        notes=notes,
    )


def _page_range(group: list[RawTable]) -> tuple[int | None, int | None]:
    """The first and last page the pieces print on (None for a text report)."""
    pages = [p.page_start for p in group if p.page_start] + [p.page_end for p in group if p.page_end]
    return (min(pages), max(pages)) if pages else (None, None)


def reconstruct(pieces: list[RawTable]) -> list[LogicalTable]:
    """Every logical table the pieces make, in order: grouped, then each built."""
    return [build_table(i, g) for i, g in enumerate(group_pieces(pieces))]
