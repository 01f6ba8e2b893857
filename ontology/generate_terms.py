"""Generate ontology/terms.py from ontology/policykg.ttl (run: python -m policykg.ontology.generate_terms).

terms.py is the only way code gets a policykg IRI; a test fails when it is stale.
"""

from __future__ import annotations

from pathlib import Path

import rdflib

HERE = Path(__file__).parent
NS = "https://w3id.org/policykg/ontology#"


def render() -> str:
    g = rdflib.Graph().parse(HERE / "policykg.ttl", format="turtle")
    names = sorted({str(s)[len(NS):] for s in g.subjects() if str(s).startswith(NS) and len(str(s)) > len(NS)})
    lines = [
        '"""policykg terms (generated from policykg.ttl by policykg.ontology.generate_terms; do not edit)."""',
        "",
        "from rdflib.namespace import DefinedNamespace, Namespace",
        "from rdflib.term import URIRef",
        "",
        "",
        "class PKG(DefinedNamespace):",
        f'    _NS = Namespace("{NS}")',
        "    _fail = True",
        "",
    ]
    lines += [f"    {name}: URIRef" for name in names]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    (HERE / "terms.py").write_text(render(), encoding="utf-8")
