"""Indonesian report numbers: every printed form, one value, and a note for every decision.

Why not a library: Babel's ``id_ID`` takes ``15.426`` for 15426 without saying it guessed,
and rejects ``Rp. 1.000,-`` and ``(50.000)``; price parsers drop signs and read ``12,5%``
as 12. The reports mix the Indonesian and English conventions inside one document, and
even inside one table, so a parse returns the printed text, the value, what kind of figure
it is, and — whenever it had to choose — a note saying why. Nothing here guesses silently.

Accepted forms (all seen in real reports; each has an example test in tests/test_numbers.py):

==============================  ============================  =================================
printed                         parsed                        rule
==============================  ============================  =================================
``1.234.567,89``                1234567.89                    id: dot groups, comma decimal
``33.187.776.000``              33187776000                   several dots: thousands
``81,03``, ``16,5``             81.03 (decimals 2), 16.5      1 separator + 1-2 digits: decimal
``76.5512``                     76.5512                       1 separator + 4+ digits: decimal
``0.759``, ``0,759``            0.759                         leading 0 group: decimal
``1234.567``                    1234.567                      first group of 4+ digits: decimal
``13,215,743,758``              13215743758                   en: comma thousands
``103.88``                      103.88                        en: decimal point
``30,000,000.00``               30000000 (decimals 2)         both separators: last is decimal
``9.485.000.00``                9485000.00                    dot groups, then .00 decimals
``15.426``, ``83,514``          see the ambiguity rule        1 separator + exactly 3 digits
``18,87%``, ``100 %``           18.87, 100; kind percent      % with or without a space
``Rp. 31.824.349.565,-``        31824349565, unit Rp          Rp, Rp., IDR; ,- suffix
``Rp 13,215,743,758``           13215743758, unit Rp
``Rp 1.500.000,00``             1500000, unit Rp              ,00 / .00 cents
``(50.000.000)``                -50000000                     parentheses: negative
``(867,747,000)``               -867747000
``-117.823.500``                -117823500                    leading minus
``- 117,823,500.00``            -117823500                    minus, then a space
``-Rp 12.950.000``              -12950000, unit Rp            sign before the currency
``Rp -12.950.000``              -12950000, unit Rp            sign after the currency
``−5`` (U+2212), ``– 5``        -5                            Unicode minus; dash before digits
``-``, ``–``, ``—``             None, kind missing            dash means nil
``N/a``, ``N/A``, ``NA``        None, kind missing            not applicable
``Rp -``, ``Rp. -``             None, kind missing, unit Rp   dash means nil
``Nihil``, ``Rp``               None, kind missing            nil; a currency sign alone
``""``, ``"   "``               None, kind empty
``79,87 Poin``, ``27,10 poin``  79.87, 27.1; unit as printed  unit word after the number
``4 Dokumen``, ``12 orang``     4, 12; unit as printed
``15.309 Dokumen``              15309, unit Dokumen           a count unit settles 15.309
``2 Laporan``, ``1 Paket``      2, 1; unit as printed
``100 Persen``                  100, kind percent             unit Persen
``76.5512*``                    76.5512, provisional          trailing *: provisional
``60-70``, ``60 - 70``          kind range, low/high          value None
``60 s/d 70``, ``60 s.d. 70``   kind range                    sampai dengan: up to
``Baik (B) 60-70``              kind range, grade B
``B (75)``, ``75 (B)``          75, kind grade, grade B
``Sangat Baik (A)``             None, kind grade, grade A
``B``, ``BB``, ``A``, ``CC``    None, kind grade              bare predikat letters
``В`` (Cyrillic U+0412)         None, kind grade, grade B     look-alikes read as Latin
``Level 3``, ``Level III``      3, kind level, unit Level
``1 234 567`` (U+00A0)          1234567                       no-break, thin (U+2009, U+202F)
``1O0``, ``2l5``                100, 215                      O/o→0, l/I→1 between digits
``1.023.304.00 0``              1023304000                    digits split by a stray space
``1 .234``                      the ambiguity rule            space before a separator
``428.654.837 428.654.837``     None, kind text               two numbers in one cell
``**81,03**``, ``"81,03"``      81.03                         markdown and quotes stripped
``100.``                        100                           trailing full stop
``2023``                        2023                          years are plain numbers
``17-08-2023``                  None, kind text               a date, not a figure
``Sangat Tinggi``               None, kind text               not a figure
==============================  ============================  =================================

The ambiguity rule. One separator followed by exactly three digits (``15.426``, ``83,514``)
is either a thousands group or three decimals; a leading ``0`` group (``0.759``) or a first
group of four or more digits (``1234.567``) cannot be a thousands group, so those are
decimals. For the ambiguous ones, the first of these that speaks decides:

1. ``role`` "amount" or "count" → thousands (15426); "ratio" → decimal (15.426);
2. what is printed in the cell itself: ``%`` → decimal; ``Rp``/``IDR`` → thousands (rupiah
   have at most two decimals); a unit word → that unit's role (`units.unit_role`);
3. ``convention`` "id" → dot is thousands, comma is decimal; "en" the reverse;
4. nothing: value None, with ``alternative`` holding the thousands reading.

In every case ``ambiguous`` is True and ``alternative`` holds the reading not taken, so a
caller can re-decide from the row's arithmetic (`pipeline.normalise.arithmetic`). The
explicit role wins over the cell's own symbols because it is the caller's deliberate
statement about the column; the row arithmetic catches the rare cell that disagrees.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Literal, get_args

from pipeline.normalise.printed import LATIN_LOOKALIKES, Role
from pipeline.normalise.units import normalise_unit, unit_role

__all__ = [
    "Convention",
    "LATIN_LOOKALIKES",
    "NumberFormatError",
    "ParsedNumber",
    "Role",
    "detect_convention",
    "parse_number",
    "to_number",
]

Convention = Literal["id", "en"] | None

_ROLES = get_args(Literal["amount", "count", "ratio"])
_CONVENTIONS = get_args(Literal["id", "en"])


class NumberFormatError(ValueError):
    """The only error this module raises.

    Raised by `to_number` when the text holds no single value, and by every function when
    handed something other than text (or an unknown role / convention): those are bugs in
    the caller, and a ValueError subclass lets callers catch both with one clause.
    """


@dataclass(frozen=True)
class ParsedNumber:
    """One printed cell, read. Kept whole so every value can be traced back to its text.

    kind: "empty" (blank), "missing" (a printed nil: dash, n/a), "number", "percent",
    "range" (low/high, no single value), "grade" (predikat letter, maybe with a score),
    "level" (maturity level), "text" (no figure, or more than one).
    """

    raw: str  # the printed text, untouched
    value: float | None  # the chosen value; None when empty/missing/text/range/undecidable
    kind: str
    unit: str | None = None  # printed unit: "%", "Rp", "Poin", "orang", "Level", ...
    low: float | None = None  # ranges
    high: float | None = None
    grade: str | None = None  # Latin letters, even when printed with Cyrillic look-alikes
    provisional: bool = False  # trailing "*"
    ambiguous: bool = False  # one separator + exactly three digits
    alternative: float | None = None  # the reading not taken (thousands when undecided)
    decimals: int | None = None  # decimal digits of the chosen reading: tolerance 0.5·10^-d
    note: str | None = None  # every decision made, human-readable


_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}  # "１２３" → "123"

_SEPARATORS = ".,"
_MARK = "\ue000"  # stands for a no-break/thin space between digits while parsing
_MAX_LENGTH = 200  # no printed figure is longer; longer cells are prose, not numbers

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_GROUP_SPACE = re.compile("(?<=[0-9.,])[\u00a0\u2007\u2009\u200a\u202f]+(?=[0-9.,])")
_DASHES = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d]")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!%|])")  # markdown backslash escapes
_QUOTES = "\"'`“”‘’„«»"
_LETTER_DIGITS = re.compile(r"(?<=[0-9])[OoIl]+(?=[0-9])")
_FOOTNOTE = re.compile("(?<=[0-9%])[\u00b9\u00b2\u00b3\u2070-\u2079\u2020\u2021]+$")

_MISSING_WORDS = frozenset({"n/a", "na", "n.a", "n.a.", "#n/a", "nihil", "tidak ada"})
_CURRENCY = re.compile(r"(?:rp|idr)(?![a-z])\.?\s*", re.IGNORECASE)
_NO_CENTS = re.compile(r"\s*[.,]\s*-+$")  # "Rp 1.000,-"

_NUM = r"[0-9][0-9.,]*"
_GRADE = r"(?:AA|BB|CC|A|B|C|D|E)[+-]?"
_LABEL = r"[^\W\d_]+(?: [^\W\d_]+)*"
_RE_GRADE_SCORE = re.compile(rf"(?P<grade>{_GRADE}) ?\( ?(?P<num>{_NUM}) ?(?P<pct>%)? ?\)")
_RE_SCORE_GRADE = re.compile(rf"(?P<num>{_NUM}) ?(?P<pct>%)? ?\( ?(?P<grade>{_GRADE}) ?\)")
_RE_LABEL_GRADE = re.compile(rf"(?:{_LABEL} ?)?\((?P<grade>{_GRADE})\)")
_RE_BARE_GRADE = re.compile(_GRADE)
_RE_DATE = re.compile(r"[0-9]{1,2}([-/.])[0-9]{1,2}\1(?:[0-9]{4}|[0-9]{2})")
_RE_LEVEL = re.compile(rf"(?i:level) ?[:.-]? ?(?P<num>{_NUM}|[IVX]+)")
_RE_RANGE = re.compile(
    rf"(?:(?:{_LABEL} ?)?\((?P<grade>{_GRADE})\) ?)?"
    rf"(?P<lo>{_NUM}) ?(?P<lo_unit>%)? ?(?:-|(?i:s ?[./]? ?d\.?|sampai(?: dengan)?|hingga)) ?"
    rf"(?P<hi>{_NUM}) ?(?P<unit>%|[^\W\d_][^\d]*)?"
)
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8,
          "IX": 9, "X": 10}


# ------------------------------------------------------------------- cleaning


def _clean(text: str) -> tuple[str, list[str]]:
    """Undo what typesetting, conversion and markdown did to a figure; return notes for
    anything that changed its digits (never for cosmetic stripping)."""
    notes: list[str] = []
    t = text.replace(_MARK, " ").translate(_FULLWIDTH).translate(LATIN_LOOKALIKES)
    t = _ZERO_WIDTH.sub("", t)
    t = _GROUP_SPACE.sub(_MARK, t)  # decided later: thousands separator or two numbers
    t = _DASHES.sub("-", t)
    t = re.sub(r"\s+", " ", t).strip()
    t = _ESCAPE.sub(r"\1", t)
    for _ in range(3):  # emphasis and quotes nest: '"**81,03**"'
        before = t
        t = re.sub(r"\*\*|__|~~", "", t).strip()
        if len(t) > 2 and t[0] == t[-1] and t[0] in "*_":  # *italic* / _italic_
            t = t[1:-1].strip()
        t = t.strip(_QUOTES).strip()
        if t == before:
            break
    fixed = _LETTER_DIGITS.sub(
        lambda m: m.group().translate(str.maketrans("OoIl", "0011")), t)
    if fixed != t:
        notes.append(f"letters between digits read as digits: '{t}' → '{fixed}'")
    return fixed, notes


# ------------------------------------------------------------------ the digits


@dataclass(frozen=True)
class _Shape:
    """The layout of a digits-and-separators core, before any role or convention."""

    form: str  # int | decimal | grouped | grouped_decimal | mixed | ambiguous | irregular
    whole: str = ""  # digits of the whole part (the thousands reading, when ambiguous)
    frac: str = ""  # digits after the decimal separator
    decimal_sep: str | None = None
    thousands_sep: str | None = None
    head: str = ""  # ambiguous only: "15" and "426" of "15.426"
    tail: str = ""


def _groups_regular(groups: list[str]) -> bool:
    """Thousands groups: a first group of 1–3 digits, then groups of exactly 3."""
    if len(groups) == 1:
        return bool(groups[0])
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def _shape(core: str) -> _Shape:
    """Classify a core such as '1.234.567,89'; pure layout, no decisions."""
    if not re.fullmatch(r"[0-9.,]*[0-9][0-9.,]*", core) or core[-1] in _SEPARATORS:
        return _Shape("irregular")
    seps = [c for c in core if c in _SEPARATORS]
    if not seps:
        return _Shape("int", whole=core)
    if core[0] in _SEPARATORS:  # ",5" / ".5"
        if len(seps) == 1:
            return _Shape("decimal", whole="0", frac=core[1:], decimal_sep=core[0])
        return _Shape("irregular")
    if len(set(seps)) == 2:
        return _shape_both(core)
    return _shape_one(core, seps[0])


def _shape_both(core: str) -> _Shape:
    """Both separators: the last one is the decimal separator, printed once, after regular
    thousands groups of the other."""
    dec = "," if core.rfind(",") > core.rfind(".") else "."
    thousands = "." if dec == "," else ","
    if core.count(dec) != 1:
        return _Shape("irregular")
    head, frac = core.split(dec)
    groups = head.split(thousands)
    if not _groups_regular(groups):
        return _Shape("irregular")
    return _Shape("grouped_decimal", whole="".join(groups), frac=frac, decimal_sep=dec,
                  thousands_sep=thousands)


def _shape_one(core: str, sep: str) -> _Shape:
    """One kind of separator: a decimal, the ambiguous three digits, thousands groups, or
    thousands groups ending in a short decimal group ('9.485.000.00')."""
    groups = core.split(sep)
    if len(groups) == 2:
        head, tail = groups
        if len(tail) == 3 and 1 <= len(head) <= 3 and head[0] != "0":
            return _Shape("ambiguous", whole=head + tail, head=head, tail=tail, decimal_sep=sep)
        return _Shape("decimal", whole=head, frac=tail, decimal_sep=sep)
    if _groups_regular(groups):
        return _Shape("grouped", whole="".join(groups), thousands_sep=sep)
    if _groups_regular(groups[:-1]) and len(groups[-1]) in (1, 2):  # '9.485.000.00'
        return _Shape("mixed", whole="".join(groups[:-1]), frac=groups[-1], decimal_sep=sep,
                      thousands_sep=sep)
    return _Shape("irregular")


def _convention_of(shape: _Shape) -> Convention:
    """The convention a layout proves, if it proves one."""
    if shape.form in ("decimal", "grouped_decimal"):
        return "id" if shape.decimal_sep == "," else "en"
    if shape.form == "grouped":
        return "id" if shape.thousands_sep == "." else "en"
    return None


def _float(whole: str, frac: str = "") -> float:
    return float(f"{whole}.{frac}" if frac else whole)


@dataclass(frozen=True)
class _Reading:
    value: float | None
    decimals: int | None = None
    ambiguous: bool = False
    alternative: float | None = None
    note: str | None = None
    irregular: bool = False

    def fields(self) -> dict:
        """The ParsedNumber fields this reading decides."""
        return {"ambiguous": self.ambiguous, "alternative": self.alternative,
                "decimals": self.decimals, "note": self.note}


_CONVENTION_WORDS = {"id": "dot groups thousands, comma marks decimals",
                     "en": "comma groups thousands, dot marks decimals"}


def _read(core: str, role: Role, hint: tuple[Role, str] | None,
          convention: Convention) -> _Reading:
    """Value of a core under the ambiguity rule; `hint` is the role the cell's own symbols
    imply and the words that say so."""
    shape = _shape(core)
    if shape.form == "irregular":
        return _Reading(None, note=f"irregular digit groups in '{core}'", irregular=True)
    if shape.form != "ambiguous":
        note = None
        if shape.form == "mixed":
            note = (f"'{core}': the last '{shape.decimal_sep}' group read as decimals "
                    f"after thousands groups")
        return _Reading(_float(shape.whole, shape.frac), decimals=len(shape.frac), note=note)

    return _read_ambiguous(core, shape, *_choice(shape, role, hint, convention))


def _choice(shape: _Shape, role: Role, hint: tuple[Role, str] | None,
            convention: Convention) -> tuple[str | None, str]:
    """(thousands | decimal | None, the words that say why): the first of role, the cell's
    own symbols and the convention that speaks decides an ambiguous core."""
    if role in ("amount", "count"):
        return "thousands", f"role={role}"
    if role == "ratio":
        return "decimal", "role=ratio"
    if hint:
        return ("decimal" if hint[0] == "ratio" else "thousands"), hint[1]
    if convention:
        dot_groups = convention == "id"
        choice = "thousands" if (shape.decimal_sep == ".") == dot_groups else "decimal"
        return choice, f"convention={convention} ({_CONVENTION_WORDS[convention]})"
    return None, ""


def _read_ambiguous(core: str, shape: _Shape, choice: str | None, because: str) -> _Reading:
    """The reading chosen, with the one not taken as the alternative; no choice leaves the
    value None, the thousands reading kept as the alternative."""
    thousands_text = shape.whole
    decimal_text = f"{shape.head}.{shape.tail}"
    thousands, decimal = _float(thousands_text), _float(shape.head, shape.tail)
    sep_name = "comma" if shape.decimal_sep == "," else "point"
    if choice == "thousands":
        return _Reading(thousands, decimals=0, ambiguous=True, alternative=decimal,
                        note=f"'{core}' read as {thousands_text} (thousands separator) "
                             f"because {because}")
    if choice == "decimal":
        return _Reading(decimal, decimals=3, ambiguous=True, alternative=thousands,
                        note=f"'{core}' read as {decimal_text} (decimal {sep_name}) "
                             f"because {because}")
    return _Reading(None, ambiguous=True, alternative=thousands,
                    note=f"ambiguous: {core} could be {thousands_text} or {decimal_text}")


def _join_stray_spaces(tokens: list[str]) -> str | None:
    """'1.023.304.00 0' → '1.023.304.000', '1 .234' → '1.234': spaces that fell inside one
    grouped number. Two whole numbers ('428.654.837 428.654.837', '100 100', '81,5 90')
    are not joined: a boundary is only joined next to a separator, or where it completes
    a short thousands group of a number that already has two or more groups."""
    joined = "".join(tokens)
    shape = _shape(joined)
    if shape.form == "irregular":
        return None
    for a, b in pairwise(tokens):
        if a[-1] in _SEPARATORS or b[0] in _SEPARATORS:
            continue
        run_a = len(a) - len(a.rstrip("0123456789"))
        run_b = len(b) - len(b.lstrip("0123456789"))
        if (shape.form == "grouped" and any(c in _SEPARATORS for c in a)
                and run_a < 3 and run_a + run_b == 3):
            continue
        if _completes_leading_group(a, b, run_b):
            continue
        return None
    return joined


#: separators a number must print after a split-off head digit ('2 54.800.272,00') for the
#: head to be read as its own first digits rather than a number of its own
MIN_GROUPS_AFTER_HEAD = 2


def _completes_leading_group(a: str, b: str, run_b: int) -> bool:
    """'5 00.000.000,00', '2 54.800.272,00', '1 05,13': a head of one or two digits split off
    the first group of the number after it. Either the rest starts with a zero no number
    starts with ('00.000', '05,13'), or it is a long grouped number whose first group the head
    completes to at most three digits."""
    if not a.isdigit() or len(a) > 2 or not b[:1].isdigit():
        return False
    if b[0] == "0" and run_b >= 2:
        return True
    groups = sum(c in _SEPARATORS for c in b)
    return groups >= MIN_GROUPS_AFTER_HEAD and len(a) + run_b <= 3


# --------------------------------------------------------------- the cell


def _unit_hint(unit_word: str | None, currency: bool) -> tuple[str | None, tuple[Role, str] | None]:
    """Canonical unit and the role the cell's printed symbols imply (step 2 of the rule)."""
    canonical = normalise_unit(unit_word) if unit_word else None
    if currency and unit_word is None:
        return "rupiah", ("amount", "it is printed with Rp (rupiah have at most 2 decimals)")
    if currency:
        canonical = normalise_unit(f"Rp {unit_word}")
    role = unit_role(canonical)
    if role is None:
        return canonical, None
    if unit_word == "%":
        return canonical, (role, "it is printed with %")
    return canonical, (role, f"the printed unit '{unit_word}' implies role={role}")


