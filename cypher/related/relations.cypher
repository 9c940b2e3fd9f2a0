// Direct relations of an actor, either direction, whose since..until overlaps the
// window (a missing end is open).
// Parameters: $actor_id, $since, $until (ISO dates or null).
// Returns: source, type, target, since, until, document, sentence, role, basis,
//          since_precision, until_precision, current, stated_on, char_start, char_end,
//          other ({id, name, kind}).
MATCH (me:Actor {id: $actor_id})-[r:LEADER_OF|HEAD_OF|MEMBER_OF|PART_OF|ALLY_OF|OPPOSES|WORKS_FOR|FOUNDED|OWNS|SUBSIDIARY_OF|BASED_IN|LOCATED_IN|LIVES_IN|KILLED]-(other:Actor)
WHERE ($until IS NULL OR r.since IS NULL OR r.since <= date($until))
  AND ($since IS NULL OR r.until IS NULL OR r.until >= date($since))
RETURN startNode(r).id AS source, type(r) AS type, endNode(r).id AS target,
       r.since AS since, r.until AS until, r.document AS document, r.sentence AS sentence,
       r.role AS role, r.basis AS basis, r.since_precision AS since_precision,
       r.until_precision AS until_precision, r.current AS current, r.stated_on AS stated_on,
       r.char_start AS char_start, r.char_end AS char_end,
       other {.id, .name, .kind} AS other
