"""Printed unit words → a small canonical set, and the role a unit gives its numbers.

Why this exists: the *Satuan* column of a performance table is free text. The same unit is
printed as ``%``, ``Persen`` or ``persentase``; PDF conversion breaks words (``Lapora n``,
``Kegiata n``, ``Predika t``); and Cyrillic look-alikes sneak in. Analysts can only compare
like with like once these collapse to one word, and `pipeline.normalise.numbers` needs the
unit's *role* to read an ambiguous ``15.426``: a count of documents has no decimals, an
index does.

Nothing printed is lost: an unknown word comes back folded (lower case, punctuation
squeezed out) rather than as None, and the curated tables keep the printed text beside the
canonical unit. None is reserved for "no unit at all": empty, blank, a dash, or words that
say nothing (``Jumlah``, ``Satuan``).

Canonical units and the printed forms mapped to them:

==================  ==============================================================  ======
canonical           printed (case-insensitive, punctuation ignored)                 role
==================  ==============================================================  ======
persen              ``%``, Persen, persentase, prosen, percent                      ratio
poin                Poin, point, pts                                                ratio
indeks              Indeks, Index, Angka indeks                                     ratio
nilai               Nilai, Skor, Score                                              ratio
angka               Angka                                                           ratio
rasio               Rasio, ratio                                                    ratio
level               Level                                                           ratio
predikat            Predikat, ``Predika t``                                         ratio
orang               Orang, Jiwa, pegawai, ASN, PNS, peserta                         count
dokumen             Dokumen, Dok, ``Dokum en``                                      count
laporan             Laporan, ``Lapora n``                                           count
paket               Paket                                                           count
unit                Unit, buah                                                      count
kegiatan            Kegiatan, ``Kegiata n``                                         count
desa / kelurahan    Desa, Kelurahan                                                 count
lembaga             Lembaga, ``Lembaga masyarakat``                                 count
kali / hari / bulan Kali, Hari, Bulan                                               count
rupiah              Rp, Rp., Rupiah, IDR                                            amount
<scale> rupiah      ``Juta Rupiah``, ``Rp Miliar``, ``Triliun``                     None
(None)              empty, ``-``, Jumlah, Satuan, ``n/a``                           None
==================  ==============================================================  ======

A scaled rupiah unit (``juta rupiah``) has no role on purpose: ``15,426`` trillion rupiah is
a decimal figure, so the thousands reading that "amount" implies would be wrong.
"""

from __future__ import annotations

import re
import unicodedata

from pipeline.normalise.printed import LATIN_LOOKALIKES, Role

CANONICAL: dict[str, tuple[str, ...]] = {
    "persen": ("%", "persen", "persentase", "prosen", "percent", "pct"),
    "poin": ("poin", "point", "points", "pts"),
    "indeks": ("indeks", "index", "angka indeks"),
    "nilai": ("nilai", "skor", "score"),
    "angka": ("angka",),
    "rasio": ("rasio", "ratio"),
    "level": ("level",),
    "predikat": ("predikat",),
    "orang": ("orang", "jiwa", "pegawai", "asn", "pns", "peserta", "org"),
    "dokumen": ("dokumen", "dok", "document"),
    "laporan": ("laporan",),
    "paket": ("paket", "pkt"),
    "unit": ("unit", "buah", "bh"),
    "kegiatan": ("kegiatan", "keg"),
    "desa": ("desa",),
    "kelurahan": ("kelurahan",),
    "lembaga": ("lembaga",),
    "kali": ("kali",),
    "hari": ("hari",),
    "bulan": ("bulan",),
    "rupiah": ("rp", "rupiah", "idr"),
}

ROLES: dict[str, Role] = {
    **{u: "ratio" for u in ("persen", "poin", "indeks", "nilai", "angka", "rasio", "level",
                            "predikat")},
    **{u: "count" for u in ("orang", "dokumen", "laporan", "paket", "unit", "kegiatan", "desa",
                            "kelurahan", "lembaga", "kali", "hari", "bulan")},
    "rupiah": "amount",
}

