"""Interactive views (pyvis): trace, agencies, lineage and overview, as self-contained HTML.

Every page carries its JavaScript and CSS inline (pyvis ``cdn_resources="in_line"``),
so it renders with no network. Document text never runs as code: the data is
embedded as JSON with ``<`` and ``>`` escaped (Jinja's ``tojson``), labels are
drawn on a canvas, and hover and click texts are put into the page with
``textContent`` only, so a title containing ``<script>`` or ``<img onerror=…>``
shows as text. Each page records the number of nodes it drew in
``<body data-nodes>`` once the network has been drawn (used by the browser tests).
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from policykg.graph.model import PolicyGraph

PHYSICS_LIMIT = 1000  # past this many nodes: precomputed layout, physics off
COLOURS = {
    "municipal": "#c0392b", "district": "#2471a3", "district_branch": "#7d3c98", "national": "#1e8449",
    "national_branch": "#1e8449", "cited": "#aab7b8", "measure": "#f5b041", "section": "#f9e79f", "agency": "#48c9b0",
    "collective": "#a3e4d7", None: "#95a5a6",
}
LEGENDS = {
    "trace": [("measure", "措施 measure (the one traced)"), ("municipal", "市级来源 municipal source"), ("district", "区级 district")],
    "agencies": [("agency", "机构 agency (size = measures)"), ("collective", "集合责任主体 collective owner"), ("district", "文件 document")],
    "lineage": [("municipal", "市级文件 municipal"), ("district", "区级文件 district"), ("cited", "仅被引用 cited only (dashed)"), ("measure", "措施 measure")],
    "overview": [("municipal", "市级文件"), ("district", "区级文件"), ("cited", "仅被引用"), ("agency", "机构"), ("collective", "集合主体")],
}


def _label(text: str, limit: int = 18) -> str:
    """Canvas label (drawn as text on a canvas, never parsed as HTML), shortened."""
    text = text or ""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _title(*lines: str) -> str:
    """Hover and click text: plain lines; the page shows them with textContent."""
    return "\n".join(str(x) for x in lines if x)


def _network(height: str = "760px", hierarchical: str | None = None, physics: bool = True) -> Any:
    from pyvis.network import Network

    net = Network(height=height, width="100%", directed=True, cdn_resources="in_line", notebook=False)
    options: dict[str, Any] = {
        "nodes": {"font": {"face": "Noto Sans CJK SC, Noto Sans SC, WenQuanYi Micro Hei, Microsoft YaHei, sans-serif", "size": 14}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}, "smooth": False},
        "interaction": {"hover": True, "tooltipDelay": 120},
        "physics": {"stabilization": {"iterations": 150}},
    }
    if hierarchical:
        options["layout"] = {"hierarchical": {"enabled": True, "direction": hierarchical, "sortMethod": "directed",
                                              "levelSeparation": 160, "nodeSpacing": 170, "treeSpacing": 60}}
        options["physics"] = {"enabled": False}
    if not physics:  # precomputed positions (large graphs): set here, since pyvis cannot toggle physics after set_options
        options["physics"] = {"enabled": False}
    net.set_options(json.dumps(options))
    return net


def _prov(corpus: PolicyGraph, p: Any) -> str:
    return f"{corpus.locate(p.span.file, p.span.line_start, p.span.line_end)} · {p.rule}"


def trace_view(corpus: PolicyGraph, measure_key: str) -> Any:
    """A measure and its municipal source(s), transitively, top to bottom; evidence in the hover text."""
    units = corpus.units
    if measure_key not in units:
        raise KeyError(f"no measure {measure_key!r}")
    net = _network(hierarchical="UD")
    seen: set[str] = set()

    def add(key: str, level: int) -> None:
        d, x = units[key]
        colour = COLOURS["measure"] if level == 0 else COLOURS.get(d.level)
        net.add_node(key, label=_label(f"{d.jurisdiction or ''} {x.written_path} {x.title}", 26), level=level, shape="box", color=colour,
                     title=_title(d.title, f"{x.written_path} {x.title}", x.text[:300], f"source: {_prov(corpus, x.provenance)}"))
        seen.add(key)
        for link in corpus.implements_from(key):
            if link.confidence == "low" or link.target in seen or link.target not in units:
                continue
            add(link.target, level + 1)
            evidence = [f"「{e.text}」 l.{e.source_line} ↔ l.{e.target_line}" for e in link.evidence]
            net.add_edge(key, link.target, label=f"{link.score:.2f}", width=1 + 3 * link.score,
                         title=_title(f"implements · score {link.score:.2f} ({link.confidence}) · {link.method}", *evidence,
                                      f"source: {_prov(corpus, link.provenance)}"))

    add(measure_key, 0)
    return net


def agencies_view(corpus: PolicyGraph, jurisdiction: str | None = None, limit: int = 80) -> Any:
    """Agencies sized by load, linked to the documents they serve, coloured by jurisdiction."""
    docs = {m.key: d for d in corpus.documents for m in d.measures}
    load: Counter[str] = Counter()
    serves: dict[tuple[str, str], int] = Counter()
    for o in corpus.owned_by:
        load[o.agency] += 1
        if o.measure in docs:
            serves[(o.agency, docs[o.measure].key)] += 1
    agencies = {a.key: a for a in corpus.agencies}
    chosen = [k for k, _ in load.most_common() if not jurisdiction or agencies[k].jurisdiction == jurisdiction][:limit]
    jurs = sorted({agencies[k].jurisdiction for k in chosen})
    palette = ["#2471a3", "#c0392b", "#1e8449", "#7d3c98", "#d35400", "#17a589", "#b7950b", "#566573", "#a93226", "#2e86c1"]
    colour = {j: palette[i % len(palette)] for i, j in enumerate(jurs)}
    net = _network()
    by_key = {d.key: d for d in corpus.documents}
    net.pkg_legend = [(colour[j], f"{j} 机构 (size = measures)") for j in jurs] + [("#f2f3f4", "文件 document")]
    for k in chosen:
        a = agencies[k]
        net.add_node(k, label=_label(a.name, 14), size=8 + 3 * load[k] ** 0.5, color=colour[a.jurisdiction],
                     shape="dot" if a.kind == "agency" else "diamond",
                     title=_title(a.name, f"{a.jurisdiction} · {a.level} · {a.functional_type or a.kind}", f"{load[k]} owned-by links",
                                  "written as: " + "、".join(a.aliases)))
    for (a_key, doc_key), n in sorted(serves.items()):
        if a_key not in chosen:
            continue
        d = by_key[doc_key]
        if doc_key not in net.get_nodes():
            net.add_node(doc_key, label=_label(d.title, 16), shape="box", color="#f2f3f4",
                         title=_title(d.title, str(d.doc_number or ""), f"{d.jurisdiction} · {d.date}",
                                      f"source: {corpus.locate(d.sources[0].file, d.sources[0].line_start, d.sources[0].line_end)}"))
        net.add_edge(a_key, doc_key, width=1 + n ** 0.5, title=_title(f"{n} measures"))
    return net


def lineage_view(corpus: PolicyGraph, expand: list[str] | None = None) -> Any:
    """Municipal plans → district derivatives; measures of the documents in ``expand`` on demand."""
    net = _network()  # a force layout keeps each parent with its derivatives (a level layout spreads them too wide)
    by_key = {d.key: d for d in corpus.all_documents()}
    derived = [dl for dl in corpus.doc_links if dl.type == "derived_from"]
    involved = {dl.source for dl in derived} | {dl.target for dl in derived} | set(expand or [])

    def add_doc(key: str) -> None:
        d = by_key[key]
        src = d.sources[0] if d.sources else None
        net.add_node(key, label=_label(d.title, 20), shape="box", color=COLOURS["cited"] if d.cited_only else COLOURS.get(d.level),
                     shapeProperties={"borderDashes": [5, 5]} if d.cited_only else {},
                     title=_title(d.title, str(d.doc_number or "no 文号"), f"{d.jurisdiction or '?'} · {d.level or '?'} · {d.date or 'no date'}",
                                  "cited only: not in the corpus" if d.cited_only else "",
                                  f"source: {corpus.locate(src.file, src.line_start, src.line_end)}" if src else ""))

    for key in sorted(involved):
        add_doc(key)
    for dl in derived:
        how = f"{dl.cue}《{dl.citation}》" if dl.cue else f"inferred: text reuse {dl.score:.2f}"
        net.add_edge(dl.target, dl.source, title=_title(how, dl.rule, f"source: {_prov(corpus, dl.provenance)}", dl.evidence[:200]),
                     dashes=dl.rule.startswith("inferred"))
    for key in expand or []:
        for m in by_key[key].measures:
            net.add_node(m.key, label=_label(f"{m.written_path} {m.title}", 16), shape="dot", size=6, color=COLOURS["measure"],
                         title=_title(m.written_path, m.title, m.text[:200], f"source: {_prov(corpus, m.provenance)}"))
            net.add_edge(key, m.key, color="#f5cba7")
    return net


def overview_view(corpus: PolicyGraph) -> Any:
    """The whole graph at document level: documents, agencies, derivation and ownership (measures aggregated)."""
    import networkx as nx

    docs = {m.key: d for d in corpus.documents for m in d.measures}
    g = nx.Graph()
    nodes: dict[str, dict[str, Any]] = {}
    for d in corpus.all_documents():
        nodes[d.key] = dict(label=_label(d.title, 14), shape="box", color=COLOURS["cited"] if d.cited_only else COLOURS.get(d.level),
                            title=_title(d.title, str(d.doc_number or ""), f"{len(d.measures)} measures",
                                         f"source: {corpus.locate(d.sources[0].file, d.sources[0].line_start, d.sources[0].line_end)}" if d.sources else ""))
        g.add_node(d.key)
    weights: dict[tuple[str, str], int] = defaultdict(int)
    for o in corpus.owned_by:
        if o.measure in docs:
            weights[(o.agency, docs[o.measure].key)] += 1
    agencies = {a.key: a for a in corpus.agencies}
    for (a_key, d_key) in weights:
        a = agencies[a_key]
        if a_key not in nodes:
            nodes[a_key] = dict(label=_label(a.name, 12), shape="dot" if a.kind == "agency" else "diamond", size=7,
                                color=COLOURS["agency"] if a.kind == "agency" else COLOURS["collective"],
                                title=_title(a.name, f"{a.jurisdiction} · {a.functional_type or a.kind}"))
        g.add_edge(a_key, d_key)
    for dl in corpus.doc_links:
        if dl.type in ("derived_from", "follows"):
            g.add_edge(dl.source, dl.target)
    big = len(nodes) > PHYSICS_LIMIT
    net = _network(physics=not big)
    pos = nx.spring_layout(g, seed=7, iterations=60) if big else {}
    for key, attrs in nodes.items():
        if big:
            x, y = pos[key]
            attrs.update(x=float(x) * 2500, y=float(y) * 2500, physics=False)
        net.add_node(key, **attrs)
    for (a_key, d_key), n in weights.items():
        net.add_edge(a_key, d_key, width=min(6, 1 + n ** 0.5), color="#d5dbdb", title=_title(f"{n} measures"), arrows="")
    for dl in corpus.doc_links:
        if dl.type in ("derived_from", "follows"):
            net.add_edge(dl.source, dl.target, color="#7b241c" if dl.type == "derived_from" else "#1f618d", width=2, title=_title(dl.type, dl.rule))
    return net


_DRAWN = """<div id="pkg-panel" style="position:fixed;right:12px;top:70px;width:360px;max-height:70%;overflow:auto;background:#fdfefe;
  border:1px solid #ccd1d1;padding:8px;font:13px 'Noto Sans CJK SC',sans-serif;white-space:pre-line;display:none"></div>
