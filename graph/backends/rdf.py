"""The corpus as RDF: the policykg vocabulary (ELI/ORG/PROV-aligned), stable IRIs, qualified relations.

Every derived edge is written twice: as a direct triple (measure pkg:implements
measure) that ELI-, ORG- or PROV-aware tools understand after RDFS inference,
and as a PROV-style qualified node (pkg:Implementation, pkg:Ownership, …)
that carries its score, method or rule, evidence and source span. IRIs come
from the records' stable keys and no blank node is used, so the same input
always serialises to the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import PROV

from policykg.graph import projection
from policykg.graph.backends.base import Progress, Result
from policykg.graph.model import PolicyGraph
from policykg.graph.projection import Prop, Value
from policykg.ontology.records import Document, EvidenceSpan, Implements, SharedText, Span
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


def _term(value: Value, term: str) -> URIRef | Literal:
    if term.startswith("iri:"):
        return iri(term[4:], str(value))
    if term == "zh":
        return Literal(str(value), lang="zh")
    if term == "int":
        return Literal(value, datatype=XSD.integer)
    if term == "decimal":
        return Literal(Decimal(str(round(float(value), 3))), datatype=XSD.decimal)  # type: ignore[arg-type]
    if term == "date":
        return Literal(value, datatype=XSD.date)
    return Literal(value)


def _props(node: URIRef, props: tuple[Prop[Any], ...], item: object) -> Iterator[Triple]:
    for p in props:
        if p.rdf is None:
            continue
        value = p.get(item)
        for v in value if isinstance(value, tuple) else (value,):
            if v is not None and v != "":
                yield node, p.rdf, _term(v, p.term)


def _span(node: URIRef, span: Span) -> Iterator[Triple]:
    yield node, PKG.file, Literal(span.file)
    yield node, PKG.lineStart, Literal(span.line_start, datatype=XSD.integer)
    yield node, PKG.lineEnd, Literal(span.line_end, datatype=XSD.integer)


def triples(graph: PolicyGraph) -> Iterator[Triple]:
    """Every triple of the graph, generated from the projections (policykg.graph.projection)."""
    for kind in projection.NODE_KINDS:
        for item in kind.items(graph):
            node = iri(kind.segment, kind.key(item))
            yield node, RDF.type, kind.rdf_class
            for extra in kind.extra_types(item):
                yield node, RDF.type, extra
            yield from _props(node, kind.props, item)
    for d in graph.all_documents():
        yield from _sources(d)
    for edge in projection.EDGE_KINDS:
        for item in edge.items(graph):
            a, source, b, target = edge.ends(graph, item)
            src, dst = iri(projection.SEGMENT[a], source), iri(projection.SEGMENT[b], target)
            direct = edge.direct(item)
            if direct is not None:
                yield src, direct, dst
            qualified = edge.qualified(item)
            if qualified is None:
                continue
            q = iri("rel", edge.key(item))
            yield src, qualified.link, q
            yield q, RDF.type, qualified.rdf_class
            yield q, qualified.target, dst
            yield from _props(q, edge.props, item)
            if isinstance(item, Implements | SharedText):
                yield from _evidence(q, item.evidence)


def _sources(d: Document) -> Iterator[Triple]:
    """Where a document was read: one source node per file and line span (the first is its source)."""
    node = iri("doc", d.key)
    for k, ref in enumerate(d.sources):
        src = iri("source", f"{ref.file}/{ref.line_start}-{ref.line_end}")
        yield node, PKG.sameDocument if k else PKG.source, src
        yield src, RDF.type, PKG.Source
        yield from _span(src, Span(ref.file, ref.line_start, ref.line_end))


def _evidence(q: URIRef, evidence: tuple[EvidenceSpan, ...]) -> Iterator[Triple]:
    """The aligned wording of an implements (or shared-text) edge, one pkg:EvidenceSpan node per shared run."""
    for k, span in enumerate(evidence):
        e = URIRef(f"{q}-e{k}")
        yield q, PKG.evidence, e
        yield e, RDF.type, PKG.EvidenceSpan
        for predicate, value in ((PKG.sourceStart, span.source_start), (PKG.sourceEnd, span.source_end), (PKG.sourceLine, span.source_line),
                                 (PKG.targetStart, span.target_start), (PKG.targetEnd, span.target_end), (PKG.targetLine, span.target_line)):
            yield e, predicate, Literal(value, datatype=XSD.integer)
        yield e, PKG.evidenceText, Literal(span.text, lang="zh")


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


class OxigraphBackend:
    """The embedded RDF store (Oxigraph): on disk at ``path``, or in memory.

    In queries, variables named ``?param_<name>`` are bound from ``params`` by Oxigraph
    (SEP-0007 substitutions, never text formatting) and left out of the results.
    """

    def __init__(self, path: Path | None = None, read_only: bool = False) -> None:
        import pyoxigraph

        if read_only:
            if path is None or not path.exists():
                raise FileNotFoundError(f"no RDF store at {path}: run `policykg build` first")
            self.store = pyoxigraph.Store.read_only(str(path))
        else:
            if path is not None and path.exists():
                raise FileExistsError(f"{path} exists: a store is only ever written into a new build folder")
            self.store = pyoxigraph.Store(str(path)) if path is not None else pyoxigraph.Store()

    def load(self, graph: PolicyGraph, progress: Progress | None = None) -> int:
        """The graph's triples straight into the store (no in-memory rdflib graph on the way)."""
        import pyoxigraph

        default = pyoxigraph.DefaultGraph()
        self.store.bulk_extend(pyoxigraph.Quad(_ox(s), _ox(p), _ox(o), default) for s, p, o in triples(graph))
        self.store.flush()
        if progress:
            progress("triples", len(self.store))
        return len(self.store)

    def load_rdf(self, g: Graph, progress: Progress | None = None) -> int:
        """Bulk-load an rdflib graph (the one SHACL validated); returns the store's triple count."""
        import pyoxigraph

        self.store.bulk_load(g.serialize(format="nt", encoding="utf-8"), pyoxigraph.RdfFormat.N_TRIPLES)
        self.store.flush()
        if progress:
            progress("triples", len(self.store))
        return len(self.store)

    def query(self, text: str, params: Mapping[str, Any] | None = None) -> Result:
        import pyoxigraph

        subs = {pyoxigraph.Variable(f"param_{k}"): _oxigraph_literal(v) for k, v in (params or {}).items()}
        result = self.store.query(text, substitutions=subs) if subs else self.store.query(text)
        if isinstance(result, pyoxigraph.QueryBoolean):
            return ["ask"], [[bool(result)]]
        if not isinstance(result, pyoxigraph.QuerySolutions):
            raise ValueError("only SELECT and ASK queries are supported here")
        columns = [v.value for v in result.variables if not v.value.startswith("param_")]
        return columns, [[_python(row[c]) for c in columns] for row in result]

    def __len__(self) -> int:
        return len(self.store)

    def close(self) -> None:
        import gc

        del self.store
        gc.collect()  # release the write lock now, so the store can be opened again in this process


def _ox(term: URIRef | Literal) -> Any:
    """An rdflib term as the same Oxigraph term (lexical form, language and datatype kept)."""
    import pyoxigraph

    if isinstance(term, Literal):
        if term.language:
            return pyoxigraph.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return pyoxigraph.Literal(str(term), datatype=pyoxigraph.NamedNode(str(term.datatype)))
        return pyoxigraph.Literal(str(term))
    return pyoxigraph.NamedNode(str(term))


def _oxigraph_literal(value: Any) -> Any:
    import pyoxigraph

    if isinstance(value, bool):
        return pyoxigraph.Literal(str(value).lower(), datatype=pyoxigraph.NamedNode(str(XSD.boolean)))
    return pyoxigraph.Literal(value)


def _python(term: Any) -> Any:
    """An Oxigraph term as a Python value: numbers and booleans typed, everything else its lexical value."""
    import pyoxigraph

    if term is None:
        return None
    if isinstance(term, pyoxigraph.Literal):
        dt = term.datatype.value
        if dt.endswith(("#integer", "#long", "#int")):
            return int(term.value)
        if dt.endswith(("#decimal", "#double", "#float")):
            return float(term.value)
        if dt.endswith("#boolean"):
            return term.value == "true"
    return term.value


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
