// The events that cite any of $ids, so a writer can read them before withdrawing those
// documents and write back what the other documents say of each (graphsvc.store.claims).
// Parameters: $ids (document ids).
// Returns: ids (list of event ids, once each).
MATCH (d:Document)<-[:REPORTED_IN]-(e:Event)
WHERE d.id IN $ids
RETURN collect(DISTINCT e.id) AS ids
