// Events matching the timeline filters, in (start, end, id) order, undated last
// (an actor's timeline is timeline/page_for_actor, which starts from the actor).
// A window keeps events whose interval overlaps it; undated events only when asked
// and no window is set. The cursor is the sort key of the last event served.
// Parameters: $actor (null here), $types (list, empty = all), $bases (date
//             bases of dated events: text, context, publication; empty = all),
//             $factualities (list: events of these factualities only), $q (lower-case text or
//             null), $since, $until (ISO dates or null), $undated (bool),
//             $after ({start, end, id} or null), $limit (page size + 1).
// Returns: count (all matching events), ids (the page, in order).
MATCH (e:Event)
WHERE ($actor IS NULL OR EXISTS { (:Actor {id: $actor})-[:PARTICIPATED_IN]->(e) })
  AND (size($types) = 0 OR e.type IN $types)
  AND (size($bases) = 0 OR e.start IS NULL OR coalesce(e.date_basis, 'text') IN $bases)
  AND coalesce(e.factuality, 'asserted') IN $factualities
  AND ($q IS NULL OR toLower(e.summary) CONTAINS $q)
  AND CASE
    WHEN e.start IS NULL THEN $undated AND $since IS NULL AND $until IS NULL
    ELSE ($until IS NULL OR e.start <= date($until))
      AND ($since IS NULL OR e.end >= date($since))
  END
WITH e.id AS id,
     coalesce(e.start, date('9999-12-31')) AS sort_start,
     coalesce(e.end, date('9999-12-31')) AS sort_end
ORDER BY sort_start, sort_end, id
WITH collect({id: id, start: sort_start, end: sort_end}) AS matched
RETURN size(matched) AS count,
  [m IN matched WHERE $after IS NULL
    OR m.start > date($after.start)
    OR (m.start = date($after.start) AND m.end > date($after.end))
    OR (m.start = date($after.start) AND m.end = date($after.end) AND m.id > $after.id)
  | m.id][0..$limit] AS ids
