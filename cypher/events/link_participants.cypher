// Who took part in each event, in which role; ordinal keeps the record's order.
// Parameters: $rows: [{event, actor, role, ordinal}].
// Returns: written (count).
UNWIND $rows AS row
MATCH (e:Event {id: row.event})
MATCH (a:Actor {id: row.actor})
CREATE (a)-[p:PARTICIPATED_IN {role: row.role, ordinal: row.ordinal}]->(e)
RETURN count(p) AS written
