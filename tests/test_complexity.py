"""Cyclomatic complexity of every function, counted from the AST (McCabe's rule as radon
applies it): 1, plus one per if / elif / conditional expression, loop, except clause, match
case, comprehension loop and condition, and each further operand of `and` / `or`. A nested
function is counted on its own, not in the function that defines it.

The modules issue 14 restructured are held to 30 at most. The rest are reported, with the
worst offenders listed below as they stand, because they are being rewritten elsewhere;
`python tests/test_complexity.py` prints every function's figure, worst first.
"""

from __future__ import annotations

import ast
import statistics
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("pipeline", "extractors")
LIMIT = 30

#: the PDF extractor's steps (extractors/pdf/)
PDF_STEPS = ("content", "words", "compact", "ruled", "unruled_rows", "table_rows", "page", "scanned",
             "furniture", "document", "__init__")

#: the modules held to LIMIT (issue 14's registry, settings and stage work)
HELD = (
    "pipeline/registry.py", "pipeline/records.py", "pipeline/settings.py", "pipeline/store.py",
    "pipeline/run.py", "pipeline/cli.py", "pipeline/evaluate.py", "pipeline/keys.py",
    "pipeline/quality.py", "pipeline/enrich.py", "pipeline/serialise.py",
    "pipeline/checks/__init__.py", "pipeline/checks/common.py", "pipeline/checks/footing.py",
    "pipeline/checks/cross_table.py", "pipeline/checks/narrative_figures.py",
    "pipeline/curate/narrative.py", "pipeline/curate/budget.py", "pipeline/normalise/matcher.py",
    "pipeline/normalise/fold.py", "pipeline/normalise/printed.py", "pipeline/normalise/names.py",
    "pipeline/normalise/nomenclature.py", "pipeline/normalise/polarity.py",
    "pipeline/normalise/numbers.py", "pipeline/normalise/units.py",
    "pipeline/normalise/catalog.py", "extractors/__init__.py",
    "pipeline/classify.py", "pipeline/reconstruct/__init__.py", "pipeline/reconstruct/captions.py",
    "pipeline/reconstruct/rows.py", "pipeline/reconstruct/headers.py",
    "pipeline/reconstruct/geometry.py", "pipeline/reconstruct/grouping.py",
    "pipeline/reconstruct/joining.py", "pipeline/reconstruct/merged.py",
    "pipeline/reconstruct/codes.py", "pipeline/reconstruct/repair.py",
    "pipeline/reconstruct/assemble.py",
    *(f"extractors/pdf/{m}.py" for m in PDF_STEPS), "extractors/stream.py",
    "pipeline/curate/columns.py", "pipeline/curate/header_vocab.py",
    "pipeline/curate/arithmetic.py", "pipeline/curate/performance.py",
)
#: the mean over HELD when the classifier, reconstruction and PDF extractors joined it was
#: 5.22, and 5.49 once the budget and performance curators (the last functions above 30)
#: joined; 4.75 once reconstruction and the PDF extractor were split into packages by step
#: and the checks, curators and normalisers into small functions: a ceiling, so the mean
#: cannot drift up again
HELD_MEAN_CEILING = 4.8
#: issue 14: the mean over every function of the two packages stays below this
PACKAGE_MEAN_LIMIT = 5.0

BRANCHES = (ast.If, ast.IfExp, ast.For, ast.AsyncFor, ast.While, ast.ExceptHandler,
            ast.match_case)
FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


def complexity(function: ast.AST) -> int:
    """McCabe complexity of one function, its nested functions left out."""
    total = 1
    stack = list(ast.iter_child_nodes(function))
    while stack:
        node = stack.pop()
        if isinstance(node, FUNCTIONS):
            continue
        if isinstance(node, BRANCHES):
            total += 1
        elif isinstance(node, ast.BoolOp):
            total += len(node.values) - 1
        elif isinstance(node, ast.comprehension):
            total += 1 + len(node.ifs)
        stack.extend(ast.iter_child_nodes(node))
    return total


