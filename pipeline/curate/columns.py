"""What each column of a logical table means: role, year, measure, money or kinerja.

Curation never asks "which table is this?"; it asks what every column holds. That is what
lets one module read a Perjanjian Kinerja, a Renstra target matrix, an E.81 evaluation form
and a T-C.29 recap: they differ in which roles are present, not in how a role is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pipeline.classify import squash

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


# 'Capaian Thn Lalu', 'Realisasi Tahun Lalu': a figure of the year before the report's.

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


LAST_YEAR = re.compile(r"\b(?:tahun|thn|th)\.?\s*lalu\b", re.IGNORECASE)


def _last_year(name: str) -> str | None:
    """'Capaian Kinerja (%) Tahun lalu', 'Capaian Thn Lalu': the year before the report's,
    named without its number; its figures are history, never this year's."""
    return "previous_year" if LAST_YEAR.search(name) and not YEAR_RE.search(name) else None


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


# 'Indikator', its misprints ('Indiktor', 'Indkator') and the key-indicator column
# headed 'IKU', 'Nama IKU' or 'IKU Prov. Jabar'.
INDICATOR_HEAD = re.compile(r"ind[il]?k?a?tor|^(nama)?iku(?!t)")


def describe(index: int, name: str) -> Column:
    s = squash(name)
    lower = name.lower()
    tail = lower.split()[-1] if lower.split() else ""
    money = _is_money(name)
    kinerja = tail == "k"
    if kinerja:
        money = False
    scale = 1000 if re.search(r"\(\s*000\s*\)|ribuan", lower) else 1
    year = _year(name)
    tw = _triwulan(name) or _month(name) or (None if money else _last_year(name))

    # 'Tahun-3', 'Tahun 3', 'Tahun ke-3': the n-th year of the plan period.
    period_match = re.search(r"tahun\s*(?:ke)?\s*-?\s*(\d)\b", lower)
    period = int(period_match.group(1)) if period_match and year is None else None

    def col(role: str, measure: str | None = None, is_money: bool = money) -> Column:
        return Column(index, name, role, year, measure or tw, is_money, scale, period)

    # Identity columns first: they contain words that also occur in figure columns.
    if s in ("no", "no.", "nomor", "nourut") or re.fullmatch(r"n[oο]\.?", s):
        return col("no")
    if s.startswith("kode") or s == "koderekening":
        return col("code")
    if "satuan" in s or s in ("satua", "satuan", "unit"):
        return col("unit")
    if re.search(r"\balokasi", lower):
        return col("pagu", is_money=True)  # 'Alokasi (Rp)': the allocation, a pagu synonym
    if "lokasi" in s:
        return col("lokasi")
    if "sumberdana" in s:
        return col("sumber_dana")
    if "unitkerja" in s or "penanggungjawab" in s or "unitperangkat" in s:
        return col("responsible")
    if "keterangan" in s or s in ("ket", "ket.") or "penjelasan" in s or "catatan" in s:
        return col("keterangan")
    if "faktor" in s:
        return col("keterangan")
    if "kriteria" in s or "predikat" in s or "kategoripenilaian" in s:
        return col("predikat")
    if "efisiensi" in s:
        return col("efisiensi")
    if s.startswith("target") and "akhir" not in s and "realisasi" not in s:
        # ('Target | Realisasi', '% Realisasi' under a spanning 'Target' are no targets)
        # 'Target Kinerja Sasaran ...', 'TARGET KINERJA PROGRAM/KEGIATAN ... ANGGARAN';
        # 'Target s.d 2015 (RPJMD)': the medium-term plan's target, not the year's own
        plan = "renstra_target" if "rpjmd" in s else None
        return col("target_before" if "sebelum" in s else "target", measure=plan)
    if INDICATOR_HEAD.search(s):
        return col("indicator")
    if "capaian" in s and "sasaran" in s:
        # 'Capaian Sasaran' beside per-indicator figures: the sasaran's own score, printed
        # once for its indicators, never one indicator's capaian.
        return col("capaian", measure="capaian_sasaran")
    if "sasaran" in s and not money:
        return col("sasaran")
    if s.startswith("tujuan"):
        return col("tujuan")
    if "uraian" in s or "programkegiatan" in s or "programdankegiatan" in s or (
        "kegiatan" in s and "sub" in s and "program" in s
    ):
        return col("name")
    if s.startswith("subkegiatan") or s == "urusanbidangurusanprogramkegiatansubkegiatan":
        return col("name")
    if s.endswith("program") and s != "program" and not re.search(r"pagu|realisasi|target", s):
        return col("name")  # 'JENIS ANGGARAN/PROGRAM'
    if s == "program" or s.startswith("programpd"):
        return col("program")
    if s.startswith("kegiatan") and "realisasi" not in s:
        return col("kegiatan")
    if "jabatan" in s or "golongan" in s or "pendidikan" in s or "kualifikasi" in s:
        return col("category")
    # Figure columns.
    if "fisik" in s:
        return col("other")  # physical progress of a budget line, not an indicator's realisasi
    if re.search(r"pagu|dipa|anggaran", s) and re.search(r"(awal|revisi|keuangan\(rp\.?\)|keuangan%)$", s):
        # 'PAGU DIPA (Rp.) AWAL / REVISI', 'REALISASI … KEUANGAN (Rp.) / %' under a merged head
        if s.endswith("awal"):
            return col("pagu_before", is_money=True)
        if s.endswith("revisi"):
            return col("pagu", is_money=True)
        if s.endswith("%"):
            return col("capaian", is_money=True)
        return col("realisasi", is_money=True)
    if "sisa" in s:
        return col("sisa", is_money=True)
    if "bertambah" in s or "berkurang" in s or "selisih" in s:
        return col("change", is_money=True)
    if "kebutuhandana" in s:
        return col("kebutuhan", is_money=True)
    if "sebelum" in s and "target" not in s:
        return col("pagu_before", is_money=money)
    if "dpamurni" in s or s.endswith("murni"):
        return col("pagu_before", is_money=True)
    if "proyeksi" in s:
        return col("target", measure="proyeksi")
    if any(k in s for k in ("dataawal", "capaianawal", "tahunawal", "kondisiawal", "awalperiode",
                                 "baseline")):
        return col("realisasi", measure="baseline")
    if "nasional" in s or "standar" in s:
        return col("realisasi", measure="national")
    if "kemajuan" in s or AGAINST_PLAN.search(s):
        return col("capaian", measure="renstra_progress")
    if "akhir" in s and ("target" in s or "renstra" in s or "kondisi" in s):
        return col("target", measure="renstra_end")
    if "tingkatcapaian" in s or s.startswith("capaian") or s.startswith("%"):
        return col("capaian")
    if "targetcapaian" in s or "targetkinerja" in s:
        return col("target_before" if "sebelum" in s else "target")
    if s.startswith("spj") or s.endswith("spj"):
        return col("realisasi", is_money=True)  # SPJ: the spending accounted for, realisasi
    if "realisasi" in s or "realis" in s or "reali" in s:
        if "%" in s:
            return col("capaian")
        return col("realisasi")
    if "capaian" in s or "capaia" in s or s in ("%", "%realisasi", "persen"):
        return col("capaian")
    if "target" in s or "targ" in s or "rencana" in s or s.startswith("besaran"):
        # 'Besaran/Volume': the volume a Renja proposal asks for (T-C.32), its target
        return col("target_before" if "sebelum" in s else "target")
    if "sesudah" in s or "setelah" in s or "perubahan" in s or "dppa" in s:
        return col("pagu", is_money=True) if money or "sesudah" in s or "setelah" in s else col("other")
    if "pagu" in s or "anggaran" in s or "dpa" in s:
        return col("pagu", is_money=True)
    if s in ("jumlah", "total", "jml"):
        return col("total")
    if "lakilaki" in s or s in ("l", "lk") or "laki" in s:
        return col("male")
    if "perempuan" in s or s in ("p", "pr"):
        return col("female")
    if "kebutuhan" in s:
        return col("kebutuhan")
    if "bezzeting" in s or "keadaan" in s:
        return col("bezzeting")
    if money and year is not None:
        return col("pagu")  # 'Tahun 2016 Rp': a year's column of rupiah is that year's pagu
    if year is not None and re.fullmatch(r"(tahun)?\d{4}", s):
        return col("year_value")
    if s == "tahun":  # one row per year: the row says which
        return col("row_year")
    return col("other")


