"""RDF: round trips, SHACL, stable bytes, and what a consumer knowing only ELI can find."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph
from rdflib.compare import isomorphic

from policykg.graph.build.pipeline import build_corpus
from policykg.graph.store.backends.rdf import OxigraphBackend, inline_params, ontology_graph, to_graph
from policykg.graph.store.backends.rdf_files import FORMATS, export, open_store, query
from policykg.graph.store.validate import validate
from policykg.ontology.terms import PKG
from tests.conftest import CORPUS


@pytest.fixture(scope="module")
def rdf(corpus):
    return to_graph(corpus)


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """The municipal plan, and the 嘉定 and 青浦 plans that derive from it, cut from the compendium (real lines)."""
    folder = tmp_path_factory.mktemp("small")
    lines = (CORPUS / "003_e81c4866f1da0559.txt").read_text(encoding="utf-8").splitlines()
    (folder / "municipal.txt").write_text("\n".join(lines[3829:4252]) + "\n", encoding="utf-8")
    (folder / "jiading.txt").write_text("\n".join(lines[6567:6983]) + "\n", encoding="utf-8")
    (folder / "qingpu.txt").write_text("\n".join(lines[7390:7833]) + "\n", encoding="utf-8")
    corpus = build_corpus(folder)
    assert {d.key for d in corpus.documents} == {"沪府办规-2023-1", "嘉发改规-2023-2", "青府办发-2023-6"}
    return to_graph(corpus)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_round_trip(small, fmt):
    data = export(small, fmt)
    back = Graph().parse(data=data, format=FORMATS[fmt])
    assert len(back) == len(small) and isomorphic(back, small)


def test_shacl_corpus_conforms(rdf):
    v = validate(rdf)
    assert v.conforms and v.violations == 0, v.report[:2000]


def test_shacl_detects_missing_provenance(small):
    g = Graph()
    for t in small:
        g.add(t)
    node = next(g.subjects(predicate=PKG.score))
    for o in list(g.objects(node, PKG.file)):
        g.remove((node, PKG.file, o))
    v = validate(g)
    assert not v.conforms and v.violations >= 1


def test_turtle_is_byte_identical_across_rebuilds(rdf):
    again = to_graph(build_corpus(CORPUS))
    assert export(rdf, "ttl") == export(again, "ttl")


def test_store_round_trip(tmp_path, small):
    store = OxigraphBackend(tmp_path / "store")
    assert store.load_rdf(small) == len(small)
    store.close()
    with pytest.raises(FileExistsError):
        OxigraphBackend(tmp_path / "store")  # a store is never overwritten in place
    g = open_store(tmp_path / "store")
    cols, rows = query(g, "PREFIX pkg: <https://w3id.org/policykg/ontology#> SELECT (COUNT(*) AS ?n) WHERE { ?m pkg:implements ?t }")
    assert rows[0][0] == sum(1 for _ in small.triples((None, PKG.implements, None)))


def test_standard_vocabularies_without_a_reasoner(sparql_store):
    """A client that knows ELI, ORG and PROV but runs no reasoner finds documents, agencies and derivations
    (the interop audit: 0 eli: and 0 org: triples in the exports, derivation never reaching eli:based_on); line
    numbers and scores are not restated as prov:value."""
    ask = """PREFIX eli: <http://data.europa.eu/eli/ontology#> PREFIX org: <http://www.w3.org/ns/org#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        ASK { ?d a eli:LegalResource ; eli:based_on ?p . ?a a org:Organization . ?m eli:is_part_of ?d ; eli:applies ?t .
              ?d prov:wasDerivedFrom ?p }"""
    assert sparql_store.query(ask)[1] == [[True]]
    assert sparql_store.query("PREFIX prov: <http://www.w3.org/ns/prov#> ASK { ?s prov:value ?o }")[1] == [[False]]


def test_eli_only_query_after_rdfs_inference(small):
    import owlrl

    g = Graph()
    for t in small:
        g.add(t)
    g += ontology_graph()
    owlrl.DeductiveClosure(owlrl.RDFS_Semantics).expand(g)
    rows = list(g.query("""
        PREFIX eli: <http://data.europa.eu/eli/ontology#>
        SELECT ?doc ?number ?date ?measure ?target WHERE {
          ?doc a eli:LegalResource ; eli:id_local ?number ; eli:date_document ?date .
          ?measure a eli:LegalResourceSubdivision ; eli:is_part_of+ ?doc ; eli:applies ?target .
          ?target eli:is_part_of+ ?parent . ?parent eli:id_local "沪府办规〔2023〕1号" .
        }"""))
    numbers = {str(r[1]) for r in rows}
    assert numbers == {"嘉发改规〔2023〕2号", "青府办发〔2023〕6号"}
    dates = {str(r[1]): str(r[2]) for r in rows}
    assert dates == {"嘉发改规〔2023〕2号": "2023-02-22", "青府办发〔2023〕6号": "2023-02-16"}
    assert len({r[3] for r in rows if str(r[1]).startswith("嘉")}) >= 20  # most 嘉定 measures implement a municipal one
    # agencies, responsibility and derivation are visible through ORG / ELI / PROV terms too
    assert list(g.query("""PREFIX org: <http://www.w3.org/ns/org#> PREFIX eli: <http://data.europa.eu/eli/ontology#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        ASK { ?m eli:responsibility_of_agent ?a . ?a a org:Organization . ?d prov:wasDerivedFrom ?p }""")) == [True]


