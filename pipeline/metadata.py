"""Document metadata by evidence: type, fiscal year, entity, region, Renstra period.

A report names itself in a few places: its cover ('RENCANA KERJA (RENJA) / TAHUN 2017 /
BADAN ...'), sentences that refer to the document ('Laporan Kinerja ... Tahun 2016 merupakan',
'Renja ini disusun'), its headings and captions, and its table headers ('Target 2016'). The
body also *mentions* other documents all the time: an LKjIP cites its Renja, PK and Renstra on
every page, and every report cites regulations ('Peraturan Gubernur Nomor 19 Tahun 2015').
So each field is decided by weighted votes, where a place counts by how surely it names the
document itself (`WEIGHTS`): a cover line outweighs many body mentions, a cited regulation's
year is no vote at all, and a table cell never names the entity. Where the votes are weak or
split, the field stays NULL. Every decision, and every refusal, is written to `notes` with the
line or words it rests on (stored as `documents.metadata_notes`).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath

HEAD_LINES = 400  # the front pages: where headings and the preface name the document
COVER_MAX_LINES = 30  # non-blank lines before the first prose line that can be a cover
MIN_YEAR, MAX_YEAR = 2000, date.today().year + 2

# How surely a place names the document itself, not another document it mentions.
WEIGHTS = {
    "cover": 10.0,  # the title page, or the title block over the first table
    "file name": 4.0,  # weak: chosen by whoever uploaded it, outranked by the cover
    "self": 3.0,  # a sentence naming this document ('Renja ini', 'penyusunan LKjIP')
    "running": 3.0,  # a running header/footer left by the extractor, with its page number
    "heading": 1.0,  # a short line: heading, caption, table title
    "title header": 3.0,  # a document that opens on a table: its header is its only title
    "table header": 1.0,  # first row of a table ('Target 2016 | Realisasi 2016')
    "body": 0.25,  # a mention in prose
}
MIN_TYPE_SCORE = 1.5  # more than a single heading or a few mentions
MIN_YEAR_SCORE = 2.0
YEAR_MARGIN = 1.5  # the winning year must outvote the runner-up by this factor

# The taxonomy, most specific first: a line is claimed by the first type it matches, so
# 'Evaluasi Hasil Pelaksanaan Renja' is an evaluation, not a Renja, and 'Laporan Kinerja'
# an LKjIP, not a PK. 'Evaluasi Renja' is the in-year realisation/evaluation of the Renja or
# of the PK's action plan, usually quarterly (Permendagri 86/2017 form E.81, 'Monev Rencana
# Aksi', 'Realisasi Kinerja Triwulan').
DOC_TYPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("Evaluasi Renja", re.compile(
        r"\b(evaluasi|realisasi|monev|monitoring|pengendalian)\b[\w\s()/,-]{0,50}?"
        r"\b(renja|rencana\s+kerja|rencana\s+aksi|triwulan)\b"
        r"|\b(publikasi|laporan|capaian)\s+kinerja\s+triwulan"
        r"|\b(triwulan|triw|tw)\.?\s+(i{1,3}|iv|[1-4]|pertama|kedua|ketiga|keempat)\b", re.I)),
    ("Cascading", re.compile(r"\bcascading\b|\bpohon\s+kinerja\b", re.I)),
    ("LPPD", re.compile(
        r"laporan\s+penyelenggaraan\s+pemerintah(an)?\s+daerah|\bLPPD\b", re.I)),
    ("LKjIP", re.compile(
        r"\bLKj?IP\b|\bLAKIP\b|\bL\s+A\s+K\s+I\s+P\b"
        r"|laporan\s+(akuntabilitas\s+)?kinerja(\s+instansi)?", re.I)),
    ("IKU", re.compile(r"\bIKU\b|indikator\s+kinerja\s+utama", re.I)),
    ("Renstra", re.compile(r"\brenstra\b|rencana\s+strategis", re.I)),
    ("RKT", re.compile(r"\bRKT\b|rencana\s+kinerja\s+tahunan", re.I)),
    ("Renja", re.compile(r"\brenja\b|rencana\s+kerja\b", re.I)),
    ("PK", re.compile(r"(?i:perjanjian\s+kinerja|penetapan\s+kinerja)|\bPK\b")),
)

# A sentence about the document itself: '<type> ini', 'penyusunan <type>', '<type> disusun'.
SELF_BEFORE = re.compile(r"\b(penyusunan|menyusun|disusunnya|dokumen)\s+$", re.I)
SELF_AFTER = re.compile(r"^\s*(\([^)]{1,15}\)\s*)?((?:[A-Z0-9][\w./-]*|dan|&),?\s+){0,10}"
                        r"(ini|disusun|merupakan)\b")  # only the document's name in between

# A cited regulation: its year, and the title after 'tentang', are the regulation's, never the
# report's ('Permenpan Nomor 53 Tahun 2014 tentang Petunjuk Teknis Perjanjian Kinerja').
REGULATION = re.compile(
    r"(\b(nomor|no|nor)\b\.?\s*:?\s*[\w./-]{1,30}(\s+(tahun|th\.?)\s+\d{4})?"
    r"|\b(undang[\s-]*undang|UU|PP|perda|perpres|perkada|pergub|perbup|perwal|permendagri"
    r"|permenpan(\s*[-&]?\s*RB)?|kepmendagri|inpres|keppres|instruksi\s+presiden"
    r"|peraturan|keputusan|surat\s+edaran|lembaran\s+negara|lembaran\s+daerah|berita\s+daerah)\b"
    r"[^.;|\n]{0,80}?\btahun\s+\d{4}"
    r"|\btahun\s+\d{4}(?=\s+tentang\b)"
    r"|\btahun\s+(anggaran\s+)?\d{4}(?=\s*\(?\s*(lembaran|berita|tambahan)\b))"
    r"(\s+tentang\b[^.;()|]*)?", re.I)
# A bound of a cumulative span ('realisasi s/d tahun 2014', 'sejak 2010') is not the year the
# document reports on.
CUTOFF = re.compile(r"\b(s\.?\s*/\s*d\.?(\s+dengan)?|sampai\s+dengan|hingga|sejak|sebelum)\s+"
                    r"(tahun\s+(berjalan\s+)?)?\d{4}", re.I)
# A running header or footer ('RENJA BPMPD TAHUN 2015 | II - 4') names the document.
PAGE_MARK = re.compile(r"\b[IVX]{1,4}\s*[-–]\s*\d{1,3}\s*$|\bhal(aman)?\.?\s*\d{1,3}\s*$", re.I)
SENTENCE_END = re.compile(r";|\.(?=\s*$|\s+[A-Z])")
MONTHS = (r"januari|februari|pebruari|maret|april|mei|juni|juli|agustus|september|oktober"
          r"|nopember|november|desember|jan|feb|peb|mar|apr|jun|jul|agt|agu|agust|sep|sept|okt"
          r"|nov|nop|des")
DATE = re.compile(rf"\b(\d{{1,2}}\s+)?({MONTHS})\.?\s+\d{{4}}", re.I)
PERIOD = re.compile(r"\b(20\d\d)\s*(?:[-–—/]|s\.?\s*/?\s*d\.?|sampai(?:\s+dengan)?)\s*(20\d\d)\b",
                    re.I)
# A year inside a reference number ('Kep.236-BKPD/2010') or before a dash is no vote.
YEAR = re.compile(r"(?<![\w/.-])(20\d\d)(?![\w/-])")
# 'Tahun lalu 2016' is the year before the document's.
LAST_YEAR = re.compile(r"\btahun\s+lalu\s*(\(n\s*-\s*1\))?\s*:?\s*(20\d\d)\b", re.I)
YEAR_LABEL = re.compile(r"\b(tahun(\s+anggaran)?|T\.?\s?A\.?|periode|triwulan\s+\w+)\s*:?\s*$",
                        re.I)

# Words that open an agency's name, and agencies known by their acronym alone ('BPBD').
ACRONYM_HEADS = {"bappeda", "bpbd", "bkad", "bkpsdm", "bpkad", "bapenda", "diskominfo",
                 "disnaker", "kesbangpol", "rsud", "rsj"}
AGENCY_HEADS = (r"dinas|badan|biro|inspektorat|sekretariat|satuan\s+polisi|satpol\s+pp|kantor"
                r"|kecamatan|kelurahan|rumah\s+sakit|direktorat|balai|bagian|"
                + "|".join(sorted(ACRONYM_HEADS)))
AGENCY = re.compile(rf"\b({AGENCY_HEADS})\b", re.I)
ACRONYMS = ACRONYM_HEADS | {"dprd", "skpd", "uptd", "setda", "iptek"}
REGION_KINDS = {"provinsi": "Provinsi", "prov.": "Provinsi", "kota": "Kota",
                "kabupaten": "Kabupaten", "kab.": "Kabupaten"}
YEARISH = re.compile(r"^\d")
NAME_STOP = re.compile(r"^((tahun|provinsi|prov\.|kabupaten|kab\.|kota|periode|nomor|jl\.?|jalan"
                       r"|telp|alamat|rencana|laporan|perjanjian|pemerintah|ta\.?|kata|daftar|bab"
                       r"|ikhtisar|ringkasan|pendahuluan|visi|misi)(?=\W|$)|\d)",
                       re.I)
SIGNATORY = re.compile(r"\s*jabatan\s*:\s*(plt\.?\s*)?(kepala|direktur|sekretaris|camat|lurah)?\s*",
                       re.I)
LOWER_WORDS = {"dan", "di", "ke", "dari", "yang", "atau", "serta", "untuk"}
# Words that end a name in prose even when capitalised at a line's start.
FUNCTION_WORDS = {"ini", "itu", "dalam", "yang", "dengan", "merupakan", "pada", "sebagai",
                  "tentang", "adalah", "maka", "telah", "disusun", "berdasarkan", "sesuai",
                  "tersebut", "akan", "untuk", "oleh", "melalui", "bahwa"}


@dataclass
class Metadata:
    doc_type: str = "unknown"
    entity: str | None = None
    region: str | None = None
    fiscal_year: int | None = None
    renstra_start: int | None = None  # first year of the Renstra period ('Renstra 2021-2026')
    renstra_end: int | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class Place:
    """One line of evidence: its text, where it sits (a WEIGHTS key) and its line number."""

    text: str
    zone: str
    line: int  # 1-based; 0 for the file name
    clean: str = ""  # the text with citations blanked (see _clean)
    year_text: str = ""  # clean, with periods ('2013-2018', wrapped too) blanked as well
    after: str = ""  # the next non-blank line: a name may run on there
    early: bool = True  # in the front pages, where the document names its type

    def own_text(self) -> str:
        return self.clean


def read_metadata(lines: list[str], file_name: str | None = None) -> Metadata:
    """Type, fiscal year, entity, region and Renstra period of one document, each from the
    places that name the document itself; `file_name` is weak evidence the cover outranks."""
    places = _places(lines, file_name)
    meta = Metadata()
    meta.doc_type = _doc_type(places, meta.notes)
    _period(places, meta)
    meta.fiscal_year = _fiscal_year(places, meta)
    meta.entity, meta.region = _entity_and_region(places, meta)
    return meta


# ---------------------------------------------------------------- where the evidence sits

def _is_table_row(text: str) -> bool:
    return " | " in text or "\t" in text or text.startswith("| ") or text.endswith(" |")


def _is_prose(text: str) -> bool:
    """A sentence, not a title: several words, a good share of them lower-case."""
    words = re.findall(r"[A-Za-z][\w'-]*", text)
    if len(words) < 7:
        return False
    lower = sum(w[0].islower() and w.lower() not in LOWER_WORDS for w in words)
    return lower / len(words) >= 0.3


def _cover_end(lines: list[str]) -> int:
    """Index after the cover: the leading non-blank lines before the first prose line, the
    first table, or COVER_MAX_LINES. A document that opens on 'BAB I' has a cover of headings
    that name nothing, which is harmless; one that opens on a table keeps the title above it."""
    seen = 0
    for i, raw in enumerate(lines):
        text = raw.strip().strip("*").strip()
        if not text:
            continue
        seen += 1
        if _is_table_row(raw) or _is_prose(text) or seen > COVER_MAX_LINES:
            return i
    return len(lines)


def _zone(text: str, raw: str, previous: Place | None, in_cover: bool) -> str:
    """Where a line sits: cover, running header/footer, table header or cell, heading,
    a sentence naming the document, or body. A short line that continues a sentence
    ('Tahun 2016 tentang ...') is body, not a heading."""
    if in_cover:
        return "cover"
    if PAGE_MARK.search(text) and len(text.split()) <= 12:
        return "running"
    if _is_table_row(raw):
        if previous is None:
            return "title header"
        return "table" if previous.zone.endswith(("table", "header")) else "table header"
    if _is_heading(text):
        return "heading"
    return "self" if _self_reference(text) else "body"


def _is_heading(text: str) -> bool:
    """A heading or caption: short, numbered ('2.1', 'BAB II', 'Tabel 3') or in title case,
    and not a wrapped piece of a sentence ('Jawa Barat Tahun 2015 adalah sebagai berikut:')."""
    words = [w for w in re.findall(r"[A-Za-z][\w'-]*", text) if w.lower() not in LOWER_WORDS]
    if (not words or len(text.split()) > 14 or text.endswith((",", ";")) or text[0].islower()
            or text.split()[-1].lower() in LOWER_WORDS):
        return False
    numbered = re.match(r"(BAB\b|[IVX]+\.\s|\d+(\.\d+)*\.?\s|[a-z][.)]\s|(tabel|gambar|grafik"
                        r"|lampiran)\b)", text, re.I)
    capitals = sum(w[0].isupper() for w in words) / len(words)
    return capitals >= 0.7 or bool(numbered) and capitals >= 0.5


def _clean(before: str, text: str, open_citation: bool) -> tuple[str, str, bool]:
    """The line with citations blanked, read together with the previous line, since a
    citation wraps ('... Nomor 53' / 'Tahun 2014 tentang Petunjuk Teknis PK'); a regulation's
    title ('tentang ...') runs on until a '.' or ';'. Returns the clean text, the same with
    periods blanked, and whether a title is still open at the line's end."""
    line = f"{before} {text}"
    joined = _strip_citations(line)
    offset = len(before) + 1
    stop = SENTENCE_END.search(text) if open_citation else None
    if open_citation:
        cut = offset + (stop.end() if stop else len(text))
        joined = " " * cut + joined[cut:]
    matches = list(REGULATION.finditer(line))
    last = matches[-1] if matches else None
    still_open = bool(last and "tentang" in last.group(0).lower()
                      and last.end() >= len(line) - 1) or (open_citation and not stop)
    periods = PERIOD.sub(lambda m: " " * len(m.group(0)), joined)
    return joined[offset:], periods[offset:], still_open


