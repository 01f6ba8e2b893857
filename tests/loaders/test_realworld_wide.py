"""The wide set (tests/fixtures/realworld/wide: 136 real pages from every province): no page lost, fields read.

Floors are the tuning part's counts when the rules were written; the held-back part is scored by
``benchmarks/realworld.py --wide`` and is not asserted on here, so that no rule is written against it.
"""

from __future__ import annotations

import importlib.util

import pytest

from policykg.loaders.reader import load
from tests.conftest import FIXTURES, ROOT

WIDE = FIXTURES / "realworld" / "wide"
FLOOR = {"read": 90, "title": 56, "wen_hao": 41, "date": 46, "issuer": 51, "jurisdiction": 73, "level": 74, "parents": 36,
         "first_measures": 29, "owners": 9, "owners_scoped": 5}


@pytest.fixture(scope="module")
def realworld():
    spec = importlib.util.spec_from_file_location("realworld", ROOT / "benchmarks" / "realworld.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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
