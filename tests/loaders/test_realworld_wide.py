"""The wide set (tests/fixtures/realworld/wide: 236 real pages from every province): no page lost, fields read.

Floors are the tuning part's counts when the rules were written; the held-back part is scored by
``benchmarks/realworld.py --wide`` and is not asserted on here, so that no rule is written against it.
"""

from __future__ import annotations

import pytest

from policykg.loaders.reader import load
from tests.conftest import FIXTURES

WIDE = FIXTURES / "realworld" / "wide"
FLOOR = {"read": 162, "title": 137, "wen_hao": 85, "date": 104, "issuer": 128, "jurisdiction": 151, "level": 153,
         "parents": 70, "first_measures": 68, "owners": 39, "owners_scoped": 47}
# per form of the reading issue: (tuning pages showing it, keyed fields read right on them) when the rules were written
FORMS = {"articles": (14, 93), "body_only": (16, 97), "flattened_table": (6, 45), "forward_notice": (5, 23),
         "joint_issuers": (17, 116), "leading_group_issuer": (6, 49), "lost_date_marks": (14, 86),
         "lost_wenhao_brackets": (13, 81), "metadata_block": (37, 267), "news_wrapper": (14, 96),
         "notice_is_document": (27, 193), "one_line": (10, 55), "raw_html": (2, 13), "traditional_script": (28, 193),
         "two_line_title": (47, 340), "plan_only": (11, 65)}


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
