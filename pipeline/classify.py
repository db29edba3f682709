"""Give each logical table a kind from its caption and header vocabulary.

Captions are misnumbered and often missing, so the header words carry most of the weight;
the caption breaks ties (a 'Perjanjian Kinerja' table and a Renstra target table share
their columns). The reason is stored beside the kind so a wrong call can be traced.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from pipeline import registry
from pipeline.curate.header_vocab import Entry, Header, first_match
from pipeline.model import LogicalTable

#: every kind a table can be given: the registry's list, which says which curator reads each
KINDS = registry.TABLE_KINDS
YEAR = re.compile(r"(?:19|20)\d{2}")  # a year a column name prints
# A column that prints its own formula over two numbered columns: 'Σ (2) / Σ (3) x 100%'.
RATIO_FORMULA = re.compile(r"\(\s*(\d{1,2})\s*\)\s*/\s*[Σ∑]?\s*\(\s*(\d{1,2})\s*\)")


def squash(text: str) -> str:
    """Lower-case letters and digits only: 'Realis asi' and 'TARGE T' survive the OCR."""
    return re.sub(r"[^a-z0-9%]+", "", text.lower())


MONEY_WORDS = re.compile(
    r"\b(pagu|anggaran|rp\.?|rupiah|dana|dpa|dppa|belanja|apbd\w*)\b|\(rp(?![a-z])", re.IGNORECASE
)


def _has(words: str, *needles: str) -> bool:
    return any(n in words for n in needles)


# Category words a staffing table prints in its rows, by the dimension they belong to. A
# staff table without a caption ('NO | STATUS | JUMLAH', 'NO | PENDIDIKAN | JUMLAH') is known
# by these. Roman golongan codes are case-sensitive ('III/a', 'IVd'), so 'ia' in a word is not one.
STAFF_VALUES = {
    "status": re.compile(r"^(c?pns|non[\s-]*pns|pppk|p3k|tkk|thl|ptt|honorer|tenaga\s+"
                         r"(harian|kontrak|honorer)\w*)\b", re.IGNORECASE),
    "golongan": re.compile(r"(?<![A-Za-z])(IV|III|II|I)\s*[/.\-]?\s*[a-e](?![A-Za-z])"),
    "jabatan": re.compile(r"\beselon\b|^(struktural|fungsional|pelaksana)\b", re.IGNORECASE),
    "pendidikan": re.compile(r"^(S\s*[-–]?\s*[123]|(?-i:D\s*[-–]?\s*(IV|I{1,3}|[1-4]))|diploma|sarjana|"
                             r"magister|doktor|sarmud|SLTA|SMA|SMU|SMK|SLTP|SMP|SD)\b",
                             re.IGNORECASE),
    "jenis_kelamin": re.compile(r"^(laki[\s-]*laki|perempuan|pria|wanita)$", re.IGNORECASE),
}
# Degrees are held by people; school levels alone (SD, SMP, SMA) may count schools. A diploma
# code is upper case ('D III', 'D-3'): 'Di wilayah ini …' is prose, not a D I.
DEGREE = re.compile(r"^(S\s*[-–]?\s*[123]|(?-i:D\s*[-–]?\s*(IV|I{1,3}|[1-4]))|diploma|sarjana|sarmud)\b",
                    re.IGNORECASE)
STAFF_VALUE_SHARE = 0.6


def staff_dimension_of_values(labels: list[str]) -> str | None:
    """The staffing dimension most row labels belong to ('PNS', 'CPNS' → status; 'S–1',
    'SLTA' → pendidikan), or None when fewer than STAFF_VALUE_SHARE of them do."""
    texts = [" ".join(t.split()) for t in labels if t.strip()]
    texts = [t for t in texts if not re.match(r"(jumlah|total)\b", t.replace(" ", ""), re.I)]
    if len(texts) < 2:
        return None
    for dimension, pattern in STAFF_VALUES.items():
        hits = sum(1 for t in texts if pattern.search(t))
        if hits >= 2 and hits >= STAFF_VALUE_SHARE * len(texts):
            if dimension == "pendidikan" and not any(DEGREE.search(t) for t in texts):
                continue
            return dimension
    return None


# a whole count, bare or with its unit word ('46 orang')
COUNT = re.compile(r"^\d{1,3}(?:[.,]\d{3})*(?:\s+[A-Za-z]+\.?)?$")
COUNT_SHARE = 0.6


def _is_count_column(texts: list[str]) -> bool:
    """The cells that print a figure are mostly whole counts ('12', '1.204', '46 orang'):
    what a staff table tallies. A cell that lost its figure ('orang') is not held against it."""
    figures = [t.strip() for t in texts if re.search(r"\d", t)]
    if not figures or figures == [str(k) for k in range(1, len(figures) + 1)]:
        return False  # no figures, or only the row numbers 1, 2, 3 …
    return sum(1 for t in figures if COUNT.match(t)) >= COUNT_SHARE * len(figures)


def _staff_rows(table: LogicalTable) -> str | None:
    """A column of staff category words beside a column of counts: the dimension, or None.
    Without the counts the words are prose ('SD' and 'SMP' in a spatial-plan review)."""
    n_cols = max((len(r) for r in table.rows), default=0)
    columns = [[r[i].text if i < len(r) else "" for r in table.rows] for i in range(n_cols)]
    for i, labels in enumerate(columns):
        dimension = staff_dimension_of_values(labels)
        if dimension and any(_is_count_column(c) for k, c in enumerate(columns) if k != i):
            return dimension
    return None


# The IKU form: how an indicator is defined or computed, and where its data come from.
IKU_DEFINITION = ("definisi", "formulasi", "formula", "rumus", "carapengukuran",
                  "dasarpertimbangan", "alasan")
IKU_SOURCE = ("sumberdata", "penanggungjawab")


def _defines_indicators(head: str) -> bool:
    """A definition column beside a data-source or responsible column, whatever the
    indicator column is called ('URAIAN' on a scanned decree)."""
    return _has(head, *IKU_DEFINITION) and _has(head, *IKU_SOURCE)


# An asset inventory (Kartu Inventaris Barang) prints rupiah values of goods held, not a
# budget: its money columns must not make it an 'anggaran' table no curator can read.
ASSET_HEADS = ("kodebarang", "namabarang", "jumlahbarang", "jenisbarang", "namaaset")


@dataclass
class Evidence:
    """The words a table's caption and header print, read once, so each rule of `RULES` is
    a plain predicate over them. Squashed ('Realis asi' → 'realisasi') because OCR splits
    words; the caption's money words are read unsquashed (whole words only)."""

    table: LogicalTable
    cap: str  # squashed label and caption
    head: str  # squashed column names, space-joined
    years: frozenset[int]  # the years the column names print

    @classmethod
    def of(cls, table: LogicalTable) -> Evidence:
        cap = squash((table.label or "") + " " + (table.caption or ""))
        head = " ".join(squash(c) for c in table.columns)
        years = frozenset(int(y) for c in table.columns for y in YEAR.findall(c))
        return cls(table, cap, head, years)

    def head_has(self, *needles: str) -> bool:
        return _has(self.head, *needles)

    def cap_has(self, *needles: str) -> bool:
        return _has(self.cap, *needles)

    @cached_property
    def has_target(self) -> bool:
        """A target column: by its word ('Besaran/Volume': a proposal's target), or any
        header the column vocabulary reads as a target ('Rencana 2014', 'Kondisi Kinerja
        pada Akhir Periode')."""
        return self.head_has("target", "targ", "besaran") or any(
            e is not None and e.role == "target" for e in self.vocab_entries)

    @cached_property
    def vocab_entries(self) -> tuple[Entry | None, ...]:
        """The header vocabulary's entry for each column, read whole, once."""
        return tuple(_vocab_entry(c) for c in self.table.columns)

    @cached_property
    def has_real(self) -> bool:
        return self.head_has("realisasi", "realis", "reali")

    @cached_property
    def has_capaian(self) -> bool:
        return self.head_has("capaian", "%", "kemajuan")

    @cached_property
    def has_indicator(self) -> bool:
        return self.head_has("indikator", "iku", "sasaran")

    @cached_property
    def money(self) -> bool:
        return any(MONEY_WORDS.search(c) for c in self.table.columns)

    @cached_property
    def money_caption(self) -> bool:
        return bool(MONEY_WORDS.search(self.table.caption or ""))

    @cached_property
    def performance_words(self) -> bool:
        """Indicator, target or realisasi columns: the gate to the performance kinds."""
        return self.has_indicator or self.has_target or self.has_real

    @cached_property
    def staff_dimension(self) -> str | None:
        """The staff category the rows list beside counts; only read (it scans every cell)
        for a table with no performance or money column, which such rows cannot outvote."""
        if self.has_target or self.has_real or self.has_capaian or self.money:
            return None
        return _staff_rows(self.table)

    @property
    def n_years(self) -> int:
        return len(self.years)

    @cached_property
    def plan_years(self) -> frozenset[int]:
        """The years of the columns that are not a dated baseline: 'Eksisting 2013 | Target
        2016' plans one year (an annual plan), not several (a Renstra)."""
        return frozenset(int(y) for c, e in zip(self.table.columns, self.vocab_entries, strict=True)
                         if not (e is not None and e.measure == "baseline") for y in YEAR.findall(c))


