"""The page every view is drawn in: toolbar (search, filters, legend), network, side panel; one offline HTML file.

The views build a pyvis network whose nodes and edges carry, besides vis' own fields, ``search`` (text the
search box matches), ``facets`` (values the filters compare) and ``panel`` (what a click shows, as blocks of
plain text). This module writes the page around it: vis-network and its CSS inline from pyvis' bundled
copy (nothing is fetched), the data as JSON inside ``<script type="application/json">`` with ``<``, ``>``
and ``&`` escaped, and a small script that builds the panel with ``textContent`` only, so a document
containing ``<script>`` shows as text. Layouts with physics stabilise once and then freeze.

The page marks its state on ``<body>`` for the browser tests: ``data-nodes`` (nodes in the data),
``data-drawn`` and ``data-draw-ms`` (first drawing, milliseconds since navigation), ``data-stable``
(layout frozen), ``data-focused`` (the node search focused), ``data-visible`` (nodes not filtered out).
"""

from __future__ import annotations

import html
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

FONT_STACK = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", sans-serif'
INK = "#1b1b1b"  # label colour: ≥ 12:1 on every fill below

# one colour per kind of thing across all views: a strong colour (border, legend, edges) and a light fill for boxes
KINDS: dict[str | None, tuple[str, str]] = {
    "national": ("#196f3d", "#d4efdf"), "national_branch": ("#196f3d", "#d4efdf"), "provincial": ("#935116", "#f6e3ce"),
    "municipal": ("#a93226", "#f5d5d1"), "district": ("#1f618d", "#d6e6f2"), "county": ("#0e6655", "#d0ece7"),
    "district_branch": ("#6c3483", "#e8daef"), "cited": ("#6e7b7c", "#f2f3f4"), "measure": ("#9a6a08", "#fdebd0"),
    "agency": ("#117a65", "#117a65"), "collective": ("#76448a", "#76448a"), None: ("#5d6d7e", "#eaeded"),
}
KIND_LABELS = {
    "national": "国家级 national", "provincial": "省级 provincial", "municipal": "市级 municipal", "district": "区级 district",
    "county": "县级 county", "district_branch": "区级派出 district branch", "cited": "仅被引用 cited only (dashed)",
    "measure": "措施 measure", "agency": "机构 agency", "collective": "集合责任主体 collective owner",
}
RELATION_COLOURS = {"strengthens": "#1b7f3b", "restates": "#1f5fa8", "localises": "#2a8a8a", "extends": "#6a4c93",
                    "partial": "#c7761a", "weakens": "#b3261e"}
RELATION_LABELS = {"strengthens": "加强 strengthens", "restates": "重述 restates", "localises": "本地化 localises",
                   "extends": "扩展 extends", "partial": "部分 partial", "weakens": "弱化 weakens"}


def kind_of(level: str | None, cited_only: bool = False) -> str | None:
    return "cited" if cited_only else level if level in KINDS else None


def box(kind: str | None, dashed: bool = False) -> dict[str, Any]:
    """vis fields of a box node of this kind: light fill, strong border, dark label."""
    strong, light = KINDS.get(kind, KINDS[None])
    out: dict[str, Any] = {"shape": "box", "borderWidth": 2, "font": {"color": INK},
                           "color": {"background": light, "border": strong, "highlight": {"background": "#ffffff", "border": "#000000"}}}
    if dashed:
        out["shapeProperties"] = {"borderDashes": [5, 4]}
    return out


def options(physics: bool = True, iterations: int = 200) -> dict[str, Any]:
    """vis options shared by the views (pyvis' set_options strips the spaces out of font names, so the views set a dict)."""
    return {
        "nodes": {"font": {"face": FONT_STACK, "size": 14, "color": INK}, "widthConstraint": {"maximum": 240},
                  "scaling": {"label": {"drawThreshold": 3}}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}, "smooth": False, "font": {"face": FONT_STACK, "size": 11}},
        "interaction": {"hover": True, "tooltipDelay": 150},
        "physics": {"enabled": physics, "stabilization": {"enabled": physics, "iterations": iterations, "fit": True},
                    "solver": "forceAtlas2Based", "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 110}},
    }


@lru_cache(maxsize=1)
def _vis() -> tuple[str, str]:
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    return (lib / "vis-network.min.js").read_text(encoding="utf-8"), (lib / "vis-network.css").read_text(encoding="utf-8")


