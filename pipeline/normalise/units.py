"""Printed unit words → a small canonical set, with the role a unit gives its numbers.

Units decide how an ambiguous figure is read (a count of documents has no decimals; an index
has) and let analysts compare like with like. The printed word is always kept beside it.
"""

from __future__ import annotations

import re

from pipeline.normalise.numbers import Role

CANONICAL: dict[str, tuple[str, ...]] = {
    "persen": ("%", "persen", "persentase", "prosen", "percent", "pct"),
    "poin": ("poin", "point", "points", "pts", "pt"),
    "indeks": ("indeks", "index", "angka indeks", "indeks nilai"),
    "nilai": ("nilai", "skor", "score"),
    "orang": ("orang", "jiwa", "pegawai", "asn", "pns", "org", "peserta"),
    "dokumen": ("dokumen", "dok", "document"),
    "laporan": ("laporan", "lap"),
    "paket": ("paket", "pkt"),
    "unit": ("unit", "buah", "bh", "set"),
    "kegiatan": ("kegiatan", "keg"),
    "rupiah": ("rp", "rupiah", "idr", "rp."),
    "triliun rupiah": ("triliun rupiah", "triliun"),
    "level": ("level", "tingkat"),
    "predikat": ("predikat", "kategori"),
    "angka": ("angka",),
    "kali": ("kali",),
    "hari": ("hari",),
    "bulan": ("bulan",),
    "desa": ("desa",),
    "kelurahan": ("kelurahan",),
    "lembaga": ("lembaga", "lembaga masyarakat", "lembaga kemasyarakatan"),
    "rasio": ("rasio", "ratio"),
}
ROLES: dict[str, Role] = {
    **{u: "ratio" for u in ("persen", "poin", "indeks", "nilai", "angka", "rasio", "level",
                            "predikat")},
    **{u: "count" for u in ("orang", "dokumen", "laporan", "paket", "unit", "kegiatan", "desa",
                            "kelurahan", "lembaga", "kali", "hari", "bulan")},
    "rupiah": "amount",
}
# Words that say nothing about the unit.
EMPTY = {"", "jumlah", "-", "n/a", "satuan"}
_LOOKUP = {alias: canon for canon, aliases in CANONICAL.items() for alias in aliases}
_SQUASHED = {alias.replace(" ", ""): canon for alias, canon in _LOOKUP.items()}


def normalise_unit(printed: str | None) -> str | None:
    """'Persen' → 'persen'; 'Lapora n' (a word split by conversion) → 'laporan'; an unknown
    word is kept folded, so nothing printed is lost."""
    if printed is None:
        return None
    folded = re.sub(r"[^a-z%/ ]+", " ", printed.lower()).strip()
    folded = re.sub(r"\s+", " ", folded)
    if folded in EMPTY:
        return None
    if folded in _LOOKUP:
        return _LOOKUP[folded]
    squashed = folded.replace(" ", "")
    if squashed in _SQUASHED:
        return _SQUASHED[squashed]
    first = folded.split(" ")[0]
    if first in _LOOKUP:
        return _LOOKUP[first]
    return folded


def unit_role(canonical: str | None) -> Role:
    return ROLES.get(canonical) if canonical else None
