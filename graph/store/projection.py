"""How every record appears in the stores, declared once: RDF terms, property-graph labels, properties and types.

Each node kind and relationship type is one declaration: which records it
projects, its key, and its properties. A property says how its value is read
from the record, its column type in the property graph (LadybugDB, Neo4j and
the neo4j-admin files), and the RDF predicate and term it becomes. The RDF
writer (:mod:`policykg.graph.store.backends.rdf`) and the property-graph rows
(:mod:`policykg.graph.store.backends.mapping`) are generated from these declarations,
so a field added to a record and declared here reaches every store. The shapes are in :mod:`kinds`, the node
kinds in :mod:`nodes`, the relationship types in :mod:`edges`; this module names them all.
What stays hand-written in the RDF writer is RDF's own idiom: a document's
source spans and an implements edge's evidence spans as nodes.
"""

from __future__ import annotations

from policykg.graph.store.edges import (
    BELONGS_TO,
    CITES,
    COUNTERPART,
    DERIVED_FROM,
    EDGE_KINDS,
    FOLLOWS,
    FORWARDS,
    HAS_TASK,
    IMPLEMENTS,
    IN_COMPENDIUM,
    IN_DOCUMENT,
    IN_JURISDICTION,
    ISSUED_BY,
    OWNED_BY,
    SHARES_TEXT,
    UNIT_PART_OF,
    WITHIN,
)
from policykg.graph.store.kinds import (
    Column,
    CompendiumNode,
    EdgeKind,
    NamedNode,
    NodeKind,
    NoticeNode,
    PartOf,
    Prop,
    Qualified,
    Term,
    Value,
    day_number,
    evidence_text,
    first_source,
    span_props,
)
from policykg.graph.store.nodes import (
    AGENCY,
    COLLECTIVE,
    COMPENDIUM,
    DOCUMENT,
    FUNCTIONAL_TYPE,
    JURISDICTION,
    LEVEL,
    MEASURE,
    NODE_KINDS,
    NOTICE,
    SECTION,
    SEGMENT,
    TASK,
    compendia,
    jurisdictions,
    notices,
)

__all__ = [
    "AGENCY", "BELONGS_TO", "CITES", "COLLECTIVE", "COMPENDIUM", "COUNTERPART", "Column", "CompendiumNode",
    "DERIVED_FROM", "DOCUMENT", "EDGE_KINDS", "EdgeKind", "FOLLOWS", "FORWARDS", "FUNCTIONAL_TYPE",
    "HAS_TASK", "IMPLEMENTS", "IN_COMPENDIUM", "IN_DOCUMENT", "IN_JURISDICTION", "ISSUED_BY", "JURISDICTION",
    "LEVEL", "MEASURE", "NODE_KINDS", "NOTICE", "NamedNode", "NodeKind", "NoticeNode", "OWNED_BY", "PartOf",
    "Prop", "Qualified", "SECTION", "SEGMENT", "SHARES_TEXT", "TASK", "Term", "UNIT_PART_OF", "Value",
    "WITHIN", "compendia", "day_number", "evidence_text", "first_source", "jurisdictions", "notices",
    "span_props",
]
