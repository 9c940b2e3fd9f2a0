// Tests only: how an actor and an event are stored, to check labels by kind and
// native dates.
// Parameters: $actor_id, $event_id.
// Returns: labels (of the actor), start_type, end_type (Cypher types of the event's dates).
MATCH (a:Actor {id: $actor_id}), (e:Event {id: $event_id})
RETURN labels(a) AS labels, valueType(e.start) AS start_type, valueType(e.end) AS end_type
