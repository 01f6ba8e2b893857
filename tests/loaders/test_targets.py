"""Quantitative targets on ten real measures of the corpus."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policykg.loaders.targets import find_targets
from policykg.ontology.records import Span

# measure key → one target it must carry: (indicator, comparator, value, unit)
REAL = {
    "金委办-2021-34/2.8.23": ("审批时限", "<=", 2, "个工作日"),  # 压缩至两个工作日
    "金委办-2021-34/1.2.5": ("比例", ">=", 80, "%"),  # 达到80%
    "沪企服办-2023-1/3.11": ("中小企业的预留份额阶段性", ">=", 40, "%"),  # 提高至40％以上
    "嘉发改规-2023-2/2.1.1": ("获得用气和互联网连接服务满意率", ">=", 98, "%"),  # 98%以上
    "沪府办-2023-9/3.9": ("政务服务圈", "=", 15, "分钟"),  # 15分钟政务服务圈
    "金府办发-2023-9/2.1.2": ("接通率", ">=", 90, "%"),  # 不低于90％
    "青府办发-2023-6/2.1.1.6": ("高频政务事项网上办结率", ">=", 88, "%"),  # 办结率达88%
    "沪高法-2023-47/1.4": ("应当", "<=", 10, "个工作日"),  # 10个工作日内
    "嘉发改规-2023-2/2.1.2": ("1.5%-3%的担保费率", "<=", 1, "%"),  # 降低至1%以下
    "沪企服办-2023-1/4.15": ("单户企业贴息金额", "<=", 20, "万元"),  # 最高20万元
}


@pytest.mark.parametrize("key", sorted(REAL))
def test_target_on_a_real_measure(key, corpus):
    m = corpus.unit(key)
    assert m is not None and m.targets, key
    indicator, comparator, value, unit = REAL[key]
    assert any(t.indicator.endswith(indicator) and (t.comparator, t.value, t.unit) == (comparator, value, unit) for t in m.targets), \
        [(t.indicator, t.comparator, t.value, t.unit) for t in m.targets]
    t = m.targets[0]
    assert m.provenance.span.line_start <= t.provenance.span.line_start <= m.provenance.span.line_end


def test_the_two_pairs_of_the_alignment_issue_have_comparable_targets(corpus):
    """黄浦 10分钟政务服务圈 against the city's 15分钟; 青浦 无陪同查验率100% against 70%以上."""
    hp = [t for d in corpus.documents if str(d.doc_number) == "黄府办发〔2023〕17号" for m in d.measures for t in m.targets if t.indicator == "政务服务圈"]
    city = [t for t in corpus.unit("沪府办-2023-9/3.9").targets if t.indicator == "政务服务圈"]
    assert [t.value for t in hp] == [10.0] and [t.value for t in city] == [15.0]
    qp = corpus.unit("青府办发-2023-6/3.17.66") or next(m for d in corpus.documents for m in d.measures if "无陪同查验率100%" in m.text)
    assert [(t.comparator, t.value) for t in qp.targets if "无陪同查验率" in t.indicator] == [("=", 100.0)]
    city = [t for d in corpus.documents if d.level == "municipal" for m in d.measures for t in m.targets if "无陪同比例" in t.indicator]
    assert city and {(t.comparator, t.value) for t in city} == {(">=", 70.0)}


def test_dates_list_numbers_and_idioms_are_not_targets():
    span = Span("f", 1, 1)
    for text in ("2023年6月底前完成", "落实《若干措施》第3条", "推出一批改革举措", "每3个月开展一次", "出台10项措施"):
        assert find_targets(text, span) == [], text


@given(st.integers(min_value=1, max_value=999), st.sampled_from(["个工作日", "%", "分钟", "家"]))
def test_a_capped_value_reads_back(value, unit):
    [t] = find_targets(f"办理时限压缩至{value}{unit}。", Span("f", 1, 1))
    assert (t.indicator, t.comparator, t.value, t.unit) == ("办理时限", "<=", float(value), unit)


def test_a_deadline_before_the_indicator_is_not_part_of_it():
    from policykg.loaders.targets import find_targets
    from policykg.ontology.records import Span

    found = find_targets("全面推行监管，2023年12月底前实现部门联合抽查覆盖率达到30%以上。前期审批时间压缩至5个工作日。", Span("f", 1, 1))
    assert [(t.indicator, t.value, t.unit) for t in found] == [("部门联合抽查覆盖率", 30.0, "%"), ("前期审批时间", 5.0, "个工作日")]


