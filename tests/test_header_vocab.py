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
    vocab = parse_vocabulary(SYNTHETIC)
    assert first_match(header("Target sebelum"), vocab).role == "target_before"
    assert first_match(header("Rencana"), vocab).role == "target"
    end = first_match(header("Target Akhir"), vocab)
    assert (end.role, end.measure, end.money) == ("target", "renstra_end", False)
    assert first_match(header("Realisasi"), vocab) is None


def test_guards_need_the_header_facts():
    vocab = parse_vocabulary(SYNTHETIC)
    assert first_match(header("Tahun 2016 Rp", money=True, has_year=True), vocab).role == "pagu"
    assert first_match(header("Tahun 2016 Rp", money=True), vocab) is None


def test_an_unknown_key_is_a_typo_and_raises():
    with pytest.raises(ValueError, match="unknown keys"):
        parse_vocabulary('[[entry]]\nrole = "target"\nanny = ["target"]\n')


def test_the_packaged_vocabulary_loads_and_puts_identity_columns_first():
    roles = [e.role for e in vocabulary().entries]
    assert roles[:2] == ["no", "code"]
    assert roles.index("indicator") < roles.index("realisasi")


HEADS = """
head_overrides = ["name", "target"]

[[entry]]
role = "target"
any = ["targetkinerja"]

[[entry]]
role = "target"
any = ["akhir"]
measure = "renstra_end"

[[entry]]
role = "name"
any = ["program"]

[[head]]
role = "realisasi"
any = ["^realisasi"]
"""


def test_a_head_word_overrides_only_the_listed_roles_without_a_measure():
    vocab = parse_vocabulary(HEADS)
    assert first_match(header("Realisasi Target Kinerja"), vocab).role == "realisasi"
    assert first_match(header("Realisasi Program"), vocab).role == "realisasi"
    assert first_match(header("Target Kinerja"), vocab).role == "target"
    end = first_match(header("Realisasi Target Akhir"), vocab)
    assert (end.role, end.measure) == ("target", "renstra_end")
    assert first_match(header("Realisasi"), vocab).role == "realisasi"  # no entry: the head
