"""Alignment on real measure pairs of the corpus, and the development key as a regression guard."""

import pytest

from policykg.graph.build.align import _enumerated_headings
from policykg.graph.build.evaluate import evaluate
from policykg.graph.build.units import localise
from tests.conftest import FIXTURES


def _links(corpus, source, bands=("high", "medium")):
    return {i.target: i for i in corpus.implements if i.source == source and i.confidence in bands}


def test_localised_pair(corpus):
    # 嘉定 三（三）: "将营商环境宣传推介纳入全区宣传工作重点" restates M-5.3 "…纳入全市宣传工作重点"
    links = _links(corpus, "嘉发改规-2023-2/3.3")
    link = links["沪府办规-2023-1/5.3"]
    assert link.confidence == "high" and link.relation in ("restates", "localises")
    src = [e for e in link.evidence if "宣传" in e.text]
    assert src, link.evidence
    assert 6973 <= src[0].source_line <= 6983 and 4243 <= src[0].target_line <= 4252  # source lines on both sides


def test_merged_pair(corpus):
    # 长宁 6 "严格落实国家和本市各项减税降费政策" merges 纳税, 获取金融服务 and 劳动就业 measures
    links = _links(corpus, "长发改规-2023-2/3.3.6")
    assert {"沪府办规-2023-1/2.7", "沪府办规-2023-1/2.5", "沪府办规-2023-1/2.4"} <= set(links)


def test_local_only_measure(corpus):
    # 嘉定 21 人才引进加大力度: a local initiative, no municipal source
    m21 = next(m for m in corpus.get("嘉发改规-2023-2").measures if m.written_path.endswith("21"))
    assert m21.title == "人才引进加大力度"
    assert _links(corpus, m21.key) == {}
    assert m21.key in corpus.gaps["local_measures"]


def test_second_source_by_a_shared_run(corpus):
    # 嘉定 23 (新城、北虹桥双引擎) takes 虹桥 wording from M-4.4 and, in one clause, 窗口"智能帮办"+远程"直达帮办"服务模式
    # from M-3.3 企业服务: a run no other measure of the plan carries is a source of its own
    links = _links(corpus, "嘉发改规-2023-2/2.6.23")
    assert {"沪府办规-2023-1/4.4", "沪府办规-2023-1/3.3"} <= set(links)
    assert "shared_run" in links["沪府办规-2023-1/3.3"].method
    assert any("智能帮办" in e.text for e in links["沪府办规-2023-1/3.3"].evidence)


def test_shared_run_must_be_unique_within_the_plan():
    from policykg.graph.build.align import _shared_run
    from policykg.graph.build.units import Unit
    from policykg.loaders.normalise import char_ngrams
    from policykg.ontology.records import Span

    def unit(text):
        return Unit("k", "d", "", text, text, Span("f", 1, 1), "1", None)

    listed = "在安全生产、食品安全、交通运输、生态环境等领域"
    targets = [unit("推行非现场监管" + listed + "运用现代信息技术推进"), unit("轻微违法" + listed + "不予处罚"), unit("优化企业服务")]
    grams = [char_ngrams(t.match, 4) for t in targets]
    text = "推行非现场监管，" + listed + "试点"
    assert _shared_run(char_ngrams(text, 4), 0, text, grams, targets, {0, 1, 2}) == 0  # the listed run is in both
    own = "领域运用现代信息技术推进非现场监管"  # 运用现代信息技术: only the first measure's
    assert _shared_run(char_ngrams(own, 4), 0, own, grams, targets, {0, 1, 2}) >= 10


def test_indicator_list_links_each_heading(corpus):
    links = _links(corpus, "长发改规-2023-2/2.1.1")
    assert {f"沪府办规-2023-1/2.{k}" for k in range(1, 11)} <= set(links)


def test_area_gate(corpus):
    # a measure addressed to 张江科学城 is linked only from measures that name 张江
    for i in corpus.implements:
        if i.target == "沪府办规-2023-1/4.3" and i.confidence != "low":
            text = next(m.text for d in corpus.documents for m in d.measures if m.key == i.source)
            assert "张江" in text


def test_area_measures_reach_the_districts_the_area_lies_in(corpus):
    # 青浦 lies in the 长三角一体化示范区: its 示范区 measures (统一示范区内企业登记流程…) implement M-4.5, addressed to the
    # 示范区, though they write 示范区 as a plain word; 长宁 (part of the 虹桥 business district) continues 进博会 spill-over
    # work of M-4.5's neighbour M-4.4 without naming 虹桥
    assert "沪府办规-2023-1/4.5" in _links(corpus, "青府办发-2023-6/2.5.17.93")
    assert "沪府办规-2023-1/4.4" in _links(corpus, "长发改规-2023-2/3.6.14")


