"""The trace view: a measure, its sources up the levels and its implementers, each link with its comparison panel."""

from __future__ import annotations

from typing import Any

from policykg.graph.store.model import PolicyGraph
from policykg.ontology.records import Implements
from policykg.queries import viewpage as vp
from policykg.queries.views.common import BAND, ROW, View, cut, doc_line, filters, implements_panel, network, search_text, tip, unit_panel


def trace_view(corpus: PolicyGraph, measure_key: str) -> Any:
    """A measure at the bottom, the measures it implements above it, their sources above those; each row by date."""
    units = corpus.units
    if measure_key not in units:
        raise KeyError(f"no measure {measure_key!r}")
    net = network(physics=False)
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
                net.add_node(key, label=f"{doc_line(d)}\n{x.written_path} {cut(x.title or x.text, 24)}", x=(i - (len(chunk) - 1) / 2) * BAND, y=y,
                             physics=False, **vp.box(kind), title=tip(d.title, doc_line(d), f"{x.written_path} {x.title}", cut(x.text, 200)),
                             search=search_text(d.title, d.doc_number, x.written_path, x.title, x.text), facets={"jurisdiction": d.jurisdiction},
                             panel=unit_panel(corpus, key, sources_of.get(key, [])))
            y -= ROW
    for link in links:
        tdoc = corpus.document_of(link.target)
        sibling = tdoc is not None and tdoc.level not in ("municipal", "provincial", "national")
        colour = vp.RELATION_COLOURS.get(link.relation, "#5d6d7e")
        net.add_edge(link.source, link.target, label=f"{link.relation} {link.score:.2f}", width=1 + 3 * link.score, color=colour,
                     dashes=link.confidence != "high", font={"color": vp.INK, "strokeWidth": 3},
                     title=tip(f"implements · {link.relation} · score {link.score:.2f} ({link.confidence})", "click for the texts side by side"),
                     facets={"relation": link.relation, "confidence": link.confidence},
                     panel=([{"note": "另一份同级文件 another derivative of the same level: shared wording, not a municipal source"}] if sibling else [])
                     + implements_panel(corpus, link))
    x0 = units[measure_key][1]
    notes = [] if links else [f"{x0.written_path} {x0.title}: 未找到上级来源 no source found in a higher-level plan (no high or medium implements link)"]
    net.pkg_page = {"legend": vp.legend(vp.kind_legend(["measure", "municipal", "district"]) + vp.relation_legend()), "notes": notes,
                    "config": {"filters": filters(net.edges, ("relation", "关系 relation"), ("confidence", "置信度 confidence")),
                               "start": measure_key, "startZoom": False}}
    return net


def _from_command(corpus: PolicyGraph, args: tuple[str, ...], _options: dict[str, Any]) -> tuple[Any, str]:
    from policykg.queries.trace import find_measures

    found = find_measures(corpus, list(args)) if args else []
    if not found:
        raise ValueError(f"no measure matches {' '.join(args)!r} (give a key, DOC and number path, or text)")
    return trace_view(corpus, found[0].key), f"trace · {found[0].document.title} {found[0].number} {found[0].title}"


VIEW = View("trace", _from_command, "MEASURE (key, DOC + number path, or text)")
