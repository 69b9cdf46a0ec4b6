// Regions that implement a program, with the year and the evidence. An ambiguous
// region is a place whose name several counties hold and whose report did not say which.
// params: program (a Program id, e.g. program:legal_literate_villagers)
MATCH (r:Region)-[e:IMPLEMENTS]->(p:Program {id: $program})
RETURN r.name AS region, r.level AS level, r.adcode AS adcode, r.ambiguous AS ambiguous, e.year AS year, e.report AS report, e.evidence AS evidence
ORDER BY region, year, report
