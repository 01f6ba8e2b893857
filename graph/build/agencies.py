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
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import cast

from policykg.graph.build.agency_chain import Chain, document_chain, resolve_in_chain, resolve_national
from policykg.graph.build.agency_scope import Scope, document_scope, government, national_body, province_of, resolve
from policykg.graph.build.agency_table import PARENS, expand_shared_prefix, is_collective, lookup, table_data
from policykg.loaders.jurisdiction import provinces
from policykg.ontology.keys import agency_key, collective_key
from policykg.ontology.records import LEVEL_CHAR, Agency, Document, IssuedBy, Level, OwnedBy, OwnerMention


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
            if any(province_of(a.jurisdiction) == p.name for a in self.agencies.values()):
                gov = government(p.name)
                self.agencies.setdefault(gov.key, gov)
        rules = table_data()["hierarchies"]
        vertical: dict[str, str] = rules["national_vertical"]
        for a in list(self.agencies.values()):  # a vertical body's national head exists as a node, so branches point to it
            if a.kind == "agency" and a.functional_type in vertical and a.level in ("municipal", "national_branch", "provincial"):
                head = national_body(a.functional_type, vertical[a.functional_type])
                self.agencies.setdefault(head.key, head)
        by_type: dict[tuple[str, str], str] = {}
        for a in self.agencies.values():
            if a.level in ("provincial", "municipal", "national_branch") and a.functional_type and a.kind == "agency":
                by_type.setdefault((a.jurisdiction, a.functional_type), a.key)
        out = []
        for key in sorted(self.agencies):
            a = self.agencies[key]
            province = province_of(a.jurisdiction)
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
                    parent = counterpart or national_body(a.functional_type, vertical[a.functional_type]).key
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
    text = PARENS.sub("", text).strip() or text
    where = f"{UNPLACED}（{document}）"
    level = _LEVEL_PREFIX.get(text[:1], "municipal")
    entry = lookup(text[1:] if text[:1] in _LEVEL_PREFIX else text)
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
