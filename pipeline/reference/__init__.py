"""Reference tables shipped inside the package: the budget nomenclature and the indicator
catalog (see README.md here).

They are package data read through `importlib.resources`, so an installed wheel finds them
wherever (and however) it is installed. A missing file raises rather than returning an
empty table: without them every indicator silently keeps its own key and budget rows lose
their nomenclature level, which looks like a working extraction but is not one.
"""

from __future__ import annotations

import csv
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # importlib.resources.abc is 3.11+; annotations only
    from importlib.resources.abc import Traversable


class MissingReferenceData(FileNotFoundError):
    """A reference table that should ship with kinerja is not in the installed package."""


def reference_file(name: str) -> Traversable:
    """The packaged reference file `name`; raises MissingReferenceData when it is absent,
    naming the resource, because the installation (not the input) is then at fault."""
    folder = resources.files(__name__)
    found = folder / name
    if not found.is_file():
        raise MissingReferenceData(
            f"kinerja's reference file pipeline/reference/{name} is missing from the installed "
            f"package ({folder}); reinstall kinerja from a wheel built with its package data")
    return found


def read_rows(name: str) -> list[dict[str, str]]:
    """Every row of the packaged CSV `name` as a dict keyed by its header."""
    with reference_file(name).open("r", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))
