"""Score `read_metadata` against a hand-read manifest: doc_type, fiscal year, entity.

A dev tool, not part of the pipeline. Usage:

    python scripts/metadata_corpus.py CORPUS_DIR MANIFEST.tsv [--no-ocr] [--cache DIR]

CORPUS_DIR holds the files named in the manifest's `name` column (directly or under
`files/`). Lines are extracted with the project's own extractors, as `kinerja` would, so the
score is the pipeline's; `--cache` keeps them as JSON so a second run scores in seconds.
With `--no-ocr`, files whose `text_layer` is `no` are not read and are listed apart, since
only OCR (minutes per file) gives them any text.

Manifest type names are mapped onto kinerja's taxonomy (`TYPE_MAP`); a Renstra's year is
the period ('2013-2018'): right when renstra_start/renstra_end match and fiscal_year is
NULL or a year inside the period. Entity matching is loose (manifest names are notes by a
reader, with parentheses and acronyms), so both names are printed for the reader to judge.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from pipeline.metadata import Metadata, read_metadata

TYPE_MAP: dict[str, set[str]] = {
    "lkip": {"LKjIP"}, "lakip": {"LKjIP"}, "lkjip": {"LKjIP"},
    "renja": {"Renja"}, "rkt/renja": {"RKT", "Renja"}, "rkt": {"RKT"},
    "renstra": {"Renstra"}, "pk": {"PK"}, "iku": {"IKU"}, "lppd": {"LPPD"},
    "cascading": {"Cascading"},
    "evaluasi renja": {"Evaluasi Renja"},
    "monev rencana aksi": {"Evaluasi Renja"},
    "realisasi kinerja triwulan": {"Evaluasi Renja"},
    "publikasi kinerja triwulan": {"Evaluasi Renja"},
}
ENTITY_STOP = {"dan", "daerah", "provinsi", "prov", "kota", "kab", "kabupaten", "the", "of"}


@dataclass
class Row:
    """One manifest line with what read_metadata said about the file."""

    name: str
    manifest: dict[str, str]
    meta: Metadata | None
    skipped: str = ""


def find_file(corpus: Path, name: str) -> Path | None:
    """The manifest names a file; it may sit in the folder itself or in `files/`."""
    for candidate in (corpus / name, corpus / "files" / name):
        if candidate.exists():
            return candidate
    return None


def extract_lines(path: Path, ocr: bool) -> list[str]:
    """The document's lines, as the pipeline's extractor gives them."""
    if path.suffix.lower() == ".docx":
        from extractors import docx

        return docx.extract(path).lines
    from extractors import pdf

    if ocr:
        return pdf.extract(path).lines
    pages, _ = pdf.read_pages(path, ocr=False)
    return pdf.layout_pages(pages).lines


def cached_lines(path: Path, cache: Path | None, ocr: bool) -> list[str]:
    """Lines from the cache when there, else extracted (and cached)."""
    if cache is None:
        return extract_lines(path, ocr)
    key = cache / f"{path.name}{'' if ocr else '.noocr'}.json"
    if key.exists():
        return json.loads(key.read_text())
    lines = extract_lines(path, ocr)
    cache.mkdir(parents=True, exist_ok=True)
    key.write_text(json.dumps(lines, ensure_ascii=False))
    return lines


def type_right(manifest: str, predicted: str) -> bool:
    """The manifest's type name mapped onto the taxonomy; any accepted name is right."""
    return predicted in TYPE_MAP.get(manifest.strip().lower(), {manifest.strip()})


def year_right(manifest: str, meta: Metadata) -> bool:
    """A single year must equal fiscal_year; a period 'A-B' must be the Renstra period, with
    fiscal_year NULL or a (review) year inside it."""
    period = re.fullmatch(r"\s*(\d{4})\s*[-–]\s*(\d{4})\s*", manifest)
    if period:
        start, end = int(period.group(1)), int(period.group(2))
        inside = meta.fiscal_year is None or start <= meta.fiscal_year <= end
        return (meta.renstra_start, meta.renstra_end) == (start, end) and inside
    return manifest.strip().isdigit() and meta.fiscal_year == int(manifest)


def _words(text: str) -> set[str]:
    text = re.sub(r"\([^)]*\)", " ", text.lower())
    return {w for w in re.findall(r"[a-z0-9]+", text) if w not in ENTITY_STOP}


def entity_right(manifest: str, predicted: str | None) -> bool | None:
    """Loose: every significant manifest word in the prediction, or the manifest's acronym
    among the prediction's words or initials. None when the manifest does not know."""
    if manifest.lower().startswith("unknown"):
        return None
    if not predicted:
        return False
    want, got = _words(manifest), _words(predicted)
    if want and want <= got:
        return True
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z]+", predicted)
                       if w.lower() not in {"dan", "and"})
    return any(w in got or w == initials.lower() for w in want) and len(want) == 1


def read_manifest(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def score(corpus: Path, manifest: Path, ocr: bool, cache: Path | None) -> list[Row]:
    """read_metadata on every manifest file (scans skipped without OCR)."""
    rows = []
    for entry in read_manifest(manifest):
        path = find_file(corpus, entry["name"])
        if path is None:
            rows.append(Row(entry["name"], entry, None, "file not found"))
        elif not ocr and entry.get("text_layer", "").strip() == "no":
            rows.append(Row(entry["name"], entry, None, "scan (text_layer no), --no-ocr"))
        else:
            print(f"… {entry['name']}", file=sys.stderr, flush=True)
            rows.append(Row(entry["name"], entry, read_metadata(
                cached_lines(path, cache, ocr), path.name)))
    return rows


def _mark(ok: bool | None) -> str:
    return {True: "ok", False: "XX", None: "--"}[ok]


def report(rows: list[Row], verbose: bool) -> None:
    """Per document predicted vs manifest, then the totals."""
    totals = {"type": 0, "year": 0, "entity": 0, "entity_known": 0}
    scored = [r for r in rows if r.meta is not None]
    for r in scored:
        m, meta = r.manifest, r.meta
        t = type_right(m["doc_type"], meta.doc_type)
        y = year_right(m["fiscal_year"], meta)
        e = entity_right(m["agency"], meta.entity)
        totals["type"] += t
        totals["year"] += y
        totals["entity"] += bool(e)
        totals["entity_known"] += e is not None
        period = f" [{meta.renstra_start}-{meta.renstra_end}]" if meta.renstra_start else ""
        print(f"{r.name}\n  type {_mark(t)} {meta.doc_type!r} vs {m['doc_type']!r}"
              f" | year {_mark(y)} {meta.fiscal_year}{period} vs {m['fiscal_year']}"
              f" | entity {_mark(e)} {meta.entity!r} vs {m['agency']!r}"
              f" | region {meta.region!r} vs {m['region']!r}")
        if verbose:
            for note in meta.notes:
                print(f"    - {note}")
    n = len(scored)
    print(f"\nscored {n}: type right {totals['type']}/{n}, year right {totals['year']}/{n}, "
          f"entity right {totals['entity']}/{totals['entity_known']} (manifest-known)")
    for r in rows:
        if r.meta is None:
            print(f"not scored: {r.name} ({r.skipped})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("manifest", type=Path)
    parser.add_argument("--no-ocr", action="store_true", help="skip scans (text_layer no)")
    parser.add_argument("--cache", type=Path, help="folder for extracted lines (JSON)")
    parser.add_argument("-v", "--verbose", action="store_true", help="print the evidence notes")
    args = parser.parse_args(argv)
    report(score(args.corpus, args.manifest, not args.no_ocr, args.cache), args.verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
