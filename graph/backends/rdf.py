"""The corpus as RDF: the policykg vocabulary (ELI/ORG/PROV-aligned), stable IRIs, qualified relations.

Every derived edge is written twice: as a direct triple (measure pkg:implements
measure) that ELI-, ORG- or PROV-aware tools understand after RDFS inference,
and as a PROV-style qualified node (pkg:Implementation, pkg:Ownership, …)
that carries its score, method or rule, evidence and source span. IRIs come
from the records' stable keys and no blank node is used, so the same input
always serialises to the same bytes.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import PROV

from policykg.graph.backends.mapping import day_number, evidence_text
from policykg.graph.model import PolicyGraph
from policykg.ontology.records import Agency, DocLink, Document, Implements, IssuedBy, OwnedBy, Provenance, Span
from policykg.ontology.terms import PKG

ID = Namespace("https://w3id.org/policykg/id/")
Triple = tuple[URIRef, URIRef, URIRef | Literal]
_UNSAFE = re.compile(r"[\x00-\x20<>\"{}|\\^`%#?\[\]]")


def _part(text: str) -> str:
    """A key as an IRI path segment: IRI-unsafe characters percent-encoded, Chinese kept."""
    return _UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group(0).encode("utf-8")), text)


def iri(kind: str, key: str) -> URIRef:
    """
    >>> iri("doc", "沪府办规-2023-1")
    rdflib.term.URIRef('https://w3id.org/policykg/id/doc/沪府办规-2023-1')
    >>> iri("agency", "金山区:金山区发展和改革委员会")
    rdflib.term.URIRef('https://w3id.org/policykg/id/agency/金山区:金山区发展和改革委员会')
    """
    return URIRef(f"{ID}{kind}/{_part(key)}")


def unit_iri(key: str, corpus_units: dict[str, str]) -> URIRef:
    return iri(corpus_units.get(key, "measure"), key)


def _rel(kind: str, *parts: object) -> URIRef:
    digest = hashlib.sha1("|".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]
    return iri("rel", f"{kind}-{digest}")


def _zh(text: str) -> Literal:
    return Literal(text, lang="zh")


def _dec(x: float) -> Literal:
    return Literal(Decimal(str(round(x, 3))), datatype=XSD.decimal)


def _int(x: int) -> Literal:
    return Literal(x, datatype=XSD.integer)


def _span(node: URIRef, span: Span) -> Iterator[Triple]:
    yield node, PKG.file, Literal(span.file)
    yield node, PKG.lineStart, _int(span.line_start)
    yield node, PKG.lineEnd, _int(span.line_end)


def _prov(node: URIRef, p: Provenance) -> Iterator[Triple]:
    yield from _span(node, p.span)
    yield node, PKG.rule, Literal(p.rule)


def level_iri(level: str) -> URIRef:
    return iri("level", level)


def jurisdiction_iri(name: str) -> URIRef:
    return iri("jurisdiction", name)


def triples(corpus: PolicyGraph) -> Iterator[Triple]:
    units = {m.key: "measure" for d in corpus.documents for m in d.measures}
    units.update({s.key: "section" for d in corpus.documents for s in d.sections})
    jurisdictions: set[str] = set()
    levels: set[str] = set()
    for d in corpus.all_documents():
        yield from _document(d, units)
        if d.jurisdiction:
            jurisdictions.add(d.jurisdiction)
        if d.level:
            levels.add(d.level)
    types: set[str] = set()
    for a in corpus.agencies:
        yield from _agency(a)
        jurisdictions.add(a.jurisdiction)
        levels.add(a.level)
        if a.functional_type:
            types.add(a.functional_type)
    for name in sorted(jurisdictions):
        yield from _jurisdiction(name)
    for level in sorted(levels):
        node = level_iri(level)
        yield node, RDF.type, PKG.Level
        yield node, PKG.name, Literal(level)
    for t in sorted(types):
        node = iri("type", t)
        yield node, RDF.type, PKG.FunctionalType
        yield node, PKG.name, _zh(t)
    for link in corpus.owned_by:
        yield from _ownership(link, units)
    for issued in corpus.issued_by:
        yield from _issuance(issued)
    for dl in corpus.doc_links:
        yield from _doc_link(dl)
    for imp in corpus.implements:
        yield from _implementation(imp, units)


def _document(d: Document, units: dict[str, str]) -> Iterator[Triple]:
    node = iri("doc", d.key)
    yield node, RDF.type, PKG.Document
    yield node, PKG.key, Literal(d.key)
    if d.cited_only:
        yield node, RDF.type, PKG.CitedDocument
    if d.title:
        yield node, PKG.title, _zh(d.title)
    if d.doc_number is not None:
        yield node, PKG.docNumber, _zh(str(d.doc_number))
    if d.date:
        yield node, PKG.dateSigned, Literal(d.date, datatype=XSD.date)
        yield node, PKG.dayNumber, _int(day_number(d.date))
    if d.jurisdiction:
        yield node, PKG.jurisdiction, jurisdiction_iri(d.jurisdiction)
    if d.level:
        yield node, PKG.level, level_iri(d.level)
    for k, ref in enumerate(d.sources):
        src = iri("source", f"{ref.file}/{ref.line_start}-{ref.line_end}")
        yield node, PKG.sameDocument if k else PKG.source, src
        yield src, RDF.type, PKG.Source
        yield from _span(src, Span(ref.file, ref.line_start, ref.line_end))
    for s in d.sections:
        yield from _unit(s.key, "section", PKG.Section, s.written_path, s.title, s.text, s.kind, s.path, d.key, s.provenance, units)
    for m in d.measures:
        yield from _unit(m.key, "measure", PKG.Measure, m.written_path, m.title, m.text, m.kind, m.path, d.key, m.provenance, units)


def _unit(key: str, kind: str, cls: URIRef, number: str, title: str, text: str, unit_kind: str,
          path: tuple[str, ...], doc: str, prov: Provenance, units: dict[str, str]) -> Iterator[Triple]:
    node = iri(kind, key)
    yield node, RDF.type, cls
    yield node, PKG.key, Literal(key)
    if number:
        yield node, PKG.number, _zh(number)
    if title:
        yield node, PKG.title, _zh(title)
    if text:
        yield node, PKG.text, _zh(text)
    yield node, PKG.kind, Literal(unit_kind)
    parent_key = f"{doc}/{'.'.join(path[:-1])}" if len(path) > 1 else None
    parent = iri(units[parent_key], parent_key) if parent_key in units else iri("doc", doc)
    yield node, PKG.partOf, parent
    yield node, PKG.document, iri("doc", doc)
    yield from _prov(node, prov)


def _agency(a: Agency) -> Iterator[Triple]:
    node = iri("agency", a.key)
    yield node, RDF.type, PKG.Agency if a.kind == "agency" else PKG.CollectiveOwner
    yield node, PKG.key, Literal(a.key)
    yield node, PKG.name, _zh(a.name)
    for alias in a.aliases:
        if alias != a.name:
            yield node, PKG.alias, _zh(alias)
    yield node, PKG.jurisdiction, jurisdiction_iri(a.jurisdiction)
    yield node, PKG.level, level_iri(a.level)
    if a.functional_type:
        yield node, PKG.functionalType, iri("type", a.functional_type)
    if a.parent:
        yield node, PKG.belongsTo, iri("agency", a.parent)
    if a.counterpart:
        yield node, PKG.counterpart, iri("agency", a.counterpart)
    if a.unresolved:
        yield node, PKG.unresolved, Literal(a.reason or "unresolved")


def _jurisdiction(name: str) -> Iterator[Triple]:
    from policykg.loaders.jurisdiction import provinces

    node = jurisdiction_iri(name)
    yield node, RDF.type, PKG.Jurisdiction
    yield node, PKG.key, Literal(name)
    yield node, PKG.name, _zh(name)
    for p in provinces():
        if any(d.name == name for d in p.districts):
            yield node, PKG.withinJurisdiction, jurisdiction_iri(p.name)


def _ownership(link: OwnedBy, units: dict[str, str]) -> Iterator[Triple]:
    src = unit_iri(link.measure, units)
    agency = iri("agency", link.agency)
    yield src, PKG.ledBy if link.role == "lead" else PKG.supportedBy, agency
    q = _rel("own", link.measure, link.agency, link.role, link.text, link.provenance.span)
    yield src, PKG.qualifiedOwnership, q
    yield q, RDF.type, PKG.Ownership
    yield q, PROV.agent, agency
    yield q, PKG.role, Literal(link.role)
    yield q, PKG.writtenAs, _zh(link.text)
    yield from _span(q, link.provenance.span)
    yield q, PKG.rule, Literal(link.rule)


def _issuance(issued: IssuedBy) -> Iterator[Triple]:
    doc = iri("doc", issued.document)
    agency = iri("agency", issued.agency)
    yield doc, PKG.draftedBy if issued.role == "drafter" else PKG.issuedBy, agency
    q = _rel("issue", issued.document, issued.agency, issued.role, issued.provenance.span)
    yield doc, PKG.qualifiedIssuance, q
    yield q, RDF.type, PKG.Issuance
    yield q, PROV.agent, agency
    yield q, PKG.role, Literal(issued.role)
    yield q, PKG.writtenAs, _zh(issued.text)
    yield from _prov(q, issued.provenance)


_DIRECT = {"derived_from": PKG.derivedFrom, "cites": PKG.cites, "follows": PKG.follows}


def _doc_link(dl: DocLink) -> Iterator[Triple]:
    if dl.type in ("forwards", "issues"):
        notice, doc = iri("notice", dl.source), iri("doc", dl.target)
        yield notice, RDF.type, PKG.Notice
        if dl.citation:
            yield notice, PKG.title, _zh(dl.citation)
        yield notice, PKG.forwards, doc
        src, target = notice, doc
    elif dl.type == "part_of":
        src, target = iri("doc", dl.source), iri("compendium", dl.target)
        yield target, RDF.type, PKG.Compendium
        yield src, PKG.inCompendium, target
    elif dl.type == "same_document":
        return  # written with the document's sources (pkg:sameDocument)
    else:
        src, target = iri("doc", dl.source), iri("doc", dl.target)
        yield src, _DIRECT[dl.type], target
    q = _rel(dl.type, dl.source, dl.target, dl.rule, dl.provenance.span)
    if dl.type == "derived_from":
        yield src, PKG.qualifiedDerivation, q
        yield q, RDF.type, PKG.DocumentDerivation
        yield q, PROV.entity, target
    else:
        yield src, PKG.qualifiedRelation, q
        yield q, RDF.type, PKG.DocumentRelation
        yield q, PKG.relatedResource, target
    yield q, PKG.relationType, Literal(dl.type)
    yield q, PKG.score, _dec(dl.score)
    if dl.cue:
        yield q, PKG.cue, _zh(dl.cue)
    if dl.citation and dl.type not in ("forwards", "issues"):
        yield q, PKG.citationText, _zh(dl.citation)
    if dl.evidence:
        yield q, PKG.evidenceText, _zh(dl.evidence)
    yield from _span(q, dl.provenance.span)
    yield q, PKG.rule, Literal(dl.rule)


def _implementation(imp: Implements, units: dict[str, str]) -> Iterator[Triple]:
    src, target = unit_iri(imp.source, units), unit_iri(imp.target, units)
    if imp.confidence in ("high", "medium"):
        yield src, PKG.implements, target
    q = _rel("impl", imp.source, imp.target)
    yield src, PKG.qualifiedImplementation, q
    yield q, RDF.type, PKG.Implementation
    yield q, PKG.relatedResource, target
    yield q, PKG.score, _dec(imp.score)
    yield q, PKG.confidence, Literal(imp.confidence)
    yield q, PKG.method, Literal(imp.method)
    yield q, PKG.relationType, Literal(imp.relation)
    yield q, PKG.cosine, _dec(imp.cosine)
    yield q, PKG.reuse, _dec(imp.reuse)
    yield from _prov(q, imp.provenance)
    yield q, PKG.targetFile, Literal(imp.target_span.file)
    if imp.evidence:
        yield q, PKG.evidenceText, _zh(evidence_text(imp))
    for k, span in enumerate(imp.evidence):
        e = iri("rel", f"{q.split('/')[-1]}-e{k}")
        yield q, PKG.evidence, e
        yield e, RDF.type, PKG.EvidenceSpan
        yield e, PKG.sourceStart, _int(span.source_start)
        yield e, PKG.sourceEnd, _int(span.source_end)
        yield e, PKG.sourceLine, _int(span.source_line)
        yield e, PKG.targetStart, _int(span.target_start)
        yield e, PKG.targetEnd, _int(span.target_end)
        yield e, PKG.targetLine, _int(span.target_line)
        yield e, PKG.evidenceText, _zh(span.text)


PREFIXES = ("pkg", "id", "eli", "prov")


def bind_prefixes(g: Graph) -> Graph:
    g.bind("pkg", str(PKG))
    g.bind("id", str(ID))
    g.bind("eli", "http://data.europa.eu/eli/ontology#")
    g.bind("prov", str(PROV))
    return g


def to_graph(corpus: PolicyGraph, store: str = "default") -> Graph:
    g = bind_prefixes(Graph(store=store))
    for t in triples(corpus):
        g.add(t)
    return g


def ontology_graph() -> Graph:
    from importlib import resources

    return Graph().parse(data=resources.files("policykg.ontology").joinpath("policykg.ttl").read_text("utf-8"), format="turtle")


def write_store(g: Graph, path: Path) -> int:
    """Write the graph into a persistent embedded store (Oxigraph) at ``path``; returns the triple count."""
    import shutil

    import pyoxigraph

    if path.exists():
        shutil.rmtree(path)
    store = pyoxigraph.Store(str(path))
    data = g.serialize(format="nt", encoding="utf-8")
    store.bulk_load(data, pyoxigraph.RdfFormat.N_TRIPLES)
    store.flush()
    count = len(store)
    del store
    import gc

    gc.collect()  # release the write lock now, so the store can be opened again in this process
    return count


def open_store(path: Path) -> Graph:
    """The persistent store as an rdflib Graph (read through oxrdflib)."""
    if not path.exists():
        raise FileNotFoundError(f"no RDF store at {path}: run `policykg build` first")
    import pyoxigraph
    from oxrdflib import OxigraphStore
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    # read-only: several readers (CLI, notebooks, tests) may hold the store at once
    store = OxigraphStore(store=pyoxigraph.Store.read_only(str(path)))
    return bind_prefixes(Graph(store=store, identifier=DATASET_DEFAULT_GRAPH_ID))  # the store's default graph


FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}


def dump_store(path: Path, fmt: str) -> bytes:
    """The store's graph as Turtle, N-Triples or JSON-LD, written by Oxigraph itself.

    Fast, byte-stable across processes (Oxigraph orders triples by its content-hashed
    term ids, whatever PYTHONHASHSEED is) and plain literals stay plain.
    """
    import pyoxigraph

    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if not path.exists():
        raise FileNotFoundError(f"no RDF store at {path}: run `policykg build` first")
    store = pyoxigraph.Store.read_only(str(path))
    formats = {"ttl": pyoxigraph.RdfFormat.TURTLE, "nt": pyoxigraph.RdfFormat.N_TRIPLES, "jsonld": pyoxigraph.RdfFormat.JSON_LD}
    prefixes = {p: str(ns) for p, ns in bind_prefixes(Graph()).namespaces() if p in PREFIXES} if fmt != "nt" else None
    data = store.dump(format=formats[fmt], from_graph=pyoxigraph.DefaultGraph(), prefixes=prefixes)
    assert data is not None  # no output file given: the bytes are returned
    return data


def export(g: Graph, fmt: str) -> bytes:
    """Serialise with rdflib's plug-ins (deterministic: rdflib sorts subjects and predicates)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if fmt == "nt":
        lines = sorted(g.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines())
        return ("\n".join(line for line in lines if line) + "\n").encode("utf-8")
    if fmt == "jsonld":
        return g.serialize(format="json-ld", encoding="utf-8", sort_keys=True, indent=1, context={"pkg": str(PKG), "prov": str(PROV)})
    return g.serialize(format=FORMATS[fmt], encoding="utf-8")


def query(g: Graph, sparql: str) -> tuple[list[str], list[list[object]]]:
    """Run a SPARQL SELECT/ASK; returns column names and rows of Python values."""
    result = g.query(sparql)
    if result.type == "ASK":
        return ["ask"], [[bool(result.askAnswer)]]
    if result.type != "SELECT":
        raise ValueError("only SELECT and ASK queries are supported here")
    columns = [str(v) for v in result.vars or []]
    rows = [[(None if x is None else x.toPython() if isinstance(x, Literal) else str(x)) for x in row] for row in result]  # type: ignore[union-attr]
    return columns, rows
