"""What each column of a logical table means: role, year, measure, money or kinerja.

Curation never asks "which table is this?"; it asks what every column holds. That is what
lets one module read a Perjanjian Kinerja, a Renstra target matrix, an E.81 evaluation form
and a T-C.29 recap: they differ in which roles are present, not in how a role is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pipeline.classify import squash
from pipeline.curate.header_vocab import Header, first_match

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
YEAR_RE = re.compile(r"(?:19|20)\d{2}")
MONEY_RE = re.compile(
    r"\b(pagu|anggaran|rp\.?|rupiah|dana|dpa|dppa|belanja|apbd\w*)\b|\(rp(?![a-z])|\brp\b", re.IGNORECASE
)


@dataclass(frozen=True)
class Column:
    index: int
    name: str
    role: str  # see ROLE_RULES; "other" when unknown
    year: int | None = None
    measure: str | None = None  # triwulan_1.., bulan_1.., baseline, renstra_target, national,
    # proyeksi, capaian_sasaran, previous_year
    money: bool = False
    scale: int = 1  # 1000 for an '(000)' column
    period: int | None = None  # n of a 'Tahun-n' column: the n-th year of the Renstra period


QUARTER = r"(iv|iii|ii|i|[1-4])"
QUARTER_SPAN = re.compile(rf"\b{QUARTER}\s*(?:-|–|s\.?/?d\.?|sampai)\s*{QUARTER}\b", re.IGNORECASE)


def _triwulan(name: str) -> str | None:
    """'Triwulan II', 'TW 3'; in 'Realisasi … Triwulan I - IV Tahun 2023 II K' the span over
    the group is not a quarter, the sub-header's 'II' is."""
    text = QUARTER_SPAN.sub(" ", name)
    m = re.search(rf"(?:triwulan|trw|tw)\.?\s*{QUARTER}\b", text, re.IGNORECASE)
    if not m and QUARTER_SPAN.search(name) and re.search(r"triwulan|\btr?w\b", name, re.IGNORECASE):
        m = re.search(r"\b(iv|iii|ii|i)\b(?!.*\b(?:iv|iii|ii|i)\b)", text, re.IGNORECASE)
    if not m:
        return None
    token = m.group(1).lower()
    n = ROMAN.get(token) or int(token)
    return f"triwulan_{n}"


# Month names and their printed abbreviations, one entry per month: a Rencana Aksi prints a
# target for every month ('Target Bulan Januari' … 'Desember', 'Jan' … 'Des').
MONTHS: dict[int, tuple[str, ...]] = {
    1: ("januari", "jan"), 2: ("februari", "pebruari", "feb", "peb"), 3: ("maret", "mar"),
    4: ("april", "apr"), 5: ("mei",), 6: ("juni", "jun"), 7: ("juli", "jul"),
    8: ("agustus", "agu", "agt", "ags", "agust"), 9: ("september", "sep", "sept"),
    10: ("oktober", "okt"), 11: ("november", "nop", "nov", "nopember"),
    12: ("desember", "des"),
}
MONTH_WORD = {word: n for n, words in MONTHS.items() for word in words}
# 'Realisasi s/d Desember' is the year to date, not December's own figure.
UP_TO_MONTH = re.compile(r"(?:s\.?/?d\.?|sampai|hingga|sd)\s*(?:bulan\s*)?[a-z]+\s*$", re.IGNORECASE)
MIN_MONTH_COLUMNS = 3
# 'Capaian target terhadap realisasi RPJMD', 'Capaian thd target akhir': a share of the
# medium-term plan's target, a derived measure and never the year's own capaian.
AGAINST_PLAN = re.compile(r"(terhadap|thd).*(rpjmd|renstra|akhir)|(rpjmd|renstra|akhir).*(terhadap|thd)")  # fewer month columns are a date in a header, not a monthly schedule


def _month(name: str) -> str | None:
    """'Target Bulan Januari', 'Feb', 'Bulan 3' → 'bulan_1', 'bulan_2', 'bulan_3'. The last
    month word of the header counts; a 'bulan N' ordinal counts where no month is named."""
    lower = name.lower()
    if UP_TO_MONTH.search(lower):
        return None
    words = re.findall(r"[a-z]+", lower)
    named = [MONTH_WORD[w] for w in words if w in MONTH_WORD]
    if named:
        return f"bulan_{named[-1]}"
    m = re.search(r"\bbulan\s*(?:ke\s*-?\s*)?(1[0-2]|[1-9])\b", lower)
    return f"bulan_{m.group(1)}" if m else None


