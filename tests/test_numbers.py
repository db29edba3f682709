"""The number normaliser: every printed form of the module table, the ambiguity rule, and
properties over every way a report can print a number."""

from __future__ import annotations

import contextlib
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.normalise.numbers import (
    NumberFormatError,
    ParsedNumber,
    detect_convention,
    parse_number,
    to_number,
)

# ----------------------------------------------------------- every printed form

# (printed, expected fields): one row per row of the table in the module docstring, plus
# the real cells quoted in the specification.
FORMS: list[tuple[str, dict]] = [
    # Indonesian convention
    ("1.234.567,89", {"value": 1234567.89, "kind": "number", "decimals": 2}),
    ("33.187.776.000", {"value": 33187776000, "decimals": 0}),
    ("81,03", {"value": 81.03, "kind": "number", "decimals": 2}),
    ("16,5", {"value": 16.5, "decimals": 1}),
    ("76.5512", {"value": 76.5512, "decimals": 4}),
    ("0.759", {"value": 0.759, "ambiguous": False, "decimals": 3}),
    ("0,759", {"value": 0.759, "ambiguous": False}),
    ("1234.567", {"value": 1234.567, "ambiguous": False}),
    # one separator + three digits, nothing to decide with: see the ambiguity tests
    ("15.426", {"value": None, "ambiguous": True, "alternative": 15426, "kind": "number"}),
    ("83,514", {"value": None, "ambiguous": True, "alternative": 83514}),
    # English convention
    ("13,215,743,758", {"value": 13215743758, "decimals": 0}),
    ("10,806,306,938", {"value": 10806306938}),
    ("103.88", {"value": 103.88, "decimals": 2}),
    ("30,000,000.00", {"value": 30000000, "decimals": 2}),
    # dots as thousands, then .00 decimals (and the comma twin seen in a real report)
    ("9.485.000.00", {"value": 9485000.00, "decimals": 2, "kind": "number"}),
    ("4,053,447,25", {"value": 4053447.25, "decimals": 2}),
    # percent
    ("18,87%", {"value": 18.87, "kind": "percent", "unit": "%"}),
    ("103.88%", {"value": 103.88, "kind": "percent", "unit": "%"}),
    ("100 %", {"value": 100, "kind": "percent", "unit": "%", "decimals": 0}),
    ("- 31.94%", {"value": -31.94, "kind": "percent"}),
    # currency
    ("Rp. 31.824.349.565,-", {"value": 31824349565, "unit": "Rp", "kind": "number"}),
    ("Rp 13,215,743,758", {"value": 13215743758, "unit": "Rp"}),
    ("Rp 1.500.000,00", {"value": 1500000, "unit": "Rp", "decimals": 2}),
    ("Rp 1,500,000.00", {"value": 1500000, "unit": "Rp"}),
    ("Rp1.000.000", {"value": 1000000, "unit": "Rp"}),
    ("IDR 2.500.000", {"value": 2500000, "unit": "Rp"}),
    ("Rp. 1.000.000,-", {"value": 1000000, "unit": "Rp"}),
    ("Rp 1.023.304.00 0", {"value": 1023304000, "unit": "Rp"}),
    # negatives
    ("(50.000.000)", {"value": -50000000}),
    ("(867,747,000)", {"value": -867747000}),
    ("-117.823.500", {"value": -117823500}),
    ("- 117,823,500.00", {"value": -117823500, "decimals": 2}),
    ("-Rp 12.950.000", {"value": -12950000, "unit": "Rp"}),
    ("Rp -12.950.000", {"value": -12950000, "unit": "Rp"}),
    ("(Rp 12.950.000)", {"value": -12950000, "unit": "Rp"}),
    ("\u22125", {"value": -5}),
    ("\u2212 1.234.567", {"value": -1234567}),
    ("\u2013 5", {"value": -5}),
    ("\u20135,5", {"value": -5.5}),
    # nil and blank
    ("-", {"value": None, "kind": "missing", "note": "dash means nil"}),
    ("\u2013", {"value": None, "kind": "missing"}),
    ("\u2014", {"value": None, "kind": "missing"}),
    ("--", {"value": None, "kind": "missing"}),
    ("N/a", {"value": None, "kind": "missing"}),
    ("N/A", {"value": None, "kind": "missing"}),
    ("n/a", {"value": None, "kind": "missing"}),
    ("NA", {"value": None, "kind": "missing"}),
    ("Rp -", {"value": None, "kind": "missing", "unit": "Rp", "note": "dash means nil"}),
    ("Rp. -", {"value": None, "kind": "missing", "unit": "Rp"}),
    ("Rp -,-", {"value": None, "kind": "missing"}),
    ("", {"value": None, "kind": "empty"}),
    ("   ", {"value": None, "kind": "empty"}),
    ("\u00a0", {"value": None, "kind": "empty"}),
    # unit words after the number
    ("79,87 Poin", {"value": 79.87, "unit": "Poin", "kind": "number"}),
    ("78 poin", {"value": 78, "unit": "poin"}),
    ("27,10 poin", {"value": 27.10, "unit": "poin", "decimals": 2}),
    ("4 Dokumen", {"value": 4, "unit": "Dokumen"}),
    ("15.309 Dokumen", {"value": 15309, "unit": "Dokumen", "ambiguous": True}),
    ("12 orang", {"value": 12, "unit": "orang"}),
    ("2 Laporan", {"value": 2, "unit": "Laporan"}),
    ("1 Paket", {"value": 1, "unit": "Paket"}),
    ("100 Persen", {"value": 100, "unit": "Persen", "kind": "percent"}),
    # provisional
    ("76.5512*", {"value": 76.5512, "provisional": True, "kind": "number"}),
    ("98,5 *", {"value": 98.5, "provisional": True}),
    # ranges
    ("60-70", {"value": None, "kind": "range", "low": 60, "high": 70}),
    ("60 - 70", {"value": None, "kind": "range", "low": 60, "high": 70}),
    ("60- 70", {"kind": "range", "low": 60, "high": 70}),
    ("60\u201370", {"kind": "range", "low": 60, "high": 70}),
    ("60 s/d 70", {"kind": "range", "low": 60, "high": 70}),
    ("60 s.d. 70", {"kind": "range", "low": 60, "high": 70}),
    ("60% - 70%", {"kind": "range", "low": 60, "high": 70, "unit": "%"}),
    ("Baik (B) 60-70", {"value": None, "kind": "range", "low": 60, "high": 70, "grade": "B"}),
    ("Baik (B) 60- 70", {"kind": "range", "low": 60, "high": 70, "grade": "B"}),
    # grades
    ("B (75)", {"value": 75, "kind": "grade", "grade": "B"}),
    ("BB (70,5)", {"value": 70.5, "kind": "grade", "grade": "BB"}),
    ("75 (B)", {"value": 75, "kind": "grade", "grade": "B"}),
    ("Sangat Baik (A)", {"value": None, "kind": "grade", "grade": "A"}),
    ("B", {"value": None, "kind": "grade", "grade": "B"}),
    ("BB", {"value": None, "kind": "grade", "grade": "BB"}),
    ("A", {"value": None, "kind": "grade", "grade": "A"}),
    ("AA", {"value": None, "kind": "grade", "grade": "AA"}),
    ("C", {"value": None, "kind": "grade", "grade": "C"}),
    ("CC", {"value": None, "kind": "grade", "grade": "CC"}),
    ("\u0412", {"value": None, "kind": "grade", "grade": "B"}),  # Cyrillic Ve
    ("\u0412\u0412", {"kind": "grade", "grade": "BB"}),
    ("\u0421", {"kind": "grade", "grade": "C"}),  # Cyrillic Es
    ("\u0410", {"kind": "grade", "grade": "A"}),  # Cyrillic A
    ("\u0412 (75)", {"value": 75, "kind": "grade", "grade": "B"}),
    # levels
    ("Level 3", {"value": 3, "kind": "level", "unit": "Level"}),
    ("level 4", {"value": 4, "kind": "level", "unit": "Level"}),
    ("Level III", {"value": 3, "kind": "level", "unit": "Level"}),
    ("3 Level", {"value": 3, "kind": "level", "unit": "Level"}),
    # spaces of every width
    ("1\u00a0234\u00a0567", {"value": 1234567}),
    ("1\u2009234\u2009567,89", {"value": 1234567.89}),
    ("1\u202f234", {"value": 1234, "ambiguous": False}),
    ("\u00a081,03\u2009", {"value": 81.03}),
    ("Rp\u00a01.000.000", {"value": 1000000, "unit": "Rp"}),
    # look-alike letters between digits
    ("1O0", {"value": 100, "note": "letters"}),
    ("2l5", {"value": 215, "note": "letters"}),
    ("1.0O0.000", {"value": 1000000}),
    # stray spaces inside one number, and two numbers in one cell
    ("1.023.304.00 0", {"value": 1023304000, "note": "split by a space"}),
    ("1 .234", {"value": None, "ambiguous": True, "alternative": 1234, "note": "joined"}),
    ("1 .234.567", {"value": 1234567, "note": "joined"}),
    ("1. 234. 567,5", {"value": 1234567.5}),
    ("428.654.837 428.654.837", {"value": None, "kind": "text", "note": "two numbers"}),
    ("100 100", {"value": None, "kind": "text", "note": "two numbers"}),
    ("81,5 90", {"value": None, "kind": "text"}),
    ("100% 100%", {"value": None, "kind": "text", "note": "two numbers"}),
    # a head digit split off the first group: the rest starts with a zero, or is a long
    # grouped number whose first group the head completes
    ("5 00.000.000,00", {"value": 500000000, "note": "joined"}),
    ("2 54.800.272,00", {"value": 254800272, "note": "joined"}),
    ("1 05,13", {"value": 105.13, "note": "joined"}),
    ("1 14,89", {"value": None, "kind": "text", "note": "two numbers"}),
    ("5 10.000", {"value": None, "kind": "text", "note": "two numbers"}),
    ("100 100.000.000", {"value": None, "kind": "text", "note": "two numbers"}),
    # markdown, quotes, punctuation
    ("**81,03**", {"value": 81.03}),
    ("*81,03*", {"value": 81.03, "provisional": False}),
    ("__81,03__", {"value": 81.03}),
    ('"81,03"', {"value": 81.03}),
    ("'1.234.567'", {"value": 1234567}),
    ("“81,03”", {"value": 81.03}),
    ("100.", {"value": 100, "decimals": 0}),
    ("**76.5512***", {"value": 76.5512, "provisional": True}),
    ("76.5512\\*", {"value": 76.5512, "provisional": True}),
    # years and plain integers
    ("2023", {"value": 2023.0, "decimals": 0, "kind": "number"}),
    ("0", {"value": 0.0}),
    ("-0", {"value": 0.0}),
    # full-width digits
    ("\uff18\uff11,\uff10\uff13", {"value": 81.03}),
    # nil words, a lone currency sign, dates
    ("Nihil", {"value": None, "kind": "missing"}),
    ("n.a.", {"value": None, "kind": "missing"}),
    ("Rp", {"value": None, "kind": "missing", "unit": "Rp"}),
    ("17-08-2023", {"value": None, "kind": "text", "note": "a date"}),
    # not figures
    ("Sangat Tinggi", {"value": None, "kind": "text"}),
    ("Tabel 3.4", {"value": None, "kind": "text"}),
    ("514 (B", {"value": None, "kind": "text"}),
    ("1.23.456", {"value": None, "kind": "text", "note": "irregular"}),
]


