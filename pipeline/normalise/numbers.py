"""Indonesian report numbers: every printed form, one value, and a note for every decision.

No library reads these: Babel's ``id_ID`` takes ``15.426`` for 15426 and rejects
``Rp. 1.000,-`` and ``(50.000)``; price-parser drops signs and reads ``12,5%`` as 12. The
reports mix conventions inside one table, so a parse returns the printed text, the value,
what kind of figure it is, and — when it had to choose — why.

Accepted forms (all seen in real reports):

============================  ==========================  =====================================
printed                       value                       notes
============================  ==========================  =====================================
``1.234.567,89``              1234567.89                  Indonesian: dot thousands, comma decimal
``81,03``                     81.03                       one comma + 1–2 digits: decimal
``13,215,743,758``            13215743758                 English thousands commas
``103.88%``                   103.88, kind percent        ``%`` with or without a space
``30,000,000.00``             30000000                    English with decimals
``9.485.000.00``              9485000                     dot thousands then ``.00`` decimals
``Rp. 31.824.349.565,-``      31824349565, unit Rp        ``Rp`` / ``Rp.`` / ``IDR``; ``,-`` and ``,00``
``(50.000.000)``              -50000000                   parentheses are negative
``- 117,823,500.00``          -117823500                  minus with a space; Unicode ``−``; ``-Rp``
``76.5512*``                  76.5512, provisional        trailing ``*``: provisional figure
``79,87 Poin``, ``4 Dokumen`` 79.87 / 4, unit kept        unit word after the number
``N/a``, ``-``, ``Rp -``      None, kind missing          nil
````                          None, kind empty
``60-70``                     None, kind range 60–70
``Baik (B) 60-70``            None, kind range, grade B
``B (75)``                    75, kind grade B
``B``, ``BB``, ``В``          None, kind grade            Cyrillic look-alikes read as Latin
``Level 3``                   3, kind level
``1O0``, ``2l5``              100, 215                    O/l between digits, noted
``1.023.304.00 0``            1023304000                  digits split by a stray space
``428.654.837 428.654.837``   None, kind text             two numbers in one cell
``15.426``                    ambiguous                   see below
============================  ==========================  =====================================

Ambiguity. One separator followed by exactly three digits (``15.426``, ``83,514``) is either
thousands or decimals. ``role`` decides first (amount and count → thousands; ratio → decimal),
then ``convention`` (the table's or document's dominant one); when neither says, the value is
None and the note says so. In every decided case ``ambiguous`` is True and ``alternative``
holds the other reading, so a caller can re-decide from the row's arithmetic
(``pipeline.normalise.arithmetic``).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Role = Literal["amount", "count", "ratio"] | None
Convention = Literal["id", "en"] | None


class NumberFormatError(ValueError):
    """The only error this module raises: `to_number` on text that holds no number."""


@dataclass(frozen=True)
class ParsedNumber:
    raw: str
    value: float | None
    kind: str  # empty | missing | number | percent | range | grade | level | text
    unit: str | None = None
    low: float | None = None
    high: float | None = None
    grade: str | None = None
    provisional: bool = False
    ambiguous: bool = False
    alternative: float | None = None
    decimals: int | None = None
    note: str | None = None


LOOKALIKE = str.maketrans({
    "А": "A", "В": "B", "С": "C", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O",
    "Р": "P", "Т": "T", "Х": "X", "Д": "D", "а": "a", "в": "b", "с": "c", "е": "e",
    "о": "o", "р": "p", "х": "x",
})
SPACES = re.compile(r"[\u00a0\u2007\u2009\u202f\u200b\u2060]")
MINUS = re.compile(r"[\u2212\u2012\u2013\u2014\ufe63\uff0d]")
MISSING = {"-", "--", "n/a", "na", "n.a", "n.a.", "nihil", "tidak ada", "#n/a", "x"}
GRADES = {"AA", "A", "BB", "B", "CC", "C", "D", "E", "A+", "B+", "C+", "A-", "B-"}
CURRENCY = re.compile(r"^(?:rp\.?|idr)\s*", re.IGNORECASE)
UNIT_WORD = re.compile(r"^(?P<num>.*?\d)\s*(?P<unit>%|[A-Za-z][A-Za-z./ ]{0,30})$")
DIGITS_ONLY = re.compile(r"^\d+$")


def _clean(text: str) -> str:
    t = unicodedata.normalize("NFKC", text).translate(LOOKALIKE)
    t = SPACES.sub(" ", t)
    t = MINUS.sub("-", t)
    t = re.sub(r"[*_]{2,}", "", t)  # markdown bold / italics
    return t.strip().strip("\"'“”‘’").strip()


def _letters_in_digits(t: str) -> tuple[str, str | None]:
    """'1O0' → '100' (O and l printed for 0 and 1 between digits)."""
    fixed = re.sub(r"(?<=\d)[Oo](?=[\d.,])|(?<=[\d.,])[Oo](?=\d)", "0", t)
    fixed = re.sub(r"(?<=\d)[lI](?=[\d.,])|(?<=[\d.,])[lI](?=\d)", "1", fixed)
    return fixed, (f"letters read as digits in '{t}'" if fixed != t else None)


def _join_split_digits(t: str) -> tuple[str, str | None]:
    """'1.023.304.00 0' → '1.023.304.000': a digit group broken by a stray space. Two whole
    numbers ('428.654.837 428.654.837') are left alone for the caller to reject."""
    m = re.fullmatch(r"(\d{1,3}(?:[.,]\d{3})*[.,])(\d{1,2}) (\d{1,2})", t)
    if m and len(m.group(2) + m.group(3)) == 3:
        return m.group(1) + m.group(2) + m.group(3), f"digits split by a space in '{t}' joined"
    m = re.fullmatch(r"(\d{1,3}) ([.,]\d{3}(?:[.,]\d{3})*)", t)
    if m:
        return m.group(1) + m.group(2), f"digits split by a space in '{t}' joined"
    return t, None


def _value_of(num: str, role: Role, convention: Convention) -> tuple[float | None, dict]:
    """The numeric core (digits and separators only) → value and decision details."""
    info: dict = {"ambiguous": False, "alternative": None, "decimals": 0, "note": None}
    seps = [c for c in num if c in ".,"]
    if not seps:
        return float(num), info
    if len(set(seps)) == 2:
        dec = "," if num.rfind(",") > num.rfind(".") else "."
        thousands = "." if dec == "," else ","
        head, tail = num.rsplit(dec, 1)
        if seps.count(dec) > 1:
            return None, info
        info["decimals"] = len(tail)
        return float(head.replace(thousands, "") + "." + tail), info
    sep = seps[0]
    groups = num.split(sep)
    if len(groups) > 2:
        # '9.485.000.00': thousands dots then a 2-digit decimal group
        if all(len(g) == 3 for g in groups[1:-1]) and len(groups[-1]) in (1, 2):
            info["decimals"] = len(groups[-1])
            info["note"] = f"'{num}': last '{sep}' group read as decimals"
            return float("".join(groups[:-1]) + "." + groups[-1]), info
        if all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3:
            return float("".join(groups)), info
        info["note"] = f"'{num}': irregular digit groups"
        return float("".join(groups)), info
    head, tail = groups
    if not head:
        info["decimals"] = len(tail)
        return float("0." + tail), info
    if len(tail) != 3 or head == "0" or len(head) > 3 or head.startswith("0"):
        info["decimals"] = len(tail)
        return float(head + "." + tail), info
    thousands, decimal = float(head + tail), float(head + "." + tail)
    info["ambiguous"] = True
    if role in ("amount", "count"):
        info.update(alternative=decimal, note=f"'{num}' read as {thousands:g} (thousands "
                    f"separator): the column holds {role}s")
        return thousands, info
    if role == "ratio":
        info.update(alternative=thousands, decimals=3, note=f"'{num}' read as {decimal:g} "
                    "(decimal): the column holds percentages / indices")
        return decimal, info
    if convention:
        is_thousands = (sep == "." and convention == "id") or (sep == "," and convention == "en")
        if is_thousands:
            info.update(alternative=decimal, note=f"'{num}' read as {thousands:g}: the table "
                        f"writes numbers the {'Indonesian' if convention == 'id' else 'English'} way")
            return thousands, info
        info.update(alternative=thousands, decimals=3, note=f"'{num}' read as {decimal:g}: the "
                    f"table writes numbers the {'Indonesian' if convention == 'id' else 'English'} way")
        return decimal, info
    info.update(alternative=thousands, note=f"ambiguous: '{num}' could be {thousands:g} or "
                f"{decimal:g}; nothing in the column or table decides")
    return None, info


def parse_number(text: str, role: Role = None, convention: Convention = None) -> ParsedNumber:
    """Read one printed cell. Never raises for a string."""
    if not isinstance(text, str):
        raise NumberFormatError(f"expected text, got {type(text).__name__}")
    raw = text
    t = _clean(text)
    if not t:
        return ParsedNumber(raw, None, "empty")
    if t.lower().rstrip(".") in MISSING or re.fullmatch(r"(?i)(rp\.?|idr)\s*-+", t):
        return ParsedNumber(raw, None, "missing", note="dash / n/a: nothing printed")
    provisional = t.endswith("*")
    t = t.rstrip("*").strip()
    notes: list[str] = []

    grade = re.fullmatch(r"([A-E][A-E+\-]?)\s*\(\s*(\d+(?:[.,]\d+)?)\s*\)", t)
    if grade and grade.group(1) in GRADES:
        value, _ = _value_of(grade.group(2), "ratio", convention)
        return ParsedNumber(raw, value, "grade", grade=grade.group(1), provisional=provisional)
    if t.upper() in GRADES and t.isalpha() or t in GRADES:
        return ParsedNumber(raw, None, "grade", grade=t.upper())
    rng = re.fullmatch(r"(?:(?P<label>[A-Za-z ]+?)\s*\((?P<g>[A-E]{1,2})\)\s*)?"
                       r"(?P<lo>\d+(?:[.,]\d+)?)\s*-\s*(?P<hi>\d+(?:[.,]\d+)?)\s*(?P<u>%?)", t)
    if rng:
        lo, _ = _value_of(rng.group("lo"), "ratio", convention)
        hi, _ = _value_of(rng.group("hi"), "ratio", convention)
        if lo is not None and hi is not None and lo <= hi:
            return ParsedNumber(raw, None, "range", unit="%" if rng.group("u") else None,
                                low=lo, high=hi, grade=rng.group("g"), provisional=provisional)
    level = re.fullmatch(r"(?i)level\s*(\d+(?:[.,]\d+)?)", t)
    if level:
        value, _ = _value_of(level.group(1), "ratio", convention)
        return ParsedNumber(raw, value, "level", unit="Level", provisional=provisional)

    negative = False
    if t.startswith("(") and t.endswith(")"):
        negative, t = True, t[1:-1].strip()
    if t.startswith("-"):
        negative, t = True, t[1:].strip()
    unit = None
    if CURRENCY.match(t):
        unit = "Rp"
        t = CURRENCY.sub("", t)
        if t.startswith("-"):
            negative, t = True, t[1:].strip()
    t = re.sub(r",-$|\.-$", "", t).strip()
    if t.endswith("-") and not t.endswith("--"):
        t = t[:-1].strip()
    m = UNIT_WORD.match(t)
    if m and not re.search(r"\d", m.group("unit")):
        t, printed_unit = m.group("num").strip(), m.group("unit").strip()
        unit = "%" if printed_unit == "%" else (unit or printed_unit.rstrip("."))
    t = t.rstrip(".").strip()
    t, note = _letters_in_digits(t)
    if note:
        notes.append(note)
    t, note = _join_split_digits(t)
    if note:
        notes.append(note)
    if not re.fullmatch(r"\d[\d.,]*", t or ""):
        if re.fullmatch(r"[\d.,]+(\s+[\d.,]+)+", t or ""):
            return ParsedNumber(raw, None, "text", note="two numbers in one cell")
        return ParsedNumber(raw, None, "text")
    # ',00' after Indonesian thousands is a decimal tail, not another group
    if re.fullmatch(r"\d{1,3}(\.\d{3})+,00", t) and unit == "Rp":
        t = t[:-3]
    effective_role = "ratio" if unit == "%" and role is None else role
    value, info = _value_of(t, effective_role, convention)
    if info["note"]:
        notes.append(info["note"])
    if value is not None and negative:
        value = -value
    alternative = info["alternative"]
    if alternative is not None and negative:
        alternative = -alternative
    return ParsedNumber(
        raw, value, "percent" if unit == "%" else "number", unit=unit, provisional=provisional,
        ambiguous=info["ambiguous"], alternative=alternative, decimals=info["decimals"],
        note="; ".join(notes) or None,
    )


def to_number(text: str, role: Role = None, convention: Convention = None) -> float:
    parsed = parse_number(text, role, convention)
    if parsed.value is None:
        raise NumberFormatError(f"no number in {text!r}" + (f" ({parsed.note})" if parsed.note else ""))
    return parsed.value


def detect_convention(texts: Iterable[str]) -> Convention:
    """The dominant convention of a set of cells, from the ones only one convention reads."""
    votes: Counter[str] = Counter()
    for text in texts:
        t = CURRENCY.sub("", _clean(text)).rstrip("%*").strip().lstrip("(-").rstrip(")")
        t = re.sub(r",-$", "", t)
        if re.fullmatch(r"\d{1,3}(\.\d{3}){2,}(,\d+)?|\d{1,3}(\.\d{3})+,\d+|\d+,\d{1,2}", t):
            votes["id"] += 1
        elif re.fullmatch(r"\d{1,3}(,\d{3}){2,}(\.\d+)?|\d{1,3}(,\d{3})+\.\d+|\d+\.\d{1,2}", t):
            votes["en"] += 1
    if not votes or votes["id"] == votes["en"]:
        return None
    return "id" if votes["id"] > votes["en"] else "en"
