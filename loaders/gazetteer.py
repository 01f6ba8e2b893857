"""China's administrative divisions, to place a document anywhere in the country.

The table (``data/divisions.tsv``: code, name, parent, rank) is data with its
source in its header. A document's place is the most specific division that
its issuers (or else its title) name, read consistently: a district name that
exists in several cities (朝阳区, 普陀区, 西湖区) is taken in the city or province
the same text names, and on its own only when it is unique.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from policykg.ontology.records import Level

MUNICIPALITY_CODES = ("11", "12", "31", "50")  # 北京 天津 上海 重庆: province-level cities (直辖市)
_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "自治州", "地区", "省", "市", "盟")


@dataclass(frozen=True)
class Division:
    code: str  # six-digit administrative code, e.g. 330106
    name: str  # 西湖区
    parent: str  # code of the division above ("" for a province)
    rank: str  # province | prefecture | county


@dataclass(frozen=True)
class Place:
    """Where a document comes from: its own unit, the chain above it, its level."""

    level: Level
    jurisdiction: str
    path: tuple[str, ...]  # province down: ("浙江省", "杭州市", "西湖区"); ("上海市", "金山区")
    code: str


@cache
def divisions() -> dict[str, Division]:
    text = resources.files("policykg.loaders").joinpath("data/divisions.tsv").read_text("utf-8")
    rows = csv.DictReader((line for line in text.splitlines() if not line.startswith("#")), delimiter="\t")
    return {r["code"]: Division(r["code"], r["name"], r["parent"], r["rank"]) for r in rows}


def short_name(d: Division) -> str | None:
    """The name without its administrative suffix, for provinces and cities (浙江, 杭州, 广西, 恩施); None for counties.

    >>> [short_name(division(c)) for c in ("330000", "330100", "450000", "330106")]
    ['浙江', '杭州', '广西', None]
    """
    if d.rank == "county":
        return None
    for suffix in _SUFFIXES:
        if d.name.endswith(suffix):
            core = d.name[: -len(suffix)]
            if suffix.endswith("自治区") or suffix == "自治州":
                core = re.sub(r"(?:[\u4e00-\u9fff]{1,6}族)+$", "", core) or core  # 广西壮族 → 广西
            return core if len(core) >= 2 else None
    return None


def division(code: str) -> Division:
    return divisions()[code]


@cache
def _index() -> tuple[re.Pattern[str], dict[str, tuple[Division, ...]]]:
    by_name: dict[str, list[Division]] = {}
    for d in divisions().values():
        by_name.setdefault(d.name, []).append(d)
        short = short_name(d)
        if short:
            by_name.setdefault(short, []).append(d)
    # older texts name a district by what it was before it became one (沙县 → 沙县区 in 2021, 崇明县 → 崇明区, 通州市 →
    # 南通市通州区): the county or county-level city a district was made from, where that name is free
    former: dict[str, list[Division]] = {}
    for d in divisions().values():
        if d.rank == "county" and d.name.endswith("区"):
            stem = d.name[:-1]
            olds = (stem,) if stem.endswith("县") else (stem + "县", stem + "市") if len(stem) >= 2 else ()
            for old in olds:
                if old not in by_name:  # the unit under its old name, so its level is the county's it then was
                    former.setdefault(old, []).append(Division(d.code, old, d.parent, d.rank))
    for old, ds in former.items():
        by_name[old] = ds
    names = sorted(by_name, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names))), {k: tuple(v) for k, v in by_name.items()}


def ancestors(d: Division) -> list[Division]:
    """The chain from the province down to ``d`` (itself included)."""
    chain = [d]
    while chain[-1].parent:
        chain.append(division(chain[-1].parent))
    return chain[::-1]


def level_of(d: Division) -> Level:
    """直辖市 and prefecture-level cities are municipal; 区 are districts, other county-level units counties."""
    if d.rank == "province":
        return "municipal" if d.code[:2] in MUNICIPALITY_CODES else "provincial"
    if d.rank == "prefecture":
        return "municipal"
    return "district" if d.name.endswith("区") else "county"


def place_of(d: Division) -> Place:
    return Place(level_of(d), d.name, tuple(a.name for a in ancestors(d)), d.code)


def mentioned(text: str) -> list[tuple[Division, ...]]:
    """The divisions a text names, in order; each entry lists every division of that name."""
    pattern, by_name = _index()
    return [by_name[m.group(0)] for m in pattern.finditer(text)]


def mentioned_spans(text: str) -> list[tuple[int, int]]:
    """Where the text names divisions: (start, end) of each name, in order."""
    pattern, _ = _index()
    return [m.span() for m in pattern.finditer(text)]


@cache
def province_by_abbreviation(issuer_code: str) -> Division | None:
    """The province whose one-character abbreviation opens a 文号's issuer code (新核心区发 → 新疆维吾尔自治区), for
    a body already known to be a province's: its other characters may name any office.

    >>> province_by_abbreviation("新核心区发").name, province_by_abbreviation("文旅发")
    ('新疆维吾尔自治区', None)
    """
    name = _province_abbreviations().get(issuer_code[:1])
    return next((d for d in locate_all(name) if d.rank == "province"), None) if name else None


@cache
def _province_abbreviations() -> dict[str, str]:
    import json

    data = json.loads(resources.files("policykg.loaders").joinpath("data/abbreviations.json").read_text("utf-8"))
    return dict(data["province"])


@cache
def _county_short_names() -> dict[str, Division]:
    """County-level units by their name without 区/县/市, where that short name is unique nationwide (咸安 → 咸安区)."""
    seen: dict[str, list[Division]] = {}
    for d in divisions().values():
        if d.rank == "county" and len(d.name) >= 3 and d.name[-1] in "区县市旗":
            seen.setdefault(d.name[:-1], []).append(d)
    return {k: v[0] for k, v in seen.items() if len(v) == 1 and len(k) >= 2}


def locate_doc_number(issuer_code: str) -> Division | None:
    """The unit a 文号's issuer code names: a unique county short name (咸安政发), a province abbreviation (粤府办),
    or a city's prefix (杭政办, 穗府办; data/abbreviations.json).

    >>> [locate_doc_number(c).name for c in ("咸安政发", "粤府办", "川办发")]
    ['咸安区', '广东省', '四川省']
    >>> [locate_doc_number(c).name for c in ("杭营商办", "厦府办", "穗府办", "十政办发")]
    ['杭州市', '厦门市', '广州市', '十堰市']
    >>> locate_doc_number("文旅发") is None  # a ministry's code, not 文山州's
    True
    >>> locate_doc_number("蔡政办").name, locate_doc_number("税政发")
    ('蔡甸区', None)
    """
    for n in (3, 2):
        d = _county_short_names().get(issuer_code[:n])
        if d is not None and len(issuer_code) > n and issuer_code[n] in "政府办发委":
            return d
    province = _province_abbreviations().get(issuer_code[:1])
    if province is not None and len(issuer_code) > 1 and issuer_code[1] in "政府办发委党":  # 藏党发: the party committee
        return next((d for d in locate_all(province) if d.rank == "province"), None)
    city = _city_prefixes().get(issuer_code[:1])
    rest = issuer_code[1:]
    if city is not None and rest and (rest[:2].find("政") >= 0 or rest[:2].find("府") >= 0 or rest.endswith("办")):
        return city  # 杭政办, 厦府办, 杭营商办 (an office of the city); not 文旅发, a ministry's
    county = _county_prefixes().get(issuer_code[:1])
    if county is not None and rest[:1] in ("政", "府"):
        return county  # 蔡政办: the one county-level unit whose name opens with 蔡 (蔡甸区)
    return None


@cache
def _county_prefixes() -> dict[str, Division]:
    """County-level units by the first character of their name, where no other division of any rank opens with it and
    it is no province's abbreviation (蔡 蔡甸区): a 文号 such as 蔡政办 can then only be theirs."""
    taken = set(_province_abbreviations()) | set(_city_prefixes())
    seen: dict[str, list[Division]] = {}
    for d in divisions().values():
        seen.setdefault(d.name[0], []).append(d)
    return {c: ds[0] for c, ds in seen.items() if len(ds) == 1 and ds[0].rank == "county" and c not in taken}


