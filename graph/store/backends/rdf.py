"""The corpus as RDF: the policykg vocabulary (ELI/ORG/PROV-aligned), stable IRIs, qualified relations.

Every derived edge is written twice: as a direct triple (measure pkg:implements
measure) that ELI-, ORG- or PROV-aware tools understand after RDFS inference,
and as a PROV-style qualified node (pkg:Implementation, pkg:Ownership, …)
that carries its score, method or rule, evidence and source span. IRIs come
from the records' stable keys and no blank node is used, so the same input
always serialises to the same bytes.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Mapping
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from rdflib import RDF, XSD, Graph, Literal, URIRef

from policykg.graph.store import projection
from policykg.graph.store.backends.base import Progress, Result, Store
from policykg.graph.store.model import PolicyGraph
from policykg.graph.store.projection import Prop, Value
from policykg.ontology.namespaces import ID, PREFIXES
from policykg.ontology.records import Document, EvidenceSpan, Implements, SharedText, Span
from policykg.ontology.terms import PKG

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
        return Literal(_decimal(value), datatype=XSD.decimal)
    if term == "date":
        return Literal(value, datatype=XSD.date)
    return Literal(value)


def _decimal(value: Value) -> Decimal:
    return Decimal(str(round(float(value), 3)))  # type: ignore[arg-type]


class RdflibTerms:
    """Triples as rdflib terms (for rdflib graphs)."""

    @staticmethod
    def named(uri: URIRef) -> Any:
        return uri

    @staticmethod
    def node(kind: str, key: str) -> Any:
        return iri(kind, key)

    @staticmethod
    def part(node: Any, suffix: str) -> Any:
        return URIRef(f"{node}{suffix}")

    @staticmethod
    def value(value: Value, term: str) -> Any:
        return _term(value, term)


_NT_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


_XSD_INTEGER, _XSD_DECIMAL, _XSD_DATE = (f"<{XSD[x]}>" for x in ("integer", "decimal", "date"))


class NTriplesTerms:
    """Triples as N-Triples term strings: what Oxigraph bulk-loads fastest, with no rdflib term on the way.

    Each term is written exactly as rdflib writes the same value (a test compares the two stores).
    """

    def __init__(self) -> None:
        self._named: dict[str, str] = {}

    def named(self, uri: URIRef) -> Any:
        text = self._named.get(uri)
        if text is None:
            text = self._named[uri] = f"<{uri}>"
        return text

    @staticmethod
    def node(kind: str, key: str) -> Any:
        return f"<{ID}{kind}/{_part(key)}>"

    @staticmethod
    def part(node: Any, suffix: str) -> Any:
        return f"{node[:-1]}{suffix}>"

    def value(self, value: Value, term: str) -> Any:
        if term.startswith("iri:"):
            return self.node(term[4:], str(value))
        if term == "zh":
            return f'"{str(value).translate(_NT_ESCAPES)}"@zh'
        if term == "int":
            return f'"{int(value)}"^^{_XSD_INTEGER}'  # type: ignore[arg-type]
        if term == "decimal":
            return f'"{_decimal(value)}"^^{_XSD_DECIMAL}'
        if term == "date":
            return f'"{value}"^^{_XSD_DATE}'
        if isinstance(value, str):
            return f'"{value.translate(_NT_ESCAPES)}"'
        return Literal(value).n3()  # numbers and booleans typed as rdflib types them


def _props(t: Any, node: Any, props: tuple[Prop[Any], ...], item: object) -> Iterator[tuple[Any, Any, Any]]:
    for p in props:
        if p.rdf is None:
            continue
        value = p.get(item)
        for v in value if isinstance(value, tuple) else (value,):
            if v is not None and v != "":
                yield node, t.named(p.rdf), t.value(v, p.term)


def _span(t: Any, node: Any, span: Span) -> Iterator[tuple[Any, Any, Any]]:
    yield node, t.named(PKG.file), t.value(span.file, "plain")
    yield node, t.named(PKG.lineStart), t.value(span.line_start, "int")
    yield node, t.named(PKG.lineEnd), t.value(span.line_end, "int")


# standard vocabularies whose classes and properties the store states beside policykg's own (a client that knows
# ELI, ORG or PROV but no reasoner finds documents as eli:LegalResource, agencies as org:Organization);
# prov:value is left out: it would make every line number, score and cosine one more unlabelled value
_STATED = ("http://data.europa.eu/eli/ontology#", "http://www.w3.org/ns/org#", "http://www.w3.org/ns/prov#")


_NOT_STATED = ("http://www.w3.org/ns/prov#value",)


@cache
def _super_terms() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """For each policykg class and property, its super-classes and super-properties in ELI, ORG and PROV, as the
    ontology declares them (rdfs:subClassOf / rdfs:subPropertyOf, followed through policykg's own terms)."""
    from rdflib import RDFS

    onto = ontology_graph()

    def closure(relation: Any) -> dict[str, tuple[str, ...]]:
        direct: dict[str, set[str]] = {}
        for a, b in onto.subject_objects(relation):
            direct.setdefault(str(a), set()).add(str(b))
        out = {}
        for term in direct:
            seen, stack = set(), list(direct[term])
            while stack:
                up = stack.pop()
                if up not in seen:
                    seen.add(up)
                    stack += direct.get(up, ())
            stated = sorted(u for u in seen if u.startswith(_STATED) and u not in _NOT_STATED)
            if stated and term.startswith(str(PKG)):
                out[term] = tuple(stated)
        return out

    return closure(RDFS.subClassOf), closure(RDFS.subPropertyOf)


def triples(graph: PolicyGraph, terms: Any = RdflibTerms) -> Iterator[Any]:
    """Every triple of the graph, generated from the projections (policykg.graph.store.projection), each followed by the
    same statement in the standard vocabularies the ontology maps it to (ELI, ORG, PROV)."""
    classes, properties = _super_terms()
    rdf_type = terms.named(RDF.type)
    by_class = {terms.named(URIRef(k)): tuple(terms.named(URIRef(v)) for v in vs) for k, vs in classes.items()}
    by_property = {terms.named(URIRef(k)): tuple(terms.named(URIRef(v)) for v in vs) for k, vs in properties.items()}
    for s, p, o in _own_triples(graph, terms):
        yield s, p, o
        for up in (by_class.get(o, ()) if p == rdf_type else by_property.get(p, ())):
            yield (s, p, up) if p == rdf_type else (s, up, o)


def _own_triples(graph: PolicyGraph, terms: Any) -> Iterator[Any]:
    """policykg's own triples; ``terms`` makes the terms: rdflib's or N-Triples text (:class:`NTriplesTerms`)."""
    t = terms
    rdf_type = t.named(RDF.type)
    for kind in projection.NODE_KINDS:
        cls = t.named(kind.rdf_class)
        for item in kind.items(graph):
            node = t.node(kind.segment, kind.key(item))
            yield node, rdf_type, cls
            for extra in kind.extra_types(item):
                yield node, rdf_type, t.named(extra)
            yield from _props(t, node, kind.props, item)
    for d in graph.all_documents():
        yield from _sources(t, d)
    for edge in projection.EDGE_KINDS:
        for item in edge.items(graph):
            a, source, b, target = edge.ends(graph, item)
            src, dst = t.node(projection.SEGMENT[a], source), t.node(projection.SEGMENT[b], target)
            direct = edge.direct(item)
            if direct is not None:
                yield src, t.named(direct), dst
            qualified = edge.qualified(item)
            if qualified is None:
                continue
            q = t.node("rel", edge.key(item))
            yield src, t.named(qualified.link), q
            yield q, rdf_type, t.named(qualified.rdf_class)
            yield q, t.named(qualified.target), dst
            yield from _props(t, q, edge.props, item)
            if isinstance(item, Implements | SharedText):
                yield from _evidence(t, q, item.evidence)


def _sources(t: Any, d: Document) -> Iterator[tuple[Any, Any, Any]]:
    """Where a document was read: one source node per file and line span (the first is its source)."""
    node = t.node("doc", d.key)
    for k, ref in enumerate(d.sources):
        src = t.node("source", f"{ref.file}/{ref.line_start}-{ref.line_end}")
        yield node, t.named(PKG.sameDocument if k else PKG.source), src
        yield src, t.named(RDF.type), t.named(PKG.Source)
        yield from _span(t, src, Span(ref.file, ref.line_start, ref.line_end))


def _evidence(t: Any, q: Any, evidence: tuple[EvidenceSpan, ...]) -> Iterator[tuple[Any, Any, Any]]:
    """The aligned wording of an implements (or shared-text) edge, one pkg:EvidenceSpan node per shared run."""
    for k, span in enumerate(evidence):
        e = t.part(q, f"-e{k}")
        yield q, t.named(PKG.evidence), e
        yield e, t.named(RDF.type), t.named(PKG.EvidenceSpan)
        for predicate, value in ((PKG.sourceStart, span.source_start), (PKG.sourceEnd, span.source_end), (PKG.sourceLine, span.source_line),
                                 (PKG.targetStart, span.target_start), (PKG.targetEnd, span.target_end), (PKG.targetLine, span.target_line)):
            yield e, t.named(predicate), t.value(value, "int")
        yield e, t.named(PKG.evidenceText), t.value(span.text, "zh")


def bind_prefixes(g: Graph) -> Graph:
    for prefix, namespace in PREFIXES.items():
        g.bind(prefix, namespace)
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
    (SEP-0007 substitutions) and left out of the results. Inside the pattern, a value that is
    one token whatever it holds (a number, a boolean, a string with no quote, backslash or line
    break) is also written in as a constant: bound values are not constants to Oxigraph's
    optimiser, and a constant lets it drop a branch the parameter rules out.
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

        self.store.bulk_load(io.BufferedReader(_Stream(_ntriples(graph)), 1 << 20), pyoxigraph.RdfFormat.N_TRIPLES)
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
        if subs:
            text = inline_params(text, params or {})
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


def _ntriples(graph: PolicyGraph, lines_per_chunk: int = 4096) -> Iterator[bytes]:
    chunk: list[str] = []
    for s, p, o in triples(graph, NTriplesTerms()):
        chunk.append(f"{s} {p} {o} .\n")
        if len(chunk) == lines_per_chunk:
            yield "".join(chunk).encode()
            chunk = []
    yield "".join(chunk).encode()


class _Stream(io.RawIOBase):
    """Generated bytes read as a file, so the store parses triples as they are made (never all held at once)."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            try:
                self._pending = next(self._chunks)
            except StopIteration:
                return 0
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:] if n < len(self._pending) else b""
        return n


_PARAM = re.compile(r"\?param_(\w+)\b")


# where a variable must stay one: the projection (the first match is the top level's), GROUP BY and ORDER BY lines
_KEPT = re.compile(r"\bSELECT\b.*?\bWHERE\b|\b(?:GROUP|ORDER)\s+BY\b[^\n]*", re.I | re.S)


def _constant(value: Any) -> str | None:
    """The SPARQL token of a value that cannot be more than one token, or None."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return f'"{value}"^^<{XSD.integer}>'  # the stored term's own form (a bare -9223372036854775808 overflows)
    if isinstance(value, str) and not re.search(r'["\\\n\r]', value):
        return f'"{value}"'
    return None


def inline_params(text: str, params: Mapping[str, Any]) -> str:
    """The query with each ``?param_<name>`` of the pattern written as its constant, where the value allows.

    The top-level projection, GROUP BY and ORDER BY keep the variables (the substitutions bind them
    there; a bare constant is no valid term in them); values with a quote, backslash or line break stay
    bound only.

    >>> inline_params('SELECT ?x ?param_k WHERE { ?x ?p ?param_k } GROUP BY ?x ?param_k', {"k": "a"})
    'SELECT ?x ?param_k WHERE { ?x ?p "a" } GROUP BY ?x ?param_k'
    >>> inline_params('SELECT ?param_k WHERE { FILTER(?v = ?param_k) }', {"k": 'a" } #'})
    'SELECT ?param_k WHERE { FILTER(?v = ?param_k) }'
    """
    constants = {k: c for k, v in params.items() if (c := _constant(v)) is not None}
    if not constants:
        return text

    def put(part: str) -> str:
        return _PARAM.sub(lambda m: constants.get(m.group(1), m.group(0)), part)

    out, at = [], 0
    for kept in _KEPT.finditer(text):
        out += [put(text[at : kept.start()]), kept.group(0)]
        at = kept.end()
    return "".join(out) + put(text[at:])


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


STORE = Store("sparql", "sparql", "store", lambda path, read_only: OxigraphBackend(path, read_only=read_only),
              "the embedded RDF store (Oxigraph), queried in SPARQL")