def _places(lines: list[str], file_name: str | None) -> list[Place]:
    """Every non-blank line with its zone and cleaned text; the front pages are `early`."""
    places: list[Place] = []
    if file_name:
        stem = re.sub(r"[_.+]+", " ", PurePath(file_name).stem)
        places.append(Place(stem, "file name", 0, stem, stem))
    cover_end = _cover_end(lines)
    previous: Place | None = None
    open_citation = False
    for i, raw in enumerate(lines):
        text = re.sub(r"\s+", " ", raw.replace("*", " ")).strip()
        if not text:
            continue
        before = previous.text if previous else ""
        clean, year_text, open_citation = _clean(before, text, open_citation)
        place = Place(text, _zone(text, raw, previous, i < cover_end), i + 1, clean, year_text,
                      early=i < max(HEAD_LINES, cover_end))
        if previous:
            previous.after = text
        places.append(place)
        previous = place
    return places


def _self_reference(text: str) -> bool:
    """Does this prose line name the document it is in ('Renja ini', 'penyusunan LKIP')?"""
    for _, pattern in DOC_TYPES:
        for m in pattern.finditer(text):
            if SELF_BEFORE.search(text[: m.start()]) or SELF_AFTER.match(text[m.end():]):
                return True
    return False


# ---------------------------------------------------------------- document type

