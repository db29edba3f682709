"""Indonesian number words ('dua puluh lima') read back into numbers.

Reports print counts twice, '16 (sebelas) indikator', and the two halves disagree often
enough to be worth checking. num2words writes Indonesian correctly; reading is its inverse
over the range counts in reports use, so no grammar is hand-written here.
"""

from __future__ import annotations

import re
from functools import cache

from num2words import num2words

LARGEST = 2000


@cache
def _numbers_by_words() -> dict[str, int]:
    return {num2words(n, lang="id"): n for n in range(LARGEST + 1)}


def words_value(text: str) -> int | None:
    """The number `text` spells out ('Dua Puluh Lima' → 25), or None if it spells none."""
    key = " ".join(re.sub(r"[^a-z ]", " ", text.lower()).split())
    if key.startswith("se ") :  # 'se belas' as some reports break it
        key = "se" + key[3:]
    return _numbers_by_words().get(key)
