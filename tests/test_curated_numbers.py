"""On the sample reports, a printed number never becomes NULL without a recorded reason."""

import re

import pytest

NUMERIC_FIELDS = {
    "performance": ("target", "realisasi", "capaian_reported"),
    "budget": ("pagu", "realisasi", "pagu_before"),
}
TEXT_OF = {"capaian_reported": "capaian_text"}
# Cells the gold fixtures mark garbled (two numbers merged into one cell by the conversion).
GARBLED = {".824.349.565 54.401.966.922 22"}


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003"])
def test_no_printed_number_is_silently_null(processed, prefix):
    result = processed(prefix)
    for table, fields in NUMERIC_FIELDS.items():
        for rec in result.tables[table]:
            for field in fields:
                text = rec.get(TEXT_OF.get(field, f"{field}_text"))
                if rec.get(field) is not None or not text or not re.search(r"\d", text):
                    continue
                if text in GARBLED:
                    continue
                if table == "performance" and field == "target" and rec.get("target_low") is not None:
                    continue  # a range: low and high are stored
                assert rec.get("parse_note"), (prefix, table, field, text, rec.get("line"))


def test_ambiguous_figures_carry_a_note(processed):
    for prefix in ("000", "001", "002", "003"):
        for rec in processed(prefix).tables["performance"]:
            for field in ("target", "realisasi"):
                text = rec.get(f"{field}_text") or ""
                if re.fullmatch(r"[1-9]\d{0,2}[.,]\d{3}", text.strip()):  # 0,021 is plain
                    assert rec.get("parse_note") and text.strip() in rec["parse_note"], (prefix, rec["line"], text)


def test_a_composite_lppd_indicator_is_noted_and_keeps_every_figure(processed):
    ikk = processed("001").tables["ikk"]
    iklh = [r for r in ikk if (r.get("indicator") or "").startswith("Indeks Kualitas Lingkungan Hidup")]
    assert "composite of 3 components" in (iklh[0].get("parse_note") or "")
    figures = {(r.get("numerator_label"), r.get("numerator")) for r in iklh}
    assert ("Indeks Tutupan Hutan", 50.0) in figures  # the third figure is still curated
