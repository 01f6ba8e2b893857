"""Level and jurisdiction of a document, from its issuers, its 文号 and its title.

The rules are generic: district names and 文号 abbreviations come from
``data/jurisdictions.json`` (general knowledge of administrative divisions),
so a plan from a district absent from the corpus is placed correctly.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, cast

from policykg.loaders.gazetteer import Place, locate_all
from policykg.loaders.zones import issuing_zone
from policykg.ontology.records import DocNumber, Level

SHANGHAI = "上海市"
NATION = "中华人民共和国"  # the jurisdiction of national documents and agencies


@dataclass(frozen=True)
class District:
    name: str  # 金山区
    short: str  # 金山
    abbr: tuple[str, ...]  # 金
    province: str  # 上海市
    pinyin: str = ""


@dataclass(frozen=True)
class Province:
    name: str
    short: tuple[str, ...]
    abbr: str
    districts: tuple[District, ...]


@cache
def _data() -> dict[str, Any]:
    return cast(dict[str, Any], json.loads(resources.files("policykg.loaders").joinpath("data/jurisdictions.json").read_text("utf-8")))


@cache
def provinces() -> tuple[Province, ...]:
    out = []
    for p in _data()["provinces"]:
        ds = tuple(
            District(name, d["short"], tuple(d["abbr"]), p["name"], d.get("pinyin", "")) for name, d in p["districts"].items()
        )
        out.append(Province(p["name"], tuple(p["short"]), p["abbr"], ds))
    return tuple(out)


def all_districts() -> tuple[District, ...]:
    return tuple(d for p in provinces() for d in p.districts)


def find_district(text: str) -> District | None:
    """The first district named in ``text`` (full or short name).

    >>> find_district("上海市公安局奉贤分局").name
    '奉贤区'
    >>> find_district("上海市市场监督管理局") is None
    True
    """
    best: tuple[int, District] | None = None
    for d in all_districts():
        for name in (d.name, d.short):
            i = text.find(name)
            if i >= 0 and (best is None or i < best[0]):
                best = (i, d)
    return best[1] if best else None


# a body of a development zone (开发区, 高新区, 新区 …) named after its city: the city is where the zone is, not who issued
ZONE = re.compile(r"开发区|高新区|高新技术产业|经济技术|保税区|自贸|自由贸易|工业园|产业园|新区|管委会|管理委员会")


def _title_opening(title: str) -> Any:
    """The division a title opens with (广州市黄埔区 广州开发区…行动方案 → 黄埔区 of 广州市), when it opens with one."""
    from policykg.loaders.gazetteer import locate, mentioned_spans

    head = title.strip()
    end = 0
    for start, stop in mentioned_spans(head[:20]):
        if start != end:
            break
        end = stop
    return locate([head[:end]]) if end else None


def place(issuers: list[str], doc_number: DocNumber | None, title: str) -> tuple[Place | None, str]:
    """Where a document comes from, anywhere in China, and the rule that said so.

    Places outside Shanghai come from the national gazetteer (issuers first, then the title); Shanghai's own
    rules (district branches, 文号 prefixes such as 嘉发改规 or 沪松府) come from :func:`classify`.

    >>> place(["济南市钢城区人民政府办公室"], None, "")
    (Place(level='district', jurisdiction='钢城区', path=('山东省', '济南市', '钢城区'), code='370117'), 'issuer_gazetteer')
    >>> place(["上海市公安局奉贤分局"], None, "")[0].path
    ('上海市', '奉贤区')
    >>> place(["广州开发区营商环境改革局"], None, "广州市黄埔区 广州开发区服务市场主体行动方案")  # a zone body; the title says where
    (Place(level='district', jurisdiction='黄埔区', path=('广东省', '广州市', '黄埔区'), code='440112'), 'zone_issuer_title_opening')
    >>> place(["苏州工业园区管理委员会"], None, "苏州工业园区持续优化营商环境行动方案")  # a zone's committee: the zone
    (Place(level='district', jurisdiction='苏州工业园区', path=('江苏省', '苏州市', '苏州工业园区'), code=''), 'zone_issuer')
    """
    from policykg.loaders.gazetteer import MUNICIPALITY_CODES, ancestors, locate, locate_doc_number, place_of

    if issuers and issuers[0].startswith(tuple(_data()["national_markers"])):  # 国务院关于推动内蒙古…: national
        return Place("national", NATION, (), ""), "issuer"
    for texts, rule in ((issuers, "issuer_gazetteer"), ([title[:40]], "title_gazetteer")):
        found = locate(texts) if any(texts) else None
        if found is not None and ancestors(found)[0].name != SHANGHAI:
            if rule == "issuer_gazetteer" and ZONE.search("".join(issuers)):
                opening = _title_opening(title)
                if opening is not None and found.code in {a.code for a in ancestors(opening)[:-1]}:
                    return place_of(opening), "zone_issuer_title_opening"
            zone = issuing_zone(issuers, title, found.name) if found.rank != "county" else None
            if zone is not None:  # the zone's own plan: a county-level derivative of its city's, with no division code
                city = place_of(found)
                return Place("district", zone, (*city.path, zone), ""), "zone_issuer"
            return place_of(found), rule
    level, jurisdiction, rule = classify(issuers, doc_number, title)
    if level is None or jurisdiction is None:
        found = locate([*issuers, title[:40]])
        if found is None and doc_number is not None:
            found = locate_doc_number(doc_number.issuer_code)
            return (place_of(found), "doc_number_gazetteer") if found is not None else (None, "none")
        return (place_of(found), "gazetteer") if found is not None else (None, "none")
    if level == "national":
        return Place(level, jurisdiction, (), ""), rule
    shanghai = next((d for d in locate_all(jurisdiction) if d.code[:2] == MUNICIPALITY_CODES[2]), None)
    path = tuple(a.name for a in ancestors(shanghai)) if shanghai else (jurisdiction,)
    return Place(level, jurisdiction, path, shanghai.code if shanghai else ""), rule


def classify(issuers: list[str], doc_number: DocNumber | None, title: str) -> tuple[Level | None, str | None, str]:
    """(level, jurisdiction, rule) for a Shanghai or national document.

    Levels: national, municipal, district, district_branch (a district branch
    of a municipal body, e.g. 上海市公安局奉贤分局).

    >>> classify(["上海市公安局奉贤分局"], None, "")
    ('district_branch', '奉贤区', 'issuer')
    >>> classify(["上海市松江区人民政府"], None, "")
    ('district', '松江区', 'issuer')
    >>> from policykg.loaders.docnumber import parse_doc_number
    >>> classify([], parse_doc_number("嘉发改规〔2023〕2号"), "")
    ('district', '嘉定区', 'doc_number')
    >>> classify(["上海市人民政府办公厅"], parse_doc_number("沪府办规〔2023〕1号"), "")
    ('municipal', '上海市', 'issuer')
    """
    data = _data()
    joined = "".join(issuers)
    if issuers:
        if any(joined.startswith(m) for m in data["national_markers"]):
            return "national", NATION, "issuer"
        for issuer in issuers:
            d = find_district(issuer)
            if d is None:
                continue
            if re.search(rf"{d.short}(?:区)?分局|{d.short}(?:区)?(?:支局|分行|支行|海关)", issuer) and not issuer.startswith(d.name):
                return "district_branch", d.name, "issuer"
            return "district", d.name, "issuer"
        for p in provinces():
            if any(joined.startswith(s) or s in joined for s in (p.name, *p.short)):
                return "municipal", p.name, "issuer"
    if doc_number is not None:
        code = doc_number.issuer_code
        if any(code.startswith(c) for c in data["national_codes"]):
            return "national", NATION, "doc_number"
        for p in provinces():
            rest = code[len(p.abbr):] if code.startswith(p.abbr) else None
            for d in p.districts:
                # 沪松府 (municipal prefix, district government) and 金府办 (district prefix)
                for a in d.abbr:
                    if code.startswith(a) or (rest is not None and rest.startswith(a + "府")):
                        return "district", d.name, "doc_number"
            if rest is not None:
                return "municipal", p.name, "doc_number"
    if title:
        if any(title.startswith(m) for m in data["national_markers"]) and not any(p.name in title[:12] for p in provinces()):
            return "national", NATION, "title"
        d = find_district(title[:12])
        if d is not None:
            return "district", d.name, "title"
        for p in provinces():
            head = re.sub(r"^(中共|“|\")", "", title)[:12]
            if any(name in head for name in (p.name, *p.short)):
                return "municipal", p.name, "title"
    return None, None, "none"
