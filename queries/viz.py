"""Interactive views (pyvis networks): trace, agencies, lineage and overview.

Each builder returns a pyvis ``Network`` whose nodes and edges carry what the page needs besides vis'
own fields (``search``, ``facets``, ``panel``: see ``viewpage``) and a ``pkg_page`` dict with the
legend, notes and page settings; ``render`` / ``write_view`` / ``show`` turn it into one offline page.
Trace and lineage are laid out here (fixed positions: levels top to bottom, time left to right);
agencies and overview stabilise a force layout once and freeze it, or, past ``PHYSICS_LIMIT``
nodes, use positions computed here.
"""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from policykg.graph.store.model import PolicyGraph
from policykg.ontology.records import Document, Implements, Provenance
from policykg.queries import viewpage as vp

PHYSICS_LIMIT = 1000  # past this many nodes: positions computed here, physics off
BAND = 260  # horizontal distance between boxes of a row
ROW = 170  # vertical distance between rows
LIST_LIMIT = 60  # items listed in a panel before "… N more"
ROLE_LABELS = {"lead": "牵头 lead", "supporting": "配合 supporting", "unspecified": "责任 responsible"}


def _cut(text: str, limit: int) -> str:
    text = (text or "").replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _tip(*lines: object) -> str:
    """Hover text: plain lines (the page shows them as text, never as markup)."""
    return "\n".join(str(x) for x in lines if x)


def _search(*texts: object) -> str:
    return " ".join(str(t) for t in texts if t).lower()


def _network(physics: bool = True) -> Any:
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line", notebook=False)
    net.options = vp.options(physics=physics)
    net.pkg_page = {"legend": "", "notes": [], "config": {}}
    return net


def _doc_line(d: Document) -> str:
    """Document, 文号 and date in one line: what every node names."""
    return " · ".join(x for x in (d.jurisdiction or "", str(d.doc_number or "无文号"), d.date or "无日期") if x)


def _where(corpus: PolicyGraph, p: Provenance) -> str:
    return f"{corpus.locate(p.span.file, p.span.line_start, p.span.line_end)} · {p.rule}"


def _doc_source(corpus: PolicyGraph, d: Document) -> str:
    if not d.sources:
        return "仅被引用 cited only: not in the corpus"
    s = d.sources[0]
    return corpus.locate(s.file, s.line_start, s.line_end)


def _doc_facts(corpus: PolicyGraph, d: Document) -> dict[str, Any]:
    written = [["原文 as written", d.original_title]] if d.original_title else []
    return {"kv": [["文件 document", d.title], *written, ["文号", str(d.doc_number or "—")], ["日期 date", d.date or "—"],
                   ["辖区 jurisdiction", " › ".join(d.jurisdiction_path) or d.jurisdiction or "—"], ["层级 level", d.level or "—"],
                   ["来源 source", _doc_source(corpus, d)]]}


def _year(d: Document) -> str:
    return (d.date or "")[:4] or (str(d.doc_number.year) if d.doc_number else "")


def _filters(items: Iterable[dict[str, Any]], *names: tuple[str, str]) -> list[dict[str, Any]]:
    """Filter menus for the facets the items carry (values sorted; a facet with one value is no filter)."""
    out = []
    for name, label in names:
        values = sorted({str(v) for it in items for v in _as_list(it.get("facets", {}).get(name)) if v not in (None, "")})
        if len(values) > 1:
            out.append({"name": name, "label": label, "values": values})
    return out


def _as_list(v: Any) -> list[Any]:
    return v if isinstance(v, list) else [v]


def _segments(text: str, ranges: list[tuple[int, int, str]]) -> list[list[str]]:
    """The whole text cut into [piece, class] at the marked ranges (kept / added / dropped)."""
    out, at = [], 0
    for start, end, cls in sorted(ranges):
        if start < at:
            continue
        if start > at:
            out.append([text[at:start], ""])
        out.append([text[start:end], cls])
        at = end
    if at < len(text):
        out.append([text[at:], ""])
    return out


