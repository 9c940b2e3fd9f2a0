// Direct relations of an actor, either direction, whose since..until overlaps the
// window (a missing end is open).
// Parameters: $actor_id, $since, $until (ISO dates or null).
// Returns: source, type, target, since, until, document, sentence, other ({id, name, kind}).
MATCH (me:Actor {id: $actor_id})-[r:LEADER_OF|HEAD_OF|MEMBER_OF|PART_OF|ALLY_OF|OPPOSES]-(other:Actor)
WHERE ($until IS NULL OR r.since IS NULL OR r.since <= date($until))
  AND ($since IS NULL OR r.until IS NULL OR r.until >= date($since))
RETURN startNode(r).id AS source, type(r) AS type, endNode(r).id AS target,
       r.since AS since, r.until AS until, r.document AS document, r.sentence AS sentence,
       other {.id, .name, .kind} AS other
