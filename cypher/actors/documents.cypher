// Documents where an actor appears: reporting an event it took part in or reported, or
// giving one of its relations; newest first (by publication date, undated last), then
// by id; with how many of its events and relations each gives.
// Parameters: $actor_id (the actor's own id, redirects already followed), $limit.
// Returns: total (documents in all), items ([{id, title, url, published, count}]).
MATCH (a:Actor {id: $actor_id})
CALL (a) {
  CALL (a) {
    MATCH (a)-[:PARTICIPATED_IN]->(e:Event)
    RETURN e
    UNION
    MATCH (e:Event {reported_by: a.id})
    RETURN e
  }
  MATCH (e)-[:REPORTED_IN]->(d:Document)
  RETURN d, count(DISTINCT e) AS n
  UNION ALL
  MATCH (a)-[r:LEADER_OF|HEAD_OF|MEMBER_OF|PART_OF|ALLY_OF|OPPOSES|WORKS_FOR|FOUNDED|OWNS|SUBSIDIARY_OF|BASED_IN|LOCATED_IN|LIVES_IN|KILLED]-(:Actor)
  MATCH (d:Document {id: r.document})
  RETURN d, count(r) AS n
}
WITH d, sum(n) AS appearances
ORDER BY d.published IS NULL, d.published DESC, d.id
WITH collect(d {.id, .title, .url, .published, count: appearances}) AS found
RETURN size(found) AS total, found[0..$limit] AS items
