// name: lineage
// description: 文件衍生树：上级文件（含仅被引用的文件）与下级衍生文件，含依据方式与分数 / The derivation tree of documents: parents (cited-only ones included) and their derivatives, with how each link was found
// param: jurisdiction = "" — only derivatives of this jurisdiction ("" for all)
// columns: parent_key, parent_title, parent_level, parent_cited_only, child_key, child_title, child_jurisdiction, cue, rule, score
MATCH (c:Document)-[e:DERIVED_FROM]->(p:Document)
WHERE $jurisdiction = "" OR c.jurisdiction = $jurisdiction
RETURN p.key AS parent_key, p.title AS parent_title, p.level AS parent_level, p.citedOnly AS parent_cited_only,
       c.key AS child_key, c.title AS child_title, c.jurisdiction AS child_jurisdiction, e.cue AS cue, e.rule AS rule, e.score AS score
ORDER BY parent_key, child_key, rule
