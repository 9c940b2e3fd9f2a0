// Once per process at start-up, after schema: label undated events written before
// events/write set :Undated (stats/count reads that label's count), and drop it from
// any that gained a date another way. Idempotent; touches nothing once labels agree.
// Parameters: none.
// Returns: labelled (events changed).
MATCH (e:Event)
WHERE (e.start IS NULL) <> (e:Undated)
FOREACH (_ IN CASE WHEN e.start IS NULL THEN [1] ELSE [] END | SET e:Undated)
FOREACH (_ IN CASE WHEN e.start IS NULL THEN [] ELSE [1] END | REMOVE e:Undated)
RETURN count(e) AS labelled