def _year(name: str) -> int | None:
    m = re.search(r"n\s*[-+]\s*\d\s*=\s*((?:19|20)\d{2})", name)
    if m:
        return int(m.group(1))
    years = YEAR_RE.findall(name) or YEAR_RE.findall(_join_spaced_digits(name))
    return int(years[-1]) if years else None


def _join_spaced_digits(name: str) -> str:
    """Letter-spaced headers ('T ah u n - 3 ( 2 0 1 6 )', 'Tahun-1 (20 1 4)') split a year
    into pieces; a run of digits and spaces is one number only when it joins to four
    digits, so 'Tahun 1 2014' keeps its two numbers."""
    def join(m: re.Match) -> str:
        digits = re.sub(r"\s+", "", m.group(0))
        return digits if len(digits) == 4 else m.group(0)

    return re.sub(r"\d(?:\s*\d)+", join, name)


def _is_money(name: str) -> bool:
    """Money vocabulary in the header, also when letter-spaced: a last word 'R p' / '(R p.)'
    is the rupiah column of a Target | Rp pair."""
    compact = re.sub(r"[\s.]+", "", name.lower())
    return bool(MONEY_RE.search(name)) or compact.endswith(("rp", "(rp)", "rp)"))


def _scale(lower: str) -> int:
    """1000 for an '(000)' or 'ribuan' column, whose figures are printed in thousands."""
    return 1000 if re.search(r"\(\s*000\s*\)|ribuan", lower) else 1


def _period(lower: str, year: int | None) -> int | None:
    """'Tahun-3', 'Tahun 3', 'Tahun ke-3': the n-th year of the plan period, where no calendar
    year is printed."""
    m = re.search(r"tahun\s*(?:ke)?\s*-?\s*(\d)\b", lower)
    return int(m.group(1)) if m and year is None else None


def _header_money(name: str, lower: str) -> bool:
    """Money vocabulary in the header, unless its last word is a lone 'K' (kinerja), the
    kinerja half of a 'K | Rp' pair whose parent names the budget."""
    words = lower.split()
    return _is_money(name) and not (words and words[-1] == "k")


def describe(index: int, name: str) -> Column:
    """The role, year, measure, money flag, scale and period of one column, from its flattened
    header. The role comes from the header vocabulary (pipeline/reference/header_vocab.toml),
    the first entry whose words the header holds; the rest is read from the text here."""
    lower = name.lower()
    money = _header_money(name, lower)
    year = _year(name)
    header = Header(squash(name), lower, money, year is not None)
    entry = first_match(header)
    role, measure = (entry.role, entry.measure) if entry else ("other", None)
    if entry is not None and entry.money is not None:
        money = entry.money
    dated = _triwulan(name) or _month(name) or (None if money else _last_year(name))
    return Column(index, name, role, year, measure or dated, money, _scale(lower),
                  _period(lower, year))


# 'Capaian Thn Lalu', 'Realisasi Tahun Lalu': a figure of the year before the report's.
LAST_YEAR = re.compile(r"\b(?:tahun|thn|th)\.?\s*lalu\b", re.IGNORECASE)


def _last_year(name: str) -> str | None:
    """'Capaian Kinerja (%) Tahun lalu', 'Capaian Thn Lalu': the year before the report's,
    named without its number; its figures are history, never this year's."""
    return "previous_year" if LAST_YEAR.search(name) and not YEAR_RE.search(name) else None


def describe_all(columns: list[str], header_rows: list[list[str]] | None = None) -> list[Column]:
    """Every column described; with the header grid (span-filled rows, as LogicalTable keeps
    it), a sub-header under a spanning parent names its own figure (`_leaf_first`)."""
    described = [describe(i, n) for i, n in enumerate(columns)]
    splits = _spanning_splits(described, header_rows) if header_rows else [None] * len(described)
    described = _monthly_only_in_schedules(_leaf_first(described, splits))
    described = _percent_realisasi_beside_capaian(described, splits)
    described = _last_year_dated_by_siblings(described, splits)
    return _propagate_group_years(_percent_realisasi_beside_percent_target(described))


def _last_year_dated_by_siblings(cols: list[Column], splits: list[Split | None]) -> list[Column]:
    """'Target dan Realisasi … Tahun Lalu (n-2)' over 'Target Renja Tahun 2013 | Realisasi
    Renja Tahun 2013 | Tingkat Realisasi (%)': the parent names last year without its number,
    and its sub-headers that print one year say which. The sub-header that prints none is
    that year's too (its capaian), not a vague 'previous_year' record apart from its own
    target and realisasi."""
    out = list(cols)
    for i, (c, split) in enumerate(zip(cols, splits, strict=True)):
        if split is None or c.year is not None or c.measure != "previous_year":
            continue
        year = _sibling_year(cols, splits, split[0])
        if year:
            out[i] = replace(c, year=year, measure=None)
    return out


