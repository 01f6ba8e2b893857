"""Documents of the same kind the loaders have never seen.

These texts are written for the test in the form such plans take when
published on a district website (ASCII punctuation, 文号 in square brackets,
with and without a notice wrapper); they are not excerpts of the corpus.
"""

from policykg.loaders.reader import load

WRAPPED = """上海市杨浦区人民政府办公室关于印发《杨浦区坚持对标改革持续优化营商环境行动方案》的通知
杨府办发[2024]3号
各街道办事处,区政府各委、办、局:
经区政府同意,现将《杨浦区坚持对标改革持续优化营商环境行动方案》印发给你们,请认真按照执行。
上海市杨浦区人民政府办公室
2024年3月8日
杨浦区坚持对标改革持续优化营商环境行动方案
为深入贯彻落实《上海市坚持对标改革持续打造国际一流营商环境行动方案》(沪府办发[2024]1号),结合本区实际,制定本方案。
一、总体要求
坚持市场化、法治化、国际化原则,持续优化营商环境。
二、主要任务
(一)提升政务服务效能
1.深化"一网通办"改革。推进高频事项全程网办,拓展"免申即享"范围。(责任单位:区政务服务办、区数据局)
2.优化企业开办服务。全面推行企业名称申报承诺制。(牵头单位:区市场监管局;配合单位:区税务局)
(二)营造公平竞争环境
3.加强公平竞争审查。2024年底前完成存量政策清理。(责任单位:区发展改革委)
三、保障措施
(一)加强组织领导。坚持区领导牵头的工作机制。(责任单位:区发展改革委)
"""

PLAIN = """闵行区2023年优化营商环境工作要点
为贯彻落实《上海市加强集成创新持续优化营商环境行动方案》,制定本要点。
一、优化政务服务
1. 推进“一业一证”改革。（责任单位：区政务服务办）
2. 推行“桩基先行”。（责任单位：区建管委）
二、加强法治保障
3. 优化小额诉讼程序。（责任单位：区法院）
"""


def test_wrapped_plan_with_ascii_punctuation(write_file):
    r = load(write_file("yangpu.txt", WRAPPED))
    (doc,) = r.documents
    assert str(doc.doc_number) == "杨府办发〔2024〕3号"
    assert doc.key == "杨府办发-2024-3"
    assert doc.title == "杨浦区坚持对标改革持续优化营商环境行动方案"
    assert doc.date == "2024-03-08"
    assert [(i.name, i.role) for i in doc.issuers] == [("上海市杨浦区人民政府办公室", "issuer")]
    assert (doc.level, doc.jurisdiction) == ("district", "杨浦区")
    body = [m for m in doc.measures if m.kind == "body"]
    assert [m.written_path for m in body] == ["二(一)1", "二(一)2", "二(二)3"]
    assert [o.text for o in body[0].owners] == ["区政务服务办", "区数据局"]
    assert [(o.text, o.role) for o in body[1].owners] == [("区市场监管局", "lead"), ("区税务局", "supporting")]
    assert body[2].deadlines[0].year == 2024
    safeguard = [m for m in doc.measures if m.kind == "safeguard"]
    assert len(safeguard) == 1 and safeguard[0].title == "加强组织领导"
    assert any(s.kind == "general" and s.title == "总体要求" for s in doc.sections)
    cite = next(c for c in doc.citations if c.cue)
    assert (cite.cue, str(cite.doc_number)) == ("贯彻落实", "沪府办发〔2024〕1号")


def test_plain_plan_without_wrapper(write_file):
    r = load(write_file("minhang.md", PLAIN))
    (doc,) = r.documents
    assert doc.title == "闵行区2023年优化营商环境工作要点"
    assert doc.doc_number is None and doc.key.startswith("t-")
    assert (doc.level, doc.jurisdiction) == ("district", "闵行区")
    assert [m.number for m in doc.measures] == ["1.", "2.", "3."]
    assert "no 文号 in the text" in doc.notes