def implements_panel(corpus: PolicyGraph, link: Implements) -> list[dict[str, Any]]:
    """The two texts side by side: kept wording on both, what the district added, what it dropped."""
    from policykg.queries.diff import diff_json

    source, target = corpus.unit(link.source), corpus.unit(link.target)
    sdoc, tdoc = corpus.document_of(link.source), corpus.document_of(link.target)
    if source is None or target is None or sdoc is None or tdoc is None:
        return [{"p": f"{link.source} → {link.target}"}]
    d = diff_json(source.text, target.text, lambda _o: 0, lambda _o: 0)
    left = [(r["district_start"], r["district_end"], kind) for kind in ("kept", "added") for r in d[kind]]
    right = [(r["municipal_start"], r["municipal_end"], kind) for kind in ("kept", "dropped") for r in d[kind]]
    shares = f"{d['kept_share']:.0%} of the derivative's wording; {d['covered_share']:.0%} of the source's"
    return [
        {"h": f"落实 implements · {vp.RELATION_LABELS.get(link.relation, link.relation)}"},
        {"kv": [["score", f"{link.score:.2f} ({link.confidence}) · {link.method}"], ["cosine / reuse", f"{link.cosine:.2f} / {link.reuse:.2f}"],
                ["比较 compared", link.comparison or "—"], ["保留 kept", shares],
                ["来源 provenance", _where(corpus, link.provenance)]]},
        {"side": [{"head": f"{_doc_line(sdoc)}\n{source.written_path} {source.title}", "segs": _segments(source.text, left)},
                  {"head": f"{_doc_line(tdoc)}\n{target.written_path} {target.title}", "segs": _segments(target.text, right)}]},
        {"note": "绿 kept: shared wording · 黄 added by the derivative · 红删除线 dropped from the source"},
    ]


def _unit_panel(corpus: PolicyGraph, key: str, sources: list[Implements]) -> list[dict[str, Any]]:
    d, x = corpus.units[key]
    owners = []
    for o in corpus.owners_of(key):
        agency = corpus.agency(o.agency)
        owners.append(f"{ROLE_LABELS.get(o.role, o.role)}: {agency.name if agency else o.text}")
    deadlines = [f"{m.text}{' → ' + m.end if m.end else ''}" for m in getattr(x, "deadlines", ())]
    original = getattr(x, "original_text", "")
    out: list[dict[str, Any]] = [{"h": f"{x.written_path} {x.title}"}, _doc_facts(corpus, d), {"p": x.text},
                                 *([{"kv": [["原文 as written", original]]}] if original else []),
                                 {"kv": [["责任单位 owners", "；".join(owners) or "—"], ["时限 deadlines", "；".join(deadlines) or "—"],
                                         ["行 lines", _where(corpus, x.provenance)]]}]
    if sources:
        out.append({"items": [{"text": f"→ {s.target} · {vp.RELATION_LABELS.get(s.relation, s.relation)} · {s.score:.2f} ({s.confidence})",
                               "focus": s.target} for s in sources]})
    return out


def trace_view(corpus: PolicyGraph, measure_key: str) -> Any:
    """A measure at the bottom, the measures it implements above it, their sources above those; each row by date."""
    units = corpus.units
    if measure_key not in units:
        raise KeyError(f"no measure {measure_key!r}")
    net = _network(physics=False)
    levels: list[list[str]] = [[measure_key]]
    links: list[Implements] = []
    seen = {measure_key}
    sources_of: dict[str, list[Implements]] = {}
    while levels[-1]:
        above: list[str] = []
        for key in levels[-1]:
            found = sorted((i for i in corpus.implements_from(key) if i.confidence != "low" and i.target in units), key=lambda i: (-i.score, i.target))
            sources_of[key] = found
            for link in found:
                links.append(link)
                if link.target not in seen:
                    seen.add(link.target)
                    above.append(link.target)
        levels.append(above)
    y = 0
    for depth, row in enumerate(levels):
        row.sort(key=lambda k: (units[k][0].date or "9999", k))
        per_row = 5
        for start in range(0, len(row), per_row):
            chunk = row[start : start + per_row]
            for i, key in enumerate(chunk):
                d, x = units[key]
                kind = "measure" if depth == 0 else vp.kind_of(d.level)
                net.add_node(key, label=f"{_doc_line(d)}\n{x.written_path} {_cut(x.title or x.text, 24)}", x=(i - (len(chunk) - 1) / 2) * BAND, y=y,
                             physics=False, **vp.box(kind), title=_tip(d.title, _doc_line(d), f"{x.written_path} {x.title}", _cut(x.text, 200)),
                             search=_search(d.title, d.doc_number, x.written_path, x.title, x.text), facets={"jurisdiction": d.jurisdiction},
                             panel=_unit_panel(corpus, key, sources_of.get(key, [])))
            y -= ROW
    for link in links:
        tdoc = corpus.document_of(link.target)
        sibling = tdoc is not None and tdoc.level not in ("municipal", "provincial", "national")
        colour = vp.RELATION_COLOURS.get(link.relation, "#5d6d7e")
        net.add_edge(link.source, link.target, label=f"{link.relation} {link.score:.2f}", width=1 + 3 * link.score, color=colour,
                     dashes=link.confidence != "high", font={"color": vp.INK, "strokeWidth": 3},
                     title=_tip(f"implements · {link.relation} · score {link.score:.2f} ({link.confidence})", "click for the texts side by side"),
                     facets={"relation": link.relation, "confidence": link.confidence},
                     panel=([{"note": "另一份同级文件 another derivative of the same level: shared wording, not a municipal source"}] if sibling else [])
                     + implements_panel(corpus, link))
    x0 = units[measure_key][1]
    notes = [] if links else [f"{x0.written_path} {x0.title}: 未找到上级来源 no source found in a higher-level plan (no high or medium implements link)"]
    net.pkg_page = {"legend": vp.legend(vp.kind_legend(["measure", "municipal", "district"]) + vp.relation_legend()), "notes": notes,
                    "config": {"filters": _filters(net.edges, ("relation", "关系 relation"), ("confidence", "置信度 confidence")),
                               "start": measure_key, "startZoom": False}}
    return net


