// The relations taken from document $id, with both ends: the detail shows them and a
// delete plans with them (graphsvc.store.documents).
// Parameters: $id (a document id).
// Returns: source, type, target, since, until, document, sentence, role, basis,
//          since_precision, until_precision, current, stated_on, char_start, char_end,
//          source_actor, target_actor ({id, name, kind}); ordered by source, type, target.
MATCH (a:Actor)-[r:LEADER_OF|HEAD_OF|MEMBER_OF|PART_OF|ALLY_OF|OPPOSES|WORKS_FOR|FOUNDED|OWNS|SUBSIDIARY_OF|BASED_IN|LOCATED_IN|LIVES_IN|KILLED]->(b:Actor)
WHERE r.document = $id
RETURN a.id AS source, type(r) AS type, b.id AS target,
       r.since AS since, r.until AS until, r.document AS document, r.sentence AS sentence,
       r.role AS role, r.basis AS basis, r.since_precision AS since_precision,
       r.until_precision AS until_precision, r.current AS current, r.stated_on AS stated_on,
       r.char_start AS char_start, r.char_end AS char_end,
       a {.id, .name, .kind} AS source_actor, b {.id, .name, .kind} AS target_actor
ORDER BY source, type, target
