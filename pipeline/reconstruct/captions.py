"""Step: captions. The table's label and title, read from the lines printed above its first
piece ('Tabel 2.4 Perjanjian Kinerja', or a bare appendix title). A step of its own because
it reads the text around a table, never its cells, and classification leans on its output."""

from __future__ import annotations

import re
from dataclasses import dataclass

_LABEL_NUMBER = r"(?:[A-Z]{1,3}\s*[-–.]\s*){0,2}\d{1,2}(?:\s*\.\s*\d{1,3}){0,3}"
CAPTION_RE = re.compile(
    r"^[\s*_#|]*(?P<word>tabel|table)\s*\.?\s*(?P<num>" + _LABEL_NUMBER + r")\b\s*\.?\s*[:\-–]?\s*"
    r"(?P<title>.*)$",
    re.IGNORECASE,
)
MAX_CAPTION_LINE = 300
MAX_TITLE_LINES = 4


@dataclass
class Caption:
    label: str | None
    title: str
    line: int


def parse_caption_line(text: str) -> tuple[str, str] | None:
    """`'Tabel 2.4.Perjanjian Kinerja'` → `('Tabel 2.4', 'Perjanjian Kinerja')`."""
    if len(text) > MAX_CAPTION_LINE:
        return None
    m = CAPTION_RE.match(text.strip())
    if not m:
        return None
    num = re.sub(r"\s+", "", m.group("num")).rstrip(".")
    num = num.replace("–", "-")
    title = m.group("title").strip().strip("*_|").strip()
    return f"Tabel {num}", title


def find_caption(preceding: list[tuple[int, str]]) -> Caption | None:
    """The last caption line above a table, with any title lines printed under it."""
    for idx in range(len(preceding) - 1, -1, -1):
        line_no, text = preceding[idx]
        parsed = parse_caption_line(text)
        if parsed is None:
            continue
        label, title = parsed
        extra = [t for _, t in preceding[idx + 1 :]]
        if len(extra) <= MAX_TITLE_LINES and all(len(t) < 200 for t in extra):
            title = " ".join([title, *extra]).strip()
        return Caption(label=label, title=_clean_title(title), line=line_no)
    return _title_block(preceding)


MONTHS = "Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember"
# Signature blocks, links and dates sit above appendix tables too; they are not titles.
NOT_A_TITLE = re.compile(
    rf"https?://|\bNIP\b|,\s*(S\.\w+|SE|SH|MM|MT|M\.\w+)\b|\b({MONTHS})\s+20\d\d|^(Camat|Lurah|Kepala)\b",
    re.IGNORECASE,
)


def _title_block(preceding: list[tuple[int, str]]) -> Caption | None:
    """Appendix tables often print a bare title ('**Kerangka Pendanaan ...**', 'Formulir
    E.81') instead of a numbered caption: take the short non-prose lines right above."""
    block: list[tuple[int, str]] = []
    for line_no, text in reversed(preceding):
        bare = text.strip("*_ ")
        if _not_a_title_line(bare):
            break
        block.insert(0, (line_no, bare))
        if len(block) == 4 or text.lstrip().startswith("**"):
            break
    if not block:
        return None
    return Caption(label=None, title=_clean_title(" ".join(t for _, t in block)), line=block[0][0])


def _not_a_title_line(bare: str) -> bool:
    """Prose (long, ending in ':' ',' ';', several sentences), a list item, a signature
    line, a link or a date: where a bare title block above a table ends."""
    if len(bare) > 150 or bare.endswith((":", ",", ";")) or bare.count(". ") > 1:
        return True
    return bool(re.match(r"^(\d+\.|[a-z]\.|-)\s", bare) or NOT_A_TITLE.search(bare))


def _clean_title(title: str) -> str:
    title = re.sub(r"[*_]+", "", title)
    title = re.sub(r"\.{3,}\s*\d*$", "", title)  # table-of-contents dot leaders
    return re.sub(r"\s+", " ", title).strip(" .:")
