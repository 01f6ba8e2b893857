"""The agency table (data/agencies.json) and owner text: aliases, collectives, named bodies, shared prefixes.

Names and abbreviations of bodies are data, not code; this module looks a written name up in them and splits owner
lists that share a prefix (区发改委、经委 → 区经委), so that resolution (agency_scope, agency_chain) works on one
name at a time.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, cast

from policykg.loaders.jurisdiction import all_districts
from policykg.ontology.records import OwnerMention

PARENS = re.compile(r"[（(][^（）()]*[）)]")


@dataclass(frozen=True)
class Entry:
    type: str
    canonical: str
    vertical: dict[str, str]
    municipal_canonical: str
    party: bool
    national: bool


@cache
def table_data() -> dict[str, Any]:
    return cast(dict[str, Any], json.loads(resources.files("policykg.graph.build").joinpath("data/agencies.json").read_text("utf-8")))


@cache
def alias_index() -> dict[str, Entry]:
    index: dict[str, Entry] = {}
    for a in table_data()["agencies"]:
        e = Entry(a["type"], a["canonical"], a.get("vertical", {}), a.get("municipal_canonical", ""), a.get("party", False), a.get("national", False))
        for name in [a["canonical"], *a["aliases"]]:
            index.setdefault(name, e)
    return index


@cache
def _collective_res() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in table_data()["collective_patterns"])


def is_collective(text: str) -> bool:
    """各街镇, 各相关部门, 有关单位 … (never merged with a specific agency).

    >>> [is_collective(t) for t in ["各街镇", "区内各预算主管部门", "市水务局等市相关部门", "区发改委"]]
    [True, True, True, False]
    """
    return text in table_data()["collective_exact"] or any(p.search(text) for p in _collective_res())


@cache
def _conjunction_free_index() -> dict[str, Entry]:
    """The alias index keyed without 和/与: places join the same words either way (规划自然资源局, 规划和自然资源局)."""
    index: dict[str, Entry] = {}
    for name, e in alias_index().items():
        index.setdefault(re.sub("[和与]", "", name), e)
    return index


def lookup(core: str) -> Entry | None:
    """The table entry of a name, as written, without a trailing 等, or without its 和/与.

    >>> lookup("规划自然资源局").canonical, lookup("经济信息化局等").canonical
    ('规划和自然资源局', '经济和信息化局')
    """
    core = core.strip()
    index = alias_index()
    if core in index:
        return index[core]
    bare = re.sub(r"等$", "", core)
    return index.get(bare) or _conjunction_free_index().get(re.sub("[和与]", "", bare))


@cache
def named_bodies() -> dict[str, dict[str, str]]:
    """Short forms (and full names) of enterprises, zones and associations → the body (graph/data/named_bodies.json)."""
    data = json.loads(resources.files("policykg.graph.build").joinpath("data/named_bodies.json").read_text("utf-8"))
    out: dict[str, dict[str, str]] = {}
    for body in data["bodies"]:
        for form in [body["name"], *body["short"]]:
            out[form] = body
    return out


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
    t = PARENS.sub("", text).strip()
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
            text = PARENS.sub("", m.text).strip() or m.text
            if i == 0 or (m.marker and m.marker != group[0].marker):
                prefix = text[0] if text[:1] in PREFIXES and len(text) >= 2 else ""
            elif prefix and text[:1] not in PREFIXES and not _has_scope(text):
                candidate = prefix + text
                if text in named_bodies():
                    pass  # 各区政府、临港新片区管委会: a named body takes no shared prefix
                elif prefix == "各":
                    if _GENERIC_KIND.match(text):  # 各区政府、街镇: 各 distributes over a kind, never over a named body
                        text = candidate
                elif lookup(text) is not None and lookup(text).type not in ("电力",):  # type: ignore[union-attr]
                    text = candidate
            # 市水务局等市相关部门: the named body, then the others as a collective owner
            parts = [text]
            # 上海海关等具有行政强制权…的政府部门和单位: the named body too, whatever describes the others
            m_etc = re.match(r"^(.{2,}?)等((?:市|区)?(?:相关|有关|其他)?.{0,40}(?:部门|单位|机构))$", text)
            if m_etc and not is_collective(m_etc.group(1)) and (lookup(m_etc.group(1)) is not None or _ORG_NAME.search(m_etc.group(1))):
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
