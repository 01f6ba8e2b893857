"""Owner mentions and issuers → jurisdiction-scoped agencies.

区发改委 in a 金山区 document is 金山区发展和改革委员会; in a 黄浦区 document it is
another body. An owner is therefore resolved in the scope of the document
that names it: 区X → the document's district, 市X → the municipality, a name
that carries a district (金山税务局, 公安金山分局) → that district. Names and
abbreviations come from the alias table in ``data/agencies.json`` (data, not
code), vertically managed bodies get their proper names, collective owners
(各街镇, 各相关部门) are their own kind, and a name the table does not know
still becomes an agency, flagged unresolved, so nothing is lost.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any, cast

from policykg.loaders.jurisdiction import NATION, District, all_districts, provinces
from policykg.loaders.zones import is_zone, zone_word
from policykg.ontology.keys import agency_key, collective_key
from policykg.ontology.records import LEVEL_CHAR, Agency, Document, IssuedBy, Level, OwnedBy, OwnerMention

_PARENS = re.compile(r"[（(][^（）()]*[）)]")


@dataclass(frozen=True)
class Entry:
    type: str
    canonical: str
    vertical: dict[str, str]
    municipal_canonical: str
    party: bool
    national: bool


@cache
def _data() -> dict[str, Any]:
    return cast(dict[str, Any], json.loads(resources.files("policykg.graph").joinpath("data/agencies.json").read_text("utf-8")))


@cache
def _alias_index() -> dict[str, Entry]:
    index: dict[str, Entry] = {}
    for a in _data()["agencies"]:
        e = Entry(a["type"], a["canonical"], a.get("vertical", {}), a.get("municipal_canonical", ""), a.get("party", False), a.get("national", False))
        for name in [a["canonical"], *a["aliases"]]:
            index.setdefault(name, e)
    return index


@cache
def _collective_res() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in _data()["collective_patterns"])


def is_collective(text: str) -> bool:
    """各街镇, 各相关部门, 有关单位 … (never merged with a specific agency).

    >>> [is_collective(t) for t in ["各街镇", "区内各预算主管部门", "市水务局等市相关部门", "区发改委"]]
    [True, True, True, False]
    """
    return text in _data()["collective_exact"] or any(p.search(text) for p in _collective_res())


@cache
def _conjunction_free_index() -> dict[str, Entry]:
    """The alias index keyed without 和/与: places join the same words either way (规划自然资源局, 规划和自然资源局)."""
    index: dict[str, Entry] = {}
    for name, e in _alias_index().items():
        index.setdefault(re.sub("[和与]", "", name), e)
    return index


def _lookup(core: str) -> Entry | None:
    """The table entry of a name, as written, without a trailing 等, or without its 和/与.

    >>> _lookup("规划自然资源局").canonical, _lookup("经济信息化局等").canonical
    ('规划和自然资源局', '经济和信息化局')
    """
    core = core.strip()
    index = _alias_index()
    if core in index:
        return index[core]
    bare = re.sub(r"等$", "", core)
    return index.get(bare) or _conjunction_free_index().get(re.sub("[和与]", "", bare))


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
                if _lookup(rest) is None and inside is not None:
                    return _district_scope(inside[0], p.name), inside[1], "named_district_inside"
                if _lookup(rest) is not None or not _lookup(t):
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
    if t.startswith("市") and len(t) > 1 and (_lookup(t[1:]) is not None or not t.startswith(("市场", "市政"))):
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
                if _lookup(rest) is not None:
                    return d, rest
    return None


def _matched(t: str, d: District) -> str:
    return d.name if t.startswith(d.name) else d.short


def _district_scope(d: District, province: str) -> Scope:
    return Scope(d.name, "district", d, province)


@dataclass
class Registry:
    """Agencies met so far, merged by key; aliases accumulate."""

    agencies: dict[str, Agency] = field(default_factory=dict)
    aliases: dict[str, set[str]] = field(default_factory=dict)
    within: dict[str, tuple[str, Level]] = field(default_factory=dict)  # outside Shanghai: a unit → the unit it lies in

    def place(self, doc: Document) -> None:
        """Record the chain of a document's place, so its governments point to the ones above them."""
        chain = document_chain(doc)
        for (inner, _), outer in zip(chain.units[1:], chain.units, strict=False) if chain else ():
            self.within.setdefault(inner, outer)

    def add(self, agency: Agency, written: str) -> Agency:
        if agency.key not in self.agencies:
            self.agencies[agency.key] = agency
        self.aliases.setdefault(agency.key, set()).add(written)
        return self.agencies[agency.key]

    def finish(self) -> list[Agency]:
        """Agencies with aliases, governments as parents and counterparts (the body of the same function one level up)."""
        from dataclasses import replace

        # every jurisdiction's government exists as a node, so agencies can point to it
        for a in list(self.agencies.values()):
            if a.jurisdiction.startswith(UNPLACED):
                continue  # a document whose place is unknown has no government to point to
            gov = government(a.jurisdiction, a.level if a.level in ("provincial", "municipal", "district", "county") else None)
            if gov.key not in self.agencies:
                self.agencies[gov.key] = gov
        for outer in self.within.values():
            gov = government(*outer)
            self.agencies.setdefault(gov.key, gov)
        for p in provinces():  # a Shanghai district's government points to the city's, which exists only with them
            if any(_province_of(a.jurisdiction) == p.name for a in self.agencies.values()):
                gov = government(p.name)
                self.agencies.setdefault(gov.key, gov)
        rules = _data()["hierarchies"]
        vertical: dict[str, str] = rules["national_vertical"]
        for a in list(self.agencies.values()):  # a vertical body's national head exists as a node, so branches point to it
            if a.kind == "agency" and a.functional_type in vertical and a.level in ("municipal", "national_branch", "provincial"):
                head = _national_body(a.functional_type, vertical[a.functional_type])
                self.agencies.setdefault(head.key, head)
        by_type: dict[tuple[str, str], str] = {}
        for a in self.agencies.values():
            if a.level in ("provincial", "municipal", "national_branch") and a.functional_type and a.kind == "agency":
                by_type.setdefault((a.jurisdiction, a.functional_type), a.key)
        out = []
        for key in sorted(self.agencies):
            a = self.agencies[key]
            province = _province_of(a.jurisdiction)
            counterpart = None
            if a.functional_type in rules["no_counterpart"] or a.level == "national":
                pass  # an enterprise has no body of the same function one level up
            elif a.functional_type and a.jurisdiction in self.within:  # outside Shanghai: the same function one level up
                counterpart = by_type.get((self.within[a.jurisdiction][0], a.functional_type))
            elif a.level in ("district", "district_branch") and a.functional_type:
                counterpart = by_type.get((province, a.functional_type))
            parent = None
            if a.kind == "agency" and a.level != "national" and not a.jurisdiction.startswith(UNPLACED):
                if a.functional_type in vertical:  # 金山海关 → 上海海关 → 海关总署
                    parent = counterpart or _national_body(a.functional_type, vertical[a.functional_type]).key
                    a = replace(a, level="national_branch") if a.level in ("municipal", "provincial") else a
                elif a.functional_type in rules["own_hierarchy"]:  # a court answers to the court above it, not the government
                    parent = counterpart
                elif key != (own_gov := government(a.jurisdiction).key):
                    parent = own_gov
                elif a.jurisdiction in self.within:  # 北京市海淀区人民政府 → 北京市人民政府
                    parent = government(*self.within[a.jurisdiction]).key
                elif a.jurisdiction != province:
                    parent = government(province).key
            out.append(replace(a, aliases=tuple(sorted(self.aliases.get(key, set()) | set(a.aliases))), parent=parent, counterpart=counterpart))
        return out


