"""Bad input: a clear reason naming the file, and the rest of the build goes on."""

from policykg.graph.build.pipeline import build_corpus
from policykg.loaders.reader import load

PLAN = "上海市杨浦区加强集成创新持续优化营商环境行动方案\n为优化营商环境，结合本区实际，制定本方案。\n一、重点任务\n1.深化改革。推进“一网通办”。（责任单位：区政务服务办）\n2.优化服务。完善政企沟通。（责任单位：区经委）\n"


def test_empty_file(write_file):
    r = load(write_file("empty.txt", "  \n\n"))
    assert not r.documents and r.problems[0].severity == "skipped" and "empty" in r.problems[0].reason


def test_binary_file(write_file):
    r = load(write_file("blob.txt", b"\x7fELF\x00\x01\x02\xff" * 50))
    assert not r.documents and "binary" in r.problems[0].reason


def test_damaged_pdf_named_txt_is_read_as_a_pdf_and_refused(write_file):
    r = load(write_file("scan.txt", b"%PDF-1.7\x00\x01\x02\xff" * 50))
    assert not r.documents and r.problems[0].reason.startswith("cannot open the PDF")


def test_gbk_file_is_decoded_with_a_warning(write_file):
    r = load(write_file("gbk.txt", PLAN.encode("gbk")))
    assert len(r.documents) == 1 and len(r.documents[0].measures) == 2
    assert any(p.severity == "warning" and "gb18030" in p.reason for p in r.problems)


def test_a_page_without_structure_is_kept_as_paragraphs(write_file):
    r = load(write_file("notes.md", "# Meeting notes\n\nSome text without any numbering or title, 说明文字而已。\n\n第二段：再说一句。\n"))
    (doc,) = r.documents
    assert doc.structure == "unrecognised" and doc.title == "Meeting notes"
    assert [(m.kind, m.written_path, m.text, m.provenance.span.line_start) for m in doc.measures] == [
        ("paragraph", "¶1", "Some text without any numbering or title,说明文字而已。", 3), ("paragraph", "¶2", "第二段：再说一句。", 5)]
    assert r.problems[0].severity == "warning" and "structure unrecognised" in r.problems[0].reason and "2 paragraphs" in r.problems[0].reason


def test_truncated_document_is_kept_and_flagged(write_file):
    r = load(write_file("cut.txt", PLAN + "3.加强保障。推进各项措施落实到位，确保"))
    assert len(r.documents[0].measures) == 3
    assert any("truncated" in p.reason for p in r.problems)


def test_build_goes_on_and_reports_skips(tmp_path):
    (tmp_path / "a.txt").write_text(PLAN, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "README.md").write_text("# not a document", encoding="utf-8")
    corpus = build_corpus(tmp_path)
    assert [d.title for d in corpus.documents] == ["上海市杨浦区加强集成创新持续优化营商环境行动方案"]
    assert [(f.name, f.format) for f in corpus.files] == [("a.txt", "text"), ("b.txt", "unreadable")]
    assert [(p.file, p.severity) for p in corpus.problems] == [("b.txt", "skipped")]
