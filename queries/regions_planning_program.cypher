// Regions that only plan a program (it appears in their plan or problem sections).
// params: program (a Program id)
MATCH (r:Region)-[e:PLANS]->(p:Program {id: $program})
RETURN r.name AS region, r.level AS level, r.adcode AS adcode, r.ambiguous AS ambiguous, e.year AS year, e.report AS report, e.evidence AS evidence
ORDER BY region, year, report