def describe_all(columns: list[str]) -> list[Column]:
    described = _monthly_only_in_schedules([describe(i, n) for i, n in enumerate(columns)])
    return _propagate_group_years(_percent_realisasi_beside_capaian(described))


def _percent_realisasi_beside_capaian(cols: list[Column]) -> list[Column]:
    """'Realisasi (%)' alone is the achievement rate; followed by its own 'Capaian (%)' in
    the same group (TARGET (%) | REALISASI (%) | CAPAIAN (%)), it is the realisasi printed
    in percent, and the capaian column beside it is the rate."""
    out = list(cols)
    for i, c in enumerate(cols):
        lower = c.name.lower()
        if c.role != "capaian" or "reali" not in lower or "%" not in lower:
            continue
        beside = cols[i + 1: i + 3]
        # (a capaian of another measure, 'Capaian … terhadap Target Akhir', is not its own)
        if any(b.role == "capaian" and "capaia" in b.name.lower() and b.money == c.money
               and b.measure == c.measure for b in beside):
            out[i] = replace(c, role="realisasi")
    return out


def _monthly_only_in_schedules(cols: list[Column]) -> list[Column]:
    """A month measure stands only in a monthly schedule, a table with several month columns;
    a lone month word ('Keadaan Desember') dates the column, it is not a month's target."""
    months = {c.measure for c in cols if c.measure and c.measure.startswith("bulan_")}
    if len(months) >= MIN_MONTH_COLUMNS:
        return cols
    return [replace(c, measure=None) if c.measure and c.measure.startswith("bulan_") else c
            for c in cols]


