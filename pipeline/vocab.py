"""Words the reports use for structure, shared by reconstruction and curation."""

from __future__ import annotations

import re

# An org-unit section row: 'KELURAHAN MANGGAR', 'KEL. LAMARU', 'KECAMATAN' — but not the tail
# 'DESA DAN KELURAHAN' of a programme name broken across a page.
SECTION_HEAD = re.compile(
    r"^(KELURAHAN|KEL\.|KECAMATAN|DESA|UPT|UPTD|SEKRETARIAT|BAGIAN|BIDANG|DINAS|BADAN|INSPEKTORAT)"
    r"(\s+(?!DAN\b)\S.*)?$"
)
# What an amount cell prints for nil.
NIL_AMOUNTS = frozenset({"-", "–", "—", "-,-", "Rp -", "Rp-"})
# A header naming a row-number column: 'No', 'No.', 'NO. URAIAN …', 'Nomor'.
NUMBER_HEAD = re.compile(r"^\s*(?:no|nomor)\b", re.IGNORECASE)
TOTAL_HEAD = re.compile(r"^(JUMLAH|TOTAL|GRAND TOTAL|SUB ?TOTAL)\b", re.IGNORECASE)


def is_section_head(text: str) -> bool:
    """All-caps org-unit label; mixed case ('Kelurahan Manggar' in prose) does not count."""
    text = text.strip()
    return bool(SECTION_HEAD.match(text)) and text.upper() == text


CODE_PREFIX = re.compile(r"^[\dX][\dX.]*\s*-\s*")


def section_unit(texts: list[str]) -> str | None:
    """The org unit a section row opens ('KELURAHAN KARANG JOANG', or with its code
    '7.01.0.00.0.00.04.00002 - KELURAHAN KARANG JOANG'), title-cased; None for other rows."""
    filled = [t.strip() for t in texts if t.strip()]
    if len(filled) != 1:
        return None
    name = CODE_PREFIX.sub("", filled[0])
    # A bare 'KECAMATAN' heads the report's own entity's rows: no separate unit.
    return name.title() if is_section_head(name) and len(name.split()) >= 2 else None


# --- budget levels and footing-check wording, shared by the checks and the SQL views ---------
# (kept here, not in pipeline/checks/footing.py, so that the views — and so every database
# open — need not import the checks)
LEVEL_ORDER = ("total", "unit", "program", "kegiatan", "sub_kegiatan")
DISTRUSTED = "so its row levels are not trusted"
HIERARCHY_FORMULA = "sum(%) of %"  # LIKE pattern of every hierarchy sum's formula (_sum_check)
