import json

import pytest
from click.testing import CliRunner

from policykg.cli import main


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """`policykg build` of the bundled corpus into a temporary folder."""
    out = tmp_path_factory.mktemp("built") / "out"
    result = CliRunner().invoke(main, ["build", "--quiet", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out, result.output


def test_documents_json_lists_every_document():
    result = CliRunner().invoke(main, ["documents", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len([r for r in rows if not r["cited_only"]]) == 28
    row = next(r for r in rows if r["wen_hao"] == "金营联办〔2024〕3号")
    assert set(row) >= {"key", "wen_hao", "title", "issuers", "date", "level", "jurisdiction", "sources"}
    assert row["sources"][0]["file"].startswith("001_")


def test_measures_by_doc_number_json():
    result = CliRunner().invoke(main, ["measures", "金发改规〔2023〕2号", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    m = data["measures"][0]
    assert set(m) >= {"key", "number", "path", "title", "text", "owners", "deadline", "source"}
    assert m["written_path"] == "二（一）1" and m["title"] == "强化透明监管"


def test_measures_unknown_document_is_a_clear_error():
    result = CliRunner().invoke(main, ["measures", "沪府〔1999〕9号"])
    assert result.exit_code != 0 and "no document" in result.output


def test_build_strict_fails_on_skips(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "empty.txt").write_text("")
    (corpus / "plan.txt").write_text("某区行动方案\n一、任务\n1.推进改革。（责任单位：区发改委）\n", encoding="utf-8")
    out = tmp_path / "out"
    ok = CliRunner().invoke(main, ["build", "--corpus", str(corpus), "--out", str(out)])
    assert ok.exit_code == 0 and "empty.txt: empty file" in ok.output
    strict = CliRunner().invoke(main, ["build", "--corpus", str(corpus), "--out", str(out), "--strict"])
    assert strict.exit_code == 2
    assert (out / "documents.json").exists()


def test_missing_corpus_folder():
    result = CliRunner().invoke(main, ["documents", "--corpus", "/nonexistent/folder"])
    assert result.exit_code != 0 and "corpus folder not found" in result.output


def test_agencies_ranked_and_filtered(built):
    store = str(built[0] / "store")
    result = CliRunner().invoke(main, ["agencies", "--jurisdiction", "金山区", "--json", "--store", store])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows and all(r["jurisdiction"] == "金山区" for r in rows)
    keys = [(-r["documents"], -r["measures"]) for r in rows]
    assert keys == sorted(keys)
    assert set(rows[0]) >= {"key", "name", "jurisdiction", "level", "functional_type", "measures_led", "measures_supported", "documents", "years", "unresolved"}
    lead = CliRunner().invoke(main, ["agencies", "--role", "lead", "--json", "--store", store])
    assert all(r["measures_supported"] == 0 for r in json.loads(lead.stdout))


def test_measures_json_gives_resolved_agency_and_role():
    result = CliRunner().invoke(main, ["measures", "金委办〔2021〕34号", "--json"])
    m1 = json.loads(result.stdout)["measures"][0]
    first = m1["owners"][0]
    assert first["text"] == "区政务服务办" and first["role"] == "lead"
    assert first["agency"] == {"key": "金山区:金山区政务服务办公室", "name": "金山区政务服务办公室", "jurisdiction": "金山区", "kind": "agency"}


def test_documents_tree_and_parents():
    tree = CliRunner().invoke(main, ["documents", "--tree"])
    assert tree.exit_code == 0, tree.output
    lines = tree.stdout.splitlines()
    root = next(i for i, l in enumerate(lines) if l.startswith("上海市加强集成创新持续优化营商环境行动方案 沪府办规〔2023〕1号"))
    assert any("嘉定区加强集成创新" in l and "根据" in l for l in lines[root + 1 : root + 15])
    assert any("[cited only]" in l for l in lines)
    rows = json.loads(CliRunner().invoke(main, ["documents", "--json"]).stdout)
    assert any(r["cited_only"] for r in rows)
    jiading = next(r for r in rows if r["key"] == "嘉发改规-2023-2")
    assert jiading["parents"][0]["key"] == "沪府办规-2023-1" and jiading["parents"][0]["cue"] == "根据"


def test_trace_jinshan_measure_terminal_and_json():
    result = CliRunner().invoke(main, ["trace", "金发改规〔2023〕2号", "二（一）2"])
    assert result.exit_code == 0, result.output
    assert "沪府办规〔2023〕1号" in result.stdout and "【" in result.stdout and "municipal l." in result.stdout
    data = json.loads(CliRunner().invoke(main, ["trace", "金发改规-2023-2/2.1.2", "--json"]).stdout)
    src = next(s for s in data["sources"] if s["document"] == "沪府办规-2023-1")
    assert src["key"] == "沪府办规-2023-1/3.7" and src["confidence"] == "high"
    assert src["evidence"][0]["source"]["line"] == 39 and src["evidence"][0]["target"]["line"] >= 4087


def test_trace_by_snippet_and_document():
    snippet = CliRunner().invoke(main, ["trace", "--json", "拓展燃气小型标准化接入适用范围"])
    assert snippet.exit_code == 0 and json.loads(snippet.stdout)["sources"]
    doc = json.loads(CliRunner().invoke(main, ["trace", "--document", "嘉发改规〔2023〕2号", "--json"]).stdout)
    m1 = doc["measures"][0]
    assert set(m1) >= {"key", "number", "path", "source", "sources"}
    assert m1["sources"][0]["key"] == "沪府办规-2023-1/2.3"


def test_eval_command():
    from tests.conftest import FIXTURES

    result = CliRunner().invoke(main, ["eval", "--gold", str(FIXTURES / "eval" / "implements-dev.tsv")])
    assert result.exit_code == 0, result.output
    assert "precision 0.9" in result.stdout and "recall 0.8" in result.stdout


def test_build_writes_store_then_sparql_and_export(built, tmp_path):
    out, output = built
    assert "SHACL: conforms (0 violations)" in output
    q = "PREFIX pkg: <https://w3id.org/policykg/ontology#> SELECT ?n WHERE { ?d pkg:docNumber ?n } ORDER BY ?n LIMIT 2"
    result = CliRunner().invoke(main, ["sparql", q, "--store", str(out / "store"), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == 2
    bad = CliRunner().invoke(main, ["sparql", "SELECT WHERE {", "--store", str(out / "store")])
    assert bad.exit_code != 0 and "SPARQL error" in bad.output
    ttl = tmp_path / "g.ttl"
    exported = CliRunner().invoke(main, ["export", "--format", "ttl", "--out", str(ttl), "--store", str(out / "store")])
    assert exported.exit_code == 0 and ttl.stat().st_size > 100000


def test_query_list_and_run_on_both_engines(built):
    store = str(built[0] / "store")
    listed = CliRunner().invoke(main, ["query", "list"])
    assert listed.exit_code == 0 and all(n in listed.stdout for n in ("trace", "agency-load", "coverage-matrix", "counterparts"))
    rows = {}
    for engine in ("sparql", "cypher"):
        r = CliRunner().invoke(main, ["query", "diffusion-lag", "--param", "parent=沪府办规-2023-1", "--engine", engine, "--format", "json", "--store", store])
        assert r.exit_code == 0, r.output
        rows[engine] = json.loads(r.stdout)
    assert rows["sparql"] == rows["cypher"] and {x["child_key"]: x["lag_days"] for x in rows["sparql"]}["嘉发改规-2023-2"] == 49
    bad = CliRunner().invoke(main, ["query", "trace", "--param", "mesure=x", "--store", store])
    assert bad.exit_code != 0 and "no parameter" in bad.output
    unknown = CliRunner().invoke(main, ["query", "nope", "--store", store])
    assert unknown.exit_code != 0 and "no saved" in unknown.output
