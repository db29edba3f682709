"""The pdfium page source gives pdfplumber the objects pdfminer gives (extractors/page_source.py).

Synthetic pages (tests/conftest_pdf.py writes them) hold what kinerja reads: text in a
standard font at several sizes and through a scaling text matrix, a word space in a text
object of its own, a kerning gap (no char in pdfminer), Word-style hairline rules (`re f`), a stroked line, a rectangle drawn as
four lines, a curve, a rotated page. Each is parsed by both sources and compared within a
tolerance far below pdfplumber's word and table tolerances (3 pt)."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.page_source import PdfiumPage, open_pdf, page_ctm
from tests.conftest_pdf import write_pdf

TOL = 0.05  # points


def _both(path: Path, page: int = 0) -> tuple:
    a, b = open_pdf(str(path), "pdfminer"), open_pdf(str(path), "pdfium")
    return a, b, a.pages[page], b.pages[page]


def _close(*pdfs) -> None:
    for pdf in pdfs:
        pdf.close()


def _assert_chars_match(pa, pb) -> None:
    ca = sorted(pa.chars, key=lambda c: (round(c["top"]), c["x0"]))
    cb = sorted(pb.chars, key=lambda c: (round(c["top"]), c["x0"]))
    assert [c["text"] for c in cb] == [c["text"] for c in ca]
    for x, y in zip(ca, cb, strict=True):
        for key in ("x0", "x1", "top", "bottom", "doctop", "size"):
            assert y[key] == pytest.approx(x[key], abs=TOL), (x["text"], key)
        assert y["upright"] == x["upright"]
        assert y["fontname"] == x["fontname"]


TEXT = b"""BT /F1 10 Tf 72 700 Td (Target 2023: 98,5%) Tj ET
BT /F1 7 Tf 300 650 Td (Realisasi) Tj ET
BT /F1 8 Tf 1.5 0 0 1.2 100 600 Tm (Capaian) Tj ET
BT /F1 10 Tf 72 550 Td (Sub) Tj ET BT /F1 10 Tf 89.79 550 Td ( ) Tj ET
BT /F1 10 Tf 92.57 550 Td (Kegiatan) Tj ET
BT /F1 10 Tf 72 500 Td [(Tahun) -250 (2016)] TJ ET"""


def test_chars_match_pdfminer(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "text.pdf", [TEXT, TEXT])
    a, b, pa, pb = _both(path, 1)
    assert isinstance(pb, PdfiumPage)
    _assert_chars_match(pa, pb)
    wa, wb = pa.extract_words(), pb.extract_words()
    assert [w["text"] for w in wb] == [w["text"] for w in wa] and len(wa) == 8
    assert "Tahun2016" in [w["text"] for w in wb]  # a kerning gap: pdfium's generated space
    assert {"Sub", "Kegiatan"} <= {w["text"] for w in wb}  # a space printed alone: kept
    assert [w["x0"] for w in wb] == pytest.approx([w["x0"] for w in wa], abs=TOL)
    assert pb.chars[0]["doctop"] == pytest.approx(842 + pb.chars[0]["top"])
    _close(a, b)


GRAPHICS = b"""0 g 50 700 400 0.5 re f
0 g 50 600 0.5 100.5 re f
0.9 g 60 650 100 20 re f
1 w 0 0 1 RG 50 500 m 450 500 l S
2 w 50 400 m 150 400 l 150 450 l 50 450 l h S
50 300 m 100 350 150 350 200 300 c S
50 200 m 100 200 l 100 250 l S
50 150 m 60 150 l 60 160 l 50 160 l 50 150 l h 200 150 m 300 150 l S"""


def test_paths_match_pdfminer(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "rules.pdf", [GRAPHICS])
    a, b, pa, pb = _both(path)
    for kind in ("rect", "line", "curve"):
        oa, ob = pa.objects.get(kind, []), pb.objects.get(kind, [])
        assert len(ob) == len(oa), kind
        for x, y in zip(oa, ob, strict=True):
            for key in ("x0", "x1", "top", "bottom"):
                assert y[key] == pytest.approx(x[key], abs=TOL), (kind, key)
            if x["stroke"]:  # a fill's width is the unset default: 0 in pdfminer, 1 in pdfium
                assert y["linewidth"] == x["linewidth"]
            assert (y["stroke"], y["fill"], y["evenodd"]) == (x["stroke"], x["fill"],
                                                            x["evenodd"])
            assert [v for p in y["pts"] for v in p] == pytest.approx([v for p in x["pts"] for v in p], abs=TOL)
    assert len(pb.edges) == len(pa.edges)
    _close(a, b)


def test_rotated_page_matches_pdfminer(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "rotated.pdf", [TEXT + b"\n" + GRAPHICS], page_attrs="/Rotate 90")
    a, b, pa, pb = _both(path)
    assert (pb.width, pb.height) == (pa.width, pa.height)
    _assert_chars_match(pa, pb)
    assert sorted((round(r["x0"], 1), round(r["top"], 1)) for r in pb.rects) == \
        sorted((round(r["x0"], 1), round(r["top"], 1)) for r in pa.rects)
    _close(a, b)


def test_page_without_text_layer_has_no_chars(tmp_path: Path) -> None:
    """A scan's page (no text) stays one for the scanned-page test (`_is_blank`, OCR)."""
    path = write_pdf(tmp_path / "blank.pdf", [b""])
    a, b, pa, pb = _both(path)
    assert pb.chars == [] == pa.chars and pb.images == [] == pa.images
    _close(a, b)


