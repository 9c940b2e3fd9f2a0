// The extractors of document $id's event sources (REPORTED_IN edges): an article
// posted again under that id must not silently withdraw events another extractor, or
// a person writing records, gave it (graphsvc.store.provenance).
// Parameters: $id (a document id).
// Returns: extractors (list of extractor names, once each).
OPTIONAL MATCH (:Document {id: $id})<-[r:REPORTED_IN]-(:Event)
RETURN collect(DISTINCT r.extractor) AS extractors
