"""Fuzzy matching in one place: the scorers kinerja uses and the best-match searches over
them, so a cut-off means the same thing wherever it is applied and a scorer can be changed
once. Scores are rapidfuzz's, 0–100; the cut-offs live in `pipeline.settings.Settings`.

The scorers, and what each is for:
- `ratio`: whole strings alike (a misspelt unit name, an official nomenclature name);
- `partial`: the shorter string found inside the longer (an indicator named in a sentence);
- `token_sort`: the same words in another order (an indicator's catalog alias);
- `token_set`: one word set inside the other (a claim's subject against an indicator).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from rapidfuzz import fuzz, process

Scorer = Literal["ratio", "partial", "token_sort", "token_set"]
SCORERS = {
    "ratio": fuzz.ratio,
    "partial": fuzz.partial_ratio,
    "token_sort": fuzz.token_sort_ratio,
    "token_set": fuzz.token_set_ratio,
}


def score(a: str, b: str, how: Scorer = "ratio") -> float:
    """How alike two strings are, 0–100."""
    return SCORERS[how](a, b)


def alike(a: str, b: str, cutoff: float, how: Scorer = "ratio") -> bool:
    """The two strings score at least `cutoff`."""
    return SCORERS[how](a, b) >= cutoff


def best(query: str, choices: Iterable[str], cutoff: float,
         how: Scorer = "ratio") -> tuple[str, float] | None:
    """The choice scoring highest against `query` (the first of equals), if it reaches
    `cutoff`: (choice, score)."""
    found = process.extractOne(query, choices, scorer=SCORERS[how], score_cutoff=cutoff)
    return (found[0], found[1]) if found else None


def ranked(query: str, choices: Iterable[str], limit: int,
           how: Scorer = "ratio") -> list[tuple[str, float]]:
    """The `limit` choices closest to `query`, best first: (choice, score)."""
    return [(choice, s) for choice, s, _ in
            process.extract(query, choices, scorer=SCORERS[how], limit=limit)]
