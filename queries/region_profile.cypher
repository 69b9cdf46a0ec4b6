// A region's profile: its programs (implemented or planned), honors received by it
// or by anything within it, and the agencies its reports name; one row per fact.
// params: region (a region name)
// order: relation, name, year, report
MATCH (r:Region {name: $region})-[e:IMPLEMENTS]->(p:Program)
RETURN 'implements' AS relation, p.name AS name, e.year AS year, e.report AS report
UNION ALL
MATCH (r:Region {name: $region})-[e:PLANS]->(p:Program)
RETURN 'plans' AS relation, p.name AS name, e.year AS year, e.report AS report
UNION ALL
MATCH (x)-[e:RECEIVED]->(h:Honor), (r:Region {name: $region})
WHERE x.id = r.id OR (x)-[:PART_OF]->(r)
RETURN 'honor' AS relation, h.name + ' → ' + x.name AS name, e.year AS year, e.report AS report
UNION ALL
MATCH (rep:Report)-[:ABOUT]->(r:Region {name: $region}), (rep)-[:MENTIONS]->(a:Agency)
RETURN 'agency' AS relation, a.name AS name, rep.year AS year, rep.id AS report