def _vocab_entry(column: str) -> Entry | None:
    """The header vocabulary's entry for a column name, or None."""
    return first_match(Header(squash(column), column.lower(), False, bool(YEAR.search(column))))



def _ikk_with_data(e: Evidence) -> bool:
    """An IKK (Indikator Kinerja Kunci) table with its data columns (numerator, isian data)."""
    named = e.head_has("ikk", "indikatorkinerjakunci") or e.cap_has("indikatorkinerjakunci")
    return named and e.head_has("isiandata", "numerator", "pembilang", "penyebut")


def _staff_header(e: Evidence) -> bool:
    """Staff dimensions in the header or a staff caption, with no target or money column
    (a Renstra staffing-needs table plans targets and is not a count)."""
    staff_head = e.head_has("lakilaki", "perempuan", "golongan", "pendidikan", "jabatan",
                            "bezzeting")
    staff_cap = e.cap_has("pegawai", "pns", "asn", "aparatur", "personil", "bezzeting")
    staff_words = staff_cap or e.head_has("jabatan", "golongan", "bezzeting", "kebutuhan")
    return (staff_head or staff_cap) and staff_words and not e.has_target and not e.money


def _budget_revision(e: Evidence) -> bool:
    """A caption naming a budget over before / after columns, with no indicator or realisasi."""
    before_after = e.head_has("sebelum", "sesudah", "setelah", "uraian")
    return e.money_caption and not e.has_indicator and not e.has_real and before_after


