"""The coverage view: municipal measures × the documents that derive from their plan, one offline HTML page.

A search box finds a measure or a document (and opens the match); filters keep one jurisdiction's columns
or dim the cells of other relations. Each cell counts the district measures that implement the municipal measure (high and medium links),
coloured by the relation they have to it (strengthens, restates, localises, extends, partial, weakens);
opening a cell lists the pairs with what the district kept, added and dropped. A row no derivative
implements is a gap and says so. Plain HTML with <details> and a small script that only reads text
and toggles classes; nothing fetched.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Callable

from policykg.graph.store.model import PolicyGraph
from policykg.ontology.records import Document, Implements, Measure
from policykg.queries.diff import diff_json
from policykg.queries.viewpage import FONT_STACK, RELATION_COLOURS, RELATION_LABELS

COLOURS = RELATION_COLOURS  # the same colours as the other views


def parents_with_derivatives(corpus: PolicyGraph) -> list[Document]:
    """Municipal documents that some document of the build derives from, most derivatives first."""
    counts = Counter(dl.target for dl in corpus.doc_links if dl.type == "derived_from")
    docs = [corpus.get(k) for k in counts]
    found = [d for d in docs if d is not None and d.measures and not d.cited_only]
    return sorted(found, key=lambda d: (-counts[d.key], d.key))


def coverage_html(corpus: PolicyGraph, parent: Document, href: Callable[[str], str] | None = None) -> str:
    """The page; with ``href`` (a measure key → its address, as the site gives it) every row and pair links to its
    measure's page."""
    derivatives = sorted({dl.source for dl in corpus.doc_links if dl.type == "derived_from" and dl.target == parent.key})
    columns = [d for d in (corpus.get(k) for k in derivatives) if d is not None]
    columns.sort(key=lambda d: (d.jurisdiction or "", d.date or "", d.key))
    by_cell: dict[tuple[str, str], list[Implements]] = {}
    for link in corpus.implements:
        if link.confidence not in ("high", "medium"):
            continue
        doc = corpus.document_of(link.source)
        if doc is not None and doc.key in derivatives:
            by_cell.setdefault((link.target, doc.key), []).append(link)
    rows = [m for m in parent.measures if m.kind != "annex"]
    head = "".join(f'<th title="{html.escape(d.title)}" data-col="{i}" data-jurisdiction="{html.escape(d.jurisdiction or "")}">'
                   f'{html.escape(d.jurisdiction or "")}<br><small>{html.escape(str(d.doc_number or d.title[:14]))}<br>{html.escape(d.date or "")}</small></th>'
                   for i, d in enumerate(columns))
    body = []
    gaps = 0
    for m in rows:
        cells: list[str] = []
        for d in columns:
            links = by_cell.get((m.key, d.key), [])
            cells.append(_cell(corpus, m, links, href).replace("<td", f'<td data-col="{len(cells)}"', 1))
        empty = not any(by_cell.get((m.key, d.key)) for d in columns)
        gaps += empty
        name = f"{html.escape(m.written_path)} {html.escape(m.title or m.text[:24])}"
        name = f'<a href="{html.escape(href(m.key))}">{name}</a>' if href else name
        label = (f'<th class="row{" gap" if empty else ""}" title="{html.escape(m.text[:300])}">{name}'
                 f'{"<br><small>无区级落实 no derivative implements this</small>" if empty else ""}</th>')
        body.append(f'<tr data-key="{html.escape(m.key)}">{label}{"".join(cells)}</tr>')
    legend = " ".join(f'<span class="key" style="background:{c}"></span>{html.escape(RELATION_LABELS[r])}' for r, c in COLOURS.items())
    jurisdictions = sorted({d.jurisdiction or "" for d in columns} - {""})
    options = "".join(f'<option value="{html.escape(j)}">{html.escape(j)}</option>' for j in jurisdictions)
    relations = "".join(f'<option value="{r}">{html.escape(RELATION_LABELS[r])}</option>' for r in COLOURS)
    title = f"coverage · {parent.title} {parent.doc_number or ''}"
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>
body{{font-family:{FONT_STACK};margin:12px;color:#1a1a1a}}
form,label{{display:inline-block;margin:0 12px 8px 0;font-size:13px}} #pkg-search{{width:300px;font:inherit}}
tr.focus th.row{{outline:3px solid #1b1b1b}} td.dim{{opacity:.15}}
table{{border-collapse:collapse;font-size:13px}} th,td{{border:1px solid #bbb;padding:3px 5px;vertical-align:top}}
thead th{{position:sticky;top:0;background:#f4f4f4;font-weight:600}} th.row{{text-align:left;max-width:260px;background:#fafafa}}
th.gap{{background:#fde8e8}} td.hit{{color:#fff;font-weight:600;min-width:44px}} td.hit summary{{cursor:pointer}}
.pair{{background:#fff;color:#1a1a1a;font-weight:400;border-top:1px solid #ddd;padding:4px 0;min-width:320px}}
.kept{{background:#dff0d8}} .added{{background:#fff3c4}} .dropped{{background:#f8d7da;text-decoration:line-through}}
.key{{display:inline-block;width:12px;height:12px;margin:0 4px 0 10px;vertical-align:middle}}
</style></head><body>
<h2>{html.escape(title)}</h2>
<form id="pkg-find" autocomplete="off"><input id="pkg-search" type="search" placeholder="搜索 措施 / 文号 / 区 search" aria-label="search">
<button type="submit">查找 find</button> <span id="pkg-status" role="status"></span></form>
<label>辖区 jurisdiction <select data-filter="jurisdiction"><option value="">全部 all</option>{options}</select></label>
<label>关系 relation <select data-filter="relation"><option value="">全部 all</option>{relations}</select></label>
<p>{len(rows)} municipal measures × {len(columns)} derivative documents; {gaps} measures no derivative implements (rows in red).
Numbers count the district measures implementing each municipal measure; open a cell for the pairs.{legend}</p>
<table><thead><tr><th>市级措施 municipal measure</th>{head}</tr></thead><tbody>
{chr(10).join(body)}
</tbody></table>
<script>{_SCRIPT}</script></body></html>
"""


_SCRIPT = r"""
(function () {
  "use strict";
  var rows = Array.prototype.slice.call(document.querySelectorAll("tbody tr")), status = document.getElementById("pkg-status");
  var matches = [], at = -1, last = null;
  document.getElementById("pkg-find").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var q = document.getElementById("pkg-search").value.trim().toLowerCase();
    if (q !== last) { last = q; at = -1; matches = q ? rows.filter(function (r) { return r.textContent.toLowerCase().indexOf(q) >= 0; }) : []; }
    rows.forEach(function (r) { r.classList.remove("focus"); });
    if (!matches.length) { status.textContent = q ? "无匹配 no match" : ""; return; }
    at = (at + 1) % matches.length;
    var row = matches[at]; row.classList.add("focus"); row.scrollIntoView({block: "center"});
    Array.prototype.forEach.call(row.querySelectorAll("details"), function (d) { if (d.textContent.toLowerCase().indexOf(q) >= 0) { d.open = true; } });
    document.body.setAttribute("data-focused", row.getAttribute("data-key"));
    status.textContent = (at + 1) + " / " + matches.length;
  });
  function apply() {
    var j = document.querySelector("select[data-filter='jurisdiction']").value, rel = document.querySelector("select[data-filter='relation']").value;
    var hidden = {};
    Array.prototype.forEach.call(document.querySelectorAll("thead th[data-col]"), function (th) {
      var off = j && th.getAttribute("data-jurisdiction") !== j; th.style.display = off ? "none" : ""; hidden[th.getAttribute("data-col")] = off; });
    Array.prototype.forEach.call(document.querySelectorAll("td[data-col]"), function (td) {
      td.style.display = hidden[td.getAttribute("data-col")] ? "none" : "";
      td.classList.toggle("dim", !!rel && td.classList.contains("hit") && td.getAttribute("data-relation") !== rel); });
    document.body.setAttribute("data-columns", String(Object.keys(hidden).filter(function (k) { return !hidden[k]; }).length));
  }
  Array.prototype.forEach.call(document.querySelectorAll("select[data-filter]"), function (s) { s.addEventListener("change", apply); });
  apply();
})();
"""


def _cell(corpus: PolicyGraph, municipal: Measure, links: list[Implements], href: Callable[[str], str] | None = None) -> str:
    if not links:
        return "<td></td>"
    relation = Counter(i.relation for i in links).most_common(1)[0][0]
    pairs = []
    for link in sorted(links, key=lambda i: i.source):
        district = corpus.unit(link.source)
        if district is None:
            continue
        d = diff_json(district.text, municipal.text, lambda _o: 0, lambda _o: 0)
        span = district.provenance.span
        kept = "".join(f'<span class="kept">{html.escape(r["text"][:40])}</span> ' for r in d["kept"][:3])
        added = "".join(f'<span class="added">{html.escape(r["text"][:40])}</span> ' for r in d["added"][:3])
        dropped = "".join(f'<span class="dropped">{html.escape(r["text"][:40])}</span> ' for r in d["dropped"][:3])
        name = f"{html.escape(district.written_path)} {html.escape(district.title or district.text[:20])}"
        name = f'<a href="{html.escape(href(link.source))}">{name}</a>' if href else name
        pairs.append(
            f'<div class="pair"><b>{name}</b> · '
            f'{html.escape(link.relation)}{" · " + html.escape(link.comparison) if link.comparison else ""} · score {link.score:.2f}<br>'
            f'kept {d["kept_share"]:.0%}: {kept}<br>added: {added or "—"}<br>dropped: {dropped or "—"}<br>'
            f'<small>{html.escape(corpus.locate(span.file, span.line_start, span.line_end))}</small></div>'
        )
    return (f'<td class="hit" style="background:{COLOURS.get(relation, "#555")}" data-relation="{relation}">'
            f'<details><summary>{len(links)}</summary>{"".join(pairs)}</details></td>')

