"""Words the reports use for structure, shared by reconstruction and curation."""

from __future__ import annotations

import re

# An org-unit section row: 'KELURAHAN MANGGAR', 'KEL. LAMARU', 'KECAMATAN' — but not the tail
# 'DESA DAN KELURAHAN' of a programme name broken across a page.
SECTION_HEAD = re.compile(
    r"^(KELURAHAN|KEL\.|KECAMATAN|DESA|UPT|UPTD|SEKRETARIAT|BAGIAN|BIDANG)(\s+(?!DAN\b)\S.*)?$"
)
TOTAL_HEAD = re.compile(r"^(JUMLAH|TOTAL|GRAND TOTAL|SUB ?TOTAL)\b", re.IGNORECASE)


def is_section_head(text: str) -> bool:
    """All-caps org-unit label; mixed case ('Kelurahan Manggar' in prose) does not count."""
    text = text.strip()
    return bool(SECTION_HEAD.match(text)) and text.upper() == text
