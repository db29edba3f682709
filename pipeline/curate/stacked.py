"""Rows that stack several indicators in one ruled row, and columns typed by their cells.

A PK or LKjIP often rules one row per sasaran and lists that sasaran's indicators inside it,
one per line, each with its target on its own line of the target cell ('- Skor PPH … - Jumlah
tonase …' beside '85 450'). The extractors join a cell's lines with spaces, so the row reaches
curation as one indicator text and one cell of k figures. Read as it is, the row yields no
figure at all (two numbers are no number). The evidence that it is k rows is the row itself:
the indicator cell lists k items, each opened by a bullet or an enumeration, and every figure
cell holds exactly k figures and nothing else. Then the i-th item goes with the i-th figures.
"""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.curate.columns import Column, describe
from pipeline.curate.context import cell_at
from pipeline.model import Row

# One printed figure: an optional comparison sign, digits with separators, an optional '%'.
FIGURE_ITEM = re.compile(r"(?:[<>≤≥]=?\s*)?-?\d[\d.,]*(?:\s*%)?")
# An item opener: a dash or bullet, or a lettered enumeration ('a.', 'b)').
ITEM_OPENER = re.compile(r"(?:^|\s)(?:[-–•]|[a-z][.)])\s+(?=\S)")
MIN_STACK = 2


def figure_items(text: str) -> list[str]:
    """The figures of a cell made of nothing but two or more figures ('85 450', '> 100 12');
    [] for one figure, prose, or a figure with words around it."""
    found = [m.group(0).strip() for m in FIGURE_ITEM.finditer(text)]
    rest = FIGURE_ITEM.sub(" ", text).strip()
    return found if len(found) >= MIN_STACK and not rest else []


def line_items(text: str) -> list[str]:
    """The items of a cell that lists several, each opened by a bullet or a letter
    enumeration; the whole text as one item when it lists none."""
    starts = [m.start() for m in ITEM_OPENER.finditer(text)]
    if not starts:
        return [text.strip()] if text.strip() else []
    bounds = [*starts, len(text)]
    head = text[: starts[0]].strip()
    items = [text[a:b].strip() for a, b in zip(bounds, bounds[1:], strict=False)]
    return ([head] if head else []) + [i for i in items if i]


# An enumeration opener: '1.', '2)' before a word.
NUMBER_OPENER = re.compile(r"(?:^|\s)(\d{1,2})[.)]\s+(?=[^\W\d_])")


def numbered_items(text: str) -> list[str]:
    """The items of a cell that is a numbered list from its first word ('1. Persentase A
    2. Persentase B'), numbered consecutively; [] for any other text. Consecutive numbers
    from the start are the evidence: a stray '3. ' inside a label is no list."""
    found = list(NUMBER_OPENER.finditer(text))
    if len(found) < MIN_STACK or text[: found[0].start()].strip():
        return []
    numbers = [int(m.group(1)) for m in found]
    if numbers != list(range(numbers[0], numbers[0] + len(numbers))):
        return []
    bounds = [*(m.start() for m in found), len(text)]
    return [text[a:b].strip() for a, b in zip(bounds, bounds[1:], strict=False)]


def _items(text: str) -> list[str]:
    items = line_items(text)
    return items if len(items) >= MIN_STACK else (numbered_items(text) or items)


def unstack_row(row: Row, figure_cols: list[int], item_cols: list[int]) -> list[Row]:
    """Split a row whose figure cells each stack the same k ≥ 2 figures, and whose item
    column (the indicator) lists exactly k items, into k rows; else the row as it is.
    Other cells (sasaran, programme) are shared by the k rows. A numbered list of k
    indicators beside figure cells of one figure each is k rows too: the PK rules one
    target cell for the sasaran and prints it once, level with its k indicators."""
    stacks = _figure_stacks(row, figure_cols)
    k = _uniform_size(stacks)
    if k is None:
        return [row]
    items = {i: _items(cell_at(row, i).text) for i in item_cols}
    if k == 1 and items:
        shared = _shared_figures(row, stacks, items)
        if shared is None:
            return [row]
        k, stacks = shared
    if not _each_lists(items, k):
        return [row]
    return _split_row(row, {**stacks, **items}, k)


def _figure_stacks(row: Row, figure_cols: list[int]) -> dict[int, list[str]]:
    """Each printed figure cell's figures: a stack of several, a lone figure, or none."""
    stacks = {}
    for i in figure_cols:
        text = cell_at(row, i).text.strip()
        if text:
            stacks[i] = figure_items(text) or ([text] if FIGURE_ITEM.fullmatch(text) else [])
    return stacks


def _uniform_size(stacks: dict[int, list[str]]) -> int | None:
    """The one number of figures every figure cell holds; None when they differ or hold none."""
    sizes = {len(v) for v in stacks.values()}
    if len(sizes) != 1 or sizes == {0}:
        return None
    return sizes.pop()


def _shared_figures(row: Row, stacks: dict[int, list[str]], items: dict[int, list[str]],
                    ) -> tuple[int, dict[int, list[str]]] | None:
    """Lone figures beside numbered lists of k ≥ 2 indicators: each figure shared by the k
    rows; None when the item cells are no numbered lists."""
    k = len(next(iter(items.values())))
    shared = k >= MIN_STACK and all(numbered_items(cell_at(row, i).text) for i in items)
    if not shared:
        return None
    return k, {i: v * k for i, v in stacks.items()}


def _each_lists(items: dict[int, list[str]], k: int) -> bool:
    """Every item column lists exactly k items (and there is one)."""
    return bool(items) and all(len(v) == k for v in items.values())


def _split_row(row: Row, parts: dict[int, list[str]], k: int) -> list[Row]:
    """k rows, the n-th taking the n-th part of each split cell and sharing the rest."""
    out = []
    for n in range(k):
        cells = list(row)
        for i, figures in parts.items():
            cells[i] = row[i].copy_with(figures[n])
        out.append(cells)
    return out


UNIT_WORDS = re.compile(r"\bsatuan\b|\bunit\b", re.IGNORECASE)
MIN_TYPED_CELLS = 2


def _is_figure_text(text: str) -> bool:
    return bool(FIGURE_ITEM.fullmatch(text.strip())) or bool(figure_items(text))


def numeric_units_are_figures(cols: list[Column], rows: list[Row]) -> list[Column]:
    """A 'satuan' column whose every cell is a figure is not a unit column: under a spanning
    'TARGET' over 'SATUAN | PROGRAM | ANGGARAN' the figures sit in the SATUAN column, and the
    header without its unit word ('TARGET') names their role. A real unit column holds words
    ('%', 'Poin', 'Dokumen'), never bare numbers on every row."""
    return [_unit_or_figures(c, rows) if c.role == "unit" else c for c in cols]


def _unit_or_figures(c: Column, rows: list[Row]) -> Column:
    """A unit column retyped by the rest of its header when all its cells are figures."""
    rest = UNIT_WORDS.sub(" ", c.name).strip()
    if not (_all_figures(c, rows) and rest):
        return c
    spanning = describe(c.index, rest)
    if spanning.role in ("target", "realisasi", "capaian") and not spanning.money:
        return replace(c, role=spanning.role, year=spanning.year or c.year,
                       measure=spanning.measure or c.measure)
    return c


def _all_figures(c: Column, rows: list[Row]) -> bool:
    """At least MIN_TYPED_CELLS printed cells, every one a figure."""
    texts = [t for t in (cell_at(r, c.index).text.strip() for r in rows) if t]
    return len(texts) >= MIN_TYPED_CELLS and all(_is_figure_text(t) for t in texts)
