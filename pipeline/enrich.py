"""The enrichment stage: what curated rows gain from outside their table, once curation is
done — an indicator's catalog key and how it was found, its polarity, a budget line's name
key. A stage of its own so the run only sequences stages, and so a catalog change is one
place to look."""

from __future__ import annotations

from pipeline import registry
from pipeline.metadata import Metadata
from pipeline.normalise.catalog import match as catalog_match
from pipeline.normalise.names import name_key
from pipeline.normalise.polarity import polarity

#: the curated tables that name indicators, keyed by the catalog
INDICATOR_TABLES = ("performance", "iku")


def enrich(tables: dict[str, list[dict]], meta: Metadata) -> None:
    """Key every indicator row by the catalog (and give it a polarity where its table keeps
    one) and every budget line by its name, in place."""
    for name in INDICATOR_TABLES:
        _key_indicators(tables[name], registry.table(name).columns, meta)
    for rec in tables["budget"]:
        rec["name_key"] = name_key(rec.get("name"))


def _key_indicators(rows: list[dict], columns: tuple[str, ...], meta: Metadata) -> None:
    """Catalog key, match and polarity; a table without the match or polarity column (iku)
    gets the key alone, since the store refuses fields its table has no column for."""
    for rec in rows:
        found = catalog_match(rec.get("indicator"), meta.entity, meta.region)
        rec["indicator_key"] = found.key if found else None
        if "catalog_match" in columns:
            rec["catalog_match"] = found.how if found else None
        if "polarity" in columns:
            from_catalog = found.entry.polarity if found and found.entry else None
            rec["polarity"] = from_catalog or polarity(rec.get("indicator"))