@pytest.mark.parametrize("text, expected", FORMS, ids=[repr(t) for t, _ in FORMS])
def test_printed_forms(text: str, expected: dict) -> None:
    parsed = parse_number(text)
    assert parsed.raw == text
    for name, want in expected.items():
        got = getattr(parsed, name)
        if name == "note":
            assert got is not None and want in got, (name, parsed)
        elif isinstance(want, float | int) and not isinstance(want, bool):
            assert got == pytest.approx(want, abs=1e-9), (name, parsed)
        else:
            assert got == want, (name, parsed)


def test_every_example_in_the_module_table_is_tested() -> None:
    """The docstring table is the specification; keep it and FORMS in step."""
    import pipeline.normalise.numbers as module

    table = module.__doc__.split("The ambiguity rule.")[0]
    printed_column = [line[:32] for line in table.splitlines() if line.startswith("``")]
    examples = {ex for cell in printed_column for ex in re.findall(r"``(.+?)``", cell)}
    spelled = {'""': "", '"   "': "   ", "1 234 567": "1\u00a0234\u00a0567"}
    tested = {text for text, _ in FORMS}
    missing = {ex for ex in examples if spelled.get(ex, ex) not in tested}
    assert not missing


def test_negative_zero_is_plain_zero() -> None:
    assert str(parse_number("-0").value) == "0.0"
    assert str(parse_number("(0)").value) == "0.0"


