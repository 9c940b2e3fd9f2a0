"""GraphML export: the actor-event graph of a timeline, for Gephi, yEd or networkx.

Actors and events are nodes (`node_type`, actor `kind`, event `type` and dates as
attributes); each participation is an edge from actor to event with its role; each
direct relation between two exported actors is an edge from source to target with its
type (`relation`), role text, validity and basis. Written element by element with
lxml's incremental writer, so a large export never builds the whole tree (networkx's
own writer does); networkx reads the result back.

Every value goes through `neutralise.plain_text` first: XML 1.0 cannot hold most
control characters even as `&#1;`, and lxml refuses them in the middle of the stream,
which would cut the download short after a 200.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator, Mapping

from lxml import etree

from graphsvc import relation_text
from graphsvc.export.citations import NO_CITATIONS, Citations
from graphsvc.export.json_export import edtf_of
from graphsvc.export.neutralise import plain_text
from graphsvc.views import EventView, ParticipantView, RelationView

NAMESPACE = "http://graphml.graphdrawing.org/xmlns"

#: (id, for, type) of every attribute; declared once, up front, as GraphML wants.
KEYS: tuple[tuple[str, str, str], ...] = (
    ("node_type", "node", "string"),
    ("label", "node", "string"),
    ("kind", "node", "string"),
    ("type", "node", "string"),
    ("start", "node", "string"),
    ("end", "node", "string"),
    ("precision", "node", "string"),
    ("approximate", "node", "boolean"),
    ("open_start", "node", "boolean"),
    ("edtf", "node", "string"),
    ("date_text", "node", "string"),
    ("sources", "node", "int"),
    ("relation", "edge", "string"),
    ("role", "edge", "string"),
    ("since", "edge", "string"),
    ("until", "edge", "string"),
    ("validity", "edge", "string"),
    ("relation_basis", "edge", "string"),
    ("sentence", "edge", "string"),
    ("basis", "edge", "string"),
    ("mention", "edge", "string"),
)

#: The direct relations of some actors: (source id, target id, relation) triples.
RelationsOf = Callable[[list[str]], Iterable[tuple[str, str, RelationView]]]


def _element(tag: str, attributes: Mapping[str, str], data: Mapping[str, object]) -> etree._Element:
    # Plain tags: written inside the <graphml xmlns=...> element, they take its default
    # namespace without repeating the declaration on every element.
    element = etree.Element(tag, {name: plain_text(v) for name, v in attributes.items()})
    element.tail = "\n"
    for key, value in data.items():
        if value is None:
            continue
        item = etree.SubElement(element, "data", key=key)
        item.text = str(value).lower() if isinstance(value, bool) else plain_text(str(value))
    return element


def _actor_node(actor: ParticipantView) -> etree._Element:
    data = {"node_type": "actor", "label": actor.name, "kind": actor.kind.value}
    return _element("node", {"id": actor.id}, data)


def _event_node(event: EventView) -> etree._Element:
    data = {
        "node_type": "event",
        "label": event.summary,
        "type": event.type.value,
        "start": event.start.isoformat() if event.start else None,
        "end": event.end.isoformat() if event.end else None,
        "precision": event.precision,
        "approximate": event.approximate,
        "open_start": event.open_start,
        "edtf": edtf_of(event),
        "date_text": event.date_text,
        "sources": len(event.sources),
    }
    return _element("node", {"id": event.id}, data)


def _relation_edge(number: int, source: str, target: str, rel: RelationView) -> etree._Element:
    data = {
        "relation": rel.type.value,
        "role": rel.role,
        "since": rel.since.isoformat() if rel.since else None,
        "until": rel.until.isoformat() if rel.until else None,
        "validity": relation_text.validity(
            rel.since,
            rel.until,
            rel.since_precision,
            rel.until_precision,
            rel.current,
            rel.stated_on,
        )
        or None,
        "relation_basis": rel.basis,
        "sentence": rel.sentence,
    }
    return _element("edge", {"id": f"r{number}", "source": source, "target": target}, data)


def write(
    events: Iterable[EventView],
    title: str,
    citations: Citations = NO_CITATIONS,
    relations: RelationsOf | None = None,
) -> Iterator[str]:
    """`citations` is unused: this format does not name its sources' documents.
    `relations`: the direct relations of the exported actors, written as edges after
    the events (only those whose both ends are exported)."""
    buffer = io.BytesIO()

    def drain() -> str:
        text = buffer.getvalue().decode("utf-8")
        buffer.seek(0)
        buffer.truncate()
        return text

    seen_actors: set[str] = set()
    with etree.xmlfile(buffer, encoding="utf-8", buffered=False) as xml:
        xml.write_declaration()
        with xml.element("graphml", xmlns=NAMESPACE):
            for key, domain, kind in KEYS:
                attributes = {"id": key, "for": domain, "attr.name": key, "attr.type": kind}
                xml.write(_element("key", attributes, {}))
            graph_attributes = {"id": "timeline", "edgedefault": "directed"}
            with xml.element("graph", graph_attributes):
                description = _element("desc", {}, {})
                description.text = plain_text(title)
                xml.write(description)
                yield drain()
                for index, event in enumerate(events):
                    xml.write(_event_node(event))
                    for number, participant in enumerate(event.participants):
                        if participant.id not in seen_actors:
                            seen_actors.add(participant.id)
                            xml.write(_actor_node(participant))
                        edge = {
                            "id": f"e{index}.{number}",
                            "source": participant.id,
                            "target": event.id,
                        }
                        data = {
                            "relation": "PARTICIPATED_IN",
                            "role": participant.role.value,
                            "basis": participant.basis,
                            "mention": participant.mention,
                        }
                        xml.write(_element("edge", edge, data))
                    yield drain()
                if relations is not None:
                    found = relations(sorted(seen_actors))
                    for number, (source, target, rel) in enumerate(found):
                        if source in seen_actors and target in seen_actors:
                            xml.write(_relation_edge(number, source, target, rel))
                    yield drain()
    yield drain()
