"""Indicator keys, the catalog, polarity and the budget nomenclature."""

import pytest

from pipeline.normalise import catalog
from pipeline.normalise.names import indicator_key, name_key
from pipeline.normalise.nomenclature import level_from_nomenclature
from pipeline.normalise.polarity import polarity


@pytest.mark.parametrize(
    "printed",
    [
        "IKM",
        "Indeks Kepuasan Masyarakat Kecamatan",
        "Indeks Kepuasan Masyarakat Terhadap Pelayanan Kecamatan",
        "Indeks Kepuasan Masyarakat (IKM)",
        "INDEKS KEPUASAN MASYARAKAT",
    ],
)
def test_ikm_variants_share_one_key(printed):
    assert catalog.match(printed, "Kecamatan Balikpapan Timur", "Kota Balikpapan").key == "ikm"


@pytest.mark.parametrize(
    "printed",
    ["Nilai SAKIP Kecamatan Balikpapan Timur", "Nilai Sakip Kecamatan Balikpapan Timur",
     "Nilai SAKIP Perangkat Daerah", "Nilai SAKIP Kecamatan", "Nilai AKIP"],
)
def test_sakip_variants_share_one_key(printed):
    assert catalog.match(printed, "Kecamatan Balikpapan Timur", "Kota Balikpapan").key == "nilai sakip"


def test_distinct_ikm_indicators_stay_distinct():
    internal = catalog.match("Indeks Kepuasan Masyarakat (IKM) Internal Perangkat Daerah").key
    layanan = catalog.match("IKM Layanan Administrasi Keuangan Perangkat Daerah").key
    assert len({"ikm", internal, layanan}) == 3


def test_unknown_name_keeps_its_own_key():
    m = catalog.match("Jumlah Lembaga Kemasyarakatan yang Diselenggarakan")
    assert m.how == "own" and m.key == "jumlah lembaga kemasyarakatan yang diselenggarakan"


def test_entity_name_is_stripped():
    assert indicator_key("Nilai SAKIP Kecamatan Kota Bangun", "Kecamatan Kota Bangun") == "nilai sakip"


def test_add_alias_round_trip(tmp_path):
    path = tmp_path / "additions" / "indicators.csv"
    assert catalog.match("Indeks Kepuasan Layanan Publik Kecamatan", user=path).how == "own"
    catalog.add_alias("ikm", "Indeks Kepuasan Layanan Publik Kecamatan", user=path)
    assert catalog.match("Indeks Kepuasan Layanan Publik Kecamatan", user=path).key == "ikm"
    (row,) = catalog.load_user(path)  # only the addition is in the user's file
    assert (row.key, row.name, row.aliases) == ("ikm", "", ["Indeks Kepuasan Layanan Publik Kecamatan"])
    with pytest.raises(KeyError, match="no indicator"):
        catalog.add_alias("not-a-key", "x", user=path)
    catalog._index.cache_clear()


def test_user_additions_merge_with_the_packaged_catalog(tmp_path):
    path = tmp_path / "indicators.csv"
    path.write_text("key,name,aliases,unit,polarity\n"
                    "ikm,,Indeks Kepuasan Warga,,\n"
                    "jumlah kader pkk terlatih,Jumlah Kader PKK Terlatih,Kader PKK Terlatih,orang,positive\n",
                    encoding="utf-8")
    merged = {e.key: e for e in catalog.load(path)}
    assert "Indeks Kepuasan Warga" in merged["ikm"].aliases
    assert merged["ikm"].name == "Indeks Kepuasan Masyarakat"  # blank name inherits
    assert "IKM" in merged["ikm"].aliases  # packaged aliases kept
    assert merged["jumlah kader pkk terlatih"].polarity == "positive"
    assert catalog.match("Kader PKK Terlatih", user=path).key == "jumlah kader pkk terlatih"
    catalog._index.cache_clear()