def test_ranges_carry_no_single_value() -> None:
    parsed = parse_number("Baik (B) 60-70")
    assert (parsed.kind, parsed.value, parsed.low, parsed.high, parsed.grade) == (
        "range", None, 60, 70, "B")
    descending = parse_number("70-60")
    assert descending.kind == "text" and "not a range" in descending.note


def test_grades_are_latin_even_when_printed_in_cyrillic() -> None:
    for printed in ("\u0412", "\u0412\u0412", "\u0421\u0421", "\u0410"):
        grade = parse_number(printed).grade
        assert grade is not None and grade.isascii(), printed


def test_letters_are_only_digits_between_digits() -> None:
    assert parse_number("O").kind == "text"
    litres = parse_number("10l")  # 'l' not between digits: a unit, not a 1
    assert (litres.value, litres.unit) == (10, "l")
    assert parse_number("Level 1").value == 1


def test_missing_is_not_zero() -> None:
    for printed in ("-", "Rp -", "Rp. -", "N/A", "\u2014"):
        parsed = parse_number(printed)
        assert parsed.kind == "missing" and parsed.value is None, printed


# ----------------------------------------------------------- the ambiguity rule


@pytest.mark.parametrize(
    "role, convention, value, alternative, because",
    [
        ("count", None, 15426, 15.426, "role=count"),
        ("amount", None, 15426, 15.426, "role=amount"),
        ("ratio", None, 15.426, 15426, "role=ratio"),
        (None, "id", 15426, 15.426, "convention=id"),
        (None, "en", 15.426, 15426, "convention=en"),
        ("count", "en", 15426, 15.426, "role=count"),  # the role outranks the convention
        ("ratio", "id", 15.426, 15426, "role=ratio"),
    ],
)
def test_ambiguity_is_decided_and_noted(role, convention, value, alternative, because) -> None:
    parsed = parse_number("15.426", role=role, convention=convention)
    assert parsed.value == pytest.approx(value)
    assert parsed.ambiguous and parsed.alternative == pytest.approx(alternative)
    assert "'15.426'" in parsed.note and because in parsed.note


