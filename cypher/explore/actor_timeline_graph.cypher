// An actor's timeline as a graph (Neo4j Browser draws it): the actor, the events they
// took part in with their PARTICIPATED_IN edges (captioned by role with the graphsvc
// style), and the other actors of each event with their edges. Table form:
// actor_timeline.cypher.
// Parameters (Neo4j Browser): :param actor_id => 'person:vladimir-putin'
// Returns: actor, took_part, event, others (lists of paths to the other participants).
MATCH (a:Actor {id: $actor_id})-[took_part:PARTICIPATED_IN]->(e:Event)
RETURN a AS actor, took_part, e AS event,
       COLLECT {
         MATCH others = (other:Actor)-[:PARTICIPATED_IN]->(e)
         WHERE other <> a
         RETURN others
       } AS others
ORDER BY coalesce(e.start, date('9999-12-31')), coalesce(e.end, date('9999-12-31')), e.id
