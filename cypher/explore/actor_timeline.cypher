// An actor's timeline: the events they took part in, in date order, with their role,
// how the text ties them to it (basis: stated when the clause names them, resolved
// through a pronoun or description, inferred through a group or possession; mention:
// those words), the date as the source put it, and who else took part. Undated events
// come last. To see only the links the service concluded, add
// `WHERE coalesce(p.basis, 'stated') <> 'stated'` after the MATCH.
// Parameters (Neo4j Browser): :param actor_id => 'person:vladimir-putin'
// Returns: start, end, precision, date_text, type, summary, role, basis, mention, others.
MATCH (a:Actor {id: $actor_id})-[p:PARTICIPATED_IN]->(e:Event)
RETURN e.start AS start, e.end AS end, e.precision AS precision, e.date_text AS date_text,
       e.type AS type, e.summary AS summary, p.role AS role,
       coalesce(p.basis, 'stated') AS basis, p.mention AS mention,
       COLLECT {
         MATCH (other:Actor)-[:PARTICIPATED_IN]->(e)
         WHERE other <> a
         RETURN other.name
       } AS others
ORDER BY coalesce(e.start, date('9999-12-31')), coalesce(e.end, date('9999-12-31')), e.id
