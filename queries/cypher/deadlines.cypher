// name: deadlines
// description: 某一时期内到期的附件任务，按机构汇总 / What falls due in a period, by agency: annex tasks due (led and supported), first and last due date
// param: due_after = "" — period start, YYYY-MM-DD ("" for open)
// param: due_before = "" — period end, YYYY-MM-DD ("" for open)
// param: jurisdiction = "" — only agencies of this jurisdiction ("" for all)
// columns: agency, name, jurisdiction, tasks, led, supported, first_due, last_due
MATCH (t:Task)-[o:OWNED_BY]->(a)
WHERE t.due IS NOT NULL
  AND ($due_after = "" OR t.due >= date(CASE $due_after WHEN "" THEN "0001-01-01" ELSE $due_after END))
  AND ($due_before = "" OR t.due <= date(CASE $due_before WHEN "" THEN "9999-12-31" ELSE $due_before END))
  AND ($jurisdiction = "" OR a.jurisdiction = $jurisdiction)
RETURN a.key AS agency, a.name AS name, a.jurisdiction AS jurisdiction, count(DISTINCT t.key) AS tasks,
       count(DISTINCT CASE WHEN o.role = "lead" THEN t.key ELSE NULL END) AS led,
       count(DISTINCT CASE WHEN o.role = "supporting" THEN t.key ELSE NULL END) AS supported,
       min(t.due) AS first_due, max(t.due) AS last_due
ORDER BY tasks DESC, agency
