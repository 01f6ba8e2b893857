"""policykg terms (generated from policykg.ttl by policykg.ontology.generate_terms; do not edit)."""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef


class PKG(DefinedNamespace):
    _NS = Namespace("https://w3id.org/policykg/ontology#")
    _fail = True

    Agency: URIRef
    CitedDocument: URIRef
    CollectiveOwner: URIRef
    Compendium: URIRef
    Document: URIRef
    DocumentDerivation: URIRef
    DocumentRelation: URIRef
    EvidenceSpan: URIRef
    FunctionalType: URIRef
    Implementation: URIRef
    Issuance: URIRef
    Jurisdiction: URIRef
    Level: URIRef
    Measure: URIRef
    Notice: URIRef
    Ownership: URIRef
    Section: URIRef
    SharedText: URIRef
    Source: URIRef
    alias: URIRef
    belongsTo: URIRef
    citationText: URIRef
    cites: URIRef
    confidence: URIRef
    cosine: URIRef
    counterpart: URIRef
    cue: URIRef
    dateSigned: URIRef
    dayNumber: URIRef
    deadline: URIRef
    deadlineYear: URIRef
    derivedFrom: URIRef
    docNumber: URIRef
    document: URIRef
    draftedBy: URIRef
    evidence: URIRef
    evidenceText: URIRef
    file: URIRef
    follows: URIRef
    forwards: URIRef
    functionalType: URIRef
    implements: URIRef
    inCompendium: URIRef
    issuedBy: URIRef
    jurisdiction: URIRef
    key: URIRef
    kind: URIRef
    ledBy: URIRef
    level: URIRef
    lineEnd: URIRef
    lineStart: URIRef
    method: URIRef
    name: URIRef
    number: URIRef
    ownedBy: URIRef
    partOf: URIRef
    qualifiedDerivation: URIRef
    qualifiedImplementation: URIRef
    qualifiedIssuance: URIRef
    qualifiedOwnership: URIRef
    qualifiedRelation: URIRef
    qualifiedSharedText: URIRef
    relatedResource: URIRef
    relationType: URIRef
    reuse: URIRef
    role: URIRef
    rule: URIRef
    sameDocument: URIRef
    score: URIRef
    sharesText: URIRef
    source: URIRef
    sourceEnd: URIRef
    sourceLine: URIRef
    sourceStart: URIRef
    supportedBy: URIRef
    targetEnd: URIRef
    targetFile: URIRef
    targetLine: URIRef
    targetStart: URIRef
    text: URIRef
    title: URIRef
    unresolved: URIRef
    withinJurisdiction: URIRef
    writtenAs: URIRef
