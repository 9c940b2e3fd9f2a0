// Events in a month, by type: how many of each type overlap the month, and which.
// Parameters (Neo4j Browser): :param month => '2016-01'
// Returns: type, events (count), summaries.
WITH date($month + '-01') AS first
WITH first, first + duration({months: 1}) - duration({days: 1}) AS last
MATCH (e:Event)
WHERE e.start <= last AND e.end >= first
RETURN e.type AS type, count(e) AS events, collect(e.summary) AS summaries
ORDER BY events DESC, type