def _validate(text: object, role: object, convention: object) -> None:
    if not isinstance(text, str):
        raise NumberFormatError(f"expected text, got {type(text).__name__}: {text!r}")
    if role is not None and role not in _ROLES:
        raise NumberFormatError(f"unknown role {role!r}; expected one of {_ROLES} or None")
    if convention is not None and convention not in _CONVENTIONS:
        raise NumberFormatError(
            f"unknown convention {convention!r}; expected one of {_CONVENTIONS} or None")


def parse_number(text: str, role: Role = None, convention: Convention = None) -> ParsedNumber:
    """Read one printed cell into a `ParsedNumber` (see the module table for the forms).

    Never raises for a string: a cell that holds no figure comes back as kind "text" with
    value None, because one odd cell must not stop a whole report. Non-text input, or a
    role/convention outside the Literal types, raises NumberFormatError (a caller's bug).
    """
    _validate(text, role, convention)
    try:
        return _parse(text, role, convention)
    except Exception as exc:  # a parser bug must not stop a report; the note says so
        return ParsedNumber(text, None, "text", note=f"internal error reading the cell: {exc!r}")


# A report prints the same cell texts over and over ('-', '100', '0,00 %'), and each table
# is voted on and read more than once; ParsedNumber is frozen, so results can be shared.
# Bounded, so a national corpus does not grow it.
CACHE_SIZE = 1 << 16
_Outcome = tuple[str, float | None, dict]  # kind, value, other ParsedNumber fields