def _line_type(text: str) -> str | None:
    """The first (most specific) type a line names."""
    for name, pattern in DOC_TYPES:
        if pattern.search(text):
            return name
    return None


def _doc_type(places: list[Place], notes: list[str]) -> str:
    """The type with the most weighted votes; a cover line outweighs body mentions."""
    scores, best_place = _type_votes(places)
    if not scores:
        notes.append("doc_type unknown: no title, heading or sentence names a document type")
        return "unknown"
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    name, score = ranked[0]
    summary = ", ".join(f"{n} {s:g}" for n, s in ranked[:4])
    if score < MIN_TYPE_SCORE:
        notes.append(f"doc_type unknown: evidence too weak ({summary})")
        return "unknown"
    notes.append(f"doc_type {name}: votes {summary}; strongest {_where(best_place[name])}")
    return name


def _type_votes(places: list[Place]) -> tuple[dict[str, float], dict[str, Place]]:
    """Weighted votes per type from the front pages' lines, and each type's strongest line."""
    scores: dict[str, float] = defaultdict(float)
    best_place: dict[str, Place] = {}
    for place in places:
        weight = WEIGHTS.get(place.zone, 0.0) if place.early else 0.0
        name = _line_type(place.clean) if weight else None
        if name:
            scores[name] += weight
            best = best_place.get(name)
            if best is None or WEIGHTS[best.zone] < weight:
                best_place[name] = place
    return scores, best_place