def _province_of(jurisdiction: str) -> str:
    for p in provinces():
        if jurisdiction == p.name or any(d.name == jurisdiction for d in p.districts):
            return p.name
    return jurisdiction


def _national_body(functional_type: str, name: str) -> Agency:
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


def _other_body(core: str) -> str | None:
    """The kind of a body outside the alias table that owns measures under its own name (graph/data/agencies.json)."""
    return next((o["type"] for o in _data()["other_bodies"] if re.search(o["suffix"], core)), None)


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
    text = _PARENS.sub("", text).strip() or text
    # 市卫生健康委等四部门: the named body stands for the group
    text = re.sub(r"等[一二三四五六七八九十\d]*(个)?(市|区)?(相关|有关)?(部门|单位)$", "", text) if not is_collective(text) else text
    for parent in _data()["national_parents"]:
        if text.startswith(parent) and len(text) > len(parent) + 2:
            inner, rule = resolve(text[len(parent):], scope)
            if not inner.unresolved:
                return inner, rule + "+national_parent"
    named = _named_bodies().get(text)
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
    index = _alias_index()
    national = index.get(text)
    if national is not None and national.national:
        key = agency_key(NATION, national.canonical)
        return Agency(key, national.canonical, "agency", scope.province, "national_branch", national.type), "alias_national"
    s, core, rule = split_scope(text, scope)
    core = re.sub(r"等$", "", core)
    entry = _lookup(core)
    if entry is None:
        kind = _other_body(core)
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


