// name: gaps
// description: 缺口：下级文件都未落实的上级措施（kind=municipal），或没有上级来源的下级措施（kind=district） / Gaps: measures of plans that other plans derive from (a city's, a province's) that no measure implements (kind=municipal), or measures of derivative plans (district and county plans, and plans derived from another plan of the build) with no source (kind=district)
// param: kind = "municipal" — municipal (the plans derived from) or district (the derivatives)
// columns: key, document, jurisdiction, number, title
MATCH (m:Measure)-[:IN_DOCUMENT]->(d:Document)
WHERE m.kind <> "annex" AND (
  ($kind = "municipal"
    AND EXISTS { MATCH (c:Document)-[:DERIVED_FROM]->(d) }
    AND NOT EXISTS { MATCH (s)-[e:IMPLEMENTS]->(m) WHERE e.confidence = "high" OR e.confidence = "medium" })
  OR ($kind = "district"
    AND (d.level = "district" OR d.level = "county" OR d.level = "district_branch"
         OR EXISTS { MATCH (d)-[:DERIVED_FROM]->(p:Document)<-[:IN_DOCUMENT]-(pm:Measure) })
    AND NOT EXISTS { MATCH (m)-[e2:IMPLEMENTS]->(t) WHERE e2.confidence = "high" OR e2.confidence = "medium" }))
RETURN m.key AS key, d.key AS document, d.jurisdiction AS jurisdiction, m.number AS number, m.title AS title
ORDER BY document, key
