// Programs two regions both implement.
// params: a, b (region names, e.g. 博爱县 and 郏县)
MATCH (a:Region {name: $a})-[:IMPLEMENTS]->(p:Program)<-[:IMPLEMENTS]-(b:Region {name: $b})
RETURN DISTINCT p.name AS program, p.name_en AS name_en, p.category AS category
ORDER BY program
