// Change stamps (docs/consistency.md), run before actors/upsert in the same transaction: when a
// stored actor's name or kind is about to change (both show in other actors' answers:
// participants in timelines, related actors), mark the whole graph as changed by the
// write transaction whose counter is $writes (the write lock's `shown_changed`), so
// every kept answer goes stale. Renames are rare; this is simpler than finding every
// actor that shows the renamed one.
// Parameters: $writes (this transaction's write counter), $rows: [{id, name, kind}].
// Returns: renamed (count of stored actors whose name or kind changes).
MATCH (l:WriteLock {id: 'graphsvc'})
CALL () {
  UNWIND $rows AS row
  MATCH (a:Actor {id: row.id})
  WHERE coalesce(a.name, '') <> coalesce(row.name, '')
    OR coalesce(a.kind, '') <> coalesce(row.kind, '')
  RETURN count(a) AS renamed
}
FOREACH (_ IN CASE WHEN renamed > 0 THEN [1] ELSE [] END |
  SET l.shown_changed = $writes)
RETURN renamed
