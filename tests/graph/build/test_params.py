"""The thresholds in one object: the build decides by it, and a sweep re-aligns the corpus at other values."""

from __future__ import annotations

import pytest

from policykg.graph.build.evaluate import evaluate, sweep
from policykg.graph.build.params import DEFAULT, with_value
from tests.conftest import FIXTURES

GOLD, MEASURES = FIXTURES / "eval" / "implements-dev.tsv", FIXTURES / "eval" / "municipal-measures.tsv"


def test_a_threshold_is_set_by_name_and_typed_as_its_field():
    assert with_value(DEFAULT, "floor=0.2").floor == 0.2 and with_value(DEFAULT, "max_sources=2").max_sources == 2
    assert DEFAULT.floor == 0.05  # frozen: the default is untouched
    with pytest.raises(ValueError, match="no threshold 'flor'"):
        with_value(DEFAULT, "flor=0.2")
    with pytest.raises(ValueError, match="takes a number"):
        with_value(DEFAULT, "floor=high")


def test_a_sweep_aligns_again_at_each_value(corpus):
    built = evaluate(corpus, GOLD, MEASURES).high_medium
    rows = dict(sweep(corpus, GOLD, MEASURES, "floor=0.05,0.3"))
    assert rows["0.05"] == built  # the default value gives the build's own links
    assert rows["0.3"].recall < built.recall and rows["0.3"].precision >= built.precision  # a higher floor links less
