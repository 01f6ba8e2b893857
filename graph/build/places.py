"""The places of a build: each document's jurisdiction named as its agencies' keys name it, and the jurisdictions
with the units they lie in.

Worked out here, from the gazetteer, and kept in the records, so that the stores write jurisdiction nodes without
reading the gazetteer (the store layer knows the model only).
"""

from __future__ import annotations

from dataclasses import replace

from policykg.graph.build.agency_chain import jurisdiction_label, place_chain
from policykg.loaders.jurisdiction import NATION, provinces
from policykg.ontology.records import Agency, Document, Jurisdiction


def with_jurisdiction_keys(documents: list[Document]) -> list[Document]:
    """Each document with the key of its jurisdiction: outside Shanghai a county-level unit is named with its city
    (海淀区 → 北京市海淀区), since names repeat across cities."""
    return [replace(d, jurisdiction_key=jurisdiction_label(d) or "") for d in documents]


def jurisdictions(documents: list[Document], agencies: list[Agency]) -> tuple[Jurisdiction, ...]:
    """The jurisdictions of the documents and agencies, with the units they lie in: outside Shanghai the chain of a
    document's place (province, city, county or zone); in Shanghai the municipality of a district."""
    province_of = {d.name: p.name for p in provinces() for d in p.districts}
    municipal = {p.name for p in provinces()}
    nodes: dict[str, Jurisdiction] = {}
    for path in sorted({d.jurisdiction_path for d in documents if d.jurisdiction_path}):
        units = chain.units if (chain := place_chain(path)) else ()
        for k, (label, level) in enumerate(units):
            nodes.setdefault(label, Jurisdiction(label, level, units[k - 1][0] if k else None))
    names = {d.jurisdiction for d in documents if d.jurisdiction and not place_chain(d.jurisdiction_path)}
    names |= {a.jurisdiction for a in agencies} - nodes.keys()
    names |= {province_of[n] for n in names if n in province_of}
    for n in names:
        level = "national" if n == NATION else "municipal" if n in municipal else "district"
        nodes.setdefault(n, Jurisdiction(n, level, province_of.get(n)))
    return tuple(nodes[n] for n in sorted(nodes))