def _where(place: Place) -> str:
    at = "file name" if place.line == 0 else f"line {place.line} ({place.zone})"
    return f"{at} '{place.text[:90]}'"


# ---------------------------------------------------------------- years

def _strip_citations(text: str) -> str:
    """Blank out what names another document or a year that is not the report's: cited
    regulations with their titles, dates, and bounds of cumulative spans."""
    for pattern in (REGULATION, DATE, CUTOFF):
        text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    return text


def _years(text: str, labelled_only: bool) -> list[int]:
    """Single years on a cleaned line; in prose only those labelled ('Tahun 2016'). A year
    called last year's ('tahun lalu 2016') votes for the year after it."""
    found = [int(m.group(2)) + 1 for m in LAST_YEAR.finditer(text)]
    text = LAST_YEAR.sub(lambda m: " " * len(m.group(0)), text)
    for m in YEAR.finditer(text):
        if labelled_only and not YEAR_LABEL.search(text[: m.start()]):
            continue
        found.append(int(m.group(1)))
    return [y for y in found if MIN_YEAR <= y <= MAX_YEAR]


def _named_years(text: str, doc_type: str) -> list[int]:
    """Years printed with the document's own type name ('Rencana Kerja Dinas X Tahun 2017',
    'LKIP Tahun 2016 ini'): the way a document names itself."""
    pattern = dict(DOC_TYPES).get(doc_type)
    if pattern is None or _line_type(text) != doc_type:
        return []  # 'Evaluasi Pelaksanaan Renja 2016' names another document, not this Renja
    found = []
    for m in pattern.finditer(text):
        named = re.match(r"[^.;|]{0,80}?\btahun\s+(anggaran\s+)?(20\d\d)\b", text[m.end():], re.I)
        if named and _line_type(named.group(0)) is None:
            found.append(int(named.group(2)))
    return found