@lru_cache(maxsize=CACHE_SIZE)
def _parse(raw: str, role: Role, convention: Convention) -> ParsedNumber:
    """The whole cell: markers that can wrap any form (provisional star, footnote mark)
    come off first, so the forms below need not know about them."""
    t, notes = _clean(raw)
    if not t:
        return ParsedNumber(raw, None, "empty")
    if len(t) > _MAX_LENGTH:
        return ParsedNumber(raw, None, "text", note="too long to be a figure")
    provisional = t.rstrip(".").endswith("*")
    t = t.rstrip(".").rstrip("*").strip().rstrip(".").strip()  # '100.', '76.5512*.'
    footnote = _FOOTNOTE.search(t)
    if footnote:
        notes.append(f"footnote mark '{footnote.group()}' dropped")
        t = t[: footnote.start()].strip()

    kind, value, fields = _read_cell(t, role, convention)
    if fields.get("note"):
        notes.append(fields["note"])
    fields["note"] = "; ".join(notes) or None
    fields["provisional"] = provisional or fields.get("provisional", False)
    if value is not None and value == 0:
        value = 0.0  # never "-0"
    return ParsedNumber(raw, value, kind, **fields)


def _read_cell(t: str, role: Role, convention: Convention) -> _Outcome:
    """Nil and dates first: a dash or '17-08-2023' must never reach the digit reader."""
    if not t:
        return "text", None, {}
    if re.fullmatch(r"-+", t):
        return "missing", None, {"note": "dash means nil"}
    if t.lower() in _MISSING_WORDS:
        return "missing", None, {"note": f"'{t}': no figure printed (nil / not applicable)"}
    if _RE_DATE.fullmatch(t):
        return "text", None, {"note": "a date, not a figure"}
    return _special_forms(t, role, convention) or _plain_figure(t, role, convention)


