"""Relation types from evidence: the targets a district measure shares with its municipal source decide first."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from policykg.graph.build.relation import relation_of
from policykg.ontology.records import Provenance, Span, Target

P = Provenance(Span("f", 1, 1), "t")


def _link(corpus, source, target):
    return next(i for i in corpus.implements if i.source == source and i.target == target)


def test_ten_minute_service_circle_strengthens_the_citys_fifteen(corpus):
    """黄府办发〔2023〕17号 3.9 (10分钟政务服务圈) implements 沪府办〔2023〕9号 3.9 (15分钟)."""
    link = _link(corpus, "黄府办发-2023-17/3.9", "沪府办-2023-9/3.9")
    assert link.relation == "strengthens" and link.comparison == "政务服务圈: = 10 分钟 (source = 15 分钟)"


def test_unaccompanied_inspection_at_100_percent_strengthens_the_citys_70(corpus):
    """青浦 (66) 口岸查验指令无陪同查验率100% against 沪府办规〔2023〕1号 2.6 无陪同…比例达到70%以上."""
    source = next(m.key for d in corpus.documents for m in d.measures if "无陪同查验率100%" in m.text)
    link = _link(corpus, source, "沪府办规-2023-1/2.6")
    assert link.relation == "strengthens" and "100 %" in link.comparison and ">= 70 %" in link.comparison


def test_relation_types_without_targets_follow_the_reused_wording():
    assert relation_of([], [], 0.8)[0] == "restates"
    assert relation_of([], [], 0.2)[0] == "localises"
    assert relation_of([], [], 0.05)[0] == "extends"
    assert relation_of([], [Target("70%以上", "查验比例", 70, "%", ">=", "以上", P)], 0.6)[0] == "partial"


@given(st.integers(min_value=1, max_value=60), st.integers(min_value=1, max_value=60))
def test_a_shorter_time_limit_strengthens_a_longer_weakens(district, city):
    d = [Target("", "办理时限", district, "个工作日", "<=", "压缩至", P)]
    c = [Target("", "办理时限", city, "个工作日", "<=", "压缩至", P)]
    relation = relation_of(d, c, 0.6)[0]
    assert relation == ("strengthens" if district < city else "weakens" if district > city else "restates")


def test_extends_and_partial_come_from_what_changed_not_from_little_reuse(corpus):
    """A district measure sharing little wording adds nothing by that alone (it localises); one that keeps most of the
    city's measure and adds as much again extends it; one that takes up one clause of a long measure is partial."""
    from policykg.graph.build.relation import wording_shares

    links = {(x.source, x.target): x for x in corpus.implements if x.confidence != "low"}
    low_reuse = [x for x in links.values() if x.reuse < 0.12 and not x.comparison]
    assert low_reuse and not any(x.relation == "extends" for x in low_reuse if x.reuse < 0.05)
    window = links[("青府办发-2023-6/2.1.3.18", "沪府办规-2023-1/3.2")]  # 惠企政策综合窗口: one clause of the city's 政策服务
    assert window.relation == "partial"
    kept, covered = wording_shares("加强反垄断执法，深入实施公平竞争审查。聚焦重大政策措施建立会审机制，做到全覆盖。", "加强反垄断执法，深入实施公平竞争审查。")
    assert covered == 1.0 and kept < 0.5 and relation_of([], [], 0.3, (kept, covered))[0] == "extends"