def _period(places: list[Place], meta: Metadata) -> None:
    """A Renstra's period ('Renstra 2013-2018'), from the cover or lines naming a Renstra."""
    votes = _period_votes(places)
    if votes and (meta.doc_type == "Renstra" or max(votes.values()) >= MIN_YEAR_SCORE):
        (start, end), score = max(votes.items(), key=lambda kv: kv[1])
        meta.renstra_start, meta.renstra_end = start, end
        meta.notes.append(f"renstra period {start}-{end}: {score:g} weighted votes")
        return
    _period_named_anywhere(places, meta)


def _period_votes(places: list[Place]) -> dict[tuple[int, int], float]:
    """Weighted votes per span of three to six years, from the front pages' cover lines and
    lines naming a Renstra."""
    votes: dict[tuple[int, int], float] = defaultdict(float)
    for place in places:
        weight = WEIGHTS.get(place.zone, 0.0)
        own = place.clean
        if not place.early or place.zone != "cover" and _line_type(own) != "Renstra":
            continue
        for a, b in PERIOD.findall(own):
            if 3 <= int(b) - int(a) <= 6:
                votes[(int(a), int(b))] += weight
    return votes


RENSTRA_NAMED = re.compile(r"Renstra\)?[^\n]{0,80}?(20\d\d)\s*[-–—]\s*(20\d\d)", re.I)


