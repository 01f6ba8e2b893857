"""How every record appears in the stores, declared once: RDF terms, property-graph labels, properties and types.

Each node kind and relationship type is one declaration: which records it
projects, its key, and its properties. A property says how its value is read
from the record, its column type in the property graph (LadybugDB, Neo4j and
the neo4j-admin files), and the RDF predicate and term it becomes. The RDF
writer (:mod:`policykg.graph.store.backends.rdf`) and the property-graph rows
(:mod:`policykg.graph.store.backends.mapping`) are generated from these declarations,
so a field added to a record and declared here reaches every store.
What stays hand-written in the RDF writer is RDF's own idiom: a document's
source spans and an implements edge's evidence spans as nodes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar

from rdflib import URIRef
from rdflib.namespace import PROV, RDFS

from policykg.graph.store.model import PolicyGraph
from policykg.ontology.keys import edge_key, node_key, notice_key, unit_document
from policykg.ontology.records import (
    Agency,
    DeadlineMention,
    DocLink,
    Document,
    Implements,
    IssuedBy,
    Jurisdiction,
    Measure,
    OwnedBy,
    Section,
    SharedText,
    SourceRef,
    Span,
    Target,
    Task,
    Wrapper,
    to_plain,
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


# ----------------------------------------------------------------------------------------------- small node records


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


def _span_props(get_span: Callable[[Any], Any], rdf: bool = True) -> tuple[Prop[Any], ...]:
    return (
        Prop("file", "STRING", lambda x: get_span(x).file, PKG.file if rdf else None),
        Prop("line_start", "INT64", lambda x: get_span(x).line_start, PKG.lineStart if rdf else None, "int"),
        Prop("line_end", "INT64", lambda x: get_span(x).line_end, PKG.lineEnd if rdf else None, "int"),
    )


def _first_source(d: Document) -> SourceRef:
    return d.sources[0] if d.sources else SourceRef("", 0, 0)


# ----------------------------------------------------------------------------------------------- nodes

def _jurisdiction(d: Document) -> str | None:
    return d.jurisdiction_key or d.jurisdiction


DOCUMENT: NodeKind[Document] = NodeKind(
    "Document", "doc", PKG.Document, lambda g: g.all_documents(), lambda d: d.key,
    (
        Prop("key", "STRING", lambda d: d.key, PKG.key),
        Prop("title", "STRING", lambda d: d.title, PKG.title, "zh"),
        Prop("wen_hao", "STRING", lambda d: str(d.doc_number) if d.doc_number else None, PKG.docNumber),  # plain: a lookup by 文号 matches
        Prop("date", "DATE", lambda d: d.date, PKG.dateSigned, "date"),
        Prop("year", "INT64", lambda d: int(d.date[:4]) if d.date else None),
        Prop("day_number", "INT64", lambda d: day_number(d.date) if d.date else None, PKG.dayNumber, "int"),
        Prop("level", "STRING", lambda d: d.level, PKG.level, "iri:level"),
        Prop("jurisdiction", "STRING", _jurisdiction, PKG.jurisdiction, "iri:jurisdiction"),
        Prop("cited_only", "BOOLEAN", lambda d: d.cited_only),
        *_span_props(_first_source, rdf=False),
        Prop("label", "STRING", lambda d: d.title or (str(d.doc_number) if d.doc_number else d.key), RDFS.label, "zh", pg=False),
    ),
    extra_types=lambda d: (PKG.CitedDocument,) if d.cited_only else (),
)


def _targets_text(targets: Iterable[Target]) -> str | None:
    """Targets as one readable string: 审批时限 ≤ 2 个工作日（压缩至两个工作日）; …"""
    return "；".join(f"{t.indicator} {t.comparator} {t.value:g} {t.unit}（{t.text}）".replace("  ", " ") for t in targets) or None


def _milestones(deadlines: Iterable[DeadlineMention]) -> str | None:
    return "；".join(f"{d.text} {d.end or ''}：{d.milestone}".replace(" ：", "：") if d.milestone else f"{d.text} {d.end or ''}".strip()
                    for d in deadlines) or None


def _due_props(get: Callable[[Any], tuple[DeadlineMention, ...]]) -> tuple[Prop[Any], ...]:
    return (
        Prop("due", "DATE", lambda x: max((d.end for d in get(x) if d.end), default=None), PKG.due, "date"),
        Prop("first_due", "DATE", lambda x: min((d.end for d in get(x) if d.end), default=None), PKG.firstDue, "date"),
        Prop("deadline_kind", "STRING", lambda x: next((d.kind for d in get(x) if d.kind), None), PKG.deadlineKind),
        Prop("milestones", "STRING", lambda x: _milestones(get(x)) if len(get(x)) > 1 else None, PKG.milestones, "zh"),
    )


def _units(g: PolicyGraph, kind: type[Section] | type[Measure]) -> Iterable[Any]:
    for d in g.documents:
        yield from (d.sections if kind is Section else d.measures)


SECTION: NodeKind[Section] = NodeKind(
    "Section", "section", PKG.Section, lambda g: _units(g, Section), lambda s: s.key,
    (
        Prop("key", "STRING", lambda s: s.key, PKG.key),
        Prop("document", "STRING", lambda s: unit_document(s.key), PKG.document, "iri:doc"),
        Prop("number", "STRING", lambda s: s.written_path, PKG.number),
        Prop("title", "STRING", lambda s: s.title, PKG.title, "zh"),
        Prop("text", "STRING", lambda s: s.text, PKG.text, "zh", pg=False),
        Prop("kind", "STRING", lambda s: s.kind, PKG.kind),
        Prop("rule", "STRING", lambda s: s.provenance.rule, PKG.rule),
        *_span_props(lambda s: s.provenance.span),
    ),
)

MEASURE: NodeKind[Measure] = NodeKind(
    "Measure", "measure", PKG.Measure, lambda g: _units(g, Measure), lambda m: m.key,
    (
        Prop("key", "STRING", lambda m: m.key, PKG.key),
        Prop("document", "STRING", lambda m: unit_document(m.key), PKG.document, "iri:doc"),
        Prop("number", "STRING", lambda m: m.written_path, PKG.number),
        Prop("path", "STRING", lambda m: ".".join(m.path)),
        Prop("title", "STRING", lambda m: m.title, PKG.title, "zh"),
        Prop("text", "STRING", lambda m: m.text, PKG.text, "zh"),
        Prop("kind", "STRING", lambda m: m.kind, PKG.kind),
        Prop("rule", "STRING", lambda m: m.provenance.rule, PKG.rule),
        *_span_props(lambda m: m.provenance.span),
        Prop("deadline", "STRING", lambda m: "、".join(dict.fromkeys(d.text for d in m.deadlines)) or None, PKG.deadline, "zh"),
        Prop("deadline_year", "INT64", lambda m: min((d.year for d in m.deadlines if d.year), default=None), PKG.deadlineYear, "int"),
        *_due_props(lambda m: m.deadlines),
        Prop("targets", "STRING", lambda m: _targets_text(m.targets), PKG.target, "zh"),
        Prop("label", "STRING", lambda m: f"{m.written_path} {m.title or m.text[:30]}".strip(), RDFS.label, "zh", pg=False),
    ),
)


def _tasks(g: PolicyGraph) -> Iterable[Task]:
    for d in g.documents:
        yield from d.tasks


TASK: NodeKind[Task] = NodeKind(
    "Task", "task", PKG.Task, _tasks, lambda t: t.key,
    (
        Prop("key", "STRING", lambda t: t.key, PKG.key),
        Prop("document", "STRING", lambda t: unit_document(t.key), PKG.document, "iri:doc"),
        Prop("measure", "STRING", lambda t: t.measure, PKG.partOf, "iri:measure"),
        Prop("number", "STRING", lambda t: t.number, PKG.number),
        Prop("text", "STRING", lambda t: t.text, PKG.text, "zh"),
        Prop("starred", "BOOLEAN", lambda t: t.starred),
        Prop("deadline", "STRING", lambda t: "、".join(dict.fromkeys(d.text for d in t.deadlines)) or None, PKG.deadline, "zh"),
        *_due_props(lambda t: t.deadlines),
        Prop("targets", "STRING", lambda t: _targets_text(t.targets), PKG.target, "zh"),
        Prop("rule", "STRING", lambda t: t.provenance.rule if t.provenance else "annex_table_row", PKG.rule),
        *_span_props(lambda t: t.provenance.span if t.provenance else Span("", 1, 1)),
        Prop("label", "STRING", lambda t: f"任务{t.number} {t.text[:30]}", RDFS.label, "zh", pg=False),
    ),
)


def _agency_props(collective: bool) -> tuple[Prop[Agency], ...]:
    common: tuple[Prop[Agency], ...] = (
        Prop("key", "STRING", lambda a: a.key, PKG.key),
        Prop("name", "STRING", lambda a: a.name, PKG.name, "zh"),
        Prop("label", "STRING", lambda a: a.name, RDFS.label, "zh", pg=False),
        Prop("jurisdiction", "STRING", lambda a: a.jurisdiction, PKG.jurisdiction, "iri:jurisdiction"),
        Prop("level", "STRING", lambda a: a.level, PKG.level, "iri:level"),
    )
    agency_only: tuple[Prop[Agency], ...] = (
        Prop("functional_type", "STRING", lambda a: a.functional_type or None, PKG.functionalType, "iri:type"),
        Prop("unresolved", "BOOLEAN", lambda a: a.unresolved),
    )
    rdf_only: tuple[Prop[Agency], ...] = (
        Prop("alias", "STRING", lambda a: tuple(x for x in a.aliases if x != a.name), PKG.alias, "zh", pg=False),
        Prop("unresolved_reason", "STRING", lambda a: (a.reason or "unresolved") if a.unresolved else None, PKG.unresolved, pg=False),
    )
    return (*common, *(() if collective else agency_only), Prop("aliases", "STRING[]", lambda a: a.aliases), *rdf_only)


AGENCY: NodeKind[Agency] = NodeKind(
    "Agency", "agency", PKG.Agency, lambda g: (a for a in g.agencies if a.kind == "agency"), lambda a: a.key, _agency_props(False))
COLLECTIVE: NodeKind[Agency] = NodeKind(
    "CollectiveOwner", "agency", PKG.CollectiveOwner, lambda g: (a for a in g.agencies if a.kind == "collective"), lambda a: a.key,
    _agency_props(True))


def jurisdictions(g: PolicyGraph) -> tuple[Jurisdiction, ...]:
    """The places of the graph's documents and agencies, as the build worked them out (graph.build.places)."""
    return g.jurisdictions