def test_the_note_says_why_in_words() -> None:
    assert parse_number("15.426", role="count").note == (
        "'15.426' read as 15426 (thousands separator) because role=count")
    assert parse_number("15.426", role="ratio").note == (
        "'15.426' read as 15.426 (decimal point) because role=ratio")
    assert "decimal comma" in parse_number("83,514", role="ratio").note


def test_undecidable_stays_null_with_a_note() -> None:
    parsed = parse_number("15.426")
    assert parsed.value is None and parsed.ambiguous
    assert parsed.alternative == 15426 and parsed.decimals is None
    assert parsed.note == "ambiguous: 15.426 could be 15426 or 15.426"
    comma = parse_number("83,514")
    assert comma.value is None and comma.alternative == 83514 and "could be" in comma.note


@pytest.mark.parametrize(
    "text, value, because",
    [
        ("83,514%", 83.514, "%"),
        ("15.426 %", 15.426, "%"),
        ("Rp 15.426", 15426, "Rp"),
        ("15.426 orang", 15426, "orang"),
        ("15.309 Dokumen", 15309, "Dokumen"),
        ("79,870 Poin", 79.87, "Poin"),
    ],
)
def test_printed_symbols_decide_when_no_role_is_given(text, value, because) -> None:
    parsed = parse_number(text)
    assert parsed.value == pytest.approx(value) and parsed.ambiguous
    assert because in parsed.note


