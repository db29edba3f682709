"""IKU definition tables read by mechanism: the IKU form's columns, merged OCR headers dealt
out to the blank header cells beside them, and captions that name the key indicators."""

from __future__ import annotations

from pipeline.classify import classify
from pipeline.curate import iku
from pipeline.curate.context import make_context
from pipeline.model import Cell, LogicalTable
from pipeline.run import _targets


def table(columns: list[str], rows: list[list[str]], caption: str | None = None) -> LogicalTable:
    return LogicalTable(index=0, label=None, caption=caption, header_rows=[], columns=columns,
                        rows=[[Cell(t, page=1) for t in r] for r in rows])


def test_definition_and_data_source_columns_make_an_iku_table_whatever_the_indicator_is_called():
    t = table(["No", "Uraian", "Cara Pengukuran", "Sumber Data"],
              [["1", "Indeks Kepuasan Masyarakat", "Survei IKM per semester", "Sekretariat"]])
    assert classify(t)[0] == "iku"


def test_a_merged_ocr_header_is_dealt_out_to_the_blank_cells_beside_it():
    t = table(["NO. URAIAN DASAR PERTIMBANGAN", "col2", "col3", "SUMBER DATA"],
              [["1", "2", "", "6"],  # the column-number row
               ["1.", "Persentase Sarana Kerja", "Sarana kerja minimal yang tersedia", "Sekretariat"]])
    recs = iku.curate(make_context("d", "d:t0", 2017, t))
    assert len(recs) == 1
    assert recs[0]["indicator"] == "Persentase Sarana Kerja"
    assert recs[0]["definition"] == "Sarana kerja minimal yang tersedia"
    assert recs[0]["data_source"] == "Sekretariat"


def test_a_short_key_names_a_column_only_on_its_own():
    # 'RPJMD' holds the letters 'pj'; only a header 'PJ' is the responsible column.
    assert "responsible" not in iku._column_map(["Indikator", "Kondisi awal RPJMD"])
    assert iku._column_map(["Indikator", "PJ"])["responsible"] == 1


def test_a_target_table_captioned_as_key_indicators_also_gives_iku_rows():
    t = table(["No", "Indikator", "Target Tahun 1", "Target Tahun 2"],
              [["", "SEBAGAI OPD UTAMA", "", ""], ["1", "Indeks Reformasi Birokrasi", "60", "70"]],
              caption="Indikator Kinerja SKPD yang Mengacu pada Tujuan dan Sasaran RPJMD")
    assert "iku" in _targets("renstra_target", t)
    recs = iku.curate(make_context("d", "d:t0", None, t))
    assert [r["indicator"] for r in recs] == ["Indeks Reformasi Birokrasi"]  # heading row skipped
    plain = table(["No", "Indikator", "Target"], [["1", "Indeks", "60"]], caption="Target Kinerja")
    assert "iku" not in _targets("renstra_target", plain)


def test_a_form_defining_each_sasaran_reads_the_sasaran_as_the_indicator():
    t = table(["NO", "SASARAN STRATEGIS", "PENJELASAN / FORMULASI", "SUMBER DATA"],
              [["1.", "Meningkatnya Produksi Padi", "Produksi tahun ini dibanding tahun lalu", "BPS"],
               ["Bandung, 2015 Kepala Dinas", "", "", ""]])  # the signature under the form
    assert classify(t)[0] == "iku"
    recs = iku.curate(make_context("d", "d:t0", 2016, t))
    assert [r["indicator"] for r in recs] == ["Meningkatnya Produksi Padi"]
    assert recs[0]["data_source"] == "BPS"
