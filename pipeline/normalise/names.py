"""Canonical keys for indicator and programme names.

Reports name one indicator many ways ('IKM', 'Indeks Kepuasan Masyarakat Kecamatan',
'Indeks Kepuasan Masyarakat Terhadap Pelayanan Kecamatan', 'Nilai Sakip Kecamatan Balikpapan
Timur'). A key folds case, punctuation and accents, writes known long forms as their
abbreviation, and drops the report's own entity name, so GROUP BY and cross-table checks see
one indicator.
"""

from __future__ import annotations

import re

from pipeline.normalise.fold import LOOKALIKES, fold  # noqa: F401 — re-exported: callers fold names here
from pipeline.normalise.nomenclature import official

# long form → abbreviation. Longest first so 'indeks kepuasan masyarakat' wins over parts.
ABBREVIATIONS: dict[str, str] = {
    "indeks kepuasan masyarakat": "ikm",
    "survei kepuasan masyarakat": "skm",
    "survey kepuasan masyarakat": "skm",
    "sistem akuntabilitas kinerja instansi pemerintah": "sakip",
    "akuntabilitas kinerja instansi pemerintah": "akip",
    "laporan harta kekayaan penyelenggara negara": "lhkpn",
    "laporan harta kekayaan penyelenggaraan negara": "lhkpn",
    "laporan harta kekayaan aparatur sipil negara": "lhkasn",
    "indeks keluarga sehat": "iks",
    "angka kematian ibu": "aki",
    "angka kematian bayi": "akb",
    "tingkat pengangguran terbuka": "tpt",
    "indeks pembangunan manusia": "ipm",
    "sistem pemerintahan berbasis elektronik": "spbe",
    "sistem pengendalian intern pemerintah": "spip",
    "pendapatan asli daerah": "pad",
    "pendapatan asli desa": "pades",
    "pelayanan administrasi terpadu kecamatan": "paten",
    "stop buang air besar sembarangan": "sbs",
    "kawasan tanpa rokok": "ktr",
    "reformasi birokrasi": "rb",
    "barang milik daerah": "bmd",
    "organisasi perangkat daerah": "opd",
    "satuan kerja perangkat daerah": "skpd",
}
# Words that say where or to whom, not what is measured.
FILLER = re.compile(r"\b(terhadap pelayanan|terhadap|tingkat kecamatan|di kecamatan|kecamatan$)\b")


def abbreviate(folded: str) -> str:
    for long, short in sorted(ABBREVIATIONS.items(), key=lambda kv: -len(kv[0])):
        folded = re.sub(rf"\b{long}\b(\s+{short}\b)?", short, folded)
    # '(IKM)' printed after its long form is now a repeated word
    return re.sub(r"\b(\w+) \1\b", r"\1", folded)


def entity_words(entity: str | None, region: str | None) -> list[str]:
    names = []
    for name in (entity, region):
        if name:
            f = fold(name)
            names.append(f)
            parts = f.split(" ", 1)
            if len(parts) == 2 and parts[0] in ("kecamatan", "kelurahan", "kota", "kabupaten", "dinas", "badan"):
                names.append(parts[1])
    return sorted(set(names), key=len, reverse=True)


def indicator_key(name: str | None, entity: str | None = None, region: str | None = None) -> str | None:
    """'Nilai SAKIP Kecamatan Balikpapan Timur' → 'nilai sakip'. A name without a letter
    ('1.1.1', a row's outline number read in the indicator's place) names nothing that
    another table could print: no key, so no cross-table comparison rests on it."""
    if not name or not re.search(r"[^\W\d_]", name):
        return None
    key = abbreviate(fold(name))
    for words in entity_words(entity, region):
        key = re.sub(rf"\b{re.escape(words)}\b", " ", key)
    key = re.sub(r"\s+", " ", key).strip()
    key = re.sub(r"\b(\w{4,}?)nya\b", r"\1", key)  # 'kelengkapannya' = 'kelengkapan'
    key = FILLER.sub(" ", key)
    key = re.sub(r"\s+", " ", key).strip()
    return key or fold(name)


def name_key(name: str | None) -> str | None:
    """Programme / kegiatan names keyed by their official nomenclature name when they match
    one (so 'Kegiatan : Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Tingkat
    Kecamatan' and its printed variants meet), else folded with prefixes removed."""
    if not name or not name.strip():
        return None
    key = fold(name)
    key = re.sub(r"^(sub kegiatan|kegiatan)\s+(?=\S)", "", key)
    found = official(key)
    if found:
        return fold(found[1]).replace(" kabupaten kota", "").replace(" provinsi", "")
    return key