def test_symbols_outrank_the_convention() -> None:
    assert parse_number("83.514%", convention="id").value == pytest.approx(83.514)
    assert parse_number("Rp 15,426", convention="en").value == 15426


def test_a_scaled_rupiah_unit_does_not_force_thousands() -> None:
    parsed = parse_number("Rp 15,426 Triliun")
    assert parsed.value is None and parsed.ambiguous and parsed.unit == "Rp Triliun"
    assert parse_number("Rp 15,426 Triliun", convention="id").value == pytest.approx(15.426)


def test_unambiguous_layouts_ignore_role_and_convention() -> None:
    for role in (None, "amount", "count", "ratio"):
        for convention in (None, "id", "en"):
            assert parse_number("0.759", role, convention).value == pytest.approx(0.759)
            assert parse_number("1234.567", role, convention).value == pytest.approx(1234.567)
            assert parse_number("1.234.567", role, convention).value == 1234567
            assert parse_number("81,03", role, convention).value == pytest.approx(81.03)
            assert not parse_number("1.234.567", role, convention).ambiguous


def test_negative_ambiguous_figures_negate_both_readings() -> None:
    parsed = parse_number("(15.426)", role="count")
    assert (parsed.value, parsed.alternative) == (-15426, -15.426)
    undecided = parse_number("-15.426")
    assert undecided.value is None and undecided.alternative == -15426


def test_decimals_for_tolerance() -> None:
    assert parse_number("81,03").decimals == 2
    assert parse_number("78").decimals == 0
    assert parse_number("1.234.567").decimals == 0
    assert parse_number("15.426", role="ratio").decimals == 3
    assert parse_number("15.426", role="count").decimals == 0
    assert parse_number("60,5-70").decimals == 1
    assert parse_number("-").decimals is None


# ----------------------------------------------------------- conventions


def test_convention_detection() -> None:
    assert detect_convention(["1.234.567", "x"]) == "id"
    assert detect_convention(["81,03"]) == "id"
    assert detect_convention(["13,215,743,758"]) == "en"
    assert detect_convention(["103.88"]) == "en"
    assert detect_convention(["Rp 1.234.567,-", "18,87%", "103.88"]) == "id"
    assert detect_convention(["(13,215,743,758)", "Rp 1,000,000.00", "81,03"]) == "en"


def test_convention_needs_evidence_and_a_majority() -> None:
    assert detect_convention([]) is None
    assert detect_convention(["78", "100", "2023", "15.426", "9.485.000.00", "-"]) is None
    assert detect_convention(["1.234.567", "13,215,743,758"]) is None  # a tie
    assert detect_convention([None, "81,03"]) == "id"  # type: ignore[list-item]


def test_convention_detection_reads_a_generator() -> None:
    assert detect_convention(t for t in ["1.234.567", "2.345.678"]) == "id"


# ----------------------------------------------------------- strictness and misuse


