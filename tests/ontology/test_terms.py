"""The vocabulary: generated terms are fresh, and every term is anchored in ELI/ORG/PROV/SKOS/DCTERMS."""

from rdflib import RDF, RDFS, Graph
from rdflib.namespace import DCTERMS, PROV, SKOS

from policykg.ontology import generate_terms
from policykg.ontology.terms import PKG

ELI = "http://data.europa.eu/eli/ontology#"
ORG = "http://www.w3.org/ns/org#"
STANDARD = (ELI, ORG, str(PROV), str(SKOS), str(DCTERMS))


def _ontology() -> Graph:
    return Graph().parse(generate_terms.HERE / "policykg.ttl", format="turtle")


def test_terms_py_is_not_stale():
    assert (generate_terms.HERE / "terms.py").read_text(encoding="utf-8") == generate_terms.render()


def test_unknown_term_fails():
    import pytest

    with pytest.raises(AttributeError):
        PKG.notATerm  # noqa: B018


def test_every_term_reaches_a_standard_vocabulary():
    g = _ontology()
    for term in list(g.subjects(RDF.type, RDFS.Class)) + list(g.subjects(RDF.type, RDF.Property)):
        seen, frontier = set(), {term}
        reached = False
        while frontier and not reached:
            nxt = set()
            for t in frontier:
                for p in (RDFS.subClassOf, RDFS.subPropertyOf):
                    for parent in g.objects(t, p):
                        if str(parent).startswith(STANDARD):
                            reached = True
                        elif parent not in seen:
                            nxt.add(parent)
            seen |= frontier
            frontier = nxt
        assert reached, term
        assert {lit.language for lit in g.objects(term, RDFS.label)} == {"zh", "en"}, term
        assert {lit.language for lit in g.objects(term, RDFS.comment)} == {"zh", "en"}, term


def test_code_uses_only_declared_terms():
    """Every PKG term the RDF backend uses exists (PKG fails on unknown names at access)."""
    import re
    from pathlib import Path

    code = (Path(generate_terms.HERE).parent / "graph" / "store" / "backends" / "rdf.py").read_text(encoding="utf-8")
    used = set(re.findall(r"PKG\.(\w+)", code))
    declared = {str(s).split("#")[1] for s in _ontology().subjects() if str(s).startswith(str(PKG))}
    assert used and used <= declared, used - declared
