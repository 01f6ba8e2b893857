"""The property-graph model, declared once: labels, relationship types, keys and properties.

Neo4j (through the official driver), the embedded engine (LadybugDB) and the
neo4j-admin CSV files are all produced from these specs, so a new node or
edge kind is added here and every property-graph backend picks it up. Every
relationship carries its provenance: rule (or method), score where one is
computed, source file and line span.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from policykg.graph.model import PolicyGraph
from policykg.ontology.records import Implements, Measure, Section, to_plain

Row = dict[str, Any]


@dataclass(frozen=True)
class NodeSpec:
    label: str
    props: tuple[tuple[str, str], ...]  # (name, type): STRING, INT64, DOUBLE, BOOLEAN; "key" is the unique key


@dataclass(frozen=True)
class RelSpec:
    type: str
    pairs: tuple[tuple[str, str], ...]  # (from label, to label)
    props: tuple[tuple[str, str], ...]  # "key" identifies the relationship for idempotent MERGE


S, I, D, B = "STRING", "INT64", "DOUBLE", "BOOLEAN"  # noqa: E741 — column type names, as LadybugDB spells them
SPAN = (("file", S), ("line_start", I), ("line_end", I))
RULED = (("rule", S), *SPAN)  # provenance of an extracted edge
PROVENANCE = (("rule", S), ("score", D), *SPAN)  # … of an edge with a computed score

NODES: tuple[NodeSpec, ...] = (
    NodeSpec("Document", (("key", S), ("title", S), ("wen_hao", S), ("date", S), ("year", I), ("day_number", I), ("level", S),
                          ("jurisdiction", S), ("cited_only", B), *SPAN)),
    NodeSpec("Section", (("key", S), ("document", S), ("number", S), ("title", S), ("kind", S), ("rule", S), *SPAN)),
    NodeSpec("Measure", (("key", S), ("document", S), ("number", S), ("path", S), ("title", S), ("text", S), ("kind", S),
                         ("rule", S), *SPAN)),
    NodeSpec("Agency", (("key", S), ("name", S), ("jurisdiction", S), ("level", S), ("functional_type", S),
                        ("unresolved", B), ("aliases", S))),
    NodeSpec("CollectiveOwner", (("key", S), ("name", S), ("jurisdiction", S), ("level", S), ("aliases", S))),
    NodeSpec("Jurisdiction", (("key", S), ("name", S), ("level", S))),
    NodeSpec("Notice", (("key", S), ("title", S), ("kind", S), *SPAN)),
    NodeSpec("Compendium", (("key", S), ("file", S))),
)

OWNERS = (("Measure", "Agency"), ("Measure", "CollectiveOwner"))
RELS: tuple[RelSpec, ...] = (
    RelSpec("IMPLEMENTS", (("Measure", "Measure"), ("Section", "Measure"), ("Measure", "Section"), ("Section", "Section")),
            (("key", S), *PROVENANCE, ("confidence", S), ("method", S), ("relation", S), ("cosine", D), ("reuse", D),
             ("evidence", S), ("evidence_text", S), ("target_file", S), ("target_line_start", I), ("target_line_end", I))),
    RelSpec("OWNED_BY", OWNERS, (("key", S), ("role", S), ("text", S), *RULED)),
    RelSpec("ISSUED_BY", (("Document", "Agency"), ("Document", "CollectiveOwner")), (("key", S), ("role", S), ("text", S), *RULED)),
    RelSpec("DERIVED_FROM", (("Document", "Document"),), (("key", S), *PROVENANCE, ("cue", S), ("citation", S), ("evidence", S))),
    RelSpec("CITES", (("Document", "Document"),), (("key", S), *PROVENANCE, ("citation", S), ("evidence", S))),
    RelSpec("FOLLOWS", (("Document", "Document"),), (("key", S), *PROVENANCE, ("evidence", S))),
    RelSpec("FORWARDS", (("Notice", "Document"),), (("key", S), ("kind", S), *PROVENANCE)),
    RelSpec("PART_OF", (("Measure", "Section"), ("Measure", "Document"), ("Section", "Section"), ("Section", "Document"),
                        ("Document", "Compendium")), (("key", S), *RULED)),
    RelSpec("IN_JURISDICTION", (("Document", "Jurisdiction"), ("Agency", "Jurisdiction"), ("CollectiveOwner", "Jurisdiction")),
            (("key", S),)),
    RelSpec("BELONGS_TO", (("Agency", "Agency"),), (("key", S),)),
    RelSpec("COUNTERPART", (("Agency", "Agency"),), (("key", S),)),
    RelSpec("WITHIN", (("Jurisdiction", "Jurisdiction"),), (("key", S),)),
)
NODE = {n.label: n for n in NODES}
REL = {r.type: r for r in RELS}


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


def rel_key(*parts: object) -> str:
    return hashlib.sha1("|".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def _span(file: str, a: int, b: int) -> Row:
    return {"file": file, "line_start": a, "line_end": b}


def node_rows(corpus: PolicyGraph) -> dict[str, list[Row]]:
    from policykg.loaders.jurisdiction import provinces

    out: dict[str, list[Row]] = {n.label: [] for n in NODES}
    for d in corpus.all_documents():
        s = d.sources[0] if d.sources else None
        out["Document"].append({
            "key": d.key, "title": d.title, "wen_hao": str(d.doc_number) if d.doc_number else None, "date": d.date,
            "year": int(d.date[:4]) if d.date else None, "day_number": day_number(d.date) if d.date else None, "level": d.level, "jurisdiction": d.jurisdiction,
            "cited_only": d.cited_only, **(_span(s.file, s.line_start, s.line_end) if s else _span("", 0, 0)),
        })
        for sec in d.sections:
            p = sec.provenance
            out["Section"].append({"key": sec.key, "document": d.key, "number": sec.written_path, "title": sec.title,
                                   "kind": sec.kind, "rule": p.rule, **_span(p.span.file, p.span.line_start, p.span.line_end)})
        for m in d.measures:
            p = m.provenance
            out["Measure"].append({"key": m.key, "document": d.key, "number": m.written_path, "path": ".".join(m.path),
                                   "title": m.title, "text": m.text, "kind": m.kind, "rule": p.rule,
                                   **_span(p.span.file, p.span.line_start, p.span.line_end)})
        for s in d.sources:
            if s.wrapper is not None:
                w = s.wrapper.provenance.span
                out["Notice"].append({"key": f"{d.key}/notice@{s.file}", "title": s.wrapper.title, "kind": s.wrapper.kind,
                                      **_span(w.file, w.line_start, w.line_end)})
    for a in corpus.agencies:
        row = {"key": a.key, "name": a.name, "jurisdiction": a.jurisdiction, "level": a.level, "aliases": "、".join(a.aliases)}
        if a.kind == "agency":
            out["Agency"].append({**row, "functional_type": a.functional_type or None, "unresolved": a.unresolved})
        else:
            out["CollectiveOwner"].append(row)
    names = {r["jurisdiction"] for rows in (out["Document"], out["Agency"], out["CollectiveOwner"]) for r in rows if r["jurisdiction"]}
    municipal = {p.name for p in provinces()}
    for name in sorted(names | municipal):
        out["Jurisdiction"].append({"key": name, "name": name, "level": "municipal" if name in municipal else "district"})
    files = sorted({dl.target for dl in corpus.doc_links if dl.type == "part_of"})
    out["Compendium"] = [{"key": f, "file": f.split(":", 1)[1] + ".txt"} for f in files]
    for rows in out.values():
        for r in rows:
            for k, v in r.items():
                if v == "":
                    r[k] = None  # as in RDF, where an empty value is simply absent
        rows.sort(key=lambda r: r["key"])
    return out


def rel_rows(corpus: PolicyGraph, jurisdiction_rows: list[Row]) -> dict[tuple[str, str, str], list[Row]]:
    """Rows per (type, from label, to label), each with source, target and properties."""
    from policykg.loaders.jurisdiction import provinces

    out: dict[tuple[str, str, str], list[Row]] = {(r.type, a, b): [] for r in RELS for a, b in r.pairs}
    unit_label = {m.key: "Measure" for d in corpus.documents for m in d.measures}
    unit_label.update({s.key: "Section" for d in corpus.documents for s in d.sections})
    agency_label = {a.key: "Agency" if a.kind == "agency" else "CollectiveOwner" for a in corpus.agencies}

    def add(rel_type: str, a_label: str, b_label: str, source: str, target: str, **props: Any) -> None:
        out[(rel_type, a_label, b_label)].append({"source": source, "target": target, **props})

    for i in corpus.implements:
        add("IMPLEMENTS", unit_label[i.source], unit_label[i.target], i.source, i.target,
            key=rel_key("IMPLEMENTS", i.source, i.target), rule=i.method, score=i.score, confidence=i.confidence,
            method=i.method, relation=i.relation, cosine=i.cosine, reuse=i.reuse,
            evidence=json.dumps([to_plain(e) for e in i.evidence], ensure_ascii=False, sort_keys=True), evidence_text=evidence_text(i),
            target_file=i.target_span.file, target_line_start=i.target_span.line_start, target_line_end=i.target_span.line_end,
            **_span(i.provenance.span.file, i.provenance.span.line_start, i.provenance.span.line_end))
    for o in corpus.owned_by:
        sp = o.provenance.span
        add("OWNED_BY", unit_label[o.measure], agency_label[o.agency], o.measure, o.agency,
            key=rel_key("OWNED_BY", o.measure, o.agency, o.role, o.text, sp), role=o.role, text=o.text, rule=o.rule,
            **_span(sp.file, sp.line_start, sp.line_end))
    for x in corpus.issued_by:
        sp = x.provenance.span
        add("ISSUED_BY", "Document", agency_label[x.agency], x.document, x.agency,
            key=rel_key("ISSUED_BY", x.document, x.agency, x.role), role=x.role, text=x.text, rule=x.provenance.rule,
            **_span(sp.file, sp.line_start, sp.line_end))
    for dl in corpus.doc_links:
        sp = dl.provenance.span
        base = {"key": rel_key(dl.type, dl.source, dl.target, dl.rule, sp), "rule": dl.rule, "score": dl.score,
                **_span(sp.file, sp.line_start, sp.line_end)}
        if dl.type == "derived_from":
            add("DERIVED_FROM", "Document", "Document", dl.source, dl.target, cue=dl.cue or None, citation=dl.citation or None,
                evidence=dl.evidence or None, **base)
        elif dl.type == "cites":
            add("CITES", "Document", "Document", dl.source, dl.target, citation=dl.citation or None, evidence=dl.evidence or None, **base)
        elif dl.type == "follows":
            add("FOLLOWS", "Document", "Document", dl.source, dl.target, evidence=dl.evidence or None, **base)
        elif dl.type in ("forwards", "issues"):
            add("FORWARDS", "Notice", "Document", dl.source, dl.target, kind=dl.type, **base)
        elif dl.type == "part_of":
            add("PART_OF", "Document", "Compendium", dl.source, dl.target, **{k: v for k, v in base.items() if k != "score"})
    for d in corpus.documents:
        parts: list[Section | Measure] = [*d.sections, *d.measures]
        for unit in parts:
            parent_key = f"{d.key}/{'.'.join(unit.path[:-1])}" if len(unit.path) > 1 else None
            label = unit_label[unit.key]
            sp = unit.provenance.span
            props = {"key": rel_key("PART_OF", unit.key), "rule": "number_path", **_span(sp.file, sp.line_start, sp.line_end)}
            if parent_key in unit_label:
                add("PART_OF", label, unit_label[parent_key], unit.key, parent_key, **props)
            else:
                add("PART_OF", label, "Document", unit.key, d.key, **props)
    for d in corpus.all_documents():
        if d.jurisdiction:
            add("IN_JURISDICTION", "Document", "Jurisdiction", d.key, d.jurisdiction, key=rel_key("IN", d.key))
    for a in corpus.agencies:
        label = agency_label[a.key]
        add("IN_JURISDICTION", label, "Jurisdiction", a.key, a.jurisdiction, key=rel_key("IN", a.key))
        if a.parent:
            add("BELONGS_TO", "Agency", "Agency", a.key, a.parent, key=rel_key("BELONGS_TO", a.key))
        if a.counterpart:
            add("COUNTERPART", "Agency", "Agency", a.key, a.counterpart, key=rel_key("COUNTERPART", a.key))
    present = {r["key"] for r in jurisdiction_rows}
    for p in provinces():
        for dist in p.districts:
            if dist.name in present:
                add("WITHIN", "Jurisdiction", "Jurisdiction", dist.name, p.name, key=rel_key("WITHIN", dist.name))
    for k in out:
        out[k].sort(key=lambda r: r["key"])
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


def all_rows(corpus: PolicyGraph) -> tuple[dict[str, list[Row]], dict[tuple[str, str, str], list[Row]]]:
    nodes = node_rows(corpus)
    return nodes, rel_rows(corpus, nodes["Jurisdiction"])


def load_statements() -> Iterator[tuple[str, str, tuple[str, ...]]]:
    """(statement, kind, rows selector) in load order: nodes first, then relationships."""
    for n in NODES:
        yield merge_node(n), "node", (n.label,)
    for r in RELS:
        for a, b in r.pairs:
            yield merge_rel(r, a, b), "rel", (r.type, a, b)
