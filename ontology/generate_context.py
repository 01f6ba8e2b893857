"""Generate ontology/context.jsonld, the JSON-LD context of `policykg export --format jsonld`.

    python -m policykg.ontology.generate_context out/store

Every property a build uses gets a term (its local name; where two namespaces share one, policykg's keeps it and
the other is prefixed), and
the coercion most of its values have in that build: ``@id`` for resources, a datatype, ``@language``,
or none for plain strings. A value that does not fit its term's coercion stays a value object, so the
context only makes documents shorter; it never changes the triples they hold. A test regenerates it
from a build of the bundled corpus and fails when the shipped file is stale.
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from rdflib.namespace import RDF, RDFS, XSD

from policykg.ontology.namespaces import PREFIXES as NAMESPACES

HERE = Path(__file__).parent
PREFIXES = {**NAMESPACES, "rdfs": str(RDFS), "xsd": str(XSD)}


def curie(iri: str) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def render(store_path: Path) -> str:
    import pyoxigraph

    store = pyoxigraph.Store.read_only(str(store_path))
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    solutions = store.query("""SELECT ?p ?kind (COUNT(*) AS ?n) WHERE { ?s ?p ?o .
            BIND(IF(isIRI(?o), "@id", IF(LANG(?o) != "", CONCAT("@", LANG(?o)), STR(DATATYPE(?o)))) AS ?kind) } GROUP BY ?p ?kind""")
    assert isinstance(solutions, pyoxigraph.QuerySolutions)
    for row in solutions:
        kinds[row["p"].value][row["kind"].value] += int(row["n"].value)
    kinds.pop(str(RDF.type), None)  # written as @type
    local = Counter(curie(p).split(":", 1)[-1] for p in kinds)
    context: dict[str, Any] = {"@vocab": PREFIXES["pkg"], **PREFIXES}
    for p in sorted(kinds):
        name = curie(p).split(":", 1)[-1]
        # a local name two namespaces share (pkg:title, eli:title) stays policykg's own term; the other is prefixed
        own = p.startswith(PREFIXES["pkg"])
        term = name if (local[name] == 1 or own) and name not in PREFIXES and ":" not in name else curie(p).replace(":", "_")
        kind = kinds[p].most_common(1)[0][0]
        definition: dict[str, str] = {"@id": curie(p)}
        if kind == "@id":
            definition["@type"] = "@id"
        elif kind.startswith("@"):
            definition["@language"] = kind[1:]
        elif kind != PREFIXES["xsd"] + "string":
            definition["@type"] = curie(kind)
        context[term] = definition
    return json.dumps({"@context": context}, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


if __name__ == "__main__":
    (HERE / "context.jsonld").write_text(render(Path(sys.argv[1] if len(sys.argv) > 1 else "out/store")), encoding="utf-8")