@cache
def _named_bodies() -> dict[str, dict[str, str]]:
    """Short forms (and full names) of enterprises, zones and associations → the body (graph/data/named_bodies.json)."""
    data = json.loads(resources.files("policykg.graph").joinpath("data/named_bodies.json").read_text("utf-8"))
    out: dict[str, dict[str, str]] = {}
    for body in data["bodies"]:
        for form in [body["name"], *body["short"]]:
            out[form] = body
    return out


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


_COLLECTIVE_SYNONYMS = {
    "各区政府": "各区人民政府", "各区": "各区人民政府", "相关区政府": "相关区人民政府",
    "各镇政府": "各镇", "各街镇（工业区）": "各街镇", "各街镇(工业区)": "各街镇",
    "各相关政府部门": "各相关部门", "相关政府部门": "各相关部门", "各有关部门": "各相关部门", "相关部门": "各相关部门",
    "各有关单位": "各相关单位", "有关单位": "各相关单位", "相关单位": "各相关单位",
    "园区": "各园区", "街镇": "各街镇",
}


def normalise_collective(text: str) -> str:
    """
    >>> [normalise_collective(t) for t in ["各区政府", "市相关部门", "各街镇（工业区）", "相关政府部门"]]
    ['各区人民政府', '各相关部门', '各街镇', '各相关部门']
    """
    t = _PARENS.sub("", text).strip()
    t = re.sub(r"^(市|区)(?=相关|有关|其他)", "", t)
    t = re.sub(r"^(.+?)等", "", t) if re.match(r"^.+?等.+(部门|单位)$", t) else t
    return _COLLECTIVE_SYNONYMS.get(t, t)


PREFIXES = ("区", "市", "各")
# a kind of unit that 各 can distribute over: 各区政府、街镇、功能区 (not 虹桥商务区管委会, which is one body)
_GENERIC_KIND = re.compile(r"^(?:区|县|市|镇|乡|街道|街镇|乡镇|村|居委|社区|部门|单位|委办局|开发区|功能区|园区|集团|企业|学校|医院)"
                           r"(?:人民政府|政府|办事处|管委会|党委|党工委|相关部门|有关部门)?$|(?:相关|有关)(?:部门|单位)$")


