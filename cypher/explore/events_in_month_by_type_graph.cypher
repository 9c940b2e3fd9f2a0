// The events of a month as a graph (Neo4j Browser draws it): each event that overlaps
// the month with its type and the actors who took part, through their PARTICIPATED_IN
// edges (captioned by role with the graphsvc style). Table form, counted by type:
// events_in_month_by_type.cypher.
// Parameters (Neo4j Browser): :param month => '2016-01'
// Returns: type, event, participants (paths actor -> event).
WITH date($month + '-01') AS first
WITH first, first + duration({months: 1}) - duration({days: 1}) AS last
MATCH (e:Event)
WHERE e.start <= last AND e.end >= first
RETURN e.type AS type, e AS event,
       COLLECT { MATCH p = (:Actor)-[:PARTICIPATED_IN]->(e) RETURN p } AS participants
ORDER BY type, e.start, e.id
