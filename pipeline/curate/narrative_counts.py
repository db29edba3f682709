"""Counts, amounts and differences stated in prose: 'terdapat 25 (dua puluh lima)
indikator', '5 program 12 kegiatan dan 38 sub kegiatan', 'PNS … sebanyak 34 orang',
'alokasi anggaran sebesar Rp. 31.404.151.565', '… 91,89% … 92,00 % terjadi kenaikan
sebesar 0,52%', '25 sub kegiatan capaian kinerja mencapai 91-100%'.

Some of these a sentence can get wrong on its own (its digits and its words disagree, its
parts do not make its whole, its difference is not the difference of its figures): those
claims carry the `implied` figure. The others are held against the tables by the checks.
"""

from __future__ import annotations

import re

from pipeline.normalise.numbers import parse_number
from pipeline.normalise.spelled import words_value

SPELLED_RE = re.compile(r"\b(\d{1,4})\s*\(\s*([A-Za-z][A-Za-z ]{2,40}?)\s*\)")
COUNT_WORD = r"(?:\s*\([A-Za-z ]+\))?"
THING_RE = r"(sub\s*kegiatan|kegiatan|program|indikator)"
THING_COUNT_RE = re.compile(r"\b(\d{1,3})" + COUNT_WORD + r"\s+" + THING_RE + r"\b", re.IGNORECASE)
# Only the indicators a report sets itself: 'terdapat 8 indikator … yang dapat disandingkan'
# counts a subset and is left alone.
INDICATOR_TOTAL_RE = re.compile(
    r"(?:terdapat|dengan)\s+(\d{1,3})" + COUNT_WORD + r"\s+indikator(?:\s+kinerja)?\s+yang\s+menjadi\s+target",
    re.IGNORECASE)
PARTS_RE = re.compile(
    r"\b(\d{1,3})" + COUNT_WORD + r"\s+indikator\b[^.]{0,120}?terdiri\s+(?:dari|atas)\s+"
    r"(\d{1,3})" + COUNT_WORD + r"\s+indikator\s+\w+\s+dan\s+(\d{1,3})" + COUNT_WORD
    + r"\s+indikator\s+\w+", re.IGNORECASE)
STAFF_RE = re.compile(
    r"\b(?:PNS|ASN|pegawai)\b[^.%]{0,90}?\bsebanyak\s+(\d{1,4})" + COUNT_WORD + r"\s+orang",
    re.IGNORECASE)
EDUCATION = {
    "S3": r"doktor|S-?3", "S2": r"master|magister|pasca\s*sarjana|S-?2",
    "S1": r"sarjana|S-?1", "D3": r"ahli\s+madya|D-?III|D-?3", "D1": r"ahli\s+pratama|D-?I\b|D-?1",
    "SMA": r"SMA|SMK|SLTA", "SMP": r"SMP|SLTP", "SD": r"sekolah\s+dasar|\bSD\b",
}
EDUCATION_RE = re.compile(
    r"\b(\d{1,3})\s+orang\b(?P<what>[^,;.]{0,70}?)(?=,|;|\.|\s+dan\s+\d|$)", re.IGNORECASE)
RUPIAH = r"Rp\.?\s*([\d.,]{5,}(?:,-)?)"
AMOUNT_RE = re.compile(
    r"(?P<what>alokasi\s+anggaran|pagu(?:\s+anggaran)?|anggaran\s+murni|total\s+anggaran|"
    r"terealisasi|realisasi\s+anggaran)\b[^%;]{0,60}?sebesar\s+" + RUPIAH, re.IGNORECASE)
BEFORE_CHANGE_RE = re.compile(r"murni|sebelum\s+perubahan", re.IGNORECASE)
PERCENT_RE = re.compile(r"(\d{1,3}(?:[.,]\d{1,3})?)\s*%")
CHANGE_RE = re.compile(r"\b(?:kenaikan|penurunan|peningkatan|selisih)\s+sebesar\s+(\d{1,3}(?:[.,]\d{1,3})?)\s*%",
                       re.IGNORECASE)
BAND_RE = re.compile(
    r"\b(\d{1,3})\s+(sub\s*kegiatan|kegiatan|program|indikator)\s+capaian\s+kinerja\s+mencapai\s+"
    r"(\d{1,3})\s*-\s*(\d{1,3})\s*%", re.IGNORECASE)
YEAR_RE = re.compile(r"\btahun(?:\s+anggaran)?\s+(20\d\d)\b", re.IGNORECASE)


def _thing(word: str) -> str:
    return re.sub(r"\s+", "_", word.lower().replace("subkegiatan", "sub kegiatan"))


def _number(text: str) -> float | None:
    return parse_number(text).value


def _percent(text: str) -> float | None:
    return parse_number(text + "%", role="ratio").value


def spelled_claims(base: dict, sentence: str) -> list[dict]:
    """'16 (sebelas)': the digits against the words."""
    out = []
    for m in SPELLED_RE.finditer(sentence):
        words = words_value(m.group(2))
        if words is None:
            continue
        out.append(base | {"kind": "spelled_number", "subject": m.group(0), "value": float(m.group(1)),
                           "value_text": m.group(1), "implied": float(words)})
    return out


def count_claims(base: dict, sentence: str) -> list[dict]:
    """Counts a sentence states: a whole and its parts, the number of indicators, budget rows
    by level, staff, staff by education."""
    return (_parts_claims(base, sentence) + _indicator_total_claims(base, sentence)
            + _level_claims(base, sentence) + _staff_claims(base, sentence)
            + _education_claims(base, sentence))


