// Actors matching a full-text query by name or alias (index actor_names), BM25.
// Parameters: $query (Lucene text built from escaped words, never raw input), $limit.
// Returns: score, actor ({id, name, kind, aliases, kind_evidence}).
CALL db.index.fulltext.queryNodes('actor_names', $query, {limit: $limit})
  YIELD node AS a, score
RETURN score, a {.id, .name, .kind, .aliases, .kind_evidence} AS actor
ORDER BY score DESC, actor.id
