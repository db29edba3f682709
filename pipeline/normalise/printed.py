"""What numbers and units share: the role a figure plays and the letters that only look Latin.

Its own module because numbers.py reads a cell's unit through units.py, and units.py needs
these two: kept in numbers.py, the two modules imported each other.
"""

from __future__ import annotations

from typing import Literal

Role = Literal["amount", "count", "ratio"] | None

# Letters that print identically to Latin ones; PDF text layers and OCR mix them in.
LATIN_LOOKALIKES = str.maketrans({
    # Cyrillic
    "А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "К": "K", "М": "M", "О": "O",
    "Р": "P", "Т": "T", "Х": "X", "І": "I", "а": "a", "в": "b", "с": "c", "е": "e",
    "о": "o", "р": "p", "х": "x", "у": "y", "і": "i", "ѕ": "s",
    # Greek
    "Α": "A", "Β": "B", "Ε": "E", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Χ": "X", "ο": "o",
})
