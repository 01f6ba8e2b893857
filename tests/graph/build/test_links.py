"""Document links on real citations from the corpus."""

from policykg.graph.build.links import LinkIndex, is_policy_title, title_key, titles_conflict
from policykg.graph.build.pipeline import build_corpus


def _links(corpus, kind):
    return {(dl.source, dl.target) for dl in corpus.doc_links if dl.type == kind}


def test_cited_parents_in_the_corpus_are_resolved(corpus):
    derived = _links(corpus, "derived_from")
    parent = "沪府办规-2023-1"
    for child in ("嘉发改规-2023-2", "沪松府-2023-20", "长发改规-2023-2", "金发改规-2023-2", "徐府发规-2023-4", "黄府办发-2023-2"):
        assert (child, parent) in derived, child
    assert ("黄府规-2023-4", "沪府规-2023-1") in derived  # by 文号
    link = next(dl for dl in corpus.doc_links if dl.type == "derived_from" and dl.source == "嘉发改规-2023-2")
    assert link.cue == "根据" and link.rule.startswith("doc_number") and link.provenance.span.file.startswith("003_")


def test_each_absent_parent_once(corpus):
    titles = [d.title for d in corpus.cited_only]
    assert len(titles) == len(set(titles))
    police = [d for d in corpus.cited_only if "公安政务公开" in d.title]
    assert len(police) == 1 and str(police[0].doc_number) == "沪公指通字〔2023〕93号"  # two spellings, one node
    assert police[0].level == "municipal" and police[0].cited_only
    # a similar title with another 文号 is not taken for the corpus document 2023年上海市政务公开工作要点
    assert ("沪公奉通字-2023-31", "沪公指通字-2023-93") in _links(corpus, "derived_from")


def test_uncited_derivations_found_and_nothing_spurious(corpus):
    inferred = {(dl.source, dl.target): dl for dl in corpus.doc_links if dl.rule.startswith("inferred")}
    assert set(inferred) == {
        ("黄府办发-2023-17", "沪府办-2023-9"),  # district 放管服 points restating the municipal ones
        ("青府办发-2023-6", "沪府办规-2023-1"),
        ("沪公奉通字-2023-31", "沪府办字-2023-5"),
    }
    link = inferred[("黄府办发-2023-17", "沪府办-2023-9")]
    assert 0.3 < link.score < 0.6 and "≈ 沪府办-2023-9/" in link.evidence


def test_series_of_one_district(corpus):
    follows = [(dl.source, dl.target) for dl in corpus.doc_links if dl.type == "follows"]
    assert sorted(follows) == sorted([
        ("金府办发-2022-7", "金委办-2021-34"), ("金发改规-2023-2", "金府办发-2022-7"), ("金营联办-2024-3", "金发改规-2023-2"),
    ])
    link = next(dl for dl in corpus.doc_links if dl.type == "follows" and dl.source == "金府办发-2022-7")
    assert "营商环境" in link.rule and 0 <= link.score <= 1


def test_structural_links(corpus):
    assert ("嘉发改规-2023-2", "compendium:003_e81c4866f1da0559") in _links(corpus, "part_of")
    assert any(dl.type == "same_document" and dl.source == "金发改规-2023-2" for dl in corpus.doc_links)
    assert any(dl.type == "forwards" and dl.target == "金府办发-2022-7" for dl in corpus.doc_links)


def test_new_district_plan_citing_a_variant_title(tmp_path, corpus):
    index = LinkIndex.of(corpus.documents)
    r = index.resolve_title("上海加强集成创新持续优化营商环境行动方案")
    assert r.target == "沪府办规-2023-1"
    r = index.resolve_title("上海市加强集成创新 持续优化营商\n环境的行动方案")
    assert r.target == "沪府办规-2023-1" and r.rule == "title_fuzzy"
    (tmp_path / "c").mkdir()
    from tests.conftest import CORPUS

    for p in CORPUS.glob("003_*.txt"):
        (tmp_path / "c" / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "c" / "baoshan.txt").write_text(
        "宝山区加强集成创新持续优化营商环境行动方案\n为贯彻落实《上海加强集成创新持续优化营商环境行动方案》，结合本区实际，制定本方案。\n"
        "一、重点任务\n1.推进“一网通办”。（责任单位：区政务服务办）\n", encoding="utf-8")
    c = build_corpus(tmp_path / "c")
    key = next(d.key for d in c.documents if d.title.startswith("宝山区"))
    assert (key, "沪府办规-2023-1") in {(dl.source, dl.target) for dl in c.doc_links if dl.type == "derived_from"}


def test_title_rules():
    assert title_key("关于印发<2023 年上海公安政务公开工作要点>的通知") == "2023年公安政务公开工作要点"
    assert titles_conflict("2023年公安政务公开工作要点", "2023年政务公开工作要点")
    assert not is_policy_title("入境货物检验检疫证明") and is_policy_title("上海市优化营商环境条例")


RELATIVE = """杭州市人民政府关于印发杭州市数字经济发展行动方案的通知
杭政函〔2023〕5号
各区、县（市）人民政府，市政府各部门：
现将《杭州市数字经济发展行动方案》印发给你们，请认真贯彻执行。
杭州市人民政府
2023年2月1日
杭州市数字经济发展行动方案
为贯彻落实省政府《关于加快建设数字经济强省的实施意见》，结合我市实际，制定本方案。
一、主要任务
1．推进数字产业化。培育一批数字经济龙头企业。（责任单位：市经信局）
"""


def test_a_body_written_before_the_title_places_the_cited_document(tmp_path):
    """省政府《…》 in a 杭州 plan is 浙江省's: the absent parent is provincial, not unplaced."""
    from policykg.graph.build.links import link_documents
    from policykg.loaders.reader import load

    (tmp_path / "hz.txt").write_text(RELATIVE, encoding="utf-8")
    doc = load(tmp_path / "hz.txt").documents[0]
    cited, links = link_documents([doc])
    assert [(d.title, d.level, d.jurisdiction) for d in cited] == [("关于加快建设数字经济强省的实施意见", "provincial", "浙江省")]
    assert [dl.type for dl in links if dl.target == cited[0].key] == ["derived_from"]


DISTRICT_RELATIVE = """杭州市富阳区人民政府办公室关于印发杭州市富阳区数字经济发展行动方案的通知
富政办发〔2023〕8号
各乡镇人民政府、街道办事处，区政府各部门：
现将《杭州市富阳区数字经济发展行动方案》印发给你们，请认真贯彻执行。
杭州市富阳区人民政府办公室
2023年3月1日
杭州市富阳区数字经济发展行动方案
为贯彻落实区委、区政府《关于加快数字经济高质量发展的若干意见》，结合我区实际，制定本方案。
一、主要任务
1．推进数字产业化。培育一批数字经济龙头企业。（责任单位：区经信局）
"""


def test_a_district_body_written_before_the_title_places_the_cited_document_in_the_district(tmp_path):
    """区委、区政府《…》 in a 富阳区 plan is 富阳区's own: the absent parent is at district level, inside 杭州市."""
    from policykg.graph.build.links import link_documents
    from policykg.loaders.reader import load

    (tmp_path / "fy.txt").write_text(DISTRICT_RELATIVE, encoding="utf-8")
    cited, _ = link_documents([load(tmp_path / "fy.txt").documents[0]])
    assert [(d.level, d.jurisdiction_path) for d in cited] == [("district", ("浙江省", "杭州市", "富阳区"))]
