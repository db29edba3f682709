"""Prose claims: only stated figures are read, and they are held against the tables."""

from pipeline.checks.narrative import narrative_checks
from pipeline.curate.narrative import extract_claims

LINES = [
    "Adapun capaian kinerja mempunyai rata-rata keberhasilan sebesar 99,64% pada tahun 2023.",
    "No\tIndikator\tCapaian",
    "- Efisien, jika persentase rata-rata capaian kinerja sasaran mencapai 100% atau lebih.",
    "- c. Capaian kinerja Pertumbuhan Pendapatan Asli Desa sebesar 22.43 % (Sangat Rendah)",
    "Capaian Indeks Keluarga Sehat (IKS) tahun 2023 yaitu 100%.",
]
NAMES = ["Pertumbuhan Pendapatan Asli Desa", "Indeks Keluarga Sehat (IKS)"]


def claims():
    return extract_claims("d", LINES, [(2, 2)], NAMES, 2023)


def test_only_stated_figures_become_claims():
    got = {(c["kind"], c["subject"], c["value"], c["line"]) for c in claims()}
    assert got == {
        ("mean_capaian", None, 99.64, 1),
        ("indicator_capaian", "Pertumbuhan Pendapatan Asli Desa", 22.43, 4),
        ("indicator_capaian", "Indeks Keluarga Sehat (IKS)", 100.0, 5),
    }


def test_claims_checked_against_tables():
    perf = [
        {"table_id": "t1", "indicator": "Pertumbuhan Pendapatan Asli Desa", "year": 2023,
         "measure": "annual", "capaian_reported": 22.43},
        {"table_id": "t1", "indicator": "Indeks Keluarga Sehat (IKS)", "year": 2023,
         "measure": "annual", "capaian_reported": 82.5},
        {"table_id": "t1", "indicator": "IKM", "year": 2023, "measure": "annual",
         "capaian_reported": 116.78},
    ]
    result = {c["subject"]: c for c in narrative_checks(claims(), perf, [], {"t1": "capaian_kinerja"})}
    assert result["prose: Pertumbuhan Pendapatan Asli Desa 2023"]["status"] == "ok"
    iks = result["prose: Indeks Keluarga Sehat (IKS) 2023"]
    assert iks["status"] == "mismatch" and iks["recomputed"] == 82.5 and iks["line"] == 5
    mean = result["prose: mean_capaian 2023"]
    assert mean["status"] == "mismatch" and abs(mean["recomputed"] - (22.43 + 82.5 + 116.78) / 3) < 1e-6
