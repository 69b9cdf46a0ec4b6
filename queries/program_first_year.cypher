// The first year each region is seen implementing a program (adoption over time).
// params: program (a Program id)
MATCH (r:Region)-[e:IMPLEMENTS]->(p:Program {id: $program})
RETURN r.name AS region, min(e.year) AS first_year, count(e) AS reports
ORDER BY first_year, region
