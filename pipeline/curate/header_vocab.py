"""The header vocabulary engine: pipeline/reference/header_vocab.toml, read once, applied.

Which words name which column role is data, not code: the vocabulary is one ordered list of
entries in a data file, so a new synonym is a line there and the order of precedence is read
top to bottom in one place. This module only parses the file and finds the first entry whose
tokens hold for a header (the token syntax is described at the top of the file).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import cache

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 reads TOML with the tomli backport
    import tomli as tomllib

from pipeline.reference import reference_file

VOCABULARY_FILE = "header_vocab.toml"


@dataclass(frozen=True)
class Token:
    """One test on a header: `kind` is contains, equals, prefix, suffix, regex (on the squashed
    text) or words (a regex on the lower-case text, where word boundaries still exist)."""

    kind: str
    text: str
    regex: re.Pattern[str] | None = None

    def holds(self, squashed: str, lower: str) -> bool:
        """Whether the header passes this test."""
        if self.regex is not None:
            return self.regex.search(lower if self.kind == "words" else squashed) is not None
        if self.kind == "equals":
            return squashed == self.text
        if self.kind == "prefix":
            return squashed.startswith(self.text)
        if self.kind == "suffix":
            return squashed.endswith(self.text)
        return self.text in squashed


def parse_token(raw: str) -> Token:
    """'=no' equals, '^kode' prefix, 'murni$' suffix, '~re' regex, 'w~re' words regex,
    anything else a substring of the squashed header."""
    if raw.startswith("w~"):
        return Token("words", raw[2:], re.compile(raw[2:]))
    if raw.startswith("~"):
        return Token("regex", raw[1:], re.compile(raw[1:]))
    if raw.startswith("="):
        return Token("equals", raw[1:])
    if raw.startswith("^"):
        return Token("prefix", raw[1:])
    if raw.endswith("$") and len(raw) > 1:
        return Token("suffix", raw[:-1])
    return Token("contains", raw)


@dataclass(frozen=True)
class Header:
    """What the vocabulary looks at in one header: its squashed and lower-case text, whether
    its words name money and whether it prints a year."""

    squashed: str
    lower: str
    money: bool
    has_year: bool


@dataclass(frozen=True)
class Entry:
    """One vocabulary line: a condition (any / all / none token lists and two guards) and what
    the column then holds (role, measure, and a money flag that overrides the header's)."""

    role: str
    any_of: tuple[Token, ...] = ()
    all_of: tuple[Token, ...] = ()
    none_of: tuple[Token, ...] = ()
    measure: str | None = None
    money: bool | None = None
    if_money: bool | None = None
    if_year: bool = False

    def matches(self, header: Header) -> bool:
        """Every guard and every `all` token holds, no `none` token does, and at least one
        `any` token does where the entry lists any."""
        if self.if_money is not None and header.money != self.if_money:
            return False
        if self.if_year and not header.has_year:
            return False
        s, lower = header.squashed, header.lower
        if self.any_of and not any(t.holds(s, lower) for t in self.any_of):
            return False
        if any(t.holds(s, lower) for t in self.none_of):
            return False
        return all(t.holds(s, lower) for t in self.all_of)


ENTRY_KEYS = frozenset({"role", "any", "all", "none", "measure", "money", "if_money", "if_year"})


def _entry(raw: dict) -> Entry:
    """One [[entry]] table of the file; an unknown key is a typo that would silently widen the
    entry, so it raises."""
    unknown = set(raw) - ENTRY_KEYS
    if unknown or "role" not in raw:
        raise ValueError(f"{VOCABULARY_FILE}: bad entry {raw!r} (unknown keys {sorted(unknown)})")
    return Entry(role=raw["role"],
                 any_of=tuple(parse_token(t) for t in raw.get("any", ())),
                 all_of=tuple(parse_token(t) for t in raw.get("all", ())),
                 none_of=tuple(parse_token(t) for t in raw.get("none", ())),
                 measure=raw.get("measure"), money=raw.get("money"),
                 if_money=raw.get("if_money"), if_year=bool(raw.get("if_year", False)))


@dataclass(frozen=True)
class Vocabulary:
    """The ordered entries, the head-word entries and the roles a head word overrides."""

    entries: tuple[Entry, ...]
    heads: tuple[Entry, ...] = ()
    head_overrides: frozenset[str] = frozenset()


def parse_vocabulary(text: str) -> Vocabulary:
    """The vocabulary of a file's text: [[entry]] and [[head]] tables, in file order."""
    data = tomllib.loads(text)
    return Vocabulary(entries=tuple(_entry(raw) for raw in data.get("entry", ())),
                      heads=tuple(_entry(raw) for raw in data.get("head", ())),
                      head_overrides=frozenset(data.get("head_overrides", ())))


@cache
def vocabulary() -> Vocabulary:
    """The packaged vocabulary, read once."""
    return parse_vocabulary(reference_file(VOCABULARY_FILE).read_text(encoding="utf-8"))


def _first(entries: tuple[Entry, ...], header: Header) -> Entry | None:
    return next((e for e in entries if e.matches(header)), None)


def first_match(header: Header, vocab: Vocabulary | None = None) -> Entry | None:
    """The entry that names the header's column: the first entry the header satisfies, unless
    that entry is one a head word overrides ('Realisasi Target Kinerja …' is a realisasi though
    'target kinerja' names a target) and a head entry holds. None when no word is known."""
    vocab = vocab or vocabulary()
    entry = _first(vocab.entries, header)
    if entry is None or (entry.role in vocab.head_overrides and entry.measure is None):
        head = _first(vocab.heads, header)
        if head is not None and (entry is None or head.role != entry.role):
            return head
    return entry
