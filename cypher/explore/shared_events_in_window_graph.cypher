// Who shared events with whom in a date window, as a graph (Neo4j Browser draws it):
// each event whose dates overlap the window and that two or more actors took part in,
// with those actors and their PARTICIPATED_IN edges. Table form:
// shared_events_in_window.cypher.
// Parameters (Neo4j Browser): :param since => '2015-09-01'
//                             :param until => '2015-12-31'
// Returns: event, participants (paths actor -> event), shared_by (how many actors).
MATCH (e:Event)
WHERE e.start <= date($until) AND e.end >= date($since)
WITH e, COLLECT { MATCH p = (:Actor)-[:PARTICIPATED_IN]->(e) RETURN p } AS participants
WHERE size(participants) >= 2
RETURN e AS event, participants, size(participants) AS shared_by
ORDER BY e.start, e.id