JURISDICTION: NodeKind[Jurisdiction] = NodeKind(
    "Jurisdiction", "jurisdiction", PKG.Jurisdiction, jurisdictions, lambda j: j.name,
    (
        Prop("key", "STRING", lambda j: j.name, PKG.key),
        Prop("name", "STRING", lambda j: j.name, PKG.name, "zh"),
        Prop("level", "STRING", lambda j: j.level),
    ),
)


def notices(g: PolicyGraph) -> list[NoticeNode]:
    return [NoticeNode(notice_key(d.key, s.file), s.wrapper) for d in g.all_documents() for s in d.sources if s.wrapper is not None]


NOTICE: NodeKind[NoticeNode] = NodeKind(
    "Notice", "notice", PKG.Notice, notices, lambda n: n.key,
    (
        Prop("key", "STRING", lambda n: n.key),
        Prop("title", "STRING", lambda n: n.wrapper.title, PKG.title, "zh"),
        Prop("kind", "STRING", lambda n: n.wrapper.kind),
        *_span_props(lambda n: n.wrapper.provenance.span, rdf=False),
    ),
)


def compendia(g: PolicyGraph) -> list[CompendiumNode]:
    files = {dl.target: dl.provenance.span.file for dl in g.doc_links if dl.type == "part_of"}
    return [CompendiumNode(k, files[k]) for k in sorted(files)]


