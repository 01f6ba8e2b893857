"""Resolving an owner anywhere in China, in the chain of places a document belongs to (province, city, county).

区发改局 in a 咸安区 plan is 咸安区's, its 市发改委 is 咸宁市's; vertical bodies (customs, the central bank's
branches) get their proper names and their national head.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from policykg.graph.build.agency_scope import government, other_body
from policykg.graph.build.agency_table import PARENS, Entry, is_collective, lookup, normalise_collective
from policykg.loaders.jurisdiction import NATION
from policykg.loaders.zones import is_zone, zone_word
from policykg.ontology.keys import agency_key, collective_key
from policykg.ontology.records import Agency, Document, Level


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
    text = PARENS.sub("", text).strip() or text
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
    entry = lookup(core)
    if entry is None and core.endswith("厅") and len(core) > 2:
        entry = lookup(core[:-1] + "局") or lookup(core[:-1] + "委")  # a province's 财政厅, 经信厅: its 局's function
    if entry is None:
        name = text if rule == "named_unit_in_chain" else (core if core.startswith(label) else label + core)
        kind = other_body(core)
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
    text = PARENS.sub("", text).strip() or text
    if is_collective(text):
        name = normalise_collective(text)
        return Agency(collective_key(NATION, name), name, "collective", NATION, "national", ""), "collective_national"
    entry = lookup(text[2:]) if text.startswith("国家") else None  # 国家发展改革委: the ministry of the alias's function
    if entry is not None and not entry.national:
        name = "国家" + entry.canonical
        return Agency(agency_key(NATION, name), name, "agency", NATION, "national", entry.type), "national_alias"
    return Agency(agency_key(NATION, text), text, "agency", NATION, "national", ""), "national_own_name"