def _sibling_year(cols: list[Column], splits: list[Split | None], parent: str) -> int | None:
    """The one year the sub-headers under a spanning parent print, if exactly one."""
    years = {c.year for c, s in zip(cols, splits, strict=True) if s is not None and s[0] == parent and c.year}
    return years.pop() if len(years) == 1 else None


def _percent_realisasi_beside_percent_target(cols: list[Column]) -> list[Column]:
    """'Target (%) | Realisasi (%) | Kategori': where the target is printed in percent too
    and the table has no capaian column of its own, '(%)' is the unit of both figures, and
    'Realisasi (%)' the realisasi, not the achievement rate it is alone."""
    percent_target = any(c.role == "target" and "%" in c.name for c in cols)
    own_capaian = any(c.role == "capaian" and not _percent_realisasi(c) for c in cols)
    if not percent_target or own_capaian:
        return cols
    return [replace(c, role="realisasi") if _percent_realisasi(c) else c for c in cols]


#: the figure roles a sub-header may name over its parent's words
LEAF_ROLES = frozenset({"target", "target_before", "realisasi", "capaian"})


#: the parent roles whose figure columns the sub-headers tell apart; under another parent
#: (a text parent 'INDIKATOR KINERJA TAHUN 2016', or one of unknown words over 'Kkal | %')
#: only a bare figure word ('Target', 'Realisasi (%)') does
FIGURE_PARENTS = LEAF_ROLES | {"pagu", "pagu_before", "year_value"}
BARE_FIGURE = re.compile(r"(target|realisasi|capaian|tingkatcapaian|persen|rencana)?(tahunan)?(ke)?")
YEAR_ONLY = re.compile(r"\(?(19|20)\d{2}\)?")


def _bare_figure(leaf: str) -> bool:
    """A sub-header that is a figure word alone, years, units and '%' aside."""
    core = re.sub(r"[\d%]|rp", "", squash(leaf))
    return bool(core) and BARE_FIGURE.fullmatch(core) is not None


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


Split = tuple[str, str]  # (parent, leaf) of a flattened header


def _split_leaf(name: str, cells: list[str]) -> Split | None:
    """(parent, leaf) of a flattened name: the leaf is the lowest header cell of the column
    whose text ends the name (a printed column number '(6)' is not in the name, so it is
    passed over), the parent the text before it; None for a one-cell header."""
    flat = _clean(name)
    for k in range(len(cells) - 1, -1, -1):
        leaf = _clean(cells[k])
        if leaf and len(flat) > len(leaf) and flat.endswith(leaf):
            leaf = _with_group_label(flat, leaf, cells[:k])
            return flat[: -len(leaf)].strip(), leaf
    return None


def _with_group_label(flat: str, leaf: str, above: list[str]) -> str:
    """A bare year under a group label under the table's title row ('Sasaran Strategis' /
    'Target Tahunan Ke' / '2014'): the year and its group label together are the leaf,
    the title row the parent."""
    labels = [_clean(t) for t in above if _clean(t)]
    if not YEAR_ONLY.fullmatch(leaf) or len(labels) < 2:
        return leaf
    longer = f"{labels[-1]} {leaf}"
    return longer if len(flat) > len(longer) and flat.endswith(longer) else leaf


def _shares_parent(split: Split | None, other: Split | None) -> bool:
    """Both columns sit under the same parent text with different sub-headers."""
    return split is not None and other is not None and other[0] == split[0] and other[1] != split[1]


def _spanning_splits(cols: list[Column], header_rows: list[list[str]]) -> list[Split | None]:
    """Each column's (parent, leaf), kept only where a neighbour shares the parent under a
    different leaf: the parent is a spanning header over several sub-headers."""
    splits = [_split_leaf(c.name, [r[c.index] for r in header_rows if c.index < len(r)])
              for c in cols]
    padded = [None, *splits, None]
    return [split if _shares_parent(split, padded[i]) or _shares_parent(split, padded[i + 2])
            else None for i, split in enumerate(splits)]


