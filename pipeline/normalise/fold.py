"""Folding printed names to plain words: the one text form every name comparison starts from.

Its own module because both the name keys (names.py) and the official nomenclature
(nomenclature.py) need it, and names.py keys a programme by its nomenclature name: with
`fold` in names.py the two modules imported each other.
"""

from __future__ import annotations

import re
import unicodedata

LOOKALIKES = str.maketrans({"А": "A", "В": "B", "С": "C", "Е": "E", "К": "K", "М": "M",
                            "Н": "H", "О": "O", "Р": "P", "Т": "T", "Х": "X", "Д": "D"})


def fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces."""
    text = text.translate(LOOKALIKES)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower().replace("&", " dan ")
    text = re.sub(r"[^a-z0-9%]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()
