"""Agency loads: measures led and supported, distinct documents and years, per agency.

(Issue 8 turns this into a saved SPARQL/Cypher query; until then it is computed
from the built corpus.)
"""

from __future__ import annotations

from typing import Any

from policykg.graph.build import Corpus


def agency_loads(corpus: Corpus, jurisdiction: str | None = None, role: str | None = None) -> list[dict[str, Any]]:
    """One row per agency, ranked by distinct documents, then measures."""
    doc_of = {m.key: d for d in corpus.documents for m in d.measures}
    stats: dict[str, dict[str, Any]] = {}
    for link in corpus.owned_by:
        if role and link.role != role:
            continue
        s = stats.setdefault(link.agency, {"led": set(), "supported": set(), "documents": set(), "years": set()})
        s["led" if link.role == "lead" else "supported"].add(link.measure)
        d = doc_of.get(link.measure)
        if d is not None:
            s["documents"].add(d.key)
            if d.date:
                s["years"].add(d.date[:4])
    rows = []
    for a in corpus.agencies:
        if jurisdiction and a.jurisdiction != jurisdiction:
            continue
        s = stats.get(a.key)
        if s is None:
            continue
        rows.append(
            {
                "key": a.key, "name": a.name, "kind": a.kind, "jurisdiction": a.jurisdiction, "level": a.level,
                "functional_type": a.functional_type, "measures_led": len(s["led"]), "measures_supported": len(s["supported"]),
                "documents": len(s["documents"]), "years": len(s["years"]), "unresolved": a.unresolved,
                "counterpart": a.counterpart, "aliases": list(a.aliases),
            }
        )
    rows.sort(key=lambda r: (-r["documents"], -(r["measures_led"] + r["measures_supported"]), r["key"]))
    return rows