WEBSITE = """索引号：SHFX-2023-00012
发布机构：上海市奉贤区人民政府办公室
发文字号：奉府办发〔2023〕5号
成文日期：2023-03-10
上海市奉贤区人民政府办公室关于印发《奉贤区2023年优化营商环境工作方案》的通知
各镇人民政府、街道办事处，区政府各委、办、局：
《奉贤区2023年优化营商环境工作方案》已经区政府同意，现印发给你们，请认真按照执行。
奉贤区2023年优化营商环境工作方案
为贯彻落实《上海市加强集成创新持续优化营商环境行动方案》，制定本方案。
一、提升政务服务
１．推进“一网通办”。（责任单位：区政务服务办）
２．推行“一业一证”。（责任单位：区政务服务办、区市场监管局）
"""


def test_website_metadata_block(write_file):
    (doc,) = load(write_file("fengxian.txt", WEBSITE)).documents
    assert str(doc.doc_number) == "奉府办发〔2023〕5号"
    assert doc.date == "2023-03-10"
    assert doc.title == "奉贤区2023年优化营商环境工作方案"
    assert "上海市奉贤区人民政府办公室" in [i.name for i in doc.issuers]
    assert (doc.level, doc.jurisdiction) == ("district", "奉贤区")
    assert [m.number for m in doc.measures] == ["１．", "２．"]
    assert [o.text for o in doc.measures[1].owners] == ["区政务服务办", "区市场监管局"]


def test_impossible_signing_date_is_noted_not_a_crash(write_file, tmp_path):
    import policykg

    text = WRAPPED.replace("2024年3月8日", "2024年2月30日")
    r = load(write_file("feb30.txt", text))
    (doc,) = r.documents
    assert doc.date is None and "date" not in doc.provenance
    assert any("impossible date 2024-02-30" in n for n in doc.notes)
    result = policykg.build(tmp_path, tmp_path / "out", validate=False)  # RDF and Cypher stores type the dates
    assert [d.key for d in result.corpus.documents] == ["杨府办发-2024-3"]


DIRECT = """湖南省人民政府关于进一步优化营商环境的实施意见
湘政发〔2022〕8号
各市州、县市区人民政府，省政府各厅委、各直属机构：
为贯彻落实《优化营商环境条例》，持续打造市场化法治化国际化营商环境，现提出以下意见。
第一条 深化商事制度改革。全面推行企业登记“一网通办”，企业开办时间压缩至1个工作日以内。责任单位：省市场监管局。
第二条 提升投资建设便利度。工程建设项目审批时间压缩至80个工作日以内。牵头单位：省住房城乡建设厅；配合单位：省发展改革委、省自然资源厅。
第三条 加强组织实施。各地各部门要切实履行职责，确保各项措施落地见效。
湖南省人民政府
2022年5月10日
"""


def test_directly_issued_document_signed_at_its_end(tmp_path):
    """Owners in a closing sentence without brackets; the signature at the end is not measure text."""
    path = tmp_path / "hunan.txt"
    path.write_text(DIRECT, encoding="utf-8")
    result = load(path)
    doc = result.documents[0]
    assert (doc.title, str(doc.doc_number), doc.date, doc.level, doc.jurisdiction) == (
        "湖南省人民政府关于进一步优化营商环境的实施意见", "湘政发〔2022〕8号", "2022-05-10", "provincial", "湖南省")
    first, second, last = doc.measures
    assert [(o.text, o.role) for o in first.owners] == [("省市场监管局", "unspecified")]
    assert [(o.text, o.role) for o in second.owners] == [("省住房城乡建设厅", "lead"), ("省发展改革委", "supporting"), ("省自然资源厅", "supporting")]
    assert last.text.endswith("落地见效。") and last.provenance.span.line_end == 7  # 湖南省人民政府 / 2022年5月10日 left out
    assert not any("truncated" in p.reason for p in result.problems)


COUNTY = """长兴县优化营商环境三年行动计划（2023—2025年）
为全面贯彻落实《湖州市优化营商环境三年行动计划（2023—2025年）》，结合我县实际，制定本计划。
一、主要任务
1、推进企业开办便利化。实现企业开办全流程“一日办结”。（县市场监管局牵头，县税务局、县人力社保局配合）
2、深化工程建设项目审批制度改革。一般工业项目审批时间压缩至30个工作日以内。（县住建局、县发改局牵头，各乡镇〈街道、园区〉配合）
3、优化纳税服务。（县税务局负责）
"""


