"""The number normaliser: every printed form, and properties over all of them."""

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.normalise.numbers import NumberFormatError, detect_convention, parse_number, to_number
from pipeline.normalise.units import normalise_unit, unit_role


@pytest.mark.parametrize(
    "text, value, kind",
    [
        ("1.234.567,89", 1234567.89, "number"),
        ("81,03", 81.03, "number"),
        ("103.88%", 103.88, "percent"),
        ("13,215,743,758", 13215743758, "number"),
        ("Rp. 31.824.349.565,-", 31824349565, "number"),
        ("Rp 13,215,743,758", 13215743758, "number"),
        ("(50.000.000)", -50000000, "number"),
        ("(867,747,000)", -867747000, "number"),
        ("- 117,823,500.00", -117823500, "number"),
        ("-Rp 12.950.000", -12950000, "number"),
        ("−5", -5, "number"),
        ("76.5512*", 76.5512, "number"),
        ("30,000,000.00", 30000000, "number"),
        ("9.485.000.00", 9485000, "number"),
        ("Rp 1.023.304.00 0", 1023304000, "number"),
        ("79,87 Poin", 79.87, "number"),
        ("4 Dokumen", 4, "number"),
        ("100 %", 100, "percent"),
        ("1O0", 100, "number"),
        ("**81,03**", 81.03, "number"),
        ("0.759", 0.759, "number"),
        ("B (75)", 75, "grade"),
        ("Level 3", 3, "level"),
        ("- 31.94%", -31.94, "percent"),
    ],
)
def test_printed_forms(text, value, kind):
    parsed = parse_number(text)
    assert parsed.value == pytest.approx(value) and parsed.kind == kind and parsed.raw == text


@pytest.mark.parametrize("text, kind", [("-", "missing"), ("N/a", "missing"), ("N/A", "missing"),
                                        ("Rp -", "missing"), ("", "empty"), ("  ", "empty"),
                                        ("Sangat Tinggi", "text")])
def test_nil_and_words(text, kind):
    parsed = parse_number(text)
    assert parsed.value is None and parsed.kind == kind


def test_ranges_and_grades():
    r = parse_number("Baik (B) 60-70")
    assert (r.kind, r.low, r.high, r.grade, r.value) == ("range", 60, 70, "B", None)
    assert parse_number("60 - 70").kind == "range"
    cyrillic = parse_number("В")  # Cyrillic Ve printed for a Latin B
    assert (cyrillic.kind, cyrillic.grade) == ("grade", "B")


def test_provisional_flag_and_units():
    assert parse_number("76.5512*").provisional
    assert parse_number("Rp 1.000").unit == "Rp"
    assert parse_number("12 orang").unit == "orang"


def test_two_numbers_in_one_cell_are_not_merged():
    parsed = parse_number("428.654.837 428.654.837")
    assert parsed.value is None and parsed.kind == "text" and "two numbers" in parsed.note


@pytest.mark.parametrize(
    "role, convention, value",
    [("count", None, 15426), ("amount", None, 15426), ("ratio", None, 15.426),
     (None, "id", 15426), (None, "en", 15.426)],
)
def test_ambiguity_is_decided_and_noted(role, convention, value):
    parsed = parse_number("15.426", role=role, convention=convention)
    assert parsed.value == pytest.approx(value) and parsed.ambiguous
    assert parsed.alternative is not None and "15.426" in parsed.note


def test_undecidable_stays_null_with_a_note():
    parsed = parse_number("83,514")
    assert parsed.value is None and parsed.ambiguous and "could be" in parsed.note


def test_percent_with_three_decimals_is_decimal():
    assert parse_number("83,514%").value == pytest.approx(83.514)


def test_decimals_for_tolerance():
    assert parse_number("81,03").decimals == 2 and parse_number("78").decimals == 0


def test_convention_detection():
    assert detect_convention(["1.234.567", "81,03", "x"]) == "id"
    assert detect_convention(["13,215,743,758", "103.88"]) == "en"
    assert detect_convention(["78", "100"]) is None


def test_to_number_is_strict():
    assert to_number("Rp 1.000.000") == 1000000
    with pytest.raises(NumberFormatError, match="Sangat"):
        to_number("Sangat Tinggi")


def test_units():
    assert normalise_unit("Persen") == "persen" and normalise_unit("%") == "persen"
    assert normalise_unit("Lapora n") == "laporan" and normalise_unit("Dokum en") == "dokumen"
    assert normalise_unit("Jumlah") is None
    assert normalise_unit("Lembaga masyarakat") == "lembaga"
    assert normalise_unit("ekor") == "ekor"
    assert unit_role("dokumen") == "count" and unit_role("poin") == "ratio"
    assert unit_role("rupiah") == "amount" and unit_role(None) is None


# ---------------------------------------------------------------- properties


def _group(digits: str, sep: str) -> str:
    parts = []
    while len(digits) > 3:
        parts.insert(0, digits[-3:])
        digits = digits[:-3]
    parts.insert(0, digits)
    return sep.join(parts)


@st.composite
def printed_numbers(draw):
    integer = draw(st.integers(min_value=0, max_value=10**13))
    decimals = draw(st.sampled_from([0, 1, 2]))
    frac = draw(st.integers(min_value=0, max_value=10**decimals - 1)) if decimals else 0
    convention = draw(st.sampled_from(["id", "en"]))
    thousands, point = (".", ",") if convention == "id" else (",", ".")
    grouped = draw(st.booleans())
    body = _group(str(integer), thousands) if grouped else str(integer)
    if decimals:
        body += point + str(frac).zfill(decimals)
    value = integer + (frac / 10**decimals if decimals else 0)
    negative = draw(st.booleans()) and value != 0
    percent = draw(st.booleans())
    text = body
    if percent:
        text += draw(st.sampled_from(["%", " %"]))
    else:
        text = draw(st.sampled_from(["", "Rp ", "Rp. ", "IDR "])) + text
        if draw(st.booleans()) and decimals == 0 and not text.startswith(("Rp", "IDR")):
            text += draw(st.sampled_from([" Poin", " orang", " Dokumen"]))
        elif text.startswith("Rp") and decimals == 0:
            text += draw(st.sampled_from(["", ",-"]))
    if negative:
        text = draw(st.sampled_from(["({})", "-{}", "- {}", "\u2212{}"])).format(text)
    text = draw(st.sampled_from(["{}", "**{}**", "\u00a0{}\u2009"])).format(text)
    # A lone separator followed by three digits ('1.000') is ambiguous; the caller says the
    # column holds counts, which makes the thousands reading the intended one.
    ambiguous = grouped and decimals == 0 and 1000 <= integer < 1_000_000
    role = "count" if ambiguous else None
    return text, (-value if negative else value), role, convention


@settings(max_examples=400, deadline=None)
@given(printed_numbers())
def test_any_printed_number_parses_back(case):
    text, value, role, convention = case
    parsed = parse_number(text, role=role, convention=convention)
    assert parsed.value is not None, (text, parsed)
    assert round(parsed.value, 6) == round(value, 6), (text, parsed)


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_arbitrary_text_never_raises(text):
    parsed = parse_number(text)
    assert parsed.raw == text


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_to_number_raises_only_its_own_error(text):
    with contextlib.suppress(NumberFormatError):
        to_number(text)
