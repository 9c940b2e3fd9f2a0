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
CREATE INDEX actor_redirect_into IF NOT EXISTS FOR (r:ActorRedirect) ON (r.into)
