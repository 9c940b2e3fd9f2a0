// Actors by normalised name or alias: exact first, then word prefix, then substring.
// An empty $needle lists every actor. Ties sort by lower-cased name, then id.
// Parameters: $needle (normalised text, may be ''), $limit.
// Returns: actor ({id, name, kind, aliases, kind_evidence}).
MATCH (a:Actor)
WITH a, [n IN a.search_names |
  CASE
    WHEN $needle = '' OR n = $needle THEN 0
    WHEN n STARTS WITH $needle OR n CONTAINS (' ' + $needle) THEN 1
    WHEN n CONTAINS $needle THEN 2
  END] AS scores
WITH a, [s IN scores WHERE s IS NOT NULL] AS hits
WHERE size(hits) > 0
WITH a, reduce(best = 3, s IN hits | CASE WHEN s < best THEN s ELSE best END) AS score
RETURN a {.id, .name, .kind, .aliases, .kind_evidence} AS actor
ORDER BY score, toLower(a.name), a.id
LIMIT $limit
