from __future__ import annotations

from policykg.loaders.formats import detect, extract
from policykg.loaders.reader import load
from tests.loaders.formats.conftest import JINSHAN_2023, NOTICE_TITLE, SITE_FIELDS, corpus_text, write
from tests.loaders.formats.make import html_page


def test_article_without_page_furniture(tmp_path):
    page = write(tmp_path / "page.html", html_page(corpus_text(JINSHAN_2023), SITE_FIELDS, NOTICE_TITLE, "行动方案.docx"))
    got = extract(page)
    text = "\n".join(got.lines)
    assert got.format == "html"
    for furniture in ("首页", "无障碍浏览", "分享到", "打印本页", "相关文章", "版权所有", "沪ICP备", "欢迎访问", "siteName", "字体"):
        assert furniture not in text, furniture
    assert "1. **强化透明监管。**强化监管事项目录清单动态管理" in text
    assert text.rstrip().endswith("主动送政策进园区、进楼宇、进企业，提高企业感知度。")


def test_site_metadata_read_as_fields_and_attachments_listed(tmp_path):
    page = write(tmp_path / "page.html", html_page(corpus_text(JINSHAN_2023), SITE_FIELDS, NOTICE_TITLE, "行动方案.docx"))
    got = extract(page)
    assert dict(got.fields) == SITE_FIELDS
    assert got.attachments == (("附件：行动方案.docx", "/cmsres/2023/行动方案.docx"),)
    assert got.lines[:2] == ("索引号：SY0000000000000000-2023-00021", "主题分类：综合政务\\其他")
    assert sum(1 for ln in got.lines if "索引号" in ln) == 1  # the metadata table is not read again as a table


def test_signing_date_from_site_metadata_not_publication_date(tmp_path):
    body = "<p>金山区关于进一步优化营商环境的若干措施</p><p>一、主要任务</p><p>1. 推进一网通办。加快推进政务服务改革。</p><p>2. 深化放管服改革。持续推进审批制度改革。</p>"
    fields = "".join(f"<tr><td>{k}：</td><td>{v}</td></tr>" for k, v in
                     (("发文字号", "金府办发〔2023〕9号"), ("发布日期", "2023-06-30"), ("成文日期", "2023-06-12"), ("发文机关", "上海市金山区人民政府办公室")))
    page = write(tmp_path / "p.htm", f"<html><body><table>{fields}</table><div id='zoom'>{body}</div></body></html>")
    doc = load(page).documents[0]
    assert (str(doc.doc_number), doc.date) == ("金府办发〔2023〕9号", "2023-06-12")
    assert [m.title for m in doc.measures] == ["推进一网通办", "深化放管服改革"]


def test_gbk_page_with_declared_charset(tmp_path):
    html = "<html><head><meta charset='gb2312'><title>通知_区政府</title></head><body><div class='content'>" \
           "<p>上海市金山区人民政府办公室关于印发实施方案的通知</p><p>各镇人民政府，区政府各委、办、局：</p><p>一、工作目标</p>" \
           "<p>1. 优化营商环境，提升企业满意度。</p></div><div class='footer'>版权所有 金山区人民政府</div></body></html>"
    page = write(tmp_path / "gbk.html", html.encode("gbk"))
    got = extract(page)
    assert got.encoding == "gb18030" and "各镇人民政府，区政府各委、办、局：" in got.lines and not any("版权" in ln for ln in got.lines)


def test_merged_cells_repeat_and_layout_tables_are_text(tmp_path):
    table = ("<table><tr><th>序号</th><th>任务</th><th>责任单位</th></tr>"
             "<tr><td>1</td><td>推进一网通办</td><td rowspan='2'>区政务服务办<br>区行政服务中心</td></tr>"
             "<tr><td>2</td><td>深化综合窗口改革</td></tr>"
             "<tr><td colspan='3'>二、优化企业服务</td></tr></table>")
    layout = "<table><tr><td><p>一、总体要求</p><p>坚持问题导向，持续优化营商环境，提升企业获得感。</p></td></tr></table>"
    page = write(tmp_path / "t.html", f"<html><body><div>{layout}{table}</div></body></html>")
    lines = extract(page).lines
    assert "| 1 | 推进一网通办 | 区政务服务办 区行政服务中心 |" in lines
    assert "| 2 | 深化综合窗口改革 | 区政务服务办 区行政服务中心 |" in lines
    assert "| 二、优化企业服务 | 二、优化企业服务 | 二、优化企业服务 |" in lines
    assert "一、总体要求" in lines  # a one-cell layout table is read as paragraphs


def test_html_named_txt_is_read_as_html_and_text_with_tags_stays_text(tmp_path):
    page = write(tmp_path / "saved.txt", "<!DOCTYPE html><html><body><p>上海市关于优化营商环境的通知</p></body></html>")
    assert detect(page).name == "html"
    text = write(tmp_path / "extract.txt", "22. 依托平台，实施获得用气“310”服务<sup>1</sup>，优化体系。\n#### **四、强化企业服务**\n")
    assert detect(text).name == "text"


def test_short_article_sharing_a_block_with_the_metadata_table_is_kept(tmp_path):
    meta = "<table><tr><td>索引号：</td><td>000-2024-1</td></tr><tr><td>发文字号：</td><td>金府办〔2024〕3号</td></tr></table>"
    body = "<p>上海市金山区人民政府办公室关于调整区营商环境工作领导小组成员的通知</p><p>各镇人民政府：</p><p>因工作需要，现对领导小组成员作如下调整。</p>"
    page = write(tmp_path / "short.html", f"<html><body><div class='con'>{meta}{body}</div></body></html>")
    got = extract(page)
    assert "因工作需要，现对领导小组成员作如下调整。" in got.lines and got.lines[:2] == ("索引号：000-2024-1", "发文字号：金府办〔2024〕3号")


def test_article_inside_a_page_wide_form_is_read(tmp_path):
    """ASP.NET sites wrap the whole page in <form id="form1">: the form is a container, not furniture."""
    body = "<p>上海市金山区人民政府办公室关于印发实施方案的通知</p><p>各镇人民政府：</p><p>一、主要任务</p><p>1. 推进一网通办。加快政务服务改革。</p>"
    page = write(tmp_path / "aspx.html", f"<html><body><form id='form1' method='post'><div class='nav'><a>首页</a></div>"
                                         f"<div id='zoom'>{body}</div></form></body></html>")
    assert "1. 推进一网通办。加快政务服务改革。" in extract(page).lines
