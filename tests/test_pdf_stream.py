"""Tables printed without rulings (extractors/stream.py): found among a page's text lines,
read by camelot stream, and handled downstream like any ruled table.

tests/fixtures/unruled/tabel_3_9_tanpa_garis.pdf (tests/fixtures/make_unruled.py): one A4
page from headless Chromium, a paragraph, the caption "Tabel 3.9 Realisasi Anggaran Tahun
2023", a table with no borders at all (six programmes, four of whose names wrap onto a
second line, and a JUMLAH row), and a closing paragraph.
"""

from functools import cache
from pathlib import Path

import pytest

from extractors import stream
from pipeline.run import load, process_document

FIXTURE = Path(__file__).parent / "fixtures" / "unruled" / "tabel_3_9_tanpa_garis.pdf"

EXPECTED = [  # name, pagu, realisasi, % — as printed
    ("Program Pelayanan Administrasi Perkantoran", 1_234_500_000, 1_200_000_000, 97.21),
    ("Program Peningkatan Sarana dan Prasarana Aparatur", 2_450_000_000, 2_301_775_000, 93.95),
    ("Program Peningkatan Disiplin Aparatur", 315_000_000, 298_620_000, 94.80),
    ("Program Peningkatan Kapasitas Sumber Daya Aparatur", 875_250_000, 850_000_000, 97.12),
    ("Program Pemberdayaan Masyarakat Desa", 5_600_000_000, 5_412_300_000, 96.65),
    ("Program Pengembangan Lembaga Ekonomi Perdesaan", 1_980_000_000, 1_755_450_000, 88.66),
    ("JUMLAH", 12_454_750_000, 11_818_145_000, 94.89),
]


@cache
def _result():
    return process_document(FIXTURE)


def test_fixture_is_small_and_has_no_rulings():
    import pdfplumber

    assert FIXTURE.stat().st_size < 100_000
    with pdfplumber.open(FIXTURE) as pdf:
        page = pdf.pages[0]
        assert not page.lines and not page.rects and not page.find_tables()


def test_unruled_table_is_found_with_its_caption_and_kind():
    tables = _result().tables["source_tables"]
    assert len(tables) == 1
    table = tables[0]
    assert table["label"] == "Tabel 3.9"
    assert table["caption"] == "Realisasi Anggaran Tahun 2023"
    assert table["kind"] in {"realisasi_anggaran", "anggaran"}
    assert table["page_start"] == 1


def test_budget_rows_carry_the_printed_figures():
    rows = _result().tables["budget"]
    got = [(b["name"], b["pagu"], b["realisasi"], b["capaian_reported"]) for b in rows]
    assert got == [(n, p, r, pytest.approx(c)) for n, p, r, c in EXPECTED]
    assert {b["page"] for b in rows} == {1}


def test_cells_keep_page_and_top_left_boxes():
    doc = load(FIXTURE)
    (raw,) = doc.raw_tables
    header = [c.text for c in raw.rows[0]]
    assert header == ["No", "Program/Kegiatan", "Pagu (Rp)", "Realisasi (Rp)", "%"]
    first = raw.rows[1]
    assert [c.text for c in first] == ["1", "Program Pelayanan Administrasi Perkantoran",
                                       "1.234.500.000", "1.200.000.000", "97,21"]
    for row in raw.rows:
        for cell in row:
            assert cell.page == 1
            x0, top, x1, bottom = cell.bbox
            assert x0 < x1 and top < bottom
    # pdfplumber coordinates: the header sits above the first row, both in the page's top half
    assert raw.rows[0][0].bbox[1] < first[0].bbox[1] < 842 / 2
    assert ("Tabel 3.9 Realisasi Anggaran Tahun 2023" in [t for _, t in raw.preceding_text])