COMPENDIUM: NodeKind[CompendiumNode] = NodeKind(
    "Compendium", "compendium", PKG.Compendium, compendia, lambda c: c.key,
    (Prop("key", "STRING", lambda c: c.key), Prop("file", "STRING", lambda c: c.file)),
)


def _levels(g: PolicyGraph) -> list[NamedNode]:
    return [NamedNode(x) for x in sorted({d.level for d in g.all_documents() if d.level} | {a.level for a in g.agencies})]


def _types(g: PolicyGraph) -> list[NamedNode]:
    return [NamedNode(x) for x in sorted({a.functional_type for a in g.agencies if a.functional_type})]


LEVEL: NodeKind[NamedNode] = NodeKind("Level", "level", PKG.Level, _levels, lambda x: x.name,
                                      (Prop("name", "STRING", lambda x: x.name, PKG.name),), pg=False)
FUNCTIONAL_TYPE: NodeKind[NamedNode] = NodeKind("FunctionalType", "type", PKG.FunctionalType, _types, lambda x: x.name,
                                                (Prop("name", "STRING", lambda x: x.name, PKG.name, "zh"),), pg=False)

NODE_KINDS: tuple[NodeKind[Any], ...] = (DOCUMENT, SECTION, MEASURE, TASK, AGENCY, COLLECTIVE, JURISDICTION, NOTICE, COMPENDIUM, LEVEL, FUNCTIONAL_TYPE)