def expand_shared_prefix(mentions: list[OwnerMention]) -> list[tuple[OwnerMention, str, int]]:
    """Owners of one list, with the shared prefix of the first restored on later items.

    Returns (mention, text to resolve, position within its list).

    >>> from policykg.ontology.records import Provenance, Span
    >>> p = Provenance(Span("f", 1, 1), "t")
    >>> ms = [OwnerMention(t, "unspecified", "", p, i) for i, t in enumerate(["区政务办", "经委", "电力公司"])]
    >>> [t for _, t, _ in expand_shared_prefix(ms)]
    ['区政务办', '区经委', '电力公司']
    """
    out: list[tuple[OwnerMention, str, int]] = []
    groups: dict[tuple[str, int, int, str], list[OwnerMention]] = {}
    for m in mentions:
        groups.setdefault((m.provenance.span.file, m.provenance.span.line_start, m.provenance.span.line_end, m.provenance.rule), []).append(m)
    for group in groups.values():
        prefix = ""
        seen: set[str] = set()
        position = 0
        for i, m in enumerate(group):
            text = _PARENS.sub("", m.text).strip() or m.text
            if i == 0 or (m.marker and m.marker != group[0].marker):
                prefix = text[0] if text[:1] in PREFIXES and len(text) >= 2 else ""
            elif prefix and text[:1] not in PREFIXES and not _has_scope(text):
                candidate = prefix + text
                if text in _named_bodies():
                    pass  # 各区政府、临港新片区管委会: a named body takes no shared prefix
                elif prefix == "各":
                    if _GENERIC_KIND.match(text):  # 各区政府、街镇: 各 distributes over a kind, never over a named body
                        text = candidate
                elif _lookup(text) is not None and _lookup(text).type not in ("电力",):  # type: ignore[union-attr]
                    text = candidate
            # 市水务局等市相关部门: the named body, then the others as a collective owner
            parts = [text]
            # 上海海关等具有行政强制权…的政府部门和单位: the named body too, whatever describes the others
            m_etc = re.match(r"^(.{2,}?)等((?:市|区)?(?:相关|有关|其他)?.{0,40}(?:部门|单位|机构))$", text)
            if m_etc and not is_collective(m_etc.group(1)) and (_lookup(m_etc.group(1)) is not None or _ORG_NAME.search(m_etc.group(1))):
                parts = [m_etc.group(1), m_etc.group(2)]
            for part in parts:
                if part in seen:
                    continue
                seen.add(part)
                out.append((m, part, position))
                position += 1
    return out


_ORG_NAME = re.compile(r"(委员会|委|局|办|院|中心|集团|公司|政府|部|海关|法院|检察院|管委会|银保监局|分局)$")


def _has_scope(text: str) -> bool:
    return text.startswith(("上海", "中共", "国家", "中国")) or any(text.startswith(d.short) for d in all_districts())


@dataclass(frozen=True)
class Chain:
    """A document's place outside Shanghai, from the gazetteer: its own unit and the units above it."""

    units: tuple[tuple[str, Level], ...]  # (label, level) from the province down; labels are unique keys
    names: tuple[str, ...] = ()  # the same units' own names (济南市, 钢城区)
    zone_words: tuple[str, ...] = ()  # how a zone's document names the zone itself (园区, 开发区), when the last unit is one

    def at(self, prefix: str) -> tuple[str, Level]:
        """The unit an owner prefix names: 区/县 the county-level unit, 市 the city (a county-level city itself, in
        its own documents), 省 the province, else the document's own."""
        if prefix in self.zone_words:
            return self.units[-1]
        if prefix == "市" and self.units[-1][1] == "county" and self.names[-1:] and self.names[-1].endswith("市"):
            return self.units[-1]  # a county-level city's 市发改委 is its own (昆山市's), not its prefecture's
        wanted = {"区": ("district", "county"), "县": ("county", "district"), "市": ("municipal",), "省": ("provincial",)}.get(prefix, ())
        for label, level in reversed(self.units):
            if level in wanted:
                return label, level
        return self.units[-1]