def test_county_owner_brackets_with_role_words(tmp_path):
    """（A牵头，B、C配合）, （A、B牵头，…）: the role word closes its clause and applies to all of it; （A负责） leads."""
    path = tmp_path / "county.txt"
    path.write_text(COUNTY, encoding="utf-8")
    doc = load(path).documents[0]
    assert (doc.level, doc.jurisdiction_path) == ("county", ("浙江省", "湖州市", "长兴县"))
    owners = [[(o.text, o.role) for o in m.owners] for m in doc.measures]
    assert owners == [
        [("县市场监管局", "lead"), ("县税务局", "supporting"), ("县人力社保局", "supporting")],
        [("县住建局", "lead"), ("县发改局", "lead"), ("各乡镇〈街道、园区〉", "supporting")],
        [("县税务局", "lead")],
    ]


TASK_LIST = """绍兴市柯桥区2024年优化营商环境重点任务清单
| 序号 | 重点任务 | 具体举措 | 牵头单位 | 配合单位 | 完成时限 |
| --- | --- | --- | --- | --- | --- |
| 1 | 提升开办企业便利度 | 推行企业开办“一件事”集成服务，全程网办率达到90%以上 | 区市场监管局 | 区税务局、区人力社保局 | 2024年6月 |
| 2 | 优化办理建筑许可 | 社会投资简易低风险项目审批时间压缩至15个工作日 | 区住建局 | 区自然资源和规划分局 | 2024年12月 |
| 3 | 强化知识产权保护 | 建立知识产权快速维权机制 | 区市场监管局 | 区法院 | 长期坚持 |
"""


def test_a_document_that_is_only_a_task_table(tmp_path):
    """Its rows are its measures (not annex rows), and the 牵头单位 column's owners lead."""
    path = tmp_path / "keqiao.txt"
    path.write_text(TASK_LIST, encoding="utf-8")
    doc = load(path).documents[0]
    assert [(m.written_path, m.kind, m.title) for m in doc.measures] == [
        ("1", "body", "提升开办企业便利度"), ("2", "body", "优化办理建筑许可"), ("3", "body", "强化知识产权保护")]
    assert [(o.text, o.role) for o in doc.measures[0].owners] == [("区市场监管局", "lead"), ("区税务局", "supporting"), ("区人力社保局", "supporting")]
    assert [t.measure for t in doc.tasks] == [m.key for m in doc.measures]
    assert doc.measures[2].deadlines[0].ongoing


PROVINCIAL = """江苏省优化营商环境行动计划
为深入贯彻党中央、国务院关于优化营商环境的决策部署，根据《优化营商环境条例》，制定本行动计划。
一、打造高效便捷的政务环境
（一）深化“一网通办”改革。
1.推进高频事项“掌上办”。2023年9月底前，实现200项高频事项“掌上办”。（省政务办牵头，省各有关部门按职责分工负责）
2.推行“免证办”。年底前，电子证照共享应用率达到80%。（省政务办、省大数据管理中心按职责分工负责）
（二）优化企业全生命周期服务。
3.压缩企业开办时间。2024年第二季度前，全省企业开办时间压缩至1个工作日。（省市场监管局牵头）
①推行企业登记“智能审批”；
②推进企业开办“一件事”。
"""


def test_details_duties_and_quarters(tmp_path):
    """①② items detail the measure above them; 按职责分工负责 shares the work; a quarter with 前 is a deadline."""
    path = tmp_path / "jiangsu.txt"
    path.write_text(PROVINCIAL, encoding="utf-8")
    first, second, third = load(path).documents[0].measures
    assert [(o.text, o.role) for o in first.owners] == [("省政务办", "lead"), ("省各有关部门", "supporting")]
    assert [(o.text, o.role) for o in second.owners] == [("省政务办", "unspecified"), ("省大数据管理中心", "unspecified")]
    assert third.title == "压缩企业开办时间" and "推进企业开办“一件事”" in third.text
    assert [(o.text, o.role) for o in third.owners] == [("省市场监管局", "lead")]
    assert [(d.text, d.end) for d in third.deadlines] == [("2024年第二季度前", "2024-06-30")]


LABELLED_LINES = """南宁市青秀区优化营商环境攻坚突破年行动实施方案
二、重点任务
（一）提升企业开办便利度。推行企业开办“一窗通办”，开办时间压缩至0.5个工作日。
责任单位：区市场监管局
完成时限：2023年12月底前
（二）提升纳税便利度。推广电子税务局应用，网上申报率保持在99%以上。
牵头单位：区税务局
配合单位：区财政局
完成时限：长期坚持
"""


