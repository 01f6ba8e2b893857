"""trace shows what a district measure kept, added and dropped of its source, with lines on both sides."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from policykg.queries.diff import diff_json
from policykg.queries.trace import find_measures, trace


def test_trace_of_the_ten_minute_circle_shows_the_diff(corpus):
    [unit] = find_measures(corpus, ["黄府办发-2023-17/3.9"])
    [source] = [s for s in trace(corpus, unit)["sources"] if s["key"] == "沪府办-2023-9/3.9"]
    diff = source["diff"]
    assert source["relation"] == "strengthens"
    assert any("10" in a["text"] for a in diff["added"]) and any("15" in x["text"] for x in diff["dropped"])
    assert 0.5 < diff["kept_share"] < 1 and diff["kept"][0]["district_line"] >= unit.line_start
    for run in diff["kept"]:
        assert unit.text[run["district_start"]:run["district_end"]] == run["text"]


@given(st.text(alphabet="政务服务一网通办推进优化，。10", max_size=40), st.text(alphabet="政务服务一网通办推进优化，。15", max_size=40))
def test_runs_point_into_their_texts(district, municipal):
    d = diff_json(district, municipal, lambda i: 1, lambda i: 1)
    for run in d["kept"] + d["added"]:
        assert district[run["district_start"]:run["district_end"]] == run["text"]
    for run in d["dropped"]:
        assert municipal[run["municipal_start"]:run["municipal_end"]] == run["text"]
    assert 0 <= d["kept_share"] <= 1 and 0 <= d["covered_share"] <= 1
