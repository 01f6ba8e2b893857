"""The wide set (tests/fixtures/realworld/wide: 168 real pages from every province): no page lost, fields read.

Floors are the tuning part's counts when the rules were written; the held-back part is scored by
``benchmarks/realworld.py --wide`` and is not asserted on here, so that no rule is written against it.
"""

from __future__ import annotations

import pytest

from policykg.loaders.reader import load
from tests.conftest import FIXTURES

WIDE = FIXTURES / "realworld" / "wide"
FLOOR = {"read": 122, "title": 99, "wen_hao": 63, "date": 78, "issuer": 98, "jurisdiction": 112, "level": 114, "parents": 52,
         "first_measures": 41, "owners": 19, "owners_scoped": 24}
# per form of the reading issue: (tuning pages showing it, keyed fields read right on them) when the rules were written
FORMS = {"articles": (13, 86), "body_only": (8, 39), "flattened_table": (5, 34), "forward_notice": (4, 15),
         "joint_issuers": (11, 72), "leading_group_issuer": (3, 22), "lost_date_marks": (11, 68), "lost_wenhao_brackets": (9, 55),
         "metadata_block": (32, 223), "news_wrapper": (10, 63), "notice_is_document": (25, 171), "one_line": (6, 26),
         "raw_html": (2, 13), "traditional_script": (19, 133), "two_line_title": (35, 240), "plan_only": (5, 25)}


def test_the_split_is_by_place_and_holds_back_at_least_forty_pages(realworld):
    rows = realworld.wide_rows()
    held = [r for r in rows if r["part"] == "held-back"]
    assert len(rows) >= 120 and len(held) >= 40
    assert not {r["province"] for r in held} & {r["province"] for r in rows if r["part"] == "tuning"}
    assert sorted(p.name for p in WIDE.glob("*.txt")) == sorted(r["file"] for r in rows)  # every page keyed, once


def test_no_page_is_lost():
    lost = [p.name for p in sorted(WIDE.glob("*.txt")) if not load(p).documents]
    assert lost == []


def test_fields_read_right_on_the_tuning_part(realworld):
    right, total, _ = realworld.score(realworld.wide_rows("tuning"), WIDE)
    assert {f: right[f] >= FLOOR[f] for f in FLOOR} == dict.fromkeys(FLOOR, True), right


@pytest.mark.parametrize("form", sorted(FORMS))
def test_each_form_of_the_reading_issue_on_real_pages(realworld, form):
    """Every form the reading issue lists has tuning pages that show it; their keyed fields are read at least as well
    as when the rules were written (a floor per form, so a rule that helps one form cannot silently break another)."""
    rows = [r for r in realworld.wide_rows("tuning") if form in {f.strip() for f in r["forms"].split(",")}]
    right = 0
    for row in rows:
        doc, graph = realworld.read(WIDE / row["file"])
        right += sum(ok for ok, _ in realworld.judge(row, doc, graph).values())
    pages, floor = FORMS[form]
    assert (len(rows), right >= floor) == (pages, True), (len(rows), right)
