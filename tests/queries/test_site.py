"""`policykg site`: a page per document, measure, agency and place, searchable and printable, opened from disk."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import quote, unquote

import pytest
from click.testing import CliRunner

from policykg.cli import main
from policykg.queries.site import Addresses, write_site
from tests.queries.conftest import ARTIFACTS


@pytest.fixture(scope="module")
def site(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("site") / "site"
    write_site(corpus, out)
    return out


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_page_for_every_document_measure_agency_and_place(corpus, site):
    assert len(list((site / "d").glob("*.html"))) == len(corpus.all_documents())
    assert len(list((site / "m").glob("*.html"))) == sum(len(d.measures) for d in corpus.all_documents())
    assert len(list((site / "a").glob("*.html"))) == len(corpus.agencies)
    assert (site / "p" / "金山区.html").exists() and (site / "index.html").exists() and (site / "search.html").exists()
    page = (site / "d" / "金发改规-2023-2.html").read_text(encoding="utf-8")
    jinshan = corpus.get("金发改规-2023-2")
    assert page.count('class="measure kind-') == len(jinshan.measures)  # every measure, each with its sources
    assert "沪府办规〔2023〕1号" in page and "本地化 localises" in page


def test_addresses_are_stable_readable_and_unique():
    a = Addresses()
    assert a.page("m", "金发改规-2023-2/2.1.2") == "m/金发改规-2023-2~2.1.2.html"
    assert a.page("a", "金山区:金山区发展和改革委员会") == "a/金山区~金山区发展和改革委员会.html"
    clash = a.page("m", "金发改规-2023-2:2.1.2")  # would share the first's file name
    assert clash != "m/金发改规-2023-2~2.1.2.html" and clash.startswith("m/金发改规-2023-2~2.1.2-")


def test_the_same_build_gives_the_same_bytes(corpus, site, tmp_path):
    again = tmp_path / "again"
    write_site(corpus, again)
    assert _digest(again) == _digest(site)


def test_tables_come_with_csv(site):
    text = (site / "a" / "金山区~金山区发展和改革委员会.csv").read_bytes().decode("utf-8-sig")
    header, *rows = text.splitlines()
    assert header.startswith("number,document,label,role") and len(rows) >= 5


def test_a_folder_that_is_not_a_site_is_left_alone(corpus, tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_site(corpus, tmp_path / "mine")
    assert (tmp_path / "mine" / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_the_command_writes_and_replaces_the_site(build_dir, tmp_path):
    out = tmp_path / "s"
    for _ in range(2):  # the second run replaces the first site whole
        result = CliRunner().invoke(main, ["site", "--out", str(out), "--build-dir", str(build_dir)])
        assert result.exit_code == 0, result.output
    assert "measure" in result.output and (out / "index.html").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no staging folder left behind


def _open(browser, path: Path, query: str = ""):
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    asked, errors = [], []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else (asked.append(r.request.url), r.abort()))
    page.goto(path.as_uri() + query)
    return page, asked, errors


def test_in_a_browser_search_pages_and_print(browser, site):
    page, asked, errors = _open(browser, site / "search.html", "?q=" + quote("双随机"))
    page.wait_for_selector("#results li")
    kinds = page.eval_on_selector_all("#results li", "els => els.map(e => e.dataset.kind)")
    assert kinds.count("measure") >= 5  # measure text is searched
    page.fill("#q", "区发改委")  # an agency found by the form it was written in
    page.wait_for_function("() => document.querySelector('#results li') && document.querySelector('#results li').dataset.kind === 'agency'")
    first = page.inner_text("#results li")
    assert "发展和改革委员会" in first
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "site-search.png"))
    page.uncheck("input[value=measure]")  # a facet removes exactly its kind
    kinds = page.eval_on_selector_all("#results li", "els => els.map(e => e.dataset.kind)")
    assert kinds and "measure" not in kinds
    page.click("#results li a")
    page.wait_for_selector("h1")
    assert "发展和改革委员会" in page.inner_text("h1") and "/a/" in page.url
    measure = site / "m" / "金发改规-2023-2~2.1.2.html"
    page.goto(measure.as_uri())
    assert page.locator("table.diff span.kept").count() >= 3 and page.locator("table.diff span.added").count() >= 1
    page.emulate_media(media="print")
    assert not page.locator("header.bar").is_visible() and not page.locator("form").first.is_visible()
    weight = page.eval_on_selector("table.diff span.kept", "e => getComputedStyle(e).fontWeight")
    struck = page.eval_on_selector("table.diff span.added", "e => getComputedStyle(e).textDecorationLine")
    assert int(weight) >= 700 and "underline" in struck  # the comparison survives a black-and-white print
    page.screenshot(path=str(ARTIFACTS / "site-measure-print.png"), full_page=True)
    assert not asked and not errors, (asked, errors)
    page.close()


def test_a_plans_coverage_links_every_cell_to_its_measures(corpus, site):
    page = (site / "c" / "沪府办规-2023-1.html").read_text(encoding="utf-8")
    plan = corpus.get("沪府办规-2023-1")
    linked = set(re.findall(r'href="\.\./([md]/[^"]+)"', page))  # measures, and general sections on their document
    assert linked and all((site / unquote(h.split("#")[0])).exists() for h in linked)
    assert sum(1 for m in plan.measures if m.kind != "annex" and quote("m/" + m.key.replace("/", "~") + ".html") in linked) >= 20
    assert "t-" not in "".join(re.findall(r"<th[^>]*>(.*?)</th>", page))  # no internal key in a header
    assert quote("c/沪府办规-2023-1.html") in (site / "d" / "沪府办规-2023-1.html").read_text(encoding="utf-8")
