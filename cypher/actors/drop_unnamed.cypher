// Delete the actors among $ids that nothing names any more, after a document's facts
// were withdrawn (deleted, or replaced by a new version): no event as participant or
// reporter, no relation, no document's account of an event (claims hold actor ids as
// JSON text, quoted), and no merged-away id resolving to them.
// Parameters: $ids (actor ids the withdrawn facts named).
// Returns: ids (the actors deleted).
UNWIND $ids AS actor_id
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
RETURN collect(gone) AS ids
