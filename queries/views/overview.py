"""The overview: every document, measure and agency of a build, laid out once and frozen."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from policykg.graph.store.model import PolicyGraph
from policykg.queries import viewpage as vp
from policykg.queries.views.common import PHYSICS_LIMIT, View, cut, doc_facts, doc_line, filters, network, search_text, tip, year_of


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
    net = network(physics=not big)
    pos = _packed_layout(g) if big else {}
    for key in keys:
        place = {"x": pos[key][0], "y": pos[key][1], "physics": False} if big else {}
        if key in by_key:
            d = by_key[key]
            net.add_node(key, label=cut(d.title, 14), **vp.box(vp.kind_of(d.level, d.cited_only), dashed=d.cited_only), **place,
                         title=tip(d.title, doc_line(d), f"{len(d.measures)} measures"), search=search_text(d.title, d.doc_number, d.jurisdiction),
                         facets={"jurisdiction": d.jurisdiction, "year": year_of(d)}, panel=[{"h": d.title}, doc_facts(corpus, d)])
            continue
        a = agencies.get(key)
        if a is None:
            continue
        kind = "agency" if a.kind == "agency" else "collective"
        net.add_node(key, label=cut(a.name, 12), shape="dot" if kind == "agency" else "diamond", size=6 + 4 * served[key] ** 0.5,
                     color=vp.KINDS[kind][0], font={"size": 20 if key in busiest else 11, "color": vp.INK}, **place,
                     title=tip(a.name, f"{a.jurisdiction} · {a.functional_type or a.kind}", f"owns measures in {served[key]} documents"),
                     search=search_text(a.name, *a.aliases), facets={"jurisdiction": a.jurisdiction},
                     panel=[{"h": a.name}, {"kv": [["辖区", a.jurisdiction], ["类型 type", a.functional_type or a.kind]]},
                            {"items": [{"text": f"{by_key[dk].doc_number or dk} · {cut(by_key[dk].title, 30)} · {n} measures", "focus": dk}
                                       for dk, n in serves[key] if dk in by_key]}])
    for (a_key, d_key), n in sorted(weights.items()):
        net.add_edge(a_key, d_key, width=min(6, 1 + n ** 0.5), color="#d5d8dc", title=tip(f"{n} measures"), arrows="")
    for dl in doc_edges:
        net.add_edge(dl.source, dl.target, color=vp.KINDS["municipal"][0] if dl.type == "derived_from" else vp.KINDS["district"][0], width=2,
                     title=tip(dl.type, dl.rule))
    notes = ["agency size = documents it owns measures in; the 12 agencies serving most documents are labelled large; red arrows: derived from, blue: follows"]
    if isolated:
        notes.append(f"{len(isolated)} documents with no owner or derivation link are not drawn (see `policykg documents`)")
    net.pkg_page = {"legend": vp.legend(vp.kind_legend(["municipal", "district", "cited", "agency", "collective"])), "notes": notes,
                    "config": {"filters": filters(net.nodes, ("jurisdiction", "辖区 jurisdiction"), ("year", "年份 year"))}}
    return net


VIEW = View("overview", lambda corpus, _args, _options: (overview_view(corpus), "overview · 全图"), "")