TASK_LIST = """德清县人民政府办公室关于印发德清县2024年优化营商环境重点任务清单的通知
德政办发〔2024〕12号
各乡镇人民政府、街道办事处，县政府各部门、各直属单位：
现将《德清县2024年优化营商环境重点任务清单》印发给你们，请结合实际认真贯彻落实。
德清县人民政府办公室
2024年3月15日
德清县2024年优化营商环境重点任务清单
为深入贯彻落实《湖州市2024年优化营商环境重点任务》（湖政办发〔2024〕5号），结合我县实际，制定本清单。
| 序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限 |
| --- | --- | --- | --- | --- |
| 1 | 深化企业开办“一件事”改革，实现企业开办全流程1个工作日内办结。 | 县市场监管局 | 县数据局、县税务局 | 2024年6月底前 |
| 2 | 推进工程建设项目审批制度改革，社会投资小型低风险项目审批时限压缩至15个工作日以内。 | 县住建局 | 县自然资源规划局 | 2024年9月底前 |
"""


def test_a_document_that_is_only_a_task_table_carries_the_targets_of_its_rows(tmp_path):
    """A 任务清单 (the form many county and district plans take): each row is a measure, and its targets are the row's."""
    from policykg.loaders.reader import load

    (tmp_path / "dq.txt").write_text(TASK_LIST, encoding="utf-8")
    doc = load(tmp_path / "dq.txt").documents[0]
    assert [[(t.indicator, t.comparator, t.value, t.unit) for t in m.targets] for m in doc.measures] == [
        [("企业开办全流程", "<=", 1.0, "个工作日")], [("社会投资小型低风险项目审批时限", "<=", 15.0, "个工作日")]]
    assert [m.targets == t.targets for m, t in zip(doc.measures, doc.tasks, strict=True)] == [True, True]


def _measure(corpus, key):
    return next(m for d in corpus.documents for m in d.measures if m.key == key)


@pytest.mark.parametrize("key, want", [
    # magnitudes stay with their unit (the audit saw 1.1万亿元 read as 1.1 万)
    ("沪企服办-2023-1/4.14", {("1.2 万亿元", 1.2, "万亿元", "="), ("达1.1 万亿元", 1.1, "万亿元", ">="), ("6000 亿元", 6000.0, "亿元", "="),
                              ("100 亿元以上", 100.0, "亿元", ">=")}),
    # a cap before a noun (不超过合同金额30% was = 30%)
    ("沪企服办-2023-1/2.8", {("25 万家", 25.0, "万家", "="), ("不超过合同金额30%", 30.0, "%", "<="), ("不少于20 个", 20.0, "个", ">=")}),
    # a baseline is no target (由目前的1.5%-3% gave two): only where it goes
    ("嘉发改规-2023-2/2.1.2", {("降低至1%以下", 1.0, "%", "<=")}),
    # a processing time limit after an event (7个工作日内作出决定 was missed)
    ("沪高法-2023-47/4.18", {("7 个工作日内", 7.0, "个工作日", "<=")}),
    # a service's name is no target (24小时用工保障机制 gave "24 小时")
    ("金发改规-2023-2/4.1.3", set()),
])
def test_targets_in_corpus_measures(corpus, key, want):
    got = {(t.text, t.value, t.unit, t.comparator) for t in _measure(corpus, key).targets}
    assert got == want


def test_time_limits_are_their_own_kind(corpus):
    assert {t.kind for t in _measure(corpus, "沪高法-2023-47/4.18").targets} == {"time_limit"}
    assert {t.kind for t in _measure(corpus, "沪企服办-2023-1/4.14").targets} == {""}


@pytest.mark.parametrize("key, want", [
    ("t-2b52679608b3/2.3.14", set()),  # 一年内 is a duration, no year-end deadline
    ("沪府办字-2023-5/7.22", {("date", "2023-03-31")}),  # 于3月31日前
    ("沪府办字-2023-5/7.24", {("ongoing", None)}),  # 每年8月: recurring
    ("沪企服办-2023-1/5.22", {("year", "2024-12-31")}),  # 至2024年, the year a target is due
])
def test_deadlines_in_corpus_measures(corpus, key, want):
    assert {(d.kind, d.end) for d in _measure(corpus, key).deadlines} == want