def functions(path: Path) -> list[tuple[str, int, int]]:
    """(qualified name, line, complexity) of every function and method in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                name = f"{prefix}{child.name}"
                out.append((name, child.lineno, complexity(child)))
                visit(child, f"{name}.")
            elif isinstance(child, ast.ClassDef):
                visit(child, f"{prefix}{child.name}.")
            else:
                visit(child, prefix)

    visit(tree, "")
    return out


def report() -> list[tuple[int, str, str, int]]:
    """(complexity, file, function, line) of every function of the package, worst first."""
    rows = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            rows += [(c, rel, name, line) for name, line, c in functions(path)]
    return sorted(rows, key=lambda r: (-r[0], r[1], r[3]))


def test_the_counter_counts_like_mccabe():
    source = ("def f(a, b):\n"
              "    if a and b:\n        return [x for x in a if x]\n"
              "    elif b:\n        return 1 if a else 2\n"
              "    for _ in b:\n        try:\n            pass\n        except ValueError:\n"
              "            pass\n"
              "    def inner():\n        if a:\n            return 1\n"
              "    return 0\n")
    (function,) = ast.parse(source).body
    # 1 + if + and + comprehension(1 loop + 1 condition) + elif + ifexp + for + except
    assert complexity(function) == 1 + 1 + 1 + 2 + 1 + 1 + 1 + 1


def test_the_mean_over_the_restructured_modules_does_not_rise():
    figures = [c for path in HELD for _, _, c in functions(ROOT / path)]
    assert statistics.mean(figures) <= HELD_MEAN_CEILING


def test_the_mean_over_both_packages_is_below_five():
    figures = [r[0] for r in report()]
    assert statistics.mean(figures) < PACKAGE_MEAN_LIMIT, f"mean {statistics.mean(figures):.2f}"


@pytest.mark.parametrize("path", HELD)
def test_no_function_above_the_limit_in_the_restructured_modules(path):
    over = [(name, line, c) for name, line, c in functions(ROOT / path) if c > LIMIT]
    assert not over, f"{path}: complexity above {LIMIT}: {over}"


#: modules being rewritten in parallel (curation rules): reported, never failed on. Their
#: functions above LIMIT when issue 14 was worked (McCabe, this counter):
#:    43 curate/budget.py _row_record         35 curate/budget.py money_columns
#:    33 curate/budget.py curate
REWRITTEN_ELSEWHERE = (
    "pipeline/curate/budget.py",
    "pipeline/curate/staffing.py", "pipeline/curate/iku.py",
)

#: the functions above LIMIT in the other modules, as they stood: a figure may fall but must
#: not rise — split the function rather than raise its entry
KNOWN_WORST: dict[tuple[str, str], int] = {}


def test_known_offenders_do_not_grow():
    now = {(f, n): c for c, f, n, _ in report()}
    grown = {k: (v, now[k]) for k, v in KNOWN_WORST.items() if k in now and now[k] > v}
    assert not grown, f"complexity grew: {grown}"


def test_nothing_new_goes_above_the_limit():
    """Outside the modules rewritten elsewhere, a function over the limit is a known
    offender or a failure."""
    new = [(f, n, c) for c, f, n, _ in report() if c > LIMIT and (f, n) not in KNOWN_WORST
           and f not in REWRITTEN_ELSEWHERE]
    assert not new, f"new functions above {LIMIT}: {new}"


def test_the_normalise_package_has_no_hidden_import_cycle():
    """Both cycles inside pipeline/normalise/ were hidden by imports inside functions; they
    are gone, and a new one would have to show itself at the top of a module."""
    for path in sorted((ROOT / "pipeline" / "normalise").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        nested = [node.lineno for function in ast.walk(tree)
                  if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef))
                  for node in ast.walk(function) if isinstance(node, (ast.Import, ast.ImportFrom))]
        assert not nested, f"{path.name}: imports inside functions at lines {nested}"


if __name__ == "__main__":
    rows = report()
    figures = [r[0] for r in rows]
    print(f"{len(rows)} functions, mean {statistics.mean(figures):.2f}, "
          f"{sum(c > LIMIT for c in figures)} above {LIMIT}", file=sys.stderr)
    for c, path, name, line in rows:
        print(f"{c:4d}  {path}:{line}  {name}")