def _special_forms(t: str, role: Role, convention: Convention) -> _Outcome | None:
    """Grades, levels and ranges, or None for a plain figure."""
    return (_grade_form(t, role, convention) or _level_form(t, role, convention)
            or _range_form(t, role, convention))


def _grade_form(t: str, role: Role, convention: Convention) -> _Outcome | None:
    """'B (75)', '75 (B)', a bare predikat letter, 'Sangat Baik (A)'."""
    for pattern in (_RE_GRADE_SCORE, _RE_SCORE_GRADE):
        m = pattern.fullmatch(t)
        if m:
            reading = _read(m.group("num"), role, ("ratio", "a grade's score is a ratio"),
                            convention)
            return "grade", reading.value, {
                "grade": m.group("grade"), "unit": "%" if m.group("pct") else None,
                **reading.fields()}
    if _RE_BARE_GRADE.fullmatch(t):
        return "grade", None, {"grade": t}
    m = _RE_LABEL_GRADE.fullmatch(t)
    if m:
        return "grade", None, {"grade": m.group("grade")}
    return None


def _level_form(t: str, role: Role, convention: Convention) -> _Outcome | None:
    """'Level 3', 'Level III': a maturity level, read as a ratio."""
    m = _RE_LEVEL.fullmatch(t)
    if not m:
        return None
    num = m.group("num")
    if num in _ROMAN:
        return "level", float(_ROMAN[num]), {
            "unit": "Level", "decimals": 0,
            "note": f"roman numeral {num} read as {_ROMAN[num]}"}
    reading = _read(num, role, ("ratio", "a level is a ratio"), convention)
    if not reading.irregular:
        return "level", reading.value, {"unit": "Level", **reading.fields()}
    return None


