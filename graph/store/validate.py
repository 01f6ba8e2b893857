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


@dataclass(frozen=True)
class Check:
    """One SPARQL query on a store for every constraint of one property shape: each row a violating focus node and
    value, with one boolean column per constraint that says which it breaks."""

    query: str
    constraints: tuple[tuple[str, str], ...]  # (column, description)


def constraint_queries(shapes: Graph) -> list[Check]:
    """The checks of every property shape (at most two queries each: value counts, and the values themselves)."""
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
            counts = [(f"?k{i}", f"{name} {bound.split('#')[1]} {n}", f"?v {test} {int(str(n))}")
                      for i, (bound, test) in enumerate(((SH.minCount, "<"), (SH.maxCount, ">")))
                      if (n := shapes.value(prop, bound)) is not None]
            if counts:
                out.append(Check(
                    f"SELECT ?f ?v {' '.join(c for c, _, _ in counts)} WHERE {{ {{ SELECT ?f (COUNT(DISTINCT ?x) AS ?v) WHERE {{ {focus} "
                    f"OPTIONAL {{ ?f {p} ?x }} }} GROUP BY ?f }} {' '.join(f'BIND({t} AS {c})' for c, _, t in counts)} "
                    f"FILTER({' || '.join(c for c, _, _ in counts)}) }}",
                    tuple((c, d) for c, d, _ in counts)))
            tests = []
            datatype = shapes.value(prop, SH.datatype)
            if datatype is not None:
                tests.append((f"{name} datatype", f"!isLiteral(?v) || datatype(?v) != {_n3(datatype)}"))
            klass = shapes.value(prop, SH["class"])
            if klass is not None:
                tests.append((f"{name} class", f"NOT EXISTS {{ ?v a {_n3(klass)} }}"))
            allowed = shapes.value(prop, SH["in"])
            if allowed is not None:
                tests.append((f"{name} in", f"?v NOT IN ({', '.join(_n3(x) for x in Collection(shapes, allowed))})"))
            for bound, test in ((SH.minInclusive, ">="), (SH.maxInclusive, "<=")):
                limit = shapes.value(prop, bound)
                if isinstance(limit, Literal):
                    tests.append((f"{name} {bound.split('#')[1]}", f"!(?v {test} {_n3(limit)})"))
            if tests:
                cols = [f"?t{i}" for i in range(len(tests))]
                # a comparison that errors (a value of another type) is a violation, as SHACL has it
                binds = " ".join(f"BIND(COALESCE({t}, true) AS {c})" for c, (_, t) in zip(cols, tests, strict=True))
                out.append(Check(
                    f"SELECT DISTINCT ?f ?v {' '.join(cols)} WHERE {{ {{ SELECT DISTINCT ?f WHERE {{ {focus} }} }} ?f {p} ?v "
                    f"{binds} FILTER({' || '.join(cols)}) }}",
                    tuple((c, d) for c, (d, _) in zip(cols, tests, strict=True))))
    return out


def validate_store(store: Any, workers: int = 2) -> Validation:
    """The shapes checked by SPARQL on a pyoxigraph store; one violation per constraint, focus node and offending value.

    The checks run in ``workers`` threads: Oxigraph evaluates queries without holding Python's lock.
    """
    from concurrent.futures import ThreadPoolExecutor

    checks = constraint_queries(shapes_graph())

    def run(check: Check) -> list[tuple[str, list[Any]]]:
        rows = list(store.query(check.query))
        return [(d, [r for r in rows if r[c[1:]].value == "true"]) for c, d in check.constraints]

    with ThreadPoolExecutor(max(1, workers)) as pool:
        found = [x for part in pool.map(run, checks) for x in part]
    lines = []
    total = 0
    for description, rows in found:
        total += len(rows)
        for row in rows[:20]:
            lines.append(f"{description}: {row['f']} {row['v']}")
        if len(rows) > 20:
            lines.append(f"{description}: … {len(rows) - 20} more")
    report = f"Conforms: {total == 0}\nResults ({total}):\n" + "\n".join(lines)
    return Validation(total == 0, total, report)