def document_chain(doc: Document) -> Chain | None:
    """The chain of a document placed outside Shanghai (None for Shanghai and national documents: their own rules)."""
    return place_chain(doc.jurisdiction_path)


def jurisdiction_label(doc: Document) -> str | None:
    """The key of a document's jurisdiction, the one its agencies carry: outside Shanghai a county-level unit is
    named with its city (海淀区 → 北京市海淀区), since names repeat across cities."""
    chain = place_chain(doc.jurisdiction_path)
    return chain.units[-1][0] if chain else doc.jurisdiction


@cache
def place_chain(path: tuple[str, ...]) -> Chain | None:
    """The chain of a place outside Shanghai, province down (``Document.jurisdiction_path``)."""
    from policykg.loaders.gazetteer import ancestors, level_of, locate_all

    if not path or path[0] == "上海市":
        return None
    zone = path[-1] if is_zone(path[-1]) else None
    place = path[:-1] if zone else path  # a development zone's document (苏州工业园区): the zone lies in its city
    found = next((d for d in locate_all(place[-1]) if tuple(a.name for a in ancestors(d)) == place), None) if place else None
    if found is None:
        return None
    chain = ancestors(found)
    # a county-level unit is named with its city (朝阳区 exists in 北京 and 长春); cities and provinces by name
    units = tuple((chain[k - 1].name + d.name if d.rank == "county" and k else d.name, level_of(d)) for k, d in enumerate(chain))
    names = tuple(d.name for d in chain)
    if zone is not None:
        # its unprefixed owners, and those written 园区X or 区X, are the zone's bodies, not the city's
        word = zone_word(zone)
        return Chain((*units, (zone, "district")), (*names, zone), tuple(dict.fromkeys((word, word[-3:], word[-2:]))))
    return Chain(units, names)


# a customs house (苏州海关) or its office in a zone (苏州海关驻园区办事处): vertically managed under 海关总署, named by its place
_CUSTOMS = re.compile(r"^[\u4e00-\u9fff]{2,6}海关(?:驻[\u4e00-\u9fff]{1,12}(?:办事处|业务处|监管科))?$")
# words that open with 市/区/县 without being a prefix (市场监管局, 市政工程, 区域); 市政务办 and 市政府 are 市 + 政务办/政府
_UNPREFIXED = re.compile(r"^(?:市场|市政(?![务府法])|区域|县域)")
_PBOC = re.compile(r"^(?:中国)?(?:人民银行|人行)([\u4e00-\u9fff]{2,8}?(?:省|市|自治区)?)(分行|中心支行|营业管理部|支行)$")