def test_area_of_strips_the_verbs_before_the_name():
    from policykg.graph.build.units import Unit, area_hosts, area_of
    from policykg.ontology.records import Span

    def unit(title):
        return Unit("k", "d", title, "", "", Span("f", 1, 1), "1", None)

    assert area_of(unit("推进实施浦东新区化妆品产业创新发展举措")) == "浦东"
    assert area_of(unit("依托长三角一体化示范区合力打造长三角高水平营商环境")) == "长三"
    assert area_of(unit("优化政务服务")) == ""
    assert "青浦区" in area_hosts()["长三"] and "长宁区" in area_hosts()["虹桥"] and "长宁区" not in area_hosts()["张江"]


def test_no_self_links_and_scores_in_range(corpus):
    for i in corpus.implements:
        assert i.source.split("/")[0] != i.target.split("/")[0]
        assert 0 <= i.score <= 1 and i.confidence in ("high", "medium", "low")


def test_localise():
    from policykg.ontology.records import Document

    d = Document("k", "t", None, (), None, "district", "松江区", ())
    assert localise("全区推进，区级部门，松江区特色", d) == "全市推进，市级部门，特色"


def test_enumerated_headings_need_a_list():
    titles = ["市场准入退出", "获取经营场所", "纳税", "政务服务"]
    assert _enumerated_headings([0, 1, 2], titles, "测评指标(市场准入退出、获取经营场所、纳税)") == {0, 1, 2}
    assert _enumerated_headings([0, 1, 3], titles, "市场准入退出。加强获取经营场所服务，优化政务服务") == set()


def test_development_key(corpus):
    """Regression guard: the figures reported for the dev key (0.988 / 0.908; leave one district out 0.952 / 0.908)."""
    result = evaluate(corpus, FIXTURES / "eval" / "implements-dev.tsv", FIXTURES / "eval" / "municipal-measures.tsv")
    hm = result.high_medium
    assert result.documents == {"jiading-2023": "嘉发改规-2023-2", "songjiang-2023": "沪松府-2023-20", "changning-2023": "长发改规-2023-2"}
    assert not result.unmapped
    assert hm.precision >= 0.98 and hm.recall >= 0.9, hm
    loo = result.held_out_total
    assert loo is not None and loo.precision >= 0.95 and loo.recall >= 0.9, loo


def test_no_measure_implements_a_later_document(corpus):
    """A district plan cannot implement a plan signed after it: such pairs are kept as undirected shared text."""
    def later(source, target):
        a, b = corpus.document_of(source), corpus.document_of(target)
        if a.date and b.date:
            return b.date > a.date
        year = lambda d: int(d.date[:4]) if d.date else (d.doc_number.year if d.doc_number else None)  # noqa: E731
        return year(a) is not None and year(b) is not None and year(b) > year(a)

    assert [i for i in corpus.implements if later(i.source, i.target)] == []
    assert corpus.shared_text and all(later(s.source, s.target) for s in corpus.shared_text)
    assert all("signed" in s.reason for s in corpus.shared_text)
    assert sum(1 for s in corpus.shared_text if s.evidence) >= 40
    assert sum(1 for s in corpus.shared_text if s.source.startswith("青府办发-2023-6/")) >= 20  # 青浦 restates text the city published later


def test_shared_text_reaches_the_stores(corpus, sparql_store, pg_rows):
    _, rows = sparql_store.query("PREFIX pkg: <https://w3id.org/policykg/ontology#> SELECT (COUNT(*) AS ?n) WHERE { ?a pkg:sharesText ?b }")
    assert rows == [[len(corpus.shared_text)]]
    assert sum(len(v) for k, v in pg_rows[1].items() if k[0] == "SHARES_TEXT") == len(corpus.shared_text)


def test_more_than_four_sources_only_with_their_own_evidence(corpus):
    """Fan-out beyond the best four needs its own evidence: 12 shared characters, or its heading named in a list."""
    from collections import defaultdict

    from policykg.graph.build.params import DEFAULT

    MAX_SOURCES, OWN_EVIDENCE = DEFAULT.max_sources, DEFAULT.own_evidence

    by_source = defaultdict(list)
    for link in corpus.implements:
        if link.confidence in ("high", "medium"):
            by_source[link.source].append(link)
    wide = {k: v for k, v in by_source.items() if len(v) > MAX_SOURCES}
    for links in wide.values():
        for link in links:
            longest = max((e.source_end - e.source_start for e in link.evidence), default=0)
            assert "heading_named" in link.method or longest >= OWN_EVIDENCE, link
    # 长宁 1 names ten indicator headings (the dev key's ten links); its eleventh candidate (M-5.2, 9 shared characters) is a lead
    assert len(wide.get("长发改规-2023-2/2.1.1", [])) == 10
    demoted = [i for i in corpus.implements if i.method.endswith("+beyond_best_four")]
    assert demoted and all(i.confidence == "low" for i in demoted)


