"""Views: offline HTML, node counts, escaping — checked in a real headless Chromium when one is installed."""

import shutil
import subprocess
from pathlib import Path

import pytest

from policykg.graph.build import build_corpus
from policykg.queries.viz import agencies_view, lineage_view, overview_view, trace_view, write_view

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
         "--disable-component-update", "--disable-sync", "--disable-quic",
         # the network is cut: every request goes to a proxy that does not exist
         "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>", "--virtual-time-budget=20000"]
needs_browser = pytest.mark.skipif(CHROMIUM is None, reason="Chromium not installed (apt-get install chromium fonts-noto-cjk): browser checks skipped")


def _chromium(tmp_path, *args):
    import tempfile

    profile = tempfile.mkdtemp(dir=tmp_path)  # a fresh profile per run: no lock left by the previous one
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True, text=True, timeout=120)


def _drawn_dom(tmp_path, uri: str) -> str:
    """The page's DOM once drawn; headless Chromium on a loaded 2-core machine now and then stops before the first frame."""
    dom = ""
    for _attempt in range(2):
        dom = _chromium(tmp_path, "--dump-dom", uri).stdout
        if 'data-drawn="1"' in dom:
            break
    return dom


@pytest.fixture(scope="module")
def views(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("views")
    return {
        "trace": (write_view(trace_view(corpus, "长发改规-2023-2/2.1.1"), "trace", out / "trace.html", "trace"), 11),  # the measure and its ten named headings
        "agencies": (write_view(agencies_view(corpus, "金山区"), "agencies", out / "agencies.html", "金山区"), None),
        "lineage": (write_view(lineage_view(corpus, ["嘉发改规-2023-2"]), "lineage", out / "lineage.html", "lineage"), None),
        "overview": (write_view(overview_view(corpus), "overview", out / "overview.html", "overview"), None),
    }


def test_pages_are_self_contained(views):
    import re

    for name, (path, _) in views.items():
        page = path.read_text(encoding="utf-8")
        assert not re.search(r'(src|href)="https?://', page), name
        assert "vis-network" in page and "<script" in page


@needs_browser
@pytest.mark.parametrize("name", ["trace", "agencies", "lineage", "overview"])
def test_view_draws_offline_with_node_count(name, views, tmp_path):
    import re

    path, expected = views[name]
    dom = _drawn_dom(tmp_path, path.as_uri())
    assert re.search(r"<title>[^<]+ · policykg</title>", dom)  # every view names itself in the tab
    body = re.search(r"<body[^>]*>", dom).group(0)
    assert 'data-drawn="1"' in body, body
    nodes = int(re.search(r'data-nodes="(\d+)"', body).group(1))
    assert nodes > 1 and (expected is None or nodes == expected)
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / f"view-{name}.png"
    _chromium(tmp_path, "--window-size=1400,900", f"--screenshot={shot}", path.as_uri())
    assert shot.exists() and shot.stat().st_size > 10000


PAYLOADS = ("<script>document.body.dataset.xss=1</script>", "<img src=x onerror=document.body.dataset.xss=2>")


@needs_browser
def test_document_text_never_runs(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "evil.txt").write_text(
        f"杨浦区{PAYLOADS[0]}营商环境行动方案\n为落实《上海市{PAYLOADS[1]}方案》，制定本方案。\n一、重点任务\n"
        f"1.推进改革{PAYLOADS[1]}。（责任单位：区发改委）\n2.优化服务{PAYLOADS[0]}。（责任单位：区经委）\n", encoding="utf-8")
    corpus = build_corpus(folder)
    doc = corpus.documents[0]
    assert "<script>" in doc.title  # the text is kept as written
    pages = [write_view(overview_view(corpus), "overview", tmp_path / "o.html", "x"),
             write_view(lineage_view(corpus, [doc.key]), "lineage", tmp_path / "l.html", doc.title),
             write_view(agencies_view(corpus), "agencies", tmp_path / "a.html", "x")]
    for page in pages:
        dom = _drawn_dom(tmp_path, page.as_uri())
        assert 'data-drawn="1"' in dom
        assert "data-xss" not in dom.split("<body", 1)[1].split(">", 1)[0], page.name


def test_overview_past_the_physics_limit_uses_fixed_positions(corpus, monkeypatch, tmp_path):
    """Large graphs switch to a precomputed layout without physics (this branch used to crash)."""
    import json as json_module
    import re

    import policykg.queries.viz as viz

    monkeypatch.setattr(viz, "PHYSICS_LIMIT", 50)
    net = viz.overview_view(corpus)
    page = viz.render(net, "overview", "overview")
    assert len(net.get_nodes()) > 50 and all("x" in n and n["physics"] is False for n in net.nodes)
    options = json_module.loads(re.search(r"var options = (\{.*?\});\n", page, re.S).group(1))
    assert options["physics"]["enabled"] is False