def test_owner_and_deadline_lines_after_each_measure(tmp_path):
    path = tmp_path / "qingxiu.txt"
    path.write_text(LABELLED_LINES, encoding="utf-8")
    result = load(path)
    first, second = result.documents[0].measures
    assert [(d.text, d.end, d.provenance.rule) for d in first.deadlines] == [("2023年12月底前", "2023-12-31", "deadline_line")]  # once
    assert [(o.text, o.role) for o in second.owners] == [("区税务局", "lead"), ("区财政局", "supporting")]
    assert second.deadlines[0].ongoing
    assert not [p for p in result.problems if "truncated" in p.reason]  # a labelled last line is no cut sentence


WEB_PAGE = """首页 > 政务公开 > 政策文件
东莞市人民政府办公室关于印发《东莞市进一步优化营商环境若干措施》的通知
东府办〔2023〕41号
各镇人民政府（街道办事处），市府直属各单位：
现将《东莞市进一步优化营商环境若干措施》印发给你们，请认真贯彻执行。
东莞市人民政府办公室
2023年7月14日
东莞市进一步优化营商环境若干措施
一、提升企业开办便利度。全面推行企业开办“一网通办”。（市市场监管局负责）
二、强化要素保障。（市发展改革局牵头，市财政局配合）
相关附件：
东莞市进一步优化营商环境若干措施.docx
分享到：
"""


def test_web_page_furniture_stays_out_of_the_last_measure(tmp_path):
    path = tmp_path / "dongguan.txt"
    path.write_text(WEB_PAGE, encoding="utf-8")
    doc = load(path).documents[0]
    assert (doc.title, doc.jurisdiction_path) == ("东莞市进一步优化营商环境若干措施", ("广东省", "东莞市"))
    assert doc.measures[-1].text == "强化要素保障。（市发展改革局牵头，市财政局配合）"


PARTS = """合肥市包河区2024年优化营商环境重点工作安排
第一部分 总体要求
以习近平新时代中国特色社会主义思想为指导，全面落实《合肥市2024年优化营商环境重点工作安排》。
第二部分 重点任务
一、提升政务服务水平
1.深化“一网通办”。政务服务事项网上可办率达到100%。（牵头单位：区数据资源局）
2.推行“免申即享”。（牵头单位：区发改委）
第三部分 保障措施
加强组织领导，压实工作责任。
"""


def test_a_work_arrangement_in_parts(tmp_path):
    """工作安排 is a plan title; 第X部分 are its top sections."""
    path = tmp_path / "baohe.txt"
    path.write_text(PARTS, encoding="utf-8")
    doc = load(path).documents[0]
    assert (doc.title, doc.level, doc.jurisdiction) == ("合肥市包河区2024年优化营商环境重点工作安排", "district", "包河区")
    assert [m.written_path for m in doc.measures if m.kind == "body"] == ["第二部分一1", "第二部分一2"]
    assert doc.citations[0].title == "合肥市2024年优化营商环境重点工作安排" and doc.citations[0].cue == "落实"


def test_a_forwarding_notice_names_the_drafter(tmp_path):
    path = tmp_path / "gulou.txt"
    path.write_text("福州市鼓楼区人民政府办公室转发区发改局关于鼓楼区2023年优化营商环境工作要点的通知\n鼓政办〔2023〕22号\n各街道办事处，区直各部门：\n"
                    "现转发给你们，请认真贯彻执行。\n福州市鼓楼区人民政府办公室\n2023年3月20日\n鼓楼区2023年优化营商环境工作要点\n"
                    "一、优化涉企服务。建立常态化机制。（责任单位：区工信局、区商务局）\n", encoding="utf-8")
    doc = load(path).documents[0]
    assert doc.title == "鼓楼区2023年优化营商环境工作要点" and doc.sources[0].wrapper.kind == "forwards"
    assert {(i.name, i.role) for i in doc.issuers} == {("福州市鼓楼区人民政府办公室", "issuer"), ("区发改局", "drafter")}