<script type="text/javascript">
(function () {
  // texts become DOM text nodes, never HTML: safe whatever the documents contain
  function asElement(text) { var div = document.createElement("div"); div.style.whiteSpace = "pre-line";
      div.style.maxWidth = "420px"; div.textContent = text; return div; }
  function ready() { return typeof network !== "undefined" && network && typeof nodes !== "undefined"; }
  function start() {
    if (!ready()) { setTimeout(start, 100); return; }
    var texts = {};
    nodes.forEach(function (n) { if (typeof n.title === "string") { texts[n.id] = n.title; } });
    nodes.update(Object.keys(texts).map(function (id) { return {id: id, title: asElement(texts[id])}; }));
    var edgeTexts = [];
    edges.forEach(function (e) { if (typeof e.title === "string") { edgeTexts.push({id: e.id, title: asElement(e.title)}); } });
    edges.update(edgeTexts);
    var panel = document.getElementById("pkg-panel");
    network.on("click", function (params) {
      if (params.nodes.length) { panel.textContent = texts[params.nodes[0]] || String(params.nodes[0]); panel.style.display = "block"; }
      else { panel.style.display = "none"; }
    });
    network.once("afterDrawing", function () { document.body.setAttribute("data-drawn", "1"); });
    document.body.setAttribute("data-nodes", String(nodes.length));
    network.redraw();
  }
  if (document.readyState === "complete") { start(); } else { window.addEventListener("load", start); }
})();
</script>
"""


def render(net: Any, kind: str, heading: str = "") -> str:
    """The page: pyvis' inline HTML, a heading, a legend and the drawn-marker script."""
    page = net.generate_html(notebook=False)
    # pyvis links Bootstrap from a CDN even in_line; the views do not use it, and a page must not fetch anything
    page = re.sub(r'<link[^>]*cdn\.jsdelivr\.net[^>]*>\s*', "", page)
    page = re.sub(r'<script[^>]*src="https?://[^"]*"[^>]*>\s*</script>\s*', "", page)
    legend = "".join(
        f'<span style="display:inline-block;margin-right:14px"><span style="display:inline-block;width:12px;height:12px;'
        f'background:{c};margin-right:4px"></span>{html.escape(text)}</span>'
        for c, text in [(COLOURS.get(c, c), t) for c, t in getattr(net, "pkg_legend", None) or LEGENDS.get(kind, [])]
    )
    header = (f'<div style="font-family:Noto Sans CJK SC,sans-serif;padding:6px 10px"><b>{html.escape(heading)}</b>'
              f'<div style="font-size:13px;margin-top:4px">{legend} · 点击节点查看来源 (click or hover a node for its provenance)</div></div>')
    page = page.replace("<body>", "<body>\n" + header, 1)
    title = f"<title>{html.escape(heading or kind)} · policykg</title>"  # a tab and a bookmark name the view
    page = re.sub(r"<title>.*?</title>", "", page, flags=re.S).replace("<head>", "<head>\n" + title, 1)
    return page.replace("</body>", _DRAWN + "</body>", 1)


def write_view(net: Any, kind: str, path: Path, heading: str = "") -> Path:
    from policykg.graph.atomic import write_atomically

    return write_atomically(path, render(net, kind, heading).encode("utf-8"))


def show(net: Any, kind: str = "overview", heading: str = "") -> Any:
    """Render inline in Jupyter."""
    from IPython.display import HTML  # type: ignore[attr-defined]

    return HTML(f'<iframe srcdoc="{html.escape(render(net, kind, heading))}" style="width:100%;height:800px;border:0"></iframe>')  # type: ignore[no-untyped-call]
