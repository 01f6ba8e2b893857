"""The property-graph mapping: embedded engine, neo4j-admin CSV files, and Neo4j when one is configured."""

import csv
import os

import pytest

from policykg.graph.store.backends.ladybug_db import LadybugBackend
from policykg.graph.store.backends.mapping import NODES, RELS, load_statements, neo4j_constraints
from policykg.graph.store.backends.neo4j_csv import export_csv, import_command, read_csv


def _dump(backend):
    out = {}
    for n in NODES:
        cols = ", ".join(f"n.{p} AS {p}" for p, _ in n.props)
        out[n.label] = sorted(map(tuple, backend.query(f"MATCH (n:{n.label}) RETURN {cols}")[1]), key=str)
    for r in RELS:
        cols = ", ".join(f"e.{p} AS {p}" for p, _ in r.props)
        out[r.type] = sorted(map(tuple, backend.query(f"MATCH (a)-[e:{r.type}]->(b) RETURN a.key, b.key, {cols}")[1]), key=str)
    return out


def test_embedded_load_is_idempotent(pg_rows):
    backend = LadybugBackend()
    backend.load_rows(*pg_rows)
    first = _dump(backend)
    backend.load_rows(*pg_rows)
    assert _dump(backend) == first
    counts = backend.counts()
    assert counts["Measure"] == 850 and counts["Document"] == 75 and counts["IMPLEMENTS"] == len(pg_rows[1][("IMPLEMENTS", "Measure", "Measure")]) + sum(
        len(v) for k, v in pg_rows[1].items() if k[0] == "IMPLEMENTS" and k[1:] != ("Measure", "Measure"))


def test_every_relationship_carries_provenance(ladybug):
    for r in RELS:
        names = {p for p, _ in r.props}
        if r.type in ("IN_JURISDICTION", "BELONGS_TO", "COUNTERPART", "WITHIN"):
            continue  # structural facts of the agency/jurisdiction model, not extracted edges
        assert {"rule", "file", "lineStart", "lineEnd"} <= names, r.type
        missing = ladybug.query(f"MATCH ()-[e:{r.type}]->() WHERE e.file IS NULL OR e.rule IS NULL RETURN count(e)")[1][0][0]
        assert missing == 0, r.type


def test_load_statements_parse(ladybug):
    for stmt, _, _ in load_statements():
        assert ladybug.check_syntax(stmt) is None, stmt
    for stmt in neo4j_constraints():  # Neo4j-only DDL: checked for its fixed form
        assert stmt.startswith("CREATE CONSTRAINT ") and stmt.endswith("REQUIRE n.key IS UNIQUE")


def test_csv_headers_and_reimport(tmp_path, pg_rows, ladybug):
    files = export_csv(*pg_rows, tmp_path)
    with (tmp_path / "nodes_Document.csv").open(encoding="utf-8") as f:
        header = next(csv.reader(f))
    assert header[0] == "key:ID(Document)" and header[-1] == ":LABEL"
    assert {"year:long", "citedOnly:boolean", "date:date", "dayNumber:long"} <= set(header)
    with (tmp_path / "nodes_Agency.csv").open(encoding="utf-8") as f:
        agencies = list(csv.DictReader(f))
    assert "aliases:string[]" in agencies[0] and "functionalType" in agencies[0]
    several = next(a for a in agencies if ";" in a["aliases:string[]"])  # list items as the importer splits them
    assert all(several["aliases:string[]"].split(";"))
    with (tmp_path / "rels_OWNED_BY_Measure_Agency.csv").open(encoding="utf-8") as f:
        header = next(csv.reader(f))
    assert header[:2] == [":START_ID(Measure)", ":END_ID(Agency)"] and header[-1] == ":TYPE"
    assert "lineStart:long" in header
    with (tmp_path / "rels_IMPLEMENTS_Measure_Measure.csv").open(encoding="utf-8") as f:
        assert "score:double" in next(csv.reader(f))
    command = import_command(files)
    assert command.startswith("neo4j-admin database import full") and "--nodes=Document=" in command
    assert "--ignore-empty-strings=true" in command and "--array-delimiter=';'" in command
    assert "--relationships=OWNED_BY=" in command and "--relationships=IN_JURISDICTION=" in command
    again = LadybugBackend()
    again.load_rows(*read_csv(tmp_path))
    assert again.counts() == ladybug.counts()
    typed = "MATCH (d:Document) WHERE d.date IS NOT NULL RETURN d.key, d.date ORDER BY d.key LIMIT 5"
    assert again.query(typed) == ladybug.query(typed) and len(ladybug.query(typed)[1]) == 5
    lists = "MATCH (a:Agency) WHERE size(a.aliases) > 1 RETURN a.key, a.aliases ORDER BY a.key LIMIT 5"
    assert again.query(lists) == ladybug.query(lists) and isinstance(ladybug.query(lists)[1][0][1], list)


def test_quoted_paths_in_the_import_command(tmp_path):
    import shlex

    folder = tmp_path / "my graph"
    folder.mkdir()
    files = [folder / "nodes_Document.csv", folder / "rels_OWNED_BY_Measure_Agency.csv"]
    words = shlex.split(import_command(files).replace("\\\n", " "))
    assert f"--nodes=Document={files[0]}" in words and f"--relationships=OWNED_BY={files[1]}" in words


def test_dates_are_dates_and_camel_case_keys(ladybug):
    cols, rows = ladybug.query("MATCH (d:Document) WHERE d.date >= date('2023-01-01') RETURN d.date, d.citedOnly LIMIT 1")
    assert rows and isinstance(rows[0][0], str) and len(rows[0][0]) == 10  # a DATE column, given back as ISO text


@pytest.mark.neo4j
def test_neo4j_load_twice_and_queries_agree(neo4j_driver, pg_rows, ladybug, sparql_store):
    from policykg.graph.store.backends.neo4j_db import Neo4jBackend
    from policykg.queries.catalog import catalog, get
    from policykg.queries.run import bind

    database = os.environ.get("NEO4J_DATABASE")
    server = Neo4jBackend(neo4j_driver, database, wipe=True)
    server.load_rows(*pg_rows)
    first = server.counts()
    Neo4jBackend(neo4j_driver, database).load_rows(*pg_rows)
    assert server.counts() == first == ladybug.counts()
    for name, language in catalog():
        if language != "cypher":
            continue
        q = get(name, "cypher")
        params = bind(q, {})
        assert server.query(q.text, params)[1] == ladybug.query(q.text, params)[1] == sparql_store.query(get(name, "sparql").text, params)[1], name


def test_bulk_copy_gives_the_graph_the_merge_statements_give(pg_rows, ladybug):
    """A build COPYs data frames into LadybugDB; Neo4j gets the MERGE statements: both must hold the same graph."""
    from policykg.graph.store.backends import mapping
    from policykg.graph.store.backends.ladybug_db import LadybugBackend

    copied = LadybugBackend()
    copied.copy_rows(*pg_rows)
    assert copied.counts() == ladybug.counts()
    for spec in mapping.NODES:
        props = ", ".join(f"n.{name}" for name, _ in spec.props)
        query = f"MATCH (n:{spec.label}) RETURN {props} ORDER BY n.key"
        assert copied.query(query) == ladybug.query(query), spec.label
    for rel in mapping.RELS:
        props = ", ".join(f"e.{name}" for name, _ in rel.props)
        query = f"MATCH (a)-[e:{rel.type}]->(b) RETURN a.key, b.key, {props} ORDER BY e.key, a.key, b.key"
        assert copied.query(query) == ladybug.query(query), rel.type
