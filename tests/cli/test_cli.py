"""The commands read the build folder (never the raw corpus) and print tables, CSV or JSON."""

import csv
import io
import json

import pytest
from click.testing import CliRunner

from policykg.cli import main
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def run(build_dir):
    def invoke(*args: str):
        return CliRunner().invoke(main, [*args, "--build-dir", str(build_dir)])

    return invoke


def test_documents_json_lists_every_document(run):
    result = run("documents", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len([r for r in rows if not r["cited_only"]]) == 28
    row = next(r for r in rows if r["wen_hao"] == "金营联办〔2024〕3号")
    assert set(row) >= {"key", "wen_hao", "title", "issuers", "date", "level", "jurisdiction", "sources"}
    assert row["sources"][0]["file"].startswith("001_")


def test_listing_commands_share_the_formats(run):
    table = run("documents")
    assert table.exit_code == 0 and "28 documents" in table.stdout
    rows = list(csv.DictReader(io.StringIO(run("documents", "--format", "csv").stdout)))
    assert len(rows) == 28 and rows[0].keys() >= {"key", "wen_hao", "title"}
    assert json.loads(run("documents", "--format", "json").stdout) == json.loads(run("documents", "--json").stdout)
    measures = list(csv.DictReader(io.StringIO(run("measures", "金发改规〔2023〕2号", "--format", "csv").stdout)))
    assert len(measures) == 36 and measures[0]["written_path"] == "二（一）1"
    agencies = list(csv.DictReader(io.StringIO(run("agencies", "--jurisdiction", "金山区", "--format", "csv").stdout)))
    assert agencies and all(a["jurisdiction"] == "金山区" for a in agencies)


def test_measures_by_doc_number_json(run):
    result = run("measures", "金发改规〔2023〕2号", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    m = data["measures"][0]
    assert set(m) >= {"key", "number", "path", "title", "text", "owners", "deadline", "source"}
    assert m["written_path"] == "二（一）1" and m["title"] == "强化透明监管"


def test_measures_unknown_document_is_a_clear_error(run):
    result = run("measures", "沪府〔1999〕9号")
    assert result.exit_code == 1 and "no document" in result.output


def test_read_commands_without_a_build_name_the_folder(tmp_path):
    result = CliRunner().invoke(main, ["documents", "--build-dir", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert "nowhere does not exist: run `policykg build` first" in result.output
    env = CliRunner(env={"POLICYKG_BUILD_DIR": str(tmp_path / "elsewhere")}).invoke(main, ["documents"])
    assert env.exit_code == 1 and "elsewhere does not exist" in env.output


def test_build_strict_fails_on_skips_and_keeps_the_previous_build(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "plan.txt").write_text("某区行动方案\n一、任务\n1.推进改革。（责任单位：区发改委）\n", encoding="utf-8")
    out = tmp_path / "out"
    ok = CliRunner().invoke(main, ["build", "--corpus", str(corpus), "--build-dir", str(out)])
    assert ok.exit_code == 0, ok.output
    before = (out / "manifest.json").read_bytes()
    (corpus / "empty.txt").write_text("")
    warned = CliRunner().invoke(main, ["build", "--corpus", str(corpus), "--build-dir", str(out), "--no-validate"])
    assert warned.exit_code == 0 and "empty.txt: empty file" in warned.output
    strict = CliRunner().invoke(main, ["build", "--corpus", str(corpus), "--build-dir", str(out), "--strict"])
    assert strict.exit_code == 2 and "empty.txt: empty file" in strict.output and "previous build is kept" in strict.output
    (corpus / "empty.txt").unlink()
    assert CliRunner().invoke(main, ["build", "--corpus", str(corpus), "--build-dir", str(out)]).exit_code == 0
    assert (out / "manifest.json").read_bytes() == before


def test_missing_corpus_folder(tmp_path):
    result = CliRunner().invoke(main, ["build", "--corpus", "/nonexistent/folder", "--build-dir", str(tmp_path / "out")])
    assert result.exit_code == 1 and "corpus folder not found" in result.output


def test_read_commands_say_when_the_corpus_changed(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    plan = corpus / "plan.txt"
    plan.write_text("某区行动方案\n一、任务\n1.推进改革。（责任单位：区发改委）\n", encoding="utf-8")
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["build", "--corpus", str(corpus), "--build-dir", str(out), "--no-validate"]).exit_code == 0
    quiet = CliRunner().invoke(main, ["documents", "--build-dir", str(out)])
    assert quiet.exit_code == 0 and "corpus changed" not in quiet.output
    plan.write_text("某区行动方案\n一、任务\n1.推进改革。\n", encoding="utf-8")
    noted = CliRunner().invoke(main, ["documents", "--build-dir", str(out)])
    assert noted.exit_code == 0 and "the corpus changed since the build" in noted.stderr and "plan.txt changed" in noted.stderr


def test_agencies_ranked_and_filtered(run):
    result = run("agencies", "--jurisdiction", "金山区", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows and all(r["jurisdiction"] == "金山区" for r in rows)
    keys = [(-r["documents"], -r["measures"]) for r in rows]
    assert keys == sorted(keys)
    assert set(rows[0]) >= {"key", "name", "jurisdiction", "level", "functional_type", "measures_led", "measures_supported", "documents", "years", "unresolved"}
    lead = run("agencies", "--role", "lead", "--json")
    assert all(r["measures_supported"] == 0 for r in json.loads(lead.stdout))


def test_measures_json_gives_resolved_agency_and_role(run):
    result = run("measures", "金委办〔2021〕34号", "--json")
    m1 = json.loads(result.stdout)["measures"][0]
    first = m1["owners"][0]
    assert first["text"] == "区政务服务办" and first["role"] == "lead"
    assert first["agency"] == {"key": "金山区:金山区政务服务办公室", "name": "金山区政务服务办公室", "jurisdiction": "金山区", "kind": "agency"}


def test_documents_tree_and_parents(run):
    tree = run("documents", "--tree")
    assert tree.exit_code == 0, tree.output
    lines = tree.stdout.splitlines()
    root = next(i for i, line in enumerate(lines) if line.startswith("上海市加强集成创新持续优化营商环境行动方案 沪府办规〔2023〕1号"))
    assert any("嘉定区加强集成创新" in line and "(cue “根据”)" in line for line in lines[root + 1 : root + 15])
    assert not any("《》" in line for line in lines)  # the cue is named, not shown as an empty title
    assert any("[cited only]" in line for line in lines)
    rows = json.loads(run("documents", "--json").stdout)
    assert any(r["cited_only"] for r in rows)
    jiading = next(r for r in rows if r["key"] == "嘉发改规-2023-2")
    assert jiading["parents"][0]["key"] == "沪府办规-2023-1" and jiading["parents"][0]["cue"] == "根据"


def test_trace_jinshan_measure_terminal_and_json(run):
    result = run("trace", "金发改规〔2023〕2号", "二（一）2")
    assert result.exit_code == 0, result.output
    assert "沪府办规〔2023〕1号" in result.stdout and "【" in result.stdout and "source  l." in result.stdout and "measure l." in result.stdout
    data = json.loads(run("trace", "金发改规-2023-2/2.1.2", "--json").stdout)
    src = next(s for s in data["sources"] if s["document"] == "沪府办规-2023-1")
    assert src["key"] == "沪府办规-2023-1/3.7" and src["confidence"] == "high"
    assert src["evidence"][0]["source"]["line"] == 39 and src["evidence"][0]["target"]["line"] >= 4087


def test_trace_by_snippet_and_document(run):
    snippet = run("trace", "--json", "拓展燃气小型标准化接入适用范围")
    assert snippet.exit_code == 0 and json.loads(snippet.stdout)["sources"]
    doc = json.loads(run("trace", "--document", "嘉发改规〔2023〕2号", "--json").stdout)
    m1 = doc["measures"][0]
    assert set(m1) >= {"key", "number", "path", "source", "sources"}
    assert m1["sources"][0]["key"] == "沪府办规-2023-1/2.3"


def test_eval_command(run):
    result = run("eval", "--gold", str(FIXTURES / "eval" / "implements-dev.tsv"))
    assert result.exit_code == 0, result.output
    import re

    fitted = re.search(r"high\+medium links: precision (0\.\d+)\s+recall (0\.\d+)", result.stdout)
    held_out = re.search(r"leave one district out .*?: precision (0\.\d+)\s+recall (0\.\d+)", result.stdout)
    assert fitted and held_out, result.stdout
    assert float(fitted.group(1)) >= 0.98 and float(fitted.group(2)) >= 0.9
    assert float(held_out.group(1)) >= 0.95 and float(held_out.group(2)) >= 0.9


def test_build_writes_store_then_sparql_and_export(run, build_dir, tmp_path):
    q = "PREFIX pkg: <https://w3id.org/policykg/ontology#> SELECT ?n WHERE { ?d pkg:docNumber ?n } ORDER BY ?n LIMIT 2"
    result = run("sparql", q, "--format", "json")
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == 2
    ask = run("sparql", "ASK { ?s ?p ?o }", "--json")
    assert json.loads(ask.stdout) == [{"ask": True}]
    bad = run("sparql", "SELECT WHERE {")
    assert bad.exit_code == 1 and "SPARQL error" in bad.output
    ttl = tmp_path / "g.ttl"
    exported = run("export", "--format", "ttl", "--out", str(ttl))
    assert exported.exit_code == 0 and ttl.stat().st_size > 100000


def test_query_list_and_run_on_both_engines(run):
    listed = CliRunner().invoke(main, ["query", "list"])
    assert listed.exit_code == 0 and all(n in listed.stdout for n in ("trace", "agency-load", "coverage-matrix", "counterparts"))
    rows = {}
    for engine in ("sparql", "cypher"):
        r = run("query", "diffusion-lag", "--param", "parent=沪府办规-2023-1", "--engine", engine, "--format", "json")
        assert r.exit_code == 0, r.output
        rows[engine] = json.loads(r.stdout)
    assert rows["sparql"] == rows["cypher"] and {x["child_key"]: x["lag_days"] for x in rows["sparql"]}["嘉发改规-2023-2"] == 49
    bad = run("query", "trace", "--param", "mesure=x")
    assert bad.exit_code == 1 and "no parameter" in bad.output
    unknown = run("query", "nope")
    assert unknown.exit_code == 1 and "no saved" in unknown.output


@pytest.mark.parametrize("args, message", [
    (("query", "cross-document-agencies", "--param", "min_documents=99999999999999999999999"), "out of range"),
    (("query", "cross-document-agencies", "--param", "min_documents=many"), "must be an integer"),
    (("export", "--out", "/proc/policykg/g.ttl"), "/proc/policykg"),
    (("view", "overview", "--out", "/proc/policykg.html"), "/proc/policykg.html"),
    (("neo4j", "load", "--uri", "bolt://localhost:7687", "--batch", "-1"), "-1 is not in the range"),
    (("neo4j", "load", "--uri", "http://localhost:7474"), "URI"),
])
def test_bad_values_get_one_line_errors(run, args, message, monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", "x")
    result = run(*args)
    assert result.exit_code in (1, 2), result.output
    assert message in result.output
    assert "Traceback" not in result.output and not isinstance(result.exception, (TypeError, AttributeError, KeyError))


def test_help_has_examples_and_short_option():
    result = CliRunner().invoke(main, ["trace", "-h"])
    assert result.exit_code == 0 and "Examples:" in result.output and "policykg trace" in result.output


def test_the_command_line_starts_without_heavy_libraries():
    import subprocess
    import sys

    code = "import sys, policykg, policykg.cli; print(' '.join(sorted(sys.modules)))"
    loaded = set(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split())
    heavy = {"pandas", "rdflib", "sklearn", "scipy", "numpy", "pyoxigraph", "ladybug", "pyvis", "networkx", "neo4j", "pyshacl", "opencc"}
    assert loaded & heavy == set()


def test_a_build_while_another_holds_the_lock_is_refused(tmp_path):
    from policykg.graph.store.buildfolder import build_lock

    out = tmp_path / "out"
    with build_lock(out):
        result = CliRunner().invoke(main, ["build", "--build-dir", str(out), "--no-validate"])
    assert result.exit_code == 1 and "another build is writing" in result.output
    assert not out.exists()


def test_a_full_disk_is_one_line_and_keeps_the_previous_build(tmp_path, monkeypatch):
    import errno

    import policykg.graph.store.outputs as outputs

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "plan.txt").write_text("某区行动方案\n一、任务\n1.推进改革。（责任单位：区发改委）\n", encoding="utf-8")
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["build", "--corpus", str(corpus), "--build-dir", str(out), "--no-validate"]).exit_code == 0
    before = (out / "manifest.json").read_bytes()

    def full(corpus, folder):
        raise OSError(errno.ENOSPC, "No space left on device", str(folder / "documents.json"))

    monkeypatch.setattr(outputs, "write_outputs", full)
    result = CliRunner().invoke(main, ["build", "--corpus", str(corpus), "--build-dir", str(out), "--no-validate"])
    assert result.exit_code == 1 and "No space left on device" in result.output and "Traceback" not in result.output
    assert (out / "manifest.json").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.lock", "c", "out"]


def test_integer_parameters_are_typed_on_both_engines(run):
    """--param values arrive as text; a parameter declared as an integer must be compared as one."""
    counts = {}
    for engine in ("sparql", "cypher"):
        result = run("query", "cross-document-agencies", "--param", "min_documents=7", "--engine", engine, "--json")
        assert result.exit_code == 0, result.output
        rows = json.loads(result.stdout)
        assert rows and all(r["documents"] >= 7 for r in rows)
        counts[engine] = len(rows)
    assert counts["sparql"] == counts["cypher"] == 14


def test_export_graphml_and_networkx_from_the_build(run, build_dir, tmp_path):
    import networkx as nx

    import policykg

    out = tmp_path / "g.graphml"
    result = run("export", "--format", "graphml", "--out", str(out))
    assert result.exit_code == 0, result.output
    back = nx.read_graphml(out, force_multigraph=True)
    g = policykg.to_networkx(build_dir)
    assert back.number_of_edges() == g.number_of_edges() > 3000


def test_sparql_refuses_federated_queries_unless_allowed(run):
    result = run("sparql", "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    assert result.exit_code == 1 and "--allow-service" in result.output


def test_documents_lists_what_the_build_skipped(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "plan.txt").write_text("某区行动方案\n一、任务\n1.推进改革。（责任单位：区发改委）\n", encoding="utf-8")
    (corpus / "blank.txt").write_text("")
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["build", "--corpus", str(corpus), "--build-dir", str(out), "--no-validate"]).exit_code == 0
    rows = json.loads(CliRunner().invoke(main, ["documents", "--json", "--build-dir", str(out)]).stdout)
    assert [(r["file"], r["reason"]) for r in rows if r.get("skipped")] == [("blank.txt", "empty file")]
    table = CliRunner().invoke(main, ["documents", "--build-dir", str(out)]).stdout
    assert "skipped blank.txt: empty file" in table


def test_trace_shows_wording_shared_with_a_later_document(run, build_dir):
    import policykg

    shared = policykg.open_build(build_dir).corpus().shared_text[0]
    data = json.loads(run("trace", shared.source, "--json").stdout)
    assert shared.target in {s["key"] for s in data["shares_text"]}
    assert shared.target not in {s["key"] for s in data["sources"]}
    text = run("trace", shared.source).stdout
    assert "shares wording with" in text and "not a source" in text


@pytest.mark.parametrize("fmt,parser", [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_every_export_conforms_to_the_shapes(run, build_dir, tmp_path, fmt, parser):
    """Each exported file, read back by rdflib alone, passes pySHACL; a plain lookup by 文号 finds its document."""
    from rdflib import Graph, Literal

    from policykg.graph.store.validate import validate
    from policykg.ontology.terms import PKG

    out = tmp_path / f"g.{fmt}"
    assert run("export", "--format", fmt, "--out", str(out)).exit_code == 0
    g = Graph().parse(out, format=parser)
    v = validate(g)
    assert v.conforms and v.violations == 0, v.report[:2000]
    assert list(g.subjects(PKG.docNumber, Literal("沪府办规〔2023〕1号")))


def test_view_writes_each_page(run, tmp_path):
    import re

    for args in (("trace", "金发改规〔2023〕2号", "二（一）2"), ("agencies", "--jurisdiction", "金山区", "--limit", "5"), ("lineage", "金发改规〔2023〕2号"),
                 ("overview",), ("coverage",)):
        out = tmp_path / f"{args[0]}.html"
        result = run("view", *args, "--out", str(out))
        assert result.exit_code == 0, result.output
        page = out.read_text(encoding="utf-8")
        assert "works offline" in result.output and "<title>" in page and not re.search(r'(src|href)="https?://', page)
    config = json.loads(re.search(r'id="pkg-config">(.*?)</script>', (tmp_path / "agencies.html").read_text(encoding="utf-8"), re.S).group(1))
    assert len(config["bars"]) == 5 and "top 5 of" in config["barsNote"]
    missing = run("view", "agencies", "--jurisdiction", "火星区", "--out", str(tmp_path / "x.html"))
    assert missing.exit_code == 1 and "no agency in '火星区'" in missing.output and not (tmp_path / "x.html").exists()


def test_a_build_with_many_warnings_prints_a_few_and_counts_the_rest(tmp_path):
    """Thousands of unresolved owner names must not flood the terminal: 25 are shown, the rest counted, all kept in report.json."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    measures = "".join(f"{k + 1}.推进改革。加快推进。（责任单位：{'、'.join(f'区第{8 * k + n}工作站' for n in range(8))}）\n" for k in range(5))
    (corpus / "plan.txt").write_text(f"杨浦区优化营商环境行动方案\n一、重点任务\n{measures}", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", "--corpus", str(corpus), "--build-dir", str(out)])
    assert result.exit_code == 0, result.output
    problems = json.loads((out / "report.json").read_text(encoding="utf-8"))["problems"]
    assert len([p for p in problems if p["severity"] == "warning"]) > 25
    assert result.stderr.count("warning: ") == 25
    assert "warning: plan.txt:3: unresolved owner" in result.stderr  # where the name is written
    assert f"… and {len(problems) - 25} more warnings" in result.stderr and "report.json" in result.stderr
