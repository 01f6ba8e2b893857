"""What alignment compares: a measure or a general-requirements section as a unit, its text localised to the level
of the plan it implements (全区 → 全市, 区X局 → 市X局), and the named area a municipal measure is addressed to."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from policykg.loaders.normalise import normalise
from policykg.ontology.records import LEVEL_CHAR, Document, Measure, Span

# a plan's own level in its wording (全区, 本县, 市政府) and the words that carry it
_LOCAL_WORDS = ("全{}", "我{}", "本{}", "{}级", "{}领导", "{}委", "{}政府")


_AREA = re.compile(r"([\u4e00-\u9fff]{2,8}?)(新区|新片区|科学城|商务区|示范区|试验区|保税区|开发区|自贸区)")


@dataclass(frozen=True)
class Unit:
    """A measure or a general-requirements section, ready for alignment."""

    key: str
    document: str
    title: str
    text: str  # display text
    match: str  # normalised (and localised, on the derivative side) text
    span: Span
    number: str
    measure: Measure | None
    jurisdiction: str = ""


def units_of(doc: Document, localise_text: bool, upper: str = "municipal") -> list[Unit]:
    """The units of a document; a derivative's wording is localised to the level of the plan it implements (``upper``)."""
    out = []
    for m in doc.measures:
        if m.kind in ("annex", "paragraph") or not m.norm_text:
            continue
        match = localise(m.norm_text, doc, upper) if localise_text else m.norm_text
        out.append(Unit(m.key, doc.key, m.title, m.text, match, m.provenance.span, m.written_path, m, doc.jurisdiction or ""))
    for s in doc.sections:
        if s.kind == "general" and s.text:
            n = normalise(s.text)
            out.append(Unit(s.key, doc.key, s.title, s.text, localise(n, doc, upper) if localise_text else n, s.provenance.span, s.written_path, None,
                            doc.jurisdiction or ""))
    return out


def localise(text: str, doc: Document, upper: str = "municipal") -> str:
    """A derivative's own-level wording → the wording of the level above (全区 → 全市 for a district implementing its
    city's plan, 全市 → 全省 for a city implementing its province's), so that restated measures compare equal.

    >>> from policykg.ontology.records import Document
    >>> d = Document("k", "t", None, (), None, "district", "嘉定区", ())
    >>> localise("坚持区领导分工牵头,将宣传纳入全区工作重点,嘉定区特色", d)
    '坚持市领导分工牵头,将宣传纳入全市工作重点,特色'
    >>> localise("结合我市实际,市政府统筹", Document("k", "t", None, (), None, "municipal", "杭州市", ()), "provincial")
    '结合我省实际,省政府统筹'
    """
    own, up = LEVEL_CHAR.get(doc.level or ""), LEVEL_CHAR.get(upper, "市")
    if own and own != up:
        for word in _LOCAL_WORDS:
            text = text.replace(word.format(own), word.format(up))
    if own == "区":
        text = text.replace("各街镇", "各区").replace("街镇", "区")
    if doc.jurisdiction and doc.level in ("district", "district_branch"):
        place = doc.jurisdiction
        text = text.replace(place, "").replace(place.rstrip("区").rstrip("新"), "") if len(place) > 2 else text
    return text


def area_of(unit: Unit) -> str:
    """The named area a municipal measure is addressed to ("" when none): its first two characters."""
    m = _AREA.search(normalise(unit.title))
    if not m:
        return ""
    name = re.sub(r"^(?:依托|支持|推动|打造|推进|深化|实施|推广)+", "", m.group(1))
    return name[:2]


@cache
def area_hosts() -> dict[str, frozenset[str]]:
    """An area's first two characters → the districts it lies in (graph/data/areas.json)."""
    data = json.loads(resources.files("policykg.graph.build").joinpath("data/areas.json").read_text("utf-8"))
    hosts: dict[str, set[str]] = {}
    for area in data["areas"]:
        hosts.setdefault(normalise(area["name"])[:2], set()).update(area["districts"])
    return {k: frozenset(v) for k, v in hosts.items()}
