"""Words and their boxes: text lines from pdfplumber words, box arithmetic, and letter-spaced
figures joined back ('1 2 . 5 0 0' → '12.500'). Shared by the ruled and unruled readers.
"""

from __future__ import annotations

import re

from extractors.pdf.content import Box
from pipeline.settings import current


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def _center(word: dict) -> tuple[float, float]:
    return (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2


def _inside(point: tuple[float, float], box: Box) -> bool:
    x, y = point
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _box(word: dict) -> Box:
    return (word["x0"], word["top"], word["x1"], word["bottom"])


def _area(box: Box) -> float:
    return (box[2] - box[0]) * (box[3] - box[1])


def _union(boxes: list[Box]) -> Box | None:
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


def _group_lines(words: list[dict]) -> list[list[dict]]:
    """Words grouped into text lines (tops within the line tolerance), top to bottom."""
    tolerance = current().pdf.line_tolerance
    lines: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if lines and abs(lines[-1][0]["top"] - w["top"]) <= tolerance:
            lines[-1].append(w)
        else:
            lines.append([w])
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]


SPACED_FIGURE = re.compile(r"\d(?: \d)+ ?[.,] ?\d(?: ?\d)*")


def _unspace(line: str) -> str:
    """A figure set with character spacing comes as one word per glyph ('9 9 . 24'); with a
    decimal part it can only be one number (column numbers '1 2 3' have none)."""
    return line.replace(" ", "") if SPACED_FIGURE.fullmatch(line) else line


def _join(words: list[dict]) -> str:
    return " ".join(_unspace(" ".join(w["text"] for w in line)) for line in _group_lines(words))
