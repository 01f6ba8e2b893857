"""The lineage view: documents by level (top to bottom) and date (left to right), with their derivations."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from policykg.graph.store.model import PolicyGraph
from policykg.ontology.records import Document, Implements
from policykg.queries import viewpage as vp
from policykg.queries.views.common import (
    BAND,
    View,
    cut,
    doc_facts,
    doc_line,
    document_of,
    filters,
    implements_panel,
    network,
    search_text,
    tip,
    unit_panel,
    where,
    year_of,
)

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
    net = network(physics=False)
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
                    net.add_node(unit, label=f"{u.written_path} {cut(u.title or u.text, 12)}", x=x + (n % cols) * 200, y=top + (n // cols) * 44,
                                 physics=False, **vp.box("measure"), title=tip(d.title, u.written_path, u.title, cut(u.text, 200)),
                                 search=search_text(u.written_path, u.title, u.text), facets={"jurisdiction": d.jurisdiction, "year": year_of(d)},
                                 panel=unit_panel(corpus, unit, sources))
            x += cols * 200 + 40
    for k in keys:
        d = docs[k]
        kind = vp.kind_of(d.level, d.cited_only)
        family = [("↑ 上级 parent", p) for p in parents[k]] + [("↓ 衍生 derivative", c) for c in children[k]]
        net.add_node(k, label=f"{cut(d.title, 26)}\n{str(d.doc_number or '无文号')} · {d.date or '无日期'}", x=xs[k], y=ys[k], physics=False,
                     **vp.box(kind, dashed=d.cited_only), title=tip(d.title, doc_line(d), "仅被引用 cited only: not in the corpus" if d.cited_only else ""),
                     search=search_text(d.title, d.doc_number, d.jurisdiction), facets={"jurisdiction": d.jurisdiction, "year": year_of(d)},
                     panel=[{"h": d.title}, doc_facts(corpus, d), {"kv": [["措施 measures", str(len(d.measures))]]},
                            {"items": [{"text": f"{rel} · {cut(by_key[o].title, 30)} · {by_key[o].doc_number or ''}", "focus": o} for rel, o in family]}]
                     + ([{"note": "仅被引用：语料中没有此文件 cited only: named by a citation, not in the corpus"}] if d.cited_only else []))
    for dl in derived:
        how = f"{dl.cue}《{dl.citation}》" if dl.cue else f"inferred: shared wording {dl.score:.2f}"
        net.add_edge(dl.target, dl.source, color=vp.KINDS["municipal"][0], width=2, dashes=dl.rule.startswith("inferred"), title=tip("derived from", how),
                     panel=[{"h": "衍生 derived from"}, {"kv": [["依据 cue", how], ["规则 rule", dl.rule], ["来源 provenance", where(corpus, dl.provenance)]]},
                            {"p": dl.evidence[:400]}])
    for k, units in beside.items():
        for unit in units:
            net.add_edge(k, unit, color="#d5d8dc", arrows="")
    for link in source_links:
        net.add_edge(link.source, link.target, color=vp.RELATION_COLOURS.get(link.relation, "#5d6d7e"), width=1 + 2 * link.score,
                     title=tip(f"implements · {link.relation} · {link.score:.2f}", "click for the texts side by side"),
                     panel=implements_panel(corpus, link), facets={"relation": link.relation})
    levels = " → ".join(vp.KIND_LABELS[k] for k in ("national", "provincial", "municipal", "district") if any(docs[d].level == k for d in keys))
    net.pkg_page = {"legend": vp.legend(vp.kind_legend(["national", "provincial", "municipal", "district", "cited", "measure"])),
                    "notes": [f"columns by level, left to right: {levels}; each column top to bottom by date" if keys else "no derived-from link"],
                    "config": {"filters": filters(net.nodes, ("jurisdiction", "辖区 jurisdiction"), ("year", "年份 year"))}}
    return net


def _from_command(corpus: PolicyGraph, args: tuple[str, ...], _options: dict[str, Any]) -> tuple[Any, str]:
    return lineage_view(corpus, [document_of(corpus, ref).key for ref in args]), "lineage · 文件衍生树"


VIEW = View("lineage", _from_command, "[DOC … to expand]")
