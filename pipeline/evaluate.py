"""Score extraction against the hand-verified expectations in tests/fixtures/gold.

A gold record counts as found when a curated row printed on the same line carries every
number of the record (null where the gold is null). Matching is one-to-one, so one curated
row cannot satisfy two expectations. A listed discrepancy counts as flagged when a
`mismatch` check on its line reports the same printed and recomputed figures.

    python -m pipeline.evaluate --gold tests/fixtures/gold --reports tests/fixtures/reports
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import click

from pipeline.model import DocumentResult
from pipeline.run import process_document

SECTIONS = {
    "performance": ("target", "realisasi", "capaian_reported"),
    "budget": ("pagu", "realisasi", "capaian_reported"),
    "staffing": ("count",),
}


@dataclass
class SectionScore:
    expected: int = 0
    found: int = 0
    misses: list[dict] = field(default_factory=list)

    @property
    def share(self) -> float | None:
        return self.found / self.expected if self.expected else None


@dataclass
class DocScore:
    doc: str
    sections: dict[str, SectionScore]


def same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-6)


def _expected_numbers(section: str, rec: dict) -> dict[str, float | None]:
    fields = list(SECTIONS[section])
    if section == "budget" and "pagu_before" in rec:
        fields.append("pagu_before")
    values = {f: rec.get(f) for f in fields}
    scale = rec.get("scale") or 1
    if section == "budget" and scale != 1:
        for f in ("pagu", "realisasi", "pagu_before"):
            if values.get(f) is not None:
                values[f] = values[f] * scale
    return values


def _match(section: str, gold: list[dict], rows: list[dict]) -> SectionScore:
    score = SectionScore(expected=len(gold))
    by_line: dict[int, list[dict]] = {}
    for r in rows:
        by_line.setdefault(r.get("line"), []).append(r)
    used: set[int] = set()
    for rec in gold:
        want = _expected_numbers(section, rec)
        lines = [rec.get("line")] + list(rec.get("continued_from_lines", []))
        hit = None
        for line in lines:
            for cand in by_line.get(line, []):
                if id(cand) in used:
                    continue
                if section == "performance" and rec.get("year") and cand.get("year") != rec["year"]:
                    continue
                if all(same(cand.get(f), v) for f, v in want.items()):
                    hit = cand
                    break
            if hit:
                break
        if hit is not None:
            used.add(id(hit))
            score.found += 1
        else:
            score.misses.append(rec)
    return score


def _flagged(discrepancies: list[dict], checks: list[dict]) -> SectionScore:
    score = SectionScore(expected=len(discrepancies))
    mismatches = [c for c in checks if c["status"] == "mismatch"]
    for d in discrepancies:
        lines = {d.get("line"), *d.get("related_lines", [])}
        ok = any(
            c.get("line") in lines
            and same_loose(c.get("reported"), d.get("reported"))
            and same_loose(c.get("recomputed"), d.get("recomputed"))
            for c in mismatches
        )
        score.found += ok
        if not ok:
            score.misses.append(d)
    return score


def same_loose(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return False
    return abs(float(a) - float(b)) <= 0.011 + 1e-9 * abs(float(b))


def score_document(gold: dict, result: DocumentResult) -> DocScore:
    sections = {
        name: _match(name, gold.get(name, []), result.tables.get(name, [])) for name in SECTIONS
    }
    sections["discrepancies"] = _flagged(gold.get("discrepancies", []), result.tables.get("checks", []))
    return DocScore(doc=gold["doc"], sections=sections)


def evaluate(gold_dir: Path, reports_dir: Path) -> list[DocScore]:
    scores = []
    for gold_file in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        report = reports_dir / gold["doc"]
        if not report.exists():
            raise click.ClickException(f"{gold_file}: report {report} not found")
        scores.append(score_document(gold, process_document(report)))
    return scores


def format_table(scores: list[DocScore]) -> str:
    names = ["performance", "budget", "staffing", "discrepancies"]
    lines = ["| report | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
    for s in scores:
        cells = []
        for n in names:
            sec = s.sections[n]
            cells.append("—" if sec.share is None else f"{sec.found}/{sec.expected} ({sec.share:.1%})")
        lines.append(f"| {s.doc[:3]} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


@click.command()
@click.option("--gold", "gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=Path("tests/fixtures/gold"), show_default=True)
@click.option("--reports", "reports_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=Path("tests/fixtures/reports"), show_default=True)
@click.option("--misses", "show_misses", default=0, show_default=True,
              help="Print up to N missed records per section, to see what to fix.")
def main(gold_dir: Path, reports_dir: Path, show_misses: int) -> None:
    """Print the share of gold records found with every number right, per sample report."""
    scores = evaluate(gold_dir, reports_dir)
    click.echo(format_table(scores))
    if show_misses:
        for s in scores:
            for name, sec in s.sections.items():
                for rec in sec.misses[:show_misses]:
                    click.echo(f"MISS {s.doc[:3]} {name} line {rec.get('line')}: "
                               + json.dumps({k: rec.get(k) for k in (
                                   "table", "year", "target", "realisasi", "capaian_reported",
                                   "pagu", "pagu_before", "count", "reported", "recomputed")
                                   if rec.get(k) is not None}, ensure_ascii=False))


if __name__ == "__main__":
    main()
