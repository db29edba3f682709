"""One finding per printed error: mismatch checks that rest on the same printed figure.

Several checks often see one error. A capaian cell that disagrees with its row's arithmetic
and with the other tables is two checks on one cell; a table the report restates prints
the same wrong row again; five rows held against one reference figure are one disagreement
about that figure; a kegiatan amount with two digits swapped breaks its own sum and its
programme's. Listing each check buries the auditor in repeats, so checks are joined when
any of these keys, each a statement about the printed page, is shared:

- *cell*: the same reported figure on the same printed row (the line of a text file, or
  table, row and page of a PDF);
- *reference*: cross-table checks of the same subject held against the same reference value;
- *restated*: the same check on the same subject finding the same two figures in another
  table (a table printed twice carries its error twice);
- *part*: a sum whose printed part is itself a mismatch that accounts for the whole gap.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from pipeline.audit import Check

PARTS_RE = re.compile(r"parts at lines/pages ([\d, ]+) sum to")
SUM_FIELD_RE = re.compile(r": (\w+) = sum of ")
PART_SLACK = 0.001  # share of the gap a part must explain, rounding of the other parts aside


@dataclass
class Finding:
    """The checks that see one printed error; `primary` is the largest of them, the other
    tables that print or confirm the same error are its corroboration."""

    checks: list[Check]
    primary: Check = field(init=False)

    def __post_init__(self) -> None:
        self.checks.sort(key=lambda c: (-c.size, c.line or 0, c.page or 0, c.check_id))
        self.primary = self.checks[0]

    @property
    def finding_id(self) -> str:
        return self.primary.check_id

    @property
    def size(self) -> float:
        return self.primary.size

    @property
    def kinds(self) -> list[str]:
        return sorted({c.kind for c in self.checks})

    @property
    def corroboration(self) -> list[Check]:
        """One check per other place (table and row) that shows the same error."""
        seen = {(self.primary.table_id, self.primary.line, self.primary.row_no)}
        out = []
        for c in self.checks[1:]:
            place = (c.table_id, c.line, c.row_no)
            if place not in seen:
                seen.add(place)
                out.append(c)
        return out


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def cell_key(c: Check) -> tuple | None:
    """The printed cell a check's reported figure comes from."""
    if c.reported is None:
        return None
    if c.line:  # a text file's line is one printed row, whatever table it was read into
        return ("cell", c.doc_id, c.line, _r(c.reported))
    if c.page is None and c.row_no is None:
        return None
    return ("cell", c.doc_id, c.table_id, c.row_no, c.page, _r(c.reported))


def reference_key(c: Check) -> tuple | None:
    """A cross-table check names its subject and the reference value it was held against."""
    if c.kind != "cross_table" or c.recomputed is None:
        return None
    return ("reference", c.doc_id, c.subject, _r(c.recomputed))


def restated_key(c: Check) -> tuple | None:
    """The same check finding the same two figures on the same subject."""
    if c.reported is None or c.recomputed is None:
        return None
    return ("restated", c.doc_id, c.kind, c.subject, _r(c.reported), _r(c.recomputed))


KEYS = (cell_key, reference_key, restated_key)


def _part_edges(items: list[Check]) -> list[tuple[int, int]]:
    """A footing sum whose gap is exactly a mismatching part's own gap, with the opposite
    sign: the part was printed wrong and the sum only inherited it."""
    by_line = _sums_by_line(items)
    edges = []
    for i, parent in enumerate(items):
        edges += [(i, j) for j in _inherited_from(i, parent, items, by_line)]
    return edges


def _sums_by_line(items: list[Check]) -> dict[tuple, list[int]]:
    """The footing sums with a gap, by (document, table, line or page, field): where a
    parent's detail points when it lists its parts."""
    by_line: dict[tuple, list[int]] = defaultdict(list)
    for i, c in enumerate(items):
        if (m := SUM_FIELD_RE.search(c.subject or "")) and c.diff is not None:
            by_line[(c.doc_id, c.table_id, c.line or c.page, m.group(1))].append(i)
    return by_line


def _inherited_from(i: int, parent: Check, items: list[Check],
                    by_line: dict[tuple, list[int]]) -> list[int]:
    """The parts of a mismatching sum, among those its detail lists, whose own gap cancels
    the sum's."""
    parts = PARTS_RE.search(parent.detail or "")
    field_match = SUM_FIELD_RE.search(parent.subject or "")
    if not parts or not field_match or parent.diff is None:
        return []
    found = []
    for where in {int(p) for p in parts.group(1).replace(" ", "").split(",") if p}:
        for j in by_line.get((parent.doc_id, parent.table_id, where, field_match.group(1)), []):
            child = items[j]
            if j != i and abs(parent.diff + child.diff) <= PART_SLACK * abs(child.diff):
                found.append(j)
    return found


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        self.parent[self.find(i)] = self.find(j)


def group(items: list[Check]) -> list[Finding]:
    """Mismatch checks joined into findings, ordered by document, then table (in print
    order, prose last), then size."""
    union = _Union(len(items))
    first: dict[tuple, int] = {}
    for i, c in enumerate(items):
        for key_of in KEYS:
            if (key := key_of(c)) is not None:
                union.join(i, first.setdefault(key, i))
    for i, j in _part_edges(items):
        union.join(i, j)
    members: dict[int, list[Check]] = defaultdict(list)
    for i, c in enumerate(items):
        members[union.find(i)].append(c)
    return sorted((Finding(m) for m in members.values()), key=finding_order)


def finding_order(f: Finding) -> tuple:
    p = f.primary
    table_at = p.table_line or p.table_page or 0
    return (p.file_name, p.table_id is None, table_at, p.table_id or "", -f.size,
            p.line or 0, p.page or 0)
