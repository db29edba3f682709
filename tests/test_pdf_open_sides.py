"""Tables printed without some of their borders: open sides closed where the rulings end
(`extractors/pdf/open_sides.py`), and a header row bounded by shading alone."""

from conftest_pdf import page_stream, write_pdf

from extractors.pdf import extract
from extractors.pdf.open_sides import _chains, _covered

WIDTHS = [40, 200, 80, 80]  # No | Indikator | Eksisting | Target
X0 = 60


def _row(top: float, texts: list[str]) -> list[tuple[float, float, str]]:
    out, x = [], X0
    for text, w in zip(texts, WIDTHS, strict=True):
        out.append((x + 3, top + 4, text))
        x += w
    return out


def _xs() -> list[float]:
    xs = [X0]
    for w in WIDTHS:
        xs.append(xs[-1] + w)
    return xs


def _open_sided(top: float, heights: list[float]) -> list[tuple[float, float, float, float]]:
    """Row rulings across the whole table, each drawn cell by cell as Word does, but column
    rulings only between columns: no left or right border."""
    xs, ys = _xs(), [top]
    for h in heights:
        ys.append(ys[-1] + h)
    rules = [(a + 0.5, y, b - a - 0.5, 0.5) for y in ys for a, b in zip(xs, xs[1:], strict=False)]
    rules += [(x, ys[0], 0.5, ys[-1] - ys[0]) for x in xs[1:-1]]
    return rules


def test_a_table_without_side_borders_keeps_its_outer_columns(tmp_path):
    texts = _row(100, ["No", "Indikator", "Eksisting", "Target"])
    texts += _row(120, ["1", "Nilai SAKIP", "70,5", "75"]) + _row(140, ["2", "Nilai IKM", "80", "82"])
    path = write_pdf(tmp_path / "open.pdf", [page_stream(texts, _open_sided(100, [20, 20, 20]))])
    (table,) = extract(path).raw_tables
    assert [c.text for c in table.rows[0]] == ["No", "Indikator", "Eksisting", "Target"]
    assert [c.text for c in table.rows[2]] == ["2", "Nilai IKM", "80", "82"]


def test_rulings_that_run_on_without_text_do_not_add_a_column(tmp_path):
    """Rulings drawn wider than the table with nothing printed beyond its side: no column."""
    rules = _open_sided(100, [20, 20])
    xs = _xs()
    rules += [(xs[0], 100, 0.5, 40), (xs[-1], 100, 0.5, 40)]  # the table's own sides
    rules += [(xs[-1], y, 60, 0.5) for y in (100, 120, 140)]  # rulings running on, no text
    texts = _row(100, ["No", "Indikator", "Eksisting", "Target"]) + _row(120, ["1", "A", "1", "2"])
    (table,) = extract(write_pdf(tmp_path / "wide.pdf", [page_stream(texts, rules)])).raw_tables
    assert len(table.rows[0]) == 4


def test_a_header_bounded_by_shading_alone_is_its_own_row(tmp_path):
    """A header row painted as a band of shading, with no ruling under it: where the band
    ends, the header ends, and the first body row is not read into it."""
    xs = _xs()
    band = [(X0, 80, xs[-1] - X0, 20, 0.6)]
    rules = [(X0, 80, xs[-1] - X0, 0.5)] + [(X0, y, xs[-1] - X0, 0.5) for y in (130, 160)]
    rules += [(x, 80, 0.5, 80) for x in xs]  # column rulings through the band and the body
    texts = _row(85, ["No", "Indikator", "Eksisting", "Target"])
    texts += _row(106, ["1", "Nilai SAKIP", "70,5", "75"]) + _row(136, ["2", "Nilai IKM", "80", "82"])
    path = write_pdf(tmp_path / "band.pdf", [page_stream(texts, rules, band)])
    (table,) = extract(path).raw_tables
    assert [c.text for c in table.rows[0]] == ["No", "Indikator", "Eksisting", "Target"]
    assert [c.text for c in table.rows[1]] == ["1", "Nilai SAKIP", "70,5", "75"]


def test_ruling_segments_join_into_one_ruling():
    assert _chains([(100.5, 300), (60, 100), (300.5, 380)]) == [(60, 380)]
    assert _chains([(60, 100), (200, 300)]) == [(60, 100), (200, 300)]
    assert _covered([(60, 100), (90, 150), (200, 260)], 80, 240) == 70 + 40
