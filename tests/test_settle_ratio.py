"""Ambiguous figures settled by the row's own printed ratio."""

from pipeline.normalise.arithmetic import settle_ratio
from pipeline.normalise.numbers import ParsedNumber


def pn(raw, value, alternative=None):
    return ParsedNumber(raw=raw, value=value, kind="number", ambiguous=alternative is not None,
                        alternative=alternative)


def test_lppd_investment_reads_as_trillions():
    # LPPD 2022 Tabel 2.6: target 3.33, realisasi '15.426' (trillion rupiah), capaian 463,26 %
    real, target, note = settle_ratio(pn("15.426", 15426.0, 15.426), pn("3.33", 3.33), 463.26,
                                      printed_text="463.26%")
    assert (real, target) == (15.426, 3.33)
    assert "'15.426' read as 15.426" in note and "463.26%" in note


def test_chosen_reading_that_fits_is_kept():
    real, target, note = settle_ratio(pn("15.426", 15426.0, 15.426), pn("15.000", 15000.0, 15.0),
                                      102.84)
    assert (real, target, note) == (15426.0, 15000.0, None)


def test_no_fitting_alternative_changes_nothing():
    real, target, note = settle_ratio(pn("1.234", 1234.0, 1.234), pn("10", 10.0), 50.0)
    assert (real, target, note) == (1234.0, 10.0, None)


def test_unambiguous_inputs_are_never_changed():
    real, target, note = settle_ratio(pn("80", 80.0), pn("76", 76.0), 142.86)
    assert (real, target, note) == (80.0, 76.0, None)


def test_document_convention_is_the_fallback():
    from pipeline.curate.context import make_context
    from pipeline.model import Cell, LogicalTable

    table = LogicalTable(index=0, label=None, caption=None, header_rows=[], columns=["a"],
                         rows=[[Cell("15.426")]])
    assert make_context("d", "t", 2023, table, document_convention="id").convention == "id"
    table.rows.append([Cell("1.234.567")])
    assert make_context("d", "t", 2023, table, document_convention="en").convention == "id"


def test_an_ambiguous_printed_ratio_is_settled_by_the_row():
    """'2,124' in a comma-decimal ratio column is 2124 % when realisasi 276 over target 13
    says so; a printed ratio that already holds is left alone."""
    from pipeline.normalise.arithmetic import settle_printed_ratio
    from pipeline.normalise.numbers import parse_number

    real, target, printed, note = settle_printed_ratio(
        parse_number("276"), parse_number("13"), 2.124, printed_parsed=parse_number("2,124"))
    assert (real, target, printed) == (276, 13, 2124) and "'2,124' read as 2124" in note
    assert settle_printed_ratio(parse_number("2,5"), parse_number("13"), 19.23,
                                printed_parsed=parse_number("19,23"))[2:] == (19.23, None)
    # two figures 'holding' the ratio by different readings: nothing is guessed
    assert settle_printed_ratio(parse_number("1,5"), parse_number("1,5"), 1.0,
                                printed_parsed=parse_number("1,000"))[3] is None


def test_when_two_readings_both_restore_the_ratio_the_whole_numbers_win():
    """'1.891' over '4,610' printed 41 %: 1891 / 4610 and 1.891 / 4.61 both give 41 %; a
    figure with three digits after its separator is a grouped count, so 1891 and 4610."""
    real, target, note = settle_ratio(pn("1.891", 1.891, 1891.0), pn("4,610", 4610.0, 4.61), 41.0)
    assert (real, target) == (1891.0, 4610.0) and "'1.891' read as 1891" in note
    # two whole readings (20 / 40 and 200 / 400) both restore 50 %: still undecided
    real, target, note = settle_ratio(pn("20", 20.0, 200.0), pn("400", 400.0, 40.0), 50.0)
    assert (real, target, note) == (20.0, 400.0, None)