def _range_form(t: str, role: Role, convention: Convention) -> _Outcome | None:
    """'60-70', '60 s/d 70', 'Baik (B) 60-70': both ends read under the unit printed after
    the range; an irregular end means it is no range."""
    m = _RE_RANGE.fullmatch(t)
    if not m:
        return None
    unit = m.group("unit") or m.group("lo_unit")
    unit = unit.strip().rstrip(".") if unit else None
    _, hint = _unit_hint(unit, currency=False)
    lo = _read(m.group("lo"), role, hint, convention)
    hi = _read(m.group("hi"), role, hint, convention)
    if lo.irregular or hi.irregular:
        return None
    if lo.value is not None and hi.value is not None and lo.value > hi.value:
        return "text", None, {
            "note": f"not a range: {m.group('lo')} is above {m.group('hi')}"}
    return "range", None, _range_fields(m, lo, hi, unit)


def _range_fields(m: re.Match, lo: _Reading, hi: _Reading, unit: str | None) -> dict:
    """A range's ends, grade and unit; it is ambiguous, and as precise, as either end."""
    decimals = [r.decimals for r in (lo, hi) if r.decimals is not None]
    return {
        "low": lo.value, "high": hi.value, "grade": m.group("grade"), "unit": unit,
        "ambiguous": lo.ambiguous or hi.ambiguous,
        "decimals": max(decimals) if decimals else None,
        "note": "; ".join(r.note for r in (lo, hi) if r.note) or None}


