"""The policy graph as a networkx MultiDiGraph, for analysis and for GraphML / GEXF files (Gephi).

Generated from the same projections as the other stores: nodes keyed by their
store key with ``label`` and their properties; edges keyed by relationship
type (``IMPLEMENTS``, ``OWNED_BY`` …) with their key and properties (named
as in the property graph, camelCase; lists joined with 、, as GraphML has no lists), the
provenance (rule, file, line span, score) included; the same relationship
twice between two nodes (an agency both leading and supporting) is kept as
``TYPE~2``, with ``type`` on every edge.
"""

from __future__ import annotations

from typing import Any

from policykg.graph.store import projection
from policykg.graph.store.backends.mapping import pg_name
from policykg.graph.store.model import PolicyGraph


def _value(value: object) -> Any:
    if isinstance(value, tuple):
        return "、".join(value)
    return value


def to_networkx(graph: PolicyGraph) -> Any:
    """A MultiDiGraph of the policy graph (nodes: documents, sections, measures, agencies, jurisdictions …).

    >>> from policykg.graph.store.model import PolicyGraph
    >>> to_networkx(PolicyGraph()).number_of_nodes()  # no jurisdiction is invented for an empty graph
    0
    """
    import networkx as nx

    g = nx.MultiDiGraph()
    for kind in projection.NODE_KINDS:
        if not kind.pg:
            continue
        for item in kind.items(graph):
            props = {pg_name(p.name): _value(p.get(item)) for p in kind.props if p.pg}
            g.add_node(kind.key(item), label=kind.label, **{k: v for k, v in props.items() if v is not None and v != ""})
    for edge in projection.EDGE_KINDS:
        for item in edge.items(graph):
            _, source, _, target = edge.ends(graph, item)
            props = {pg_name(p.name): _value(p.get(item)) for p in edge.props if p.pg}
            key, n = edge.type, 1
            while g.has_edge(source, target, key):  # the same relationship twice (lead and supporting): keep both
                n += 1
                key = f"{edge.type}~{n}"
            g.add_edge(source, target, key=key, type=edge.type, id=edge.key(item),
                       **{k: v for k, v in props.items() if v is not None and v != ""})
    return g


FORMATS = ("graphml", "gexf")


def for_files(g: Any) -> Any:
    """The graph as network files want it: each node's ``label`` its title (Gephi and sigma show the label; the kind
    moves to ``kind``), each edge's id its own key (GraphML readers refuse ids that repeat), and the relationship
    type in ``relationship`` (GEXF reserves an edge's ``type`` for directed / undirected / mutual)."""
    import networkx as nx

    out = nx.MultiDiGraph()
    for node, data in g.nodes(data=True):
        title = data.get("title") or data.get("name") or data.get("wenHao") or data.get("number") or node
        out.add_node(node, **{**data, "kind": data["label"], "label": str(title)})
    for source, target, data in g.edges(data=True):
        rest = {k: v for k, v in data.items() if k not in ("id", "type")}
        out.add_edge(source, target, key=data["id"], relationship=data["type"], **rest)
    return out


def serialise(graph: PolicyGraph, fmt: str) -> bytes:
    """GraphML or GEXF bytes (:func:`for_files`: titles as labels, unique edge ids, the type in ``relationship``)."""
    import io

    import networkx as nx

    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    g = for_files(to_networkx(graph))
    buf = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(g, buf, encoding="utf-8")
    else:
        nx.write_gexf(g, buf, encoding="utf-8")
    return buf.getvalue()
