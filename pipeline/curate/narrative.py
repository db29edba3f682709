"""Figures stated in prose → `claims` records, so checks can hold them against the tables.

Reports restate their tables in sentences ('rata-rata keberhasilan sebesar 99,64%',
'penyerapan anggaran … 94,64 %', 'Indeks Keluarga Sehat … capaian … yaitu 100%'), and the
sentences are sometimes wrong. Only three narrow sentence shapes are read; anything vaguer is
left alone, because a misread claim would make a false finding.
"""

from __future__ import annotations

import re

from pipeline.curate.narrative_counts import (
    amount_claims,
    band_claims,
    change_claims,
    count_claims,
    spelled_claims,
)
from pipeline.curate.narrative_indicators import HEADING_REACH, heading_of, indicator_claims
from pipeline.normalise import matcher
from pipeline.normalise.names import fold
from pipeline.normalise.numbers import parse_number
from pipeline.settings import current

PERCENT = r"(\d{1,3}(?:[.,]\d{1,2})?)\s*\**\s*%"
# A statement of fact names its figure with a verb right before it ('sebesar 99,64%'); a
# rule ('Efisien, jika ... mencapai 100% atau lebih') or a range does not count.
STATED = r"(?:sebesar|bernilai|nilai|yaitu|adalah|menjadi)\s+\**\s*"
MEAN_RE = re.compile(
    r"rata-rata\s+(?:keberhasilan|capaian|pencapaian)[^%.;]{0,90}?" + STATED + PERCENT,
    re.IGNORECASE,
)
ABSORPTION_RE = re.compile(
    r"(?:penyerapan\s+anggaran|capaian\s+kinerja\s+anggaran|realisasi\s+anggaran)"
    r"[^%;]{0,90}?" + STATED + PERCENT, re.IGNORECASE,
)
RULE_WORDS = re.compile(r"\b(jika|apabila|bila|sasaran)\b", re.IGNORECASE)
INDICATOR_CAPAIAN_RE = re.compile(r"capaian[^%;]{0,60}?(?:yaitu|sebesar|adalah)\s+" + PERCENT,
                                  re.IGNORECASE)
YEAR_RE = re.compile(r"\btahun\s+(20\d\d)\b", re.IGNORECASE)
SENTENCE_END_RE = re.compile(r"(?<=[A-Za-z%)\]\"])\.\s+(?=[A-Z\"(])")
MIN_NAME = 15


def prose_lines(lines: list[str], table_spans: list[tuple[int, int]]) -> list[tuple[int, str]]:
    inside = set()
    for start, end in table_spans:
        inside.update(range(start, end + 1))
    return [(i + 1, t) for i, t in enumerate(lines) if t.strip() and (i + 1) not in inside
            and "\t" not in t and not t.lstrip().startswith("|")]


def _value(text: str) -> float | None:
    return parse_number(text + "%", role="ratio").value


def _indicator_in(text: str, names: list[tuple[str, str]]) -> str | None:
    """The indicator (name, folded name) a sentence names, if any."""
    folded = fold(text)
    best, best_score = None, 0.0
    for name, f in names:
        score = matcher.score(f, folded, "partial")
        if score > best_score:
            best, best_score = name, score
    return best if best_score >= current().claim_indicator_min else None


def extract_claims(doc_id: str, lines: list[str], table_spans: list[tuple[int, int]],
                   indicator_names: list[str], fiscal_year: int | None) -> list[dict]:
    """Every claim the prose lines state, sentence shapes and line shapes; a heading naming
    an indicator reaches HEADING_REACH lines down. Claims without a value are left out."""
    claims: list[dict] = []
    names = _long_names(indicator_names)
    heading: tuple[int, str] | None = None
    heading_line = 0
    for line_no, text in prose_lines(lines, table_spans):
        clean = text.replace("**", "")
        if found := heading_of(clean):
            heading, heading_line = found, line_no
            continue
        if heading and line_no - heading_line > HEADING_REACH:
            heading = None
        claims += _sentence_claims(doc_id, line_no, clean, heading, fiscal_year)
        claims += _line_claims(doc_id, (line_no, text, clean), names, fiscal_year)
    return [c for c in claims if c["value"] is not None]


