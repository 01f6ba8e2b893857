// name: coverage-matrix
// description: 上级措施 × 下级辖区：各区（县、市）有多少措施落实每条上级措施（长表，可透视为矩阵） / Measures of a higher-level plan × the jurisdictions below: how many measures of each district (county, city) implement each of them (long form; pivot for the matrix)
// param: document = "" — only measures of this higher-level document (key; "" for all)
// columns: municipal_key, municipal_number, municipal_title, district, measures
MATCH (sd:Document)<-[:IN_DOCUMENT]-(s)-[e:IMPLEMENTS]->(t)-[:IN_DOCUMENT]->(td:Document)
WHERE (e.confidence = "high" OR e.confidence = "medium") AND ($document = "" OR td.key = $document)
  AND sd.jurisdiction <> td.jurisdiction
RETURN t.key AS municipal_key, t.number AS municipal_number, t.title AS municipal_title, sd.jurisdiction AS district,
       count(DISTINCT s.key) AS measures
ORDER BY municipal_key, district
