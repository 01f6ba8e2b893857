// name: trace
// description: 措施的落实链：直接上级来源及其再上一级来源，含分数、置信度与对齐文字 / A measure's implements chain: its sources and their own sources, with scores, confidence and the aligned wording
// param: measure = "" — the measure key, e.g. 嘉发改规-2023-2/2.1.1
// columns: source_key, source_document, source_number, score, confidence, method, evidence, upstream_key, upstream_document, upstream_score
MATCH (m:Measure {key: $measure})-[e:IMPLEMENTS]->(t)
WHERE e.confidence = "high" OR e.confidence = "medium"
OPTIONAL MATCH (t)-[e2:IMPLEMENTS]->(t2)
WHERE e2.confidence = "high" OR e2.confidence = "medium"
RETURN t.key AS source_key, t.document AS source_document, t.number AS source_number, e.score AS score,
       e.confidence AS confidence, e.method AS method, e.evidenceText AS evidence,
       t2.key AS upstream_key, t2.document AS upstream_document, e2.score AS upstream_score
ORDER BY score DESC, source_key, upstream_key
