from extractors.text import decode, extract, split_lines, split_markdown_row, tables_from_lines


def test_utf8_bom_and_crlf_keep_line_numbers():
    text, warnings = decode("\ufeffa\r\nb\tc\r\n".encode(), "x.txt")
    assert warnings == []
    assert split_lines(text) == ["a", "b\tc", ""]


def test_cp1252_fallback_warns_naming_the_file():
    text, warnings = decode("Rp 1.000 – café".encode("cp1252"), "report.txt")
    assert "café" in text
    assert warnings and "report.txt" in warnings[0] and "cp1252" in warnings[0]


def test_form_feed_does_not_split_a_line():
    assert split_lines("a\x0cb\nc") == ["a\x0cb", "c"]


def test_markdown_row_split_keeps_empty_cells():
    assert split_markdown_row("| 1 | | Persen | 75 |") == ["1", "", "Persen", "75"]


def test_tsv_and_markdown_blocks_get_line_numbers():
    lines = ["Tabel 1 Judul", "No\tNama", "1\tCamat", "", "| A | B |", "|---|---|", "| 1 | 2 |"]
    tables = tables_from_lines(lines)
    assert [t.style for t in tables] == ["tsv", "markdown"]
    assert tables[0].rows[1][1].text == "Camat" and tables[0].rows[1][1].line == 3
    assert tables[1].header_rows == 1
    assert tables[1].rows[1][0].line == 7
    assert tables[0].preceding_text == [(1, "Tabel 1 Judul")]


def test_sample_report_lines_match_the_file(document):
    doc = document("000")
    assert doc.lines[202] == "Tabel 1.1 Klasifikasi Pegawai Berdasarkan Jenis Kelamin"
    assert len(doc.lines) == 2330


def test_unreadable_file_names_the_file(tmp_path):
    import pytest

    from extractors.text import ExtractionError

    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"abc\x00def")
    with pytest.raises(ExtractionError, match="broken.txt"):
        extract(bad)