# ----------------------------------------------------------------------------------------------- edges

def _unit_label(g: PolicyGraph, key: str) -> str:
    return {"section": "Section", "task": "Task"}.get(g.unit_kind(key), "Measure")


def _agency_label(g: PolicyGraph, key: str) -> str:
    a = g.agency(key)
    return "CollectiveOwner" if a is not None and a.kind == "collective" else "Agency"


def _links(kind: str) -> Callable[[PolicyGraph], Iterable[DocLink]]:
    return lambda g: (dl for dl in g.doc_links if dl.type == kind or (kind == "forwards" and dl.type == "issues"))


def _doc_link_props(*extra: Prop[DocLink], score: bool = True) -> tuple[Prop[DocLink], ...]:
    return (
        Prop("rule", "STRING", lambda dl: dl.rule, PKG.rule),
        Prop("score", "DOUBLE", lambda dl: dl.score, PKG.score, "decimal", pg=score),
        *_span_props(lambda dl: dl.provenance.span),
        *extra,
        Prop("relation_type", "STRING", lambda dl: dl.type, PKG.relationType, pg=False),
    )


def _doc_link_key(dl: DocLink) -> str:
    s = dl.provenance.span
    return edge_key(dl.type, dl.source, dl.target, dl.rule, s.file, s.line_start, s.line_end)


_DERIVATION = Qualified(PKG.qualifiedDerivation, PKG.DocumentDerivation, PROV.entity)
_RELATION = Qualified(PKG.qualifiedRelation, PKG.DocumentRelation, PKG.relatedResource)
_CITATION = Prop[DocLink]("citation", "STRING", lambda dl: dl.citation or None, PKG.citationText, "zh")
_EVIDENCE = Prop[DocLink]("evidence", "STRING", lambda dl: dl.evidence or None, PKG.evidenceText, "zh")
_DOCS = (("Document", "Document"),)


def _doc_ends(g: PolicyGraph, dl: DocLink) -> tuple[str, str, str, str]:
    return "Document", dl.source, "Document", dl.target


