"""Word input: paragraphs and tables in order, merged cells shown once, real PK file."""

from pathlib import Path

import docx
import pytest

from extractors.docx import DocxError, extract
from pipeline.run import process_document

REAL = Path(__file__).parent / "fixtures" / "real_docs" / "08_PK_2017_Kepala_BPKAD_Prov_Jabar.docx"


@pytest.fixture()
def made(tmp_path):
    """A small PK document with a repeated header row and merged sasaran cells."""
    d = docx.Document()
    d.add_paragraph("PERJANJIAN KINERJA TAHUN 2023")
    d.add_paragraph("Tabel 2.1 Perjanjian Kinerja")
    t = d.add_table(rows=4, cols=4)
    for i, text in enumerate(["No", "Sasaran", "Indikator", "Target"]):
        t.cell(0, i).text = text
    t.rows[0]._tr.get_or_add_trPr().append(
        docx.oxml.OxmlElement("w:tblHeader"))
    t.cell(1, 0).text, t.cell(1, 2).text, t.cell(1, 3).text = "1", "IKM", "80"
    t.cell(2, 2).text, t.cell(2, 3).text = "Nilai SAKIP", "70,5"
    t.cell(1, 1).merge(t.cell(2, 1)).text = "Meningkatnya pelayanan"
    a = t.cell(3, 0).merge(t.cell(3, 2))
    a.text = "Jumlah"
    t.cell(3, 3).text = "2"
    d.add_paragraph("Sumber: PK 2023")
    path = tmp_path / "pk.docx"
    d.save(path)
    return path


def test_order_lines_and_header_rows(made):
    doc = extract(made)
    assert doc.lines[0] == "PERJANJIAN KINERJA TAHUN 2023"
    (table,) = doc.raw_tables
    assert table.header_rows == 1
    assert table.preceding_text[-1] == (2, "Tabel 2.1 Perjanjian Kinerja")
    assert table.line_start == 3 and table.line_end == 6
    assert doc.lines[-1] == "Sumber: PK 2023"


def test_merged_cells_are_printed_once(made):
    rows = extract(made).raw_tables[0].rows
    assert [c.text for c in rows[1]] == ["1", "Meningkatnya pelayanan", "IKM", "80"]
    assert rows[2][1].text == ""  # vertical continuation
    assert [c.text for c in rows[3]] == ["Jumlah", "", "", "2"]  # horizontal span


def test_pipeline_reads_word_tables(made):
    result = process_document(made)
    perf = {r["indicator"]: r for r in result.tables["performance"]}
    assert perf["Nilai SAKIP"]["target"] == 70.5
    assert perf["Nilai SAKIP"]["sasaran"] == "Meningkatnya pelayanan"  # forward-filled


def test_not_a_docx_names_the_file(tmp_path):
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(DocxError, match="broken.docx"):
        extract(bad)


def test_real_perjanjian_kinerja_2017():
    result = process_document(REAL)
    assert result.document["status"] == "ok"
    assert result.document["doc_type"] == "PK" and result.document["fiscal_year"] == 2017
    kinds = [t["kind"] for t in result.tables["source_tables"]]
    assert kinds == ["perjanjian_kinerja", "anggaran"]
    perf = result.tables["performance"]
    assert len(perf) == 14
    first = perf[0]
    assert first["indicator"].startswith("Perda dan Pergub APBD") and first["target"] == 4
    assert first["unit"] == "dokumen"
    budget = {b["name"][:30]: b["pagu"] for b in result.tables["budget"]}
    assert budget["Program Pengelolaan Keuangan d"] == 26138904000
    assert len(result.tables["budget"]) == 8
