from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policykg.loaders.docnumber import chinese_to_int
from policykg.loaders.formats import LoadError, extract
from policykg.loaders.formats.docx import number_text
from policykg.loaders.reader import load
from tests.loaders.formats.conftest import JINSHAN_2023, corpus_text, write
from tests.loaders.formats.make import docx_file

docx = pytest.importorskip("docx")


def test_body_paragraphs_bold_runs_and_no_header_footer(tmp_path):
    path = docx_file(corpus_text(JINSHAN_2023), tmp_path / "plan.docx", header="金山区发展和改革委员会文件", footer="第 1 页")
    got = extract(path)
    assert got.format == "docx" and len(got.paragraphs) == len(got.lines)
    assert "1. **强化透明监管。**强化监管事项目录清单动态管理，在国务院部门监管事项目录清单基础上，根据法律法规立改废情况及时在区“互联网+监管”系统进行认领、调整或取消，明确监管主体职责。严格落实行政执法“三项制度”，严格规范公正文明执法。" in got.lines
    assert not any("发展和改革委员会文件" in ln or "第 1 页" in ln for ln in got.lines)


def _numbered(doc: object) -> None:
    """Word's own list numbering (numbering.xml) for 一、 / （一） / 1. on three levels."""
    from docx.oxml import parse_xml

    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    levels = (("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3."))
    lvls = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{f}"/><w:lvlText w:val="{t}"/></w:lvl>'
                   for i, (f, t) in enumerate(levels))
    numbering = doc.part.numbering_part.element  # type: ignore[attr-defined]
    numbering.insert(0, parse_xml(f'<w:abstractNum {ns} w:abstractNumId="90">{lvls}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {ns} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))


def test_automatic_list_numbers_are_rendered(tmp_path):
    from docx.oxml import parse_xml

    doc = docx.Document()
    _numbered(doc)
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    doc.add_paragraph("上海市金山区人民政府关于优化营商环境的实施意见")
    items = [(0, "总体要求"), (1, "指导思想"), (2, "坚持问题导向。"), (2, "坚持系统观念。"), (1, "主要目标"), (0, "主要任务"), (1, "优化政务服务"), (2, "推进一网通办。")]
    for level, text in items:
        p = doc.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {ns}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))
    doc.save(str(tmp_path / "n.docx"))
    assert extract(tmp_path / "n.docx").lines[1:] == (
        "一、总体要求", "（一）指导思想", "1.坚持问题导向。", "2.坚持系统观念。", "（二）主要目标", "二、主要任务", "（一）优化政务服务", "1.推进一网通办。",
    )


def test_merged_table_cells_repeat_per_row(tmp_path):
    doc = docx.Document()
    doc.add_paragraph("附件")
    table = doc.add_table(rows=3, cols=3)
    for i, row in enumerate((("序号", "任务", "责任单位"), ("1", "推进一网通办", "区政务服务办"), ("2", "深化综合窗口改革", ""))):
        for j, text in enumerate(row):
            table.cell(i, j).text = text
    table.cell(1, 2).merge(table.cell(2, 2))
    doc.save(str(tmp_path / "t.docx"))
    lines = extract(tmp_path / "t.docx").lines
    assert lines[1:] == ("| 序号 | 任务 | 责任单位 |", "| 1 | 推进一网通办 | 区政务服务办 |", "| 2 | 深化综合窗口改革 | 区政务服务办 |")


def test_old_binary_doc_refused_with_a_converter_named(tmp_path):
    path = write(tmp_path / "plan.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(LoadError, match="libreoffice --headless --convert-to docx"):
        extract(path)
    result = load(path)
    assert result.documents == [] and "convert it to .docx" in result.problems[0].reason


def test_a_zip_that_is_not_word_is_named(tmp_path):
    import zipfile

    with zipfile.ZipFile(tmp_path / "x.docx", "w") as z:
        z.writestr("data.csv", "a,b")
    assert "ZIP archive" in load(tmp_path / "x.docx").problems[0].reason


@given(st.integers(min_value=1, max_value=99))
def test_chinese_list_numbers_read_back(n):
    assert chinese_to_int(number_text(n, "chineseCounting")) == n


def test_paragraph_styles_are_looked_up_once_not_per_paragraph(tmp_path, monkeypatch):
    """python-docx's Paragraph.style scans every style for each paragraph (the audit: 2 ms a paragraph, a 50 MB
    document over 15 minutes); the reader uses a table made once, and reads the same lines."""
    from docx.text.paragraph import Paragraph

    path = docx_file(corpus_text(JINSHAN_2023), tmp_path / "plan.docx")
    before = extract(path).lines

    def refuse(self):
        raise AssertionError("Paragraph.style looked up")

    monkeypatch.setattr(Paragraph, "style", property(refuse))
    assert extract(path).lines == before
