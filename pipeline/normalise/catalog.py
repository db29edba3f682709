"""The indicator catalog: one key per indicator, however a report words it.

The catalog ships with kinerja as `pipeline/reference/indicators.csv`: each indicator's key,
canonical name, aliases (`|` separated), unit and polarity. A user's additions live in a CSV
of the same columns outside the package (`user_catalog`), because the installed package may
be read-only and is replaced on upgrade; loading merges the two. In the user's file a row
for a packaged key adds its aliases, and its non-blank name, unit or polarity override the
packaged ones; a row with a new key adds an indicator.

A name is folded and abbreviated (`names.indicator_key`), then looked up among the aliases'
keys, then matched fuzzily (rapidfuzz) against them; a name that matches nothing keeps its
own folded key, so nothing is lost and `kinerja catalog --unmatched` can show it with its
nearest candidates.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from pipeline.normalise import matcher
from pipeline.normalise.names import indicator_key
from pipeline.reference import read_rows
from pipeline.settings import current

PACKAGED = "indicators.csv"  # in pipeline/reference/
CATALOG_ENV = "KINERJA_CATALOG"  # the user's additions file, overriding the default place
FIELDS = ("key", "name", "aliases", "unit", "polarity")


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


def user_data_dir() -> Path:
    """kinerja's per-user data directory ($XDG_DATA_HOME/kinerja, ~/.local/share/kinerja;
    %LOCALAPPDATA%\\kinerja on Windows): user state must not be written into the package."""
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    else:
        base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "kinerja"


def user_catalog(path: Path | None = None) -> Path:
    """The user's additions file: `path` when given, else $KINERJA_CATALOG, else
    indicators.csv in the user data directory. Resolved on every call so an environment
    change (a test, a worker process) takes effect."""
    if path is not None:
        return Path(path)
    return _resolved_catalog(os.environ.get(CATALOG_ENV), os.environ.get("XDG_DATA_HOME"),
                             os.environ.get("LOCALAPPDATA"), os.environ.get("HOME"))


@lru_cache(maxsize=8)
def _resolved_catalog(env: str | None, *_environment: str | None) -> Path:
    """Cached per environment: `match` runs once per indicator, and resolving the home
    directory each time cost a third of the time of a 10,000-row table."""
    return Path(env) if env else user_data_dir() / "indicators.csv"


def _entries(rows: Iterable[dict[str, str]]) -> list[Entry]:
    """Catalog rows as entries; blank cells become None (blank name stays '' = inherit)."""
    return [
        Entry(r["key"], r.get("name") or "", [a for a in (r.get("aliases") or "").split("|") if a],
              r.get("unit") or None, r.get("polarity") or None)
        for r in rows
    ]


def load_packaged() -> list[Entry]:
    """The catalog shipped with kinerja; raises MissingReferenceData if it is not installed."""
    return _entries(read_rows(PACKAGED))


def load_user(path: Path) -> list[Entry]:
    """The user's additions at `path`; none yet is an empty list, not an error."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return _entries(csv.DictReader(fh))


def merge(base: list[Entry], additions: list[Entry]) -> list[Entry]:
    """`base` with `additions` applied: aliases of a known key are added to it, its non-blank
    name, unit and polarity override; an unknown key is a new entry."""
    by_key = {e.key: Entry(e.key, e.name, list(e.aliases), e.unit, e.polarity) for e in base}
    for add in additions:
        known = by_key.get(add.key)
        if known is None:
            by_key[add.key] = Entry(add.key, add.name or add.key, list(add.aliases), add.unit,
                                    add.polarity)
            continue
        known.name = add.name or known.name
        known.aliases += [a for a in add.aliases if a not in known.aliases]
        known.unit = add.unit or known.unit
        known.polarity = add.polarity or known.polarity
    return list(by_key.values())


def load(user: Path | None = None) -> list[Entry]:
    """The packaged catalog merged with the user's additions (see `user_catalog`)."""
    return merge(load_packaged(), load_user(user_catalog(user)))


def save(entries: list[Entry], path: Path) -> None:
    """Write entries as a catalog CSV, creating the user data directory if needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=FIELDS)
        writer.writeheader()
        for e in entries:
            writer.writerow({"key": e.key, "name": e.name, "aliases": "|".join(e.aliases),
                             "unit": e.unit or "", "polarity": e.polarity or ""})


@cache
def _index(user: Path) -> tuple[dict[str, Entry], dict[str, Entry]]:
    """Entries by key and by every folded alias, built once per additions file (cleared by
    `add_alias`): matching runs once per indicator row."""
    entries = load(user)
    by_key = {e.key: e for e in entries}
    by_alias: dict[str, Entry] = {}
    for e in entries:
        for text in (e.key, e.name, *e.aliases):
            k = indicator_key(text)
            if k:
                by_alias.setdefault(k, e)
    return by_key, by_alias


def match(name: str | None, entity: str | None = None, region: str | None = None,
          user: Path | None = None) -> Match | None:
    """The catalog entry a printed indicator name belongs to (exact key, alias, or fuzzy),
    or the name's own key when none; None for a blank name."""
    own = indicator_key(name, entity, region)
    if own is None:
        return None
    by_key, by_alias = _index(user_catalog(user))
    if own in by_key:
        return Match(own, by_key[own], "exact")
    if own in by_alias:
        return Match(by_alias[own].key, by_alias[own], "alias")
    found = matcher.best(own, by_alias.keys(), current().catalog_fuzzy_min, "token_sort")
    if found:
        entry = by_alias[found[0]]
        return Match(entry.key, entry, f"fuzzy:{found[1]:.0f}")
    return Match(own, None, "own")


def nearest(name: str, limit: int = 3, user: Path | None = None) -> list[tuple[str, float]]:
    """Catalog keys closest to a name that matched nothing, for `catalog --unmatched`."""
    own = indicator_key(name) or ""
    _, by_alias = _index(user_catalog(user))
    hits = matcher.ranked(own, by_alias.keys(), limit * 3, "token_sort")
    out: list[tuple[str, float]] = []
    for alias, score in hits:
        key = by_alias[alias].key
        if key not in [k for k, _ in out]:
            out.append((key, round(score, 1)))
    return out[:limit]


def add_alias(key: str, alias: str, user: Path | None = None) -> Entry:
    """Record `alias` as another name of catalog entry `key` in the user's additions file
    (never the packaged catalog) and return the merged entry; KeyError for an unknown key."""
    path = user_catalog(user)
    if key not in {e.key for e in load(path)}:
        raise KeyError(f"no indicator '{key}' in the catalog (packaged, or additions in {path})")
    additions = load_user(path)
    mine = next((e for e in additions if e.key == key), None)
    if mine is None:
        mine = Entry(key, "")  # blank name: the packaged one applies
        additions.append(mine)
    if alias not in mine.aliases:
        mine.aliases.append(alias)
    save(additions, path)
    _index.cache_clear()
    return next(e for e in load(path) if e.key == key)
