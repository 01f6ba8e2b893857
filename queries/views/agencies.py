"""The agencies view: owners and the measures they lead or support, filtered by jurisdiction."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from policykg.graph.store.model import PolicyGraph
from policykg.ontology.records import Document
from policykg.queries import viewpage as vp
from policykg.queries.views.common import LIST_LIMIT, ROLE_LABELS, View, cut, doc_facts, doc_line, filters, network, search_text, tip


def _owner_rows(corpus: PolicyGraph) -> dict[str, list[tuple[Document, str, str, str, str]]]:
    """Per agency: (document, unit key, what it says, role, deadline) for every measure or task it owns."""
    out: dict[str, list[tuple[Document, str, str, str, str]]] = defaultdict(list)
    for o in corpus.owned_by:
        if o.measure in corpus.tasks:
            d, t = corpus.tasks[o.measure]
            what, due = f"任务 task {t.number} {cut(t.text, 40)}", next((m.end for m in t.deadlines if m.end), "") or ""
        else:
            found = corpus.units.get(o.measure)
            if found is None:
                continue
            d, x = found
            what = f"{x.written_path} {cut(x.title or x.text, 40)}"
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
    net = network(physics=False)  # each neighbourhood is laid out in rings when selected
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
        net.add_node(k, label=cut(a.name, 16), shape="dot" if kind == "agency" else "diamond", size=10 + 3 * lead[k] ** 0.5, color=strong,
                     font={"color": vp.INK, "size": 15}, title=tip(a.name, f"{a.jurisdiction} · {a.functional_type or a.kind}", load),
                     search=search_text(a.name, *a.aliases, *(d.title for d, *_ in rows[k]), *(str(d.doc_number or "") for d, *_ in rows[k])),
                     facets={"jurisdiction": a.jurisdiction},
                     panel=[{"h": a.name}, {"kv": [["辖区 jurisdiction", f"{a.jurisdiction} · {a.level}"], ["类型 type", a.functional_type or a.kind],
                                                   ["写作 written as", "、".join(a.aliases) or "—"], ["负担 load", load]]},
                            {"items": listed, **more}])
        partners = [b for b, _ in sorted(co[k].items(), key=lambda kv: (-kv[1], kv[0]))[:8]]
        hoods[k] = [sorted(docs_of[k]), partners]
    for doc_key in sorted({dk for k in chosen for dk in docs_of[k]}):
        d = by_key[doc_key]
        net.add_node(doc_key, label=f"{cut(d.title, 16)}\n{doc_line(d)}", **vp.box(vp.kind_of(d.level, d.cited_only)),
                     title=tip(d.title, doc_line(d)), facets={"jurisdiction": d.jurisdiction}, panel=[{"h": d.title}, doc_facts(corpus, d)])
    for k in chosen:
        served = Counter(d.key for d, *_ in rows[k])
        for doc_key, n in sorted(served.items()):
            net.add_edge(k, doc_key, width=1 + n ** 0.5, color="#a6acaf", arrows="", title=tip(f"{agencies[k].name}: {n} measures or tasks in this document"))
        for b, n in sorted(co[k].items()):
            if k < b:
                net.add_edge(k, b, width=1 + n ** 0.5, color="#76d7c4", dashes=True, arrows="", title=tip(f"co-own {n} measures or tasks"))
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
                               "filters": filters(net.nodes, ("jurisdiction", "辖区 jurisdiction"))}}
    return net


def _from_command(corpus: PolicyGraph, _args: tuple[str, ...], options: dict[str, Any]) -> tuple[Any, str]:
    jurisdiction, limit = options.get("jurisdiction"), options.get("limit") or 40
    if jurisdiction and not any(a.jurisdiction == jurisdiction for a in corpus.agencies):
        known = sorted({a.jurisdiction for a in corpus.agencies})
        raise ValueError(f"no agency in {jurisdiction!r}; jurisdictions: {', '.join(known[:20])}")
    return agencies_view(corpus, jurisdiction, limit), f"agencies · {jurisdiction or 'all jurisdictions'}"


VIEW = View("agencies", _from_command, "[--jurisdiction J] [--limit N]")
