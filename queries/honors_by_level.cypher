// Honors received, by level (national, provincial, city, county), with recipients.
// params: none
MATCH (x)-[e:RECEIVED]->(h:Honor)
RETURN h.level AS level, h.name AS honor, x.name AS recipient, e.year AS year, e.report AS report
ORDER BY level, honor, recipient, report
