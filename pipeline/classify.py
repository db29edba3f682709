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
    r"\b(pagu|anggaran|rp\.?|rupiah|dana|dpa|dppa|belanja|apbd\w*)\b|\(rp", re.IGNORECASE
)


def _has(words: str, *needles: str) -> bool:
    return any(n in words for n in needles)


def classify(table: LogicalTable) -> tuple[str, str]:
    """Return (kind, reason)."""
    cap = squash((table.label or "") + " " + (table.caption or ""))
    cols = [squash(c) for c in table.columns]
    head = " ".join(cols)
    years = {int(y) for c in table.columns for y in re.findall(r"(?:19|20)\d{2}", c)}

    has_target = _has(head, "target", "targ")
    has_real = _has(head, "realisasi", "realis", "reali")
    has_capaian = _has(head, "capaian", "%", "kemajuan")
    has_indicator = _has(head, "indikator", "iku", "sasaran")
    money = any(MONEY_WORDS.search(c) for c in table.columns)
    money_caption = bool(MONEY_WORDS.search(table.caption or ""))
    n_rows = len(table.rows)

    if n_rows == 0:
        return "other", "no data rows"
    if _has(head, "definisi", "formulasi", "formula") and has_indicator and not has_real:
        return "iku", "definition columns (definisi / formulasi / penanggung jawab)"
    ikk_named = _has(head, "ikk", "indikatorkinerjakunci") or _has(cap, "indikatorkinerjakunci")
    if ikk_named and _has(head, "isiandata", "numerator", "pembilang", "penyebut"):
        return "ikk", "IKK indicator with data columns"
    if any(RATIO_FORMULA.search(c) for c in table.columns):
        return "spm", "a column states its formula over two numbered columns (SPM)"
    if _has(head, "efisiensi") or _has(cap, "efisiensi"):
        return "efisiensi", "efisiensi column or caption"
    staff_head = _has(head, "lakilaki", "perempuan", "golongan", "pendidikan", "jabatan", "bezzeting")
    staff_cap = _has(cap, "pegawai", "pns", "asn", "aparatur", "personil", "bezzeting")
    staff_words = staff_cap or _has(head, "jabatan", "golongan", "bezzeting", "kebutuhan")
    if (staff_head or staff_cap) and staff_words and not has_target and not money:
        return "staffing", "staff counts by jabatan / golongan / pendidikan / sex"
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
