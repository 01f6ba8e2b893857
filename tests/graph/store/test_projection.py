"""One declaration per record: a field added to Measure and to its projection reaches every store and output."""

from __future__ import annotations

import csv
import dataclasses
import json

import pytest
from click.testing import CliRunner
from rdflib import URIRef

from policykg.graph.store import projection
from policykg.graph.store.backends import mapping
from policykg.graph.store.model import PolicyGraph
from policykg.ontology import plain, records
from tests.conftest import CORPUS

PRIORITY = URIRef("https://w3id.org/policykg/ontology#priority")


@dataclasses.dataclass(frozen=True)
class MeasureWithPriority(records.Measure):
    priority: str = "normal"


@pytest.fixture()
def priority_field(monkeypatch):
    """Measure gains a field, and its projection one property; every projection is derived again."""
    prop = projection.Prop[MeasureWithPriority]("priority", "STRING", lambda m: m.priority, PRIORITY)
    measure_kind = dataclasses.replace(projection.MEASURE, props=(*projection.MEASURE.props, prop))
    kinds = tuple(measure_kind if k is projection.MEASURE else k for k in projection.NODE_KINDS)
    with monkeypatch.context() as m:
        m.setattr(records, "Measure", MeasureWithPriority)
        m.setattr(projection, "NODE_KINDS", kinds)
        plain._field_types.cache_clear()  # Document.measures now decodes to the new class
        nodes = mapping._node_specs()
        m.setattr(mapping, "NODES", nodes)
        m.setattr(mapping, "NODE", {n.label: n for n in nodes})
        yield
    plain._field_types.cache_clear()


def _with_priority(corpus: PolicyGraph, key: str) -> PolicyGraph:
    def convert(m: records.Measure) -> MeasureWithPriority:
        fields = {f.name: getattr(m, f.name) for f in dataclasses.fields(m)}
        return MeasureWithPriority(**fields, priority="high" if m.key == key else "normal")

    docs = tuple(dataclasses.replace(d, measures=tuple(convert(m) for m in d.measures)) for d in corpus.documents)
    return dataclasses.replace(corpus, documents=docs)


def test_a_new_measure_field_reaches_rdf_cypher_csv_and_json(priority_field, corpus, tmp_path):
    from policykg.cli import main
    from policykg.graph.store.backends.ladybug_db import LadybugBackend
    from policykg.graph.store.backends.neo4j_csv import export_csv
    from policykg.graph.store.backends.rdf import OxigraphBackend
    from policykg.graph.store.outputs import write_manifest, write_outputs

    key = corpus.get("金发改规〔2023〕2号").measures[0].key
    graph = _with_priority(corpus, key)

    store = OxigraphBackend()
    store.load(graph)
    _, rows = store.query(f"SELECT ?m WHERE {{ ?m <{PRIORITY}> \"high\" }}")
    assert [r[0].rsplit("/", 2)[-2:] for r in rows] == [key.split("/")]

    cypher = LadybugBackend()
    cypher.load(graph)
    assert cypher.query("MATCH (m:Measure) WHERE m.priority = $p RETURN m.key", {"p": "high"})[1] == [[key]]

    export_csv(*mapping.all_rows(graph), tmp_path / "csv")
    with (tmp_path / "csv" / "nodes_Measure.csv").open(encoding="utf-8") as f:
        table = list(csv.DictReader(f))
    assert "priority" in table[0] and {r["key:ID(Measure)"] for r in table if r["priority"] == "high"} == {key}

    out = tmp_path / "out"
    write_outputs(graph, out)
    write_manifest(out, CORPUS, graph, "test")
    result = CliRunner().invoke(main, ["measures", "金发改规〔2023〕2号", "--json", "--build-dir", str(out)])
    assert result.exit_code == 0, result.output
    assert [m["priority"] for m in json.loads(result.stdout)["measures"]][:2] == ["high", "normal"]


def test_without_the_declaration_the_field_stays_out_of_the_stores(corpus):
    """The projection, not the record, decides what reaches the stores (the mirror of the test above)."""
    graph = _with_priority(corpus, corpus.documents[0].measures[0].key)
    assert all("priority" not in r for r in mapping.node_rows(graph)["Measure"])


