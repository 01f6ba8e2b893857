"""Annex task tables as tasks: each row keeps its own text, owners, deadline and milestones (issue: who must do what by when)."""

from __future__ import annotations

from collections import Counter

import pytest

from policykg.loaders.deadlines import resolve
from policykg.loaders.reader import load
from policykg.ontology.records import DeadlineMention, Provenance, Span
from tests.conftest import CORPUS


@pytest.fixture(scope="module")
def plan_2022():
    return load(CORPUS / "000_4da8fd16706cb87c.txt").documents[0]


@pytest.fixture(scope="module")
def plan_2021():
    return load(CORPUS / "004_b286ac5cd58d9254.txt").documents[0]


def test_every_annex_row_of_the_2022_plan_is_a_task_with_its_own_owners_and_deadline(plan_2022):
    assert str(plan_2022.doc_number) == "金府办发〔2022〕7号"
    tasks = plan_2022.tasks
    assert len(tasks) == 100 and len({t.key for t in tasks}) == 100
    assert all(t.owners for t in tasks) and sum(1 for t in tasks if t.deadlines) >= 98
    assert sum(1 for t in tasks if t.starred) == 40 and all(t.number.endswith("*") == t.starred for t in tasks)
    measures = {m.key for m in plan_2022.measures}
    assert all(t.measure in measures for t in tasks)
    # row 2: 公路养护项目 全流程电子化 … 区建管委, due in September of the plan's year
    row2 = next(t for t in tasks if t.number == "2*")
    assert row2.text.startswith("在公路养护项目实现全流程电子化的基础上") and [o.text for o in row2.owners] == ["区建管委"]
    assert [(d.text, d.kind, d.end) for d in row2.deadlines] == [("9月", "month", "2022-09-30")]
    assert Counter(d.kind for t in tasks for d in t.deadlines)["ongoing"] >= 60  # 持续推进


def test_quarterly_milestones_of_the_2021_plan_are_all_kept(plan_2021):
    tasks = plan_2021.tasks
    assert len(tasks) == 78
    first = tasks[0]
    assert first.text.startswith("推进数据治理，开展“一数一源”治理工作")
    assert [(d.text, d.end) for d in first.deadlines] == [
        ("一季度", "2021-03-31"), ("二季度", "2021-06-30"), ("三季度", "2021-09-30"), ("四季度", "2021-12-31")]
    assert first.deadlines[1].milestone.startswith("加强顶层设计，制定《金山区公共数据管理办法》")
    assert first.due() == "2021-12-31"
    assert sum(1 for t in tasks if len(t.deadlines) >= 4) >= 40


def test_no_measure_has_several_leads_from_its_rows(corpus):
    leads = Counter(o.measure for o in corpus.owned_by if o.role == "lead" and corpus.unit_kind(o.measure) == "measure")
    assert max(leads.values()) == 1
    task_leads = Counter(o.measure for o in corpus.owned_by if o.role == "lead" and corpus.unit_kind(o.measure) == "task")
    assert len(task_leads) >= 150 and max(task_leads.values()) == 1
    # 金府办发〔2022〕7号 二（一）2 b3: four rows with four different first-listed owners; the measure keeps one lead
    rows = [o for o in corpus.owned_by if o.measure == "金府办发-2022-7/2.1.2.b3"]
    assert [o.agency for o in rows if o.role == "lead"] == ["金山区:金山区政务服务办公室"]
    assert {o.rule.split(";")[1] for o in rows} >= {"first_listed_leads", "first_listed_in_a_later_row"}


def test_relative_deadline_in_running_text_resolves_against_the_signing_date(corpus):
    doc = corpus.get("金府办发〔2023〕9号")
    m = next(m for m in doc.measures if any(d.kind == "relative" for d in m.deadlines))
    d = next(d for d in m.deadlines if d.kind == "relative")
    assert d.text.replace(" ", "") == "印发后30日内" and d.start == doc.date
    import datetime

    assert datetime.date.fromisoformat(d.end) - datetime.date.fromisoformat(doc.date) == datetime.timedelta(days=30)


@pytest.mark.parametrize(("text", "kind", "end"), [
    ("2023年底前", "year-end", "2023-12-31"), ("一、二季度", "quarter", "2022-06-30"), ("下半年", "half-year", "2022-12-31"),
    ("2022年6月30日", "date", "2022-06-30"), ("发布后20个工作日内", "relative", "2022-04-14"), ("常态化推进", "ongoing", None),
])
def test_deadline_kinds(text, kind, end):
    d = resolve(DeadlineMention(text, Provenance(Span("f", 1, 1), "t")), 2022, "2022-03-17")
    assert (d.kind, d.end) == (kind, end)


def test_a_row_between_rows_of_one_measure_details_that_measure(corpus):
    """金府办发〔2022〕7号 row 77 restates body measure 2.3.7.b3 in fewer of its words (48 % of its bigrams); rows 76
    and 78 restate 2.3.7.b2 and b3, so it details b3 as their task, not a second measure A.77."""
    doc = next(d for d in corpus.documents if d.key == "金府办发-2022-7")
    keys = {m.key: m for m in doc.measures}
    assert "金府办发-2022-7/A.77" not in keys
    assert keys["金府办发-2022-7/2.3.7.b3"].annex_rows == ("77", "78", "79", "80")
    assert next(t for t in doc.tasks if t.number == "77").measure == "金府办发-2022-7/2.3.7.b3"