ARTICLES = """成都市进一步优化营商环境若干政策措施
为深入贯彻落实《四川省优化营商环境条例》，制定以下政策措施。
第一条 提升企业开办效率。企业开办时间压缩至1个工作日以内。（责任单位：市市场监管局、市税务局）
第二条 加大融资支持。每年新增普惠小微贷款不低于500亿元。（责任单位：市金融工作局）
第三条 本措施由市发展改革委负责解释。
第四条 本措施自印发之日起施行，有效期3年。
"""

CLOSING = """杭州市上城区优化营商环境行动方案
一、主要任务
1.深化“一网通办”改革。推进高频事项全程网办。（责任单位：区数据资源局）
二、保障措施
（一）加强组织领导。建立区领导牵头的工作机制。（责任单位：区发改局）
本方案自2024年1月1日起施行，
有效期至2025年12月31日。
附件：重点任务清单
1.推进数据共享。（责任单位：区数据资源局）
"""


def test_clauses_of_effect_are_about_the_document_not_measures(tmp_path):
    """第X条 本措施由…负责解释 / 本方案自…起施行，有效期至… (wrapped or not) are no measures and are not appended to the
    last one (whose deadlines they would become); they are kept in the document's notes with their lines."""
    (tmp_path / "articles.txt").write_text(ARTICLES, encoding="utf-8")
    (tmp_path / "closing.txt").write_text(CLOSING, encoding="utf-8")
    articles = load(tmp_path / "articles.txt").documents[0]
    assert [m.title for m in articles.measures] == ["提升企业开办效率", "加大融资支持"]
    assert any(n.startswith("in effect (lines 5-6)") and "负责解释" in n and "有效期3年" in n for n in articles.notes)
    closing = load(tmp_path / "closing.txt").documents[0]
    last = [m for m in closing.measures if m.kind != "annex"][-1]
    assert last.text.endswith("（责任单位：区发改局）") and not last.deadlines
    assert any(n.startswith("in effect (lines 6-7)") and "有效期至2025年12月31日" in n for n in closing.notes)
    # 附件：重点任务清单 followed by the annex itself (no later 附件1 heading) opens the annex: its content is not lost
    assert [m.title for m in closing.measures if m.kind == "annex"] == ["推进数据共享"]


REGULATION = """天津市优化营商环境条例
（2019年7月31日天津市第十七届人民代表大会常务委员会第十二次会议通过　2021年5月28日修正）
第一章　总则
第一条　为了持续优化营商环境，根据国务院《优化营商环境条例》和《中华人民共和国中小企业促进法》，结合本市实际，制定本条例。
第二章　市场环境
第二条　【市场准入】本市严格执行全国统一的市场准入负面清单制度。
第三条　市场监督管理部门应当推进企业登记全程电子化，企业开办时间压缩至一个工作日以内。
第三章　附则
第四条　本条例自2019年9月1日起施行。
"""


def test_a_regulation_with_its_adoption_statement_chapters_and_labelled_articles(tmp_path):
    """A 条例: the adoption statement under the title gives the date (the latest amendment) and the enacting body;
    an article's 【label】 is its title; a chapter left with only its heading (附则) is a section, not a measure."""
    (tmp_path / "regulation.txt").write_text(REGULATION, encoding="utf-8")
    doc = load(tmp_path / "regulation.txt").documents[0]
    assert (doc.date, doc.provenance["date"].rule, doc.provenance["date"].span.line_start) == ("2021-05-28", "adoption_date", 2)
    assert [i.name for i in doc.issuers] == ["天津市人民代表大会常务委员会"]
    assert [(m.number, m.title) for m in doc.measures] == [("第二条", "市场准入"), ("第三条", "")]
    assert [s.title for s in doc.sections if s.number == "第三章"] == ["附则"]
    # the cited regulation and law are national: 国务院 written before 《》, 中华人民共和国 opening the title
    from policykg.graph.build.links import link_documents

    cited, _ = link_documents([doc])
    assert {(d.title, d.level) for d in cited} == {("优化营商环境条例", "national"), ("中华人民共和国中小企业促进法", "national")}


INLINE_EFFECT = """测试区优化营商环境行动方案
一、主要任务
1．提升服务。加大宣传推广，
推动形成良好氛围。为加快推进本区营商环境建设，本行动方案自2023年1月29日起施行，有效期至2024年1月28日。
"""


