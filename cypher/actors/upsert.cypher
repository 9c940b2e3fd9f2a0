// Create or replace actors, with a second label by kind so Neo4j Browser colours them.
// Labels come from this fixed text, never from input: the kind picks one branch.
// Parameters: $rows: [{id, name, kind, aliases, kind_evidence, search_names}].
// Returns: written (count).
UNWIND $rows AS row
MERGE (a:Actor {id: row.id})
SET a.name = row.name,
    a.kind = row.kind,
    a.aliases = row.aliases,
    a.kind_evidence = row.kind_evidence,
    a.search_names = row.search_names
REMOVE a:Person:Organization:Place:Group
FOREACH (_ IN CASE WHEN row.kind = 'person' THEN [1] ELSE [] END | SET a:Person)
FOREACH (_ IN CASE WHEN row.kind = 'organization' THEN [1] ELSE [] END | SET a:Organization)
FOREACH (_ IN CASE WHEN row.kind = 'place' THEN [1] ELSE [] END | SET a:Place)
FOREACH (_ IN CASE WHEN row.kind = 'group' THEN [1] ELSE [] END | SET a:Group)
RETURN count(a) AS written
