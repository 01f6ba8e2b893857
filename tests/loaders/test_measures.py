"""Numbering styles, owners, deadlines and tables on real excerpts of the corpus."""

from policykg.loaders.reader import load
from tests.conftest import FIXTURES


def _doc(name):
    result = load(FIXTURES / name)
    assert result.documents, result.problems
    return result.documents[0]


def test_arabic_numbers_with_owner_parentheses():
    doc = _doc("numbered_owner_parens.txt")
    numbers = [m.number for m in doc.measures]
    assert numbers[:3] == ["1.", "2.", "3."]
    first = doc.measures[0]
    assert [o.text for o in first.owners] == ["市商务委", "市交通委", "上海海关", "上港集团", "机场集团", "东航物流", "中远海运集运"]
    assert first.provenance.span.line_start == 12 and first.provenance.span.line_end == 22
    second = doc.measures[1]
    assert [o.text for o in second.owners] == ["上海海关"]  # "（上\n海海关）" wrapped inside the parenthesis
    assert doc.sections[0].title == "进一步提升跨境通关物流链供应链安全畅通水平"


def test_parenthesised_numbers_continue_across_lines():
    doc = _doc("paren_numbers.txt")
    assert [m.number for m in doc.measures][:3] == ["（28）", "（29）", "（30）"]
    m29 = doc.measures[1]
    assert [o.text for o in m29.owners] == ["区水务局", "科委", "电力公司", "公用事业公司"]
    assert (m29.owners[0].marker, m29.owners[0].role) == ("责任单位", "unspecified")  # the label gives no role by itself


def test_bold_titles_are_measures_under_numbered_actions():
    doc = _doc("bold_titles.txt")
    titles = [m.title for m in doc.measures if m.kind == "body"]
    assert "进一步放宽市场准入" in titles and "维护公平竞争秩序" in titles
    general = [s for s in doc.sections if s.kind == "general"]
    assert any(s.title == "指导思想" for s in general)
    bold = next(m for m in doc.measures if m.title == "进一步放宽市场准入")
    assert bold.path[-1] == "b1" and bold.number == ""


def test_footnote_inside_measure_is_not_measure_text():
    doc = _doc("footnote_inside_measure.txt")
    m27 = next(m for m in doc.measures if m.number == "27.")
    assert "获得用气“310”服务即用户" not in m27.text
    assert m27.text.endswith("（责任单位：公安金山分局）")
    assert [o.text for o in m27.owners] == ["公安金山分局"]
    assert any("310" in f for f in doc.footnotes)


def test_markdown_table_with_shifted_columns():
    from policykg.loaders.tables import parse_table
    from policykg.loaders.text import load_text

    source = load_text(FIXTURES / "markdown_table_shifted.txt")
    rows = parse_table([ln for ln in source.lines if ln.is_table], source.raw_lines)
    by_no = {r.number: r for r in rows}
    assert by_no["4"].starred and by_no["4"].owners == "区财政局" and by_no["4"].deadline == "持续推进"  # shifted right
    assert by_no["3"].owners == "区财政局<br>区建管委"
    assert by_no["2"].deadline == "9月"
    assert by_no["16"].owners.startswith("公安金山分局")
    assert by_no["7"].groups[-1] == "加强公平竞争审查工作"
    assert by_no["8"].groups[-1] == "加强公平竞争审查工作"  # merged cell inherited


def test_tab_table_rows_and_supporting_column():
    from policykg.loaders.tables import parse_table
    from policykg.loaders.text import load_text

    source = load_text(FIXTURES / "tab_table.txt")
    rows = parse_table([ln for ln in source.lines if ln.is_table], source.raw_lines)
    by_no = {r.number: r for r in rows}
    assert by_no["3"].owners == "区政务服务办" and by_no["3"].supporting == "各相关单位"
    assert "自动匹配惠企利民政策" in by_no["3"].text  # row continued on a later line


def test_notice_wrapper_with_page_space_and_seal():
    doc = _doc("notice_wrapper_pagespace.txt")
    assert str(doc.doc_number) == "金营联办〔2024〕3号"
    assert doc.title == "金山区坚持对标改革持续优化营商环境行动方案"
    assert doc.date == "2024-02-29"
    assert [(i.name, i.role) for i in doc.issuers] == [("金山区优化营商环境联席会议办公室", "issuer"), ("金山区发展和改革委员会", "seal")]
    assert (doc.level, doc.jurisdiction) == ("district", "金山区")
    assert doc.sources[0].wrapper.kind == "issues"
    cites = [c for c in doc.citations if c.cue == "根据"]
    assert cites and cites[0].title == "上海市坚持对标改革持续打造国际一流营商环境行动方案"
    assert (cites[0].provenance.span.line_start, cites[0].provenance.span.line_end) == (30, 32)
    m2 = next(m for m in doc.measures if m.number == "2.")
    assert m2.title == "提升获取经营场所便利度"
    assert "审查中心服务效能" in m2.text  # the page break inside 审\n 查 is repaired


def test_titled_paragraphs_under_a_bare_heading_are_the_measures():
    """（一）heading / 推进关联事项集成办。… / 推进政务事项智慧办。…: each paragraph is a measure, titled by its first sentence."""
    doc = _doc("titled_paragraphs.txt")
    titles = [m.title for m in doc.measures]
    assert titles[:2] == ["推进关联事项集成办", "推进政务事项智慧办"]
    assert [o.text for o in doc.measures[1].owners] == ["区数据局"]
    assert doc.measures[0].path[-1] == "b1" and doc.measures[0].section_path == ("1", "1")
    assert titles[2] == "优化涉企服务"  # one paragraph under a heading: the heading stays the measure


def test_a_flattened_task_tables_owner_cell_is_read(tmp_path):
    """A task table printed one cell per line (header cells 责任单位 … on lines of their own): the row's 责任单位 cell on
    the line after its measure names its owners (a real page of the wide set, 咸宁市人民政府公报 2020 第2号)."""
    page = FIXTURES / "realworld" / "wide" / "hubei-xianning-2020-gongbao-zeren-fengong-table.txt"
    doc = load(page).documents[0]
    first = doc.measures[0]
    assert first.title == "加强对防疫重点企业财税支持"
    assert {o.text for o in first.owners} >= {"市税务局等", "咸宁高新区管委会"}
    assert {o.provenance.rule for o in first.owners} == {"owner_cell_line"}


def test_without_header_cells_a_line_of_names_is_the_measures_text(write_file):
    """In running text a wrapped line can end in a body's word (…推动部门): no owner is made of it."""
    doc = load(write_file("plan.txt", "金山区测试行动方案\n\n一、主要任务\n1.推进改革，协调各方，\n推动部门\n2.优化服务。\n")).documents[0]
    assert doc.measures[0].owners == ()