def _json(obj: Any) -> str:
    """JSON safe inside a script element: no character of it can close the element or open markup."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def legend(entries: list[tuple[str, str, str]]) -> str:
    """(border, fill, text) swatches."""
    return "".join(f'<span class="key"><span class="sw" style="background:{fill};border-color:{strong}"></span>{html.escape(text)}</span>'
                   for strong, fill, text in entries)


def kind_legend(kinds: list[str]) -> list[tuple[str, str, str]]:
    return [(*KINDS[k], KIND_LABELS[k]) for k in kinds]


def relation_legend() -> list[tuple[str, str, str]]:
    return [(c, c, RELATION_LABELS[r]) for r, c in RELATION_COLOURS.items()]


def page(net: Any, kind: str, heading: str, *, legend_html: str = "", notes: list[str] | None = None,
         config: dict[str, Any] | None = None) -> str:
    """The whole page for a pyvis network ``net`` whose ``options`` is a dict (see ``options``)."""
    js, css = _vis()
    cfg = {"kind": kind, "filters": [], **(config or {})}
    data = {"nodes": net.nodes, "edges": net.edges, "options": net.options}
    note = "".join(f"<div class=\"note\">{html.escape(n)}</div>" for n in notes or [])
    filters = "".join(
        f'<label>{html.escape(f["label"])} <select data-facet="{html.escape(f["name"])}"><option value="">全部 all</option>'
        + "".join(f'<option value="{html.escape(str(v))}">{html.escape(str(v))}</option>' for v in f["values"]) + "</select></label>"
        for f in cfg["filters"])
    aside = '<aside id="pkg-aside"></aside>' if cfg.get("bars") else ""
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>{html.escape(heading or kind)} · policykg</title>
<style>{css}</style>
<style>{_CSS}</style>
<script>{js}</script>
</head><body class="view-{html.escape(kind)}">
<header><div class="row"><b class="heading">{html.escape(heading)}</b>
<form id="pkg-find" autocomplete="off"><input id="pkg-search" type="search" placeholder="搜索 标题 / 文号 / 机构 / 措施文字 search" aria-label="search">
<button type="submit">查找 find</button> <span id="pkg-status" role="status"></span></form>{filters}</div>
<div class="row legend">{legend_html}<span class="hint">点击节点或连线查看详情 · click a node or a link for details</span></div>{note}</header>
<main class="{"with-aside" if aside else ""}">{aside}<div id="pkg-network"></div>
<section id="pkg-panel" aria-live="polite"><div class="placeholder">点击节点或连线查看详情。<br>Click a node or a link for its details.</div></section></main>
<script type="application/json" id="pkg-data">{_json(data)}</script>
<script type="application/json" id="pkg-config">{_json(cfg)}</script>
<script>{_JS}</script>
</body></html>
"""


_CSS = """
html,body{margin:0;height:100%;font-family:FONTS;color:#1b1b1b;background:#fff}
body{display:flex;flex-direction:column;height:100vh}
header{padding:6px 10px;border-bottom:1px solid #d5d8dc;font-size:13px}
header .row{display:flex;flex-wrap:wrap;align-items:center;gap:6px 14px;margin:2px 0}
.heading{font-size:15px}
#pkg-find input{width:300px;padding:3px 6px;font:inherit} #pkg-find button{font:inherit}
#pkg-status{color:#424949;min-width:60px;display:inline-block}
select{font:inherit}
.key{display:inline-flex;align-items:center;margin-right:6px}
.sw{display:inline-block;width:13px;height:13px;border:2px solid;margin-right:4px;box-sizing:border-box}
.hint{color:#424949}
.note{color:#7b241c;margin:2px 0}
main{display:grid;grid-template-columns:1fr 460px;flex:1;min-height:0}
main.with-aside{grid-template-columns:340px 1fr 420px}
#pkg-network{height:100%;min-height:480px;border-right:1px solid #d5d8dc}
#pkg-panel{overflow:auto;padding:8px 12px;font-size:13px;line-height:1.55;user-select:text}
#pkg-panel h3{font-size:14px;margin:6px 0}
#pkg-panel .placeholder{color:#566573}
#pkg-panel dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 8px;margin:4px 0}
#pkg-panel dt{color:#424949} #pkg-panel dd{margin:0}
#pkg-panel p{white-space:pre-line;margin:4px 0}
#pkg-panel .pnote{color:#7b241c}
#pkg-panel li.go{cursor:pointer;color:#154360;text-decoration:underline}
#pkg-panel .close{float:right;cursor:pointer;border:0;background:none;font-size:16px}
.side{display:grid;grid-template-columns:1fr 1fr;gap:8px;margin:6px 0}
.side>div{border:1px solid #d5d8dc;padding:4px 6px;white-space:pre-wrap}
.side b{display:block;margin-bottom:4px}
.kept{background:#d4efdf} .added{background:#fcf3cf;border-bottom:2px solid #b7950b}
.dropped{background:#f5d5d1;text-decoration:line-through}
#pkg-aside{overflow:auto;padding:6px 8px;border-right:1px solid #d5d8dc;font-size:12px}
.bar{cursor:pointer;padding:3px 2px;border-bottom:1px solid #f2f3f4} .bar:hover,.bar.on{background:#eaf2f8}
.bar .name{display:flex;justify-content:space-between;gap:6px} .bar .track{display:flex;height:9px;margin-top:2px}
.bar .lead{background:#117a65} .bar .sup{background:#76d7c4}
div.vis-tooltip{font-family:FONTS !important;font-size:13px;color:#1b1b1b;max-width:460px;white-space:pre-line}
""".replace("FONTS", FONT_STACK)

