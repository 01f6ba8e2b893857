"""文号 and number paths are plain literals: a SPARQL lookup written the obvious way finds them."""

from __future__ import annotations


def test_plain_doc_number_lookup_matches(sparql_store):
    q = 'PREFIX pkg: <https://w3id.org/policykg/ontology#> SELECT ?d WHERE { ?d pkg:docNumber "沪府办规〔2023〕1号" }'
    _, rows = sparql_store.query(q, {})
    assert len(rows) == 1


def test_plain_number_lookup_matches(sparql_store):
    q = ('PREFIX pkg: <https://w3id.org/policykg/ontology#> SELECT ?m WHERE { ?m pkg:number "二（一）1" ; pkg:key ?k . '
         'FILTER(STRSTARTS(?k, "嘉发改规-2023-2/")) }')
    _, rows = sparql_store.query(q, {})
    assert len(rows) == 1
