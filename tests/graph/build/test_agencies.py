"""Owner strings from the corpus resolved to jurisdiction-scoped agencies."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policykg.graph.build.agency_scope import Scope, resolve
from policykg.graph.build.agency_table import expand_shared_prefix
from policykg.loaders.jurisdiction import all_districts
from policykg.loaders.owners import parse_owners, split_owner_list
from policykg.ontology.records import Span
from tests.conftest import FIXTURES


def scope(name: str) -> Scope:
    d = next((d for d in all_districts() if d.name == name), None)
    return Scope(name, "district" if d else "municipal", d, "上海市")


JINSHAN, HUANGPU, CITY = scope("金山区"), scope("黄浦区"), scope("上海市")


@pytest.mark.parametrize(
    "text, where, name, kind",
    [
        ("区发改委", JINSHAN, "金山区发展和改革委员会", "agency"),
        ("区发展改革委", JINSHAN, "金山区发展和改革委员会", "agency"),
        ("上海市金山区发展和改革委员会", CITY, "金山区发展和改革委员会", "agency"),
        ("区市场监管局", JINSHAN, "金山区市场监督管理局", "agency"),
        ("区市场监督管理局", JINSHAN, "金山区市场监督管理局", "agency"),
        ("金山税务局", JINSHAN, "国家税务总局上海市金山区税务局", "agency"),
        ("区税务局", HUANGPU, "国家税务总局上海市黄浦区税务局", "agency"),
        ("公安金山分局", JINSHAN, "上海市公安局金山分局", "agency"),
        ("上海市公安局奉贤分局", CITY, "上海市公安局奉贤分局", "agency"),
        ("金山海关", JINSHAN, "金山海关", "agency"),
        ("中华人民共和国上海海关", CITY, "上海海关", "agency"),
        ("国家税务总局上海市税务局", CITY, "国家税务总局上海市税务局", "agency"),
        ("市发展改革委", JINSHAN, "上海市发展和改革委员会", "agency"),
        ("市经济信息化委", CITY, "上海市经济和信息化委员会", "agency"),
        ("区委宣传部", JINSHAN, "中共上海市金山区委宣传部", "agency"),
        ("中共金山区委办公室", JINSHAN, "中共上海市金山区委办公室", "agency"),
        ("市政府办公厅", CITY, "上海市人民政府办公厅", "agency"),
        ("金山供电公司", JINSHAN, "国网上海市电力公司金山供电公司", "agency"),
        ("各街镇（金山工业区）", JINSHAN, "各街镇", "collective"),
        ("各区政府", CITY, "各区人民政府", "collective"),
        ("市相关部门", JINSHAN, "各相关部门", "collective"),
    ],
)
def test_resolve(text, where, name, kind):
    agency, rule = resolve(text, where)
    assert (agency.name, agency.kind) == (name, kind), rule
    assert not agency.unresolved


def test_same_name_in_two_districts_is_two_agencies():
    a, _ = resolve("区发改委", JINSHAN)
    b, _ = resolve("区发改委", HUANGPU)
    assert a.key != b.key and a.jurisdiction == "金山区" and b.jurisdiction == "黄浦区"


@pytest.mark.parametrize("district", ["杨浦区", "奉贤区", "闵行区", "宝山区"])
def test_districts_outside_the_corpus(district):
    agency, _ = resolve("区市场监管局", scope(district))
    assert agency.name == f"{district}市场监督管理局" and agency.jurisdiction == district
    tax, _ = resolve("区税务局", scope(district))
    assert tax.name == f"国家税务总局上海市{district}税务局" and tax.level == "district_branch"


def test_unknown_owner_is_kept_and_flagged():
    agency, rule = resolve("区未来产业推进专班办", JINSHAN)
    assert agency.unresolved and agency.jurisdiction == "金山区" and "alias table" in agency.reason


def test_shared_prefix_restored():
    mentions = parse_owners("区政务办、经委、电力公司、区政务办", Span("f", 1, 1), "t")
    texts = [t for _, t, _ in expand_shared_prefix(mentions)]
    assert texts == ["区政务办", "区经委", "电力公司"]  # repeated name dropped


def test_named_body_and_the_others():
    mentions = parse_owners("市水务局等市相关部门", Span("f", 1, 1), "t")
    texts = [t for _, t, _ in expand_shared_prefix(mentions)]
    assert texts == ["市水务局", "市相关部门"]
    assert resolve(texts[1], JINSHAN)[0].jurisdiction == "上海市"


def test_collective_prefix_restored():
    mentions = parse_owners("各镇、园区", Span("f", 1, 1), "t")
    assert [t for _, t, _ in expand_shared_prefix(mentions)] == ["各镇", "各园区"]


def test_roles_in_the_corpus(corpus):
    """Hand-checked: 金委办〔2021〕34号 measure 6 (body: 区政务服务办、区行政服务中心; annex 配合单位: 区民政局 …)."""
    doc = corpus.get("金委办〔2021〕34号")
    m6 = next(m for m in doc.measures if m.number == "6.")
    links = {(corpus.agency(o.agency).name, o.role) for o in corpus.owned_by if o.measure == m6.key}
    assert ("金山区政务服务办公室", "lead") in links
    assert ("金山区行政服务中心", "supporting") in links
    assert ("金山区民政局", "supporting") in links


def test_corpus_has_no_unresolved_owner_and_one_node_per_jinshan_agency(corpus):
    assert [a.name for a in corpus.agencies if a.unresolved] == []
    jinshan = [a for a in corpus.agencies if a.jurisdiction == "金山区" and a.kind == "agency"]
    assert len({a.name for a in jinshan}) == len(jinshan)
    fgw = next(a for a in jinshan if a.functional_type == "发展改革")
    assert {"区发改委", "金山区发展和改革委员会"} <= set(fgw.aliases)
    assert fgw.counterpart == "上海市:上海市发展和改革委员会"
    assert fgw.parent == "金山区:金山区人民政府"
    assert corpus.agency("金山区:金山区人民政府").parent == "上海市:上海市人民政府"


def test_issuers_are_agencies(corpus):
    doc = corpus.get("金营联办〔2024〕3号")
    issued = {(corpus.agency(i.agency).name, i.role) for i in corpus.issued_by if i.document == doc.key}
    assert issued == {("金山区优化营商环境联席会议办公室", "issuer"), ("金山区发展和改革委员会", "seal")}


names = st.sampled_from(["区发改委", "经委", "区财政局", "各镇", "园区", "市科委", "上海海关", "区建管委"])


@given(st.lists(names, min_size=1, max_size=6), st.sampled_from(["、", "，", "；", "<br>", ","]))
def test_splitter_keeps_every_name(items, sep):
    assert split_owner_list(sep.join(items)) == items


@given(st.text(max_size=40))
def test_splitter_never_raises_and_drops_separators(text):
    for part in split_owner_list(text):
        assert part and "、" not in part.replace("等", "") or "等" in part


def test_vertically_managed_bodies_outside_shanghai_are_named_by_their_hierarchy():
    from policykg.graph.build.agency_chain import Chain, resolve_in_chain

    jinan = Chain((("山东省", "provincial"), ("济南市", "municipal"), ("济南市钢城区", "district")), ("山东省", "济南市", "钢城区"))
    names = {t: resolve_in_chain(t, jinan)[0] for t in ("区税务局", "区公安分局", "市税务局", "区市场监管局")}
    assert names["区税务局"].name == "国家税务总局济南市钢城区税务局" and names["区税务局"].jurisdiction == "济南市钢城区"
    assert names["区公安分局"].name == "济南市公安局钢城分局" and names["区公安分局"].level == "district_branch"
    assert names["市税务局"].name == "国家税务总局济南市税务局" and names["市税务局"].jurisdiction == "济南市"
    assert names["区市场监管局"].name == "济南市钢城区市场监督管理局"
    county = Chain((("湖北省", "provincial"), ("咸宁市", "municipal"), ("咸宁市嘉鱼县", "county")), ("湖北省", "咸宁市", "嘉鱼县"))
    assert resolve_in_chain("县公安局", county)[0].name == "咸宁市嘉鱼县公安局"  # a county keeps its own police
    city = Chain((("四川省", "provincial"), ("成都市", "municipal")), ("四川省", "成都市"))
    bank, _ = resolve_in_chain("人行成都分行", city)
    assert (bank.name, bank.level, bank.unresolved) == ("中国人民银行成都分行", "national_branch", False)
    assert resolve_in_chain("人民银行四川省分行", city)[0].name == "中国人民银行四川省分行"


def test_county_bodies_keep_their_written_kind_and_real_names(tmp_path):
    """Outside Shanghai a 局 stays a 局 (商务局, not Shanghai's 商务委员会); the county tax bureau is the State Taxation's."""
    from policykg.graph.build.pipeline import build_corpus

    (tmp_path / "county.txt").write_text(
        "长兴县优化营商环境重点任务\n一、主要任务\n"
        "1、推进改革。加快推进各项工作。（责任单位：县发改局、县商务局、县科技局、县住建局、县数据局、县税务局、县公安局）\n",
        encoding="utf-8")
    graph = build_corpus(tmp_path)
    names = {o.text: graph.agency(o.agency).name for o in graph.owned_by}
    assert names == {
        "县发改局": "湖州市长兴县发展和改革局", "县商务局": "湖州市长兴县商务局", "县科技局": "湖州市长兴县科学技术局",
        "县住建局": "湖州市长兴县住房和城乡建设局", "县数据局": "湖州市长兴县数据局", "县税务局": "国家税务总局长兴县税务局",
        "县公安局": "湖州市长兴县公安局",
    }
    assert not any(graph.agency(o.agency).unresolved for o in graph.owned_by)


def test_branches_of_city_bureaus_are_named_by_their_city(tmp_path):
    """区/县生态环境分局 is a branch of the city's bureau (广州市生态环境局天河分局); 区公安分局 likewise."""
    from policykg.graph.build.pipeline import build_corpus

    (tmp_path / "tianhe.txt").write_text(
        "广州市天河区优化营商环境工作方案\n一、主要任务\n1.推进改革。加快推进。（责任单位：区生态环境分局、区公安分局、区政务服务数据管理局、区科技工业信息化局）\n",
        encoding="utf-8")
    graph = build_corpus(tmp_path)
    names = {o.text: graph.agency(o.agency).name for o in graph.owned_by}
    assert names == {"区生态环境分局": "广州市生态环境局天河分局", "区公安分局": "广州市公安局天河分局",
                     "区政务服务数据管理局": "广州市天河区政务服务数据管理局", "区科技工业信息化局": "广州市天河区科技工业信息化局"}


ZONE = """苏州工业园区管理委员会关于印发《苏州工业园区持续优化营商环境行动方案》的通知
苏园管〔2023〕12号
园区各部门、各功能区、各街道：
现将《苏州工业园区持续优化营商环境行动方案》印发给你们，请认真贯彻执行。
苏州工业园区管理委员会
2023年4月10日
苏州工业园区持续优化营商环境行动方案
为贯彻落实《苏州市优化营商环境创新行动2023》，结合园区实际，制定本方案。
一、主要任务
1．深化企业开办便利化。推行企业开办“一件事”集成服务。（责任单位：行政审批局、市场监管局）
2．优化项目审批服务。（牵头单位：区生态环境局；配合单位：园区法院、市发展改革委）
3．提升跨境贸易便利化水平。（责任单位：苏州海关驻园区办事处、规划建设委员会、科技创新委员会）
"""


def test_owners_of_a_development_zone_document_are_the_zones_bodies(tmp_path):
    """A plan of 苏州工业园区 (a zone, not a division): 市场监管局 is the zone's bureau, not 苏州市's; 园区法院 and 区X are the
    zone's; 市X stays the city's. The 管理委员会 governs the zone (no 苏州工业园区人民政府), and no Shanghai node appears."""
    from policykg.graph.build.pipeline import build_corpus

    (tmp_path / "zone.txt").write_text(ZONE, encoding="utf-8")
    graph = build_corpus(tmp_path)
    names = {o.text: graph.agency(o.agency).name for o in graph.owned_by}
    assert names == {"行政审批局": "苏州工业园区行政审批服务局", "市场监管局": "苏州工业园区市场监督管理局",
                     "区生态环境局": "苏州工业园区生态环境局", "园区法院": "苏州工业园区人民法院", "市发展改革委": "苏州市发展和改革委员会",
                     "规划建设委员会": "苏州工业园区规划建设委员会", "科技创新委员会": "苏州工业园区科技创新委员会",
                     "苏州海关驻园区办事处": "苏州海关驻园区办事处"}
    customs = next(graph.agency(o.agency) for o in graph.owned_by if o.text.startswith("苏州海关"))
    assert (customs.level, customs.functional_type, customs.unresolved) == ("national_branch", "海关", False)
    assert not any(a.unresolved for a in graph.agencies)
    committee = graph.agency("苏州工业园区:苏州工业园区管理委员会")
    assert committee is not None and not committee.unresolved
    assert [graph.agency(i.agency).name for i in graph.issued_by] == ["苏州工业园区管理委员会"]
    assert graph.agency("苏州工业园区:苏州工业园区市场监督管理局").parent == committee.key
    assert not any("人民政府" in a.name and a.jurisdiction == "苏州工业园区" for a in graph.agencies)
    assert not any(a.jurisdiction == "上海市" for a in graph.agencies)
    # the zone is the plan's jurisdiction, a county-level derivative of its city's plan (cited, not in the corpus)
    doc = graph.get("苏园管-2023-12")
    assert (doc.level, doc.jurisdiction, doc.jurisdiction_path) == ("district", "苏州工业园区", ("江苏省", "苏州市", "苏州工业园区"))
    parent = next(graph.get(dl.target) for dl in graph.doc_links if dl.type == "derived_from")
    assert (parent.title, parent.level, parent.jurisdiction, parent.cited_only) == ("苏州市优化营商环境创新行动2023", "municipal", "苏州市", True)


NATIONAL = """国务院关于印发“十四五”市场监管现代化规划的通知
国发〔2021〕30号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
现将《“十四五”市场监管现代化规划》印发给你们，请认真贯彻执行。
国务院
2021年12月14日
“十四五”市场监管现代化规划
一、重点任务
1．优化涉企服务。持续推进简政放权。（国家发展改革委、市场监管总局按职责分工负责）
"""


def test_governments_outside_shanghai_lie_in_the_governments_above_them(tmp_path):
    """海淀区's government lies in 北京市's, a zone's committee in its city's government, the city's in its province's;
    a national document's issuer 国务院 is the State Council, not a body of 上海市, and its owners are national."""
    from policykg.graph.build.pipeline import build_corpus
    from tests.graph.store.test_projection import HAIDIAN

    for name, text in (("haidian.txt", HAIDIAN), ("zone.txt", ZONE), ("national.txt", NATIONAL)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    graph = build_corpus(tmp_path)
    parent = {a.name: graph.agency(a.parent).name if a.parent else None for a in graph.agencies if a.kind == "agency"}
    assert parent["北京市海淀区人民政府"] == "北京市人民政府"
    assert parent["北京市海淀区海淀园管委会"] == "北京市海淀区人民政府"  # a body outside the table, under its own name
    assert not any(a.unresolved for a in graph.agencies)
    assert parent["苏州工业园区管理委员会"] == "苏州市人民政府"
    assert parent["苏州市人民政府"] == "江苏省人民政府"
    assert parent["江苏省人民政府"] is None and parent["北京市人民政府"] is None
    national = {graph.agency(o.agency).key for o in graph.owned_by if o.measure.startswith("国发")}
    issuer = [graph.agency(i.agency) for i in graph.issued_by if i.document.startswith("国发")]
    assert [(a.key, a.level) for a in issuer] == [("中华人民共和国:国务院", "national")]
    assert national == {"中华人民共和国:国家发展和改革委员会", "中华人民共和国:市场监管总局"}
    assert not any(a.jurisdiction == "上海市" for a in graph.agencies)


def test_a_provinces_departments_are_its_ting():
    """A province's departments are 厅 (浙江省财政厅, 浙江省经济和信息化厅): resolved by the function of the 局 or 委
    of the same name, named as a 厅; its 发展改革委 and 市场监管局 keep their own kind."""
    from policykg.graph.build.agency_chain import Chain, resolve_in_chain

    chain = Chain((("浙江省", "provincial"),), ("浙江省",))
    got = {t: resolve_in_chain(t, chain)[0] for t in ("省财政厅", "省经信厅等", "省司法厅", "省商务厅", "省发展改革委", "省市场监管局")}
    assert {t: a.name for t, a in got.items()} == {
        "省财政厅": "浙江省财政厅", "省经信厅等": "浙江省经济和信息化厅", "省司法厅": "浙江省司法厅", "省商务厅": "浙江省商务厅",
        "省发展改革委": "浙江省发展和改革委员会", "省市场监管局": "浙江省市场监督管理局"}
    assert not any(a.unresolved for a in got.values())
    assert got["省财政厅"].functional_type == resolve_in_chain("市财政局", Chain((("浙江省", "provincial"), ("杭州市", "municipal")), ("浙江省", "杭州市")))[0].functional_type


def test_shi_zheng_is_a_prefix_before_zhengwu_and_zhengfu():
    """市政务办 and 市政府办公厅 are the city's 政务办 and 政府办公厅; 市场监管局 and 市政工程 open with no prefix."""
    from policykg.graph.build.agency_chain import Chain, resolve_in_chain

    chain = Chain((("江苏省", "provincial"), ("南京市", "municipal")), ("江苏省", "南京市"))
    got = {t: resolve_in_chain(t, chain) for t in ("市政务办", "市政府办公厅", "市场监管局", "市政工程管理处")}
    assert [got[t][1].split("+")[0] for t in got] == ["市_prefix_in_chain", "市_prefix_in_chain", "document_unit", "document_unit"]
    assert not got["市政务办"][0].unresolved and got["市政府办公厅"][0].name == "南京市人民政府办公厅"


def test_counterparts_one_level_up_outside_shanghai():
    """A county's bureau has its city's bureau of the same function as counterpart, the city's its province's."""

    from policykg.graph.build.pipeline import build_corpus

    graph = build_corpus(FIXTURES / "chain")
    counterpart = {a.name: graph.agency(a.counterpart).name for a in graph.agencies if a.counterpart}
    assert counterpart["杭州市淳安县市场监督管理局"] == "杭州市市场监督管理局"
    assert counterpart["杭州市市场监督管理局"] == "浙江省市场监督管理局"
    assert counterpart["杭州市淳安县人民政府"] == "杭州市人民政府" and counterpart["杭州市淳安县住房和城乡建设局"] == "杭州市城乡建设委员会"


COUNTY_LEVEL_CITY = """昆山市人民政府办公室关于印发昆山市2024年优化营商环境工作要点的通知
昆政办发〔2024〕21号
各区镇人民政府（管委会），市各委办局，各直属单位：
现将《昆山市2024年优化营商环境工作要点》印发给你们，请认真贯彻执行。
昆山市人民政府办公室
2024年3月20日
昆山市2024年优化营商环境工作要点
一、提升政务服务水平
1.深化“一网通办”改革。推进高频事项全程网办。（责任单位：市政务办、市数据局）
2.优化企业开办服务。企业开办时间压缩至0.5个工作日。（牵头单位：市市场监管局；配合单位：市公安局）
"""


def test_a_county_level_citys_own_bureaus_are_its_own(tmp_path):
    """昆山市 is a county-level city in 苏州市: in its plans 市X局 is 昆山市's bureau, not 苏州市's."""
    from policykg.graph.build.pipeline import build_corpus

    (tmp_path / "ks.txt").write_text(COUNTY_LEVEL_CITY, encoding="utf-8")
    graph = build_corpus(tmp_path)
    (doc,) = graph.documents
    assert (doc.level, doc.jurisdiction_path) == ("county", ("江苏省", "苏州市", "昆山市"))
    owners = {graph.agency(o.agency) for o in graph.owned_by}
    assert len(owners) == 4 and {(a.jurisdiction, a.level) for a in owners} == {("苏州市昆山市", "county")}


def test_a_name_written_without_its_conjunction_is_the_same_body(tmp_path):
    """重庆's 县规划自然资源局 is the table's 规划和自然资源局: every name with 和/与 is found without it, as itself."""
    import re

    from policykg.graph.build.agency_table import alias_index, lookup
    from policykg.graph.build.pipeline import build_corpus

    joined = {name: e.canonical for name, e in alias_index().items() if re.search("[和与]", name)}
    assert len(joined) > 20
    assert {name: lookup(re.sub("[和与]", "", name)).canonical for name in joined} == joined
    (tmp_path / "ws.txt").write_text(
        "巫山县持续优化营商环境若干措施\n巫山府办发〔2023〕45号\n一、强化要素保障\n（一）加强用地保障。（责任单位：县规划自然资源局）\n"
        "（二）优化企业开办。（责任单位：县市场监管局）\n", encoding="utf-8")
    graph = build_corpus(tmp_path)
    assert graph.documents[0].jurisdiction_path == ("重庆市", "巫山县")
    assert [(a.name, a.unresolved) for a in graph.agencies if "规划" in a.name] == [("重庆市巫山县规划和自然资源局", False)]


def test_bodies_named_the_northeast_way_keep_their_names_and_functions(tmp_path):
    """沈阳's districts name bodies Shanghai has no table entry for; each resolves to its own name and function."""
    from policykg.graph.build.pipeline import build_corpus

    (tmp_path / "sy.txt").write_text(
        "沈阳市和平区2024年优化营商环境工作要点\n沈和政办发〔2024〕5号\n一、重点任务\n"
        "1.加强监管执法。（责任单位：区城市管理和综合执法局、区消防救援大队）\n"
        "2.强化要素保障。（责任单位：区金融发展局、区商务和投资促进局）\n", encoding="utf-8")
    graph = build_corpus(tmp_path)
    owners = {(a.name, a.functional_type, a.unresolved) for a in (graph.agency(o.agency) for o in graph.owned_by)}
    assert owners == {("沈阳市和平区城市管理和综合执法局", "城管执法", False), ("沈阳市和平区消防救援大队", "消防", False),
                      ("沈阳市和平区金融发展局", "金融", False), ("沈阳市和平区商务和投资促进局", "商务", False)}


def _agencies(corpus):
    by_key = {a.key: a for a in corpus.agencies}
    by_name = {a.name: a for a in corpus.agencies}
    return by_key, by_name


@pytest.mark.parametrize("name, parent, level", [
    ("上海海关", "海关总署", "national_branch"),  # vertical national bodies stand under their national head …
    ("国家税务总局上海市税务局", "国家税务总局", "national_branch"),
    ("中国人民银行上海分行", "中国人民银行", "national_branch"),
    ("国家外汇管理局上海市分局", "国家外汇管理局", "national_branch"),
    ("中国证券监督管理委员会上海监管局", "中国证券监督管理委员会", "national_branch"),
    ("上海出入境边防检查总站", "国家移民管理局", "national_branch"),
    ("交通运输部东海航海保障中心", "交通运输部", "national_branch"),
    ("金山海关", "上海海关", "district_branch"),  # … and a district office under the city's branch
    ("国家税务总局上海市金山区税务局", "国家税务总局上海市税务局", "district_branch"),
])
def test_vertical_bodies_stand_under_their_national_head(corpus, name, parent, level):
    by_key, by_name = _agencies(corpus)
    a = by_name[name]
    assert (by_key[a.parent].name, a.level, a.jurisdiction) == (parent, level, "金山区" if "金山" in name else "上海市")


@pytest.mark.parametrize("name, parent", [
    ("上海市高级人民法院", None), ("金山区人民法院", "上海市高级人民法院"), ("金山区人民检察院", None),
    ("中共上海市委宣传部", None), ("中共上海市金山区委宣传部", "中共上海市委宣传部"),
])
def test_courts_and_party_organs_are_not_under_the_government(corpus, name, parent):
    by_key, by_name = _agencies(corpus)
    a = by_name[name]
    assert (by_key[a.parent].name if a.parent else None) == parent


def test_enterprises_have_no_counterpart_and_generic_phrases_are_collectives(corpus):
    by_key, by_name = _agencies(corpus)
    assert [a.name for a in corpus.agencies if a.functional_type in ("企业", "企业事业单位") and a.counterpart] == []
    assert by_name["特定地区管委会"].kind == "collective"
    assert "各虹桥国际中央商务区管委会" not in by_name  # 各区政府、虹桥商务区管委会: 各 does not spread to a named body


def test_the_district_finance_office_is_its_financial_services_office():
    assert resolve("区金融办", HUANGPU)[0].name == "黄浦区金融服务办公室"
    assert resolve("市金融办", CITY)[0].name == "上海市地方金融监督管理局"


def test_bodies_written_short_are_named_in_full_and_an_unnamed_leading_group_is_the_issuers(corpus):
    by_key, by_name = _agencies(corpus)
    assert "上海市领导小组办公室" not in by_name  # the office of 上海市工程建设项目审批制度改革工作领导小组, which issued the plan
    office = by_name["上海市工程建设项目审批制度改革工作领导小组办公室"]
    assert "市领导小组办公室" in office.aliases
    for full, short in [("上海虹桥国际中央商务区管理委员会", "虹桥国际中央商务区管委会"),
                        ("长三角生态绿色一体化发展示范区执行委员会", "长三角一体化示范区执委会")]:
        assert short in by_name[full].aliases and short not in by_name
