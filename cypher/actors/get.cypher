// One actor by id.
// Parameters: $id.
// Returns: actor ({id, name, kind, aliases}); no row when there is no such actor.
MATCH (a:Actor {id: $id})
RETURN a {.id, .name, .kind, .aliases} AS actor
