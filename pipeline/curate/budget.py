"""Budget tables → `budget` records: programme / kegiatan / sub kegiatan amounts.

A budget table may be a pure allocation (pagu before / after the change), a realisation
table (pagu / realisasi / % / sisa) or the Rp half of a K/Rp evaluation form. Amounts are
stored in whole rupiah; a table printed in thousands is scaled and says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.curate.columns import Column, describe_all
from pipeline.curate.context import (
    TableContext,
    cell_at,
    clean_label,
    read_number,
    row_line,
    row_page,
)
from pipeline.model import Cell, Row
from pipeline.normalise.nomenclature import level_from_nomenclature
from pipeline.vocab import NIL_AMOUNTS, TOTAL_HEAD, is_section_head

BUDGET_KINDS = ("realisasi_anggaran", "anggaran", "efisiensi")


def _rupiah_named(c: Column) -> bool:
    """A column headed by its currency ('… Rp', '(Rp.)'), not merely near money words."""
    return re.sub(r"[\s.]+", "", c.name.lower()).endswith(("rp", "(rp)", "rp)"))


def money_columns(cols: list[Column], kind: str, all_cols: list[Column] | None = None) -> dict[str, Column]:
    """Pick pagu / pagu_before / realisasi / capaian / sisa / change columns.

    Figures in a table with no indicator column are all money (a realisation table's bare
    'Capaian (%)' is the budget's); in a mixed K/Rp table only the Rp half is.
    """
    has_indicator = any(c.role == "indicator" for c in (all_cols or cols))
    all_money = kind in BUDGET_KINDS and not has_indicator
    picked = _picked_by_key(cols, all_money)
    if "capaian" not in picked and "realisasi" in picked:
        _add_budget_capaian(picked, cols, all_cols or cols, has_indicator)
    return picked


def _picked_by_key(cols: list[Column], all_money: bool) -> dict[str, Column]:
    """The first column filling each budget field. A column the header names as pagu / pagu
    before outranks the funds a plan asks for ('DPA murni' beside 'Kebutuhan Dana
    (Sebelum)'): kebutuhan columns are looked at last."""
    rp_pagu = _has_rp_pagu(cols)
    picked: dict[str, Column] = {}
    for c in sorted(cols, key=lambda col: col.role == "kebutuhan"):
        key = _money_key(c, c.money or (all_money and not (rp_pagu and c.role == "target")))
        if key:
            picked.setdefault(key, c)
    return picked


def _add_budget_capaian(picked: dict[str, Column], cols: list[Column], all_cols: list[Column],
                        has_indicator: bool) -> None:
    """A capaian column after the picked realisation, when one is the budget's."""
    capaian = _capaian_after_realisasi(cols, picked["realisasi"], all_cols, has_indicator)
    if capaian is not None:
        picked["capaian"] = capaian


def _has_rp_pagu(cols: list[Column]) -> bool:
    """A 'Target | Rp' pair: the Rp column is the pagu, its Target beside it a kinerja
    figure, so a table with a money pagu column does not read its targets as money."""
    return any(c.money and (c.role in ("pagu", "kebutuhan") or _rupiah_named(c)) for c in cols)


def _money_key(c: Column, money: bool) -> str | None:
    """The budget field a column fills, or None. A quarter's column counts only as that
    quarter's realisation; a column that is not money counts only when its role is itself a
    budget one (a capaian right after the Rp realisation in a mixed table is not)."""
    if c.measure and c.measure.startswith("triwulan"):
        return f"realisasi_tw{c.measure[-1]}" if money and c.role == "realisasi" else None
    if not money and c.role not in ("pagu", "pagu_before", "sisa", "change"):
        return None
    return _budget_key(c)


def _budget_key(c: Column) -> str | None:
    """The budget field of a column read as money: its role, or the pagu (before the
    change when its header says 'sebelum') for a target or a plan's funds."""
    role = c.role
    if role in ("target", "pagu") or (role == "kebutuhan" and c.money):
        # 'Kebutuhan Dana (Rp)' is the funds a plan asks for: that plan's pagu.
        return "pagu_before" if "sebelum" in c.name.lower() else "pagu"
    if role in ("pagu_before", "sisa", "change", "realisasi", "capaian"):
        return role
    return None


def _capaian_after_realisasi(
    cols: list[Column], realisasi: Column, all_cols: list[Column], has_indicator: bool,
) -> Column | None:
    """A bare capaian column after the realisation is the budget's, unless the table prints
    a money capaian of its own; in a K/Rp table the last such column (the Rp one) counts."""
    after = [c for c in cols if c.index > realisasi.index and c.role == "capaian"]
    if not after or any(c.role == "capaian" and c.money for c in all_cols):
        return None
    return after[-1] if has_indicator else after[0]


def level_of(code: str, number: str, name: str, roman_programmes: bool = False) -> str:
    """The row's level from, in order: its prefix or capitals, its code, the national
    nomenclature, then its numbering — where a table that numbers programmes I, II, III
    numbers kegiatan 1, 2, 3 (E.81), and one that numbers programmes 1, 2 numbers kegiatan
    1.1, 1.2."""
    return (_stated_level(number, name) or _code_level(code) or _named_level(number, name)
            or _numbered_level(number, roman_programmes))


def _stated_level(number: str, name: str) -> str | None:
    """A printed 'PROGRAM …' / 'Kegiatan …' / 'Sub Kegiatan …' says the level outright, before
    any code: codes come split and wrapped in converted forms ('7 0 1 3' for 7.01.03) and
    miscount."""
    if name.upper().startswith("PROGRAM") or re.match(
            r"^(?:\(\d+\)\s*|[A-Za-z]+\s+)?\d+\.\s*program\b", name, re.IGNORECASE):
        return "program"  # '(04) 2. Program …', 'Dekonsentrasi 1. Program …'
    if TOTAL_HEAD.match(number):
        return "total"  # 'JUMLAH I' printed in the number column
    return _prefix_level(name)


#: a name opening with its level's word says the level ('Sub Kegiatan …' before 'Kegiatan …')
PREFIX_LEVELS = ((re.compile(r"^sub\s*kegiatan\b", re.IGNORECASE), "sub_kegiatan"),
                 (re.compile(r"^kegiatan\b", re.IGNORECASE), "kegiatan"))


def _prefix_level(name: str) -> str | None:
    """The level a name's opening word states ('Sub Kegiatan …', 'Kegiatan …'), if any."""
    return next((level for pattern, level in PREFIX_LEVELS if pattern.match(name)), None)


def _code_level(code: str) -> str | None:
    """The level a code's part count gives: X.XX.01 a programme, X.XX.01.2.01 a kegiatan,
    six parts a sub kegiatan; pre-2019 numbering gives programme 29 its kegiatan 29.01."""
    code_parts = [p for p in re.split(r"[.\s]+", code.strip()) if p]
    if len(code_parts) >= 6:
        return "sub_kegiatan"
    if len(code_parts) == 2 and all(p.isdigit() for p in code_parts):
        return "kegiatan"  # pre-2019 numbering: programme 29, its kegiatan 29.01
    return CODE_PARTS_LEVEL.get(len(code_parts))


#: the level of a code by its number of parts (six or more: a sub kegiatan)
CODE_PARTS_LEVEL = {3: "program", 4: "kegiatan", 5: "kegiatan"}


def _named_level(number: str, name: str) -> str | None:
    """The level the name gives: a total, a section head (a unit), or a name the national
    nomenclature knows."""
    if TOTAL_HEAD.match(name) or (not name and number == ""):
        return "total"
    if name.upper().startswith("PROGRAM"):
        return "program"
    if is_section_head(name):
        return "unit"
    return _prefix_level(name) or level_from_nomenclature(strip_prefix(name)) or None


def _numbered_level(number: str, roman_programmes: bool) -> str:
    """The level the row's numbering gives, the last resort: I, II programmes over 1, 2
    kegiatan, or 1, 2 programmes over 1.1, 1.2 kegiatan."""
    if re.fullmatch(r"[IVX]+", number):
        return "program"
    if re.fullmatch(r"\d+", number):
        return "kegiatan" if roman_programmes else "program"
    if re.fullmatch(r"\d+\.\d+", number):
        return "kegiatan"
    return "sub_kegiatan" if number == "" else "other"


GROUPINGS = (
    re.compile(r"\d+"),
    re.compile(r"\d{1,3}(\.\d{3})+(,\d+)?"),  # 1.234.567,89
    re.compile(r"\d{1,3}(,\d{3})+(\.\d+)?"),  # 1,234,567.89
    re.compile(r"\d+[.,]\d{1,2}"),  # 81,03
)


def is_well_grouped(text: str) -> bool:
    t = re.sub(r"^(Rp\.?|IDR)|,-$|[\s()\-]", "", text.strip())
    return any(g.fullmatch(t) for g in GROUPINGS)


def repair_row(values: dict[str, float | None], texts: dict[str, str]) -> list[str]:
    """Mend what the row's own arithmetic proves, and say so.

    - a realisasi whose digit groups are broken ('1,540,00': a digit lost in conversion) is
      replaced by pagu − sisa when the row prints both;
    - a capaian printed on a row with zero pagu and no realisasi is a merged cell repeated
      from the row above, not a figure of this row.
    """
    return [note for note in (_recover_realisasi(values, texts), _drop_repeated_capaian(values, texts))
            if note]


def _recover_realisasi(values: dict[str, float | None], texts: dict[str, str]) -> str | None:
    """A realisasi with broken digit groups replaced by pagu − sisa (in ``values``), when
    they disagree; the note saying so, or None."""
    pagu, sisa, real = values.get("pagu"), values.get("sisa"), values.get("realisasi")
    real_text = texts.get("realisasi", "")
    if real is None or pagu is None or sisa is None or is_well_grouped(real_text):
        return None
    if not abs((pagu - sisa) - real) > 0.5:  # (a NaN never recovers)
        return None
    values["realisasi"] = pagu - sisa
    return (f"realisasi '{real_text}' has broken digit groups; recovered as pagu - sisa = "
            f"{pagu - sisa:,.0f}")


def _drop_repeated_capaian(values: dict[str, float | None], texts: dict[str, str]) -> str | None:
    """A capaian on a row with no pagu and no realisasi dropped (in ``values``); the note."""
    if values.get("capaian") is None or values.get("pagu") or values.get("realisasi") is not None:
        return None
    values["capaian"] = None
    return (f"capaian '{texts.get('capaian')}' ignored: printed on a row with no pagu and no "
            "realisasi (a merged cell repeated from the row above)")


RP_CELL = re.compile(r"^[-(]?\s*Rp\b", re.IGNORECASE)
AMOUNT_KEYS = ("pagu_before", "pagu", "change", "realisasi", "sisa")


def _amount_cell(text: str) -> bool:
    return sum(ch.isdigit() for ch in text) >= 6 and not re.search(r"[A-Za-z]{3,}", text)


def realign_amounts_only_row(row: Row, picked: dict[str, Column]) -> tuple[dict[str, Column], str | None]:
    """A totals row that prints only the amounts (pagu, each quarter, the total realisation)
    in a block of its own, away from the K columns it skips: when the row holds exactly as
    many amounts as the table has amount columns, and no other figure, read them in order."""
    found = _amounts_only(row, picked)
    if found is None:
        return picked, None
    keys, amounts = found
    moved = {k: c for k, c in picked.items() if k in keys}  # it prints no percentage
    for k, i in zip(keys, amounts, strict=True):
        c = picked[k]
        moved[k] = Column(i, c.name, c.role, c.year, c.measure, c.money, c.scale, c.period)
    return moved, "a row of amounts only, printed apart from its columns; read in column order"


def _amounts_only(row: Row, picked: dict[str, Column]) -> tuple[list[str], list[int]] | None:
    """The amount keys in column order and the row's amount cells, when the row is an
    unlabelled run of exactly as many amounts as the table has amount columns (at least
    three) and they are not already under them; None otherwise."""
    keys = sorted((k for k in picked if k in AMOUNT_KEYS or k.startswith("realisasi_tw")),
                  key=lambda k: picked[k].index)
    amounts = _only_amounts(row)
    if len(keys) < 3 or amounts is None or len(amounts) != len(keys):
        return None
    if _labelled_or_in_place(row, picked, keys, amounts):
        return None
    return keys, amounts


def _only_amounts(row: Row) -> list[int] | None:
    """The row's figure cells when every one is an amount; None when any is not."""
    figures = [i for i, c in enumerate(row) if re.search(r"\d", c.text)]
    amounts = [i for i in figures if _amount_cell(row[i].text)]
    return amounts if amounts == figures else None


def _labelled_or_in_place(row: Row, picked: dict[str, Column], keys: list[str],
                          amounts: list[int]) -> bool:
    """A labelled row keeps its columns; amounts already under their columns need no move."""
    return any(re.search(r"[A-Za-z]{3,}", c.text) for c in row) or all(
        picked[k].index == i for k, i in zip(keys, amounts, strict=True))


def realign_money(row: Row, picked: dict[str, Column]) -> tuple[dict[str, Column], str | None]:
    """A row that lost empty cells prints its 'Rp' amounts left of their headers. When the
    row's run of 'Rp' cells is as long as the block of amount columns, read it there."""
    moved, note = realign_amounts_only_row(row, picked)
    if note:
        return moved, note
    keys = [k for k in AMOUNT_KEYS if k in picked]
    idxs = sorted(picked[k].index for k in keys)
    if len(idxs) < 2 or not _consecutive(idxs):
        return picked, None
    rp = [i for i, c in enumerate(row) if RP_CELL.match(c.text.strip())]
    if len(rp) != len(idxs) or not _consecutive(rp) or rp == idxs:
        return picked, None
    offset = rp[0] - idxs[0]
    return _moved_by(picked, keys, offset), (
        f"amounts printed {abs(offset)} cell(s) {'left' if offset < 0 else 'right'} of their "
        "headers; realigned")


def _consecutive(indexes: list[int]) -> bool:
    """A run of neighbouring columns, from its first."""
    return indexes == list(range(indexes[0], indexes[0] + len(indexes)))


def _moved_by(picked: dict[str, Column], keys: list[str], offset: int) -> dict[str, Column]:
    """The picked columns with those of ``keys`` moved ``offset`` places."""
    moved = dict(picked)
    for k in keys:
        c = picked[k]
        moved[k] = Column(c.index + offset, c.name, c.role, c.year, c.measure, c.money, c.scale, c.period)
    return moved


def caption_year(ctx: TableContext) -> int | None:
    """A budget table captioned 'Tahun 2022' in a 2023 report is last year's budget."""
    years = re.findall(r"\b(20\d\d)\b", ctx.table.caption or "")
    return int(years[-1]) if len(set(years)) == 1 else ctx.fiscal_year


WRAPPED_RP = re.compile(r"^(?:Rp\.?\s*)?([\d.,]+)\s+Rp\.?\s*(\d{1,3})$", re.IGNORECASE)


def unwrap_amount(text: str) -> tuple[str, str | None]:
    """An amount too wide for its cell wraps its last digits onto a second line, beside
    the 'Rp' printed there ('1.506.190.00' / 'Rp 0' read as '1.506.190.00 Rp 0'). The
    pieces join when the first is broken and the joined digits group correctly."""
    m = WRAPPED_RP.match(text.strip())
    if not m or is_well_grouped(m.group(1)):
        return text, None
    joined = m.group(1) + m.group(2)
    if not is_well_grouped(joined):
        return text, None
    return joined, f"'{text.strip()}' wraps its last digits after 'Rp'; read as {joined}"


def _is_amount(key: str) -> bool:
    """The columns whose print makes a row a budget line (a capaian or sisa alone does not)."""
    return key in ("pagu", "realisasi", "pagu_before") or key.startswith("realisasi_tw")


def strip_prefix(name: str) -> str:
    return re.sub(r"^(sub\s*kegiatan|kegiatan|program)\s*:\s*", "", name, flags=re.IGNORECASE)


Slot = tuple[int | None, str | None]  # (year, measure) of one set of amount columns


def _is_pagu_column(c: Column) -> bool:
    """A column that states a budget ceiling: what starts a new set of amount columns."""
    if not c.money or "sebelum" in c.name.lower():
        return False
    return c.role in ("pagu", "target", "kebutuhan")


def _group_label(cols: list[Column], c: Column) -> str:
    """The spanning header a column sits under: the longest run of leading words it shares
    with a neighbouring column ('Rancangan Awal RKPD' over Lokasi | Target | Pagu)."""
    words = c.name.split()
    best = 0
    for other in cols:
        if other.index in (c.index - 1, c.index + 1):
            theirs = other.name.split()
            n = 0
            while n < min(len(words), len(theirs)) - 1 and words[n] == theirs[n]:
                n += 1
            best = max(best, n)
    return " ".join(words[:best])


def _slug(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")[:40] or "group"


def _parallel_groups(ctx: TableContext, cols: list[Column]) -> dict[Slot, list[Column]] | None:
    """Several pagu columns side by side, one per year ('Tahun-1 (2014) Rp', 'Rencana Tahun
    2016 … Pagu' | 'Prakiraan Maju Tahun 2017 … Pagu') or one per spanning header
    ('Rancangan Awal RKPD … Pagu Indikatif' | 'Hasil Analisis Kebutuhan … Kebutuhan Dana'):
    each is its own budget record per row. A column without a key of its own joins the
    group of the nearest keyed column to its left (a year printed once over its group).
    None when the table prints a single set of amounts."""
    pagu_cols = [c for c in cols if _is_pagu_column(c)]
    if len(pagu_cols) < 2 or any(c.period is not None or c.measure for c in pagu_cols):
        return None  # 'Tahun-n' / period-end columns: keyed by money_slots' Renstra rule
    return _year_groups(ctx, cols, pagu_cols) or _label_groups(ctx, cols, pagu_cols)


def _year_groups(ctx: TableContext, cols: list[Column],
                 pagu_cols: list[Column]) -> dict[Slot, list[Column]] | None:
    """One group per year when every pagu column names a year of its own; three or more
    years with no realisation beside them are a Renstra's funding plan."""
    years = [ctx.column_year(c.year, c.period) for c in pagu_cols]
    if len(set(years)) != len(years) or None in years:
        return None
    key_of = {c.index: ctx.column_year(c.year, c.period) for c in cols}
    keyed = _assign_groups(cols, key_of)
    has_real = any(c.role == "realisasi" and c.money for c in cols)
    measure = "renstra_funding" if len(keyed) >= 3 and not has_real else None
    return {(year, measure): group for year, group in keyed.items()}


def _label_groups(ctx: TableContext, cols: list[Column],
                  pagu_cols: list[Column]) -> dict[Slot, list[Column]] | None:
    """One group per spanning header when every pagu column sits under a different one;
    the header's slug is the group's measure."""
    labels = [_group_label(cols, c) for c in pagu_cols]
    if not all(labels) or len(set(labels)) != len(labels):
        return None
    key_of = {c.index: _group_label(cols, c) or None for c in cols}
    keyed = _assign_groups(cols, key_of)
    return {(caption_year(ctx), _slug(label)): group for label, group in keyed.items()}


def _assign_groups(cols: list[Column], key_of: dict[int, object]) -> dict:
    """Columns by key, in order; an unkeyed column joins the keyed column left of it."""
    groups: dict = {}
    current = None
    for c in cols:
        key = key_of.get(c.index)
        if key is not None:
            current = key
        if current is not None:
            groups.setdefault(current, []).append(c)
    return groups


def money_slots(ctx: TableContext, cols: list[Column]) -> list[tuple[Slot, dict[str, Column]]]:
    """One set of amount columns per year when a table prints several years' funding side
    by side (a Renstra 'Kerangka Pendanaan': Tahun-1 … Tahun-5 and the period's end) or per
    plan (a Renja review: the RKPD draft's pagu beside the needs analysis); otherwise a
    single set."""
    keyed = _parallel_groups(ctx, cols) or _period_groups(ctx, cols)
    slots = [(key, money_columns(group, ctx.table.kind, all_cols=cols))
             for key, group in keyed.items()]
    # A quarterly realisation report prints each quarter's Rp and no pagu at all.
    return [(key, picked) for key, picked in slots if any(_is_amount(k) for k in picked)]


def _period_groups(ctx: TableContext, cols: list[Column]) -> dict[Slot, list[Column]]:
    """Columns of a Renstra period ('Tahun-n', the period's end) keyed by their year, the
    rest in one set of their own."""
    keyed: dict[Slot, list[Column]] = {}
    for c in cols:
        keyed.setdefault(_period_slot(ctx, c), []).append(c)
    return keyed


def _period_slot(ctx: TableContext, c: Column) -> Slot:
    """(year, measure) of a column: a period column's year (the Renstra's end when it names
    none) and 'renstra_funding' unless it is the period's end; (None, None) for the rest."""
    year = ctx.column_year(c.year, c.period)
    measure = c.measure if c.measure in ("renstra_end",) else None
    if c.period is not None or measure:
        return (year or ctx.renstra_end, measure or "renstra_funding")
    return (None, None)


PLACEHOLDER = re.compile(r"col\d+")


def _amount_count(rows: list[Row], cols: list[Column]) -> int:
    """How many amount cells sit under money columns: the type profile of an alignment."""
    money = {c.index for c in cols if c.money}
    return sum(1 for r in rows for i, cell in enumerate(r) if i in money and _amount_cell(cell.text))


def _compressed(row: Row, first: int, k: int, width: int) -> bool:
    """A body row printed without the k placeholder cells: its last k cells are empty and
    the placeholder positions hold its later cells."""
    tail_empty = not any(cell_at(row, i).text.strip() for i in range(width - k, width))
    return tail_empty and any(cell_at(row, i).text.strip() for i in range(first, first + k))


def body_aligned_rows(columns: list[str], rows: list[Row]) -> list[Row]:
    """The body as its header reads it. A header cell split over sub-columns ('Kode' over
    1 | 25 | 01 | 02) leaves a run of unnamed placeholder columns that a body row prints as
    one cell, so every later cell of that row sits the run's length left of its header and
    the row's last cells are empty. Such rows get the run re-inserted as empty cells, when
    that puts more amounts under the money headers (the type profile decides)."""
    holes = [i for i, name in enumerate(columns) if PLACEHOLDER.fullmatch(name)]
    if not holes or holes != list(range(holes[0], holes[0] + len(holes))):
        return rows
    first, k, width = holes[0], len(holes), len(columns)
    if k >= width - first:
        return rows
    moved = [
        row[:first] + [Cell(text="") for _ in range(k)] + row[first:width - k]
        if _compressed(row, first, k, width) else row
        for row in rows
    ]
    cols = describe_all(columns)
    return moved if _amount_count(moved, cols) > _amount_count(rows, cols) else rows


def _shifted(row: Row, d: int) -> Row | None:
    """The row with its cells moved d places (right when d > 0), the cell lost or gained
    taken from its first run of empty cells: where a converter drops or adds an empty cell."""
    empties = [i for i, c in enumerate(row) if not c.text.strip()]
    if not empties or (d < 0 and len(empties) < -d):
        return None
    at = empties[0]
    if d > 0:
        return row[:at] + [Cell(text="") for _ in range(d)] + row[at:len(row) - d]
    return _shifted_left(row, empties, -d)


def _shifted_left(row: Row, empties: list[int], n: int) -> Row | None:
    """The row moved n places left, its first n empty cells dropped (they must be a run)
    and n empty cells added at the end; None when the first empties are no run."""
    at = empties[0]
    if [i for i in empties if i < at + n] != list(range(at, at + n)):
        return None
    return row[:at] + row[at + n:] + [Cell(text="") for _ in range(n)]


def align_to_money(row: Row, money: list[int]) -> tuple[Row, str | None]:
    """A row that lost (or gained) an empty cell prints its amounts one or two columns off
    their headers while its neighbours line up. The geometric test: the shift that puts
    the most amounts under the money columns, when it puts more there than the row as
    printed does and at least two — or one, when the row as printed holds a figure that is
    no amount ('1 dok', a target) under a money column or an amount outside them."""
    best_d = _best_shift(row, money, 0 if _misplaced(row, money) else 1)
    if best_d == 0:
        return row, None
    side = "left" if best_d > 0 else "right"
    return _shifted(row, best_d) or row, (
        f"amounts printed {abs(best_d)} cell(s) {side} of their headers; realigned")


def _misplaced(row: Row, money: list[int]) -> bool:
    """A figure that is no amount under a money column, or an amount outside them."""
    return any(re.search(r"\d", t) and not _amount_cell(t)
               for t in (cell_at(row, i).text for i in money)) or any(
        _amount_cell(c.text) for i, c in enumerate(row) if i not in money)


def _money_hits(row: Row, money: list[int]) -> int:
    """How many amounts sit under the money columns."""
    return sum(_amount_cell(cell_at(row, i).text) for i in money)


def _best_shift(row: Row, money: list[int], floor: int) -> int:
    """The shift (1, -1, 2, -2, first best kept) putting the most amounts under the money
    columns, more than the row as printed and more than ``floor``; 0 for none."""
    best, best_d = _money_hits(row, money), 0
    for d in (1, -1, 2, -2):
        moved = _shifted(row, d)
        if moved is not None and _money_hits(moved, money) > max(best, floor):
            best, best_d = _money_hits(moved, money), d
    return best_d


# a whole amount: never a run inside a longer digit string ('156.6000.000', a mistyped
# amount, is one malformed figure, not '156.600' stacked over '0.000')
STACKED_AMOUNT = re.compile(r"(?:Rp\.?\s*)?(?<![\d.,])\d{1,3}(?:[.,]\d{3})+(?:,\d{1,2}|,-|\.-)?(?![\d])")
BULLET = re.compile(r"(?:^|\s)[-–•]\s+(?=\S)")


def _stacked(text: str) -> list[str]:
    """The amounts of a cell that prints several, one per line ('460.000.000,-
    1.260.000.000,- 485.000.000,-'): [] unless the cell is nothing but two or more amounts."""
    found = STACKED_AMOUNT.findall(text)
    rest = STACKED_AMOUNT.sub(" ", text).strip(" -")
    return found if len(found) >= 2 and not rest else []


def _bullets(text: str) -> list[str]:
    """The items of a cell listing several names, each opened by a dash or bullet."""
    return [p.strip() for p in BULLET.split(text) if p.strip()]


def unstack_row(row: Row, money: list[int], name_cols: list[int]) -> tuple[list[Row], str | None]:
    """A row whose amount cells each stack the same number k ≥ 2 of amounts (several
    kegiatan of one sasaran, each with its own anggaran, in one ruled row) is k budget
    lines: the i-th amount of every money cell, and the i-th bulleted name when the name
    cell lists exactly k; otherwise each line keeps the whole name."""
    stacks = {i: _stacked(cell_at(row, i).text) for i in money if cell_at(row, i).text.strip()}
    sizes = {len(v) for v in stacks.values()}
    if not stacks or len(sizes) != 1 or 0 in sizes:
        return [row], None
    k = sizes.pop()
    names = {i: items for i in name_cols if len(items := _bullets(cell_at(row, i).text)) == k}
    return [_nth_line(row, {**stacks, **names}, n) for n in range(k)], (
        f"one cell stacks {k} amounts; read as {k} budget lines")


def _nth_line(row: Row, parts: dict[int, list[str]], n: int) -> Row:
    """The n-th budget line of a stacked row: the n-th part of every split cell."""
    cells = list(row)
    for i, items in parts.items():
        cells[i] = row[i].copy_with(items[n])
    return cells


def _prepare_rows(ctx: TableContext, slots: list,
                  name_cols: list[int]) -> list[tuple[int, Row, str | None]]:
    """The body aligned to its header: placeholder runs re-inserted, each row's amounts
    brought under the money columns, stacked amounts split into lines. Returns (row_no,
    row, note) — a split row keeps its row_no, so its lines still name their source row."""
    rows = body_aligned_rows(ctx.table.columns, ctx.table.rows)
    money = sorted({c.index for _, picked in slots for k, c in picked.items() if k in AMOUNT_KEYS})
    out: list[tuple[int, Row, str | None]] = []
    for row_no, row in enumerate(rows, start=1):
        shift_note = None
        if len(money) >= 2:
            row, shift_note = align_to_money(row, money)
        lines, stack_note = unstack_row(row, money, name_cols)
        note = "; ".join(filter(None, (shift_note, stack_note))) or None
        out += [(row_no, line, note) for line in lines]
    return out


def _text_share(rows: list[Row], index: int) -> float:
    """The share of a column's printed cells that are words, not figures."""
    cells = [cell_at(r, index).text.strip() for r in rows]
    cells = [t for t in cells if t]
    words = [t for t in cells if len(re.findall(r"[A-Za-z]{3,}", t)) >= 2]
    return len(words) / len(cells) if cells else 0.0


def _name_columns(cols: list[Column], by_role: dict[str, int], rows: list[Row]) -> list[int]:
    """The programme / kegiatan name column(s). A header naming programmes or kegiatan under
    a spanning 'TARGET' is read as a target; its cells, words on most rows, say it is the
    name (the type profile wins over the spanning header). An unlabelled table falls back
    on its first text column."""
    name_cols = sorted(by_role[r] for r in ("name", "program", "kegiatan") if r in by_role)
    if name_cols:
        return name_cols
    return _worded_name_column(cols, rows) or [
        c.index for c in cols if c.role in ("other", "sasaran", "indicator")][:1]


def _worded_name_column(cols: list[Column], rows: list[Row]) -> list[int]:
    """The first column headed programme or kegiatan whose cells are mostly words."""
    return [c.index for c in cols if re.search(r"program|kegiatan", c.name, re.IGNORECASE)
            and _text_share(rows, c.index) >= 0.6][:1]


def curate(ctx: TableContext) -> list[dict]:
    """Budget records of one table: one per row and set of amount columns, each placed
    under its unit and parent row."""
    cols = describe_all(ctx.table.columns, ctx.table.header_rows)
    slots = money_slots(ctx, cols)
    if not slots:
        return []
    by_role = _first_of_each_role(cols)
    name_cols = _name_columns(cols, by_role, ctx.table.rows)
    prepared = _prepare_rows(ctx, slots, name_cols)
    roman = _roman_programmes(prepared, by_role)
    records: list[dict] = []
    nesting = _Nesting()
    for row_no, row, row_note in prepared:
        row_records = [
            rec for (year, measure), picked in slots
            if (rec := _slot_record(ctx, row, row_no, picked, by_role, name_cols, roman,
                                    year, measure, row_note)) is not None
        ]
        if not row_records:
            nesting.section_head(row)
            continue
        _settle_repeated_kegiatan(row_records, records)
        nesting.place(row_no, row_records, records)
        records += row_records
    return records


def _first_of_each_role(cols: list[Column]) -> dict[str, int]:
    """The first column of each role."""
    by_role: dict[str, int] = {}
    for c in cols:
        by_role.setdefault(c.role, c.index)
    return by_role


def _roman_programmes(prepared: list[tuple[int, Row, str | None]], by_role: dict[str, int]) -> bool:
    """A table numbering rows both I, II and 1, 2 numbers its programmes in Roman figures
    and its kegiatan in Arabic ones."""
    numbers = [clean_label(cell_at(r, by_role.get("no")).text).rstrip(".") for _, r, _ in prepared]
    return any(re.fullmatch(r"[IVX]+", n) for n in numbers) and any(n.isdigit() for n in numbers)


def _slot_record(
    ctx: TableContext, row: Row, row_no: int, picked: dict[str, Column], by_role: dict[str, int],
    name_cols: list[int], roman: bool, year: int | None, measure: str | None,
    row_note: str | None,
) -> dict | None:
    """The row's record under one set of amount columns, keyed by that set's year and
    measure and carrying the note its row's preparation left."""
    scale = max((c.scale for c in picked.values()), default=1)
    rec = _row_record(ctx, row, row_no, picked, by_role, name_cols, scale, roman)
    if rec is None:
        return None
    if year is not None:
        rec["year"] = year
    rec["measure"] = measure
    if row_note:
        rec["parse_note"] = "; ".join(filter(None, (rec["parse_note"], row_note)))
    return rec


def _settle_repeated_kegiatan(row_records: list[dict], records: list[dict]) -> None:
    """The nomenclature names some sub kegiatan exactly as their kegiatan ('Pengembangan
    Mutu dan Peningkatan Kompetensi Teknis SDM Kesehatan …'): printed again right under it,
    the name is the sub kegiatan."""
    if _repeats_kegiatan_above(row_records[0], records):
        for rec in row_records:
            rec["level"] = "sub_kegiatan"


def _repeats_kegiatan_above(first: dict, records: list[dict]) -> bool:
    """A named kegiatan record right under a kegiatan record of the same name."""
    name = (first["name"] or "").lower()
    if first["level"] != "kegiatan" or not name or not records:
        return False
    return records[-1]["level"] == "kegiatan" and (records[-1]["name"] or "").lower() == name


@dataclass
class _Nesting:
    """Where the rows read so far leave the next one: the unit it is printed under, the last
    row of each level, the row of each code, and the unit row holding programmes."""
    unit: str | None = None
    parents: dict[str, int] = field(default_factory=dict)
    codes: dict[str, int] = field(default_factory=dict)
    holder: ProgrammeHolder = field(default_factory=lambda: ProgrammeHolder())

    def section_head(self, row: Row) -> None:
        """A row with no amount that names a section ('KECAMATAN …') starts a unit."""
        first = clean_label(row[0].text) if row else ""
        if is_section_head(first):
            self.unit = first.title()

    def place(self, row_no: int, row_records: list[dict], records: list[dict]) -> None:
        """Set the unit and parent row of one row's records, and remember the row."""
        level = row_records[0]["level"]
        code = row_records[0].get("code")
        if level == "unit" and row_records[0]["name"]:
            self.unit = row_records[0]["name"].title()
        opened = self.holder.pending
        self.holder = _programme_holder(level, row_no, self.holder)
        if opened is not None and self.holder.unit == opened:
            _lift_out_of_programme(records, opened)
        parent = self._parent_row(level, code)
        self.parents[level] = row_no
        if code:
            self.codes[_code_key(code)] = row_no
        for rec in row_records:
            rec["unit"] = self.unit
            rec["parent_row_no"] = parent


    def _parent_row(self, level: str, code: str | None) -> int | None:
        """The row a record belongs to: its code's parent, else a programme's holding unit
        (never a kelurahan section), else the nearest row of a containing level."""
        if level == "program":
            return _parent_by_code(code, self.codes) or self.holder.unit
        return _parent_by_code(code, self.codes) or _parent(level, self.parents)


def _code_key(code: str) -> str:
    return ".".join(p for p in re.split(r"[.\s]+", code.strip()) if p)


def _parent_by_code(code: str | None, codes: dict[str, int]) -> int | None:
    """'7.01.03.2.01.02' belongs to '7.01.03.2.01', wherever that row was printed: Renja
    appendices print kelurahan blocks after the next programme."""
    if not code:
        return None
    parts = _code_key(code).split(".")
    # sub kegiatan X.XX.01.2.02.01 → kegiatan X.XX.01.2.02 → programme X.XX.01; only the
    # immediate parent counts: a sub kegiatan whose kegiatan printed no code belongs to that
    # uncoded kegiatan above it, not to the programme.
    cut = {6: 5, 5: 3, 4: 3, 2: 1}.get(len(parts))
    return codes.get(".".join(parts[:cut])) if cut else None


@dataclass(frozen=True)
class ProgrammeHolder:
    """The unit row (an agency, a kecamatan) whose programmes are printed under it.
    ``pending`` is a unit row not yet followed by any row; ``unit`` the one that holds the
    programmes now (kept while a unit row is pending, and past a kelurahan section)."""
    pending: int | None = None
    unit: int | None = None


def _programme_holder(level: str, row_no: int, holder: ProgrammeHolder) -> ProgrammeHolder:
    """A unit row followed at once by a programme holds every programme up to the next unit
    row (an agency over all its programmes, each kecamatan over its own in a city's joint
    report); followed by a kegiatan it is a section inside the programme (a kelurahan
    block), holding no programme."""
    if level == "unit":
        return ProgrammeHolder(pending=row_no, unit=holder.unit)
    if holder.pending is None or level in ("total", "other"):
        return holder
    if level == "program":
        return ProgrammeHolder(unit=holder.pending)
    return ProgrammeHolder(unit=holder.unit)  # a section: the holder before it still holds


def _lift_out_of_programme(records: list[dict], unit_row: int) -> None:
    """A unit row that turns out to hold programmes is not a section of the programme
    printed above it (a dinas repeating its name over each urusan's programmes): it stands
    beside the earlier units, under no programme."""
    programme_rows = {r["row_no"] for r in records if r["level"] == "program"}
    for rec in records:
        if rec["row_no"] == unit_row and rec["parent_row_no"] in programme_rows:
            rec["parent_row_no"] = None


PARENT_LEVELS = {
    "sub_kegiatan": ("kegiatan",),
    "kegiatan": ("program", "unit"),
    "unit": ("program",),
    "program": ("unit",),
}


def _parent(level: str, parents: dict[str, int]) -> int | None:
    """The nearest row above of a level that can contain this one: a kegiatan belongs to
    the kelurahan section it is printed in, which belongs to its programme. (A programme's
    parent is the unit holding programmes: `_programme_holder`.)"""
    candidates = [parents[up] for up in PARENT_LEVELS.get(level, ()) if up in parents]
    return max(candidates) if candidates else None


def _row_record(
    ctx: TableContext,
    row: Row,
    row_no: int,
    picked: dict[str, Column],
    by_role: dict[str, int],
    name_cols: list[int],
    scale: int,
    roman_programmes: bool = False,
) -> dict | None:
    """One row's budget record under one set of amount columns, or None when the row prints
    no amount of its own (a heading, a copied-down indicator row)."""
    picked, shift_note = realign_money(row, picked)
    texts = {k: cell_at(row, c.index).text.strip() for k, c in picked.items()}
    name_cells = [cell_at(row, i) for i in name_cols]
    if not _prints_amount(texts) or _copied_down_row(name_cells, texts):
        return None
    leaf = _leaf_name(name_cells)
    code, number = _code_and_number(row, by_role)
    values, notes = _read_values(ctx, row, picked, texts, scale)
    notes += _row_notes(scale, shift_note, values, texts)
    quarters = _quarter_keys(picked)
    return {
        "doc_id": ctx.doc_id,
        "table_id": ctx.table_id,
        "row_no": row_no,
        "level": level_of(code, number, leaf, roman_programmes),
        "code": code or None,
        "name": _row_name(leaf, number) or None,
        "pagu_before": values["pagu_before"],
        "pagu": values["pagu"],
        "realisasi": values["realisasi"],
        "capaian_reported": values["capaian"],
        "sisa": values["sisa"],
        "change": values["change"],
        "scale": scale,
        **_quarter_fields(values, texts, quarters),
        **_text_fields(texts),
        "year": caption_year(ctx),
        "parse_note": "; ".join(notes) or None,
        "page": row_page(row),
        "line": row_line(row),
    }


def _quarter_keys(picked: dict[str, Column]) -> list[str]:
    """The quarters' realisation keys the table prints, in order."""
    return sorted(k for k in picked if k.startswith("realisasi_tw"))


def _leaf_name(name_cells: list[Cell]) -> str:
    """The innermost name printed: a table with programme and kegiatan name columns names
    each row in the rightmost one it fills."""
    names = [clean_label(c.text) for c in name_cells]
    return next((n for n in reversed(names) if n), "")


def _row_notes(scale: int, shift_note: str | None, values: dict[str, float | None],
               texts: dict[str, str]) -> list[str]:
    """What the row's reading did beyond parsing: the scale applied, the realignment, and
    the repairs its own arithmetic proves (which may change ``values``)."""
    notes = []
    if scale != 1:
        notes.append(f"amounts printed in thousands; multiplied by {scale}")
    if shift_note:
        notes.append(shift_note)
    return notes + repair_row(values, texts)


def _prints_amount(texts: dict[str, str]) -> bool:
    """Does the row print a figure under an amount column (a capaian or sisa alone is no budget
    line)?"""
    return any(v for k, v in texts.items() if _is_amount(k))


def _copied_down_row(name_cells: list[Cell], texts: dict[str, str]) -> bool:
    """Another indicator row of the entity above (its merged name copied down) printing no
    amount of its own: not a second budget line."""
    return bool(name_cells) and all(c.filled or not c.text.strip() for c in name_cells) and all(
        (t or "-") in NIL_AMOUNTS for t in texts.values())


def _code_and_number(row: Row, by_role: dict[str, int]) -> tuple[str, str]:
    """The row's code and its printed number; a dotted code of three or more parts printed
    in the number column ('1.02.01.') is the code, the row then having no number."""
    number = clean_label(cell_at(row, by_role.get("no")).text).rstrip(".")
    code = clean_label(cell_at(row, by_role.get("code")).text)
    if not code and re.fullmatch(r"[\dX]+(\.[\dX]+){2,}\.?", number):
        return number, ""
    return code, number


def _row_name(leaf: str, number: str) -> str:
    """The budget line's name without its bullet or 'Program:' prefix; a total whose
    'JUMLAH I' is printed across the number column takes that as its name."""
    name = strip_prefix(re.sub(r"^[-–•]\s+", "", leaf))  # a one-item bulleted list
    if not name and TOTAL_HEAD.match(number):
        return number
    return name


VALUE_KEYS = ("pagu", "pagu_before", "realisasi", "sisa", "change", "capaian")


def _read_values(
    ctx: TableContext, row: Row, picked: dict[str, Column], texts: dict[str, str], scale: int,
) -> tuple[dict[str, float | None], list[str]]:
    """Every picked figure of the row, amounts scaled to whole rupiah, with the notes their
    reading left; an amount whose digits wrapped past an 'Rp' is rejoined first (and its
    text in ``texts`` replaced, so the record keeps what was read)."""
    values: dict[str, float | None] = {}
    notes: list[str] = []
    for key in (*VALUE_KEYS, *_quarter_keys(picked)):
        if key not in picked:
            values[key] = None
            continue
        values[key] = _read_value(ctx, cell_at(row, picked[key].index), key, texts, scale, notes)
    return values, notes


def _read_value(
    ctx: TableContext, cell: Cell, key: str, texts: dict[str, str], scale: int, notes: list[str],
) -> float | None:
    """One figure: a capaian read as a ratio and left unscaled, an amount unwrapped and
    scaled. Notes are appended to ``notes`` in reading order."""
    role = "ratio" if key == "capaian" else "amount"
    if role == "amount":
        text, wrap_note = unwrap_amount(cell.text)
        if wrap_note:
            cell, texts[key] = cell.copy_with(text), text
            notes.append(f"{key}: {wrap_note}")
    parsed = read_number(ctx, cell, role)
    value = parsed.value
    if value is not None and key != "capaian" and scale != 1:
        value *= scale
    if parsed.note:
        notes.append(f"{key}: {parsed.note}")
    return value


def _quarter_fields(values: dict[str, float | None], texts: dict[str, str],
                    quarters: list[str]) -> dict[str, float | str | None]:
    """Each quarter's realisation and its printed text, for the quarters the table prints."""
    return {**{q: values[q] for q in quarters}, **{f"{q}_text": texts.get(q) or None for q in quarters}}


def _text_fields(texts: dict[str, str]) -> dict[str, str | None]:
    """The printed text of each main figure, kept beside its value for provenance."""
    return {f"{k}_text": texts.get(k) or None for k in ("pagu", "realisasi", "capaian", "pagu_before")}
