"""Done-when of issue 19: the 金山区 2023 plan as a Word file, a PDF and a web page builds to the same graph as its text copy."""

from __future__ import annotations

import shutil

import pytest

from policykg.graph.build.pipeline import build_corpus
from tests.conftest import CORPUS
from tests.loaders.formats.conftest import JINSHAN_2023, NOTICE_TITLE, SITE_FIELDS, corpus_text, write
from tests.loaders.formats.make import docx_file, font_available, html_page, pdf_file

KEY = "金发改规〔2023〕2号"


def _swapped(tmp_path, make):
    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder)
    (folder / JINSHAN_2023).unlink()
    make(folder)
    return build_corpus(folder)


def _view(graph):
    doc = graph.get(KEY)
    links = {(i.source, i.target, i.confidence) for i in graph.implements if i.source.startswith(doc.key + "/")}
    return (doc.title, str(doc.doc_number), doc.date, len(doc.measures), len(doc.sections)), links


MAKERS = {
    "docx": lambda folder: docx_file(corpus_text(JINSHAN_2023), folder / "jinshan-2023.docx", header="金山区发展和改革委员会文件", footer="— 1 —"),
    "pdf": lambda folder: pdf_file(corpus_text(JINSHAN_2023), folder / "jinshan-2023.pdf", running_header="上海市金山区发展和改革委员会规范性文件"),
    "html": lambda folder: write(folder / "jinshan-2023.html", html_page(corpus_text(JINSHAN_2023), SITE_FIELDS, NOTICE_TITLE, "行动方案.docx")),
}


@pytest.mark.parametrize("fmt", sorted(MAKERS))
def test_same_document_measures_and_implements_as_the_text_copy(fmt, corpus, tmp_path):
    if fmt == "pdf" and not font_available():
        pytest.skip("PDF fixtures need Debian's fonts-noto-cjk, installed by .ci/run")
    pytest.importorskip({"docx": "docx", "pdf": "fpdf", "html": "lxml"}[fmt])
    graph = _swapped(tmp_path, MAKERS[fmt])
    assert {f.name: f.format for f in graph.files}[f"jinshan-2023.{fmt}"] == fmt
    head, links = _view(graph)
    want_head, want_links = _view(corpus)
    assert head == want_head
    assert len(want_links) >= 30 and links == want_links


def test_trace_names_the_pdf_page(tmp_path):
    if not font_available():
        pytest.skip("PDF fixtures need Debian's fonts-noto-cjk, installed by .ci/run")
    from policykg.queries.trace import find_measures, unit_json

    MAKERS["pdf"](tmp_path)
    graph = build_corpus(tmp_path)
    [unit] = find_measures(graph, [KEY, "二（三）1"])
    assert unit_json(unit)["source"]["where"].startswith("jinshan-2023.pdf p. ")
