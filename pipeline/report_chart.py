"""The findings chart: printed against recomputed, one panel per kind of figure.

Percentages (0–200), rupiah amounts (thousands to trillions) and counts share no sensible
axis, so each gets its own panel with its own labelled scale: linear for percentages and
counts, logarithmic with named decades for amounts. Inline SVG, so the report opens offline.
A point off the dashed diagonal is a disagreement; each point links to its finding.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from html import escape

from pipeline.audit import Check, fmt_number
from pipeline.audit_group import Finding

PERCENT_KINDS = {"capaian", "budget_capaian", "polarity", "ikk", "efisiensi", "summary_mean",
                 "predikat", "renstra_progress"}
AMOUNT_WORDS = ("pagu", "realisasi", "sisa", "anggaran")
PANELS = (("percent", "Percentages (%)"), ("amount", "Amounts (Rp, log scale)"),
          ("count", "Counts, indices and targets"))
RUPIAH_DECADES = {3: "Rp 1 rb", 4: "Rp 10 rb", 5: "Rp 100 rb", 6: "Rp 1 jt", 7: "Rp 10 jt",
                  8: "Rp 100 jt", 9: "Rp 1 M", 10: "Rp 10 M", 11: "Rp 100 M", 12: "Rp 1 T",
                  13: "Rp 10 T"}
SIZE, PAD_L, PAD_B, PAD_T = 300, 62, 40, 14


def measure_of(c: Check) -> str:
    """What a check's figures are, from the check itself: its kind, and for sums and
    cross-table comparisons the field it compares; prose amounts are the rupiah-sized ones."""
    subject = (c.subject or "").lower()
    if c.kind in PERCENT_KINDS or subject.endswith("capaian_reported"):
        return "percent"
    if c.kind == "narrative":
        return _prose_measure(c, subject)
    if c.kind == "footing" and " k realisasi" not in subject:
        return "amount"
    if c.kind == "cross_table" and "(" in subject and subject.endswith(("pagu", "realisasi")):
        return "amount"  # budget rows are labelled 'name (unit)'
    return "count"


def _prose_measure(c: Check, subject: str) -> str:
    """A prose claim is a percentage when its detail quotes one, an amount when it speaks of
    a budget figure of rupiah size, else a count."""
    if "%" in (c.detail or ""):
        return "percent"
    if any(w in subject for w in AMOUNT_WORDS) and abs(c.reported or 0) >= 1000:
        return "amount"
    return "count"


def _nice_step(span: float, ticks: int = 5) -> float:
    raw = span / ticks or 1.0
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


class _Axis:
    """A value → pixel map with its tick labels."""

    def __init__(self, values: list[float], log: bool) -> None:
        self.log = log
        if log:
            exps = [math.log10(max(abs(v), 1.0)) for v in values]
            self.lo, self.hi = math.floor(min(exps)), math.ceil(max(exps))
            self.hi = max(self.hi, self.lo + 1)
            every = math.ceil((self.hi - self.lo + 1) / 6)  # at most six labels, legible
            self.ticks = [(float(e), RUPIAH_DECADES.get(e, f"1e{e}"))
                          for e in range(self.lo, self.hi + 1, every)]
        else:
            top, bottom = max(max(values), 1.0), min(min(values), 0.0)
            step = _nice_step(top - bottom)
            self.lo, self.hi = math.floor(bottom / step) * step, math.ceil(top / step) * step
            n = round((self.hi - self.lo) / step)
            self.ticks = [(self.lo + i * step, fmt_number(self.lo + i * step)) for i in range(n + 1)]

    def frac(self, v: float) -> float:
        x = math.log10(max(abs(v), 1.0)) if self.log else v
        return (x - self.lo) / ((self.hi - self.lo) or 1.0)


def _axes(axis: _Axis, px: Callable[[float], float], py: Callable[[float], float]) -> str:
    out = []
    for value, label in axis.ticks:
        v = 10 ** value if axis.log else value
        x, y = px(v), py(v)
        out.append(f'<line x1="{x:.1f}" y1="{SIZE - PAD_B}" x2="{x:.1f}" y2="{SIZE - PAD_B + 4}" stroke="#666"/>'
                   f'<text x="{x:.1f}" y="{SIZE - PAD_B + 15}" font-size="9" text-anchor="middle">{escape(label)}</text>'
                   f'<line x1="{PAD_L - 4}" y1="{y:.1f}" x2="{PAD_L}" y2="{y:.1f}" stroke="#666"/>'
                   f'<text x="{PAD_L - 6}" y="{y + 3:.1f}" font-size="9" text-anchor="end">{escape(label)}</text>')
    return "".join(out)


def _panel(points: list[tuple[Finding, Check]], title: str, log: bool) -> str:
    values = [v for _, c in points for v in (c.reported, c.recomputed)]
    axis = _Axis(values, log)
    span_x, span_y = SIZE - PAD_L - 10, SIZE - PAD_B - PAD_T

    def px(v: float) -> float:
        return PAD_L + axis.frac(v) * span_x

    def py(v: float) -> float:
        return SIZE - PAD_B - axis.frac(v) * span_y

    dots = []
    for f, c in points:
        tip = escape(f"{c.file_name} {c.where}: printed {fmt_number(c.reported)}, "
                     f"recomputed {fmt_number(c.recomputed)}")
        dots.append(f'<a href="#f-{escape(f.finding_id)}"><circle cx="{px(c.recomputed):.1f}" '
                    f'cy="{py(c.reported):.1f}" r="4" fill="#c0392b" fill-opacity="0.6">'
                    f"<title>{tip}</title></circle></a>")
    hi = 10 ** axis.hi if log else axis.hi
    lo = 10 ** axis.lo if log else axis.lo
    return (
        f'<figure class="panel"><figcaption>{escape(title)} — {len(points)}</figcaption>'
        f'<svg width="{SIZE}" height="{SIZE}" viewBox="0 0 {SIZE} {SIZE}" role="img" '
        f'aria-label="{escape(title)}: printed against recomputed">'
        f'<rect x="{PAD_L}" y="{PAD_T}" width="{span_x}" height="{span_y}" fill="none" stroke="#ccc"/>'
        f'<line x1="{px(lo):.1f}" y1="{py(lo):.1f}" x2="{px(hi):.1f}" y2="{py(hi):.1f}" '
        f'stroke="#999" stroke-dasharray="4 3"/>' + _axes(axis, px, py)
        + f'<text x="{PAD_L + span_x / 2:.0f}" y="{SIZE - 6}" font-size="10" text-anchor="middle">'
        f'recomputed</text><text x="10" y="{PAD_T + span_y / 2:.0f}" font-size="10" '
        f'text-anchor="middle" transform="rotate(-90 10 {PAD_T + span_y / 2:.0f})">printed</text>'
        + "".join(dots) + "</svg></figure>"
    )


def chart(findings: list[Finding]) -> str:
    """One panel per kind of figure that has findings with both values."""
    by_measure: dict[str, list[tuple[Finding, Check]]] = {m: [] for m, _ in PANELS}
    for f in findings:
        c = f.primary
        if c.reported is not None and c.recomputed is not None:
            by_measure[measure_of(c)].append((f, c))
    panels = [_panel(by_measure[m], title, log=m == "amount")
              for m, title in PANELS if by_measure[m]]
    if not panels:
        return '<p class="muted">No finding has both a printed and a recomputed value.</p>'
    return '<div class="chart">' + "".join(panels) + "</div>"
