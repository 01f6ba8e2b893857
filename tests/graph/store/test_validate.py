"""The store validator (SPARQL on Oxigraph) reports what pySHACL reports."""

from __future__ import annotations

import pyoxigraph
import pytest
from rdflib import RDF, XSD, Literal, URIRef

from policykg.graph.store.backends.rdf import to_graph
from policykg.graph.store.validate import constraint_queries, shapes_graph, validate, validate_store
from policykg.ontology.terms import PKG


def _store(g):
    store = pyoxigraph.Store()
    store.bulk_load(g.serialize(format="nt", encoding="utf-8"), pyoxigraph.RdfFormat.N_TRIPLES)
    return store


def test_every_constraint_of_the_shapes_becomes_a_query():
    assert len(constraint_queries(shapes_graph())) >= 60


def test_same_verdict_on_the_corpus(sparql_store):
    result = validate_store(sparql_store.store)
    assert result.conforms and result.violations == 0


@pytest.mark.parametrize("breakage", ["kind", "partof", "score", "datatype", "class"])
def test_same_violations_as_pyshacl(corpus, breakage):
    g = to_graph(corpus)
    measures = sorted(set(g.subjects(RDF.type, PKG.Measure)))[:3]
    for m in measures:
        if breakage == "kind":
            g.set((m, PKG.kind, Literal("nonsense")))
        elif breakage == "partof":
            g.remove((m, PKG.partOf, None))
        elif breakage == "datatype":
            g.set((m, PKG.lineStart, Literal("twelve")))
    if breakage == "score":
        for q in sorted(set(g.subjects(RDF.type, PKG.Implementation)))[:4]:
            g.set((q, PKG.score, Literal("1.5", datatype=XSD.decimal)))
    if breakage == "class":
        for d in sorted(set(g.subjects(RDF.type, PKG.Document)))[:2]:
            g.set((d, PKG.jurisdiction, URIRef("https://w3id.org/policykg/id/jurisdiction/nowhere")))
    reference = validate(g)
    ours = validate_store(_store(g))
    assert not reference.conforms
    assert ours.violations == reference.violations, (breakage, ours.report, reference.report[:2000])


def test_an_untitled_unrecognised_page_still_conforms(tmp_path):
    """A page of prose with no title and no structure is kept (as paragraphs); its first words stand in for its title,
    so the store still satisfies pkg:title minCount 1 and a --strict build is not failed by the shapes."""
    from policykg.graph.build.pipeline import build_corpus

    (tmp_path / "a.txt").write_text("这是一段没有标题的文字，讲述了某地推进政务服务的一些情况。\n各部门要认真落实有关要求。\n", encoding="utf-8")
    corpus = build_corpus(tmp_path)
    (doc,) = corpus.documents
    assert doc.structure == "unrecognised" and doc.title == "这是一段没有标题的文字"
    assert any(n.startswith("untitled") for n in doc.notes) and doc.provenance["title"].rule == "title_first_words"
    result = validate_store(_store(to_graph(corpus)))
    assert result.conforms, result.report[:500]
