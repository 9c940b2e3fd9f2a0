// Which of these actor ids are stored (the writer's reference check): ids only, in one
// list, so a batch naming a thousand actors reads back neither a thousand actor records
// nor a thousand result rows.
// Parameters: $ids: [actor id].
// Returns: ids (the stored ones, one row).
MATCH (a:Actor)
WHERE a.id IN $ids
RETURN collect(a.id) AS ids
