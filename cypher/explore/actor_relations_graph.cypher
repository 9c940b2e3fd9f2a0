// An actor's relations as a graph (Neo4j Browser draws it): their direct relations to
// other actors (LEADER_OF, ALLY_OF...) and the events they shared with others, with the
// PARTICIPATED_IN edges of both sides. Table form: actor_relations.cypher.
// Parameters (Neo4j Browser): :param actor_id => 'person:bashar-al-assad'
// Returns: path (one row per relation or shared event), kind ('relation' or 'event').
MATCH (a:Actor {id: $actor_id})
CALL (a) {
  MATCH path = (a)-[:LEADER_OF|HEAD_OF|MEMBER_OF|PART_OF|ALLY_OF|OPPOSES|WORKS_FOR|FOUNDED|OWNS|SUBSIDIARY_OF|BASED_IN|LOCATED_IN|LIVES_IN|KILLED]-(:Actor)
  RETURN path, 'relation' AS kind
  UNION
  MATCH path = (a)-[:PARTICIPATED_IN]->(:Event)<-[:PARTICIPATED_IN]-(other:Actor)
  WHERE other <> a
  RETURN path, 'event' AS kind
}
RETURN path, kind
ORDER BY kind DESC
