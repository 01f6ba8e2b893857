"""The RDF store as files: opened read-only with rdflib, dumped as Turtle, N-Triples or JSON-LD (compacted with the
ontology's context), and queried with rdflib where no Oxigraph store is at hand."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, cast

from rdflib import RDF, Graph, Literal
from rdflib.namespace import PROV

from policykg.graph.store.backends.rdf import bind_prefixes
from policykg.ontology.namespaces import PREFIXES
from policykg.ontology.terms import PKG


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
    prefixes = PREFIXES if fmt != "nt" else None
    data = store.dump(format=formats[fmt], from_graph=pyoxigraph.DefaultGraph(), prefixes=prefixes)
    assert data is not None  # no output file given: the bytes are returned
    return compact_jsonld(data) if fmt == "jsonld" else data


def jsonld_context() -> dict[str, Any]:
    """The shipped JSON-LD context (ontology/context.jsonld)."""
    from importlib import resources

    return cast(dict[str, Any], json.loads(resources.files("policykg.ontology").joinpath("context.jsonld").read_text("utf-8")))


def compact_jsonld(expanded: bytes) -> bytes:
    """Oxigraph's expanded JSON-LD compacted with the shipped context, which the document carries inline (nothing to fetch).

    A value becomes a bare string only where it fits its term's coercion (an IRI for ``@id`` terms, the term's
    datatype or language, or a plain string); anything else stays a value object, so the triples are unchanged.
    """
    context = jsonld_context()["@context"]
    prefixes = {k: v for k, v in context.items() if isinstance(v, str) and not k.startswith("@")}

    def full(name: str) -> str:
        prefix, _, rest = name.partition(":")
        return prefixes[prefix] + rest if prefix in prefixes and rest else name

    def short(iri: str) -> str:
        best = max((p for p, ns in prefixes.items() if iri.startswith(ns) and len(iri) > len(ns)), key=lambda p: len(prefixes[p]), default=None)
        return f"{best}:{iri[len(prefixes[best]):]}" if best else iri

    terms = {full(d["@id"]): (term, d) for term, d in context.items() if isinstance(d, dict)}
    vocab = context["@vocab"]
    graph = []
    for node in json.loads(expanded):
        out: dict[str, Any] = {"@id": short(node["@id"])}
        for prop, values in node.items():
            if prop == "@id":
                continue
            if prop == RDF.type.toPython():
                types = [v["@id"][len(vocab):] if v["@id"].startswith(vocab) else short(v["@id"]) for v in values]
                out["@type"] = types[0] if len(types) == 1 else types
                continue
            term, coercion = terms.get(prop, (short(prop), {}))
            shown = [_compact_value(v, coercion, short) for v in values]
            out[term] = shown[0] if len(shown) == 1 else shown
        graph.append(out)
    graph.sort(key=lambda n: n["@id"])
    document = {"@context": context, "@graph": graph}
    return (json.dumps(document, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")


def _compact_value(value: dict[str, str], coercion: dict[str, str], short: Any) -> Any:
    kind = coercion.get("@type")
    if "@id" in value:
        return short(value["@id"]) if kind == "@id" else {"@id": short(value["@id"])}
    if "@language" in value:
        return value["@value"] if coercion.get("@language") == value["@language"] else value
    if "@type" in value:
        return value["@value"] if kind and short(value["@type"]) == kind else {"@value": value["@value"], "@type": short(value["@type"])}
    return value["@value"] if not kind and "@language" not in coercion else {"@value": value["@value"]}


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
