from policykg.graph.build.pipeline import build_corpus
from policykg.graph.store.outputs import write_outputs
from tests.conftest import CORPUS


def test_two_builds_are_byte_identical(tmp_path, corpus):
    a, b = tmp_path / "a", tmp_path / "b"
    write_outputs(corpus, a)
    write_outputs(build_corpus(CORPUS), b)
    for name in ("documents.json", "agencies.json", "links.json", "report.json"):
        assert (a / name).read_bytes() == (b / name).read_bytes()


def test_duplicate_document_merged_with_both_sources(corpus):
    doc = corpus.get("金发改规〔2023〕2号")
    assert [s.file[:3] for s in doc.sources] == ["002", "003"]
    assert doc.sources[1].compendium_item == 18
    assert sum(1 for d in corpus.documents if d.title == doc.title) == 1


def test_lookup_by_key_or_doc_number(corpus):
    assert corpus.get("沪府办规-2023-1") is corpus.get("沪府办规[2023]1号")
    assert corpus.get("nothing") is None


def test_a_cites_edge_is_folded_into_the_derived_from_edge_of_the_same_pair(corpus):
    from policykg.graph.build.pipeline import _dedupe
    from policykg.ontology.records import DocLink, Provenance, Span

    def link(kind, line):
        return DocLink("区-2023-1", "市-2023-1", kind, "doc_number", 1.0, Provenance(Span("f.txt", line, line), "citation"))

    kept = _dedupe([link("cites", 9), link("derived_from", 3), link("cites", 12), link("derived_from", 5)])
    assert [(dl.type, dl.provenance.span.line_start) for dl in kept] == [("derived_from", 3)]
    derived = {(dl.source, dl.target) for dl in corpus.doc_links if dl.type == "derived_from"}
    cites = {(dl.source, dl.target) for dl in corpus.doc_links if dl.type == "cites"}
    assert derived and cites and not derived & cites
