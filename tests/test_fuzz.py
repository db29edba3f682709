"""Fuzzing the per-document function: whatever a file holds, `process_document` returns a
result — it never raises — and the result says ok, partial, failed or skipped (not a report), naming
the file when it failed. 300 cases in the default run; 5,000 under the slow marker."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.run import process_document

NUMBER = st.one_of(
    st.integers(-10**12, 10**12).map(lambda n: f"{n:,}".replace(",", ".")),
    st.floats(-1e9, 1e9, allow_nan=False).map(lambda x: f"{x:.2f}".replace(".", ",")),
    st.sampled_from(["Rp. 31.824.349.565,-", "(50.000.000)", "B (75)", "15.426", "-", "", "0",
                     "100%", "3,000,00", "1.234.567,89", "n/a", "Σ (2) / Σ (3) x 100%"]),
)
WORD = st.sampled_from(["Indikator", "Target", "Realisasi", "Capaian", "Pagu", "Anggaran",
                        "Program", "Kegiatan", "Sub Kegiatan", "Jumlah", "L", "P", "No",
                        "Satuan", "Tahun 2022", "Triwulan II", "IKM", "Persentase", "%"])
CELL = st.one_of(NUMBER, WORD, st.text(max_size=12))
ROW = st.lists(CELL, min_size=1, max_size=9)
LINE = st.one_of(
    ROW.map("\t".join),
    ROW.map(lambda cells: "| " + " | ".join(c.replace("|", "") for c in cells) + " |"),
    st.just("|---|---|---|"),
    st.sampled_from(["Tabel 3.1 Capaian Kinerja", "LAPORAN KINERJA TAHUN 2022", "",
                     "Lampiran 2", "Realisasi anggaran sebesar Rp 1.000.000 (95,5%)."]),
    st.text(max_size=40),
)
DOCUMENT = st.lists(LINE, max_size=40).map("\n".join)
CASES = st.one_of(DOCUMENT.map(lambda t: t.encode("utf-8")), st.binary(max_size=400))


def _check(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        path.write_bytes(data)
        result = process_document(path)
    doc = result.document
    assert doc["status"] in ("ok", "partial", "failed", "skipped")
    if doc["status"] == "failed":
        assert doc["error"] and "fuzz" in doc["error"]


SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                      HealthCheck.data_too_large])


@settings(max_examples=300, **SETTINGS)
@given(data=CASES, suffix=st.sampled_from([".txt", ".md", ".pdf", ".docx"]))
def test_process_document_never_raises(data, suffix):
    _check(data, suffix)


@pytest.mark.slow
@settings(max_examples=5000, **SETTINGS)
@given(data=CASES, suffix=st.sampled_from([".txt", ".md", ".pdf", ".docx"]))
def test_process_document_never_raises_long_run(data, suffix):
    _check(data, suffix)
