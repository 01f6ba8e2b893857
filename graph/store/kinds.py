"""The shapes of the store declarations: a property, a node kind, a relationship type, and the small records
that only the stores have (a notice, a compendium, a level); see :mod:`projection`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar

from rdflib import URIRef

from policykg.graph.store.model import PolicyGraph
from policykg.ontology.records import (
    Document,
    Implements,
    Measure,
    Section,
    SourceRef,
    Wrapper,
)
from policykg.ontology.terms import PKG

T = TypeVar("T")


Column = Literal["STRING", "INT64", "DOUBLE", "BOOLEAN", "DATE", "STRING[]"]


Value = str | int | float | bool | tuple[str, ...] | None


# RDF term of a value: plain / zh (a @zh literal) / int / decimal / date, or iri:<segment> (a link to that node kind)
Term = str


@dataclass(frozen=True)
class Prop(Generic[T]):
    name: str  # the property-graph property (and Neo4j CSV column)
    column: Column
    get: Callable[[T], Value]
    rdf: URIRef | None = None  # the RDF predicate; None: not in RDF
    term: Term = "plain"
    pg: bool = True  # False: RDF only


@dataclass(frozen=True)
class NodeKind(Generic[T]):
    label: str  # property-graph label
    segment: str  # IRI path segment: https://w3id.org/policykg/id/<segment>/<key>
    rdf_class: URIRef
    items: Callable[[PolicyGraph], Iterable[T]]
    key: Callable[[T], str]
    props: tuple[Prop[T], ...]
    pg: bool = True  # False: RDF only (levels, functional types)
    extra_types: Callable[[T], tuple[URIRef, ...]] = lambda _item: ()


@dataclass(frozen=True)
class Qualified:
    """RDF's qualified-relation node for an edge: how the source points to it, its class, how it names the target."""

    link: URIRef
    rdf_class: URIRef
    target: URIRef


@dataclass(frozen=True)
class EdgeKind(Generic[T]):
    type: str  # property-graph relationship type
    pairs: tuple[tuple[str, str], ...]  # (from label, to label) the type may connect
    items: Callable[[PolicyGraph], Iterable[T]]
    ends: Callable[[PolicyGraph, T], tuple[str, str, str, str]]  # from label, from key, to label, to key
    key: Callable[[T], str]
    props: tuple[Prop[T], ...]
    direct: Callable[[T], URIRef | None] = lambda _item: None  # the direct RDF triple's predicate, if any
    qualified: Callable[[T], Qualified | None] = lambda _item: None


@dataclass(frozen=True)
class NoticeNode:
    key: str
    wrapper: Wrapper


@dataclass(frozen=True)
class CompendiumNode:
    key: str
    file: str


@dataclass(frozen=True)
class NamedNode:
    """A level or a functional type (RDF only)."""

    name: str


@dataclass(frozen=True)
class PartOf:
    unit: Section | Measure
    parent_label: str
    parent: str


def day_number(iso: str) -> int:
    """Days since 1970-01-01: lags computed the same way in SPARQL and in any Cypher engine.

    >>> day_number("2023-01-04")
    19361
    """
    import datetime

    return (datetime.date.fromisoformat(iso) - datetime.date(1970, 1, 1)).days


def evidence_text(i: Implements) -> str:
    """The aligned wording of an implements edge, in source order (the same string in RDF and Cypher)."""
    return " | ".join(e.text for e in i.evidence)


def span_props(get_span: Callable[[Any], Any], rdf: bool = True) -> tuple[Prop[Any], ...]:
    return (
        Prop("file", "STRING", lambda x: get_span(x).file, PKG.file if rdf else None),
        Prop("line_start", "INT64", lambda x: get_span(x).line_start, PKG.lineStart if rdf else None, "int"),
        Prop("line_end", "INT64", lambda x: get_span(x).line_end, PKG.lineEnd if rdf else None, "int"),
    )


def first_source(d: Document) -> SourceRef:
    return d.sources[0] if d.sources else SourceRef("", 0, 0)