def resolve_in_chain(text: str, chain: Chain) -> tuple[Agency, str]:
    """An owner of a document outside Shanghai: 区X / 县X / 市X / 省X in the document's own chain, else its own unit.

    >>> c = Chain((("山东省", "provincial"), ("济南市", "municipal"), ("济南市钢城区", "district")))
    >>> [(a.jurisdiction, a.name) for a, _ in (resolve_in_chain(t, c) for t in ("区发展改革委", "市市场监管局", "区政府办公室"))]
    [('济南市钢城区', '济南市钢城区发展和改革委员会'), ('济南市', '济南市市场监督管理局'), ('济南市钢城区', '济南市钢城区人民政府办公室')]
    """
    text = _PARENS.sub("", text).strip() or text
    if is_collective(text):
        name = normalise_collective(text)
        label, level = chain.at("市" if text.startswith("市") else "")
        return Agency(collective_key(label, name), name, "collective", label, level, ""), "collective_in_chain"
    bank = _PBOC.match(text)
    if bank:  # 人行成都分行: a branch of the central bank, named by its place
        name = f"中国人民银行{bank.group(1)}{bank.group(2)}"
        return Agency(agency_key(NATION, name), name, "agency", chain.units[0][0], "national_branch", "人民银行"), "central_bank_branch"
    if _CUSTOMS.match(text) and not text.startswith(("区", "县", "市", "省")):
        return Agency(agency_key(NATION, text), text, "agency", chain.units[0][0], "national_branch", "海关"), "customs_house"
    core, rule = text, "document_unit"
    label, level = chain.units[-1]
    for prefix in (*sorted(chain.zone_words, key=len, reverse=True), "区", "县", "市", "省"):
        if text.startswith(prefix) and len(text) > len(prefix) + 1 and not _UNPREFIXED.match(text):
            (label, level), core, rule = chain.at(prefix), text[len(prefix):], f"{prefix}_prefix_in_chain"
            break
    else:
        # a full name (济南市钢城区人民政府办公室, 中共重庆市南岸区委办公室): the most specific unit it names
        bare = text[2:] if text.startswith("中共") else text
        named = [(unit, unit_level, written) for unit, unit_level in reversed(chain.units)
                 for written in dict.fromkeys((unit, unit[-3:] if len(unit) > 3 else unit, "".join(p for p, _ in chain.units[:1]) + unit))
                 if bare.startswith(written) and len(bare) > len(written)]
        if named:
            unit, unit_level, written = max(named, key=lambda x: len(x[2]))
            (label, level), core, rule = (unit, unit_level), bare[len(written):], "named_unit_in_chain"
    core = re.sub(r"等$", "", core)
    if core in ("管理委员会", "管委会") and is_zone(label):
        return government(label, level), rule + "+zone_committee"
    entry = _lookup(core)
    if entry is None and core.endswith("厅") and len(core) > 2:
        entry = _lookup(core[:-1] + "局") or _lookup(core[:-1] + "委")  # a province's 财政厅, 经信厅: its 局's function
    if entry is None:
        name = text if rule == "named_unit_in_chain" else (core if core.startswith(label) else label + core)
        kind = _other_body(core)
        if kind is not None:  # a zone's committee, a leading group's office, an enterprise: its own name
            return Agency(agency_key(label, name), name, "agency", label, level, kind), rule + "+other_body"
        return Agency(agency_key(label, name), name, "agency", label, level, "", unresolved=True,
                      reason=f"'{core}' is not in the alias table"), rule + "+unresolved"
    vertical = _vertical_name(entry, chain, label, level)
    if vertical is not None:
        return Agency(agency_key(label, vertical[0]), vertical[0], "agency", label, vertical[1], entry.type), rule + "+alias_vertical"
    canonical = _written_kind(core, entry.municipal_canonical if (level in ("municipal", "provincial") and entry.municipal_canonical) else entry.canonical)
    name = f"中共{label}{canonical}" if entry.party else label + canonical
    return Agency(agency_key(label, name), name, "agency", label, level, entry.type), rule + "+alias"


def _written_kind(core: str, canonical: str) -> str:
    """Outside Shanghai the kind of body is the one written: a 局 stays a 局.

    The alias table's canonical names follow Shanghai (商务委员会, 科学技术委员会); most of China has
    商务局 and 科学技术局, and a county its 发展和改革局.

    >>> _written_kind("商务局", "商务委员会"), _written_kind("发改委", "发展和改革委员会"), _written_kind("数据局", "政务服务办公室")
    ('商务局', '发展和改革委员会', '数据局')
    >>> _written_kind("经信厅", "经济和信息化委员会"), _written_kind("财政厅", "财政局")  # a province's departments
    ('经济和信息化厅', '财政厅')
    """
    if core.endswith(("局", "厅")) and canonical.endswith("委员会"):
        return canonical[: -len("委员会")] + core[-1]
    if core.endswith("厅") and canonical.endswith("局"):
        return canonical[:-1] + "厅"
    if core.endswith("局") and not canonical.endswith(("局", "厅")):
        return core  # a different body under a shared alias (数据局 is not a 政务服务办公室)
    return canonical