def _owner_rows(corpus: PolicyGraph) -> dict[str, list[tuple[Document, str, str, str, str]]]:
    """Per agency: (document, unit key, what it says, role, deadline) for every measure or task it owns."""
    out: dict[str, list[tuple[Document, str, str, str, str]]] = defaultdict(list)
    for o in corpus.owned_by:
        if o.measure in corpus.tasks:
            d, t = corpus.tasks[o.measure]
            what, due = f"任务 task {t.number} {_cut(t.text, 40)}", next((m.end for m in t.deadlines if m.end), "") or ""
        else:
            found = corpus.units.get(o.measure)
            if found is None:
                continue
            d, x = found
            what = f"{x.written_path} {_cut(x.title or x.text, 40)}"
            due = next((m.end for m in getattr(x, "deadlines", ()) if m.end), "") or ""
        out[o.agency].append((d, o.measure, what, o.role, due))
    return out


def agencies_view(corpus: PolicyGraph, jurisdiction: str | None = None, limit: int = 40) -> Any:
    """Ranked bars (lead / supporting) beside the selected agency's neighbourhood: its documents and co-owners."""
    rows = _owner_rows(corpus)
    agencies = {a.key: a for a in corpus.agencies}
    in_scope = [k for k in rows if k in agencies and (not jurisdiction or agencies[k].jurisdiction == jurisdiction)]
    docs_of = {k: {d.key for d, *_ in rows[k]} for k in in_scope}
    lead = {k: sum(r[3] == "lead" for r in rows[k]) for k in in_scope}
    ranked = sorted(in_scope, key=lambda k: (-len(docs_of[k]), -len(rows[k]), agencies[k].name, k))
    chosen = ranked[:limit]
    net = _network(physics=False)  # each neighbourhood is laid out in rings when selected
    by_key = {d.key: d for d in corpus.all_documents()}
    co: dict[str, Counter[str]] = defaultdict(Counter)
    owners_of_unit: dict[str, set[str]] = defaultdict(set)
    for o in corpus.owned_by:
        owners_of_unit[o.measure].add(o.agency)
    chosen_set = set(chosen)
    for owners in owners_of_unit.values():
        for one in owners & chosen_set:
            for other in owners & chosen_set:
                if one != other:
                    co[one][other] += 1
    hoods: dict[str, list[list[str]]] = {}  # per agency: its documents, then its co-owners (one ring each)
    for k in chosen:
        a = agencies[k]
        items = sorted(rows[k], key=lambda r: (r[0].date or "", r[0].key, r[1]))
        kind = "agency" if a.kind == "agency" else "collective"
        strong, _ = vp.KINDS[kind]
        load = f"牵头 lead {lead[k]} · 配合 supporting {len(rows[k]) - lead[k]} · {len(docs_of[k])} documents"
        listed = [{"text": f"{ROLE_LABELS.get(role, role)} · {d.doc_number or d.key} {what}{' · 截止 ' + due if due else ''}"}
                  for d, _u, what, role, due in items[:LIST_LIMIT]]
        more = {"more": f"… {len(items) - LIST_LIMIT} more not listed"} if len(items) > LIST_LIMIT else {}
        net.add_node(k, label=_cut(a.name, 16), shape="dot" if kind == "agency" else "diamond", size=10 + 3 * lead[k] ** 0.5, color=strong,
                     font={"color": vp.INK, "size": 15}, title=_tip(a.name, f"{a.jurisdiction} · {a.functional_type or a.kind}", load),
                     search=_search(a.name, *a.aliases, *(d.title for d, *_ in rows[k]), *(str(d.doc_number or "") for d, *_ in rows[k])),
                     facets={"jurisdiction": a.jurisdiction},
                     panel=[{"h": a.name}, {"kv": [["辖区 jurisdiction", f"{a.jurisdiction} · {a.level}"], ["类型 type", a.functional_type or a.kind],
                                                   ["写作 written as", "、".join(a.aliases) or "—"], ["负担 load", load]]},
                            {"items": listed, **more}])
        partners = [b for b, _ in sorted(co[k].items(), key=lambda kv: (-kv[1], kv[0]))[:8]]
        hoods[k] = [sorted(docs_of[k]), partners]
    for doc_key in sorted({dk for k in chosen for dk in docs_of[k]}):
        d = by_key[doc_key]
        net.add_node(doc_key, label=f"{_cut(d.title, 16)}\n{_doc_line(d)}", **vp.box(vp.kind_of(d.level, d.cited_only)),
                     title=_tip(d.title, _doc_line(d)), facets={"jurisdiction": d.jurisdiction}, panel=[{"h": d.title}, _doc_facts(corpus, d)])
    for k in chosen:
        served = Counter(d.key for d, *_ in rows[k])
        for doc_key, n in sorted(served.items()):
            net.add_edge(k, doc_key, width=1 + n ** 0.5, color="#a6acaf", arrows="", title=_tip(f"{agencies[k].name}: {n} measures or tasks in this document"))
        for b, n in sorted(co[k].items()):
            if k < b:
                net.add_edge(k, b, width=1 + n ** 0.5, color="#76d7c4", dashes=True, arrows="", title=_tip(f"co-own {n} measures or tasks"))
    bars = [{"id": k, "name": agencies[k].name, "lead": lead[k], "supporting": len(rows[k]) - lead[k],
             "counts": f"{lead[k]}+{len(rows[k]) - lead[k]} · {len(docs_of[k])} docs"} for k in chosen]
    scope = jurisdiction or "all jurisdictions"
    note = f"showing the top {len(chosen)} of {len(ranked)} agencies ({scope}) ranked by documents, then measures" if len(ranked) > len(chosen) \
        else f"all {len(ranked)} agencies ({scope}), ranked by documents, then measures"
    net.pkg_page = {"legend": vp.legend([("#117a65", "#117a65", "牵头 lead"), ("#76d7c4", "#76d7c4", "配合 supporting")]
                                        + vp.kind_legend(["agency", "collective", "municipal", "district"])),
                    "notes": [] if chosen else [f"no agency owns a measure in {scope}"],
                    "config": {"bars": bars, "barsTitle": "机构负担 agency load: measures and tasks led + supported", "barsNote": note,
                               "hoods": hoods, "start": chosen[0] if chosen else None,
                               "filters": _filters(net.nodes, ("jurisdiction", "辖区 jurisdiction"))}}
    return net


