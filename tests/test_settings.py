"""One settings object: documented defaults (the values every result so far was produced
with), a config file that changes them, `kinerja settings` that lists them, and each
`kinerja extract` run stored with the settings it used."""

from __future__ import annotations

import json

import duckdb
import pytest
import tomllib
from click.testing import CliRunner

from pipeline import settings as st
from pipeline.checks.common import tolerance_for
from pipeline.cli import main

TINY = """LAPORAN KINERJA INSTANSI PEMERINTAH
Kecamatan Contoh Tahun 2023

Tabel 2.1 Capaian Indikator Kinerja
| No | Indikator Kinerja | Target | Realisasi | Capaian |
|---|---|---|---|---|
| 1 | Indeks Kepuasan Masyarakat | 80 | 82 | 102,5 |
"""


@pytest.fixture
def config_env(monkeypatch):
    """Whatever a test does to $KINERJA_CONFIG is undone after it."""
    monkeypatch.setenv(st.CONFIG_ENV, "")
    return monkeypatch


def test_defaults_are_the_values_results_were_made_with():
    s = st.DEFAULT_SETTINGS
    assert (s.catalog_fuzzy_min, s.nomenclature_fuzzy_min, s.claim_indicator_min,
            s.claim_subject_min, s.unit_spelling_min) == (92, 93, 92, 85, 90)
    assert (s.unit_spelling_max_units, s.truncated_min_words, s.same_activity_min_words) == (500, 5, 2)
    assert (s.truncation_allowance, s.amount_tolerance, s.footing_trust_share,
            s.footing_section_min_sums, s.whole_budget_share) == (0.01, 1.0, 0.6, 3, 0.9)
    assert s.limits == st.DEFAULT_LIMITS


def test_every_setting_is_documented_and_round_trips_through_toml():
    docs = st.Settings.docs()
    assert all(docs.values())
    assert {f"limits.{n}" for n in st.Limits.names()} <= set(docs)
    assert {"pdf.line_tolerance", "pdf.ocr_resolution", "pdf.snap_tolerance"} <= set(docs)
    assert st.from_mapping(tomllib.loads(st.to_toml(st.DEFAULT_SETTINGS))) == st.DEFAULT_SETTINGS


def test_an_unknown_key_is_refused_by_name():
    with pytest.raises(st.ConfigError, match="limits.max_pagez"):
        st.from_mapping({"limits": {"max_pagez": 3}})


def test_a_module_reads_its_threshold_from_the_settings(config_env, tmp_path):
    assert tolerance_for("12") == pytest.approx(0.51)
    config = tmp_path / "kinerja.toml"
    config.write_text("truncation_allowance = 0.5\n", encoding="utf-8")
    config_env.setenv(st.CONFIG_ENV, str(config))
    assert tolerance_for("12") == pytest.approx(1.0)


def test_an_unknown_pdf_key_is_refused_by_name():
    with pytest.raises(st.ConfigError, match="pdf.line_tolerence"):
        st.from_mapping({"pdf": {"line_tolerence": 3}})


def test_the_pdf_reader_takes_its_thresholds_from_the_settings(config_env, tmp_path):
    """A [pdf] table in the config reaches the PDF extractor's steps, as pdfplumber's
    TableSettings reach its table finder: here words 4 points apart in height are one
    line by default and two with a 2-point line tolerance."""
    from extractors.pdf.words import _group_lines

    words = [{"text": "a", "x0": 0, "x1": 5, "top": 100, "bottom": 108},
             {"text": "b", "x0": 10, "x1": 15, "top": 102.5, "bottom": 110.5}]
    assert len(_group_lines(words)) == 1
    config = tmp_path / "kinerja.toml"
    config.write_text("[pdf]\nline_tolerance = 2\n", encoding="utf-8")
    config_env.setenv(st.CONFIG_ENV, str(config))
    assert st.current().pdf.line_tolerance == 2 and st.current().limits == st.DEFAULT_LIMITS
    assert len(_group_lines(words)) == 2


def test_settings_command_prints_every_setting(config_env):
    out = CliRunner().invoke(main, ["settings"]).output
    for name in st.Settings.docs():
        assert f"{name.split('.')[-1]} = " in out
    assert "default 92" in out


def test_extract_records_the_run_with_its_settings(config_env, tmp_path):
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "laporan.txt").write_text(TINY, encoding="utf-8")
    config = tmp_path / "kinerja.toml"
    config.write_text("catalog_fuzzy_min = 95\n[limits]\nmax_pages = 10\n", encoding="utf-8")
    db = tmp_path / "k.duckdb"
    result = CliRunner().invoke(main, ["--config", str(config), "extract", str(tmp_path / "raw"),
                                       "--db", str(db), "--max-pages", "7"])
    assert result.exit_code == 0, result.output
    con = duckdb.connect(str(db), read_only=True)
    version, stored = con.execute("SELECT kinerja_version, settings FROM runs").fetchone()
    con.close()
    stored = json.loads(stored)
    assert version
    assert stored["catalog_fuzzy_min"] == 95  # from the config
    assert stored["limits"]["max_pages"] == 7  # the command line beats the config
    assert stored["limits"]["max_table_rows"] == st.DEFAULT_LIMITS.max_table_rows
