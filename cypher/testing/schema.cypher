// Tests only: the constraints and indexes the store created at start-up.
// Parameters: none.
// Returns: name, type.
SHOW INDEXES YIELD name, type
RETURN name, type
ORDER BY name
