"""Owner lists as the corpus writes them, each pattern on its real line: every owner found, one node per body."""

from __future__ import annotations


def _owners(corpus, key):
    return [(o.agency, o.role) for o in corpus.owners_of(key)]


def test_every_owner_parenthesis_of_a_measure_counts(corpus):
    """黄府规〔2023〕4号 2.3 names owners after each of its three sentences; all of them own it."""
    agencies = {a for a, _ in _owners(corpus, "黄府规-2023-4/2.3")}
    assert {"黄浦区:中共上海市黄浦区委组织部", "黄浦区:黄浦区人力资源和社会保障局", "黄浦区:黄浦区总工会"} <= agencies
    assert len(agencies) >= 8
    # 沪府办字〔2023〕5号 5.14: （责任单位：市政府办公厅）…（责任单位：市政府办公厅、市大数据中心、各区、各部门）
    assert [a for a, r in _owners(corpus, "沪府办字-2023-5/5.14") if r == "lead"] == ["上海市:上海市人民政府办公厅"]
    assert "上海市:上海市大数据中心" in {a for a, _ in _owners(corpus, "沪府办字-2023-5/5.14")}


def test_owners_before_the_closing_clause_are_kept(corpus):
    """…（责任部门：市农业农村委、…、崇明区政府）本政策措施自2023年6月1日起施行… : the last measure keeps its six owners."""
    assert len(_owners(corpus, "沪发改规范-2023-6/4.20")) == 6
    assert {a for a, _ in _owners(corpus, "黄府规-2023-4/7.5")} >= {"黄浦区:黄浦区财政局"}


def test_a_named_body_before_etc_is_an_owner_too(corpus):
    """上海海关等具有行政强制权和财产登记、保管职能的政府部门和单位: 上海海关 and the group it heads."""
    agencies = {a for a, _ in _owners(corpus, "沪高法-2023-47/5.20")}
    assert "上海市:上海海关" in agencies and any(":collective:" in a for a in agencies)


def test_short_forms_of_enterprises_zones_and_associations_are_one_node(corpus):
    names = {a.key: a for a in corpus.agencies}
    assert "金山区:新金山投资控股集团" in names and not {"金山区:新金山投控集团", "金山区:新金山控股集团"} & set(names)
    assert set(names["金山区:新金山投资控股集团"].aliases) == {"新金山投控集团", "新金山控股集团"}
    assert "上海市:上海国际港务（集团）股份有限公司" in names and "上海市:上港集团" not in names
    assert "上海市:中国（上海）自由贸易试验区临港新片区管理委员会" in names and not any(k.endswith("各临港新片区管委会") for k in names)
    assert "上海市:上海市破产管理人协会" in names and "上海市:上海市管理人协会" not in names
    assert "上海市:上海市中国人民银行上海总部" not in names and "中华人民共和国:中国人民银行上海总部" in names
    assert "金山区:collective:园区" not in names and "金山区:collective:各园区" in names


def test_annex_list_items_restating_body_measures_are_tasks_not_measures(corpus):
    """沪企服办〔2023〕1号: 24 annex list items name the special actions of its body measures; they are counted once."""
    doc = corpus.get("沪企服办〔2023〕1号")
    assert not [m for m in doc.measures if m.kind == "annex"]
    items = [t for t in doc.tasks if t.provenance.rule == "annex_list_item"]
    assert len(items) == 24 and all(corpus.unit(t.measure) is not None for t in items)
    led = {o.measure for o in corpus.owned_by if o.agency == "上海市:上海市经济和信息化委员会" and o.role == "lead"
           and corpus.unit_kind(o.measure) == "measure"}
    assert len(led) == 20  # 31 before, 11 of them the same actions listed again in the annex


def test_labels_of_owner_roles_used_elsewhere():
    """Role labels other places use (承办单位, 主办单位 / 协办部门, 牵头责任单位 / 参与部门) give their roles, never an
    owner named after the label."""
    from policykg.loaders.owners import parse_owners
    from policykg.ontology.records import Span

    cases = {
        "承办单位：区政务服务中心": [("区政务服务中心", "unspecified")],
        "主办单位：市商务委；协办部门：市财政局": [("市商务委", "lead"), ("市财政局", "supporting")],
        "牵头责任单位：县发改局；参与部门：县财政局、县税务局": [("县发改局", "lead"), ("县财政局", "supporting"), ("县税务局", "supporting")],
    }
    for text, want in cases.items():
        assert [(o.text, o.role) for o in parse_owners(text, Span("f", 1, 1), "t", "inline")] == want, text


def test_an_agency_named_again_after_it_leads_only_leads(corpus):
    """沪府办字〔2023〕5号 5.14 names 市政府办公厅 in both its owner parentheses: one lead edge, no supporting one, so
    its load counts the measure once. No unit of the corpus has an agency in both roles."""
    assert [r for a, r in _owners(corpus, "沪府办字-2023-5/5.14") if a == "上海市:上海市人民政府办公厅"] == ["lead"]
    roles: dict[tuple[str, str], set[str]] = {}
    for o in corpus.owned_by:
        roles.setdefault((o.measure, o.agency), set()).add(o.role)
    assert roles and all(len(r) == 1 for r in roles.values())
