// name: diffusion-lag
// description: 扩散时滞：上级文件签署到各衍生文件签署相隔的天数 / Diffusion lag: days from a parent plan's signing date to each derivative's
// param: parent = "" — only derivatives of this parent document (key; "" for all)
// columns: parent_key, parent_title, parent_date, child_key, child_title, child_jurisdiction, child_date, lag_days
MATCH (c:Document)-[:DERIVED_FROM]->(p:Document)
WHERE c.dayNumber IS NOT NULL AND p.dayNumber IS NOT NULL AND ($parent = "" OR p.key = $parent)
RETURN DISTINCT p.key AS parent_key, p.title AS parent_title, p.date AS parent_date, c.key AS child_key, c.title AS child_title,
       c.jurisdiction AS child_jurisdiction, c.date AS child_date, c.dayNumber - p.dayNumber AS lag_days
ORDER BY parent_key, lag_days, child_key
