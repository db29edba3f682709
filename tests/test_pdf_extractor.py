"""PDF input: cell pages and boxes, tables among text lines, furniture, shading, continued
rows, scanned pages, unreadable files; column compaction; the real agency PDFs."""

import pytest
from conftest_pdf import REAL_DOCS, page_stream, processed_real, ruled_table, write_pdf

import extractors.pdf.document as pdf_document
from extractors.pdf import PdfError, compact, extract, tesseract_available
from pipeline.run import process_document

HEADER = ["No", "Indikator", "Target", "Realisasi"]
WIDTHS = [40, 200, 80, 80]


def _row(top: float, texts: list[str], x0: float = 60) -> list[tuple[float, float, str]]:
    out, x = [], x0
    for text, w in zip(texts, WIDTHS, strict=True):
        out.append((x + 3, top + 4, text))
        x += w
    return out


def _page(number: int, body: list[tuple[float, float, str]], rules=(), fills=()) -> bytes:
    furniture = [(60, 30, "LAPORAN KINERJA DINAS CONTOH TAHUN 2023"), (280, 800, str(number))]
    return page_stream(furniture + body, list(rules), list(fills))


@pytest.fixture(scope="module")
def three_pages(tmp_path_factory):
    """Page 1: caption, table (header + 2 rows). Page 2: its continuation (header repeated),
    then a paragraph. Page 3: text only. Running header and page number on every page."""
    p1 = [(60, 80, "Tabel 3.1 Capaian Kinerja Tahun 2023")]
    p1 += _row(100, HEADER) + _row(120, ["1", "Nilai SAKIP", "70,5", "71,2"])
    p1 += _row(140, ["2", "Indeks Kepuasan Masyarakat", "80", "82,4"])
    p2 = _row(60, HEADER) + _row(80, ["3", "Persentase dokumen tepat waktu", "100%", "90%"])
    p2 += [(60, 130, "Capaian kinerja tahun 2023 dijelaskan sebagai berikut.")]
    p3 = [(60, 80, "BAB IV PENUTUP")]
    return write_pdf(tmp_path_factory.mktemp("pdf") / "tiga.pdf", [
        _page(1, p1, ruled_table(60, 100, WIDTHS, [20, 20, 20])),
        _page(2, p2, ruled_table(60, 60, WIDTHS, [20, 20])),
        _page(3, p3),
    ])


def test_cells_carry_their_page_and_box(three_pages):
    doc = extract(three_pages)
    assert doc.format == "pdf" and doc.n_pages == 3
    first, second = doc.raw_tables
    assert (first.page_start, second.page_start) == (1, 2)
    assert [c.text for c in first.rows[1]] == ["1", "Nilai SAKIP", "70,5", "71,2"]
    for table in doc.raw_tables:
        for row in table.rows:
            for cell in row:
                assert cell.page == table.page_start and cell.line is None
                x0, top, x1, bottom = cell.bbox
                assert 60 <= x0 < x1 <= 461 and top < bottom
    target = first.rows[1][2]
    assert target.bbox[0] >= 300 and target.bbox[2] <= 381  # inside the Target column


def test_tables_sit_among_text_lines_without_furniture(three_pages):
    doc = extract(three_pages)
    first, second = doc.raw_tables
    assert "LAPORAN KINERJA DINAS CONTOH TAHUN 2023" not in doc.lines  # running header
    assert not any(line.strip() in {"1", "2", "3"} for line in doc.lines)  # page numbers
    assert first.preceding_text[-1][1] == "Tabel 3.1 Capaian Kinerja Tahun 2023"
    # Nothing but the page break between the two pieces: reconstruction joins them.
    assert second.line_start == first.line_end + 1 and second.preceding_text == []
    after = doc.lines[second.line_end]
    assert after.startswith("Capaian kinerja tahun 2023")
    assert doc.line_pages[second.line_end] == 2 and doc.line_pages[-1] == 3
    assert doc.lines[-1] == "BAB IV PENUTUP"


def test_page_break_pieces_become_one_table(three_pages):
    result = process_document(three_pages)
    assert result.document["status"] == "ok"
    (table,) = result.tables["source_tables"]
    assert table["label"] == "Tabel 3.1" and table["pieces"] == 2
    assert (table["page_start"], table["page_end"]) == (1, 2)
    pages = {p["indicator"]: p["page"] for p in result.tables["performance"]}
    assert pages == {"Nilai SAKIP": 1, "Indeks Kepuasan Masyarakat": 1,
                     "Persentase dokumen tepat waktu": 2}


