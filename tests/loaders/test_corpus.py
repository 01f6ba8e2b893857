"""The bundled corpus, read end to end.

Counts were checked against the text: the compendium's numbered headings 1-25
(grep for "^N." lines followed by 关于印发…通知 and a 文号), and the measure
counts of the district plans against the hand-labelled development key
(a copy is in tests/fixtures/eval), which lists every numbered item of 嘉定, 松江 and 长宁, and
against the municipal key (M-2.1 … M-5.3 = 27 items).
"""

import pytest


def test_document_count(corpus):
    assert len(corpus.documents) == 28
    compendium = [d for d in corpus.documents if any(s.compendium_item for s in d.sources)]
    assert sorted(s.compendium_item for d in compendium for s in d.sources if s.compendium_item) == list(range(1, 26))


@pytest.mark.parametrize(
    "ref, measures, first, last",
    [
        ("沪府办规〔2023〕1号", 27, "二（一）", "五（三）"),
        ("嘉发改规〔2023〕2号", 27, "二（一）1", "三（三）"),
        ("沪松府〔2023〕20号", 26, "二（一）1", "三（三）"),
        ("长发改规〔2023〕2号", 30, "二(一)1", "五(十八)"),
        ("金委办〔2021〕34号", 78, "一（一）1", "五（三十）78"),
    ],
)
def test_measure_counts_match_the_text(corpus, ref, measures, first, last):
    doc = corpus.get(ref)
    assert len(doc.measures) == measures
    assert doc.measures[0].written_path == first and doc.measures[-1].written_path == last


@pytest.mark.parametrize(
    "ref, title, date, level, jurisdiction, issuer",
    [
        ("沪府办规〔2023〕1号", "上海市加强集成创新持续优化营商环境行动方案", "2023-01-04", "municipal", "上海市", "上海市人民政府办公厅"),
        ("金府办发〔2022〕7号", "金山区聚焦“三个服务”全面推进一流营商环境建设行动方案", "2022-03-17", "district", "金山区", "上海市金山区人民政府办公室"),
        ("沪公奉通字〔2023〕31号", "2023年奉贤公安分局政务公开工作要点", "2023-06-01", "district_branch", "奉贤区", "上海市公安局奉贤分局"),
        ("沪松府〔2023〕20号", "长三角G60科创走廊策源地松江关于加强集成创新持续优化营商环境的具体措施", "2023-02-22", "district", "松江区", "上海市松江区人民政府"),
        ("金委办〔2021〕34号", "金山区持续优化营商环境行动计划", "2021-05-19", "district", "金山区", "中共金山区委办公室"),
    ],
)
def test_metadata(corpus, ref, title, date, level, jurisdiction, issuer):
    doc = corpus.get(ref)
    assert (doc.title, doc.date, doc.level, doc.jurisdiction) == (title, date, level, jurisdiction)
    assert doc.issuers[0].name == issuer or issuer in [i.name for i in doc.issuers]


def test_document_without_doc_number_is_kept_and_says_so(corpus):
    doc = next(d for d in corpus.documents if d.title == "上海市药品监督管理局加强集成创新持续优化营商环境行动方案")
    assert doc.doc_number is None and "no 文号 in the text" in doc.notes
    assert doc.date == "2023-04-25"


def test_forwarding_notice_is_recorded(corpus):
    doc = corpus.get("金府办发〔2022〕7号")
    wrapper = doc.sources[0].wrapper
    assert wrapper.kind == "forwards" and "转发" in wrapper.title
    assert ("区发改委", "drafter") in [(i.name, i.role) for i in doc.issuers]


def test_annex_table_enriches_body_measures_instead_of_doubling(corpus):
    doc = corpus.get("金府办发〔2022〕7号")
    m = next(m for m in doc.measures if m.title == "进一步放宽市场准入")
    assert {"1*", "2*", "6"} <= set(m.annex_rows)
    assert "区市场监管局" in [o.text for o in m.owners] and all(o.source == "table" for o in m.owners)
    rows = [r for m in doc.measures for r in m.annex_rows]
    assert len(rows) == len(set(rows)) == 100  # every table row used once


def test_supporting_units_from_annex_column(corpus):
    doc = corpus.get("金委办〔2021〕34号")
    m6 = next(m for m in doc.measures if m.number == "6.")
    assert ("区民政局", "supporting") in [(o.text, o.role) for o in m6.owners]


def test_every_record_has_a_span_inside_its_file(corpus):
    from tests.conftest import CORPUS

    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in CORPUS.glob("*.txt")}
    for d in corpus.documents:
        for m in d.measures:
            s = m.provenance.span
            assert 1 <= s.line_start <= s.line_end <= sizes[s.file]
            for o in m.owners:  # in the measure's text or in an annex table row, but always inside the file
                os_ = o.provenance.span
                assert 1 <= os_.line_start <= os_.line_end <= sizes[os_.file]
                assert os_.file == s.file
                if o.source == "text":
                    assert s.line_start <= os_.line_start <= os_.line_end <= s.line_end
        for c in d.citations:
            assert 1 <= c.provenance.span.line_start <= c.provenance.span.line_end <= sizes[c.provenance.span.file]


def test_citation_with_cue_and_doc_number(corpus):
    doc = corpus.get("沪商自贸〔2023〕132号")
    cites = {(c.title, str(c.doc_number) if c.doc_number else None, c.cue) for c in doc.citations}
    assert ("上海市加强集成创新持续优化营商环境行动方案", "沪府办规〔2023〕1号", "落实") in cites
