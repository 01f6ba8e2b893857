"""The namespaces policykg writes, with their prefixes: one table for the store, the Turtle and the JSON-LD context."""

from rdflib import Namespace
from rdflib.namespace import PROV

from policykg.ontology.terms import PKG

ID = Namespace("https://w3id.org/policykg/id/")  # resources, named by their stable keys
ELI = Namespace("http://data.europa.eu/eli/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
PREFIXES = {"pkg": str(PKG), "id": str(ID), "eli": str(ELI), "org": str(ORG), "prov": str(PROV)}
