"""The indicator catalog: one key per indicator, however a report words it.

`data/reference/indicators.csv` lists each indicator's key, canonical name, aliases (`|`
separated), unit and polarity. A name is folded and abbreviated (`names.indicator_key`),
then looked up among the aliases' keys, then matched fuzzily (rapidfuzz) against them; a
name that matches nothing keeps its own folded key, so nothing is lost and `kinerja catalog
--unmatched` can show it with its nearest candidates.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rapidfuzz import fuzz, process

from pipeline.normalise.names import indicator_key

CATALOG = Path(__file__).resolve().parents[2] / "data" / "reference" / "indicators.csv"
FIELDS = ("key", "name", "aliases", "unit", "polarity")
FUZZY_MIN = 92


@dataclass
class Entry:
    key: str
    name: str
    aliases: list[str] = field(default_factory=list)
    unit: str | None = None
    polarity: str | None = None


@dataclass
class Match:
    key: str
    entry: Entry | None  # None: the name's own key, not in the catalog
    how: str  # exact | alias | fuzzy:<score> | own


def load(path: Path = CATALOG) -> list[Entry]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as fh:
        return [
            Entry(r["key"], r["name"], [a for a in r["aliases"].split("|") if a],
                  r.get("unit") or None, r.get("polarity") or None)
            for r in csv.DictReader(fh)
        ]


def save(entries: list[Entry], path: Path = CATALOG) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=FIELDS)
        writer.writeheader()
        for e in entries:
            writer.writerow({"key": e.key, "name": e.name, "aliases": "|".join(e.aliases),
                             "unit": e.unit or "", "polarity": e.polarity or ""})


@cache
def _index(path: Path = CATALOG) -> tuple[dict[str, Entry], dict[str, Entry]]:
    entries = load(path)
    by_key = {e.key: e for e in entries}
    by_alias: dict[str, Entry] = {}
    for e in entries:
        for text in (e.key, e.name, *e.aliases):
            k = indicator_key(text)
            if k:
                by_alias.setdefault(k, e)
    return by_key, by_alias


def match(name: str | None, entity: str | None = None, region: str | None = None,
          path: Path = CATALOG) -> Match | None:
    own = indicator_key(name, entity, region)
    if own is None:
        return None
    by_key, by_alias = _index(path)
    if own in by_key:
        return Match(own, by_key[own], "exact")
    if own in by_alias:
        return Match(by_alias[own].key, by_alias[own], "alias")
    found = process.extractOne(own, by_alias.keys(), scorer=fuzz.token_sort_ratio,
                               score_cutoff=FUZZY_MIN)
    if found:
        entry = by_alias[found[0]]
        return Match(entry.key, entry, f"fuzzy:{found[1]:.0f}")
    return Match(own, None, "own")


def nearest(name: str, limit: int = 3, path: Path = CATALOG) -> list[tuple[str, float]]:
    """Catalog keys closest to a name that matched nothing, for `catalog --unmatched`."""
    own = indicator_key(name) or ""
    _, by_alias = _index(path)
    hits = process.extract(own, by_alias.keys(), scorer=fuzz.token_sort_ratio, limit=limit * 3)
    out: list[tuple[str, float]] = []
    for alias, score, _ in hits:
        key = by_alias[alias].key
        if key not in [k for k, _ in out]:
            out.append((key, round(score, 1)))
    return out[:limit]


def add_alias(key: str, alias: str, path: Path = CATALOG) -> Entry:
    entries = load(path)
    for e in entries:
        if e.key == key:
            if alias not in e.aliases:
                e.aliases.append(alias)
            save(entries, path)
            _index.cache_clear()
            return e
    raise KeyError(f"no indicator '{key}' in {path}")