LEVEL_ROW = {"national": 0, "national_branch": 0, "provincial": 1, "municipal": 2, "district": 3, "county": 3, "district_branch": 4}


def _rows(docs: dict[str, Document], parents: dict[str, list[str]]) -> dict[str, int]:
    """Row of each document: its level's, and always below every parent."""
    row = {k: LEVEL_ROW.get(d.level or "", 3) for k, d in docs.items()}
    for _ in range(len(docs)):
        changed = False
        for child, ps in parents.items():
            need = max((row[p] + 1 for p in ps if p in row), default=row[child])
            if need > row[child]:
                row[child], changed = min(need, 12), True
        if not changed:
            break
    return row


def _place(wanted: list[float], size: float, gap: float = 14) -> list[float]:
    """Positions as close to the wanted ones as possible, in order, none closer than ``size + gap``."""
    out: list[float] = []
    for w in wanted:
        out.append(max(w, out[-1] + size + gap) if out else w)
    return out


def lineage_view(corpus: PolicyGraph, expand: list[str] | None = None) -> Any:
    """Plans as a tree by level, left to right (national → provincial → municipal → district), each column by date.

    A derivative sits beside its parent plan; an expanded document's measures stand in a column to its right and
    link to the measures they implement, shown beside their own document.
    """
    net = _network(physics=False)
    by_key = {d.key: d for d in corpus.all_documents()}
    derived = [dl for dl in corpus.doc_links if dl.type == "derived_from" and dl.source in by_key and dl.target in by_key]
    keys = sorted({dl.source for dl in derived} | {dl.target for dl in derived} | {k for k in expand or [] if k in by_key})
    docs = {k: by_key[k] for k in keys}
    parents: dict[str, list[str]] = defaultdict(list)
    children: dict[str, list[str]] = defaultdict(list)
    for dl in derived:
        parents[dl.source].append(dl.target)
        children[dl.target].append(dl.source)
    row = _rows(docs, parents)
    # the measures to show beside each document: an expanded document's own, and the sources they implement
    expanded = [k for k in expand or [] if k in docs]
    beside: dict[str, list[str]] = defaultdict(list)
    source_links: list[Implements] = []
    for k in expanded:
        for m in docs[k].measures:
            if m.kind == "annex":
                continue
            beside[k].append(m.key)
            for link in corpus.implements_from(m.key):
                doc = corpus.document_of(link.target)
                if link.confidence != "low" and doc is not None and doc.key in docs:
                    source_links.append(link)
                    if link.target not in beside[doc.key]:
                        beside[doc.key].append(link.target)
    ys: dict[str, float] = {}
    xs: dict[str, float] = {}
    x = 0.0
    for r in sorted(set(row.values())):
        members = [k for k in keys if row[k] == r]

        def anchor(k: str) -> float:
            placed = [ys[p] for p in parents[k] if p in ys]
            return sum(placed) / len(placed) if placed else 0.0

        members.sort(key=lambda k: (anchor(k), docs[k].date or "9999", k))
        first = 0.0 if not ys else min(anchor(k) for k in members)
        for k, y in zip(members, _place([max(anchor(k), first) for k in members], 56), strict=True):
            xs[k], ys[k] = x, y
        x += BAND + 40
        with_measures = [k for k in members if beside.get(k)]
        if with_measures:
            cols = 2
            heights = [-(-len(beside[k]) // cols) * 44.0 for k in with_measures]
            tops = _place([ys[k] for k in with_measures], 0)
            tops = [max(t, prev + h_prev + 20) for t, prev, h_prev in zip(tops, [-1e9, *tops], [0.0, *heights], strict=False)]
            for k, top in zip(with_measures, tops, strict=True):
                for n, unit in enumerate(beside[k]):
                    d, u = corpus.units[unit]
                    sources = [s for s in corpus.implements_from(unit) if s.confidence != "low" and s.target in corpus.units]
                    net.add_node(unit, label=f"{u.written_path} {_cut(u.title or u.text, 12)}", x=x + (n % cols) * 200, y=top + (n // cols) * 44,
                                 physics=False, **vp.box("measure"), title=_tip(d.title, u.written_path, u.title, _cut(u.text, 200)),
                                 search=_search(u.written_path, u.title, u.text), facets={"jurisdiction": d.jurisdiction, "year": _year(d)},
                                 panel=_unit_panel(corpus, unit, sources))
            x += cols * 200 + 40
    for k in keys:
        d = docs[k]
        kind = vp.kind_of(d.level, d.cited_only)
        family = [("↑ 上级 parent", p) for p in parents[k]] + [("↓ 衍生 derivative", c) for c in children[k]]
        net.add_node(k, label=f"{_cut(d.title, 26)}\n{str(d.doc_number or '无文号')} · {d.date or '无日期'}", x=xs[k], y=ys[k], physics=False,
                     **vp.box(kind, dashed=d.cited_only), title=_tip(d.title, _doc_line(d), "仅被引用 cited only: not in the corpus" if d.cited_only else ""),
                     search=_search(d.title, d.doc_number, d.jurisdiction), facets={"jurisdiction": d.jurisdiction, "year": _year(d)},
                     panel=[{"h": d.title}, _doc_facts(corpus, d), {"kv": [["措施 measures", str(len(d.measures))]]},
                            {"items": [{"text": f"{rel} · {_cut(by_key[o].title, 30)} · {by_key[o].doc_number or ''}", "focus": o} for rel, o in family]}]
                     + ([{"note": "仅被引用：语料中没有此文件 cited only: named by a citation, not in the corpus"}] if d.cited_only else []))
    for dl in derived:
        how = f"{dl.cue}《{dl.citation}》" if dl.cue else f"inferred: shared wording {dl.score:.2f}"
        net.add_edge(dl.target, dl.source, color=vp.KINDS["municipal"][0], width=2, dashes=dl.rule.startswith("inferred"), title=_tip("derived from", how),
                     panel=[{"h": "衍生 derived from"}, {"kv": [["依据 cue", how], ["规则 rule", dl.rule], ["来源 provenance", _where(corpus, dl.provenance)]]},
                            {"p": dl.evidence[:400]}])
    for k, units in beside.items():
        for unit in units:
            net.add_edge(k, unit, color="#d5d8dc", arrows="")
    for link in source_links:
        net.add_edge(link.source, link.target, color=vp.RELATION_COLOURS.get(link.relation, "#5d6d7e"), width=1 + 2 * link.score,
                     title=_tip(f"implements · {link.relation} · {link.score:.2f}", "click for the texts side by side"),
                     panel=implements_panel(corpus, link), facets={"relation": link.relation})
    levels = " → ".join(vp.KIND_LABELS[k] for k in ("national", "provincial", "municipal", "district") if any(docs[d].level == k for d in keys))
    net.pkg_page = {"legend": vp.legend(vp.kind_legend(["national", "provincial", "municipal", "district", "cited", "measure"])),
                    "notes": [f"columns by level, left to right: {levels}; each column top to bottom by date" if keys else "no derived-from link"],
                    "config": {"filters": _filters(net.nodes, ("jurisdiction", "辖区 jurisdiction"), ("year", "年份 year"))}}
    return net


def _packed_layout(g: Any) -> dict[str, tuple[float, float]]:
    """Each connected part laid out on its own (force-directed, seeded), then the parts packed in rows, largest first.

    One layout of the whole graph costs seconds past a thousand nodes; parts are small and independent.
    """
    import networkx as nx

    parts = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c[0]))
    total = sum(len(c) for c in parts)
    width_limit = 2 * 80 * total ** 0.5
    out: dict[str, tuple[float, float]] = {}
    x = y = shelf = 0.0
    for part in parts:
        radius = 40 * len(part) ** 0.5 + 60
        if x and x + 2 * radius > width_limit:
            x, y, shelf = 0.0, y + shelf + 80, 0.0
        local = nx.spring_layout(g.subgraph(part), seed=7, iterations=40, method="force") if len(part) > 1 else {part[0]: (0.0, 0.0)}
        for key in part:
            out[key] = (x + radius + float(local[key][0]) * radius, y + radius + float(local[key][1]) * radius)
        x += 2 * radius + 80
        shelf = max(shelf, 2 * radius)
    return out


def overview_view(corpus: PolicyGraph) -> Any:
    """Documents and the agencies that own their measures: who serves most documents, which plans have derivatives."""
    import networkx as nx

    unit_doc = {k: d for k, (d, _x) in corpus.units.items()} | {k: d for k, (d, _t) in corpus.tasks.items()}
    weights: Counter[tuple[str, str]] = Counter()
    for o in corpus.owned_by:
        if o.measure in unit_doc:
            weights[(o.agency, unit_doc[o.measure].key)] += 1
    doc_edges = [dl for dl in corpus.doc_links if dl.type in ("derived_from", "follows")]
    g = nx.Graph()
    g.add_edges_from(weights)
    g.add_edges_from((dl.source, dl.target) for dl in doc_edges)
    by_key = {d.key: d for d in corpus.all_documents()}
    agencies = {a.key: a for a in corpus.agencies}
    served = Counter(a for a, _d in weights)
    serves: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for (a_key, d_key), n in sorted(weights.items()):
        serves[a_key].append((d_key, n))
    busiest = {a for a, _ in sorted(served.items(), key=lambda kv: (-kv[1], kv[0]))[:12]}
    isolated = [k for k in by_key if k not in g]
    keys = sorted(g.nodes, key=lambda k: (k not in by_key, k))
    big = len(keys) > PHYSICS_LIMIT
    net = _network(physics=not big)
    pos = _packed_layout(g) if big else {}
    for key in keys:
        place = {"x": pos[key][0], "y": pos[key][1], "physics": False} if big else {}
        if key in by_key:
            d = by_key[key]
            net.add_node(key, label=_cut(d.title, 14), **vp.box(vp.kind_of(d.level, d.cited_only), dashed=d.cited_only), **place,
                         title=_tip(d.title, _doc_line(d), f"{len(d.measures)} measures"), search=_search(d.title, d.doc_number, d.jurisdiction),
                         facets={"jurisdiction": d.jurisdiction, "year": _year(d)}, panel=[{"h": d.title}, _doc_facts(corpus, d)])
            continue
        a = agencies.get(key)
        if a is None:
            continue
        kind = "agency" if a.kind == "agency" else "collective"
        net.add_node(key, label=_cut(a.name, 12), shape="dot" if kind == "agency" else "diamond", size=6 + 4 * served[key] ** 0.5,
                     color=vp.KINDS[kind][0], font={"size": 20 if key in busiest else 11, "color": vp.INK}, **place,
                     title=_tip(a.name, f"{a.jurisdiction} · {a.functional_type or a.kind}", f"owns measures in {served[key]} documents"),
                     search=_search(a.name, *a.aliases), facets={"jurisdiction": a.jurisdiction},
                     panel=[{"h": a.name}, {"kv": [["辖区", a.jurisdiction], ["类型 type", a.functional_type or a.kind]]},
                            {"items": [{"text": f"{by_key[dk].doc_number or dk} · {_cut(by_key[dk].title, 30)} · {n} measures", "focus": dk}
                                       for dk, n in serves[key] if dk in by_key]}])
    for (a_key, d_key), n in sorted(weights.items()):
        net.add_edge(a_key, d_key, width=min(6, 1 + n ** 0.5), color="#d5d8dc", title=_tip(f"{n} measures"), arrows="")
    for dl in doc_edges:
        net.add_edge(dl.source, dl.target, color=vp.KINDS["municipal"][0] if dl.type == "derived_from" else vp.KINDS["district"][0], width=2,
                     title=_tip(dl.type, dl.rule))
    notes = ["agency size = documents it owns measures in; the 12 agencies serving most documents are labelled large; red arrows: derived from, blue: follows"]
    if isolated:
        notes.append(f"{len(isolated)} documents with no owner or derivation link are not drawn (see `policykg documents`)")
    net.pkg_page = {"legend": vp.legend(vp.kind_legend(["municipal", "district", "cited", "agency", "collective"])), "notes": notes,
                    "config": {"filters": _filters(net.nodes, ("jurisdiction", "辖区 jurisdiction"), ("year", "年份 year"))}}
    return net


def render(net: Any, kind: str, heading: str = "") -> str:
    """The self-contained page of a view."""
    extra = getattr(net, "pkg_page", None) or {}
    return vp.page(net, kind, heading, legend_html=extra.get("legend", ""), notes=extra.get("notes"), config=extra.get("config"))


def write_view(net: Any, kind: str, path: Path, heading: str = "") -> Path:
    return vp.write(render(net, kind, heading), path)


def show(net: Any, kind: str = "overview", heading: str = "", height: int = 820) -> Any:
    """The view inline in Jupyter."""
    return show_page(render(net, kind, heading), height)


def show_page(page: str, height: int = 820) -> Any:
    """A whole page inline in Jupyter: an iframe holding it (its scripts run apart from the notebook's)."""
    import importlib

    # Looked up by name: whether IPython.display re-exports HTML (and so whether a type checker sees it) changes
    # between IPython releases; the object is the same.
    html_display: Any = importlib.import_module("IPython.display").HTML
    frame = f'<iframe srcdoc="{html.escape(page)}" style="width:100%;height:{height}px;border:1px solid #d5d8dc"></iframe>'
    return html_display(f"<div>{frame}</div>")  # (a bare <iframe> makes IPython warn)
