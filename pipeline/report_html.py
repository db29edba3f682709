"""The audit report as one self-contained HTML file: no network, no external script.

An auditor mails it or opens it offline, so CSS, the chart (inline SVG), the page crops
(data: URIs) and the filter script all live in the file. Everything printed from a report
is HTML-escaped.
"""

from __future__ import annotations

from html import escape
from itertools import groupby

from pipeline.audit import Check, fmt_number
from pipeline.audit_evidence import Evidence
from pipeline.audit_group import Finding
from pipeline.audit_report import Report, Unverifiable
from pipeline.report_chart import chart

CSS = """
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;max-width:1200px}
h1{font-size:20px}h2{font-size:17px;margin-top:28px}h3{font-size:15px;margin:20px 0 6px}
h4{font-size:14px;margin:14px 0 6px;color:#444}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ddd;padding:4px 6px;
vertical-align:top;text-align:left}th{background:#f4f4f4}td.num{text-align:right;
font-variant-numeric:tabular-nums}.muted{color:#777}dl.meta{display:grid;
grid-template-columns:max-content 1fr;gap:2px 14px;margin:0}dl.meta dt{color:#666}
dl.meta dd{margin:0}.filters{display:flex;gap:12px;margin:12px 0;position:sticky;top:0;
background:#fff;padding:6px 0}.filters input{flex:1;padding:4px}
.chart{display:flex;flex-wrap:wrap;gap:16px}.panel{margin:0}.panel figcaption{font-size:12px;
color:#444}svg{border:1px solid #ddd;background:#fff}
.finding{border:1px solid #ddd;border-left:4px solid #c0392b;border-radius:3px;
padding:8px 10px;margin:8px 0}.finding .head{font-weight:600}.figures{margin:4px 0}
.figures b{font-variant-numeric:tabular-nums}.checks,.corr{margin:4px 0 4px 18px;padding:0;
font-size:13px}.evidence pre{background:#f8f8f8;border:1px solid #eee;padding:6px;
overflow-x:auto;font-size:12px;margin:6px 0}.evidence .here{background:#fde2e0;display:block}
.evidence img{max-width:100%;border:1px solid #ccc;display:block;margin:6px 0}
.tag{display:inline-block;background:#eee;border-radius:3px;padding:0 5px;font-size:12px;
margin-right:4px}
"""

SCRIPT = """
(function () {
  var text = document.getElementById('q');
  var kind = document.getElementById('kind');
  var doc = document.getElementById('doc');
  var items = Array.prototype.slice.call(document.querySelectorAll('.finding'));
  var groups = Array.prototype.slice.call(document.querySelectorAll('.group'));
  var count = document.getElementById('shown');
  function apply() {
    var q = text.value.toLowerCase();
    var shown = 0;
    items.forEach(function (el) {
      var kinds = ' ' + el.getAttribute('data-kinds') + ' ';
      var ok = (!q || el.textContent.toLowerCase().indexOf(q) >= 0)
        && (!kind.value || kinds.indexOf(' ' + kind.value + ' ') >= 0)
        && (!doc.value || el.getAttribute('data-doc') === doc.value);
      el.hidden = !ok;
      if (ok) { shown += 1; }
    });
    groups.forEach(function (g) {
      g.hidden = g.querySelector('.finding:not([hidden])') === null;
    });
    count.textContent = String(shown);
  }
  [text, kind, doc].forEach(function (el) { el.addEventListener('input', apply); });
  apply();
})();
"""


def _e(value: object) -> str:
    return escape("" if value is None else str(value))


def _header(h: dict) -> str:
    schema = f"{h['schema_version']} (database: {h['database_schema_version']})"
    dates = f"{h['extracted_from']} – {h['extracted_to']}" if h["extracted_from"] else "none"
    rows = [("database", h["database"]), ("kinerja version", h["kinerja_version"]),
            ("schema version", schema), ("extracted", dates), ("report made", h["report_date"]),
            ("documents covered", f"{len(h['documents'])}: " + ", ".join(h["documents"]))]
    return '<dl class="meta" id="header">' + "".join(
        f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in rows) + "</dl>"


def _documents(summaries: list[dict]) -> str:
    rows = "".join(
        f"<tr><td>{_e(s['file_name'])}</td><td>{_e(s.get('doc_type'))}</td>"
        f"<td>{_e(s.get('entity'))}</td><td>{_e(s.get('fiscal_year'))}</td>"
        f"<td>{_e(s['status'])}</td><td class=num>{s['checks']}</td>"
        f"<td class=num>{s['ok']}</td><td class=num>{s['mismatch']}</td>"
        f"<td class=num>{s['unverifiable']}</td></tr>" for s in summaries)
    return ('<table id="summary"><thead><tr><th>file</th><th>type</th><th>entity</th>'
            "<th>year</th><th>status</th><th>checks</th><th>ok</th><th>mismatch</th>"
            f"<th>unverifiable</th></tr></thead><tbody>{rows}</tbody></table>")


