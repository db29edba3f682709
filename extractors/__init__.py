"""kinerja's extractors, registered by file suffix: a new input format is one entry here.

Each is named 'module:function' and imported on first use, so reading a text report never
loads the PDF stack (pdfplumber, OCR) and a missing optional dependency costs only its format.
Every extractor takes (path, limits) and returns a `pipeline.model.Document`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

EXTRACTORS: dict[str, str] = {
    ".txt": "extractors.text:extract",
    ".md": "extractors.text:extract",
    ".markdown": "extractors.text:extract",
    ".text": "extractors.text:extract",
    ".pdf": "extractors.pdf:extract",
    ".docx": "extractors.docx:extract",
}


def extractor_for(suffix: str) -> Callable | None:
    """The extractor of a file suffix ('.pdf', any case), or None when none reads it."""
    name = EXTRACTORS.get(suffix.lower())
    if name is None:
        return None
    module, _, function = name.partition(":")
    return getattr(importlib.import_module(module), function)
