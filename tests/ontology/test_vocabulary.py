"""The closed vocabularies of the records are the words the SHACL shapes accept."""

from typing import get_args

import pytest
from rdflib import Graph, Namespace
from rdflib.collection import Collection

from policykg.ontology.records import Confidence, IssuerRole, OwnerRole, UnitKind
from tests.conftest import ROOT

SH = Namespace("http://www.w3.org/ns/shacl#")
PKG = Namespace("https://w3id.org/policykg/ontology#")


def _allowed(path):
    g = Graph().parse(ROOT / "ontology" / "shapes.ttl")
    lists = [set(map(str, Collection(g, g.value(p, SH["in"])))) for p in g.subjects(SH.path, path) if g.value(p, SH["in"]) is not None]
    assert len(lists) == 1, path
    return lists[0]


@pytest.mark.parametrize("path, words", [
    (PKG.kind, set(get_args(UnitKind))),
    (PKG.confidence, set(get_args(Confidence))),
    (PKG.role, set(get_args(OwnerRole)) | set(get_args(IssuerRole))),
])
def test_shapes_accept_exactly_the_record_vocabulary(path, words):
    assert _allowed(path) == words