def _propagate_group_years(cols: list[Column]) -> list[Column]:
    """History tables print the year once over a (target, realisasi, capaian) group, and OCR
    sometimes cuts it ('T | ahun 2022 | Та | hun 202 | 23'). Give a year-less figure column
    its group's year; a group with no readable year, the year its position implies when the
    groups repeat the same columns (years run left to right, one per group)."""
    figure_roles = {"target", "realisasi", "capaian", "predikat"}
    out = list(cols)
    if not any(c.year for c in cols if c.role in figure_roles):
        return out
    group: list[int] = []
    seen: set[str] = set()
    groups: list[list[int]] = []
    for i, c in enumerate(cols):
        if c.role not in figure_roles or c.measure:
            continue
        if c.role in seen:
            groups.append(group)
            group, seen = [], set()
        group.append(i)
        seen.add(c.role)
    if group:
        groups.append(group)
    if len(groups) < 2:
        return out
    group_years: list[int | None] = []
    for g in groups:
        gy = {cols[i].year for i in g if cols[i].year}
        group_years.append(gy.pop() if len(gy) == 1 else None)
    same_shape = len({tuple(cols[i].role for i in g) for g in groups}) == 1
    known = [(k, y) for k, y in enumerate(group_years) if y]
    if same_shape and len(known) == 1:
        k0, y0 = known[0]
        group_years = [y0 + (k - k0) for k in range(len(groups))]
    for g, y in zip(groups, group_years, strict=True):
        if y is None:
            continue
        for i in g:
            c = out[i]
            out[i] = Column(c.index, c.name, c.role, y, c.measure, c.money, c.scale, c.period)
    return out
