"""Real agency documents (tests/fixtures/real_docs) against figures read by hand.

expected.json records, per file, the status the pipeline must reach, the table kinds it
must find, and a sample of curated records: the table they come from (label or caption, or
kind when the table prints neither), the page, the indicator or name, and the figures.
"""

import json

import pytest
from conftest_pdf import REAL_DOCS, processed_real

# runs the real agency files: part of `make test`, skipped by `make test-fast`
pytestmark = pytest.mark.slow

EXPECTED = json.loads((REAL_DOCS / "expected.json").read_text(encoding="utf-8"))
FILES = sorted(name for name in EXPECTED if not name.startswith("_"))
FIELDS = {"performance": ("target", "realisasi", "capaian"),
          "budget": ("pagu", "realisasi", "capaian", "realisasi_tw1", "realisasi_tw2")}
CURATED = {"capaian": "capaian_reported"}


def records(kind: str) -> list[tuple[str, dict]]:
    return [(name, rec) for name in FILES for rec in EXPECTED[name][kind]]


def _label(rec: dict) -> str:
    return f"{rec['match'][:40]} p{rec['page']}"


def test_every_real_document_is_copied_and_expected():
    on_disk = sorted(p.name for p in REAL_DOCS.iterdir() if p.suffix in (".pdf", ".docx"))
    assert on_disk == FILES


@pytest.mark.parametrize("name", FILES)
def test_status_and_table_kinds(name):
    want = EXPECTED[name]
    result = processed_real(name)
    doc = result.document
    assert doc["status"] == want["status"], doc.get("warnings") or doc.get("error")
    if want["status"] == "partial":
        assert any(want["warning"] in w and name in w for w in doc["warnings"])
    kinds = {t["kind"] for t in result.tables["source_tables"]}
    assert set(want["kinds"]) <= kinds


def _find(name: str, kind: str, rec: dict) -> dict:
    result = processed_real(name)
    tables = {t["table_id"]: t for t in result.tables["source_tables"]}
    hits = [r for r in result.tables[kind]
            if rec["match"].lower() in (r.get("indicator") or r.get("name") or "").lower()
            and r["page"] == rec["page"] and r.get("measure") == rec.get("measure", r.get("measure"))]
    assert len(hits) == 1, f"{name}: {len(hits)} {kind} rows match {_label(rec)}"
    (hit,) = hits
    table = tables[hit["table_id"]]
    if rec.get("table"):
        printed = f"{table['label'] or ''} {table['caption'] or ''}".lower()
        assert rec["table"].lower() in printed, (table["label"], table["caption"])
    if rec.get("kind"):
        assert table["kind"] == rec["kind"]
    if rec.get("level"):
        assert hit["level"] == rec["level"]
    return hit


@pytest.mark.parametrize(("name", "rec"), records("performance"),
                         ids=[_label(r) for _, r in records("performance")])
def test_performance_records(name, rec):
    hit = _find(name, "performance", rec)
    for field in FIELDS["performance"]:
        if field in rec:
            assert hit[CURATED.get(field, field)] == pytest.approx(rec[field]), field
    if "predikat" in rec:  # '139,54 % (Sangat Baik)': one cell, two figures
        assert hit["predikat_reported"] == rec["predikat"]
    if "measure" in rec:
        assert hit["measure"] == rec["measure"]


@pytest.mark.parametrize(("name", "rec"), records("budget"),
                         ids=[_label(r) for _, r in records("budget")])
def test_budget_records(name, rec):
    hit = _find(name, "budget", rec)
    for field in FIELDS["budget"]:
        if field in rec:
            assert hit[CURATED.get(field, field)] == pytest.approx(rec[field]), field


@pytest.mark.parametrize("name", [n for n in FILES if n.endswith(".pdf")])
def test_every_curated_pdf_row_has_its_page(name):
    result = processed_real(name)
    rows = result.tables["performance"] + result.tables["budget"]
    assert rows and all(r["page"] for r in rows)


def test_curated_rows_per_file():
    """Floors on what each file contributes, so a regression in any stage shows."""
    floors = {"01_LKIP_2016_BPMPD_Prov_Jabar.pdf": (12, 70),
              "04_LKIP_2016_Disnakertrans_Prov_Jabar.pdf": (40, 100),
              "07_PK_2016_Kepala_BPMPD_Prov_Jabar.pdf": (12, 0),
              "08_PK_2017_Kepala_BPKAD_Prov_Jabar.docx": (14, 8),
              "09_Realisasi_Kinerja_TW_I-IV_2023_Dinkes_Kota_Tangerang.pdf": (250, 130)}
    for name, (perf, budget) in floors.items():
        tables = processed_real(name).tables
        assert len(tables["performance"]) >= perf and len(tables["budget"]) >= budget, name


def test_pages_the_file_itself_leaves_empty_are_named_without_failing_the_document():
    doc = processed_real("01_LKIP_2016_BPMPD_Prov_Jabar.pdf").document
    assert doc["status"] == "ok"
    assert any("pages 20–25" in w and "01_LKIP" in w for w in doc["warnings"])


