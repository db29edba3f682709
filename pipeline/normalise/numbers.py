"""TEMPORARY placeholder until the full normaliser lands (same API)."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Role = Literal["amount", "count", "ratio"] | None
Convention = Literal["id", "en"] | None


class NumberFormatError(ValueError):
    pass


@dataclass(frozen=True)
class ParsedNumber:
    raw: str
    value: float | None
    kind: str
    unit: str | None = None
    low: float | None = None
    high: float | None = None
    grade: str | None = None
    provisional: bool = False
    ambiguous: bool = False
    alternative: float | None = None
    decimals: int | None = None
    note: str | None = None


def parse_number(text: str, role: Role = None, convention: Convention = None) -> ParsedNumber:
    raw = text
    t = text.strip().replace("*", "")
    if not t:
        return ParsedNumber(raw, None, "empty")
    if t in ("-", "N/a", "N/A", "n/a"):
        return ParsedNumber(raw, None, "missing")
    neg = t.startswith("(") and t.endswith(")")
    t = re.sub(r"^(Rp\.?|IDR)\s*", "", t.strip("()")).strip()
    t = re.sub(r",-$", "", t)
    m = re.match(r"^(-?\s*[\d.,]+)\s*(%|[A-Za-z]+)?$", t)
    if not m:
        return ParsedNumber(raw, None, "text")
    num = m.group(1).replace(" ", "")
    unit = m.group(2)
    seps = re.findall(r"[.,]", num)
    decimals = 0
    if not seps:
        v = float(num)
    elif len(set(seps)) == 2:
        dec = num[max(num.rfind("."), num.rfind(","))]
        th = "," if dec == "." else "."
        v = float(num.replace(th, "").replace(dec, "."))
        decimals = len(num) - num.rfind(dec) - 1
    elif len(seps) > 1:
        v = float(num.replace(seps[0], ""))
    else:
        s = seps[0]
        after = num.split(s)[1]
        if len(after) == 3 and role in ("amount", "count") or (len(after) == 3 and role is None and convention == ("id" if s == "." else "en")):
            v = float(num.replace(s, ""))
        else:
            v = float(num.replace(s, "."))
            decimals = len(after)
    if neg:
        v = -v
    return ParsedNumber(raw, v, "percent" if unit == "%" else "number", unit=unit, decimals=decimals)


def to_number(text: str, role: Role = None, convention: Convention = None) -> float:
    p = parse_number(text, role, convention)
    if p.value is None:
        raise NumberFormatError(text)
    return p.value


def detect_convention(texts: Iterable[str]) -> Convention:
    return None
