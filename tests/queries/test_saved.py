"""Saved queries: both languages, the portable Cypher subset, parity between engines, injection."""

import re

import pytest

from policykg.queries.catalog import get, names
from policykg.queries.run import bind

# Constructs that mean something else (or nothing) on LadybugDB than on Neo4j 5.
FORBIDDEN = {
    "multi-label pattern": re.compile(r"\(\s*\w*\s*:\s*\w+\s*:\s*\w+"),
    "list indexing": re.compile(r"\w\s*\[\s*-?\d+\s*\]"),
    "CALL subquery": re.compile(r"\bCALL\s*\{", re.I),
    "FOREACH": re.compile(r"\bFOREACH\b", re.I),
    "SET +=": re.compile(r"\bSET\b[^;]*\+=", re.I),
    "REMOVE": re.compile(r"\bREMOVE\b", re.I),
    "shortestPath": re.compile(r"shortestPath", re.I),
    "type()": re.compile(r"\btype\s*\(", re.I),
    "toInteger()": re.compile(r"\btoInteger\s*\(", re.I),
    "datetime()": re.compile(r"\bdatetime\s*\(", re.I),
    "substring()": re.compile(r"\bsubstring\s*\(", re.I),
    "labels()": re.compile(r"\blabels\s*\(", re.I),
    "list comprehension": re.compile(r"\[\s*\w+\s+IN\b[^\]]*\|", re.I),
    "LOAD CSV": re.compile(r"\bLOAD\s+CSV\b", re.I),
}


def _normal(rows):
    return [[round(v, 6) if isinstance(v, float) else v for v in row] for row in rows]


def test_every_query_in_both_languages_with_the_same_header():
    assert names()
    for name in names():
        s, c = get(name, "sparql"), get(name, "cypher")
        assert s.columns == c.columns and [(p.name, p.default) for p in s.params] == [(p.name, p.default) for p in c.params], name
        assert "/" in s.description  # Chinese / English


@pytest.mark.parametrize("construct", sorted(FORBIDDEN))
def test_subset_checker_rejects(construct):
    samples = {
        "multi-label pattern": "MATCH (n:Agency:Measure) RETURN n", "list indexing": "RETURN xs[0]", "CALL subquery": "CALL { MATCH (n) RETURN n }",
        "FOREACH": "FOREACH (x IN xs | SET x.a = 1)", "SET +=": "MATCH (n) SET n += $p", "REMOVE": "MATCH (n) REMOVE n.a",
        "shortestPath": "MATCH p = shortestPath((a)-[*]-(b)) RETURN p", "type()": "MATCH ()-[e]->() RETURN type(e)",
        "toInteger()": "RETURN toInteger('1')", "datetime()": "RETURN datetime()", "substring()": "RETURN substring('ab', 1)",
        "labels()": "MATCH (n) RETURN labels(n)", "list comprehension": "RETURN [x IN xs | x + 1]", "LOAD CSV": "LOAD CSV FROM 'f' AS r RETURN r",
    }
    assert FORBIDDEN[construct].search(samples[construct])


@pytest.mark.parametrize("name", names())
def test_saved_cypher_is_in_the_portable_subset_and_parses(name, ladybug):
    text = "\n".join(line for line in get(name, "cypher").text.splitlines() if not line.startswith("//"))
    for construct, pattern in FORBIDDEN.items():
        assert not pattern.search(text), f"{name}: {construct}"
    assert ladybug.check_syntax(text) is None


