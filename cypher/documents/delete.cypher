// Delete a document, after documents/withdraw took its sources and relations, and the
// actors among $actors (those its facts named) that nothing names any more: no event
// as participant or reporter, no relation, no other document's account of an event
// (claims hold actor ids as JSON text, quoted), and no merged-away id resolving to them.
// Parameters: $id (a document id), $actors (actor ids).
// Returns: actors (ids of the actors deleted).
MATCH (d:Document {id: $id})
DETACH DELETE d
WITH count(*) AS deleted
CALL () {
  UNWIND $actors AS actor_id
  MATCH (a:Actor {id: actor_id})
  WHERE NOT EXISTS { (a)-[:PARTICIPATED_IN]->(:Event) }
    AND NOT EXISTS { MATCH (e:Event {reported_by: a.id}) }
    AND NOT EXISTS { (a)-[:LEADER_OF|HEAD_OF|MEMBER_OF|PART_OF|ALLY_OF|OPPOSES|WORKS_FOR|FOUNDED|OWNS|SUBSIDIARY_OF|BASED_IN|LOCATED_IN|LIVES_IN|KILLED]-(:Actor) }
    AND NOT EXISTS { MATCH (r:ActorRedirect {into: a.id}) }
    AND NOT EXISTS {
      MATCH (e:Event)
      WHERE e.claims IS NOT NULL AND e.claims CONTAINS ('"' + a.id + '"')
    }
  WITH a, a.id AS gone
  DETACH DELETE a
  RETURN collect(gone) AS actors
}
RETURN actors
