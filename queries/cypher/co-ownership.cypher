// name: co-ownership
// description: 共同负责措施的机构对及共享措施数 / Agency pairs that share measures, with the number of measures they share
// param: jurisdiction = "" — only pairs of agencies of this jurisdiction ("" for all)
// param: min_shared = 1 — the least number of shared measures
// columns: agency_a, name_a, agency_b, name_b, shared_measures
MATCH (a)<-[:OWNED_BY]-(m:Measure)-[:OWNED_BY]->(b)
WHERE a.key < b.key AND ($jurisdiction = "" OR (a.jurisdiction = $jurisdiction AND b.jurisdiction = $jurisdiction))
WITH a, b, count(DISTINCT m.key) AS shared_measures
WHERE shared_measures >= $min_shared
RETURN a.key AS agency_a, a.name AS name_a, b.key AS agency_b, b.name AS name_b, shared_measures
ORDER BY shared_measures DESC, agency_a, agency_b
