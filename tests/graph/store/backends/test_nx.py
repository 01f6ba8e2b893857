"""networkx and Gephi: the graph as a MultiDiGraph, and GraphML / GEXF files that read back."""

import io

import networkx as nx

from policykg.graph.store.backends.mapping import all_rows
from policykg.graph.store.backends.nx import serialise, to_networkx


def test_every_node_and_relationship_of_the_property_graph(corpus, pg_rows):
    g = to_networkx(corpus)
    nodes, rels = pg_rows
    assert g.number_of_nodes() == sum(map(len, nodes.values()))
    assert g.number_of_edges() == sum(map(len, rels.values()))
    edge = next(d for _, _, k, d in g.edges(keys=True, data=True) if k == "IMPLEMENTS")
    assert {"id", "type", "score", "rule", "file", "lineStart", "lineEnd", "confidence"} <= set(edge)
    assert g.nodes["金山区:金山区政务服务办公室"]["label"] == "Agency"


def test_graphml_and_gexf_read_back(corpus):
    g = to_networkx(corpus)
    back = nx.read_graphml(io.BytesIO(serialise(corpus, "graphml")), force_multigraph=True)
    assert back.number_of_nodes() == g.number_of_nodes() and back.number_of_edges() == g.number_of_edges()
    key = next(k for k in corpus.get("金发改规〔2023〕2号").measures if k.title == "推行高效监管").key
    assert {d["relationship"] for _, _, d in back.out_edges(key, data=True)} >= {"IMPLEMENTS", "PART_OF"}
    gexf = nx.read_gexf(io.BytesIO(serialise(corpus, "gexf")))
    assert gexf.number_of_nodes() == g.number_of_nodes()


def test_network_files_that_strict_readers_accept(corpus):
    """What graphology and igraph tripped on: repeated GraphML edge ids (OWNED_BY 1,772 times), a relationship type
    in GEXF's edge type attribute (directed / undirected / mutual only), and kind names as every node's label."""
    import re

    graphml = serialise(corpus, "graphml").decode("utf-8")
    ids = re.findall(r'<edge [^>]*?id="([^"]+)"', graphml)
    assert len(ids) == len(set(ids)) == to_networkx(corpus).number_of_edges()
    gexf = serialise(corpus, "gexf").decode("utf-8")
    assert set(re.findall(r'<edge [^>]*?type="([^"]+)"', gexf)) <= {"directed", "undirected", "mutual"}
    labels = dict(re.findall(r'<node id="([^"]+)" label="([^"]+)"', gexf))
    assert labels["金发改规-2023-2"] == "金山区加强集成创新持续优化营商环境行动方案"
    assert "Measure" not in set(labels.values()) and "Agency" not in set(labels.values())
    assert serialise(corpus, "graphml") == serialise(corpus, "graphml")  # stable bytes


def test_rows_and_graph_agree_on_keys(corpus):
    nodes, _ = all_rows(corpus)
    assert set(to_networkx(corpus).nodes) == {r["key"] for rows in nodes.values() for r in rows}
