// Which of $ids were merged away, and into which actor: a write that names one is
// redirected to that actor instead of bringing the old one back.
// Parameters: $ids (list of actor ids).
// Returns: id (merged away), into (the actor it resolves to).
MATCH (r:ActorRedirect)
WHERE r.id IN $ids
RETURN r.id AS id, r.into AS into
