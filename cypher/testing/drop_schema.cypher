// Tests only: drop the service's constraints and indexes (cypher/schema.cypher,
// writes/lock_schema), so a test can start several stores on a database without them.
// Parameters: none. Statements are separated by semicolons and run one by one.
DROP CONSTRAINT document_id IF EXISTS;
DROP CONSTRAINT actor_id IF EXISTS;
DROP CONSTRAINT event_id IF EXISTS;
DROP INDEX actor_name IF EXISTS;
DROP INDEX event_start IF EXISTS;
DROP INDEX event_end IF EXISTS;
DROP INDEX event_type IF EXISTS;
DROP INDEX event_reported_by IF EXISTS;
DROP CONSTRAINT actor_redirect_id IF EXISTS;
DROP INDEX actor_redirect_into IF EXISTS;
DROP CONSTRAINT write_lock_id IF EXISTS;
DROP INDEX event_summary IF EXISTS;
DROP INDEX source_sentence IF EXISTS;
DROP INDEX actor_names IF EXISTS;
DROP INDEX document_title IF EXISTS
