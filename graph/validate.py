"""SHACL validation of the corpus graph against ontology/shapes.ttl."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from rdflib import Graph


@dataclass
class Validation:
    conforms: bool
    violations: int
    report: str


def validate(g: Graph) -> Validation:
    import pyshacl

    shapes = Graph().parse(data=resources.files("policykg.ontology").joinpath("shapes.ttl").read_text("utf-8"), format="turtle")
    conforms, report_graph, text = pyshacl.validate(g, shacl_graph=shapes, inference="none", advanced=False)
    from rdflib.namespace import SH

    violations = len(set(report_graph.subjects(predicate=SH.resultSeverity)))
    return Validation(bool(conforms), violations, str(text))
