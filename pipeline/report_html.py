"""The audit report as one self-contained HTML file: no network, no external script.

An auditor mails it or opens it offline, so CSS, the chart (inline SVG) and the filter
script all live in the file. Everything printed from a report is HTML-escaped.
"""

from __future__ import annotations

import math
from html import escape

from pipeline.audit import Finding, _fmt

CSS = """
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}
h1{font-size:20px}h2{font-size:16px;margin-top:28px}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ddd;padding:4px 6px;
vertical-align:top;text-align:left}th{background:#f4f4f4}td.num{text-align:right;
font-variant-numeric:tabular-nums}.cells{color:#555;font-size:12px}
.filters{display:flex;gap:12px;margin:12px 0}.filters input{flex:1;padding:4px}
.muted{color:#777}svg{border:1px solid #ddd;background:#fff}
"""

SCRIPT = """
(function () {
  var text = document.getElementById('q');
  var kind = document.getElementById('kind');
  var doc = document.getElementById('doc');
  var rows = Array.prototype.slice.call(document.querySelectorAll('#findings tbody tr'));
  var count = document.getElementById('shown');
  function apply() {
    var q = text.value.toLowerCase();
    var shown = 0;
    rows.forEach(function (tr) {
      var ok = (!q || tr.textContent.toLowerCase().indexOf(q) >= 0)
        && (!kind.value || tr.getAttribute('data-kind') === kind.value)
        && (!doc.value || tr.getAttribute('data-doc') === doc.value);
      tr.style.display = ok ? '' : 'none';
      if (ok) { shown += 1; }
    });
    count.textContent = String(shown);
  }
  [text, kind, doc].forEach(function (el) { el.addEventListener('input', apply); });
  apply();
})();
"""


def _chart(items: list[Finding], size: int = 360) -> str:
    """Reported against recomputed on log axes (percentages and rupiah share one chart);
    points off the diagonal are the disagreements."""
    points = [(f.reported, f.recomputed, f) for f in items
              if f.reported is not None and f.recomputed is not None]
    pad = 30
    if not points:
        return '<p class="muted">No mismatch has both a reported and a recomputed value.</p>'

    def scale(v: float) -> float:
        return math.log10(abs(v) + 1)

    hi = max(max(scale(a), scale(b)) for a, b, _ in points) or 1.0
    span = size - 2 * pad

    def xy(a: float, b: float) -> tuple[float, float]:
        return pad + scale(b) / hi * span, size - pad - scale(a) / hi * span

    dots = []
    for a, b, f in points:
        x, y = xy(a, b)
        title = escape(f"{f.file_name} {f.where}: reported {_fmt(a)}, recomputed {_fmt(b)}")
        dots.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="#c0392b" '
                    f'fill-opacity="0.6"><title>{title}</title></circle>')
    return (
        f'<svg width="{size}" height="{size}" viewBox="0 0 {size} {size}" role="img" '
        f'aria-label="reported versus recomputed">'
        f'<line x1="{pad}" y1="{size - pad}" x2="{size - pad}" y2="{pad}" stroke="#999" '
        f'stroke-dasharray="4 3"/>'
        f'<text x="{size / 2}" y="{size - 6}" text-anchor="middle" font-size="11">recomputed '
        f'(log scale)</text><text x="12" y="{size / 2}" font-size="11" '
        f'transform="rotate(-90 12 {size / 2})" text-anchor="middle">reported</text>'
        + "".join(dots) + "</svg>"
    )


def render(items: list[Finding], summaries: list[dict], title: str = "kinerja audit") -> str:
    docs = sorted({f.file_name for f in items})
    kinds = sorted({f.kind for f in items})
    summary_rows = "".join(
        f"<tr><td>{escape(str(s['file_name']))}</td><td>{escape(str(s.get('doc_type') or ''))}</td>"
        f"<td>{escape(str(s.get('entity') or ''))}</td><td>{s.get('fiscal_year') or ''}</td>"
        f"<td>{escape(str(s['status']))}</td><td class=num>{s['checks']}</td>"
        f"<td class=num>{s['ok']}</td><td class=num>{s['mismatch']}</td>"
        f"<td class=num>{s['unverifiable']}</td></tr>"
        for s in summaries
    )
    finding_rows = "".join(
        f'<tr data-kind="{escape(f.kind)}" data-doc="{escape(f.file_name)}">'
        f"<td>{escape(f.file_name)}</td><td>{escape(f.where)}"
        f"<div class=cells>{escape(f.table_caption or '')}</div></td>"
        f"<td>{escape(f.kind)}</td><td>{escape(f.subject or '')}"
        f"<div class=cells>{escape(' | '.join(f.raw_cells))}</div></td>"
        f"<td class=num>{escape(_fmt(f.reported))}</td>"
        f"<td class=num>{escape(_fmt(f.recomputed))}</td>"
        f"<td>{escape(f.formula or '')}<div class=cells>{escape(f.detail or '')}</div></td></tr>"
        for f in items
    )
    options = lambda values: "".join(  # noqa: E731 — tiny local helper
        f'<option value="{escape(v)}">{escape(v)}</option>' for v in values
    )
    return f"""<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>{escape(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>{CSS}</style></head>
<body>
<h1>{escape(title)}</h1>
<h2>Documents</h2>
<table id="summary"><thead><tr><th>file</th><th>type</th><th>entity</th><th>year</th>
<th>status</th><th>checks</th><th>ok</th><th>mismatch</th><th>unverifiable</th></tr></thead>
<tbody>{summary_rows}</tbody></table>
<h2>Reported against recomputed</h2>
{_chart(items)}
<h2>Mismatches (<span id="shown">…</span> of {len(items)} shown)</h2>
<div class="filters"><input id="q" type="search" placeholder="filter text">
<select id="kind"><option value="">all kinds</option>{options(kinds)}</select>
<select id="doc"><option value="">all documents</option>{options(docs)}</select></div>
<table id="findings"><thead><tr><th>file</th><th>where</th><th>kind</th>
<th>subject / printed row</th><th>reported</th><th>recomputed</th><th>formula</th></tr></thead>
<tbody>{finding_rows}</tbody></table>
<script>{SCRIPT}</script>
</body></html>
"""
