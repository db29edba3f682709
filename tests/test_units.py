"""Unit words: every printed form maps to one canonical unit, and each unit gives a role."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.normalise.units import CANONICAL, ROLES, normalise_unit, unit_role

MAPPINGS = [
    # persen
    ("%", "persen"), ("Persen", "persen"), ("persentase", "persen"), ("Prosen", "persen"),
    ("PERSEN (%)", "persen"), ("(%)", "persen"), ("% dari target", "persen"),
    # poin
    ("Poin", "poin"), ("poin", "poin"), ("point", "poin"), ("pts", "poin"), ("Pts.", "poin"),
    # indeks
    ("Indeks", "indeks"), ("Index", "indeks"), ("Angka indeks", "indeks"),
    ("Angka Indeks Kepuasan", "indeks"),
    # nilai
    ("Nilai", "nilai"), ("Skor", "nilai"), ("Score", "nilai"),
    # orang
    ("Orang", "orang"), ("ORANG", "orang"), ("Jiwa", "orang"), ("pegawai", "orang"),
    ("Jumlah orang", "orang"), ("orang/tahun", "orang"),
    # dokumen
    ("Dokumen", "dokumen"), ("Dok", "dokumen"), ("Dok.", "dokumen"), ("Dokum en", "dokumen"),
    ("Dokumen (Dok)", "dokumen"),
    # broken words and the rest of the list
    ("Laporan", "laporan"), ("Lapora n", "laporan"),
    ("Paket", "paket"), ("Unit", "unit"),
    ("Kegiatan", "kegiatan"), ("Kegiata n", "kegiatan"),
    ("Rp", "rupiah"), ("Rp.", "rupiah"), ("Rupiah", "rupiah"), ("IDR", "rupiah"),
    ("Level", "level"), ("Predikat", "predikat"), ("Predika t", "predikat"),
    ("Angka", "angka"), ("Kali", "kali"), ("Hari", "hari"), ("Bulan", "bulan"),
    ("Desa", "desa"), ("Kelurahan", "kelurahan"), ("Lembaga", "lembaga"),
    ("Lembaga masyarakat", "lembaga"), ("Rasio", "rasio"), ("ratio", "rasio"),
    # scaled rupiah
    ("Juta Rupiah", "juta rupiah"), ("Rp Miliar", "miliar rupiah"), ("Milyar Rp", "miliar rupiah"),
    ("Rp M", "miliar rupiah"), ("Triliun", "triliun rupiah"),
    # Cyrillic look-alike O in "Orang"
    ("\u041erang", "orang"),
    # unknown words are kept, folded
    ("ekor", "ekor"), ("Ekor Sapi", "ekor sapi"), ("KK", "kk"), ("Km2", "km2"), ("M", "m"),
]


@pytest.mark.parametrize("printed, canonical", MAPPINGS)
def test_printed_units_map_to_canonical(printed: str, canonical: str) -> None:
    assert normalise_unit(printed) == canonical


@pytest.mark.parametrize("printed", [None, "", "   ", "-", "\u2014", "Jumlah", "JUMLAH", "Satuan",
                                     "n/a", "...", float("nan")])
def test_no_unit_is_none(printed) -> None:
    assert normalise_unit(printed) is None


@pytest.mark.parametrize(
    "canonical, role",
    [*((u, "ratio") for u in ("persen", "poin", "indeks", "nilai", "angka", "rasio", "level",
                              "predikat")),
     *((u, "count") for u in ("orang", "dokumen", "laporan", "paket", "unit", "kegiatan", "desa",
                              "kelurahan", "lembaga", "kali", "hari", "bulan")),
     ("rupiah", "amount"),
     ("juta rupiah", None), ("triliun rupiah", None),  # scaled: '15,426' trillion is decimal
     ("ekor", None), ("", None), (None, None)],
)
def test_unit_roles(canonical, role) -> None:
    assert unit_role(canonical) == role


def test_every_canonical_unit_maps_to_itself() -> None:
    for canonical in CANONICAL:
        assert normalise_unit(canonical) == canonical
        assert normalise_unit(canonical.upper()) == canonical
    assert set(ROLES) <= set(CANONICAL)


def test_roles_feed_the_number_reader() -> None:
    from pipeline.normalise.numbers import parse_number

    role = unit_role(normalise_unit("Dokumen"))
    assert parse_number("15.309", role=role).value == 15309
    role = unit_role(normalise_unit("Poin"))
    assert parse_number("79,870", role=role).value == pytest.approx(79.87)


# ----------------------------------------------------------- properties

SINGLE_WORD_ALIASES = sorted(
    {alias for aliases in CANONICAL.values() for alias in aliases
     if " " not in alias and alias.isalpha() and len(alias) >= 3}
)
ALIAS_TO_CANONICAL = {alias: canon for canon, aliases in CANONICAL.items() for alias in aliases}


@st.composite
def printed_aliases(draw):
    """A known alias as a report might print it: any case, stray punctuation around it."""
    alias = draw(st.sampled_from(sorted(ALIAS_TO_CANONICAL)))
    cased = "".join(c.upper() if draw(st.booleans()) else c for c in alias)
    before = draw(st.sampled_from(["", " ", "(", "\u00a0", "**"]))
    after = draw(st.sampled_from(["", ".", ")", " ", ":", "**"]))
    return before + cased + after, ALIAS_TO_CANONICAL[alias]


@settings(max_examples=400, deadline=None)
@given(printed_aliases())
def test_case_and_punctuation_do_not_matter(case) -> None:
    printed, canonical = case
    assert normalise_unit(printed) == canonical


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(SINGLE_WORD_ALIASES), st.data())
def test_a_word_broken_by_one_space_is_still_known(alias, data) -> None:
    cut = data.draw(st.integers(min_value=1, max_value=len(alias) - 1))
    broken = alias[:cut] + " " + alias[cut:]
    assert normalise_unit(broken) == ALIAS_TO_CANONICAL[alias]


@settings(max_examples=800, deadline=None)
@given(st.text())
def test_any_text_gives_none_or_a_folded_word(printed) -> None:
    unit = normalise_unit(printed)
    if unit is not None:
        assert unit == unit.strip() and unit == unit.lower() and unit
        assert normalise_unit(unit) == unit  # idempotent: canonical units are fixed points
    assert unit_role(unit) in (None, "amount", "count", "ratio")
