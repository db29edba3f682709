import pytest

from pipeline.metadata import read_metadata


@pytest.mark.parametrize(
    "prefix, doc_type, entity, region, year",
    [
        ("000", "LKjIP", "Kecamatan Balikpapan Timur", "Kota Balikpapan", 2023),
        ("001", "LPPD", "Pemerintah Kota Balikpapan", "Kota Balikpapan", 2022),
        ("002", "LKjIP", "Kecamatan Kota Bangun", "Kabupaten Kutai Kartanegara", 2023),
        ("003", "Renja", "Kecamatan Balikpapan Utara", "Kota Balikpapan", 2024),
    ],
)
def test_sample_report_metadata(document, prefix, doc_type, entity, region, year):
    meta = read_metadata(document(prefix).lines)
    assert (meta.doc_type, meta.entity, meta.region, meta.fiscal_year) == (
        doc_type, entity, region, year,
    )
    assert meta.notes, "every metadata decision is explained"


def test_unknown_document_type():
    meta = read_metadata(["Catatan rapat", "tanpa judul laporan"])
    assert meta.doc_type == "unknown" and meta.fiscal_year is None