def _period_named_anywhere(places: list[Place], meta: Metadata) -> None:
    """An LKjIP or Renja measures against the Renstra it names in its body ('Renstra
    2021-2026', often only in chapter II): the period stated most often, wherever it is."""
    periods = Counter((int(a), int(b)) for place in places if place.line
                      for a, b in RENSTRA_NAMED.findall(place.text) if 3 <= int(b) - int(a) <= 6)
    if periods:
        (start, end), n = periods.most_common(1)[0]
        meta.renstra_start, meta.renstra_end = start, end
        meta.notes.append(f"renstra period {start}-{end}: stated {n} times in the text")


def _year_votes(places: list[Place], doc_type: str) -> tuple[dict[int, float], dict[int, Place]]:
    """Weighted votes per year: every zone votes (prose only in the front pages and only for
    labelled years), and a year printed with the document's type name votes as 'self'."""
    votes: dict[int, float] = defaultdict(float)
    first: dict[int, Place] = {}
    for place in places:
        prose = place.zone in ("body", "self")
        weight = 0.0 if prose and not place.early else WEIGHTS.get(place.zone, 0.0)
        if not weight:
            continue
        _add_years(votes, first, place, _years(place.year_text, prose), weight)
        if place.zone != "cover":
            for year in set(_named_years(place.clean, doc_type)):
                votes[year] += WEIGHTS["self"]
    return votes, first


def _add_years(votes: dict[int, float], first: dict[int, Place], place: Place,
               years: list[int], weight: float) -> None:
    """Each year a line prints votes once with the line's weight; the strongest line that
    printed it is kept to say where the year came from."""
    for year in set(years):
        votes[year] += weight
        if year not in first or WEIGHTS[first[year].zone] < weight:
            first[year] = place


def _clear_winner(votes: dict[int, float]) -> bool:
    ranked = sorted(votes.values(), reverse=True) + [0.0]
    return ranked[0] >= MIN_YEAR_SCORE and ranked[0] >= YEAR_MARGIN * ranked[1]


def _fiscal_year(places: list[Place], meta: Metadata) -> int | None:
    """The year with the most weighted votes, if it clearly wins: the cover's votes alone
    when they decide, else every place's (a report's tables repeat last year's figures on
    every page, which must not outvote its title). A Renstra covers a period:
    its fiscal year is NULL unless its cover names a single (review) year besides it."""
    if meta.doc_type == "Renstra":
        places = [p for p in places if p.zone in ("cover", "file name")]
    cover = [p for p in places if p.zone == "cover"]
    votes, where = _year_votes(cover, meta.doc_type)
    if not _clear_winner(votes):
        votes, where = _year_votes(places, meta.doc_type)
    if not votes:
        meta.notes.append("fiscal_year NULL: no year outside cited regulations and dates")
        return None
    ranked = sorted(votes.items(), key=lambda kv: -kv[1])
    year, score = ranked[0]
    summary = ", ".join(f"{y} {s:g}" for y, s in ranked[:4])
    if not _clear_winner(votes):
        meta.notes.append(f"fiscal_year NULL: no clear winner ({summary})")
        return None
    meta.notes.append(f"fiscal_year {year}: votes {summary}; strongest {_where(where[year])}")
    return year


