"""SHACL validation of the graph against ontology/shapes.ttl.

Two validators give the same results: pySHACL over an rdflib graph (the
reference), and :func:`validate_store`, which turns each constraint of the
shapes into a SPARQL query on the Oxigraph store. The second is the one a build
uses: it needs no in-memory rdflib graph and grows with the store, not with
pySHACL's per-node Python loop. It covers the SHACL Core constraints the shapes
use (targetClass, targetSubjectsOf, minCount, maxCount, datatype, class, in,
minInclusive, maxInclusive on predicate paths) and refuses any other.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Any

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH

SUPPORTED = {SH.path, SH.minCount, SH.maxCount, SH.datatype, SH["class"], SH["in"], SH.minInclusive, SH.maxInclusive}


@dataclass
class Validation:
    conforms: bool
    violations: int
    report: str


def shapes_graph() -> Graph:
    return Graph().parse(data=resources.files("policykg.ontology").joinpath("shapes.ttl").read_text("utf-8"), format="turtle")


def validate(g: Graph) -> Validation:
    """pySHACL on an rdflib graph (the reference implementation)."""
    import pyshacl

    conforms, report_graph, text = pyshacl.validate(g, shacl_graph=shapes_graph(), inference="none", advanced=False)
    violations = len(set(report_graph.subjects(predicate=SH.resultSeverity)))
    return Validation(bool(conforms), violations, str(text))


def _n3(term: Any) -> str:
    return str(term.n3())


def constraint_queries(shapes: Graph) -> list[tuple[str, str]]:
    """(description, SPARQL SELECT of the violating focus nodes and values) for every constraint of the shapes."""
    out = []
    for shape in sorted(shapes.subjects(RDF.type, SH.NodeShape), key=str):
        targets = [f"?f a {_n3(c)} ." for c in shapes.objects(shape, SH.targetClass)]
        targets += [f"?f {_n3(p)} ?_t ." for p in shapes.objects(shape, SH.targetSubjectsOf)]
        if not targets:
            continue
        focus = " UNION ".join(f"{{ {t} }}" for t in targets)
        for prop in sorted(shapes.objects(shape, SH.property), key=lambda p: str(shapes.value(p, SH.path))):
            unknown = {p for p, _ in shapes.predicate_objects(prop)} - SUPPORTED
            if unknown:
                raise ValueError(f"{shape}: constraint(s) {', '.join(map(str, unknown))} are not supported by the store validator")
            path = shapes.value(prop, SH.path)
            if not isinstance(path, URIRef):
                raise ValueError(f"{shape}: only predicate paths are supported, not {path}")
            p = _n3(path)
            name = f"{shape.n3(shapes.namespace_manager)} {path.n3(shapes.namespace_manager)}"
            for bound, test in ((SH.minCount, "<"), (SH.maxCount, ">")):
                n = shapes.value(prop, bound)
                if n is not None:
                    out.append((f"{name} {bound.split('#')[1]} {n}",
                                f"SELECT DISTINCT ?f ?v WHERE {{ {{ SELECT ?f (COUNT(DISTINCT ?x) AS ?c) WHERE {{ {focus} "
                                f"OPTIONAL {{ ?f {p} ?x }} }} GROUP BY ?f }} FILTER(?c {test} {int(str(n))}) BIND(?c AS ?v) }}"))
            values = f"SELECT DISTINCT ?f ?v WHERE {{ {{ SELECT DISTINCT ?f WHERE {{ {focus} }} }} ?f {p} ?v "
            datatype = shapes.value(prop, SH.datatype)
            if datatype is not None:
                out.append((f"{name} datatype", values + f"FILTER(!isLiteral(?v) || datatype(?v) != {_n3(datatype)}) }}"))
            klass = shapes.value(prop, SH["class"])
            if klass is not None:
                out.append((f"{name} class", values + f"FILTER NOT EXISTS {{ ?v a {_n3(klass)} }} }}"))
            allowed = shapes.value(prop, SH["in"])
            if allowed is not None:
                terms = ", ".join(_n3(x) for x in Collection(shapes, allowed))
                out.append((f"{name} in", values + f"FILTER(?v NOT IN ({terms})) }}"))
            for bound, test in ((SH.minInclusive, ">="), (SH.maxInclusive, "<=")):
                limit = shapes.value(prop, bound)
                if isinstance(limit, Literal):
                    out.append((f"{name} {bound.split('#')[1]}", values + f"FILTER(!(?v {test} {_n3(limit)})) }}"))
    return out


def validate_store(store: Any) -> Validation:
    """The shapes checked by SPARQL on a pyoxigraph store; one violation per focus node and offending value."""
    lines = []
    total = 0
    for description, query in constraint_queries(shapes_graph()):
        rows = list(store.query(query))
        total += len(rows)
        for row in rows[:20]:
            lines.append(f"{description}: {row['f']} {row['v']}")
        if len(rows) > 20:
            lines.append(f"{description}: … {len(rows) - 20} more")
    report = f"Conforms: {total == 0}\nResults ({total}):\n" + "\n".join(lines)
    return Validation(total == 0, total, report)
