// Actors one of whose normalised names (name or alias, as kept in search_names) is in
// $names, by id: how a new document's actors resolve against the store. One pass over
// the actors; the caller bounds $names (MAX_NAMES).
// Parameters: $names (list of normalised names).
// Returns: actor ({id, name, kind, aliases, kind_evidence}).
MATCH (a:Actor)
WHERE any(name IN a.search_names WHERE name IN $names)
RETURN a {.id, .name, .kind, .aliases, .kind_evidence} AS actor
ORDER BY a.id