def _leaf_first(cols: list[Column], splits: list[Split | None]) -> list[Column]:
    """Under a spanning parent ('Target dan realisasi … Tahun lalu (2014)' over 'Target Renstra
    | Realisasi Renja | Tingkat Realisasi (%)', 'INDIKATOR KINERJA TAHUN 2016' over 'Target |
    Realisasi') the sub-header names the figure; the parent's words, read first in the
    flattened name, would give all of them its own role. The parent still gives the year,
    measure and money the sub-header does not print."""
    out = list(cols)
    for i, (c, split) in enumerate(zip(cols, splits, strict=True)):
        if split is None:
            continue
        leaf = describe(c.index, split[1])
        if leaf.role not in LEAF_ROLES or leaf.role == c.role:
            continue
        if (describe(c.index, split[0]).role not in FIGURE_PARENTS and not _bare_figure(split[1])
                and leaf.year is None):
            continue  # 'Indikator Kinerja' over 'Capaian Program': the indicator's kind; a
            # sub-header that prints its year ('Target Kinerja … Tahun 2013') is a figure
        out[i] = replace(c, role=leaf.role, year=leaf.year or c.year,
                               measure=leaf.measure or c.measure, money=c.money or leaf.money)
    return out


def _percent_realisasi_beside_capaian(cols: list[Column], splits: list[Split | None]) -> list[Column]:
    """'Realisasi (%)' alone is the achievement rate; followed by its own 'Capaian (%)' in
    the same group (TARGET (%) | REALISASI (%) | CAPAIAN (%)), it is the realisasi printed
    in percent, and the capaian column beside it is the rate. Under a spanning parent the
    capaian must share it: 'Target' over 'Target | Realisasi | % Realisasi' holds its own
    rate, and a 'Capaian … terhadap' column after the group measures something else."""
    out = list(cols)
    parents = [s[0] if s else None for s in splits]
    for i, c in enumerate(cols):
        beside = [b for j, b in enumerate(cols[i + 1: i + 3], i + 1) if parents[j] == parents[i]]
        if _percent_realisasi(c) and any(_own_capaian(b, c) for b in beside):
            out[i] = replace(c, role="realisasi")
    return out


def _percent_realisasi(c: Column) -> bool:
    lower = c.name.lower()
    return c.role == "capaian" and "reali" in lower and "%" in lower


def _own_capaian(b: Column, c: Column) -> bool:
    """b is a column headed 'Capaian' of the same money kind as c."""
    # (a capaian of another measure, 'Capaian … terhadap Target Akhir', is not its own)
    return (b.role == "capaian" and "capaia" in b.name.lower() and b.money == c.money
            and b.measure == c.measure)


def _monthly_only_in_schedules(cols: list[Column]) -> list[Column]:
    """A month measure stands only in a monthly schedule, a table with several month columns;
    a lone month word ('Keadaan Desember') dates the column, it is not a month's target."""
    months = {c.measure for c in cols if c.measure and c.measure.startswith("bulan_")}
    if len(months) >= MIN_MONTH_COLUMNS:
        return cols
    return [replace(c, measure=None) if c.measure and c.measure.startswith("bulan_") else c
            for c in cols]


FIGURE_ROLES = frozenset({"target", "realisasi", "capaian", "predikat"})


def _figure_groups(cols: list[Column]) -> list[list[int]]:
    """The (target, realisasi, capaian …) groups of measure-less figure columns, left to
    right: a role seen again opens the next group."""
    group: list[int] = []
    seen: set[str] = set()
    groups: list[list[int]] = []
    for i, c in enumerate(cols):
        if c.role not in FIGURE_ROLES or c.measure:
            continue
        if c.role in seen:
            groups.append(group)
            group, seen = [], set()
        group.append(i)
        seen.add(c.role)
    if group:
        groups.append(group)
    return groups


def _group_years(cols: list[Column], groups: list[list[int]]) -> list[int | None]:
    """Each group's one printed year (None when it prints none or several); where the groups
    repeat the same columns and only one prints its year, the others count from it."""
    years = [_one_year(cols, g) for g in groups]
    same_shape = len({tuple(cols[i].role for i in g) for g in groups}) == 1
    known = [(k, y) for k, y in enumerate(years) if y]
    if same_shape and len(known) == 1:
        k0, y0 = known[0]
        years = [y0 + (k - k0) for k in range(len(groups))]
    return years


def _one_year(cols: list[Column], group: list[int]) -> int | None:
    years = {cols[i].year for i in group if cols[i].year}
    return years.pop() if len(years) == 1 else None


def _propagate_group_years(cols: list[Column]) -> list[Column]:
    """History tables print the year once over a (target, realisasi, capaian) group, and OCR
    sometimes cuts it ('T | ahun 2022 | Та | hun 202 | 23'). Give a year-less figure column
    its group's year; a group with no readable year, the year its position implies when the
    groups repeat the same columns (years run left to right, one per group)."""
    out = list(cols)
    if not any(c.year for c in cols if c.role in FIGURE_ROLES):
        return out
    groups = _figure_groups(cols)
    if len(groups) < 2:
        return out
    for g, y in zip(groups, _group_years(cols, groups), strict=True):
        if y is None:
            continue
        for i in g:
            out[i] = replace(out[i], year=y)
    return out
