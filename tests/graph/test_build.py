from policykg.graph.build import build_corpus
from policykg.graph.outputs import write_outputs
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
