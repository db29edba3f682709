"""Sentences about one indicator named by its number: 'Target kinerja indikator ke-4 di
tahun 2023 yaitu sebesar 0 %', 'capaian kinerja tahun 2022 dan 2023 sebesar 100% dan 0 %'.

Reports walk through their capaian table indicator by indicator, under headings such as
'4) Indikator Kinerja Ke-4 (Pertumbuhan PAD …)', and restate its figures in prose. The
claims keep the number (`ordinal`) and the heading's name; which table row the number
means is decided by the check, which knows the tables.
"""

from __future__ import annotations

import re

from pipeline.normalise.numbers import parse_number

ORDINAL_RE = re.compile(r"indikator(?:\s+kinerja)?\W{0,3}\s*ke\s*-?\s*(\d{1,2})\b", re.IGNORECASE)
HEADING_RE = re.compile(
    r"^\s*(?:\d{1,2}\s*[).]\s*)?indikator\s+kinerja\s+ke\s*-?\s*(\d{1,2})\s*\((.+?)\)?\s*$",
    re.IGNORECASE,
)
TWO_ORDINALS_RE = re.compile(r"ke\s*-?\s*\d{1,2}\W{0,3}\s*(?:dan|&|s\.?d\.?)\s*ke\s*-?\s*\d", re.IGNORECASE)
VALUE = r"\d{1,3}(?:[.,]\d{1,3})?\s*%?"
# '<field> … [tahun Y (dan Y2) | tahun sebelumnya] … yaitu/sebesar <v> (dan <v2>)'
FIELD = r"realisasi\s+target|capaian\s+target|target(?:nya)?|realisasi(?:nya)?|terealisasi|capaian"
# The clause between a field and its figure names no other field, states no change and
# gives no other figure first: 'realisasi tahun sebelumnya 1, sedangkan capaian … sebesar
# 100%' pairs 100 % with capaian, and 'kenaikan sebesar 19.05 %' is no year's figure.
FIGURE_RE = re.compile(
    r"(?P<field>" + FIELD + r")\b"
    r"(?P<mid>(?:(?!" + FIELD + r"|yaitu|sebesar|adalah|kenaikan|penurunan|peningkatan|selisih)"
    r"[^%:;]){0,90}?)"
    r"\b(?:yaitu|sebesar|adalah)\s+(?:sebesar\s+)?(?P<values>" + VALUE + r"(?:\s*dan\s*" + VALUE + r")?)"
    r"(?![\d.,])",
    re.IGNORECASE,
)
YEARS_RE = re.compile(r"tahun\s+(20\d\d)(?:\s*dan\s*(20\d\d))?", re.IGNORECASE)
PREVIOUS_RE = re.compile(r"tahun\s+sebelumnya", re.IGNORECASE)
HEADING_REACH = 12  # lines a heading's name stays the subject of the sentences below it


def _field(word: str) -> str:
    word = word.lower()
    if word.startswith("realisasi target"):
        return "realisasi_target"  # the achievement, in the reports' usage, or the value
    if word.startswith("target"):
        return "target"
    if word.startswith("capaian"):
        return "capaian"
    return "realisasi"


def _years(mid: str, current: int | None) -> tuple[list[int], int | None]:
    """The years a clause is about, and the year later clauses inherit."""
    found = list(YEARS_RE.finditer(mid))
    if found:
        m = found[-1]
        years = [int(y) for y in m.groups() if y]
        return years, years[-1]
    if PREVIOUS_RE.search(mid) and current:
        return [current - 1], current
    return ([current] if current else []), current


def _values(text: str) -> list[tuple[float, str]]:
    out = []
    for part in re.split(r"\s*dan\s*", text):
        part = part.strip()
        value = parse_number(part, role="ratio" if "%" in part else None).value
        if value is not None:
            out.append((value, part))
    return out


def indicator_claims(base: dict, sentence: str, heading: tuple[int, str] | None,
                     fiscal_year: int | None) -> list[dict]:
    """Claims of a sentence that names an indicator by number."""
    m = ORDINAL_RE.search(sentence)
    if not m or TWO_ORDINALS_RE.search(sentence):
        return []
    ordinal = int(m.group(1))
    subject = heading[1] if heading and heading[0] == ordinal else None
    claims = []
    year = fiscal_year
    for fig in FIGURE_RE.finditer(sentence):
        years, year = _years(fig.group("mid"), year)
        values = _values(fig.group("values"))
        if not years or not values:
            continue
        if len(values) == 1:
            pairs = [(y, values[0]) for y in years]
        elif len(values) == len(years):
            pairs = list(zip(years, values, strict=True))
        else:
            continue
        for y, (value, text) in pairs:
            claims.append(base | {"kind": "indicator_figure", "subject": subject, "ordinal": ordinal,
                                  "field": _field(fig.group("field")), "year": y,
                                  "value": value, "value_text": text})
    return claims


def heading_of(text: str) -> tuple[int, str] | None:
    m = HEADING_RE.match(text.replace("**", ""))
    return (int(m.group(1)), m.group(2).strip()) if m else None
