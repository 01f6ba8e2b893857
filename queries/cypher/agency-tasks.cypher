// name: agency-tasks
// description: 机构的附件任务：角色、到期日和出处，按到期日排序 / An agency's (or a jurisdiction's) annex tasks with role, due date and source, ordered by due date
// param: agency = "" — agency key, e.g. 金山区:金山区政务服务办公室 ("" for all)
// param: jurisdiction = "" — only agencies of this jurisdiction ("" for all)
// param: role = "" — only this role: lead or supporting ("" for both)
// param: due_after = "" — only tasks due on or after this date, YYYY-MM-DD ("" for any)
// param: due_before = "" — only tasks due on or before this date, YYYY-MM-DD ("" for any)
// columns: agency, name, role, task, document, number, text, deadline, due, milestones, file, line_start
MATCH (t:Task)-[o:OWNED_BY]->(a)
WHERE ($agency = "" OR a.key = $agency)
  AND ($jurisdiction = "" OR a.jurisdiction = $jurisdiction)
  AND ($role = "" OR o.role = $role)
  AND ($due_after = "" OR (t.due IS NOT NULL AND t.due >= date(CASE $due_after WHEN "" THEN "0001-01-01" ELSE $due_after END)))
  AND ($due_before = "" OR (t.due IS NOT NULL AND t.due <= date(CASE $due_before WHEN "" THEN "9999-12-31" ELSE $due_before END)))
RETURN a.key AS agency, a.name AS name, o.role AS role, t.key AS task, t.document AS document, t.number AS number,
       t.text AS text, t.deadline AS deadline, t.due AS due, t.milestones AS milestones, t.file AS file, t.lineStart AS line_start
ORDER BY coalesce(t.due, date("9999-12-31")), task, agency, role
