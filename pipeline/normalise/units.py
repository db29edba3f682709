"""TEMPORARY placeholder until the full normaliser lands (same API)."""
from __future__ import annotations


def normalise_unit(printed):
    return printed.lower().strip() if printed else None


def unit_role(canonical):
    if canonical in ("persen", "%", "poin", "indeks", "nilai"):
        return "ratio"
    return None