def _peel(t: str) -> tuple[str, bool, bool, int]:
    """Strip signs and currency in any order: '-Rp 5', 'Rp -5', '(Rp 5)', 'Rp (5)', '- 5'.
    Returns the rest, whether a currency sign was printed, whether a dash was, and how many
    minus signs (a dash or parentheses) there were."""
    currency = dash = False
    signs = 0
    for _ in range(8):
        if len(t) >= 2 and t[0] == "(" and t[-1] == ")":
            signs, t = signs + 1, t[1:-1].strip()
            continue
        m = _CURRENCY.match(t)
        if m and not currency:
            currency, t = True, t[m.end():].strip()
            continue
        if t.startswith("-"):
            dash, signs, t = True, signs + 1, t[1:].lstrip()
            continue
        if t.startswith("+"):
            t = t[1:].lstrip()
            continue
        m = _NO_CENTS.search(t)
        if m:  # 'Rp 5,-', '(Rp 5),-', 'Rp -,-'
            t = t[: m.start()].strip()
            continue
        break
    if currency:
        t = re.sub(r"\s*-+$", "", t)  # 'Rp 1.000 -': the no-cents dash without its comma
    return t, currency, dash, signs


def _is_unit_word(word: str) -> bool:
    """A unit is words or a symbol, never more digits: '100 100' is two numbers, not a unit."""
    return (word[0] in "%/" or word[0].isalpha()) and not re.search(r"[0-9]", word)


