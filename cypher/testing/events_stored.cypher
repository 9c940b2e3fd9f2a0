// Tests only: every event as stored, node and edges, to check that the writer's two
// paths (events/create for new events, events/write for stored ones) store the same.
// Parameters: none.
// Returns: id, labels, props (all node properties), edges (type, properties and the
// other end's id of each PARTICIPATED_IN and REPORTED_IN edge, sorted).
MATCH (e:Event)
RETURN e.id AS id,
       labels(e) AS labels,
       properties(e) AS props,
       COLLECT {
         MATCH (e)-[r:PARTICIPATED_IN|REPORTED_IN]-(other)
         RETURN {type: type(r), props: properties(r), other: other.id} AS edge
         ORDER BY edge.type, edge.other, edge.props.ordinal
       } AS edges
ORDER BY id
