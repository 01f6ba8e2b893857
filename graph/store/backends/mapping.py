"""The property-graph model: labels, relationship types, keys and typed properties, generated from the projections.

Neo4j (through the official driver), the embedded engine (LadybugDB) and the
neo4j-admin CSV files are all produced from these specs, and the specs from
:mod:`policykg.graph.store.projection`, so a new node or edge kind or property is
declared there once. Every extracted relationship carries its provenance:
rule (or method), score where one is computed, source file and line span.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from policykg.graph.store import projection
from policykg.graph.store.model import PolicyGraph
from policykg.graph.store.projection import Value

Row = dict[str, Any]


def pg_name(name: str) -> str:
    """A property's name in the property graph: camelCase, as Neo4j's style guide writes them.

    >>> pg_name("first_due"), pg_name("key")
    ('firstDue', 'key')
    """
    head, *rest = name.split("_")
    return head + "".join(w.capitalize() for w in rest)


@dataclass(frozen=True)
class NodeSpec:
    label: str
    props: tuple[tuple[str, str], ...]  # (name, type): STRING, INT64, DOUBLE, BOOLEAN, DATE, STRING[]; "key" is the unique key


@dataclass(frozen=True)
class RelSpec:
    type: str
    pairs: tuple[tuple[str, str], ...]  # (from label, to label)
    props: tuple[tuple[str, str], ...]  # "key" identifies the relationship for idempotent MERGE


def _node_specs() -> tuple[NodeSpec, ...]:
    return tuple(NodeSpec(k.label, tuple((pg_name(p.name), p.column) for p in k.props if p.pg)) for k in projection.NODE_KINDS if k.pg)


def _rel_specs() -> tuple[RelSpec, ...]:
    specs: dict[str, RelSpec] = {}
    for k in projection.EDGE_KINDS:
        props = (("key", "STRING"), *((pg_name(p.name), p.column) for p in k.props if p.pg))
        known = specs.get(k.type)
        if known is not None and known.props != props:
            raise ValueError(f"the {k.type} projections declare different properties")
        pairs = (known.pairs if known else ()) + tuple(x for x in k.pairs if not known or x not in known.pairs)
        specs[k.type] = RelSpec(k.type, pairs, props)
    return tuple(specs.values())


NODES: tuple[NodeSpec, ...] = _node_specs()
RELS: tuple[RelSpec, ...] = _rel_specs()
NODE = {n.label: n for n in NODES}
REL = {r.type: r for r in RELS}


def _cell(value: Value, column: str) -> Any:
    """Property values: an empty string or list is absent (as in RDF); dates are dates, lists are lists."""
    if value == "" or value == ():
        return None
    if column == "DATE" and isinstance(value, str):
        import datetime

        return datetime.date.fromisoformat(value)
    if isinstance(value, tuple):
        return list(value)
    return value


def node_rows(graph: PolicyGraph) -> dict[str, list[Row]]:
    out: dict[str, list[Row]] = {n.label: [] for n in NODES}
    for kind in projection.NODE_KINDS:
        if kind.pg:
            out[kind.label] += [{pg_name(p.name): _cell(p.get(item), p.column) for p in kind.props if p.pg} for item in kind.items(graph)]
    for rows in out.values():
        rows.sort(key=lambda r: r["key"])
    return out


def rel_rows(graph: PolicyGraph) -> dict[tuple[str, str, str], list[Row]]:
    """Rows per (type, from label, to label), each with source, target, key and properties."""
    out: dict[tuple[str, str, str], list[Row]] = {(r.type, a, b): [] for r in RELS for a, b in r.pairs}
    for kind in projection.EDGE_KINDS:
        for item in kind.items(graph):
            a, source, b, target = kind.ends(graph, item)
            row = {"source": source, "target": target, "key": kind.key(item)}
            row.update({pg_name(p.name): _cell(p.get(item), p.column) for p in kind.props if p.pg})
            out[(kind.type, a, b)].append(row)
    for rows in out.values():
        rows.sort(key=lambda r: r["key"])
    return out


# ---------------------------------------------------------------- statements (one text for Neo4j and the embedded engine)

def merge_node(spec: NodeSpec, only: set[str] | None = None) -> str:
    """The MERGE statement for a label; ``only`` limits the SET list (a batch where a column is all null)."""
    sets = ", ".join(f"n.{name} = r.{name}" for name, _ in spec.props if name != "key" and (only is None or name in only))
    return f"UNWIND $rows AS r MERGE (n:{spec.label} {{key: r.key}})" + (f" SET {sets}" if sets else "")


def merge_rel(spec: RelSpec, a: str, b: str, only: set[str] | None = None) -> str:
    sets = ", ".join(f"e.{name} = r.{name}" for name, _ in spec.props if name != "key" and (only is None or name in only))
    return (f"UNWIND $rows AS r MATCH (a:{a} {{key: r.source}}) MATCH (b:{b} {{key: r.target}}) "
            f"MERGE (a)-[e:{spec.type} {{key: r.key}}]->(b)" + (f" SET {sets}" if sets else ""))


def neo4j_constraints() -> list[str]:
    return [f"CREATE CONSTRAINT {n.label.lower()}_key IF NOT EXISTS FOR (n:{n.label}) REQUIRE n.key IS UNIQUE" for n in NODES]


def all_rows(graph: PolicyGraph) -> tuple[dict[str, list[Row]], dict[tuple[str, str, str], list[Row]]]:
    return node_rows(graph), rel_rows(graph)


@dataclass(frozen=True)
class Batch:
    """Rows of one label, or of one relationship type between two labels, to merge in one transaction."""

    spec: NodeSpec | RelSpec
    pair: tuple[str, str] | None  # (from label, to label) of a relationship batch
    rows: list[Row]

    @property
    def what(self) -> str:
        return self.spec.label if isinstance(self.spec, NodeSpec) else f"{self.spec.type}/{'/'.join(self.pair or ())}"

    def statement(self, only: set[str] | None = None) -> str:
        if isinstance(self.spec, NodeSpec):
            return merge_node(self.spec, only)
        assert self.pair is not None
        return merge_rel(self.spec, *self.pair, only)


def batches(nodes: dict[str, list[Row]], rels: dict[tuple[str, str, str], list[Row]], size: int) -> Iterator[Batch]:
    """Every row in batches of ``size``, nodes first, in load order: the one batching for every property-graph store."""
    if size < 1:
        raise ValueError(f"batch size must be at least 1, not {size}")
    for n in NODES:
        names = [name for name, _ in n.props]
        rows = nodes.get(n.label, [])
        for i in range(0, len(rows), size):
            yield Batch(n, None, [{k: r.get(k) for k in names} for r in rows[i : i + size]])
    for r in RELS:
        names = [name for name, _ in r.props] + ["source", "target"]
        for a, b in r.pairs:
            rows = rels.get((r.type, a, b), [])
            for i in range(0, len(rows), size):
                yield Batch(r, (a, b), [{k: x.get(k) for k in names} for x in rows[i : i + size]])


def load_statements() -> Iterator[tuple[str, str, tuple[str, ...]]]:
    """(statement, kind, rows selector) in load order: nodes first, then relationships."""
    for n in NODES:
        yield merge_node(n), "node", (n.label,)
    for r in RELS:
        for a, b in r.pairs:
            yield merge_rel(r, a, b), "rel", (r.type, a, b)
