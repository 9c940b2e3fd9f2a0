// Stored actors among $ids (their own ids: no redirect is followed), in the Actor
// model's shape.
// Parameters: $ids (list of actor ids).
// Returns: actor ({id, name, kind, aliases, kind_evidence}).
MATCH (a:Actor)
WHERE a.id IN $ids
RETURN a {.id, .name, .kind, .aliases, .kind_evidence} AS actor