@cache
def _city_prefixes() -> dict[str, Division]:
    """Prefecture-level cities by the character their 文号 open with: the table's own (穗 广州), else the first
    character of the name where no other city and no province abbreviation shares it (杭 杭州, 厦 厦门)."""
    import json

    data = json.loads(resources.files("policykg.loaders").joinpath("data/abbreviations.json").read_text("utf-8"))
    taken = set(data["province"])
    seen: dict[str, list[Division]] = {}
    for d in divisions().values():
        if d.rank == "prefecture":
            seen.setdefault(d.name[0], []).append(d)
    out = {c: ds[0] for c, ds in seen.items() if len(ds) == 1 and c not in taken}
    for c, name in data["prefecture"].items():
        found = next((d for d in locate_all(name) if d.rank == "prefecture"), None)
        if found is not None:
            out[c] = found
    return out


def locate_all(name: str) -> tuple[Division, ...]:
    """Every division of exactly this name."""
    return _index()[1].get(name, ())


def locate(texts: Iterable[str]) -> Division | None:
    """The most specific division the texts name consistently, or None.

    >>> locate(["济南市钢城区人民政府办公室"]).code, locate(["北京市海淀区人民政府"]).name
    ('370117', '海淀区')
    >>> locate(["西湖区人民政府"]) is None  # 西湖区 of 杭州 or of 南昌: not said
    True
    >>> locate(["杭州市西湖区人民政府"]).code
    '330106'
    >>> locate(["沙县人民政府"]).name, locate(["上海市崇明县人民政府"]).code  # named as they were before they became districts
    ('沙县', '310151')
    """
    found = [names for t in texts for names in mentioned(t)]
    unique = {ds[0].code for ds in found if len(ds) == 1}
    chosen: list[Division] = []
    for ds in found:
        if len(ds) == 1:
            chosen.append(ds[0])
            continue
        # an ambiguous name counts only where the texts also name a division above it
        fitting = [d for d in ds if any(a.code in unique for a in ancestors(d)[:-1])]
        if len(fitting) == 1:
            chosen.append(fitting[0])
    if not chosen:
        return None
    deepest = max(chosen, key=lambda d: len(ancestors(d)))
    chain = {a.code for a in ancestors(deepest)}
    if all(d.code in chain for d in chosen):
        return deepest
    # places that do not nest (a 开发区 of one city quoting another): keep the first named
    return chosen[0]


