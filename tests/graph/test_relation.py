"""Relation types from evidence: the targets a district measure shares with its municipal source decide first."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from policykg.graph.relation import relation_of
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