def test_documents_measures_and_agencies_have_labels(sparql_store):
    """Generic RDF browsers show rdfs:label, not bare IRIs."""
    query = ("PREFIX pkg: <https://w3id.org/policykg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
             "SELECT (COUNT(?x) AS ?n) WHERE { VALUES ?c { pkg:Document pkg:Measure pkg:Agency } ?x a ?c FILTER NOT EXISTS { ?x rdfs:label ?l } }")
    assert sparql_store.query(query)[1] == [[0]]
    label = sparql_store.query("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?l WHERE "
                               "{ <https://w3id.org/policykg/id/agency/金山区:金山区政务服务办公室> rdfs:label ?l }")[1]
    assert label == [["金山区政务服务办公室"]]


def test_store_written_as_ntriples_equals_the_rdflib_graph(corpus):
    """The build writes N-Triples text straight into Oxigraph: every term must be the one rdflib makes."""
    from dataclasses import replace

    import pyoxigraph

    # awkward literals: quotes, backslashes, line breaks in a title
    doc = replace(corpus.documents[0], title='标题"引号"\\反斜杠\n换行\r回车')
    tricky = replace(corpus, documents=(doc, *corpus.documents[1:]))
    store = OxigraphBackend()
    store.load(tricky)
    expected = pyoxigraph.Store()
    expected.bulk_load(to_graph(tricky).serialize(format="nt", encoding="utf-8"), pyoxigraph.RdfFormat.N_TRIPLES)
    dump = {fmt: sorted(s.dump(format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=pyoxigraph.DefaultGraph()).splitlines())
            for fmt, s in (("nt", store.store), ("rdflib", expected))}  # an in-memory store dumps in insertion order
    assert dump["nt"] == dump["rdflib"]
    assert any('标题\\"引号\\"\\\\反斜杠\\n换行\\r回车'.encode() in line for line in dump["nt"])


def test_jsonld_export_is_compact_and_holds_the_same_triples(build_dir):
    """The JSON-LD export uses the shipped context (inline: nothing to fetch) and parses back to exactly the N-Triples export."""
    import json

    from policykg.graph.store.backends.rdf_files import dump_store, jsonld_context

    store = build_dir / "store"
    compact = dump_store(store, "jsonld")
    document = json.loads(compact)
    assert document["@context"] == jsonld_context()["@context"] and isinstance(document["@graph"], list)
    doc = next(n for n in document["@graph"] if n.get("docNumber") == "沪府办规〔2023〕1号")
    assert doc["@type"] == ["Document", "eli:LegalResource"] and isinstance(doc["title"], str)  # bare values where the coercion fits
    nt = Graph().parse(data=dump_store(store, "nt").decode("utf-8"), format="nt")
    back = Graph().parse(data=compact.decode("utf-8"), format="json-ld")
    assert set(back) == set(nt)  # no blank nodes: the same triples, term for term
    assert compact == dump_store(store, "jsonld")  # byte-stable


def test_shipped_context_is_current(build_dir):
    """ontology/context.jsonld has a term, with today's coercion, for every property a corpus build uses."""
    import importlib

    from policykg.graph.store.backends.rdf_files import jsonld_context

    generate = importlib.import_module("policykg.ontology.generate_context")
    assert __import__("json").loads(generate.render(build_dir / "store")) == jsonld_context(), \
        "stale: run python -m policykg.ontology.generate_context out/store"


_FIND = "SELECT ?s ?param_k WHERE { ?s <urn:p> ?param_k FILTER(?param_k = ?param_k) } GROUP BY ?s ?param_k\nORDER BY ?param_k"


@given(st.one_of(st.text(), st.integers(), st.booleans()))
@settings(max_examples=200, deadline=None)
def test_a_parameter_written_in_as_a_constant_means_the_value_itself(value):
    """Whatever the value (quotes, backslashes, line breaks, a closing brace), the query finds exactly the
    resource holding that value, as the bound parameter alone does; the projection, GROUP BY and ORDER BY keep it bound."""
    import pyoxigraph

    from policykg.graph.store.backends.rdf import _oxigraph_literal

    store = OxigraphBackend()
    p = pyoxigraph.NamedNode("urn:p")
    store.store.add(pyoxigraph.Quad(pyoxigraph.NamedNode("urn:holds"), p, _oxigraph_literal(value)))
    store.store.add(pyoxigraph.Quad(pyoxigraph.NamedNode("urn:other"), p, pyoxigraph.Literal(f"{value}x")))
    inlined = inline_params(_FIND, {"k": value})
    assert inlined.startswith("SELECT ?s ?param_k WHERE") and inlined.endswith("GROUP BY ?s ?param_k\nORDER BY ?param_k")
    assert store.query(_FIND, {"k": value}) == (["s"], [["urn:holds"]])