def _long_names(indicator_names: list[str]) -> list[tuple[str, str]]:
    """(name, folded name) of the indicators whose names are long enough to be found in a
    sentence without matching everything."""
    names = [(n, fold(n)) for n in indicator_names]
    return [(n, f) for n, f in names if len(f) >= MIN_NAME]


def _line_claims(doc_id: str, line: tuple[int, str, str], names: list[tuple[str, str]],
                 fiscal_year: int | None) -> list[dict]:
    """The line-level shapes (mean capaian, budget absorption, an indicator's capaian); a
    line stating a rule ('jika …') states none of them unless it names an indicator's
    capaian. The year is the last one the line names, else the fiscal year."""
    line_no, text, clean = line
    years = [int(y) for y in YEAR_RE.findall(clean)]
    year = years[-1] if years else fiscal_year
    base = {"doc_id": doc_id, "line": line_no, "page": None, "year": year, "text": text[:500]}
    if RULE_WORDS.search(clean) and not INDICATOR_CAPAIAN_RE.search(clean):
        return []
    return (_mean_claims(base, clean) + _absorption_claims(base, clean, names)
            + _indicator_capaian_claims(base, clean, names))


def _percent_claim(base: dict, kind: str, subject: str | None, m: re.Match) -> dict:
    """A claim of one percentage the sentence states, its text kept beside its value."""
    return base | {"kind": kind, "subject": subject,
                   "value": _value(m.group(1)), "value_text": m.group(1) + "%"}


def _mean_claims(base: dict, clean: str) -> list[dict]:
    """'rata-rata capaian … sebesar 99,64%': the mean capaian a line states."""
    return [_percent_claim(base, "mean_capaian", None, m) for m in MEAN_RE.finditer(clean)]


def _absorption_claims(base: dict, clean: str, names: list[tuple[str, str]]) -> list[dict]:
    """A sentence about one indicator's budget is not the whole budget's absorption."""
    absorption = list(ABSORPTION_RE.finditer(clean))
    if absorption and _indicator_in(clean, names) is not None:
        return []
    return [_percent_claim(base, "budget_absorption", None, m) for m in absorption]


def _indicator_capaian_claims(base: dict, clean: str, names: list[tuple[str, str]],
                              ) -> list[dict]:
    """An indicator's capaian, the indicator named in the same sentence (paragraphs wander);
    'capaian anggaran sebesar 78,73%' is the budget's, not the indicator's."""
    out = []
    for m in INDICATOR_CAPAIAN_RE.finditer(clean):
        if re.search(r"anggaran|keuangan|efisiensi", m.group(0), re.IGNORECASE):
            continue
        name = _indicator_in(clean[: m.end()], names)
        if name:
            out.append(_percent_claim(base, "indicator_capaian", name, m))
    return out


def _sentence_claims(doc_id: str, line_no: int, text: str, heading: tuple[int, str] | None,
                     fiscal_year: int | None) -> list[dict]:
    """The sentence-level shapes: one sentence is the reach of every figure they pair."""
    out: list[dict] = []
    seen: set[tuple] = set()
    for sentence in SENTENCE_END_RE.split(text):
        base = {"doc_id": doc_id, "line": line_no, "page": None, "year": fiscal_year,
                "text": sentence[:500]}
        for claim in (indicator_claims(base, sentence, heading, fiscal_year)
                      + spelled_claims(base, sentence) + count_claims(base, sentence)
                      + band_claims(base, sentence) + amount_claims(base, sentence, fiscal_year)
                      + change_claims(base, sentence)):
            key = (claim["kind"], claim.get("ordinal"), claim.get("field"), claim.get("subject"), claim["year"],
                   claim["value"])
            if key not in seen:
                seen.add(key)
                out.append(claim)
    return out