def test_to_number_is_strict() -> None:
    assert to_number("Rp 1.000.000") == 1000000
    assert to_number("B (75)") == 75
    assert to_number("15.426", role="count") == 15426
    for text in ("Sangat Tinggi", "-", "", "60-70", "15.426", "428.654.837 428.654.837"):
        with pytest.raises(NumberFormatError, match=re.escape(repr(text))):
            to_number(text)


@pytest.mark.parametrize("bad", [None, 5, 5.0, b"5", ["5"]])
def test_non_text_is_a_number_format_error(bad) -> None:
    with pytest.raises(NumberFormatError):
        parse_number(bad)  # type: ignore[arg-type]
    with pytest.raises(NumberFormatError):
        to_number(bad)  # type: ignore[arg-type]


def test_unknown_role_or_convention_is_a_number_format_error() -> None:
    with pytest.raises(NumberFormatError, match="role"):
        parse_number("5", role="percent")  # type: ignore[arg-type]
    with pytest.raises(NumberFormatError, match="convention"):
        parse_number("5", convention="de")  # type: ignore[arg-type]
    with pytest.raises(NumberFormatError):
        detect_convention(["5", 5])  # type: ignore[list-item]
    assert issubclass(NumberFormatError, ValueError)


# ----------------------------------------------------------- properties

GROUP_SPACES = ["\u00a0", "\u2009", "\u202f"]
UNIT_WORDS = [" Poin", " poin", " orang", " Dokumen", " Laporan", " Paket", " Persen"]


def _group(digits: str, sep: str) -> str:
    parts = []
    while len(digits) > 3:
        parts.insert(0, digits[-3:])
        digits = digits[:-3]
    parts.insert(0, digits)
    return sep.join(parts)


@st.composite
def printed_numbers(draw):
    """(text, value, decimals, convention, ambiguous, percent): a number as a report
    could print it, in either convention, with any of the decorations."""
    integer = draw(st.integers(min_value=0, max_value=10**13))
    decimals = draw(st.sampled_from([0, 1, 2]))
    frac = draw(st.integers(min_value=0, max_value=10**decimals - 1)) if decimals else 0
    convention = draw(st.sampled_from(["id", "en"]))
    thousands, point = (".", ",") if convention == "id" else (",", ".")
    grouping = draw(st.sampled_from(["none", "separator", "space"]))
    if grouping == "separator":
        body = _group(str(integer), thousands)
    elif grouping == "space":
        body = _group(str(integer), draw(st.sampled_from(GROUP_SPACES)))
    else:
        body = str(integer)
    digits = str(integer)
    if decimals:
        body += point + str(frac).zfill(decimals)
        digits += "." + str(frac).zfill(decimals)
    value = float(digits)  # the correctly rounded value of the printed digits
    negative = draw(st.booleans()) and value != 0

    decoration = draw(st.sampled_from(["plain", "currency", "percent", "unit"]))
    percent = decoration == "percent"
    if decoration == "currency":
        prefix = draw(st.sampled_from(["Rp", "Rp.", "Rp ", "Rp. ", "IDR ", "RP "]))
        suffix = ",-" if decimals == 0 and draw(st.booleans()) else ""
        sign = "{}"
        if negative:
            sign = draw(st.sampled_from(
                ["-{}", "({})", "- {}", "\u2212{}", "{prefix}-{body}", "{prefix}({body})"]))
        text = (sign.format(prefix + body) if "{}" in sign
                else sign.format(prefix=prefix, body=body)) + suffix
    else:
        text = body
        if decoration == "percent":
            text += draw(st.sampled_from(["%", " %"]))
        elif decoration == "unit":
            word = draw(st.sampled_from(UNIT_WORDS))
            percent = word == " Persen"
            text += word
        if negative:
            text = draw(st.sampled_from(
                ["({})", "-{}", "- {}", "\u2212{}", "\u2212 {}", "\u2013{}"])).format(text)
    text = draw(st.sampled_from(["{}", "**{}**", "\u00a0{}\u2009", "{}\u202f", '"{}"'])).format(
        text)
    # One separator followed by exactly three digits: '15.426'.
    ambiguous = grouping == "separator" and decimals == 0 and 1000 <= integer < 1_000_000
    return text, (-value if negative else value), decimals, convention, ambiguous, percent