def test_a_staff_cross_tab_of_units_by_education_and_sex_is_curated_and_foots():
    # Tabel 3.5 (p. 45): units by JENIS PENDIDIKAN S3 … SD, Jumlah and JENIS KELAMIN PRIA,
    # WANITA, Jumlah; the Jumlah row reads 1 29 56 20 72 5 8 191 | 120 71 191.
    result = processed_real("04_LKIP_2016_Disnakertrans_Prov_Jabar.pdf")
    total_row = {(r["dimension"], r["category"], r["sex"]): r["count"]
                 for r in result.tables["staffing"] if r["unit"] is None and r["is_total"]}
    assert total_row[("pendidikan", "S2", None)] == 29
    assert total_row[("jenis_kelamin", "PRIA", "L")] == 120
    assert total_row[("jenis_kelamin", "WANITA", "P")] == 71
    sums = [c for c in result.tables["checks"] if c["kind"] == "staff_total"]
    assert len(sums) >= 8 and all(c["status"] == "ok" for c in sums)


def test_budget_tables_of_a_2016_lkip_read_their_own_headers():
    # Tabel 3.7: JENIS ANGGARAN/PROGRAM | PAGU DIPA (Rp.) AWAL | REVISI | REALISASI KEUANGAN
    # (Rp.) | % | FISIK %; 'JUMLAH I' printed in the number column.
    result = processed_real("04_LKIP_2016_Disnakertrans_Prov_Jabar.pdf")
    rows = [r for r in result.tables["budget"] if r["page"] == 53]
    first = next(r for r in rows if "Program Penempatan" in (r["name"] or ""))
    assert (first["level"], first["pagu_before"], first["pagu"], first["realisasi"],
            first["capaian_reported"]) == ("program", 4_499_237_000, 3_633_525_000, 3_614_620_000, 99.48)
    assert [r["name"] for r in rows if r["level"] == "total"] == ["JUMLAH I", "JUMLAH II", "JUMLAH I + II"]
    # A budget table's 'Realisasi %' is not an indicator's capaian.
    budget_tables = {t["table_id"] for t in result.tables["source_tables"]
                     if t["label"] in ("Tabel 3.6", "Tabel 3.7")}
    assert len(budget_tables) == 2
    assert not [r for r in result.tables["performance"] if r["table_id"] in budget_tables]


def test_next_years_plan_keeps_its_year_and_quarterly_targets():
    # Tabel 3.4 'RENCANA TINDAKLANJUT PROGRAM/KEGIATAN TAHUN 2017' in the 2016 report:
    # 'Target Kinerja sasaran Trw I … Trw IV' 0.14 0.29 0.43 0.57.
    result = processed_real("04_LKIP_2016_Disnakertrans_Prov_Jabar.pdf")
    (table,) = [t for t in result.tables["source_tables"] if t["label"] == "Tabel 3.4"]
    quarters = {r["measure"]: r["target"] for r in result.tables["performance"]
                if r["table_id"] == table["table_id"] and r["page"] == 38 and r["year"] == 2017
                and (r["indicator"] or "").endswith("sertifikat kompetensi")}
    assert quarters == {"triwulan_1": 0.14, "triwulan_2": 0.29, "triwulan_3": 0.43, "triwulan_4": 0.57}


def test_a_pre_2019_budget_foots_through_its_expenditure_types():
    # Tabel 3.6: JUMLAH = BELANJA TIDAK LANGSUNG + BELANJA LANGSUNG; the ten programmes
    # (coded 29, 39 …, their kegiatan 29.01 …) add up to BELANJA LANGSUNG; a programme's %
    # set in spaced glyphs ('9 9 . 24') is read.
    result = processed_real("04_LKIP_2016_Disnakertrans_Prov_Jabar.pdf")
    footing = [c for c in result.tables["checks"] if c["kind"] == "footing"]
    assert footing and all(c["status"] == "ok" for c in footing)
    assert any("BELANJA TIDAK LANGSUNG and LANGSUNG" in c["formula"] for c in footing)
    programme = next(r for r in result.tables["budget"] if r["code"] == "29" and r["page"] == 47)
    assert (programme["level"], programme["capaian_reported"]) == ("program", 99.24)
    kegiatan = next(r for r in result.tables["budget"] if r["code"] == "29.01")
    assert (kegiatan["level"], kegiatan["parent_row_no"]) == ("kegiatan", programme["row_no"])


def test_an_spm_table_printing_its_ratio_formula_is_curated_and_checked():
    # Tabel 3.3: 'Tenaga kerja yang dilatih | Pendaftar … | Nilai SPM … Σ (2) / Σ (3) x 100%',
    # one block per service, each under a header row naming its two counts.
    result = processed_real("04_LKIP_2016_Disnakertrans_Prov_Jabar.pdf")
    (table,) = [t for t in result.tables["source_tables"] if t["label"] == "Tabel 3.3"]
    assert table["kind"] == "spm"
    rows = {(r["numerator"], r["denominator"], r["capaian_reported"]): r["numerator_label"]
            for r in result.tables["ikk"] if r["table_id"] == table["table_id"]}
    assert rows[(401271, 556118, 72.16)] == "Pencari kerja yang ditempatkan"
    assert rows[(2316515, 19202038, 12.06)].startswith("Jumlah pekerja/buruh peserta")
    assert len(rows) == 7
    checks = [c for c in result.tables["checks"] if c["kind"] == "ikk"]
    assert len(checks) == 7 and all(c["status"] == "ok" for c in checks)