def test_cell_shading_does_not_split_a_header_row(tmp_path):
    """Word paints a shaded header cell one rectangle per text line: its edges are no
    rulings, so 'Indikator' over 'Kinerja' stays one header cell."""
    texts = [(63, 104, "No"), (103, 98, "Indikator"), (103, 110, "Kinerja"), (303, 104, "Target"),
             (383, 104, "Realisasi")] + _row(124, ["1", "Nilai SAKIP", "70,5", "71,2"])
    fills = [(60, 100, 400, 6, 0.8), (60, 106, 400, 8, 0.8), (60, 114, 400, 6, 0.8)]
    path = write_pdf(tmp_path / "shaded.pdf", [
        page_stream(texts, ruled_table(60, 100, WIDTHS, [20, 20]), fills)])
    (table,) = extract(path).raw_tables
    assert [c.text for c in table.rows[0]] == ["No", "Indikator Kinerja", "Target", "Realisasi"]
    assert len(table.rows) == 2


def test_row_continued_from_previous_page_is_kept(tmp_path):
    """Word does not redraw the top rule of a row split by a page break; its column rules
    run up past the table's first rule, and the words there are the table's first row."""
    texts = _row(62, ["", "Jumlah dokumen", "4", "4"]) + _row(82, ["5", "Nilai IKM", "80", "81"])
    path = write_pdf(tmp_path / "lanjut.pdf", [
        page_stream(texts, ruled_table(60, 80, WIDTHS, [20], open_top=22))])
    doc = extract(path)
    (table,) = doc.raw_tables
    assert [c.text for c in table.rows[0]] == ["", "Jumlah dokumen", "4", "4"]
    assert "Jumlah dokumen 4 4" not in doc.lines


def test_caption_above_a_closed_table_stays_text(three_pages):
    first = extract(three_pages).raw_tables[0]
    assert [c.text for c in first.rows[0]] == HEADER


def test_scanned_page_without_ocr_is_reported(tmp_path, monkeypatch):
    path = write_pdf(tmp_path / "pindai.pdf", [page_stream([(60, 80, "BAB I")]), b""])
    monkeypatch.setattr(pdf_document, "tesseract_available", lambda: False)
    # The empty page stands for a scan: its picture is what makes it no blank page.
    monkeypatch.setattr(pdf_document, "_is_blank", lambda page: False)
    doc = extract(path)
    (warning,) = doc.warnings
    assert "pindai.pdf" in warning and "pages 2" in warning and "1 of 2" in warning
    assert "apt-get install tesseract-ocr tesseract-ocr-ind" in warning
    assert process_document(path).document["status"] == "partial"


def test_compact_drops_slivers_and_merges_shifted_columns():
    grid = [
        ["", "NO", "", "SASARAN", "", "TARGET"],
        ["", "1", "", "2", "", "3"],
        ["1.", "", "", "Meningkatnya", "", "45%"],
        ["", "", "", "", "", ""],
    ]
    assert compact(grid) == [
        ["NO", "SASARAN", "TARGET"], ["1", "2", "3"], ["1.", "Meningkatnya", "45%"], ["", "", ""],
    ]


def test_compact_keeps_two_named_columns_apart():
    grid = [["Proyeksi", "", "Catatan"], ["Tahun 2024", "Tahun 2025", ""], ["81,35", "81,40", ""]]
    assert compact(grid) == grid


def test_compact_keeps_columns_that_share_a_row():
    grid = [["a", "b"], ["", "c"], ["d", ""]]
    assert compact(grid) == grid


def test_compact_with_widths_keeps_a_wide_empty_inner_column():
    """A quarter not reported yet is a printed column: a continued piece keeps its width."""
    grid = [["Nama", "TW I", "TW II", "Unit"], ["Dokumen", "2", "", "DINKES"]]
    body = [["Dokumen", "2", "", "DINKES"]]
    assert compact(body, [120, 40, 40, 60]) == body
    assert compact(body, [120, 40, 4, 60]) == [["Dokumen", "2", "DINKES"]]  # a sliver
    assert compact(grid + [["x", "1", "", "y"]], [120, 40, 40, 60])[0] == grid[0]
    assert compact([["a", "b", ""]], [50, 50, 50]) == [["a", "b"]]  # empty at the edge