def _split_figure(body: str) -> tuple[str, str | None, bool]:
    """(the digits, the unit word after them, provisional '*') of a peeled cell."""
    allowed = set("0123456789.,* " + _MARK)
    end = 0
    while end < len(body) and body[end] in allowed:
        end += 1
    core, rest = body[:end].strip(), body[end:].strip()
    provisional = core.endswith("*") or rest.endswith("*")
    core, rest = core.rstrip("* "), rest.rstrip("* ")
    return core, rest.rstrip(".").strip() or None, provisional


def _no_figure(t: str, core: str, unit_word: str | None, currency: bool,
               dash: bool) -> _Outcome | None:
    """The outcome of a cell that holds no one plain figure (a nil, text, two numbers), or
    None when `core` is one."""
    if not re.search(r"[0-9]", core):
        return _no_digits(core, unit_word, currency, dash)
    if unit_word is not None and not _is_unit_word(unit_word):
        return _numbers_after(t)
    if "*" in core:
        return "text", None, {"note": f"'*' inside the figure '{core}'"}
    return None


def _no_digits(core: str, unit_word: str | None, currency: bool, dash: bool) -> _Outcome:
    """A nil (a dash, or a currency sign with no amount and no unit), else text."""
    if not core and (dash or (currency and unit_word is None)):
        unit = "Rp" if currency else unit_word
        why = "dash means nil" if dash else "currency sign without an amount"
        return "missing", None, {"unit": unit, "note": why}
    return "text", None, {}


def _numbers_after(t: str) -> _Outcome:
    """A figure followed by what is no unit: text, noted as merged cells where the cell is
    only numbers."""
    numbers = len(re.findall(r"[0-9]+(?:[.,][0-9]+)*", t))
    if numbers >= 2 and re.fullmatch(r"[0-9.,%*() " + _MARK + r"-]+", t):
        return "text", None, {"note": _count_note(numbers)}
    return "text", None, {}


def _kind_and_unit(unit_word: str | None, canonical: str | None,
                   currency: bool) -> tuple[str, str | None]:
    """The figure's kind (number, percent, level) and its printed unit."""
    kind = "number"
    if unit_word == "%" or canonical == "persen":
        kind = "percent"
    elif canonical == "level":
        kind = "level"
    unit = unit_word
    if currency:
        unit = "Rp" if unit_word is None else f"Rp {unit_word}"
    return kind, unit


