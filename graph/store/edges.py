"""The relationship types of the stores, one declaration each (see :mod:`projection`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from rdflib import URIRef
from rdflib.namespace import PROV

from policykg.graph.store.kinds import EdgeKind, PartOf, Prop, Qualified, evidence_text, span_props
from policykg.graph.store.model import PolicyGraph
from policykg.graph.store.nodes import _jurisdiction, _tasks, jurisdictions
from policykg.ontology.keys import edge_key, node_key
from policykg.ontology.records import (
    DocLink,
    Implements,
    IssuedBy,
    Measure,
    OwnedBy,
    Section,
    SharedText,
    Span,
    Task,
    to_plain,
)
from policykg.ontology.terms import PKG


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
        *span_props(lambda dl: dl.provenance.span),
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
        *span_props(lambda i: i.provenance.span),
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
        *span_props(lambda x: x.provenance.span),
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
        *span_props(lambda o: o.provenance.span),
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
        *span_props(lambda x: x.provenance.span),
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
    (Prop("rule", "STRING", lambda p: "number_path"), *span_props(lambda p: p.unit.provenance.span, rdf=False)),
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
     *span_props(lambda x: x[1].provenance.span if x[1].provenance else Span("", 1, 1), rdf=False)),
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
     *span_props(lambda t: t.provenance.span if t.provenance else Span("", 1, 1), rdf=False)),
    direct=lambda t: PKG.hasTask,
)


EDGE_KINDS: tuple[EdgeKind[Any], ...] = (
    HAS_TASK, IMPLEMENTS, SHARES_TEXT, OWNED_BY, ISSUED_BY, DERIVED_FROM, CITES, FOLLOWS, FORWARDS, UNIT_PART_OF, IN_COMPENDIUM,
    IN_DOCUMENT, IN_JURISDICTION, BELONGS_TO, COUNTERPART, WITHIN,
)