def _vertical_name(entry: Entry, chain: Chain, label: str, level: Level) -> tuple[str, Level] | None:
    """Vertically managed bodies (税务, 公安分局, 海关 …) named by their hierarchy: 国家税务总局济南市钢城区税务局, 济南市公安局钢城分局.

    For a city and its districts; a county only where the table says so (国家税务总局长兴县税务局; a county keeps its X县公安局).
    """
    template = entry.vertical.get(level if level in ("district", "county", "municipal") else "")
    if template is None or not chain.names:
        return None
    index = [u for u, _ in chain.units].index(label)
    own = chain.names[index]
    city = chain.names[index - 1] if level in ("district", "county") and index > 0 else own
    short = re.sub(r"(区|县|市)$", "", own) if len(own) > 2 else own
    name = template.format(p=city, d=own, ds=short, ps=re.sub(r"市$", "", city))
    return name, ("district_branch" if level in ("district", "county") else "national_branch" if entry.type in ("税务", "海关") else "municipal")


def resolve_national(text: str) -> tuple[Agency, str]:
    """An owner or issuer of a national document: national bodies are named without a place (国务院, 商务部,
    市场监管总局), so the name as written is the body's own; a group (各地区、各部门) is a collective.

    >>> [(a.key, a.level) for a, _ in map(resolve_national, ["国务院", "国家发展改革委（牵头）", "商务部"])]
    [('中华人民共和国:国务院', 'national'), ('中华人民共和国:国家发展和改革委员会', 'national'), ('中华人民共和国:商务部', 'national')]
    """
    text = _PARENS.sub("", text).strip() or text
    if is_collective(text):
        name = normalise_collective(text)
        return Agency(collective_key(NATION, name), name, "collective", NATION, "national", ""), "collective_national"
    entry = _lookup(text[2:]) if text.startswith("国家") else None  # 国家发展改革委: the ministry of the alias's function
    if entry is not None and not entry.national:
        name = "国家" + entry.canonical
        return Agency(agency_key(NATION, name), name, "agency", NATION, "national", entry.type), "national_alias"
    return Agency(agency_key(NATION, text), text, "agency", NATION, "national", ""), "national_own_name"


def _resolver(doc: Document) -> Callable[[str], tuple[Agency, str]]:
    if doc.level == "national":
        return resolve_national
    chain = document_chain(doc)
    if chain is not None:
        return lambda text: _in_chain_cached(text, chain)
    if not _in_table(doc.jurisdiction):
        # no place found for the document: its 区发改委 is nobody's known body, and never Shanghai's by default
        return lambda text: resolve_unplaced(text, doc.key)
    scope = document_scope(doc)
    return lambda text: _resolve_cached(text, scope)


def _in_table(jurisdiction: str | None) -> bool:
    """A place of the province table whose districts are listed (the scope resolution of :func:`resolve`)."""
    return bool(jurisdiction) and any(jurisdiction == p.name or any(d.name == jurisdiction for d in p.districts) for p in provinces())


UNPLACED = "未定位"  # the place of the owners of a document whose own place is unknown
# a level by the character its bodies open with (区X: district); district_branch is a district's too
_LEVEL_PREFIX = {char: cast(Level, level) for level, char in LEVEL_CHAR.items() if level != "district_branch"}


def resolve_unplaced(text: str, document: str) -> tuple[Agency, str]:
    """An owner of a document whose place is unknown: kept as written, in a place of that document's own
    (``未定位（document key）``), flagged unresolved; the level its prefix gives (区X: district), else municipal.

    >>> a, rule = resolve_unplaced("区发改委", "c-1"); (a.key, a.level, a.unresolved, rule)
    ('未定位（c-1）:区发改委', 'district', True, 'unplaced')
    """
    text = _PARENS.sub("", text).strip() or text
    where = f"{UNPLACED}（{document}）"
    level = _LEVEL_PREFIX.get(text[:1], "municipal")
    entry = _lookup(text[1:] if text[:1] in _LEVEL_PREFIX else text)
    if is_collective(text):
        return Agency(collective_key(where, text), text, "collective", where, level, ""), "unplaced_collective"
    return (Agency(agency_key(where, text), text, "agency", where, level, entry.type if entry else "", unresolved=True,
                   reason="the document's place is unknown (no issuer, 文号 prefix, title or addressee names one)"), "unplaced")


