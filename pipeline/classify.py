"""Give each logical table a kind from its caption and header vocabulary.

Captions are misnumbered and often missing, so the header words carry most of the weight;
the caption breaks ties (a 'Perjanjian Kinerja' table and a Renstra target table share
their columns). The reason is stored beside the kind so a wrong call can be traced.
"""

from __future__ import annotations

import re

from pipeline.model import LogicalTable

KINDS = (
    "perjanjian_kinerja",
    "iku",
    "capaian_kinerja",
    "capaian_history",
    "renstra_target",
    "renstra_progress",
    "realisasi_anggaran",
    "anggaran",
    "efisiensi",
    "staffing",
    "ikk",
    "spm",
    "other",
)
# A column that prints its own formula over two numbered columns: 'Σ (2) / Σ (3) x 100%'.
RATIO_FORMULA = re.compile(r"\(\s*(\d{1,2})\s*\)\s*/\s*[Σ∑]?\s*\(\s*(\d{1,2})\s*\)")


def squash(text: str) -> str:
    """Lower-case letters and digits only: 'Realis asi' and 'TARGE T' survive the OCR."""
    return re.sub(r"[^a-z0-9%]+", "", text.lower())


MONEY_WORDS = re.compile(
    r"\b(pagu|anggaran|rp\.?|rupiah|dana|dpa|dppa|belanja|apbd\w*)\b|\(rp(?![a-z])", re.IGNORECASE
)


def _has(words: str, *needles: str) -> bool:
    return any(n in words for n in needles)


# Category words a staffing table prints in its rows, by the dimension they belong to. A
# staff table without a caption ('NO | STATUS | JUMLAH', 'NO | PENDIDIKAN | JUMLAH') is known
# by these. Roman golongan codes are case-sensitive ('III/a', 'IVd'), so 'ia' in a word is not one.
STAFF_VALUES = {
    "status": re.compile(r"^(c?pns|non[\s-]*pns|pppk|p3k|tkk|thl|ptt|honorer|tenaga\s+"
                         r"(harian|kontrak|honorer)\w*)\b", re.IGNORECASE),
    "golongan": re.compile(r"(?<![A-Za-z])(IV|III|II|I)\s*[/.\-]?\s*[a-e](?![A-Za-z])"),
    "jabatan": re.compile(r"\beselon\b|^(struktural|fungsional|pelaksana)\b", re.IGNORECASE),
    "pendidikan": re.compile(r"^(S\s*[-–]?\s*[123]|(?-i:D\s*[-–]?\s*(IV|I{1,3}|[1-4]))|diploma|sarjana|"
                             r"magister|doktor|sarmud|SLTA|SMA|SMU|SMK|SLTP|SMP|SD)\b",
                             re.IGNORECASE),
    "jenis_kelamin": re.compile(r"^(laki[\s-]*laki|perempuan|pria|wanita)$", re.IGNORECASE),
}
# Degrees are held by people; school levels alone (SD, SMP, SMA) may count schools. A diploma
# code is upper case ('D III', 'D-3'): 'Di wilayah ini …' is prose, not a D I.
DEGREE = re.compile(r"^(S\s*[-–]?\s*[123]|(?-i:D\s*[-–]?\s*(IV|I{1,3}|[1-4]))|diploma|sarjana|sarmud)\b",
                    re.IGNORECASE)
STAFF_VALUE_SHARE = 0.6


def staff_dimension_of_values(labels: list[str]) -> str | None:
    """The staffing dimension most row labels belong to ('PNS', 'CPNS' → status; 'S–1',
    'SLTA' → pendidikan), or None when fewer than STAFF_VALUE_SHARE of them do."""
    texts = [" ".join(t.split()) for t in labels if t.strip()]
    texts = [t for t in texts if not re.match(r"(jumlah|total)\b", t.replace(" ", ""), re.I)]
    if len(texts) < 2:
        return None
    for dimension, pattern in STAFF_VALUES.items():
        hits = sum(1 for t in texts if pattern.search(t))
        if hits >= 2 and hits >= STAFF_VALUE_SHARE * len(texts):
            if dimension == "pendidikan" and not any(DEGREE.search(t) for t in texts):
                continue
            return dimension
    return None


# a whole count, bare or with its unit word ('46 orang')
COUNT = re.compile(r"^\d{1,3}(?:[.,]\d{3})*(?:\s+[A-Za-z]+\.?)?$")
COUNT_SHARE = 0.6


def _is_count_column(texts: list[str]) -> bool:
    """The cells that print a figure are mostly whole counts ('12', '1.204', '46 orang'):
    what a staff table tallies. A cell that lost its figure ('orang') is not held against it."""
    figures = [t.strip() for t in texts if re.search(r"\d", t)]
    if not figures or figures == [str(k) for k in range(1, len(figures) + 1)]:
        return False  # no figures, or only the row numbers 1, 2, 3 …
    return sum(1 for t in figures if COUNT.match(t)) >= COUNT_SHARE * len(figures)


def _staff_rows(table: LogicalTable) -> str | None:
    """A column of staff category words beside a column of counts: the dimension, or None.
    Without the counts the words are prose ('SD' and 'SMP' in a spatial-plan review)."""
    n_cols = max((len(r) for r in table.rows), default=0)
    columns = [[r[i].text if i < len(r) else "" for r in table.rows] for i in range(n_cols)]
    for i, labels in enumerate(columns):
        dimension = staff_dimension_of_values(labels)
        if dimension and any(_is_count_column(c) for k, c in enumerate(columns) if k != i):
            return dimension
    return None


