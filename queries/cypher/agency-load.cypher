// name: agency-load
// description: 各机构负责的措施数（牵头/配合）、涉及文件数、上级文件数和年份数，按文件数排序 / Per agency: measures led and supported, distinct documents, distinct parent plans and years; ranked by documents
// param: jurisdiction = "" — only agencies of this jurisdiction ("" for all)
// param: role = "" — count only this role: lead or supporting ("" for both)
// param: year = 0 — only documents signed in this year (0 for all)
// columns: key, name, jurisdiction, level, functional_type, unresolved, measures, measures_led, measures_supported, documents, parent_plans, years
MATCH (m:Measure)-[o:OWNED_BY]->(a)
MATCH (m)-[:IN_DOCUMENT]->(d:Document)
WHERE ($jurisdiction = "" OR a.jurisdiction = $jurisdiction)
  AND ($role = "" OR o.role = $role)
  AND ($year = 0 OR d.year = $year)
OPTIONAL MATCH (d)-[:DERIVED_FROM]->(p:Document)
WITH a, o, m, d, p
RETURN a.key AS key, a.name AS name, a.jurisdiction AS jurisdiction, a.level AS level,
       a.functionalType AS functional_type, coalesce(a.unresolved, false) AS unresolved,
       count(DISTINCT m.key) AS measures,
       count(DISTINCT CASE WHEN o.role = "lead" THEN m.key ELSE NULL END) AS measures_led,
       count(DISTINCT CASE WHEN o.role = "supporting" THEN m.key ELSE NULL END) AS measures_supported,
       count(DISTINCT d.key) AS documents, count(DISTINCT p.key) AS parent_plans, count(DISTINCT d.year) AS years
ORDER BY documents DESC, measures DESC, key
