"""Views in a real headless Chromium (driven by Playwright, network cut): drawing, search, clicks, panels, escaping, size."""

from __future__ import annotations

import json
import re
import time
from dataclasses import replace

import pytest

from policykg.graph.build.pipeline import build_corpus
from policykg.graph.store.model import PolicyGraph
from policykg.queries.viz import agencies_view, lineage_view, overview_view, render, trace_view, write_view
from tests.queries.conftest import Opened


@pytest.fixture(scope="module")
def nets(corpus):
    return {"trace": trace_view(corpus, "长发改规-2023-2/2.1.1"), "agencies": agencies_view(corpus, "金山区"),
            "lineage": lineage_view(corpus, ["嘉发改规-2023-2"]), "overview": overview_view(corpus)}


@pytest.fixture(scope="module")
def pages(nets, tmp_path_factory):
    out = tmp_path_factory.mktemp("views")
    headings = {"trace": "trace · 长宁区 二(一)1", "agencies": "agencies · 金山区", "lineage": "lineage", "overview": "overview"}
    return {name: write_view(net, name, out / f"{name}.html", headings[name]) for name, net in nets.items()}


@pytest.mark.parametrize("name", ["trace", "agencies", "lineage", "overview"])
def test_every_node_reaches_the_page(browser, pages, nets, name):
    v = Opened(browser, pages[name])
    assert int(v.attr("data-nodes")) == len(nets[name].nodes) > 1
    assert v.page.evaluate("() => Object.keys(pkg.network.body.nodes).length") == len(nets[name].nodes)  # vis holds them all
    v.close()