def test_corrupt_pdf_names_the_file(tmp_path):
    bad = tmp_path / "rusak.pdf"
    bad.write_bytes(b"%PDF-1.4 not really")
    with pytest.raises(PdfError, match="rusak.pdf"):
        extract(bad)


def test_corrupt_pdf_fails_only_itself(tmp_path):
    bad = tmp_path / "rusak.pdf"
    bad.write_bytes(b"garbage")
    result = process_document(bad)
    assert result.document["status"] == "failed" and "rusak.pdf" in result.document["error"]


def test_perjanjian_kinerja_2016_pdf():
    result = processed_real("07_PK_2016_Kepala_BPMPD_Prov_Jabar.pdf")
    doc = result.document
    assert doc["status"] == "ok" and doc["doc_type"] == "PK" and doc["fiscal_year"] == 2016
    assert doc["n_pages"] == 3
    (table,) = result.tables["source_tables"]
    assert table["kind"] == "perjanjian_kinerja" and table["page_start"] == 2
    assert table["header"] == ["NO", "SASARAN STRATEGIS", "INDIKATOR KINERJA", "TARGET"]
    perf = result.tables["performance"]
    assert len(perf) == 12 and all(p["page"] == 2 for p in perf)
    gotong = next(p for p in perf if "Gotong Royong" in p["indicator"])
    assert gotong["target"] == 47.08 and gotong["target_text"] == "47,08%"
    assert gotong["sasaran"].startswith("Meningkatnya Kapasitas Kelemba")


def test_running_header_between_pieces_is_furniture():
    """04's tables run over pages whose tops print 'LAPORAN KINERJA / Dinas … / Tahun 2016'
    and whose bottoms print the page number: the pieces are joined."""
    tables = {t["label"]: t for t in processed_real(
        "04_LKIP_2016_Disnakertrans_Prov_Jabar.pdf").tables["source_tables"] if t["label"]}
    assert (tables["Tabel 3.1"]["page_start"], tables["Tabel 3.1"]["page_end"]) == (26, 28)
    assert tables["Tabel 3.1"]["pieces"] == 3
    assert (tables["Tabel 3.6"]["page_start"], tables["Tabel 3.6"]["page_end"]) == (47, 52)
    assert tables["Tabel 3.1"]["header"] == ["No.", "Sasaran Strategis", "Indikator Kinerja",
                                             "Target", "Realisasi", "Kategori Penilaian"]


def test_scanned_page_is_reported_not_silently_skipped():
    result = processed_real("04_LKIP_2016_Disnakertrans_Prov_Jabar.pdf")
    assert result.document["status"] == "partial"
    warning = " ".join(result.document["warnings"])
    assert "no text layer" in warning and "pages 1" in warning and "04_LKIP" in warning


@pytest.mark.skipif(not tesseract_available(), reason="tesseract with Indonesian data not installed")
def test_scanned_cover_is_read_by_ocr():
    doc = extract(REAL_DOCS / "04_LKIP_2016_Disnakertrans_Prov_Jabar.pdf")
    cover = [line for line, page in zip(doc.lines, doc.line_pages, strict=True) if page == 1]
    assert any("LAPORAN KINERJA" in line for line in cover)
    assert "read by OCR" in doc.warnings[0]


def test_fake_bold_glyphs_printed_over_themselves_are_read_once():
    from extractors.pdf import _overprinted
    glyph = {"text": "M", "x0": 100.0, "top": 50.0}
    assert _overprinted([glyph, {"text": "A", "x0": 108.0, "top": 50.0}, dict(glyph, x0=100.2)])
    assert not _overprinted([glyph, {"text": "M", "x0": 112.0, "top": 50.0}])  # 'MM' in a word
    from pipeline.run import load
    lines = load(REAL_DOCS / "01_LKIP_2016_BPMPD_Prov_Jabar.pdf").lines
    assert any("BADAN PEMBERDAYAAN" in ln for ln in lines)
    assert not any("MMAASSYY" in ln or "BBAADDAANN" in ln for ln in lines)
