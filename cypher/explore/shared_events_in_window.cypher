// Who shared events with whom in a date window: pairs of actors, how many events they
// took part in together whose dates overlap the window, and the first and last dates.
// Parameters (Neo4j Browser): :param since => '2015-09-01'
//                             :param until => '2015-12-31'
// Returns: actor, other, shared, first, last, events (summaries).
MATCH (a:Actor)-[:PARTICIPATED_IN]->(e:Event)<-[:PARTICIPATED_IN]-(b:Actor)
WHERE a.id < b.id
  AND e.start <= date($until) AND e.end >= date($since)
WITH a, b, collect(DISTINCT e) AS events
RETURN a.name AS actor, b.name AS other, size(events) AS shared,
       reduce(first = date('9999-12-31'), e IN events |
         CASE WHEN e.start < first THEN e.start ELSE first END) AS first,
       reduce(last = date('0001-01-01'), e IN events |
         CASE WHEN e.end > last THEN e.end ELSE last END) AS last,
       [e IN events | e.summary] AS events
ORDER BY shared DESC, actor, other