# Hand-checked cases (each read against the text or the build outputs):
CASES = {
    # 嘉定 measure 1 (水电气网报装更快捷) restates M-2.3 市政公共基础设施报装 of 沪府办规〔2023〕1号
    "trace": ({"measure": "嘉发改规-2023-2/2.1.1"}, lambda df: df.source_key.tolist() == ["沪府办规-2023-1/2.3"] and df.confidence[0] == "high"),
    # 金山区 agencies: the 2021 and 2023 plans are the two 金山 documents with owners; 区政务服务办 leads most
    "agency-load": ({"jurisdiction": "金山区"}, lambda df: df.key[0] == "金山区:金山区政务服务办公室" and df.documents[0] == 2),
    # the 金山 derivation tree: 5 edges, among them 2024 plan ← cited-only 上海市坚持对标改革…行动方案
    "lineage": ({"jurisdiction": "金山区"}, lambda df: len(df) == 5 and "金营联办-2024-3" in df.child_key.tolist()
                and df[df.child_key == "金营联办-2024-3"].parent_cited_only.tolist() == [True]),
    # 市发展改革委 and 市财政局 own measures in 7 documents each (agency-load agrees); nobody else reaches 7
    "cross-document-agencies": ({"min_documents": 7}, lambda df: sorted(df.key.unique()) == ["上海市:上海市发展和改革委员会", "上海市:上海市财政局"]
                                and (df.documents == 7).all() and len(df) == 14),
    # M-2.3 市政公共基础设施报装: 嘉定 1 (水电气网报装更快捷) restates it; 青浦 splits it into 5 points ((26)-(30) …)
    "coverage-matrix": ({"document": "沪府办规-2023-1"}, lambda df: df[(df.municipal_key == "沪府办规-2023-1/2.3") & (df.district == "嘉定区")].measures.tolist() == [1]
                        and df[(df.municipal_key == "沪府办规-2023-1/2.3") & (df.district == "青浦区")].measures.tolist() == [5]),
    # 嘉定 21 人才引进加大力度 is a local initiative (dev key: NONE, high)
    "gaps": ({"kind": "district"}, lambda df: "人才引进加大力度" in df[df.document == "嘉发改规-2023-2"].title.tolist()),
    # 沪府办规〔2023〕1号 signed 2023-01-04; 嘉定 2023-02-22 → 49 days; 长宁 2023-01-29 → 25 days
    "diffusion-lag": ({"parent": "沪府办规-2023-1"}, lambda df: dict(zip(df.child_key, df.lag_days, strict=True))["嘉发改规-2023-2"] == 49
                      and dict(zip(df.child_key, df.lag_days, strict=True))["长发改规-2023-2"] == 25),
    # 区政务服务办 and 区行政服务中心 share 9 measures: 金委办〔2021〕34号 1, 4, 6, 10, 11, 72 and three of 金府办发〔2022〕7号
    "co-ownership": ({"jurisdiction": "金山区"}, lambda df: df.iloc[0].tolist() == [
        "金山区:金山区政务服务办公室", "金山区政务服务办公室", "金山区:金山区行政服务中心", "金山区行政服务中心", 9]),
    # 区政务服务办 on annex tasks: 金委办〔2021〕34号 task 1 (推进数据治理…) keeps its four quarterly milestones; ordered by due date
    "agency-tasks": ({"agency": "金山区:金山区政务服务办公室"}, lambda df: (df.agency == "金山区:金山区政务服务办公室").all() and len(df) >= 20
                     and df[df.task == "金委办-2021-34/T.1"].due.tolist() == ["2021-12-31"]
                     and df[df.task == "金委办-2021-34/T.1"].milestones.str.count("季度 2021-").tolist() == [4]
                     and df.due.dropna().is_monotonic_increasing),
    # 2022, the 金府办发〔2022〕7号 year: 区政务服务办 has most tasks falling due (9, 8 of them led)
    "deadlines": ({"due_after": "2022-01-01", "due_before": "2022-12-31"}, lambda df: df.iloc[0][["agency", "tasks", "led"]].tolist()
                  == ["金山区:金山区政务服务办公室", 9, 8]),
    # 金委办〔2021〕34号 二（八）23: 审批时限 压缩至两个工作日
    "targets": ({"document": "金委办-2021-34"}, lambda df: "审批时限 <= 2 个工作日（压缩至两个工作日）" in df[df.measure == "金委办-2021-34/2.8.23"].targets.tolist()),
    # 黄浦区商务委员会 owns 10 measures of 黄府规〔2023〕4号 that implement 8 measures owned by 市商务委 in 沪府规〔2023〕1号
    "counterparts": ({"agency": "上海市:上海市商务委员会"}, lambda df: df.values.tolist() == [["黄浦区:黄浦区商务委员会", "黄浦区商务委员会", "黄浦区", 10, 8]]),
}


@pytest.mark.parametrize("name", names())
def test_sparql_and_cypher_agree_and_hand_checked_case_holds(name, ladybug, sparql_store):
    import pandas as pd

    for params in ({}, CASES.get(name, ({}, None))[0]):
        bound_s = bind(get(name, "sparql"), params)
        cols_s, rows_s = sparql_store.query(get(name, "sparql").text, bound_s)
        cols_c, rows_c = ladybug.query(get(name, "cypher").text, bind(get(name, "cypher"), params))
        assert cols_s == cols_c == list(get(name, "sparql").columns)
        assert _normal(rows_s) == _normal(rows_c), (name, params)
    params, check = CASES[name]
    columns, rows = sparql_store.query(get(name, "sparql").text, bind(get(name, "sparql"), params))
    df = pd.DataFrame(rows, columns=columns)
    assert check(df), df.head()


INJECTIONS = ['"', "' OR 1=1 --", '"} UNION { ?s ?p ?o } #', "}", '") DETACH DELETE n //', "MATCH (n) DETACH DELETE n", "x\\\" ]"]