IMPLEMENTS: EdgeKind[Implements] = EdgeKind(
    "IMPLEMENTS", (("Measure", "Measure"), ("Section", "Measure"), ("Measure", "Section"), ("Section", "Section")),
    lambda g: g.implements,
    lambda g, i: (_unit_label(g, i.source), i.source, _unit_label(g, i.target), i.target),
    lambda i: edge_key("implements", i.source, i.target),
    (
        Prop("rule", "STRING", lambda i: i.method),
        Prop("score", "DOUBLE", lambda i: i.score, PKG.score, "decimal"),
        *_span_props(lambda i: i.provenance.span),
        Prop("confidence", "STRING", lambda i: i.confidence, PKG.confidence),
        Prop("method", "STRING", lambda i: i.method, PKG.method),
        Prop("relation", "STRING", lambda i: i.relation, PKG.relationType),
        Prop("comparison", "STRING", lambda i: i.comparison or None, PKG.comparison, "zh"),
        Prop("cosine", "DOUBLE", lambda i: i.cosine, PKG.cosine, "decimal"),
        Prop("reuse", "DOUBLE", lambda i: i.reuse, PKG.reuse, "decimal"),
        Prop("evidence", "STRING", lambda i: _json([to_plain(e) for e in i.evidence])),
        Prop("evidence_text", "STRING", lambda i: evidence_text(i) or None, PKG.evidenceText, "zh"),
        Prop("target_file", "STRING", lambda i: i.target_span.file, PKG.targetFile),
        Prop("target_line_start", "INT64", lambda i: i.target_span.line_start),
        Prop("target_line_end", "INT64", lambda i: i.target_span.line_end),
        Prop("provenance_rule", "STRING", lambda i: i.provenance.rule, PKG.rule, pg=False),
    ),
    direct=lambda i: PKG.implements if i.confidence in ("high", "medium") else None,
    qualified=lambda i: Qualified(PKG.qualifiedImplementation, PKG.Implementation, PKG.relatedResource),
)


SHARES_TEXT: EdgeKind[SharedText] = EdgeKind(
    "SHARES_TEXT", IMPLEMENTS.pairs,
    lambda g: g.shared_text,
    lambda g, x: (_unit_label(g, x.source), x.source, _unit_label(g, x.target), x.target),
    lambda x: edge_key("shares_text", x.source, x.target),
    (
        Prop("rule", "STRING", lambda x: "later_parent"),
        Prop("score", "DOUBLE", lambda x: x.score, PKG.score, "decimal"),
        *_span_props(lambda x: x.provenance.span),
        Prop("cosine", "DOUBLE", lambda x: x.cosine, PKG.cosine, "decimal"),
        Prop("reuse", "DOUBLE", lambda x: x.reuse, PKG.reuse, "decimal"),
        Prop("reason", "STRING", lambda x: x.reason),
        Prop("evidence", "STRING", lambda x: _json([to_plain(e) for e in x.evidence])),
        Prop("evidence_text", "STRING", lambda x: " | ".join(e.text for e in x.evidence) or None, PKG.evidenceText, "zh"),
        Prop("target_file", "STRING", lambda x: x.target_span.file, PKG.targetFile),
        Prop("target_line_start", "INT64", lambda x: x.target_span.line_start),
        Prop("target_line_end", "INT64", lambda x: x.target_span.line_end),
        Prop("provenance_rule", "STRING", lambda x: "later_parent", PKG.rule, pg=False),
    ),
    direct=lambda x: PKG.sharesText,
    qualified=lambda x: Qualified(PKG.qualifiedSharedText, PKG.SharedText, PKG.relatedResource),
)


def _json(value: object) -> str:
    import json

    return json.dumps(value, ensure_ascii=False, sort_keys=True)


OWNED_BY: EdgeKind[OwnedBy] = EdgeKind(
    "OWNED_BY", (("Measure", "Agency"), ("Measure", "CollectiveOwner"), ("Task", "Agency"), ("Task", "CollectiveOwner")),
    lambda g: g.owned_by,
    lambda g, o: (_unit_label(g, o.measure), o.measure, _agency_label(g, o.agency), o.agency),
    lambda o: edge_key("owned_by", o.measure, o.agency, o.role, o.text, o.provenance.span.file, o.provenance.span.line_start),
    (
        Prop("role", "STRING", lambda o: o.role, PKG.role),
        Prop("text", "STRING", lambda o: o.text, PKG.writtenAs, "zh"),
        Prop("rule", "STRING", lambda o: o.rule, PKG.rule),
        *_span_props(lambda o: o.provenance.span),
    ),
    direct=lambda o: PKG.ledBy if o.role == "lead" else PKG.supportedBy,
    qualified=lambda o: Qualified(PKG.qualifiedOwnership, PKG.Ownership, PROV.agent),
)

