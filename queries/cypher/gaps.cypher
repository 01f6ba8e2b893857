// name: gaps
// description: 缺口：没有区落实的上级措施（kind=municipal），或没有上级来源的区级措施（kind=district） / Gaps: municipal measures of plans that districts derive from, implemented by no district (kind=municipal), or district measures with no municipal source (kind=district)
// param: kind = "municipal" — municipal or district
// columns: key, document, jurisdiction, number, title
MATCH (m:Measure)-[:IN_DOCUMENT]->(d:Document)
WHERE m.kind <> "annex" AND (
  ($kind = "municipal" AND d.level = "municipal"
    AND EXISTS { MATCH (c:Document)-[:DERIVED_FROM]->(d) WHERE c.level = "district" OR c.level = "district_branch" }
    AND NOT EXISTS { MATCH (s)-[e:IMPLEMENTS]->(m) WHERE e.confidence = "high" OR e.confidence = "medium" })
  OR ($kind = "district" AND (d.level = "district" OR d.level = "district_branch")
    AND NOT EXISTS { MATCH (m)-[e2:IMPLEMENTS]->(t) WHERE e2.confidence = "high" OR e2.confidence = "medium" }))
RETURN m.key AS key, d.key AS document, d.jurisdiction AS jurisdiction, m.number AS number, m.title AS title
ORDER BY document, key
