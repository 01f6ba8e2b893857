// name: cross-document-agencies
// description: 在至少 N 份文件中负责措施的机构，及这些文件 / Agencies owning measures in at least N documents, one row per agency and document
// param: min_documents = 2 — the least number of documents
// param: jurisdiction = "" — only agencies of this jurisdiction ("" for all)
// columns: key, name, jurisdiction, documents, document, document_title
MATCH (m:Measure)-[:OWNED_BY]->(a)
WITH a, count(DISTINCT m.document) AS documents
WHERE documents >= $min_documents AND ($jurisdiction = "" OR a.jurisdiction = $jurisdiction)
MATCH (m2:Measure)-[:OWNED_BY]->(a)
MATCH (d:Document {key: m2.document})
RETURN DISTINCT a.key AS key, a.name AS name, a.jurisdiction AS jurisdiction, documents, d.key AS document, d.title AS document_title
ORDER BY documents DESC, key, document
