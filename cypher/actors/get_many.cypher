// Stored actors among $ids, in the Actor model's shape.
// Parameters: $ids (list of actor ids).
// Returns: actor ({id, name, kind, aliases}).
MATCH (a:Actor)
WHERE a.id IN $ids
RETURN a {.id, .name, .kind, .aliases} AS actor
