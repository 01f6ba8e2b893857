// name: targets
// description: 含量化目标的措施，按文件 / Measures with quantitative targets (indicator, comparison, value, unit), per document
// param: document = "" — document key, e.g. 金委办-2021-34 ("" for all)
// columns: document, measure, number, title, targets, due
MATCH (m:Measure)
WHERE m.targets IS NOT NULL AND ($document = "" OR m.document = $document)
RETURN m.document AS document, m.key AS measure, m.number AS number, coalesce(m.title, "") AS title, m.targets AS targets, m.due AS due
ORDER BY document, measure