def _renstra_targets(e: Evidence) -> bool:
    """Targets without realisasi, for several years or up to the Renstra's end."""
    return (e.has_target and not e.has_real
            and (len(e.plan_years) >= 2 or e.head_has("renstra", "akhir")))


@dataclass(frozen=True)
class Rule:
    """One classification rule: the first whose predicate holds gives the table its kind.
    `reason` may name an Evidence attribute in braces ('{e.n_years}')."""

    kind: str
    holds: Callable[[Evidence], bool]
    reason: str


#: the rules in the order they are tried; the order is the tie-break (an IKU form before a
#: budget, a budget before the performance kinds, the caption before the header's targets)
RULES: tuple[Rule, ...] = (
    Rule("other", lambda e: not e.table.rows, "no data rows"),
    Rule("other", lambda e: e.head_has(*ASSET_HEADS),
         "asset inventory (barang and their value), not a budget"),
    Rule("iku", lambda e: (e.head_has("definisi", "formulasi", "formula") and e.has_indicator
                           and not e.has_real),
         "definition columns (definisi / formulasi / penanggung jawab)"),
    Rule("ikk", _ikk_with_data, "IKK indicator with data columns"),
    Rule("iku", lambda e: (_defines_indicators(e.head)
                           and not (e.has_target or e.has_real or e.money)),
         "definition and data-source columns without figures (IKU form)"),
    Rule("spm", lambda e: any(RATIO_FORMULA.search(c) for c in e.table.columns),
         "a column states its formula over two numbered columns (SPM)"),
    Rule("efisiensi", lambda e: e.head_has("efisiensi") or e.cap_has("efisiensi"),
         "efisiensi column or caption"),
    Rule("staffing", _staff_header, "staff counts by jabatan / golongan / pendidikan / sex"),
    Rule("staffing", lambda e: bool(e.staff_dimension),
         "rows list staff categories ({e.staff_dimension}) with counts"),
    Rule("anggaran", _budget_revision, "caption names a budget; before / after columns"),
    Rule("realisasi_anggaran", lambda e: e.money and (e.has_real or e.head_has("sisa")),
         "pagu / anggaran with realisasi columns"),
    Rule("anggaran", lambda e: e.money and not e.has_indicator and not e.has_capaian,
         "pagu / anggaran columns without realisasi"),
    Rule("anggaran", lambda e: e.money and e.head_has("sebelum", "sesudah", "setelah", "murni",
                                                      "perubahan", "pagu"),
         "budget before / after change"),
    Rule("renstra_progress", lambda e: e.performance_words and (
        e.head_has("kemajuan") or e.cap_has("jangkamenengah", "kemajuan")),
         "progress against the Renstra end target"),
    Rule("capaian_history", lambda e: e.performance_words and e.n_years >= 2 and e.has_real,
         "realisasi for {e.n_years} years"),
    Rule("perjanjian_kinerja", lambda e: (e.performance_words and not e.has_real and e.cap_has(
        "perjanjiankinerja", "penetapankinerja")),
         "caption names the Perjanjian Kinerja"),
    Rule("renstra_target", _renstra_targets,
         "targets for several years"),
    Rule("capaian_kinerja", lambda e: e.has_target and e.has_real,
         "target and realisasi columns"),
    Rule("capaian_kinerja", lambda e: e.has_real and e.head_has("nasional"),
         "realisasi against a national standard"),
    Rule("perjanjian_kinerja", lambda e: e.has_target and not e.has_real and e.has_indicator,
         "indicator targets without realisasi"),
    Rule("capaian_kinerja", lambda e: e.has_capaian and e.has_indicator,
         "indicator capaian column"),
)
FALLBACK = Rule("other", lambda e: True, "no performance, budget or staffing vocabulary")


def classify(table: LogicalTable) -> tuple[str, str]:
    """Return (kind, reason): the first rule of `RULES` that holds."""
    evidence = Evidence.of(table)
    rule = next((r for r in RULES if r.holds(evidence)), FALLBACK)
    return rule.kind, rule.reason.format(e=evidence)