ISSUED_BY: EdgeKind[IssuedBy] = EdgeKind(
    "ISSUED_BY", (("Document", "Agency"), ("Document", "CollectiveOwner")),
    lambda g: g.issued_by,
    lambda g, x: ("Document", x.document, _agency_label(g, x.agency), x.agency),
    lambda x: edge_key("issued_by", x.document, x.agency, x.role, x.provenance.span.file, x.provenance.span.line_start),
    (
        Prop("role", "STRING", lambda x: x.role, PKG.role),
        Prop("text", "STRING", lambda x: x.text, PKG.writtenAs, "zh"),
        Prop("rule", "STRING", lambda x: x.provenance.rule, PKG.rule),
        *_span_props(lambda x: x.provenance.span),
    ),
    direct=lambda x: PKG.draftedBy if x.role == "drafter" else PKG.issuedBy,
    qualified=lambda x: Qualified(PKG.qualifiedIssuance, PKG.Issuance, PROV.agent),
)

DERIVED_FROM: EdgeKind[DocLink] = EdgeKind(
    "DERIVED_FROM", _DOCS, _links("derived_from"), _doc_ends, _doc_link_key,
    _doc_link_props(Prop("cue", "STRING", lambda dl: dl.cue or None, PKG.cue, "zh"), _CITATION, _EVIDENCE),
    direct=lambda dl: PKG.derivedFrom, qualified=lambda dl: _DERIVATION,
)
CITES: EdgeKind[DocLink] = EdgeKind(
    "CITES", _DOCS, _links("cites"), _doc_ends, _doc_link_key, _doc_link_props(_CITATION, _EVIDENCE),
    direct=lambda dl: PKG.cites, qualified=lambda dl: _RELATION,
)
FOLLOWS: EdgeKind[DocLink] = EdgeKind(
    "FOLLOWS", _DOCS, _links("follows"), _doc_ends, _doc_link_key, _doc_link_props(_EVIDENCE),
    direct=lambda dl: PKG.follows, qualified=lambda dl: _RELATION,
)
FORWARDS: EdgeKind[DocLink] = EdgeKind(
    "FORWARDS", (("Notice", "Document"),), _links("forwards"),
    lambda g, dl: ("Notice", dl.source, "Document", dl.target), _doc_link_key,
    (Prop("kind", "STRING", lambda dl: dl.type), *_doc_link_props()),
    direct=lambda dl: PKG.forwards, qualified=lambda dl: _RELATION,
)
IN_COMPENDIUM: EdgeKind[DocLink] = EdgeKind(
    "PART_OF", (("Document", "Compendium"),), _links("part_of"),
    lambda g, dl: ("Document", dl.source, "Compendium", dl.target), _doc_link_key, _doc_link_props(score=False),
    direct=lambda dl: PKG.inCompendium, qualified=lambda dl: _RELATION,
)


def _part_of(g: PolicyGraph) -> Iterable[PartOf]:
    for d in g.documents:
        units: list[Section | Measure] = [*d.sections, *d.measures]
        for unit in units:
            parent = node_key(d.key, unit.path[:-1]) if len(unit.path) > 1 else None
            if parent is not None and g.unit(parent) is not None:
                yield PartOf(unit, _unit_label(g, parent), parent)
            else:
                yield PartOf(unit, "Document", d.key)


UNIT_PART_OF: EdgeKind[PartOf] = EdgeKind(
    "PART_OF", (("Measure", "Section"), ("Measure", "Document"), ("Section", "Section"), ("Section", "Document")),
    _part_of,
    lambda g, p: (_unit_label(g, p.unit.key), p.unit.key, p.parent_label, p.parent),
    lambda p: edge_key("part_of", p.unit.key),
    (Prop("rule", "STRING", lambda p: "number_path"), *_span_props(lambda p: p.unit.provenance.span, rdf=False)),
    direct=lambda p: PKG.partOf,
)