def _luminance(colour: str) -> float:
    rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = ((c / 12.92) if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_labels_are_readable_on_every_fill():
    """WCAG contrast of the label ink on each box fill (and on the white page under dots) is at least 7:1 (AAA)."""
    from policykg.queries import viewpage as vp

    ink = _luminance(vp.INK)
    fills = [light for kind, (_strong, light) in vp.KINDS.items() if kind not in ("agency", "collective")] + ["#ffffff"]
    ratios = [(max(_luminance(f), ink) + 0.05) / (min(_luminance(f), ink) + 0.05) for f in fills]
    assert min(ratios) >= 7, ratios


def test_pages_are_self_contained(pages):
    for name, path in pages.items():
        page = path.read_text(encoding="utf-8")
        assert not re.search(r'(src|href)="https?://', page), name
        assert "vis.Network" in page and f"<title>{name}" in page
        assert '"Noto Sans CJK SC", "Noto Sans SC"' in page  # the CJK font stack reaches vis intact (pyvis' set_options strips the spaces)


def test_trace_sources_stand_above_in_rows_that_do_not_overlap(corpus):
    net = trace_view(corpus, "长发改规-2023-2/2.1.1")
    nodes = {n["id"]: n for n in net.nodes}
    traced = nodes["长发改规-2023-2/2.1.1"]
    sources = [n for k, n in nodes.items() if k != traced["id"]]
    assert len(sources) == 10 and all(n["y"] < traced["y"] for n in sources)
    spots = {(n["x"], n["y"]) for n in nodes.values()}
    assert len(spots) == len(nodes)
    assert all(abs(a["x"] - b["x"]) >= 240 for a in sources for b in sources if a is not b and a["y"] == b["y"])
    assert all("沪府办规〔2023〕1号" in n["label"] and "2023-01-04" in n["label"] for n in sources)  # document, 文号 and date on every node


def test_trace_without_source_says_so(corpus):
    lonely = next(m.key for d in corpus.documents if d.level == "district" for m in d.measures if not corpus.implements_from(m.key))
    net = trace_view(corpus, lonely)
    assert len(net.nodes) == 1 and "no source found in a higher-level plan" in " ".join(net.pkg_page["notes"])


def test_trace_in_the_browser(browser, pages):
    v = Opened(browser, pages["trace"])
    assert v.attr("data-nodes") == "11"
    assert v.page.title() == "trace · 长宁区 二(一)1 · policykg"
    assert "对标世界银行" in v.panel()  # the traced measure is selected on opening
    assert v.search("二（十） 办理破产") == "沪府办规-2023-1/2.10"
    assert "办理破产" in v.panel() and "沪府办规〔2023〕1号" in v.panel()
    v.click_node("长发改规-2023-2/2.1.1")
    assert "长发改规〔2023〕2号" in v.panel() and "对标世界银行" in v.panel()
    v.click_edge(0)
    text = v.panel()
    assert "落实 implements" in text and "kept" in text
    assert v.page.locator("#pkg-panel .side .kept").count() >= 1  # the two texts side by side, shared wording marked
    assert v.page.locator("#pkg-panel .side > div").count() == 2
    v.shot("trace")
    v.close()


def test_agencies_in_the_browser(browser, pages, corpus):
    v = Opened(browser, pages["agencies"])
    bars = v.page.locator(".bar").count()
    jinshan = {o.agency for o in corpus.owned_by if o.agency.startswith("金山区:")}
    assert bars == min(40, len(jinshan)) and (f"of {len(jinshan)} agencies" in v.page.inner_text("#pkg-aside")) == (len(jinshan) > 40)
    assert int(v.attr("data-visible")) < int(v.attr("data-nodes"))  # only the selected agency's neighbourhood is drawn
    assert v.search("金山区市场监督管理局") == "金山区:金山区市场监督管理局"
    text = v.panel()
    assert "金山区市场监督管理局" in text and "牵头" in text and "截止" in text  # its measures, with deadlines
    v.page.locator(".bar").nth(1).click()
    chosen = v.page.locator(".bar").nth(1).get_attribute("data-id")
    assert v.attr("data-selected") == chosen
    v.page.wait_for_selector("body[data-stable='1']")
    # the neighbourhood is laid out in rings around the agency at once and stays still (no physics run on selection)
    shown = "Object.keys(window.pkg.network.getPositions()).filter(function (k) { return !window.pkg.nodes.get(k).hidden; })"
    where = v.page.evaluate(f"(function () {{ var p = window.pkg.network.getPositions({shown}); return p; }})()")
    assert where[chosen] == {"x": 0, "y": 0} and len(where) > 2
    assert len({(round(p["x"]), round(p["y"])) for p in where.values()}) == len(where)  # no two nodes on one spot
    v.page.wait_for_timeout(500)
    assert v.page.evaluate(f"(function () {{ return window.pkg.network.getPositions({shown}); }})()") == where
    v.shot("agencies")
    v.close()


def test_lineage_in_the_browser(browser, pages, corpus):
    v = Opened(browser, pages["lineage"])
    assert v.search("嘉发改规〔2023〕2号") == "嘉发改规-2023-2"
    assert "嘉定区" in v.panel() and "上级 parent" in v.panel()
    first = corpus.get("嘉发改规-2023-2").measures[0].key
    v.click_node(first)
    assert v.attr("data-selected") == first
    v.page.select_option("select[data-facet='year']", "2021")
    assert 0 < int(v.attr("data-visible")) < int(v.attr("data-nodes"))
    v.shot("lineage")
    v.close()


def test_lineage_is_a_tree_by_level(corpus):
    net = lineage_view(corpus)
    x = {n["id"]: n["x"] for n in net.nodes}
    derived = [dl for dl in corpus.doc_links if dl.type == "derived_from"]
    assert derived and all(x[dl.target] < x[dl.source] for dl in derived)  # every parent stands left of its derivatives


def test_overview_in_the_browser(browser, pages):
    v = Opened(browser, pages["overview"])
    assert v.search("上海市发展和改革委员会") == "上海市:上海市发展和改革委员会"
    assert "上海市发展和改革委员会" in v.panel()
    before = int(v.attr("data-visible"))
    v.page.select_option("select[data-facet='jurisdiction']", "金山区")
    assert 0 < int(v.attr("data-visible")) < before
    v.shot("overview")
    v.close()


PAYLOADS = ("<script>document.body.dataset.xss=1</script>", "<img src=x onerror=document.body.dataset.xss=2>")


def test_document_text_never_runs(browser, tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "evil.txt").write_text(
        f"杨浦区{PAYLOADS[0]}营商环境行动方案\n为落实《上海市{PAYLOADS[1]}方案》，制定本方案。\n一、重点任务\n"
        f"1.推进改革{PAYLOADS[1]}。（责任单位：区发改委）\n2.优化服务{PAYLOADS[0]}。（责任单位：区经委）\n", encoding="utf-8")
    corpus = build_corpus(folder)
    doc = corpus.documents[0]
    assert "<script>" in doc.title  # the text is kept as written
    views = [("overview", overview_view(corpus)), ("lineage", lineage_view(corpus, [doc.key])), ("agencies", agencies_view(corpus)),
             ("trace", trace_view(corpus, doc.measures[0].key))]
    for name, net in views:
        v = Opened(browser, write_view(net, name, tmp_path / f"{name}.html", doc.title))
        assert v.search("营商环境"), name  # every view finds the document or an agency serving it
        assert v.attr("data-xss") is None, name
        assert "<script>" in v.panel() or "<img" in v.panel(), name  # shown as text
        v.close()


def _copies(corpus: PolicyGraph, n: int) -> PolicyGraph:
    """n copies of the corpus as other districts: documents, agencies, ownership and document links renamed per copy."""
    def doc_key(key: str, c: int) -> str:
        return f"{key}~{c}"

    def unit_key(key: str, c: int) -> str:
        head, _, rest = key.partition("/")
        return f"{head}~{c}/{rest}"

    documents, agencies, owned_by, doc_links, cited = [], [], [], [], []
    for c in range(n):
        documents += [replace(d, key=doc_key(d.key, c), measures=tuple(replace(m, key=unit_key(m.key, c)) for m in d.measures), sections=(), tasks=())
                      for d in corpus.documents]
        cited += [replace(d, key=doc_key(d.key, c)) for d in corpus.cited_only]
        agencies += [replace(a, key=f"{a.key}~{c}", jurisdiction=f"{a.jurisdiction}{c}") for a in corpus.agencies]
        owned_by += [replace(o, measure=unit_key(o.measure, c), agency=f"{o.agency}~{c}") for o in corpus.owned_by if o.measure not in corpus.tasks]
        doc_links += [replace(dl, source=doc_key(dl.source, c), target=doc_key(dl.target, c)) for dl in corpus.doc_links]
    return PolicyGraph(documents=tuple(documents), cited_only=tuple(cited), agencies=tuple(agencies), owned_by=tuple(owned_by),
                       doc_links=tuple(doc_links), files=corpus.files)


def test_overview_of_2000_nodes_draws_within_5_s_and_stops(browser, corpus, tmp_path):
    big = _copies(corpus, 8)
    t = time.perf_counter()
    net = overview_view(big)
    built = time.perf_counter() - t
    assert len(net.nodes) >= 2000 and all(n["physics"] is False for n in net.nodes)  # positions computed, physics off
    v = Opened(browser, write_view(net, "overview", tmp_path / "big.html", "overview · 8 copies"))
    draw_ms = int(v.attr("data-draw-ms"))
    assert int(v.attr("data-nodes")) == len(net.nodes)
    assert draw_ms < 5000, f"first drawing after {draw_ms} ms"
    at = v.page.evaluate("() => JSON.stringify(pkg.network.getPositions())")
    v.page.wait_for_timeout(1000)
    assert v.page.evaluate("() => JSON.stringify(pkg.network.getPositions())") == at  # nothing moves
    v.shot("overview-2000")
    v.close()
    print(f"{len(net.nodes)} nodes: view built in {built:.1f} s, drawn {draw_ms} ms after navigation")


def test_overview_past_the_physics_limit_uses_fixed_positions(corpus, monkeypatch):
    """Large graphs switch to a precomputed layout without physics (this branch used to crash)."""
    from policykg.queries.views import overview

    monkeypatch.setattr(overview, "PHYSICS_LIMIT", 50)
    net = overview.overview_view(corpus)
    page = render(net, "overview", "overview")
    assert len(net.get_nodes()) > 50 and all("x" in n and n["physics"] is False for n in net.nodes)
    data = json.loads(re.search(r'<script type="application/json" id="pkg-data">(.*?)</script>', page, re.S).group(1))
    assert data["options"]["physics"]["enabled"] is False
