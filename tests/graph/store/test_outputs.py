"""A build folder decodes back into exactly the records that were written."""

import json

import pytest

from policykg.graph.store.outputs import BuildNotFound, open_build, read_outputs, write_manifest, write_outputs
from policykg.loaders import corpus_files
from tests.conftest import CORPUS


def test_outputs_read_back_into_the_same_records(tmp_path, corpus):
    write_outputs(corpus, tmp_path)
    back = read_outputs(tmp_path)
    assert back.documents == corpus.documents
    assert back.cited_only == corpus.cited_only
    assert back.agencies == corpus.agencies
    assert back.owned_by == corpus.owned_by and back.issued_by == corpus.issued_by
    assert back.doc_links == corpus.doc_links
    assert back.implements == corpus.implements
    assert back.gaps == corpus.gaps and back.problems == corpus.problems and back.files == corpus.files
    m = back.get("金发改规〔2023〕2号").measures[1]
    assert isinstance(m.path, tuple) and isinstance(m.line_index[0], tuple)


def test_manifest_names_the_corpus_and_detects_changes(tmp_path, corpus):
    source = tmp_path / "corpus"
    source.mkdir()
    names = [f.name for f in corpus.files]
    for name in names:
        (source / name).write_bytes((CORPUS / name).read_bytes())
    out = tmp_path / "out"
    write_outputs(corpus, out)
    write_manifest(out, source, corpus, "test")
    build = open_build(out)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [f["name"] for f in manifest["corpus"]["files"]] == names
    assert build.changes(corpus_files) == []
    (source / names[0]).write_bytes(b"changed")
    (source / "new.txt").write_text("新文件", encoding="utf-8")
    assert build.changes(corpus_files) == ["new.txt is new", f"{names[0]} changed"]


def test_a_folder_without_manifest_is_not_a_build(tmp_path):
    (tmp_path / "documents.json").write_text("[]")
    with pytest.raises(BuildNotFound, match="not a complete policykg build"):
        open_build(tmp_path)
    with pytest.raises(BuildNotFound, match="does not exist"):
        open_build(tmp_path / "nothing")


def test_opening_a_build_again_reuses_its_pinned_folder(build_dir):
    import os

    first = open_build(build_dir)
    before = len(os.listdir("/proc/self/fd"))
    roots = {open_build(build_dir).root for _ in range(30)}
    assert roots == {first.root}
    assert len(os.listdir("/proc/self/fd")) == before
