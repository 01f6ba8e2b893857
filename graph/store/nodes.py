"""The node kinds of the stores, one declaration each (see :mod:`projection`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from rdflib.namespace import RDFS

from policykg.graph.store.kinds import CompendiumNode, NamedNode, NodeKind, NoticeNode, Prop, day_number, first_source, span_props
from policykg.graph.store.model import PolicyGraph
from policykg.ontology.keys import notice_key, unit_document
from policykg.ontology.records import (
    Agency,
    DeadlineMention,
    Document,
    Jurisdiction,
    Measure,
    Section,
    Span,
    Target,
    Task,
)
from policykg.ontology.terms import PKG


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
        *span_props(first_source, rdf=False),
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
        *span_props(lambda s: s.provenance.span),
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
        *span_props(lambda m: m.provenance.span),
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
        *span_props(lambda t: t.provenance.span if t.provenance else Span("", 1, 1)),
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
        *span_props(lambda n: n.wrapper.provenance.span, rdf=False),
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


SEGMENT = {k.label: k.segment for k in NODE_KINDS}
