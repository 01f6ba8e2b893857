"""Real web pages from across China (tests/fixtures/realworld, hand-written key.tsv): fields read, nothing merged.

The per-field counts are a floor measured when the rules were written; a change that reads fewer right fails.
Nothing in the loaders refers to these pages: they are read by the same generic rules as any document.
"""

from __future__ import annotations

import csv
import shutil

from policykg.graph.build.pipeline import build_corpus
from tests.conftest import FIXTURES

PAGES = FIXTURES / "realworld"
FLOOR = {"read": 14, "title": 14, "wen_hao": 8, "date": 12, "issuer": 13, "jurisdiction": 14, "level": 14, "parents": 9, "first_measures": 10, "owners": 3, "owners_scoped": 2}  # every keyed field


def test_fields_read_right_on_real_pages(realworld):
    rows = list(csv.DictReader((PAGES / "key.tsv").open(encoding="utf-8"), delimiter="\t"))
    right = dict.fromkeys(FLOOR, 0)
    for row in rows:
        doc, graph = realworld.read(PAGES / row["file"])
        for field, (ok, _) in realworld.judge(row, doc, graph).items():
            right[field] += ok
    assert {f: right[f] >= FLOOR[f] for f in FLOOR} == dict.fromkeys(FLOOR, True), right


def test_all_pages_together_stay_fourteen_documents(tmp_path):
    for page in PAGES.glob("*.txt"):
        shutil.copy(page, tmp_path)
    graph = build_corpus(tmp_path)
    assert len(graph.documents) == 14
    assert len({d.key for d in graph.documents}) == 14


def test_jurisdiction_path_and_code_anywhere_in_china(tmp_path):
    shutil.copy(PAGES / "jinan-gangcheng-2021-fangguanfu.txt", tmp_path)
    (doc,) = build_corpus(tmp_path).documents
    assert (doc.level, doc.jurisdiction, doc.jurisdiction_path, doc.jurisdiction_code) == ("district", "钢城区", ("山东省", "济南市", "钢城区"), "370117")


def test_documents_without_number_or_title_are_not_merged(tmp_path):
    (tmp_path / "a.txt").write_text("一、任务\n1.推进政务服务改革。（责任单位：区政务办）\n2.优化营商环境。\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("一、任务\n1.加强公共卫生体系建设。（责任单位：区卫健委）\n2.完善应急预案。\n", encoding="utf-8")
    graph = build_corpus(tmp_path)
    assert len(graph.documents) == 2 and all(d.key.startswith("c-") for d in graph.documents)


def test_same_title_different_text_kept_apart(tmp_path):
    head = "某区2024年工作要点\n"
    (tmp_path / "a.txt").write_text(head + "一、任务\n1.推进政务服务改革，拓展一网通办。\n2.优化营商环境，压减审批时限。\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(head + "一、任务\n1.加强公共卫生体系建设，完善疾控网络。\n2.完善应急预案，开展演练。\n", encoding="utf-8")
    graph = build_corpus(tmp_path)
    keys = sorted(d.key for d in graph.documents)
    assert len(keys) == 2 and keys[1] == keys[0] + "~2"
    assert any("kept apart" in p.reason for p in graph.problems)
    assert all(m.key.startswith(keys[1] + "/") for m in graph.get(keys[1]).measures)


def test_owners_are_scoped_to_the_documents_own_chain(tmp_path):
    """区X in a 济南市钢城区 document is 钢城区's body, never Shanghai's (the alias table is Shanghai's, the scope is not)."""
    shutil.copy(PAGES / "jinan-gangcheng-2021-fangguanfu.txt", tmp_path)
    graph = build_corpus(tmp_path)
    owners = {graph.agency(o.agency) for o in graph.owned_by}
    assert owners and {a.jurisdiction for a in owners} <= {"济南市钢城区", "济南市"}
    assert "济南市钢城区司法局" in {a.name for a in owners}
    issuers = {graph.agency(i.agency).name for i in graph.issued_by}
    assert issuers == {"济南市钢城区人民政府办公室"}


def test_a_doc_number_alone_places_a_document(tmp_path):
    (tmp_path / "p.txt").write_text("粤府办〔2012〕5号\n各地级以上市人民政府：\n一、工作任务\n1.推进政务公开。\n2.优化营商环境。\n", encoding="utf-8")
    (doc,) = build_corpus(tmp_path).documents
    assert (doc.level, doc.jurisdiction, doc.jurisdiction_code) == ("provincial", "广东省", "440000")


def test_a_parent_with_a_near_identical_title_in_another_place_is_not_a_self_citation(tmp_path):
    (tmp_path / "xianan.txt").write_text(
        "咸安区人民政府关于印发《咸安区进一步优化营商环境实施方案》的通知\n各乡镇人民政府：\n现将方案印发给你们。\n"
        "咸安区人民政府\n2019年3月9日\n咸安区进一步优化营商环境实施方案\n"
        "根据《咸宁市进一步优化营商环境实施方案》，结合我区实际，制定本方案。\n一、主要任务\n1.优化政务服务。（责任单位：区政务服务办）\n"
        "2.提升审批效率。（责任单位：区发展改革局）\n", encoding="utf-8")
    graph = build_corpus(tmp_path)
    (doc,) = graph.documents
    parents = [graph.get(dl.target) for dl in graph.doc_links if dl.type == "derived_from" and dl.source == doc.key]
    assert [p.title for p in parents] == ["咸宁市进一步优化营商环境实施方案"]  # once dropped as a citation of itself
    assert parents[0].cited_only and parents[0].jurisdiction == "咸宁市"
