"""The coverage view: municipal measures × derivative documents, coloured by relation, offline."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from policykg.queries.coverage import coverage_html, parents_with_derivatives


class _Cells(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[tuple[str, dict[str, str | None]]]] = []
        self.external: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tr":
            self.rows.append([])
        if tag in ("td", "th") and self.rows:
            self.rows[-1].append((tag, a))
        for key in ("src", "href"):
            if a.get(key, "") and re.match(r"https?:", a[key] or ""):
                self.external.append(a[key] or "")


def test_coverage_of_the_2023_municipal_plan(corpus):
    parent = corpus.get("沪府办规〔2023〕1号")
    assert parent.key == parents_with_derivatives(corpus)[0].key  # the plan with most derivatives comes first
    page = coverage_html(corpus, parent)
    cells = _Cells()
    cells.feed(page)
    assert not cells.external and "<title>coverage · 上海市加强集成创新持续优化营商环境行动方案" in page
    body_rows = cells.rows[1:]
    assert len(body_rows) == len([m for m in parent.measures if m.kind != "annex"])
    # 嘉定 1 (水电气网报装更快捷) restates 二（三） 市政公共基础设施报装: a coloured cell in the 嘉定区 column
    header = re.findall(r"<th title=\"[^\"]*\"[^>]*>([^<]*)<br>", page)
    col = header.index("嘉定区") + 1
    row = next(r for r in re.findall(r"<tr[^>]*>(.*?)</tr>", page, re.S) if "二（三） 市政公共基础设施报装" in r)
    tds = re.findall(r"<td[^>]*>.*?</td>|<td></td>", row, re.S)
    assert 'class="hit"' in tds[col - 1] and "水电气网报装更快捷" in tds[col - 1] and "kept" in tds[col - 1]


def test_gaps_are_marked(corpus):
    pages = {d.key: coverage_html(corpus, d) for d in parents_with_derivatives(corpus)}
    gaps = sum(len(re.findall(r'class="row gap"', p)) for p in pages.values())
    assert gaps >= 1 and all("无区级落实" in p for p in pages.values() if 'class="row gap"' in p)


def test_coverage_search_and_filters_in_the_browser(browser, corpus, tmp_path):
    from tests.queries.conftest import Opened

    path = tmp_path / "coverage.html"
    path.write_text(coverage_html(corpus, corpus.get("沪府办规〔2023〕1号")), encoding="utf-8")
    v = Opened(browser, path, ready="body[data-columns]")
    columns = int(v.attr("data-columns"))
    assert columns > 1
    assert v.search("二（三） 市政公共基础设施报装") == "沪府办规-2023-1/2.3"
    assert v.page.locator("tr.focus details[open]").count() >= 1  # the matching cells open
    v.page.select_option("select[data-filter='jurisdiction']", "嘉定区")
    assert int(v.attr("data-columns")) == 1 < columns
    v.page.select_option("select[data-filter='relation']", "restates")
    assert v.page.locator("td.dim").count() >= 1
    v.shot("coverage")
    v.close()
