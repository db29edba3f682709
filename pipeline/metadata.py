"""Document metadata from the cover and preface: type, entity, region, fiscal year.

Covers are OCR'd title pages ('LAPORAN AKUNTABILITAS INSTANSI PEMERINTAH (L A K I P)
KECAMATAN BALIKPAPAN TIMUR 2023'), so each field is read by the simplest rule that holds on
the first few hundred lines, and every guess is explained in `notes`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

HEAD_LINES = 400

DOC_TYPES = (
    ("LPPD", re.compile(r"laporan\s+penyelenggaraan\s+pemerintah(an)?\s+daerah|\bLPPD\b", re.I)),
    ("Renja", re.compile(r"rencana\s+kerja\b|\bRENJA\b", re.I)),
    ("LKjIP", re.compile(
        r"\bLKj?IP\b|\bLAKIP\b|L\s*A\s*K\s*I\s*P|laporan\s+(akuntabilitas\s+)?kinerja\s+instansi", re.I)),
    ("PK", re.compile(r"^\s*perjanjian\s+kinerja\b", re.I | re.M)),
)

ENTITY_RE = re.compile(
    r"\b(Kecamatan|Kelurahan|Dinas|Badan|Inspektorat|Sekretariat|Satuan Polisi|Kantor)"
    r"\s+((?:[A-Z][\w'/-]*|dan|&)(?:\s+(?:[A-Z][\w'/-]*|dan|&)){0,6})",
)
REGION_RE = re.compile(
    r"\b(Kota|Kabupaten|Provinsi)\s+([A-Z][a-zA-Z]+(?:\s+[A-Z][a-zA-Z]+){0,2})"
)
YEAR_RE = re.compile(r"\b(?:tahun(?:\s+anggaran)?\s+)?(20[0-4]\d)\b", re.I)
STOP_WORDS = {"Tahun", "Kota", "Kabupaten", "Provinsi", "Yang", "Dalam", "Nomor"}


@dataclass
class Metadata:
    doc_type: str = "unknown"
    entity: str | None = None
    region: str | None = None
    fiscal_year: int | None = None
    renstra_start: int | None = None  # first year of the Renstra period ('Renstra 2021-2026')
    renstra_end: int | None = None
    notes: list[str] = field(default_factory=list)


LOWER_WORDS = {"dan", "di", "ke", "dari", "yang", "atau", "serta", "untuk"}


def _title_case(words: str) -> str:
    out = []
    for w in words.split():
        if w.lower() in LOWER_WORDS:
            out.append(w.lower())
        elif w.isupper() and len(w) <= 3:
            out.append(w)  # acronyms: PD, DPRD's short forms
        else:
            out.append(w.capitalize())
    return " ".join(out)


def _trim_entity(name: str) -> str:
    words = name.split()
    out = []
    for w in words:
        if w.capitalize() in STOP_WORDS:
            break
        out.append(w)
    return " ".join(out)


def read_metadata(lines: list[str]) -> Metadata:
    head = "\n".join(lines[:HEAD_LINES])
    meta = Metadata()
    for doc_type, pattern in DOC_TYPES:
        if pattern.search("\n".join(lines[:80])):
            meta.doc_type = doc_type
            meta.notes.append(f"doc_type {doc_type}: title words on the cover")
            break
    else:
        for doc_type, pattern in DOC_TYPES:
            if pattern.search(head):
                meta.doc_type = doc_type
                meta.notes.append(f"doc_type {doc_type}: title words in the first pages")
                break

    normalised = re.sub(r"\s+", " ", head.replace("*", " "))
    cover_entity = _cover_entity(lines[:80])
    entities: Counter[str] = Counter()
    for m in ENTITY_RE.finditer(_title_case_upper_runs(normalised)):
        name = _trim_entity(f"{m.group(1)} {m.group(2)}")
        if len(name.split()) >= 2:
            entities[name] += 1
    if meta.doc_type != "LPPD" and cover_entity:
        meta.entity = cover_entity
        meta.notes.append(f"entity '{meta.entity}': printed on its own line on the cover")
    elif meta.doc_type != "LPPD" and entities:
        meta.entity, n = entities.most_common(1)[0]
        meta.notes.append(f"entity '{meta.entity}': named {n} times in the first pages")

    regions = Counter(
        f"{m.group(1).capitalize()} {_title_case(m.group(2))}"
        for m in REGION_RE.finditer(_title_case_upper_runs(normalised))
        if not re.search(r"(Kecamatan|Kelurahan|Desa)\s+$", normalised[: m.start()][-30:], re.I)
        and not (cover_entity and cover_entity.endswith(f"{m.group(1)} {m.group(2)}"))
    )
    cover_region = re.search(
        r"PEMERINTAH\s+(KOTA|KABUPATEN|PROVINSI)\s+([A-Z][A-Z ]+?)\s*$",
        "\n".join(lines[:80]).replace("*", ""), re.M,
    )
    if cover_region:
        meta.region = f"{cover_region.group(1).capitalize()} {_title_case(cover_region.group(2))}"
        meta.notes.append(f"region '{meta.region}': 'PEMERINTAH ...' on the cover")
        if meta.doc_type == "LPPD":
            meta.entity = f"Pemerintah {meta.region}"
    elif regions:
        best, n = regions.most_common(1)[0]
        kind, name = best.split(" ", 1)
        meta.region = f"{kind} {_trim_entity(name)}"
        meta.notes.append(f"region '{meta.region}': named {n} times in the first pages")
        if meta.doc_type == "LPPD":
            meta.entity = f"Pemerintah {meta.region}"
    meta.fiscal_year = _fiscal_year(lines, meta)
    periods = Counter(
        (int(a), int(b))
        for a, b in RENSTRA_RE.findall("\n".join(lines))
        if 3 <= int(b) - int(a) <= 6
    )
    if periods:
        (meta.renstra_start, meta.renstra_end), n = periods.most_common(1)[0]
        meta.notes.append(
            f"renstra period {meta.renstra_start}-{meta.renstra_end}: stated {n} times"
        )
    return meta


RENSTRA_RE = re.compile(r"Renstra\)?[^\n]{0,80}?(20\d\d)\s*[-–—]\s*(20\d\d)", re.I)


COVER_ENTITY = re.compile(
    r"^\s*\**\s*((?:KECAMATAN|KELURAHAN|DINAS|BADAN|INSPEKTORAT|SEKRETARIAT)\s+[A-Z][A-Z .'&/-]+?)"
    r"\s*\**\s*$"
)


def _cover_entity(lines: list[str]) -> str | None:
    """An agency name printed alone on a cover line ('KECAMATAN KOTA BANGUN'), possibly split
    over lines ('KECAMATAN' / 'BALIKPAPAN' / 'UTARA')."""
    joined = [ln.strip().strip("*").strip() for ln in lines]
    for i, text in enumerate(joined):
        m = COVER_ENTITY.match(text)
        if m:
            return _title_case(m.group(1))
        if text in ("KECAMATAN", "KELURAHAN", "DINAS", "BADAN"):
            parts = [text]
            for nxt in joined[i + 1 : i + 4]:
                if not nxt or not nxt.isupper() or len(nxt.split()) > 3:
                    break
                parts.append(nxt)
            if len(parts) > 1:
                return _title_case(" ".join(parts))
    return None


def _title_case_upper_runs(text: str) -> str:
    """'KECAMATAN BALIKPAPAN TIMUR' → 'Kecamatan Balikpapan Timur' so one regex reads both."""
    return re.sub(r"\b[A-Z]{2,}(?:\s+[A-Z]{2,})*\b", lambda m: m.group(0).title(), text)


def _fiscal_year(lines: list[str], meta: Metadata) -> int | None:
    """The year the report is about: the cover's year, else the commonest 'Tahun 20xx'."""
    cover = "\n".join(lines[:60])
    m = re.search(r"tahun(?:\s+anggaran)?\s+(20[0-4]\d)", cover, re.I)
    if m:
        meta.notes.append(f"fiscal_year {m.group(1)}: 'Tahun {m.group(1)}' on the cover")
        return int(m.group(1))
    bare = [int(y) for y in re.findall(r"^\s*\**\s*(20[0-4]\d)\s*\**\s*$", cover, re.M)]
    if bare:
        meta.notes.append(f"fiscal_year {bare[0]}: year printed alone on the cover")
        return bare[0]
    counts = Counter(int(y) for y in re.findall(r"tahun(?:\s+anggaran)?\s+(20[0-4]\d)",
                                                 "\n".join(lines[:HEAD_LINES]), re.I))
    if counts:
        year, n = counts.most_common(1)[0]
        meta.notes.append(f"fiscal_year {year}: commonest 'Tahun {year}' in the first pages ({n}x)")
        return year
    return None
