"""Resolving an owner in Shanghai's table of districts: 区X in a 金山区 document is 金山区's X.

A name that carries a district (金山税务局, 公安金山分局) belongs to that district; 区X to the document's district;
市X to the municipality. Governments and national bodies are made here too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import cast

from policykg.graph.build.agency_table import PARENS, Entry, alias_index, is_collective, lookup, named_bodies, normalise_collective, table_data
from policykg.loaders.jurisdiction import NATION, District, all_districts, provinces
from policykg.loaders.zones import is_zone
from policykg.ontology.keys import agency_key, collective_key
from policykg.ontology.records import Agency, Document, Level


@dataclass(frozen=True)
class Scope:
    jurisdiction: str
    level: Level  # municipal | district
    district: District | None
    province: str


def document_scope(doc: Document) -> Scope:
    province = provinces()[0].name
    for p in provinces():
        if doc.jurisdiction == p.name or any(d.name == doc.jurisdiction for d in p.districts):
            province = p.name
    district = next((d for d in all_districts() if d.name == doc.jurisdiction), None)
    if district is not None:
        return Scope(district.name, "district", district, province)
    return Scope(province, "municipal", None, province)


def split_scope(text: str, scope: Scope) -> tuple[Scope, str, str]:
    """(scope of the body, the name without its jurisdiction, rule).

    >>> s = Scope("金山区", "district", next(d for d in all_districts() if d.name == "金山区"), "上海市")
    >>> names = ["区发改委", "市科委", "公安金山分局", "上海市黄浦区人民政府", "金山税务局", "科委"]
    >>> [(x.jurisdiction, core) for x, core, _ in [split_scope(t, s) for t in names]]
    [('金山区', '发改委'), ('上海市', '科委'), ('金山区', '公安分局'), ('黄浦区', '人民政府'), ('金山区', '税务局'), ('金山区', '科委')]
    """
    t = text.strip()
    if t.startswith("中共"):
        t = t[2:]
    for p in provinces():
        for prefix in (p.name, *p.short):
            if t.startswith(prefix) and len(t) > len(prefix):
                rest = t[len(prefix):]
                d = _district_prefix(rest)
                if d is not None:
                    return _district_scope(d, p.name), rest[len(_matched(rest, d)):], "named_district"
                inside = _district_inside(rest)
                if lookup(rest) is None and inside is not None:
                    return _district_scope(inside[0], p.name), inside[1], "named_district_inside"
                if lookup(rest) is not None or not lookup(t):
                    return Scope(p.name, "municipal", None, p.name), rest, "named_municipality"
    d = _district_prefix(t)
    if d is not None:
        rest = t[len(_matched(t, d)):]
        return _district_scope(d, scope.province), rest or "人民政府", "named_district"
    inside = _district_inside(t)
    if inside is not None and not t.startswith(("市", "区")):
        return _district_scope(inside[0], scope.province), inside[1], "named_district_inside"
    if t.startswith("区委"):
        return scope, t[1:], "district_prefix"
    if t.startswith("市委"):
        return Scope(scope.province, "municipal", None, scope.province), t[1:], "municipal_prefix"
    if t.startswith("区") and len(t) > 1:
        return scope, t[1:], "district_prefix" if scope.level == "district" else "district_prefix_in_municipal_document"
    if t.startswith("市") and len(t) > 1 and (lookup(t[1:]) is not None or not t.startswith(("市场", "市政"))):
        return Scope(scope.province, "municipal", None, scope.province), t[1:], "municipal_prefix"
    return scope, t, "document_scope"


def _district_prefix(t: str) -> District | None:
    for d in sorted(all_districts(), key=lambda d: -len(d.name)):
        if t.startswith(d.name) or t.startswith(d.short):
            return d
    return None


def _district_inside(t: str) -> tuple[District, str] | None:
    """公安金山分局, 公安局奉贤分局: a district named inside the name of a branch."""
    for d in all_districts():
        for name in (d.name, d.short):
            if name in t:
                rest = t.replace(name, "", 1)
                if lookup(rest) is not None:
                    return d, rest
    return None


def _matched(t: str, d: District) -> str:
    return d.name if t.startswith(d.name) else d.short


def _district_scope(d: District, province: str) -> Scope:
    return Scope(d.name, "district", d, province)


def province_of(jurisdiction: str) -> str:
    for p in provinces():
        if jurisdiction == p.name or any(d.name == jurisdiction for d in p.districts):
            return p.name
    return jurisdiction


def national_body(functional_type: str, name: str) -> Agency:
    """The national head of a vertically managed body (海关总署, 国家税务总局 …)."""
    return Agency(agency_key(NATION, name), name, "agency", NATION, "national", functional_type)


def government(jurisdiction: str, level: Level | None = None) -> Agency:
    """The people's government of a jurisdiction (the parent of its agencies); a development zone's 管理委员会; the
    nation's is the State Council (国务院), which national documents name as it is.

    >>> [(g.name, g.level) for g in map(government, ["中华人民共和国", "江苏省", "苏州市", "苏州工业园区"])]
    [('国务院', 'national'), ('江苏省人民政府', 'provincial'), ('苏州市人民政府', 'municipal'), ('苏州工业园区管理委员会', 'district')]
    """
    if jurisdiction == NATION:
        return Agency(agency_key(NATION, "国务院"), "国务院", "agency", NATION, "national", "政府")
    if level is None:
        level = _place_level(jurisdiction)
    if is_zone(jurisdiction):
        name = f"{jurisdiction}管理委员会"
        return Agency(agency_key(jurisdiction, name), name, "agency", jurisdiction, level, "园区")
    name = f"{jurisdiction}人民政府"
    return Agency(agency_key(jurisdiction, name), name, "agency", jurisdiction, level, "政府")


def other_body(core: str) -> str | None:
    """The kind of a body outside the alias table that owns measures under its own name (graph/data/agencies.json)."""
    return next((o["type"] for o in table_data()["other_bodies"] if re.search(o["suffix"], core)), None)


@cache
def _place_level(jurisdiction: str) -> Level:
    """The level of a jurisdiction named by its label: a province or city of the gazetteer by its rank, else a district."""
    from policykg.loaders.gazetteer import level_of, locate_all

    if any(p.name == jurisdiction for p in provinces()):
        return "municipal"
    ranks = {level_of(d) for d in locate_all(jurisdiction) if d.rank != "county"}
    return ranks.pop() if len(ranks) == 1 else "district"


def resolve(text: str, scope: Scope) -> tuple[Agency, str]:
    """The agency (or collective owner) that ``text`` names in ``scope``, and the rule used.

    >>> s = Scope("金山区", "district", next(d for d in all_districts() if d.name == "金山区"), "上海市")
    >>> [resolve(t, s)[0].name for t in ["区市场监管局", "区市场监督管理局", "金山税务局", "市发展改革委", "公安金山分局"]]
    ['金山区市场监督管理局', '金山区市场监督管理局', '国家税务总局上海市金山区税务局', '上海市发展和改革委员会', '上海市公安局金山分局']
    """
    text = PARENS.sub("", text).strip() or text
    # 市卫生健康委等四部门: the named body stands for the group
    text = re.sub(r"等[一二三四五六七八九十\d]*(个)?(市|区)?(相关|有关)?(部门|单位)$", "", text) if not is_collective(text) else text
    for parent in table_data()["national_parents"]:
        if text.startswith(parent) and len(text) > len(parent) + 2:
            inner, rule = resolve(text[len(parent):], scope)
            if not inner.unresolved:
                return inner, rule + "+national_parent"
    named = named_bodies().get(text)
    if named is not None and named["jurisdiction"] in (NATION, scope.province, scope.jurisdiction):
        # a body of this document's own chain (上港集团 in a 厦门 document is not Shanghai's)
        seat = scope.province if named["level"] == "national_branch" else named["jurisdiction"]
        return Agency(agency_key(named["jurisdiction"], named["name"]), named["name"], "agency",
                      seat, cast(Level, named["level"]), named["type"]), "named_body"
    if is_collective(text):
        name = normalise_collective(text)
        where = scope.province if re.match(r"^各区", name) or text.startswith("市") else scope.jurisdiction
        level: Level = "municipal" if where == scope.province else "district"
        return Agency(collective_key(where, name), name, "collective", where, level, ""), "collective"
    index = alias_index()
    national = index.get(text)
    if national is not None and national.national:
        key = agency_key(NATION, national.canonical)
        return Agency(key, national.canonical, "agency", scope.province, "national_branch", national.type), "alias_national"
    s, core, rule = split_scope(text, scope)
    core = re.sub(r"等$", "", core)
    entry = lookup(core)
    if entry is None:
        kind = other_body(core)
        if kind is not None:  # enterprises, zones and coordination bodies own measures too; they keep their own name
            name = _full_name(s, core) if rule in ("district_prefix", "municipal_prefix") else text
            return Agency(agency_key(s.jurisdiction, name), name, "agency", s.jurisdiction, s.level, kind), rule + "+other_body"
        name = _full_name(s, core)
        return (
            Agency(agency_key(s.jurisdiction, name), name, "agency", s.jurisdiction, s.level, "", unresolved=True,
                   reason=f"'{core}' is not in the alias table"),
            rule + "+unresolved",
        )
    name, level = _proper_name(entry, s)
    return Agency(agency_key(s.jurisdiction, name), name, "agency", s.jurisdiction, level, entry.type), rule + "+alias"


def _full_name(s: Scope, core: str) -> str:
    return core if core.startswith(s.jurisdiction) else s.jurisdiction + core


def _proper_name(entry: Entry, s: Scope) -> tuple[str, Level]:
    if entry.vertical.get(s.level):
        template = entry.vertical[s.level]
        ds = s.district.short if s.district else ""
        ps = next((p.short[0] for p in provinces() if p.name == s.province and p.short), s.province)
        name = template.format(p=s.province, d=s.jurisdiction, ds=ds, ps=ps)
        level: Level = "district_branch" if s.level == "district" else ("national_branch" if entry.type in ("税务", "海关") else "municipal")
        return name, level
    canonical = entry.municipal_canonical if (s.level == "municipal" and entry.municipal_canonical) else entry.canonical
    if entry.party:
        return f"中共{_party_scope(s)}{canonical}", s.level
    return s.jurisdiction + canonical, s.level


def _party_scope(s: Scope) -> str:
    """中共上海市金山区委… / 中共上海市委…: the party committee's name carries its level."""
    if s.level == "municipal":
        return s.province
    return s.province + s.jurisdiction