def test_only_high_and_medium_links_are_asserted_as_implements(sparql_store, corpus):
    _, rows = sparql_store.query("PREFIX pkg: <https://w3id.org/policykg/ontology#> SELECT (COUNT(*) AS ?n) WHERE { ?s pkg:implements ?t }")
    strong = sum(1 for i in corpus.implements if i.confidence in ("high", "medium"))
    assert strong < len(corpus.implements)  # the corpus has low-confidence leads, so the filter is tested
    assert rows == [[strong]]
    _, qualified = sparql_store.query(
        "PREFIX pkg: <https://w3id.org/policykg/ontology#> SELECT (COUNT(*) AS ?n) WHERE { ?s pkg:qualifiedImplementation ?q }")
    assert qualified == [[len(corpus.implements)]]  # low ones are kept, as qualified nodes only


def test_one_edge_key_in_rdf_and_the_property_graph(sparql_store, pg_rows):
    pg_keys = {r["key"] for r in pg_rows[1][("OWNED_BY", "Measure", "Agency")]}
    _, rows = sparql_store.query("PREFIX pkg: <https://w3id.org/policykg/ontology#> SELECT ?q WHERE { ?m pkg:qualifiedOwnership ?q }")
    rdf_keys = {r[0].rsplit("/", 1)[-1] for r in rows}
    assert pg_keys and pg_keys <= rdf_keys


def test_deadlines_reach_rdf_and_cypher(corpus, sparql_store, ladybug):
    dated = [m for d in corpus.documents for m in d.measures if any(x.year for x in m.deadlines)]
    assert dated
    m = dated[0]
    year = min(x.year for x in m.deadlines if x.year)
    query = "PREFIX pkg: <https://w3id.org/policykg/ontology#> SELECT ?t ?y ?param_key WHERE { ?m pkg:key ?param_key ; pkg:deadline ?t ; pkg:deadlineYear ?y }"
    _, rows = sparql_store.query(query, {"key": m.key})
    assert rows and rows[0][1] == year and m.deadlines[0].text in rows[0][0]
    assert ladybug.query("MATCH (m:Measure) WHERE m.key = $k RETURN m.deadlineYear", {"k": m.key})[1] == [[year]]
    counted = ladybug.query("MATCH (m:Measure) WHERE m.deadline IS NOT NULL RETURN count(m)")[1][0][0]
    assert counted == sum(1 for d in corpus.documents for x in d.measures if x.deadlines)


HAIDIAN = """北京市海淀区人民政府关于印发《海淀区优化营商环境工作措施》的通知
各镇政府、街道办事处，各委、办、局，区属各单位：
现将《海淀区优化营商环境工作措施》印发给你们，请认真贯彻落实。
北京市海淀区人民政府
2018年4月13日
海淀区优化营商环境工作措施
一、营造包容开放的发展环境
1.不断拓展民间资本投资领域。积极落实民间投资政策。（责任单位：区发展改革委、区商务委、海淀园管委会）
"""


def test_jurisdictions_outside_shanghai_are_one_node_each_with_the_units_they_lie_in(tmp_path):
    """海淀区's document and its agencies share one jurisdiction, keyed with its city (朝阳区 exists in 北京 and 长春),
    which lies in 北京市; a zone lies in its city, the city in its province; no Shanghai node without Shanghai."""
    from policykg.graph.build.pipeline import build_corpus
    from tests.graph.build.test_agencies import ZONE

    (tmp_path / "haidian.txt").write_text(HAIDIAN, encoding="utf-8")
    (tmp_path / "zone.txt").write_text(ZONE, encoding="utf-8")
    graph = build_corpus(tmp_path)
    nodes = {j.name: (j.level, j.within) for j in projection.jurisdictions(graph)}
    assert nodes == {
        "北京市": ("municipal", None), "北京市海淀区": ("district", "北京市"),
        "江苏省": ("provincial", None), "苏州市": ("municipal", "江苏省"), "苏州工业园区": ("district", "苏州市"),
        "中华人民共和国": ("national", None),  # 苏州海关's head, 海关总署, is a national body
    }
    edges = set(projection.IN_JURISDICTION.items(graph))
    doc = next(d for d in graph.documents if d.jurisdiction == "海淀区")
    assert ("Document", doc.key, "北京市海淀区") in edges
    haidian = {a.key for a in graph.agencies if a.name.startswith("北京市海淀区")}
    assert len(haidian) >= 3  # the government and the two owners
    assert {(key, to) for _, key, to in edges if key in haidian} == {(key, "北京市海淀区") for key in haidian}
