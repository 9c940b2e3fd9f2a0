// One actor by id; an id merged away (POST /actors/{id}/merge) resolves to the actor it
// was merged into, through its :ActorRedirect node.
// Parameters: $id.
// Returns: actor ({id, name, kind, aliases, kind_evidence}), merged_into (the id $id
//          was merged into, or null when $id is the actor's own); no row when there is
//          no such actor.
OPTIONAL MATCH (redirect:ActorRedirect {id: $id})
WITH redirect.into AS merged_into
MATCH (a:Actor {id: coalesce(merged_into, $id)})
RETURN a {.id, .name, .kind, .aliases, .kind_evidence} AS actor, merged_into