# The same owner names recur in every document of a place: each (name, place) is resolved once per process.
@lru_cache(maxsize=1 << 17)
def _resolve_cached(text: str, scope: Scope) -> tuple[Agency, str]:
    return resolve(text, scope)


@lru_cache(maxsize=1 << 17)
def _in_chain_cached(text: str, chain: Chain) -> tuple[Agency, str]:
    return resolve_in_chain(text, chain)


def link_owners(doc: Document, registry: Registry) -> list[OwnedBy]:
    """owned-by edges of a document's measures and annex tasks; roles from markers, else the first listed leads."""
    scope = _resolver(doc)
    group = next((i.name for i in doc.issuers if i.role in ("issuer", "seal") and i.name.endswith("领导小组")), None)
    if group is not None:  # 市领导小组办公室 in a leading group's own document: that group's office
        scope = functools.partial(_named_group, scope, group)
    registry.place(doc)
    out: list[OwnedBy] = []
    for m in doc.measures:
        out += _owner_links(m.key, m.owners, scope, registry)
    for t in doc.tasks:
        out += _owner_links(t.key, t.owners, scope, registry)
    return out


# a leading group written without its name (市领导小组办公室, 领导小组成员单位)
_UNNAMED_GROUP = re.compile(r"^(?:市|区|县|省)?领导小组(?=办公室|各?成员单位|$)")


def _named_group(resolve_one: Callable[[str], tuple[Agency, str]], group: str, text: str) -> tuple[Agency, str]:
    return resolve_one(_UNNAMED_GROUP.sub(group, text))


def _owner_links(unit: str, owners: tuple[OwnerMention, ...], scope: Callable[[str], tuple[Agency, str]], registry: Registry) -> list[OwnedBy]:
    """A unit's owners as edges. Where several lists were merged (a measure and the annex rows that detail it),
    only the first list's first owner leads by position: each row's own lead is its task's."""
    out = []
    seen: set[tuple[str, str]] = set()
    first_list: tuple[str, int, int, str] | None = None
    for mention, text, position in expand_shared_prefix(list(owners)):
        agency, rule = scope(text)
        agency = registry.add(agency, mention.text)
        where = mention.provenance.span
        this_list = (where.file, where.line_start, where.line_end, mention.provenance.rule)
        first_list = first_list or this_list
        if mention.role in ("lead", "supporting"):
            role, role_rule = mention.role, f"marker:{mention.marker or mention.role}"
        elif position == 0 and this_list == first_list:
            role, role_rule = "lead", "first_listed_leads"
        else:
            role = "supporting"
            role_rule = "listed_after_first" if position else "first_listed_in_a_later_row"
        if (agency.key, role) in seen:
            continue
        seen.add((agency.key, role))
        out.append(OwnedBy(unit, agency.key, role, mention.text, f"{rule};{role_rule}", mention.provenance))
    # an agency named again after it leads (…（责任单位：市政府办公厅）…（责任单位：市政府办公厅、各区）) still leads it, and
    # only that: a second, supporting edge would count the measure twice in its load
    leads = {o.agency for o in out if o.role == "lead"}
    return [o for o in out if o.role == "lead" or o.agency not in leads]


def link_issuers(doc: Document, registry: Registry) -> list[IssuedBy]:
    scope = _resolver(doc)
    out = []
    for issuer in doc.issuers:
        agency, _ = scope(issuer.name)
        agency = registry.add(agency, issuer.name)
        if issuer.provenance is not None:
            out.append(IssuedBy(doc.key, agency.key, issuer.role, issuer.name, issuer.provenance))
    return out