def _in_document(g: PolicyGraph) -> Iterable[tuple[str, Section | Measure | Task, str]]:
    for d in g.documents:
        for s in d.sections:
            yield "Section", s, d.key
        for m in d.measures:
            yield "Measure", m, d.key
        for t in d.tasks:
            yield "Task", t, d.key


IN_DOCUMENT: EdgeKind[tuple[str, Any, str]] = EdgeKind(
    # one hop from any unit to its document, so Cypher follows a relationship instead of joining on a key;
    # in RDF the same fact is the unit's pkg:document
    "IN_DOCUMENT", (("Section", "Document"), ("Measure", "Document"), ("Task", "Document")),
    _in_document,
    lambda g, x: (x[0], x[1].key, "Document", x[2]),
    lambda x: edge_key("in_document", x[1].key),
    (Prop("rule", "STRING", lambda x: "number_path"),
     *_span_props(lambda x: x[1].provenance.span if x[1].provenance else Span("", 1, 1), rdf=False)),
)


def _in_jurisdiction(g: PolicyGraph) -> Iterable[tuple[str, str, str]]:
    for d in g.all_documents():
        label = _jurisdiction(d)
        if label:
            yield "Document", d.key, label
    for a in g.agencies:
        yield ("Agency" if a.kind == "agency" else "CollectiveOwner"), a.key, a.jurisdiction


def _plain_edge(type_: str, pairs: tuple[tuple[str, str], ...], items: Callable[[PolicyGraph], Iterable[tuple[str, str, str]]],
                to_label: str, direct: URIRef | None) -> EdgeKind[tuple[str, str, str]]:
    """An edge with no properties but its key: (from label, from key, to key) triples."""
    return EdgeKind(type_, pairs, items, lambda g, x: (x[0], x[1], to_label, x[2]), lambda x: edge_key(type_.lower(), x[1], x[2]), (),
                    direct=lambda x: direct)


IN_JURISDICTION = _plain_edge("IN_JURISDICTION", (("Document", "Jurisdiction"), ("Agency", "Jurisdiction"), ("CollectiveOwner", "Jurisdiction")),
                              _in_jurisdiction, "Jurisdiction", None)  # in RDF: the pkg:jurisdiction property of the node
BELONGS_TO = _plain_edge("BELONGS_TO", (("Agency", "Agency"),),
                         lambda g: (("Agency", a.key, a.parent) for a in g.agencies if a.parent), "Agency", PKG.belongsTo)
COUNTERPART = _plain_edge("COUNTERPART", (("Agency", "Agency"),),
                          lambda g: (("Agency", a.key, a.counterpart) for a in g.agencies if a.counterpart), "Agency", PKG.counterpart)
WITHIN = _plain_edge("WITHIN", (("Jurisdiction", "Jurisdiction"),),
                     lambda g: (("Jurisdiction", j.name, j.within) for j in jurisdictions(g) if j.within), "Jurisdiction", PKG.withinJurisdiction)

HAS_TASK: EdgeKind[Task] = EdgeKind(
    "HAS_TASK", (("Measure", "Task"),),
    _tasks,
    lambda g, t: ("Measure", t.measure, "Task", t.key),
    lambda t: edge_key("has_task", t.measure, t.key),
    (Prop("rule", "STRING", lambda t: "annex_row_matched" if "/A." not in t.measure else "annex_row_standalone"),
     *_span_props(lambda t: t.provenance.span if t.provenance else Span("", 1, 1), rdf=False)),
    direct=lambda t: PKG.hasTask,
)

EDGE_KINDS: tuple[EdgeKind[Any], ...] = (
    HAS_TASK, IMPLEMENTS, SHARES_TEXT, OWNED_BY, ISSUED_BY, DERIVED_FROM, CITES, FOLLOWS, FORWARDS, UNIT_PART_OF, IN_COMPENDIUM,
    IN_DOCUMENT, IN_JURISDICTION, BELONGS_TO, COUNTERPART, WITHIN,
)
SEGMENT = {k.label: k.segment for k in NODE_KINDS}
