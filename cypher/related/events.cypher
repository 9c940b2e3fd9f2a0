// The events an actor took part in that overlap the window (undated ones only when
// there is no window), for assembling related actors.
// Parameters: $actor_id, $since, $until (ISO dates or null).
// Returns: id (event id).
MATCH (:Actor {id: $actor_id})-[:PARTICIPATED_IN]->(e:Event)
WHERE CASE
    WHEN e.start IS NULL THEN $since IS NULL AND $until IS NULL
    ELSE ($until IS NULL OR e.start <= date($until))
      AND ($since IS NULL OR e.end >= date($since))
  END
RETURN DISTINCT e.id AS id
