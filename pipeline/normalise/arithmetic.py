"""Settle an ambiguous figure ('15.426': fifteen thousand or fifteen point four?) with the
row's own arithmetic: of the readings, keep the one under which the printed ratio holds.

Used for realisasi / target against a printed capaian and numerator / denominator against
a printed IKK percentage. Every decision is returned as a note for `parse_note`.
"""

from __future__ import annotations

from itertools import product

from pipeline.normalise.numbers import ParsedNumber

RELATIVE_TOLERANCE = 0.01  # 1 % of the printed ratio: generous for rounded inputs, far below x1000


def readings(parsed: ParsedNumber) -> list[float | None]:
    first = [parsed.value]
    if parsed.ambiguous and parsed.alternative is not None and parsed.alternative != parsed.value:
        first.append(parsed.alternative)
    return first


def _holds(num: float | None, den: float | None, printed: float | None) -> bool:
    if num is None or den in (None, 0) or printed is None:
        return False
    ratio = num / den * 100
    return abs(ratio - printed) <= max(abs(printed) * RELATIVE_TOLERANCE, 0.05)


def settle_ratio(
    numerator: ParsedNumber, denominator: ParsedNumber, printed: float | None,
    names: tuple[str, str] = ("realisasi", "target"), printed_text: str | None = None,
) -> tuple[float | None, float | None, str | None]:
    """Return (numerator, denominator, note). Values change only when the chosen readings
    break the printed ratio and exactly one combination of alternatives restores it."""
    chosen = (numerator.value, denominator.value)
    if printed is None or not (numerator.ambiguous or denominator.ambiguous):
        return chosen[0], chosen[1], None
    if _holds(*chosen, printed):
        return chosen[0], chosen[1], None
    fits = [(n, d) for n, d in product(readings(numerator), readings(denominator))
            if (n, d) != chosen and _holds(n, d, printed)]
    if len(fits) != 1:
        return chosen[0], chosen[1], None
    n, d = fits[0]
    changed = []
    if n != chosen[0]:
        changed.append(f"{names[0]} '{numerator.raw}' read as {n:g}")
    if d != chosen[1]:
        changed.append(f"{names[1]} '{denominator.raw}' read as {d:g}")
    note = (f"{' and '.join(changed)} because {names[0]} / {names[1]} x 100 then equals the "
            f"printed {printed_text or printed}")
    return n, d, note