# The IKU form: how an indicator is defined or computed, and where its data come from.
IKU_DEFINITION = ("definisi", "formulasi", "formula", "rumus", "carapengukuran",
                  "dasarpertimbangan", "alasan")
IKU_SOURCE = ("sumberdata", "penanggungjawab")


def _defines_indicators(head: str) -> bool:
    """A definition column beside a data-source or responsible column, whatever the
    indicator column is called ('URAIAN' on a scanned decree)."""
    return _has(head, *IKU_DEFINITION) and _has(head, *IKU_SOURCE)


# An asset inventory (Kartu Inventaris Barang) prints rupiah values of goods held, not a
# budget: its money columns must not make it an 'anggaran' table no curator can read.
ASSET_HEADS = ("kodebarang", "namabarang", "jumlahbarang", "jenisbarang", "namaaset")


def classify(table: LogicalTable) -> tuple[str, str]:
    """Return (kind, reason)."""
    cap = squash((table.label or "") + " " + (table.caption or ""))
    cols = [squash(c) for c in table.columns]
    head = " ".join(cols)
    years = {int(y) for c in table.columns for y in re.findall(r"(?:19|20)\d{2}", c)}

    has_target = _has(head, "target", "targ", "besaran")  # 'Besaran/Volume': a proposal's target
    has_real = _has(head, "realisasi", "realis", "reali")
    has_capaian = _has(head, "capaian", "%", "kemajuan")
    has_indicator = _has(head, "indikator", "iku", "sasaran")
    money = any(MONEY_WORDS.search(c) for c in table.columns)
    money_caption = bool(MONEY_WORDS.search(table.caption or ""))
    n_rows = len(table.rows)

    if n_rows == 0:
        return "other", "no data rows"
    if _has(head, *ASSET_HEADS):
        return "other", "asset inventory (barang and their value), not a budget"
    if _has(head, "definisi", "formulasi", "formula") and has_indicator and not has_real:
        return "iku", "definition columns (definisi / formulasi / penanggung jawab)"
    ikk_named = _has(head, "ikk", "indikatorkinerjakunci") or _has(cap, "indikatorkinerjakunci")
    if ikk_named and _has(head, "isiandata", "numerator", "pembilang", "penyebut"):
        return "ikk", "IKK indicator with data columns"
    if _defines_indicators(head) and not (has_target or has_real or money):
        return "iku", "definition and data-source columns without figures (IKU form)"
    if any(RATIO_FORMULA.search(c) for c in table.columns):
        return "spm", "a column states its formula over two numbered columns (SPM)"
    if _has(head, "efisiensi") or _has(cap, "efisiensi"):
        return "efisiensi", "efisiensi column or caption"
    staff_head = _has(head, "lakilaki", "perempuan", "golongan", "pendidikan", "jabatan", "bezzeting")
    staff_cap = _has(cap, "pegawai", "pns", "asn", "aparatur", "personil", "bezzeting")
    staff_words = staff_cap or _has(head, "jabatan", "golongan", "bezzeting", "kebutuhan")
    if (staff_head or staff_cap) and staff_words and not has_target and not money:
        return "staffing", "staff counts by jabatan / golongan / pendidikan / sex"
    staff_dimension = None if has_target or has_real or has_capaian or money else _staff_rows(table)
    if staff_dimension:
        return "staffing", f"rows list staff categories ({staff_dimension}) with counts"
    before_after = _has(head, "sebelum", "sesudah", "setelah", "uraian")
    if money_caption and not has_indicator and not has_real and before_after:
        return "anggaran", "caption names a budget; before / after columns"
    if money and (has_real or _has(head, "sisa")):
        return "realisasi_anggaran", "pagu / anggaran with realisasi columns"
    if money and not has_indicator and not has_capaian:
        return "anggaran", "pagu / anggaran columns without realisasi"
    if money and _has(head, "sebelum", "sesudah", "setelah", "murni", "perubahan", "pagu"):
        return "anggaran", "budget before / after change"
    if has_indicator or has_target or has_real:
        if _has(head, "kemajuan") or _has(cap, "jangkamenengah", "kemajuan"):
            return "renstra_progress", "progress against the Renstra end target"
        if len(years) >= 2 and has_real:
            return "capaian_history", f"realisasi for {len(years)} years"
        if _has(cap, "perjanjiankinerja", "penetapankinerja") and not has_real:
            return "perjanjian_kinerja", "caption names the Perjanjian Kinerja"
        if has_target and not has_real and (len(years) >= 2 or _has(head, "renstra", "akhir")):
            return "renstra_target", "targets for several years"
        if has_target and has_real:
            return "capaian_kinerja", "target and realisasi columns"
        if has_real and _has(head, "nasional"):
            return "capaian_kinerja", "realisasi against a national standard"
        if has_target and not has_real and has_indicator:
            return "perjanjian_kinerja", "indicator targets without realisasi"
        if has_capaian and has_indicator:
            return "capaian_kinerja", "indicator capaian column"
    return "other", "no performance, budget or staffing vocabulary"