def _plain_figure(t: str, role: Role, convention: Convention) -> _Outcome:
    """Sign, currency, the digits and a unit word: everything that is one plain figure."""
    body, currency, dash, signs = _peel(t)
    core, unit_word, provisional = _split_figure(body)
    refused = _no_figure(t, core, unit_word, currency, dash)
    if refused is not None:
        return refused
    core = core.rstrip(".,:; ")  # '100.', '1.234,'

    notes: list[str] = []
    if signs > 1:
        notes.append("two minus signs read as one")
    core = _mark_spaces(core)
    tokens = core.split()
    if len(tokens) > 1:
        joined = _join_stray_spaces(tokens)
        if joined is None:
            return "text", None, {"note": _count_note(len(tokens))}
        notes.append(f"digits split by a space joined: '{core}' → '{joined}'")
        core = joined
    return _figure(core, role, convention, (unit_word, currency, signs, provisional), notes)


def _mark_spaces(core: str) -> str:
    """A no-break space between digits is a thousands separator if the digits then form one
    figure, else an ordinary space (two numbers, or a stray space to join)."""
    if _MARK not in core:
        return core
    joined = core.replace(_MARK, "")
    return joined if _shape(joined).form != "irregular" else core.replace(_MARK, " ")


def _figure(core: str, role: Role, convention: Convention, printed: tuple, notes: list[str]) -> _Outcome:
    """One joined core read under the rule; `printed` is (unit word, currency, minus signs,
    provisional) as peeled off the cell."""
    unit_word, currency, signs, provisional = printed
    canonical, hint = _unit_hint(unit_word, currency)
    reading = _read(core, role, hint, convention)
    if reading.irregular:
        return "text", None, {"note": reading.note}
    if reading.value is not None and not math.isfinite(reading.value):
        return "text", None, {"note": "too large to be a figure"}
    if reading.note:
        notes.append(reading.note)
    fields = reading.fields()
    value = reading.value
    if signs:
        value = -value if value is not None else None
        if fields["alternative"] is not None:
            fields["alternative"] = -fields["alternative"]

    kind, unit = _kind_and_unit(unit_word, canonical, currency)
    fields.update(unit=unit, provisional=provisional, note="; ".join(notes) or None)
    return kind, value, fields


def _count_note(n: int) -> str:
    """Merged cells are a conversion fault worth flagging, not a figure to guess at."""
    return "two numbers in one cell" if n == 2 else f"{n} numbers in one cell"


def to_number(text: str, role: Role = None, convention: Convention = None) -> float:
    """The value of a cell that must hold one, or NumberFormatError quoting the text.

    For callers that cannot carry a None forward (configuration, reference tables); the
    curation uses `parse_number` and keeps the notes.
    """
    parsed = parse_number(text, role, convention)
    if parsed.value is None:
        why = parsed.note or f"kind {parsed.kind}"
        raise NumberFormatError(f"no single number in {text!r}: {why}")
    return parsed.value


def detect_convention(texts: Iterable[str]) -> Convention:
    """The dominant convention of a column, table or document, or None.

    Only cells that a single convention can read vote: '1.234.567', '1.234,5' and '81,03'
    for "id"; '13,215,743,758', '1,234.5' and '103.88' for "en". '15.426' (either),
    '9.485.000.00' (both at once) and '2023' do not vote. A tie is None, not a coin toss,
    so the caller falls back on the wider context. None entries are skipped.
    """
    votes: Counter[str] = Counter()
    for text in texts:
        if text is None:
            continue
        _validate(text, None, None)
        try:
            vote = _vote(text)
        except Exception:  # one odd cell must not stop a report
            vote = None
        if vote:
            votes[vote] += 1
    if votes["id"] == votes["en"]:
        return None
    return "id" if votes["id"] > votes["en"] else "en"


@lru_cache(maxsize=CACHE_SIZE)
def _vote(text: str) -> Convention:
    """The convention one cell proves, if any (same cleaning and peeling as a parse)."""
    t, _ = _clean(text)
    if not t or len(t) > _MAX_LENGTH:
        return None
    body, _, _, _ = _peel(t.rstrip("*").strip())
    m = re.match(r"[0-9][0-9.,]*", body.replace(_MARK, ""))
    if not m:
        return None
    rest = body.replace(_MARK, "")[m.end():].strip()
    if rest and not _is_unit_word(rest):
        return None
    return _convention_of(_shape(m.group().rstrip(".,")))