@settings(max_examples=1500, deadline=None)
@given(printed_numbers(), st.data())
def test_any_printed_number_parses_back(case, data) -> None:
    text, value, decimals, convention, ambiguous, percent = case
    if ambiguous:  # the caller says the column holds amounts / counts: thousands reading
        role = data.draw(st.sampled_from(["amount", "count"]))
        given_convention = data.draw(st.sampled_from([None, "id", "en"]))
    else:  # nothing to decide: no role or convention may change the value
        role = data.draw(st.sampled_from([None, "amount", "count", "ratio"]))
        given_convention = data.draw(st.sampled_from([None, "id", "en"]))
    parsed = parse_number(text, role=role, convention=given_convention)
    assert parsed.raw == text
    assert parsed.value is not None, (text, parsed)
    assert round(parsed.value, 6) == round(value, 6), (text, parsed)
    assert parsed.decimals == decimals, (text, parsed)
    assert parsed.ambiguous == ambiguous, (text, parsed)
    assert (parsed.kind == "percent") == percent, (text, parsed)
    assert to_number(text, role=role, convention=given_convention) == parsed.value


@settings(max_examples=500, deadline=None)
@given(printed_numbers())
def test_detected_convention_is_never_the_wrong_one(case) -> None:
    text, _, _, convention, _, _ = case
    assert detect_convention([text]) in (convention, None)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1000, max_value=999_999), st.sampled_from([".", ","]),
       st.booleans(), st.sampled_from(["{}", "**{}**", "\u00a0{}", "{}."]))
def test_undecided_ambiguity_offers_the_thousands_reading(integer, sep, negative, wrap) -> None:
    text = wrap.format(("-" if negative else "") + _group(str(integer), sep))
    parsed = parse_number(text)
    assert parsed.value is None and parsed.ambiguous and parsed.decimals is None
    assert parsed.alternative == (-integer if negative else integer)
    assert "could be" in parsed.note


# Characters that reach the deep branches: digits, separators, signs, currency, units,
# grades, spaces of every width, look-alikes and markdown.
FIGURE_ALPHABET = st.sampled_from(list(
    "0123456789.,-()%*/ RpIDlOoBACsdLevl\u00a0\u2009\u202f\u2212\u2013\u2014\u0412\u0421_\"'\\"
))


@settings(max_examples=1500, deadline=None)
@given(st.one_of(st.text(), st.text(FIGURE_ALPHABET, max_size=30)),
       st.sampled_from([None, "amount", "count", "ratio"]),
       st.sampled_from([None, "id", "en"]))
def test_arbitrary_text_never_raises(text, role, convention) -> None:
    parsed = parse_number(text, role=role, convention=convention)
    assert isinstance(parsed, ParsedNumber) and parsed.raw == text
    assert not (parsed.note or "").startswith("internal error"), parsed
    assert parsed.kind in ("empty", "missing", "number", "percent", "range", "grade", "level",
                           "text")
    if parsed.kind in ("empty", "missing", "text", "range"):
        assert parsed.value is None
    if parsed.ambiguous and parsed.value is None:
        assert parsed.alternative is not None and "could be" in parsed.note


@settings(max_examples=800, deadline=None)
@given(st.one_of(st.text(), st.text(FIGURE_ALPHABET, max_size=30)))
def test_to_number_raises_only_its_own_error(text) -> None:
    with contextlib.suppress(NumberFormatError):
        assert isinstance(to_number(text), float)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(), st.text(FIGURE_ALPHABET, max_size=20)), max_size=8))
def test_detect_convention_never_raises_on_text(texts) -> None:
    assert detect_convention(texts) in (None, "id", "en")
