// Constraints and indexes, applied at start-up; IF NOT EXISTS makes it idempotent.
// Parameters: none. Statements are separated by semicolons and run one by one.
CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE;
CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE;
CREATE CONSTRAINT event_id IF NOT EXISTS FOR (e:Event) REQUIRE e.id IS UNIQUE;
CREATE INDEX actor_name IF NOT EXISTS FOR (a:Actor) ON (a.name);
CREATE INDEX event_start IF NOT EXISTS FOR (e:Event) ON (e.start);
CREATE INDEX event_end IF NOT EXISTS FOR (e:Event) ON (e.end);
CREATE INDEX event_type IF NOT EXISTS FOR (e:Event) ON (e.type);
CREATE INDEX event_reported_by IF NOT EXISTS FOR (e:Event) ON (e.reported_by);
CREATE CONSTRAINT actor_redirect_id IF NOT EXISTS FOR (r:ActorRedirect) REQUIRE r.id IS UNIQUE;
CREATE INDEX actor_redirect_into IF NOT EXISTS FOR (r:ActorRedirect) ON (r.into);
// Full-text indexes for GET /search (cypher/search/*), BM25 over Porter-stemmed English
// words as the embedded store's FTS5 tables: event summaries, source sentences (on the
// REPORTED_IN edges, so every write, replace and withdraw keeps them in step), actor
// names and aliases, document titles. Created on a graph written before them, Neo4j
// fills them from what is stored (the backfill).
CREATE FULLTEXT INDEX event_summary IF NOT EXISTS FOR (e:Event) ON EACH [e.summary]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'english'}};
CREATE FULLTEXT INDEX source_sentence IF NOT EXISTS FOR ()-[r:REPORTED_IN]-() ON EACH [r.sentence]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'english'}};
CREATE FULLTEXT INDEX actor_names IF NOT EXISTS FOR (a:Actor) ON EACH [a.name, a.aliases]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'english'}};
CREATE FULLTEXT INDEX document_title IF NOT EXISTS FOR (d:Document) ON EACH [d.title]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'english'}}
