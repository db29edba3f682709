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
    n, d, _, note = settle_printed_ratio(numerator, denominator, printed, names, printed_text)
    return n, d, note


def settle_printed_ratio(
    numerator: ParsedNumber, denominator: ParsedNumber, printed: float | None,
    names: tuple[str, str] = ("realisasi", "target"), printed_text: str | None = None,
    printed_parsed: ParsedNumber | None = None,
) -> tuple[float | None, float | None, float | None, str | None]:
    """Return (numerator, denominator, printed ratio, note). Like `settle_ratio`, and the
    printed ratio may itself be the ambiguous figure: a ratio column printed '2,124' in a
    table of comma decimals is 2124 % when realisasi 276 over target 13 says so."""
    chosen = (numerator.value, denominator.value, printed)
    printed_readings = _printed_readings(printed, printed_parsed)
    if not (numerator.ambiguous or denominator.ambiguous or len(printed_readings) > 1):
        return (*chosen, None)
    if printed is None or _holds(*chosen):
        return (*chosen, None)
    fits = _whole_if_tied([(n, d, p) for n, d, p in product(readings(numerator), readings(denominator),
                                                             printed_readings)
                           if (n, d, p) != chosen and _holds(n, d, p)])
    if len(fits) != 1:
        return (*chosen, None)
    n, d, p = fits[0]
    changed = [f"{label} '{parsed.raw}' read as {value:g}"
               for label, parsed, value, old in ((names[0], numerator, n, chosen[0]),
                                                 (names[1], denominator, d, chosen[1]))
               if value != old]
    return n, d, p, _settled_note(changed, names, p, printed, printed_parsed, printed_text)


def _whole_if_tied(fits: list[tuple]) -> list[tuple]:
    """Of several readings that all restore the ratio ('4,610' and '1.891' read as 4610 and
    1891, or as 4.61 and 1.891: 41 % either way), the one in whole numbers, if it is the
    only one: a figure printed with three digits after its separator is a grouped count far
    more often than a three-decimal fraction."""
    if len(fits) < 2:
        return fits
    whole = [f for f in fits if all(v is not None and float(v).is_integer() for v in f[:2])]
    return whole if len(whole) == 1 else fits


def _printed_readings(printed: float | None, printed_parsed: ParsedNumber | None) -> list[float | None]:
    """The printed ratio as read, then its other reading where it is itself ambiguous."""
    printed_readings = [printed]
    if printed_parsed is not None and printed_parsed.ambiguous:
        printed_readings += [r for r in readings(printed_parsed) if r not in (None, printed)]
    return printed_readings


def _settled_note(changed: list[str], names: tuple[str, str], p: float | None,
                  printed: float | None, printed_parsed: ParsedNumber | None,
                  printed_text: str | None) -> str:
    """Which figures were re-read, and that the ratio then holds (with the printed ratio
    among them when it was the one re-read)."""
    if p != printed and printed_parsed is not None:
        changed.append(f"printed ratio '{printed_parsed.raw}' read as {p:g}")
        return f"{' and '.join(changed)} because {names[0]} / {names[1]} x 100 then equals it"
    return (f"{' and '.join(changed)} because {names[0]} / {names[1]} x 100 then equals the "
            f"printed {printed_text or printed}")