def test_a_clause_of_effect_closing_the_last_paragraph_leaves_the_measure(tmp_path):
    """…。为…，本行动方案自…起施行，有效期至… inside the last measure's paragraph: the measure ends before it (no deadline
    from 有效期至), and the document's notes keep the clause with its line."""
    (tmp_path / "inline.txt").write_text(INLINE_EFFECT, encoding="utf-8")
    doc = load(tmp_path / "inline.txt").documents[0]
    (m,) = doc.measures
    assert m.text == "提升服务。加大宣传推广，推动形成良好氛围。" and not m.deadlines
    assert (m.provenance.span.line_start, m.provenance.span.line_end) == (3, 4)
    assert any(n.startswith("in effect (lines 4-4): 为加快推进本区营商环境建设，本行动方案自2023年1月29日起施行") for n in doc.notes)


INTERPRETATION = """《成都市优化营商环境若干措施》政策解读
发布时间：2024-05-10 来源：成都市发展和改革委员会
一、出台背景
为深入贯彻落实党中央、国务院和省委、省政府关于优化营商环境的决策部署，进一步激发市场主体活力，市发展改革委牵头起草了《成都市优化营商环境若干措施》（以下简称《若干措施》）。
二、主要内容
《若干措施》共包括5个方面20条具体措施。
（一）提升政务服务效能。推行企业开办“一日办结”，将工程建设项目审批时限压缩至60个工作日以内。
（二）优化市场准入环境。全面落实市场准入负面清单制度。
三、政策亮点
一是突出改革集成；二是突出数字赋能；三是突出企业感受。
四、解读机关及联系方式
解读机关：成都市发展和改革委员会
联系电话：028-12345678
"""


def test_a_policy_interpretation_page_is_about_the_document_it_names(tmp_path):
    """A 政策解读 page (its heading above the site's metadata): titled as printed, dated and placed, citing the document
    it explains; its paragraphs (背景, 主要内容, 亮点, 联系方式) are no one's measures."""
    (tmp_path / "jd.txt").write_text(INTERPRETATION, encoding="utf-8")
    result = load(tmp_path / "jd.txt")
    (doc,) = result.documents
    assert (doc.title, doc.date, doc.level, doc.jurisdiction) == ("《成都市优化营商环境若干措施》政策解读", "2024-05-10", "municipal", "成都市")
    assert doc.measures == () and doc.tasks == ()
    assert ("成都市优化营商环境若干措施", 1) in {(c.title, c.provenance.span.line_start) for c in doc.citations}
    assert any("interpretation" in n for n in doc.notes) and not result.problems


QUOTING_TITLE = """江苏省人民政府关于印发江苏省贯彻落实《国务院关于进一步优化营商环境降低市场主体制度性交易成本的意见》实施方案的通知
苏政发〔2023〕15号
各设区市人民政府，省各委办厅局，省各直属单位：
现将《江苏省贯彻落实〈国务院关于进一步优化营商环境降低市场主体制度性交易成本的意见〉实施方案》印发给你们，请认真贯彻执行。
江苏省人民政府
2023年4月10日
江苏省贯彻落实《国务院关于进一步优化营商环境降低市场主体制度性交易成本的意见》实施方案
为贯彻落实《国务院办公厅关于进一步优化营商环境降低市场主体制度性交易成本的意见》（国办发〔2022〕30号），结合我省实际，制定本实施方案。
一、进一步破除隐性门槛
（一）清理违规设置的准入条件。全面清理市场准入方面的违规规定，2023年底前完成。（省发展改革委、省商务厅按职责分工负责）
（二）优化企业开办服务。企业开办时间压缩至1个工作日以内。（省市场监管局牵头，省公安厅、省税务局配合）
"""


def test_a_plan_whose_title_quotes_the_document_it_implements(tmp_path):
    """印发X贯彻落实《Y》实施方案的通知: the plan is the province's own 实施方案, not the State Council's 《Y》 it quotes,
    and the notice naming it is no citation of another document."""
    from policykg.graph.build.links import link_documents

    (tmp_path / "js.txt").write_text(QUOTING_TITLE, encoding="utf-8")
    (doc,) = load(tmp_path / "js.txt").documents
    assert doc.title.startswith("江苏省贯彻落实") and doc.title.endswith("实施方案") and doc.level == "provincial"
    cited, links = link_documents([doc])
    assert [(d.key, d.level) for d in cited] == [("国办发-2022-30", "national")]
    assert {(dl.type, dl.target) for dl in links} == {("derived_from", "国办发-2022-30")}