_JS = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("pkg-data").textContent);
  var cfg = JSON.parse(document.getElementById("pkg-config").textContent);
  var body = document.body, panel = document.getElementById("pkg-panel");
  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); } return e; }
  function tip(item) { if (typeof item.title === "string") { item.tip = item.title; var d = el("div", "", item.title);
    d.style.whiteSpace = "pre-line"; d.style.maxWidth = "440px"; item.title = d; } return item; }
  var nodes = new vis.DataSet(data.nodes.map(tip)), edges = new vis.DataSet(data.edges.map(tip));
  var network = new vis.Network(document.getElementById("pkg-network"), {nodes: nodes, edges: edges}, data.options);
  window.pkg = {network: network, nodes: nodes, edges: edges, focus: focus, select: select};
  body.setAttribute("data-nodes", String(nodes.length));
  var frozen = false;
  function freeze() { if (!frozen) { frozen = true; network.setOptions({physics: {enabled: false}}); } body.setAttribute("data-stable", "1"); }
  network.once("afterDrawing", function () {
    body.setAttribute("data-draw-ms", String(Math.round(performance.now()))); body.setAttribute("data-drawn", "1");
    if (!data.options.physics || data.options.physics.enabled === false) { freeze(); }
  });
  network.on("stabilizationIterationsDone", freeze);

  function blocks(list, fallback) {
    while (panel.firstChild) { panel.removeChild(panel.firstChild); }
    var close = el("button", "close", "×"); close.title = "close"; close.onclick = function () { panel.textContent = ""; };
    panel.appendChild(close);
    if (!list || !list.length) { list = [{p: fallback || ""}]; }
    list.forEach(function (b) {
      if (b.h !== undefined) { panel.appendChild(el("h3", "", b.h)); }
      if (b.p !== undefined) { panel.appendChild(el("p", "", b.p)); }
      if (b.note !== undefined) { panel.appendChild(el("p", "pnote", b.note)); }
      if (b.kv) { var dl = el("dl"); b.kv.forEach(function (kv) { dl.appendChild(el("dt", "", kv[0])); dl.appendChild(el("dd", "", kv[1])); });
        panel.appendChild(dl); }
      if (b.side) { var grid = el("div", "side"); b.side.forEach(function (col) { var box = el("div"); box.appendChild(el("b", "", col.head));
          col.segs.forEach(function (s) { box.appendChild(el("span", s[1] || "", s[0])); }); grid.appendChild(box); });
        panel.appendChild(grid); }
      if (b.items) { var ul = el("ul"); b.items.forEach(function (it) { var li = el("li", it.focus ? "go" : "", it.text);
          if (it.focus) { li.onclick = function () { focus(it.focus); }; } ul.appendChild(li); });
        panel.appendChild(ul); if (b.more) { panel.appendChild(el("p", "pnote", b.more)); } }
    });
    panel.scrollTop = 0;
  }

  var hood = null;
  function shown(item) {
    var sel = document.querySelectorAll("select[data-facet]");
    for (var i = 0; i < sel.length; i++) {
      var want = sel[i].value, name = sel[i].getAttribute("data-facet");
      if (!want || !item.facets || item.facets[name] === undefined || item.facets[name] === null) { continue; }
      var have = item.facets[name];
      if (Array.isArray(have) ? have.map(String).indexOf(want) < 0 : String(have) !== want) { return false; }
    }
    return true;
  }
  function apply() {
    var visible = 0;
    nodes.update(nodes.map(function (n) { var on = shown(n) && (!hood || hood[n.id] === true); visible += on ? 1 : 0;
      return {id: n.id, hidden: !on}; }));
    edges.update(edges.map(function (e) { return {id: e.id, hidden: !shown(e)}; }));
    body.setAttribute("data-visible", String(visible));
    return visible;
  }
  function rings(id, groups) {
    // the selected node in the middle, each group on its own ring: a fixed picture that never moves
    var moves = [{id: id, x: 0, y: 0}];
    groups.forEach(function (ids, g) {  // outer rings turn by half a step, so their links pass between the inner nodes
      var r = 220 * (g + 1) + 12 * Math.max(0, ids.length - 8);
      ids.forEach(function (k, i) { var a = 2 * Math.PI * (i + g / 2) / ids.length - Math.PI / 2;
        moves.push({id: k, x: Math.round(r * Math.cos(a)), y: Math.round(r * Math.sin(a))}); });
    });
    nodes.update(moves); network.fit({nodes: moves.map(function (m) { return m.id; }), animation: false});
  }
  function relayout() {
    if (data.options.physics && data.options.physics.enabled === false) { network.fit(); return; }
    frozen = false; body.removeAttribute("data-stable");
    network.setOptions({physics: {enabled: true}}); network.stabilize(150);
    network.once("stabilizationIterationsDone", function () { network.fit(); });
  }
  Array.prototype.forEach.call(document.querySelectorAll("select[data-facet]"), function (s) {
    s.addEventListener("change", function () { status(apply() + " / " + nodes.length + " shown"); relayout(); });
  });

  function select(id) {
    var n = nodes.get(id); if (!n) { return; }
    if (cfg.hoods && cfg.hoods[id]) {  // the node's neighbourhood, as groups each laid on its own ring
      hood = {}; cfg.hoods[id].forEach(function (g) { g.forEach(function (k) { hood[k] = true; }); }); hood[id] = true; apply();
      rings(id, cfg.hoods[id]);
      Array.prototype.forEach.call(document.querySelectorAll(".bar"), function (b) { b.classList.toggle("on", b.getAttribute("data-id") === id); });
    }
    network.selectNodes([id]); blocks(n.panel, n.tip); body.setAttribute("data-selected", id);
  }
  function focus(id) {
    var n = nodes.get(id); if (!n) { return; }
    if (n.hidden && !(cfg.hoods && cfg.hoods[id])) {  // filtered out: clear the filters so the match can be seen
      Array.prototype.forEach.call(document.querySelectorAll("select[data-facet]"), function (s) { s.value = ""; });
      if (hood && !hood[id]) { hood = null; } apply();
    }
    select(id);
    if (!(cfg.hoods && cfg.hoods[id])) { network.focus(id, {scale: 1.1, animation: false}); }  // rings are fitted already
    body.setAttribute("data-focused", id);
  }
  network.on("click", function (p) {
    if (p.nodes.length) { select(p.nodes[0]); }
    else if (p.edges.length) { var e = edges.get(p.edges[0]); blocks(e.panel, e.tip); }
  });

  var statusEl = document.getElementById("pkg-status");
  function status(text) { statusEl.textContent = text; }
  var matches = [], at = -1, last = null;
  document.getElementById("pkg-find").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var q = document.getElementById("pkg-search").value.trim().toLowerCase();
    if (q !== last) { last = q; at = -1; matches = [];
      if (q) { nodes.forEach(function (n) { if (n.search && n.search.indexOf(q) >= 0) { matches.push(n.id); } }); } }
    if (!matches.length) { status(q ? "无匹配 no match" : ""); return; }
    at = (at + 1) % matches.length; focus(matches[at]); status((at + 1) + " / " + matches.length);
  });

  if (cfg.bars) {
    var aside = document.getElementById("pkg-aside"), top = 1;
    cfg.bars.forEach(function (b) { top = Math.max(top, b.lead + b.supporting); });
    aside.appendChild(el("b", "", cfg.barsTitle || ""));
    if (cfg.barsNote) { aside.appendChild(el("p", "pnote", cfg.barsNote)); }
    cfg.bars.forEach(function (b) {
      var row = el("div", "bar"); row.setAttribute("data-id", b.id);
      var name = el("div", "name"); name.appendChild(el("span", "", b.name)); name.appendChild(el("span", "", b.counts)); row.appendChild(name);
      var track = el("div", "track"), lead = el("span", "lead"), sup = el("span", "sup");
      lead.style.width = (100 * b.lead / top) + "%"; sup.style.width = (100 * b.supporting / top) + "%";
      track.appendChild(lead); track.appendChild(sup); row.appendChild(track);
      row.onclick = function () { focus(b.id); }; aside.appendChild(row);
    });
  }
  body.setAttribute("data-visible", String(nodes.length));
  if (cfg.start) { if (cfg.startZoom === false) { select(cfg.start); } else { focus(cfg.start); } }
})();
"""


def write(text: str, path: Path) -> Path:
    from policykg.graph.store.atomic import write_atomically

    return write_atomically(path, text.encode("utf-8"))
