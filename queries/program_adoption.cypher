// How many regions implement and plan each program, most adopted first.
// params: none
MATCH (p:Program)
OPTIONAL MATCH (r:Region)-[:IMPLEMENTS]->(p)
WITH p, count(DISTINCT r) AS implementing
OPTIONAL MATCH (q:Region)-[:PLANS]->(p)
RETURN p.name AS program, p.name_en AS name_en, p.category AS category, implementing, count(DISTINCT q) AS planning
ORDER BY implementing DESC, planning DESC, program