DECREE = """辽宁省优化营商环境条例实施办法
（2023年5月10日辽宁省人民政府令第350号公布 自2023年7月1日起施行）
第一章　总　　则
第一条　为了贯彻实施《辽宁省优化营商环境条例》，持续优化营商环境，结合本省实际，制定本办法。
第二条　本办法适用于本省行政区域内的优化营商环境工作。
第二章　政务服务
第三条　省、市、县人民政府应当推进政务服务标准化，实现同一事项无差别受理、同标准办理。
第四条　政务服务机构应当推行“一网通办”，企业开办时间压缩至1个工作日以内。
第三章　附　　则
第五条　本办法自2023年7月1日起施行。
"""


def test_a_government_decree_is_dated_and_issued_by_its_promulgation_and_derives_from_its_regulation(tmp_path):
    """A 政府令 办法: (…人民政府令第N号公布 自…起施行) gives the promulgation date (not the date of effect) and the
    government; its purpose article (为了贯彻实施《条例》…制定本办法) names the regulation it derives from."""
    from policykg.graph.build.links import link_documents

    (tmp_path / "ln.txt").write_text(DECREE, encoding="utf-8")
    (doc,) = load(tmp_path / "ln.txt").documents
    assert (doc.date, [i.name for i in doc.issuers], doc.level) == ("2023-05-10", ["辽宁省人民政府"], "provincial")
    assert [m.written_path for m in doc.measures] == ["第二章第三条", "第二章第四条"]
    cited, links = link_documents([doc])
    assert [(dl.type, dl.cue) for dl in links] == [("derived_from", "贯彻")] and cited[0].title == "辽宁省优化营商环境条例"


RELEASE_NOTE = """合肥市人民政府办公室关于印发合肥市进一步优化营商环境行动方案（2024—2026年）的通知
合政办〔2024〕6号
各县（市）、区人民政府，市政府各部门、各直属机构：
经市政府同意，现将《合肥市进一步优化营商环境行动方案（2024—2026年）》印发给你们，请认真贯彻落实。
附件：合肥市进一步优化营商环境行动方案（2024—2026年）
合肥市人民政府办公室
2024年2月28日
（此件公开发布）
附件
合肥市进一步优化营商环境行动方案（2024—2026年）
一、提升政务服务效能
1.推进“高效办成一件事”。2024年底前实现13个重点事项集成办理。（责任单位：市数据资源局、市直有关单位）
2.深化“一网通办”。政务服务事项网上可办率保持100%。（责任单位：市数据资源局）
抄送：市委各部门，市人大常委会办公厅，市政协办公厅。
合肥市人民政府办公室 2024年2月29日印发
"""


def test_the_release_note_under_the_date_is_not_part_of_the_title(tmp_path):
    """（此件公开发布） under the notice's date, then 附件: the plan's title is its own line, and the notice naming it
    is no citation of another document."""
    from policykg.graph.build.links import link_documents

    (tmp_path / "hf.txt").write_text(RELEASE_NOTE, encoding="utf-8")
    (doc,) = load(tmp_path / "hf.txt").documents
    assert doc.title == "合肥市进一步优化营商环境行动方案（2024—2026年）"
    assert link_documents([doc]) == ([], [])
    assert doc.measures[-1].text.endswith("（责任单位：市数据资源局）")  # the 抄送 and 印发 lines stay out of it


def test_a_title_printed_above_the_doc_number(tmp_path):
    """A plan's own title, then its 文号, then the measures (no notice, no 关于): the title places the document."""
    (tmp_path / "sy.txt").write_text(
        "沈阳市和平区2024年优化营商环境工作要点\n沈和政办发〔2024〕5号\n一、重点任务\n"
        "1.加强监管执法。（责任单位：区城市管理和综合执法局）\n2.强化要素保障。（责任单位：区金融发展局）\n", encoding="utf-8")
    (doc,) = load(tmp_path / "sy.txt").documents
    assert (doc.title, str(doc.doc_number), doc.jurisdiction_path) == (
        "沈阳市和平区2024年优化营商环境工作要点", "沈和政办发〔2024〕5号", ("辽宁省", "沈阳市", "和平区"))
    assert [m.written_path for m in doc.measures] == ["一1", "一2"]
