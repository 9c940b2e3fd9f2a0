// An actor's timeline: the events they took part in, in date order, with their role,
// the date as the source put it, and who else took part. Undated events come last.
// Parameters (Neo4j Browser): :param actor_id => 'person:vladimir-putin'
// Returns: start, end, precision, date_text, type, summary, role, others.
MATCH (a:Actor {id: $actor_id})-[p:PARTICIPATED_IN]->(e:Event)
RETURN e.start AS start, e.end AS end, e.precision AS precision, e.date_text AS date_text,
       e.type AS type, e.summary AS summary, p.role AS role,
       COLLECT {
         MATCH (other:Actor)-[:PARTICIPATED_IN]->(e)
         WHERE other <> a
         RETURN other.name
       } AS others
ORDER BY coalesce(e.start, date('9999-12-31')), coalesce(e.end, date('9999-12-31')), e.id