# how a document speaks of its own place: 全省, 我市, 本县, 全区
_SELF = re.compile(r"(?:全|我|本)(省|市|县|区|州|盟|旗)")


def dominant_place(text: str, least: int = 3) -> Division | None:
    """The place a text is about, when nothing in its head names one: the division it names most often, of the kind it
    calls itself (全市, 我县, 本区), named at least ``least`` times and more often than any other of that kind.

    >>> dominant_place("全市推进。郑州市、许昌市对接。许昌市要加快，许昌市各县要落实。我市将……")
    Division(code='411000', name='许昌市', parent='410000', rank='prefecture')
    >>> dominant_place("全县推进，我县要加快。") is None  # no county named
    True
    """
    selves = [m.group(1) for m in _SELF.finditer(text)]
    if not selves:
        return None
    kind = max(set(selves), key=lambda k: (selves.count(k), k))
    counts: dict[str, int] = {}
    chosen: dict[str, Division] = {}
    for ds in mentioned(text):
        fitting = [d for d in ds if d.name.endswith(kind)]
        if len(fitting) == 1:
            counts[fitting[0].code] = counts.get(fitting[0].code, 0) + 1
            chosen[fitting[0].code] = fitting[0]
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if not ranked or ranked[0][1] < least or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return chosen[ranked[0][0]]