def _count_claim(base: dict, subject: str, m: re.Match) -> dict:
    """A count claim of what ``subject`` names, from the match's first group."""
    return base | {"kind": "count", "subject": subject, "value": float(m.group(1)),
                   "value_text": m.group(1)}


def _parts_claims(base: dict, sentence: str) -> list[dict]:
    """'N indikator terdiri dari A indikator … dan B indikator …': B against N less A."""
    out = []
    for m in PARTS_RE.finditer(sentence):
        whole, first, second = (int(g) for g in m.groups())
        out.append(base | {"kind": "parts_sum", "subject": m.group(0)[:120], "value": float(second),
                           "value_text": str(second), "implied": float(whole - first)})
    return out


def _indicator_total_claims(base: dict, sentence: str) -> list[dict]:
    """The number of indicators a sentence states."""
    return [_count_claim(base, "indikator", m) for m in INDICATOR_TOTAL_RE.finditer(sentence)]


def _level_claims(base: dict, sentence: str) -> list[dict]:
    """'5 (lima) program, 13 (tiga belas) kegiatan dan 30 sub kegiatan': budget rows by
    level, read only when a programme count sits beside a kegiatan count."""
    things = list(THING_COUNT_RE.finditer(sentence))
    levels = [_thing(m.group(2)) for m in things]
    if not ("program" in levels and ("kegiatan" in levels or "sub_kegiatan" in levels)):
        return []
    return [_count_claim(base, level, m) for m, level in zip(things, levels, strict=True)
            if level != "indikator"]


def _staff_claims(base: dict, sentence: str) -> list[dict]:
    """The number of staff a sentence states."""
    return [_count_claim(base, "pegawai", m) for m in STAFF_RE.finditer(sentence)]


def _education_claims(base: dict, sentence: str) -> list[dict]:
    """Staff per education level, in a sentence that speaks of education."""
    if not re.search(r"pendidikan", sentence, re.IGNORECASE):
        return []
    out = []
    for m in EDUCATION_RE.finditer(sentence):
        level = _education_level(m.group("what"))
        if level:
            out.append(_count_claim(base, f"pendidikan:{level}", m))
    return out


def _education_level(what: str) -> str | None:
    """The education level a phrase names, the first EDUCATION pattern that fits."""
    return next((k for k, pat in EDUCATION.items() if re.search(pat, what, re.IGNORECASE)), None)


def band_claims(base: dict, sentence: str) -> list[dict]:
    """'25 sub kegiatan capaian kinerja mencapai 91-100%, 4 … 76-90%': rows per capaian band.
    Each band runs up to the next band's floor; the top one is open, as 113 % is 'above 91'."""
    bands = [(int(m.group(1)), _thing(m.group(2)), int(m.group(3)), int(m.group(4)), m.group(0))
             for m in BAND_RE.finditer(sentence)]
    if len(bands) < 2:
        return []
    floors = sorted({b[2] for b in bands})
    out = []
    for count, thing, low, _high, text in bands:
        above = [f for f in floors if f > low]
        out.append(base | {"kind": "band_count", "subject": thing, "value": float(count),
                           "value_text": str(count), "low": float(low),
                           "high": float(above[0]) if above else None, "text": text})
    return out


def amount_claims(base: dict, sentence: str, fiscal_year: int | None) -> list[dict]:
    """Budget amounts of a million rupiah or more, of the year named before them."""
    out = []
    for m in AMOUNT_RE.finditer(sentence):
        value = _number(m.group(2))
        if value is None or value < 1_000_000:
            continue
        years = YEAR_RE.findall(sentence[: m.start()])
        out.append(base | {"kind": "budget_amount", "subject": _amount_field(m),
                           "year": int(years[-1]) if years else fiscal_year,
                           "value": value, "value_text": m.group(2)})
    return out


def _amount_field(m: re.Match) -> str:
    """realisasi, the pagu before a change, or the pagu."""
    if "realisasi" in m.group("what").lower():
        return "realisasi"
    return "pagu_before" if BEFORE_CHANGE_RE.search(m.group(0)) else "pagu"


def change_claims(base: dict, sentence: str) -> list[dict]:
    """'91,89% … 92,00 % terjadi kenaikan sebesar 0,52%': the stated change against the two
    percentages printed before it, in points or relative."""
    claims = (_change_claim(base, sentence, m) for m in CHANGE_RE.finditer(sentence))
    return [c for c in claims if c is not None]


def _change_claim(base: dict, sentence: str, m: re.Match) -> dict | None:
    """One stated change; None unless exactly two percentages precede it."""
    before = [_percent(p) for p in PERCENT_RE.findall(sentence[: m.start()])]
    before = [b for b in before if b is not None]
    if len(before) != 2:
        return None
    stated = _percent(m.group(1))
    return base | {"kind": "change", "subject": f"{before[0]} → {before[1]}",
                   "value": stated, "value_text": m.group(1) + "%",
                   "implied": round(_implied_change(before, stated), 6)}


def _implied_change(before: list[float], stated: float | None) -> float:
    """The change in points, which the reports mean; relative only where it is what they
    printed."""
    points = abs(before[1] - before[0])
    relative = abs(before[1] - before[0]) / before[0] * 100 if before[0] else None
    if relative is not None and stated is not None and abs(relative - stated) <= 0.011:
        return relative
    return points