def test_missing_reference_data_fails_loudly(monkeypatch):
    from pipeline import reference

    with pytest.raises(reference.MissingReferenceData, match="no-such-table.csv"):
        reference.read_rows("no-such-table.csv")


@pytest.mark.parametrize(
    "indicator, expected",
    [
        ("Penurunan Prevalensi stunting", "negative"),
        ("Angka Kematian Ibu (AKI) Di Kecamatan", "negative"),
        ("Tingkat Pengangguran Terbuka", "negative"),
        ("Persentase keluhan masyarakat terhadap pelayanan kecamatan yang ditindaklanjuti", "positive"),
        ("Persentase penyelesaian kasus hubungan industrial", "positive"),
        ("Persentase keluhan masyarakat", "negative"),
        ("Indeks Kepuasan Masyarakat", "positive"),
        ("Baju Kaos Lapangan", None),
        ("Luasan Kawasan Kumuh", "negative"),
        ("Fasilitasi, mediasi dan monitoring penanggulangan kemiskinan", "positive"),
        ("Persentase sekolah yang melaksanakan pencegahan kekerasan", "positive"),
        ("Persentase Anak Terlantar dan Fakir Miskin yang Memperoleh Perlindungan dan Jaminan Sosial",
         "positive"),
    ],
)
def test_polarity_keywords(indicator, expected):
    assert polarity(indicator) == expected


@pytest.mark.parametrize(
    "name, level",
    [
        ("Penyediaan Gaji dan Tunjangan ASN", "sub_kegiatan"),
        ("Administrasi Keuangan Perangkat Daerah", "kegiatan"),
        ("Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah", "kegiatan"),
        ("PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA", "program"),
        ("Baju Kaos Lapangan,", None),
        # the packaged source prints these with conversion debris ('…Dasarrn', '…Aceh******)rn')
        ("Pengelolaan Dana BOS Sekolah Dasar", "sub_kegiatan"),
        ("Kegiatan Pemberdayaan Kelurahan", "kegiatan"),
        ("Pemberdayaan Lembaga Kemasyarakatan Tingkat Kecamatan", "kegiatan"),
        # a kegiatan with a sub kegiatan of its very name: printed once, it is the kegiatan
        ("Pengembangan Mutu dan Peningkatan Kompetensi Teknis Sumber Daya Manusia Kesehatan "
         "Tingkat Daerah Kabupaten/Kota", "kegiatan"),
    ],
)
def test_level_from_nomenclature(name, level):
    assert level_from_nomenclature(name) == level


def test_name_key_drops_prefixes():
    assert name_key("Sub kegiatan : Penyediaan Jasa Pelayanan Umum Kantor") == (
        "penyediaan jasa pelayanan umum kantor"
    )


def test_indicators_link_across_documents(processed):
    docs_by_key: dict[str, set[str]] = {}
    for p in ("000", "002", "003"):
        for r in processed(p).tables["performance"]:
            docs_by_key.setdefault(r["indicator_key"], set()).add(p)
    assert docs_by_key["ikm"] >= {"000", "003"}
    assert docs_by_key["nilai sakip"] >= {"000", "003"}


def test_nomenclature_debris_is_removed_not_words():
    from pipeline.normalise.nomenclature import clean_name

    assert clean_name("Penyelenggaraan Kebijakan Pendidikan Aceh******)rn") == (
        "Penyelenggaraan Kebijakan Pendidikan Aceh")
    assert clean_name("Luas di Bawah 10 (sepuluh) Harn") == "Luas di Bawah 10 (sepuluh) Ha"
    assert clean_name("Program Pemerintahan") == "Program Pemerintahan"


def test_an_indicator_without_a_letter_has_no_key():
    """An outline number read in the indicator's place ('1.1.1') names nothing another
    table could print, so no cross-table check may rest on it."""
    from pipeline.normalise.names import indicator_key

    assert indicator_key("1.1.1") is None and indicator_key("2.") is None
    assert indicator_key("IKM") == "ikm"
