// Which of these document ids are stored (the writer's reference check): ids only, in
// one list.
// Parameters: $ids: [document id].
// Returns: ids (the stored ones, one row).
MATCH (d:Document)
WHERE d.id IN $ids
RETURN collect(d.id) AS ids
