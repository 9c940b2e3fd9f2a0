// Who took part in each event, in which role, and how the link was found (basis:
// stated, resolved or inferred; mention: the words it came through, or null); ordinal
// keeps the record's order.
// Parameters: $rows: [{event, actor, role, ordinal, basis, mention}].
// Returns: written (count).
UNWIND $rows AS row
MATCH (e:Event {id: row.event})
MATCH (a:Actor {id: row.actor})
CREATE (a)-[p:PARTICIPATED_IN {
  role: row.role, ordinal: row.ordinal, basis: row.basis, mention: row.mention
}]->(e)
RETURN count(p) AS written
