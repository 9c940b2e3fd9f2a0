// An actor's relations: every actor linked to them, directly (LEADER_OF, ALLY_OF...)
// or through shared events, with the number of shared events and first/last dates.
// Parameters (Neo4j Browser): :param actor_id => 'person:bashar-al-assad'
// Returns: other, kind, relations, shared_events, first, last.
MATCH (a:Actor {id: $actor_id})
MATCH (other:Actor)
WHERE other <> a
  AND (EXISTS { (a)-[:LEADER_OF|HEAD_OF|MEMBER_OF|PART_OF|ALLY_OF|OPPOSES|WORKS_FOR|FOUNDED|OWNS|SUBSIDIARY_OF|BASED_IN|LOCATED_IN|LIVES_IN|KILLED]-(other) }
       OR EXISTS { (a)-[:PARTICIPATED_IN]->(:Event)<-[:PARTICIPATED_IN]-(other) })
WITH a, other,
     COLLECT {
       MATCH (a)-[r:LEADER_OF|HEAD_OF|MEMBER_OF|PART_OF|ALLY_OF|OPPOSES|WORKS_FOR|FOUNDED|OWNS|SUBSIDIARY_OF|BASED_IN|LOCATED_IN|LIVES_IN|KILLED]-(other)
       RETURN type(r) + CASE WHEN startNode(r) = a THEN ' ->' ELSE ' <-' END
     } AS relations,
     COLLECT {
       MATCH (a)-[:PARTICIPATED_IN]->(e:Event)<-[:PARTICIPATED_IN]-(other)
       RETURN DISTINCT e
     } AS events
RETURN other.name AS other, other.kind AS kind, relations, size(events) AS shared_events,
       reduce(first = null, e IN events |
         CASE WHEN e.start IS NOT NULL AND (first IS NULL OR e.start < first)
              THEN e.start ELSE first END) AS first,
       reduce(last = null, e IN events |
         CASE WHEN e.end IS NOT NULL AND (last IS NULL OR e.end > last)
              THEN e.end ELSE last END) AS last
ORDER BY shared_events DESC, size(relations) DESC, other