def test_prose_stays_in_document_lines():
    lines = load(FIXTURE).lines
    assert any(ln.startswith("Pada tahun anggaran 2023 Dinas Pemberdayaan") for ln in lines)
    assert any(ln.startswith("Secara keseluruhan realisasi anggaran") for ln in lines)
    assert "dilaksanakan sesuai jadwal karena keterlambatan proses lelang." in lines


def test_camelot_failure_leaves_the_lines_as_text(monkeypatch):
    import camelot

    def broken(*args, **kwargs):
        raise RuntimeError("camelot broke")

    monkeypatch.setattr(camelot, "read_pdf", broken)
    doc = load(FIXTURE)
    assert doc.raw_tables == []
    assert any("1.234.500.000" in ln for ln in doc.lines)


# --- detection on synthetic lines ---------------------------------------------------------


def _line(top: float, words: list[tuple[float, str]], size: float = 10.0) -> list[dict]:
    """Words at (x0, text) with a width of 5.5 points per character."""
    return [{"x0": x, "x1": x + 5.5 * len(t), "top": top, "bottom": top + size, "text": t}
            for x, t in words]


def _table(top: float) -> list[list[dict]]:
    rows = [("1", "Program Satu", "1.234.500.000", "97,21"),
            ("2", "Program Dua", "2.450.000.000", "93,95"),
            ("3", "Program Tiga", "315.000.000", "94,80")]
    lines = [_line(top, [(60, "No"), (90, "Program"), (330, "Pagu"), (480, "%")])]
    for i, (no, name, pagu, pct) in enumerate(rows, start=1):
        lines.append(_line(top + 15 * i, [(60, no), (90, name),
                                          (400 - 5.5 * len(pagu), pagu), (500 - 5.5 * len(pct), pct)]))
    return lines


def _prose(top: float, n: int) -> list[list[dict]]:
    text = ["Realisasi", "sebesar", "1.234.500.000", "atau", "97,21%", "dari", "pagu",
            "1.270.000.000", "tahun", "ini"]
    out = []
    for k in range(n):
        x, words = 60.0, []
        for t in text:
            words.append((x, t))
            x += 5.5 * len(t) + 4  # justified: spaces under half a font size
        out.append(_line(top + 14 * k, words))
    return out


def test_detection_finds_the_block_with_its_header():
    lines = _prose(100, 2) + _table(150) + _prose(230, 2)
    (block,) = stream.find_blocks(lines)
    assert (block.first, block.last) == (2, 5)
    assert block.top == 150 and block.bottom == 150 + 45 + 10


def test_detection_ignores_justified_prose_with_figures():
    assert stream.find_blocks(_prose(100, 6)) == []


def test_detection_ignores_a_table_of_contents():
    toc = [_line(100 + 14 * k, [(60, f"3.{k}"), (90, "Capaian"), (140, "Kinerja"),
                                (190, "." * 40), (520, str(20 + k))]) for k in range(6)]
    assert stream.find_blocks(toc) == []


def test_detection_needs_three_aligned_figure_lines():
    two = _table(150)[:3]
    assert stream.find_blocks(two) == []
    shifted = _table(150)
    for w in shifted[3]:
        if stream.is_figure(w["text"]):
            w["x0"] += 200
            w["x1"] += 200
    assert stream.find_blocks(shifted) == []


def test_detection_does_not_cross_a_ruled_table():
    lines = _table(150)
    assert stream.find_blocks(lines, barriers=[(176, 179)]) == []


def test_a_grid_that_misses_the_block_text_is_refused():
    """camelot reading another area than the block's (coordinates off) leaves it as text."""
    import pdfplumber

    from extractors.pdf import _group_lines

    with pdfplumber.open(FIXTURE) as pdf:
        page = pdf.pages[0]
        height = float(page.height)
        lines = _group_lines(page.extract_words())
    (block,) = stream.find_blocks(lines)
    words = [w for ln in lines[block.first:block.last + 1] for w in ln]
    assert stream.read_block(FIXTURE, 1, height, block, words) is not None
    assert stream.read_block(FIXTURE, 1, height + 60, block, words) is None
