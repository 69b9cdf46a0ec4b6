// Reports that name no region yet implement or plan a program: the report itself is its subject.
// params: program (a Program id)
// order: status, file, report
MATCH (rep:Report)-[e:IMPLEMENTS]->(p:Program {id: $program})
RETURN rep.file AS file, rep.title AS title, 'implemented' AS status, e.year AS year, rep.id AS report, e.evidence AS evidence
UNION ALL
MATCH (rep:Report)-[e:PLANS]->(p:Program {id: $program})
RETURN rep.file AS file, rep.title AS title, 'planned' AS status, e.year AS year, rep.id AS report, e.evidence AS evidence
