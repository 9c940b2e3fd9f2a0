// An event and its sources as a graph (Neo4j Browser draws it): the event, the
// documents that report it through REPORTED_IN edges (one per sentence), and the actors
// who took part. Table form, with the sentences: event_sources.cypher.
// Parameters (Neo4j Browser): :param event_id => 'event:putin-asks-assad-to-step-down'
// Returns: event, reported_in (paths event -> document), participants (paths actor -> event).
MATCH (e:Event {id: $event_id})
RETURN e AS event,
       COLLECT { MATCH p = (e)-[:REPORTED_IN]->(:Document) RETURN p } AS reported_in,
       COLLECT { MATCH p = (:Actor)-[:PARTICIPATED_IN]->(e) RETURN p } AS participants