# ---------------------------------------------------------------- entity and region

def _title_case(words: str) -> str:
    out = []
    for w in words.split():
        if w.lower() in LOWER_WORDS:
            out.append(w.lower())
        elif w.isupper() and (len(w) <= 3 or w.lower() in ACRONYMS or re.search(r"\d", w)):
            out.append(w)  # acronyms: PP, DPRD, BPBD, BP3IPTEK
        else:
            out.append(w.capitalize())
    return " ".join(out)


def _name_at(text: str, start: int) -> str:
    """The agency name starting at `start`: words up to a region, year or address. A region
    word ends the name only after two words, so 'Kecamatan Kota Bangun' stays whole."""
    words: list[str] = []
    for word in text[start:].split():
        bare = word.strip(",;:")
        if _name_ends_before(words, word, bare):
            break
        words.append(bare)
        if word.endswith((";", ":", ".")):
            break
    while words and words[-1].lower() in LOWER_WORDS:
        words.pop()
    return " ".join(words)


def _name_ends_before(words: list[str], word: str, bare: str) -> bool:
    """A name ends before a separator or a bracket, a region word after two words, a year
    after one, or a word that carries the sentence on ('Dinas Kominfo ini, maka ...')."""
    if words and (word in {"|", ":", "-"} or word.startswith("(")):
        return True
    if len(words) >= 2 and NAME_STOP.match(bare) or len(words) == 1 and YEARISH.match(bare):
        return True
    return bool(words and (bare.lower() in FUNCTION_WORDS
                           or bare[:1].islower() and bare.lower() not in LOWER_WORDS))


def _agency_in(text: str) -> str | None:
    """The first agency name in a line: two words at least ('Dinas Perkebunan'), or an
    agency's own acronym ('BPBD')."""
    for m in AGENCY.finditer(text):
        name = _name_at(text, m.start())
        if len(name.split()) >= 2 or m.group(1).lower() in ACRONYM_HEADS:
            return name
    return None


def _cover_text(places: list[Place]) -> list[Place]:
    """Cover lines joined where a name runs over lines ('BADAN PEMBERDAYAAN MASYARAKAT' /
    'DAN PEMERINTAHAN DESA'): each cover line with its continuation lines."""
    cover = [p for p in places if p.zone == "cover"]
    joined = []
    for i, place in enumerate(cover):
        text = place.clean  # a regulation's title names other agencies
        for nxt in cover[i + 1: i + 4]:
            if AGENCY.match(nxt.text) or NAME_STOP.match(nxt.text) or _is_prose(nxt.text):
                break
            text += " " + nxt.clean
        joined.append(Place(text, "cover", place.line))
    return joined


def _signatory_agency(places: list[Place]) -> tuple[str, Place] | None:
    """A PK's first party, 'Jabatan : Kepala Badan X', on its first page: the agency whose
    head signs is the one the agreement binds."""
    for place in places[:40]:
        m = SIGNATORY.match(place.clean)
        if m:
            name = _agency_in(place.clean[m.end():])
            if name:
                return name, place
    return None


def _named_after_type(place: Place) -> str | None:
    """In a sentence naming the document, the agency right after the type's name: 'Laporan
    Kinerja Instansi Pemerintah (LKIP) Dinas Permukiman ...', 'Renja ini' names none."""
    text = f"{place.own_text()} {place.after}"
    for _, pattern in DOC_TYPES:
        for m in pattern.finditer(text):
            rest = re.match(r"\s*(instansi\s+pemerintah\s*)?(\([^)]{1,15}\)\s*)?", text[m.end():],
                            re.I)
            start = m.end() + (rest.end() if rest else 0)
            if AGENCY.match(text, start):
                name = _agency_in(text[start:])
                if name:
                    return name
    return None


