"""The registry of check kinds: every kind a check may record, with the one-line meaning the
CLI's `--kind` choices, its help and the README's checks table are held to (a test asserts
each kind is documented in both). A check of a kind not listed here is a programming error."""

from __future__ import annotations

CHECK_KINDS: dict[str, str] = {
    "capaian": "realisasi / target × 100 (or a lower-is-better formula) against the printed capaian",
    "polarity": "a lower-is-better indicator scored with the higher-is-better formula",
    "renstra_progress": "realisasi / Renstra end target × 100",
    "budget_capaian": "realisasi / pagu × 100 against the printed absorption",
    "footing": "sub kegiatan → kegiatan → programme → unit → total sums; before + change = after",
    "staff_total": "L + P = Jumlah, and a cross-tab's categories against its Jumlah",
    "staff_cross": "civil servants by sex counted alike in two staff tables",
    "ikk": "numerator / denominator × 100 of an LPPD key indicator or SPM row",
    "cross_table": "the same figure printed differently in two tables of one document",
    "efisiensi": "the printed 'Efisien' / 'Tidak Efisien' against the rule the report states",
    "summary_mean": "an E.81 mean of capaian against the mean of its rows",
    "narrative": "figures stated in prose against the tables, and sentences that contradict themselves",
    "predikat": "the printed criterion against the document's own scale or Permendagri 86/2017",
}


def known(kind: str) -> str:
    """`kind` itself, once it is known to be registered."""
    if kind not in CHECK_KINDS:
        raise ValueError(f"unregistered check kind {kind!r}; add it to pipeline/check_kinds.py")
    return kind