def test_plans_implement_the_plans_of_every_level_above_them(tmp_path):
    """Outside Shanghai the chain is province → city → county: a city's plan implements its province's, a county's its
    city's (tests/fixtures/chain, written for the test in the form of such plans). A tighter time limit strengthens."""

    from policykg.graph.build.pipeline import build_corpus

    graph = build_corpus(FIXTURES / "chain")
    level = {d.key: d.level for d in graph.documents}
    assert sorted(level.values()) == ["county", "municipal", "provincial"]
    parent = {level[dl.source]: level[dl.target] for dl in graph.doc_links if dl.type == "derived_from"}
    assert parent == {"municipal": "provincial", "county": "municipal"}
    pairs = {(level[i.source.split("/")[0]], i.source.split("/")[1], level[i.target.split("/")[0]], i.target.split("/")[1], i.relation)
             for i in graph.implements if i.confidence == "high" and i.method.endswith("+parent")}
    assert pairs == {("municipal", "1.1", "provincial", "1.1", "strengthens"), ("municipal", "1.2", "provincial", "1.2", "strengthens"),
                     ("county", "1.1", "municipal", "1.1", "restates"), ("county", "1.2", "municipal", "1.2", "strengthens")}
    # the measures no one took up, on both sides
    assert {level[k.split("/")[0]] for k in graph.gaps["unimplemented_municipal"]} == {"provincial", "municipal"}


@pytest.mark.parametrize("key, precision, recall", [
    ("implements-jinshan-huangpu.tsv", 0.98, 0.9),
    ("implements-xuhui-dev.tsv", 0.95, 0.9),  # keyed by close reading for this project
    ("implements-qingpu-dev.tsv", 0.9, 0.89),  # an uncited 工作要点 of 108 short items: the hardest of the seven (its key links
    # one item on 优化营商环境 alone, which the boilerplate rule leaves a lead: R 0.908 → 0.897, P 0.888 → 0.907)
])
def test_keys_of_districts_beyond_the_first_three(corpus, key, precision, recall):
    """Floors of the figures measured when the rules were last changed (see the closing notes of the links issue)."""
    result = evaluate(corpus, FIXTURES / "eval" / key, FIXTURES / "eval" / "municipal-measures.tsv")
    assert not result.unmapped
    assert result.high_medium.precision >= precision and result.high_medium.recall >= recall, result.high_medium


def test_a_further_source_needs_wording_of_its_own(corpus):
    """青浦 (64) restates M-3.7 nearly word for word and shares only a list of fields (、生态环境等领域) with M-3.4 and
    M-3.8: those two stay as low-confidence leads, not links."""
    links = {i.target.split("/")[1]: i for i in corpus.implements if i.source == "青府办发-2023-6/2.3.11.64"}
    assert links["3.7"].confidence == "high"
    for other in ("3.4", "3.8"):
        assert links[other].confidence == "low" and links[other].method.endswith("+no_own_evidence"), links[other]


def test_numbering_that_runs_on_across_sections_gives_every_item(corpus):
    """金府办发〔2023〕9号 numbers its items 1-24 across the sections （一）-（五）: items 7-24 were four untitled blobs."""
    doc = next(d for d in corpus.documents if d.key == "金府办发-2023-9")
    body = [m for m in doc.measures if m.kind == "body"]
    assert [m.number.strip(".．") for m in body] == [str(n) for n in range(1, 25)]


def test_no_link_stands_on_boilerplate_alone(corpus):
    """Wording that many measures of the plan share (优化营商环境, ，进一步提升) is no evidence: a link whose every shared run
    is such wording is a low-confidence lead, while a shared phrase of a few measures (轻微违法行为依法不予行政处罚) still counts."""
    from collections import Counter

    from policykg.graph.build.evidence import boilerplate as _boilerplate

    plan_df = Counter({g: 9 for g in ("优化营商", "化营商环", "营商环境")}) + Counter({"轻微违法": 2, "微违法行": 2})
    assert _boilerplate("优化营商环境", plan_df) and not _boilerplate("轻微违法行为", plan_df)
    qingpu = {(x.source, x.target): x for x in corpus.implements if x.source.startswith("青府办发-2023-6/3.20.")}
    lead = qingpu[("青府办发-2023-6/3.20.104", "沪府办规-2023-1/5.1")]
    assert lead.confidence == "low" and "+boilerplate_only" in lead.method
    kept = [x for x in corpus.implements if x.confidence != "low" and x.evidence and "reuse" not in x.method]
    assert kept and not any("boilerplate_only" in x.method for x in kept)
