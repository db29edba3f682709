"""Compare pdfminer's and pdfium's page objects (extractors/page_source.py), page by page.

    python scripts/compare_page_sources.py FILE.pdf... [--tolerance 0.5] [--show 5]

For every page: the glyphs (text and box, matched in order after sorting by line and x;
spaces aside), the words pdfplumber extracts, the rulings its table finder sees (`edges`) and
the rect/line/curve/image counts. Prints
one line per page with a difference and a summary; exit status 1 when any page differs beyond
the tolerance (points)."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from extractors.page_source import open_pdf

KEYS = ("x0", "top", "x1", "bottom")


def _chars(page) -> list[dict]:
    """The page's glyphs, spaces aside: pdfminer keeps every space of a run of blank glyphs
    and a line's leading space, pdfium one and none (the words are compared instead)."""
    return sorted((c for c in page.chars if not c["text"].isspace()),
                  key=lambda c: (round(c["top"]), c["x0"], c["text"]))


def word_diffs(pa, pb) -> list[str]:
    """Words pdfplumber extracts from one source and not the other."""
    wa = Counter(w["text"] for w in pa.extract_words())
    wb = Counter(w["text"] for w in pb.extract_words())
    if wa == wb:
        return []
    return [f"words only pdfminer {sorted((wa - wb).elements())[:4]}, "
            f"only pdfium {sorted((wb - wa).elements())[:4]}"]


def _edge_key(e: dict) -> tuple:
    return (str(e["orientation"]), round(e["x0"], 1), round(e["top"], 1), round(e["x1"], 1),
            round(e["bottom"], 1))


def char_diffs(a: list[dict], b: list[dict], tol: float) -> list[str]:
    """Where two char lists differ: count, text or a box side beyond `tol` points."""
    out = []
    if len(a) != len(b):
        out.append(f"{len(a)} vs {len(b)} chars")
    for ca, cb in zip(a, b, strict=False):
        if ca["text"] != cb["text"]:
            out.append(f"text {ca['text']!r}@{ca['x0']:.1f},{ca['top']:.1f} vs {cb['text']!r}")
            break
        worst = max(abs(ca[k] - cb[k]) for k in KEYS)
        if worst > tol:
            out.append(f"{ca['text']!r} box off by {worst:.2f} at {ca['x0']:.1f},{ca['top']:.1f}")
            break
    return out


def edge_diffs(a: list[dict], b: list[dict], tol: float) -> list[str]:
    ka, kb = sorted(map(_edge_key, a)), sorted(map(_edge_key, b))
    if len(ka) != len(kb):
        return [f"{len(ka)} vs {len(kb)} edges"]
    for ea, eb in zip(ka, kb, strict=True):
        if ea[0] != eb[0] or max(abs(x - y) for x, y in zip(ea[1:], eb[1:], strict=True)) > tol:
            return [f"edge {ea} vs {eb}"]
    return []


def page_diffs(pa, pb, tol: float) -> list[str]:
    out = char_diffs(_chars(pa), _chars(pb), tol)
    out += word_diffs(pa, pb)
    out += edge_diffs(pa.edges, pb.edges, tol)
    for kind in ("rect", "line", "curve", "image"):
        na, nb = len(pa.objects.get(kind, [])), len(pb.objects.get(kind, []))
        if na != nb:
            out.append(f"{na} vs {nb} {kind}s")
    return out


def compare(path: Path, tol: float) -> tuple[int, int, list[str]]:
    """(pages, pages differing, report lines) for one PDF."""
    lines = []
    with open_pdf(str(path), "pdfminer") as a, open_pdf(str(path), "pdfium") as b:
        bad = 0
        for pa, pb in zip(a.pages, b.pages, strict=True):
            diffs = page_diffs(pa, pb, tol)
            if diffs:
                bad += 1
                lines.append(f"{path.name} p{pa.page_number}: " + "; ".join(diffs))
            pa.close()
            pb.close()
        return len(a.pages), bad, lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--tolerance", type=float, default=0.5)
    ap.add_argument("--show", type=int, default=10, help="differing pages shown per file")
    args = ap.parse_args()
    total = differing = 0
    for path in args.files:
        n, bad, lines = compare(path, args.tolerance)
        total, differing = total + n, differing + bad
        print(f"{path.name}: {n} pages, {bad} differ")
        for line in lines[:args.show]:
            print("  " + line)
    print(f"all: {total} pages, {differing} differ beyond {args.tolerance} pt")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
