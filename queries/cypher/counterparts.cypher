// name: counterparts
// description: 对口落实：某市级机构负责的措施被哪些区级对口机构负责的措施落实 / For a municipal agency, the district counterparts owning measures that implement its measures
// param: agency = "上海市:上海市商务委员会" — the municipal agency (key)
// columns: district_agency, district_name, district, measures, municipal_measures
MATCH (mm:Measure)-[:OWNED_BY]->(ma:Agency {key: $agency})
MATCH (dm:Measure)-[e:IMPLEMENTS]->(mm)
WHERE e.confidence = "high" OR e.confidence = "medium"
MATCH (dm)-[:OWNED_BY]->(da:Agency)-[:COUNTERPART]->(ma)
RETURN da.key AS district_agency, da.name AS district_name, da.jurisdiction AS district,
       count(DISTINCT dm.key) AS measures, count(DISTINCT mm.key) AS municipal_measures
ORDER BY measures DESC, district_agency