def _evidence(ev: Evidence | None) -> str:
    if ev is None:
        return ""
    parts = []
    if ev.image:
        w, h = ev.image_size or (0, 0)
        parts.append(f'<img src="{ev.image}" width="{w}" height="{h}" alt="page {ev.page}, '
                     f'the printed row with the cell(s) in question outlined">')
    if ev.lines:
        body = "".join(
            (f'<span class="here">{n:>6}  {_e(t)}</span>' if here else f"{n:>6}  {_e(t)}\n")
            for n, t, here in ev.lines)
        source = "source file" if ev.source == "file" else "stored table cells"
        parts.append(f'<div class="muted">printed rows ({source}):</div><pre>{body}</pre>')
    elif ev.row:
        parts.append(f"<pre>{_e(ev.row)}</pre>")
    return '<div class="evidence">' + "".join(parts) + "</div>"


def _check_item(c: Check) -> str:
    text = f"{c.kind}: {c.formula or ''}" + (f" — {c.detail}" if c.detail else "")
    return f"<li>{_e(text)} <span class=muted>({_e(c.where)})</span></li>"


def _finding(f: Finding, ev: Evidence | None) -> str:
    p = f.primary
    kinds = "".join(f'<span class="tag">{_e(k)}</span>' for k in f.kinds)
    corr = ""
    if f.corroboration:
        corr = ("<div>also seen in:</div><ul class=corr>" + "".join(
            f"<li>{_e(c.where)}: {_e(c.kind)}, printed {_e(fmt_number(c.reported))}, "
            f"recomputed {_e(fmt_number(c.recomputed))}</li>" for c in f.corroboration) + "</ul>")
    return (
        f'<article class="finding" id="f-{_e(f.finding_id)}" data-kinds="{_e(" ".join(f.kinds))}" '
        f'data-doc="{_e(p.file_name)}"><div class="head">{_e(p.subject)}</div>'
        f'<div class="figures">{kinds} printed <b>{_e(fmt_number(p.reported))}</b>, recomputed '
        f"<b>{_e(fmt_number(p.recomputed))}</b> ({f.size:.1%} off) · {_e(p.where)}</div>"
        f"<ul class=checks>{''.join(_check_item(c) for c in f.checks)}</ul>{corr}"
        f"{_evidence(ev)}</article>"
    )


def _findings(report: Report) -> str:
    out = []
    for name, in_doc in groupby(report.findings, key=lambda f: f.primary.file_name):
        out.append(f'<section class="group"><h3>{_e(name)}</h3>')
        for _, in_table in groupby(in_doc, key=lambda f: f.primary.table_id):
            items = list(in_table)
            p = items[0].primary
            caption = f" — {p.table_caption}" if p.table_caption and p.table_label else ""
            out.append(f'<div class="group"><h4>{_e(p.table_name)}{_e(caption)}</h4>')
            out += [_finding(f, report.evidence.get(f.finding_id)) for f in items]
            out.append("</div>")
        out.append("</section>")
    return "".join(out)


def _unverifiable(groups: list[Unverifiable]) -> str:
    if not groups:
        return '<p class="muted">Every check could be made.</p>'
    rows = []
    for u in groups:
        for i, r in enumerate(u.reasons):
            at = ", ".join(r["at"][:12]) + (" …" if len(r["at"]) > 12 else "")
            lead = (f'<td rowspan="{len(u.reasons)}">{_e(u.file_name)}</td>'
                    f'<td rowspan="{len(u.reasons)}">{_e(u.table)}</td>') if i == 0 else ""
            rows.append(f"<tr>{lead}<td>{_e(r['kind'])}</td><td>{_e(r['reason'])}</td>"
                        f"<td>{_e(r['formula'])}</td><td class=num>{r['count']}</td>"
                        f"<td>{_e(at)}</td></tr>")
    return ('<table id="unverifiable"><thead><tr><th>file</th><th>table</th><th>check</th>'
            "<th>why it could not be made</th><th>formula</th><th>checks</th>"
            f"<th>lines / pages</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")


def _options(values: list[str]) -> str:
    return "".join(f'<option value="{_e(v)}">{_e(v)}</option>' for v in values)


def render(report: Report, title: str = "kinerja audit") -> str:
    docs = sorted({f.primary.file_name for f in report.findings})
    kinds = sorted({k for f in report.findings for k in f.kinds})
    n_unverifiable = sum(u.count for u in report.unverifiable)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{_e(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>{CSS}</style></head>
<body>
<h1>{_e(title)}</h1>
{_header(report.header)}
<h2>Documents</h2>
{_documents(report.documents)}
<h2>Printed against recomputed</h2>
{chart(report.findings)}
<h2>Findings (<span id="shown">…</span> of {len(report.findings)} shown;
{report.mismatches} mismatching checks)</h2>
<p class="muted">One finding per printed error: checks that rest on the same printed figure
are listed under it, the other tables that show it as corroboration. By document, then table,
largest first.</p>
<div class="filters"><input id="q" type="search" placeholder="filter text" aria-label="filter text">
<select id="kind" aria-label="check kind"><option value="">all kinds</option>{_options(kinds)}</select>
<select id="doc" aria-label="document"><option value="">all documents</option>{_options(docs)}</select></div>
<div id="findings">{_findings(report)}</div>
<h2>Could not be checked ({n_unverifiable})</h2>
{_unverifiable(report.unverifiable)}
<script>{SCRIPT}</script>
</body></html>
"""
