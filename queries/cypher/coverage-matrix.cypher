// name: coverage-matrix
// description: 上级措施 × 区：各区有多少措施落实每条上级措施（长表，可透视为矩阵） / Municipal measures × districts: how many measures of each district implement each municipal measure (long form; pivot for the matrix)
// param: document = "" — only measures of this municipal document (key; "" for all)
// columns: municipal_key, municipal_number, municipal_title, district, measures
MATCH (s)-[e:IMPLEMENTS]->(t)
WHERE (e.confidence = "high" OR e.confidence = "medium") AND ($document = "" OR t.document = $document)
WITH s, t
MATCH (s)-[:IN_DOCUMENT]->(sd:Document)
WHERE sd.level = "district" OR sd.level = "district_branch"
RETURN t.key AS municipal_key, t.number AS municipal_number, t.title AS municipal_title, sd.jurisdiction AS district,
       count(DISTINCT s.key) AS measures
ORDER BY municipal_key, district
