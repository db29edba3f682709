"""The header vocabulary engine (pipeline/curate/header_vocab.py) on small synthetic
vocabularies: token syntax, any/all/none, guards, order of precedence, and the packaged file."""

from __future__ import annotations

import pytest

from pipeline.classify import squash
from pipeline.curate.header_vocab import (
    Header,
    first_match,
    parse_token,
    parse_vocabulary,
    vocabulary,
)


def header(text: str, money: bool = False, has_year: bool = False) -> Header:
    return Header(squash(text), text.lower(), money, has_year)


@pytest.mark.parametrize("token, text, holds", [
    ("=no", "No", True), ("=no", "Nomor", False),
    ("^kode", "Kode Rekening", True), ("^kode", "Rekening Kode", False),
    ("murni$", "DPA Murni", True), ("murni$", "Murni DPA", False),
    ("reali", "Realis asi", True), ("reali", "Target", False),
    (r"~^(tahun)?\d{4}$", "Tahun 2016", True), (r"~^(tahun)?\d{4}$", "Tahun 2016 Rp", False),
    (r"w~\balokasi", "Alokasi (Rp)", True), (r"w~\balokasi", "Dialokasikan", False),
])
def test_tokens(token, text, holds):
    h = header(text)
    assert parse_token(token).holds(h.squashed, h.lower) is holds


SYNTHETIC = """
[[entry]]
role = "pagu"
if_money = true
if_year = true

[[entry]]
role = "target_before"
any = ["^target"]
all = ["sebelum"]
none = ["akhir"]

[[entry]]
role = "target"
any = ["^target", "rencana"]
none = ["akhir"]

[[entry]]
role = "target"
all = ["akhir", "target"]
measure = "renstra_end"
money = false
"""


def test_first_entry_that_holds_wins_in_file_order():
    entries = parse_vocabulary(SYNTHETIC)
    assert first_match(header("Target sebelum"), entries).role == "target_before"
    assert first_match(header("Rencana"), entries).role == "target"
    end = first_match(header("Target Akhir"), entries)
    assert (end.role, end.measure, end.money) == ("target", "renstra_end", False)
    assert first_match(header("Realisasi"), entries) is None


def test_guards_need_the_header_facts():
    entries = parse_vocabulary(SYNTHETIC)
    assert first_match(header("Tahun 2016 Rp", money=True, has_year=True), entries).role == "pagu"
    assert first_match(header("Tahun 2016 Rp", money=True), entries) is None


def test_an_unknown_key_is_a_typo_and_raises():
    with pytest.raises(ValueError, match="unknown keys"):
        parse_vocabulary('[[entry]]\nrole = "target"\nanny = ["target"]\n')


def test_the_packaged_vocabulary_loads_and_puts_identity_columns_first():
    roles = [e.role for e in vocabulary()]
    assert roles[:2] == ["no", "code"]
    assert roles.index("indicator") < roles.index("realisasi")