@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_through_parameters_is_harmless(value, ladybug, sparql_store):
    before_pg, before_rdf = ladybug.counts(), len(sparql_store)
    for name in names():
        for p in get(name, "cypher").params:
            if isinstance(p.default, str):
                if p.name.endswith(("_after", "_before")):  # a date bound: anything but YYYY-MM-DD is refused before any engine runs
                    for engine in ("cypher", "sparql"):
                        with pytest.raises(ValueError, match="must be a date"):
                            bind(get(name, engine), {p.name: value})
                    continue
                _, rows_c = ladybug.query(get(name, "cypher").text, bind(get(name, "cypher"), {p.name: value}))
                _, rows_s = sparql_store.query(get(name, "sparql").text, bind(get(name, "sparql"), {p.name: value}))
                assert rows_c == [] and rows_s == []  # a value that matches nothing, taken literally
    assert ladybug.counts() == before_pg and len(sparql_store) == before_rdf


def test_unknown_parameter_is_an_error():
    with pytest.raises(ValueError, match="no parameter"):
        bind(get("trace", "sparql"), {"mesure": "x"})


def _both(graph):
    from policykg.graph.store.backends.ladybug_db import LadybugBackend
    from policykg.graph.store.backends.mapping import all_rows
    from policykg.graph.store.backends.rdf import OxigraphBackend

    store, backend = OxigraphBackend(), LadybugBackend()
    store.load(graph)
    backend.load_rows(*all_rows(graph))
    return {"sparql": store, "cypher": backend}


@pytest.fixture(scope="module")
def chain():
    """A province's plan, its city's and a county's (tests/fixtures/chain): the levels outside Shanghai."""
    from pathlib import Path

    from policykg.graph.build.pipeline import build_corpus

    graph = build_corpus(Path(__file__).parents[1] / "fixtures" / "chain")
    return graph, _both(graph)


def _gap_keys(engine, backend, kind):
    _, rows = backend.query(get("gaps", engine).text, bind(get("gaps", engine), {"kind": kind}))
    return sorted(row[0] for row in rows)


@pytest.mark.parametrize(("kind", "side"), [("municipal", "unimplemented_municipal"), ("district", "local_measures")])
def test_saved_gaps_are_the_gaps_the_build_writes(kind, side, corpus, ladybug, sparql_store, chain):
    """One definition of a gap: the saved query lists, in both languages, exactly what links.json lists, on the corpus
    (a municipal bureau's plan derived from the city's counts as a derivative) and on a province → city → county chain."""
    for graph, engines in ((corpus, {"sparql": sparql_store, "cypher": ladybug}), chain):
        assert graph.gaps[side]
        for engine, backend in engines.items():
            assert _gap_keys(engine, backend, kind) == sorted(graph.gaps[side]), (engine, kind)


def test_coverage_matrix_covers_every_level_below_a_plan(chain):
    """Outside Shanghai a city implements its province's plan and a county its city's: both are columns."""
    graph, engines = chain
    for engine, backend in engines.items():
        columns, rows = backend.query(get("coverage-matrix", engine).text, bind(get("coverage-matrix", engine), {}))
        cells = {(row[0].split("/")[0], row[3]) for row in rows}
        assert ("浙政办发-2023-18", "杭州市") in cells and ("杭政办函-2023-21", "杭州市淳安县") in cells, engine
        assert not any(place.endswith(graph.get(doc).jurisdiction) for doc, place in cells), engine  # never the plan's own place


def test_dataframes_are_typed_alike_on_both_engines_and_when_empty(build_dir):
    """Dates are datetime64, counts integers, scores floats and flags booleans, on both engines and for no rows."""
    import policykg

    for name, expected in [("deadlines", {"first_due": "datetime64[ns]", "tasks": "Int64"}),
                           ("lineage", {"score": "Float64", "parent_cited_only": "boolean", "child_key": "string"}),
                           ("diffusion-lag", {"child_date": "datetime64[ns]", "lag_days": "Int64"})]:
        frames = [policykg.run_query(name, engine=e, build_dir=build_dir) for e in ("sparql", "cypher")]
        assert all(len(f) for f in frames)
        assert frames[0].dtypes.astype(str).to_dict() == frames[1].dtypes.astype(str).to_dict()
        assert {c: str(frames[0][c].dtype) for c in expected} == expected
    empty = policykg.run_query("agency-tasks", build_dir=build_dir, agency="no such agency")
    assert len(empty) == 0 and str(empty["due"].dtype) == "datetime64[ns]" and str(empty["line_start"].dtype) == "Int64"
