"""Which way an indicator runs: higher is better (positive) or lower is better (negative).

The capaian formula depends on it, and a report that scores a falling stunting rate with the
positive formula understates its own success — an auditor wants to see that. Keyword rules
here; the indicator catalog (issue 3) overrides them per indicator.
"""

from __future__ import annotations

import re

from pipeline.normalise.fold import fold

NEGATIVE = re.compile(
    r"\b(prevalensi|angka kematian|kematian ibu|kematian bayi|aki|akb|kemiskinan|miskin|"
    r"pengangguran|tpt|indeks risiko bencana|risiko bencana|kriminalitas|kekerasan|gangguan|"
    r"jumlah kasus|kasus|stunting|gizi buruk|kecelakaan|inflasi|pelanggaran|temuan berulang|"
    r"kumuh)\b"
)
# '... yang ditindaklanjuti' / '... yang diselesaikan' / '... yang memperoleh perlindungan'
# turn a count of bad things into a share of handled ones, which runs upward again; so do
# the actions taken against them ('penanggulangan kemiskinan', 'pencegahan kekerasan').
HANDLED = re.compile(r"\b(ditindaklanjuti|diselesaikan|ditangani|tertangani|penurunan|"
                     r"pengurangan|penanganan|penyelesaian|memperoleh|mendapat|mendapatkan|terlayani|"
                     r"penanggulangan|pencegahan|pemberantasan|pengentasan)\b")
NEGATIVE_ONLY_WITH = re.compile(r"\bpersentase keluhan\b")


def polarity(indicator: str | None) -> str | None:
    """'negative', 'positive' or None when nothing says."""
    if not indicator:
        return None
    text = fold(indicator)
    if NEGATIVE.search(text) or NEGATIVE_ONLY_WITH.search(text):
        if HANDLED.search(text) and not re.search(r"\bprevalensi\b|\bstunting\b", text):
            return "positive"
        return "negative"
    if re.search(r"\b(persentase|indeks|nilai|jumlah|tingkat|rasio|cakupan|capaian)\b", text):
        return "positive"
    return None