# Words that name no unit: the column header itself, "the number of", dashes.
EMPTY = frozenset({"", "jumlah", "satuan", "n/a", "na", "n a", "nihil"})

# Scale words printed with rupiah amounts ("Rp 1,5 M", "Juta Rupiah"); abbreviations only
# count when a currency word is printed too, because a bare "m" is as likely to be metres.
SCALES = {"ribu": "ribu", "juta": "juta", "miliar": "miliar", "milyar": "miliar",
          "triliun": "triliun", "trilyun": "triliun"}
SCALE_ABBREVIATIONS = {"rb": "ribu", "jt": "juta", "m": "miliar", "t": "triliun"}
CURRENCY_WORDS = frozenset(CANONICAL["rupiah"])

_ALIASES = {alias: canon for canon, aliases in CANONICAL.items() for alias in aliases}
_SQUASHED = {alias.replace(" ", ""): canon for alias, canon in _ALIASES.items()}
_LONGEST_ALIAS = max(len(alias.split(" ")) for alias in _ALIASES)


def _fold(printed: str) -> str:
    """Lower case, Latin letters for look-alikes, punctuation → spaces (``%`` survives)."""
    text = unicodedata.normalize("NFKC", printed).translate(LATIN_LOOKALIKES).lower()
    text = re.sub(r"[^a-z0-9%]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _scaled_rupiah(tokens: list[str]) -> str | None:
    """'juta rupiah', 'rp miliar', 'rp m', 'triliun' → '<scale> rupiah'."""
    has_currency = any(t in CURRENCY_WORDS for t in tokens)
    scales = {SCALES[t] for t in tokens if t in SCALES}
    if has_currency:
        scales |= {SCALE_ABBREVIATIONS[t] for t in tokens if t in SCALE_ABBREVIATIONS}
    others = [t for t in tokens if t not in CURRENCY_WORDS and t not in SCALES
              and not (has_currency and t in SCALE_ABBREVIATIONS)]
    if len(scales) == 1 and not others:
        return f"{scales.pop()} rupiah"
    return None


def _lookup(tokens: list[str]) -> str | None:
    """The canonical unit named by the leading words, longest match first; a word broken by
    a space ('lapora n') counts when the joined word is a known alias."""
    for size in range(min(len(tokens), _LONGEST_ALIAS + 1), 0, -1):
        head = tokens[:size]
        spaced, squashed = " ".join(head), "".join(head)
        if spaced in _ALIASES:
            return _ALIASES[spaced]
        if squashed in _SQUASHED:
            return _SQUASHED[squashed]
    return None


def normalise_unit(printed: str | None) -> str | None:
    """The canonical unit of a printed unit text, or the folded text when it is unknown.

    'Persen' → 'persen'; '%' → 'persen'; 'Lapora n' → 'laporan'; 'Angka indeks' → 'indeks';
    'Jumlah orang' → 'orang'; 'Jumlah' → None; 'ekor' → 'ekor'. Non-text input (a pandas
    NaN for an empty cell) is treated as no unit.
    """
    if not isinstance(printed, str):
        return None
    folded = _fold(printed)
    tokens = folded.split(" ") if folded else []
    while tokens and tokens[0] == "jumlah":  # "Jumlah orang": the unit follows "number of"
        tokens = tokens[1:]
    if not tokens or " ".join(tokens) in EMPTY:
        return None
    scaled = _scaled_rupiah(tokens)
    if scaled:
        return scaled
    found = _lookup(tokens)
    if found:
        return found
    return " ".join(tokens)


def unit_role(canonical: str | None) -> Role:
    """The role a canonical unit gives its figures (see the table above), None if unknown.

    Used to decide ambiguous figures: a 'dokumen' count reads '15.426' as 15426, a 'poin'
    score reads it as 15.426.
    """
    if not canonical:
        return None
    return ROLES.get(canonical)