def _entity_and_region(places: list[Place], meta: Metadata) -> tuple[str | None, str | None]:
    """The agency printed on the cover, else the one a sentence naming the document names
    right after the type ('LKIP Dinas Perkebunan Tahun 2016'); never a table cell. An LPPD's
    entity is the regional government itself."""
    region = _region(places, meta.notes)
    if meta.doc_type == "LPPD":
        return _region_entity(region, meta.notes), region
    return _agency_entity(places, meta), region


def _region_entity(region: str | None, notes: list[str]) -> str | None:
    """An LPPD's entity: the government of its region, unknown without the region."""
    if region:
        notes.append(f"entity 'Pemerintah {region}': an LPPD reports for the region")
        return f"Pemerintah {region}"
    return None


def _agency_entity(places: list[Place], meta: Metadata) -> str | None:
    """The cover's agency, a PK's signing party's, else the one named after the type."""
    for place in _cover_text(places):
        name = _agency_in(place.text)
        if name:
            return _entity(name, place, meta.notes)
    signatory = _signatory_agency(places) if meta.doc_type == "PK" else None
    if signatory:
        return _entity(signatory[0], signatory[1], meta.notes)
    for place in places:
        name = _named_after_type(place) if place.zone in ("self", "body", "heading") else None
        if name:
            return _entity(name, place, meta.notes)
    meta.notes.append("entity NULL: no agency on the cover or named after the document's "
                      "type in its text")
    return None


def _entity(name: str, place: Place, notes: list[str]) -> str:
    entity = _title_case(name)
    notes.append(f"entity '{entity}': {_where(place)}")
    return entity


def _regions_in(text: str) -> list[str]:
    """Regions a line names ('PROVINSI JAWA BARAT', 'Kota Tangerang'), not the 'Kota' of a
    kecamatan's name; the name keeps the case of its kind word, so a cover's 'KOTA
    BALIKPAPAN' stops before the motto printed after it."""
    words = text.split()
    found = []
    for i, word in enumerate(words):
        kind = REGION_KINDS.get(word.lower().strip(",:;"))
        if not kind or i and words[i - 1].lower() in ("kecamatan", "kelurahan", "desa"):
            continue
        name = _region_words(word, words[i + 1: i + 4])
        if name:
            found.append(f"{kind} {_title_case(' '.join(name))}")
    return found


def _region_words(kind_word: str, following: list[str]) -> list[str]:
    """The capitalised words after a region's kind word, in its case, up to a stop word, an
    agency word or a punctuation mark that closes the name."""
    name = []
    for nxt in following:
        bare = nxt.strip(",.;:()")
        if (not bare or not bare[0].isupper() or NAME_STOP.match(bare)
                or AGENCY.fullmatch(bare) or kind_word.isupper() != bare.isupper()):
            break
        name.append(bare)
        if nxt[-1] in ",.;:)":
            break
    return name


def _region(places: list[Place], notes: list[str]) -> str | None:
    """The region printed on the cover ('PEMERINTAH PROVINSI JAWA BARAT'), else the one the
    prose names most often (three times at least); table cells are not read."""
    cover = _regions_in(" ".join(p.text for p in places if p.zone == "cover"))
    if cover:
        notes.append(f"region '{cover[0]}': on the cover")
        return cover[0]
    counts: dict[str, int] = defaultdict(int)
    for place in places:
        if place.zone in ("self", "body", "heading"):
            for region in _regions_in(place.text):
                counts[region] += 1
    if not counts:
        notes.append("region NULL: none named on the cover or in the text")
        return None
    region, n = max(counts.items(), key=lambda kv: kv[1])
    if n < 3:
        notes.append(f"region NULL: '{region}' named only {n} times")
        return None
    notes.append(f"region '{region}': named {n} times in the text of the first pages")
    return region