def test_page_ctm_is_pdfminers() -> None:
    assert page_ctm((10, 20, 610, 860), 0) == (1, 0, 0, 1, -10, -20)
    assert page_ctm((0, 0, 595, 842), 90) == (0, -1, 1, 0, 0, 595)


def test_unknown_source_is_refused(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "x.pdf", [TEXT])
    with pytest.raises(ValueError, match="page_source"):
        open_pdf(str(path), "poppler")


def test_setting_chooses_the_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The run's settings reach extractors/pdf.py (and page workers, by KINERJA_CONFIG)."""
    from extractors.pdf import _open

    config = tmp_path / "k.toml"
    config.write_text('[pdf]\npage_source = "pdfium"\n')
    monkeypatch.setenv("KINERJA_CONFIG", str(config))
    path = write_pdf(tmp_path / "x.pdf", [TEXT])
    with _open(path) as pdf:
        assert isinstance(pdf.pages[0], PdfiumPage)
    other = tmp_path / "pdfminer.toml"
    other.write_text('[pdf]\npage_source = "pdfminer"\n')
    monkeypatch.setenv("KINERJA_CONFIG", str(other))
    with _open(path) as pdf:
        assert not isinstance(pdf.pages[0], PdfiumPage)


def test_config_names_a_known_source() -> None:
    from pipeline.settings import ConfigError, from_mapping

    assert from_mapping({"pdf": {"page_source": "pdfium"}}).pdf.page_source == "pdfium"
    with pytest.raises(ConfigError, match="page_source"):
        from_mapping({"pdf": {"page_source": "poppler"}})


def _rows_and_boxes(tables: dict) -> tuple[dict, list]:
    """Every curated table's rows with cell boxes taken out (compared apart, to a tolerance:
    they are rounded to 0.1 pt, and values 1e-5 apart can round either way)."""
    import json

    boxes: list = []

    def strip(x):
        if isinstance(x, dict):
            if "bbox" in x:
                boxes.append(x["bbox"])
            return {k: strip(v) for k, v in x.items() if k not in ("bbox", "run_id")}
        return [strip(v) for v in x] if isinstance(x, list) else x

    rows = {name: sorted(json.dumps(strip(r), sort_keys=True, default=str) for r in got)
            for name, got in tables.items()}
    return rows, boxes


@pytest.mark.slow  # two full runs of a 49-page rendering: ~1 min on the shared machine
def test_rendered_sample_curates_the_same_rows(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.run import process_document

    sample = Path(__file__).parent / "fixtures" / "rendered" / "002_4559f962de0788cc.pdf"
    got = []
    for source in ("pdfminer", "pdfium"):
        config = tmp_path / f"{source}.toml"
        config.write_text(f'[pdf]\npage_source = "{source}"\n')
        monkeypatch.setenv("KINERJA_CONFIG", str(config))
        got.append(_rows_and_boxes(process_document(sample).tables))
    (rows_a, boxes_a), (rows_b, boxes_b) = got
    assert rows_b == rows_a
    assert len(boxes_b) == len(boxes_a)
    assert max(abs(p - q) for a, b in zip(boxes_a, boxes_b, strict=True)
               for p, q in zip(a, b, strict=True)) <= 0.11
