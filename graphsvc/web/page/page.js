// graphsvc page: actor search, timeline (a list and a vis-timeline axis), event sources,
// relations, ego graph, paths. Vanilla JS, read routes only; the filters' choices come
// from GET /schema, an event's panel from GET /events/{id}. The API key (if the server
// asks for one) stays in sessionStorage and goes out as X-API-Key.
"use strict";

const EXPORTS = ["json", "csv", "timelinejs", "ics", "graphml"];
const PAGE_SIZE = 100;
const KEY = "graphsvc-api-key";

const $ = (id) => document.getElementById(id);
const state = {
  actor: null, schema: null, cursor: null, graph: null, timeline: null,
  dated: [], // the dated events listed, in order: what the vis-timeline draws
};

// --- small helpers -------------------------------------------------------------

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") node.className = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function say(text, isError) {
  const box = $("message");
  box.textContent = text || "";
  box.hidden = !text;
  box.className = isError ? "error" : "";
}

function headers() {
  const key = sessionStorage.getItem(KEY);
  return key ? { "X-API-Key": key } : {};
}

async function call(path, init) {
  const answer = await fetch(path, init || { headers: headers() });
  if (answer.status === 401 || answer.status === 403) {
    $("key-form").hidden = false;
    $("key").focus();
    throw new Error(answer.status === 401
      ? "This server needs a read key: type it in the API key box."
      : "The key was refused: type another in the API key box.");
  }
  if (!answer.ok) {
    let detail = answer.statusText;
    try { detail = (await answer.json()).detail || detail; } catch (_) { /* not JSON */ }
    throw new Error(`${answer.status}: ${detail}`);
  }
  return answer;
}

async function getJSON(path) {
  return (await call(path)).json();
}

function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one !== null && one !== undefined && one !== "") search.append(name, one);
    }
  }
  return search.toString();
}

const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
  "Nov", "Dec"];

// A date open at its start ("had signed" before the report's day) is shown by its bound,
// the day after `end`: "before 8 Jan 1998"; the page never shows it as a day.
function beforeText(end) {
  const [y, m, d] = end.split("-").map(Number);
  const bound = new Date(Date.UTC(y, m - 1, d + 1));
  return `before ${bound.getUTCDate()} ${MONTH_NAMES[bound.getUTCMonth()]} ${bound.getUTCFullYear()}`;
}

function when(item) {
  if (!item.start) return "undated";
  const span = item.open_start ? beforeText(item.end)
    : item.start === item.end || !item.end ? item.start : `${item.start} .. ${item.end}`;
  return (item.approximate ? "~" : "") + span;
}

function actorLink(ref) {
  return el("a", {
    href: `#actor=${encodeURIComponent(ref.id)}`, class: "actor-link", title: ref.id,
  }, ref.name);
}

// --- search ---------------------------------------------------------------------

// The box asks two routes at once: GET /search (ranked full text over events, source
// sentences, actor names and aliases, document titles) and GET /actors?q= (names by
// prefix and substring, so a partly typed name still finds its actor). Snippets come as
// plain text with [start, end) offsets: matches become <mark> elements built here, the
// text always goes in as text (never as HTML).

const WORDS = /[\p{L}\p{N}]/u;

function snippetNodes(snippet) {
  if (!snippet) return [];
  return marked(snippet.text, snippet.marks.map(([start, end]) =>
    ({ start, end, cls: "hit", title: "matches the search" })));
}

function actorHit(actor) {
  return el("li", {},
    actorLink(actor), " ", el("span", { class: `kind kind-${actor.kind}` }, actor.kind),
    actor.aliases && actor.aliases.length
      ? el("span", { class: "muted" }, ` also ${actor.aliases.slice(0, 3).join(", ")}`) : null,
    el("span", { class: "muted counts", "data-actor": actor.id }, ""));
}

function eventHit(hit) {
  const where = hit.snippet && hit.snippet.field === "sentence"
    ? ` · sentence of ${hit.snippet.document}` : "";
  return el("li", { "data-event": hit.id },
    el("button", { type: "button", class: "event hit-event",
      onclick: () => guarded(showEvent)(hit.id, "search") },
      el("span", { class: "date" }, when(hit)), el("span", { class: "type" }, hit.type),
      el("span", { class: "summary" }, hit.snippet && hit.snippet.field === "summary"
        ? snippetNodes(hit.snippet) : hit.summary)),
    hit.snippet && hit.snippet.field !== "summary"
      ? el("blockquote", { class: "snippet" }, snippetNodes(hit.snippet)) : null,
    el("div", { class: "muted" },
      hit.participants.flatMap((p, i) => [i ? ", " : "", actorLink(p)]), where));
}

function documentHit(hit) {
  // Only web links become links: a stored URL is data, never a javascript: target.
  const title = hit.snippet ? snippetNodes(hit.snippet) : [hit.title || hit.id];
  const safe = hit.url && /^https?:\/\//i.test(hit.url);
  return el("li", {},
    safe ? el("a", { href: hit.url, rel: "noopener noreferrer", target: "_blank" }, title)
      : el("span", {}, title),
    el("span", { class: "muted" }, ` · ${hit.id}`, hit.published ? ` · ${hit.published}` : ""));
}

async function search(q) {
  say("");
  hidePanel();
  const hasWords = WORDS.test(q);
  const [names, found] = await Promise.all([
    getJSON(`/actors?${query({ q, limit: 50 })}`),
    hasWords ? getJSON(`/search?${query({ q, limit: 20 })}`) : null,
  ]);
  const actors = found ? [...found.actors] : [];
  for (const actor of names.items) {
    if (!actors.some((a) => a.id === actor.id)) actors.push(actor);
  }
  const list = $("actor-list");
  list.replaceChildren(...actors.map(actorHit));
  if (!actors.length) list.append(el("li", { class: "muted" }, `No actor matches "${q}".`));
  const events = found ? found.events : [];
  const documents = found ? found.documents : [];
  $("event-hits").replaceChildren(...events.map(eventHit));
  $("event-hits-heading").hidden = !events.length;
  $("document-hits").replaceChildren(...documents.map(documentHit));
  $("document-hits-heading").hidden = !documents.length;
  $("search-results").hidden = false;
  // Counts are one cheap call each (limit=1 still reports `count`); a few at most.
  for (const actor of actors.slice(0, 10)) {
    getJSON(`/timeline?${query({ actor: actor.id, limit: 1 })}`).then((t) => {
      const span = list.querySelector(`[data-actor="${CSS.escape(actor.id)}"]`);
      if (span) span.textContent = ` · ${t.count} dated event${t.count === 1 ? "" : "s"}`;
    }).catch(() => {});
  }
}

// --- actor ----------------------------------------------------------------------

async function openActor(id) {
  say("");
  const actor = await getJSON(`/actors/${encodeURIComponent(id)}`);
  state.actor = actor;
  $("search-results").hidden = true;
  $("actor").hidden = false;
  $("actor-name").textContent = actor.name;
  $("actor-meta").textContent = [actor.kind, actor.id,
    actor.aliases && actor.aliases.length ? `also ${actor.aliases.join(", ")}` : ""]
    .filter(Boolean).join(" · ");
  hidePanel();
  // names.js: the kind's evidence, same-as candidates, the path form's From.
  document.dispatchEvent(new CustomEvent("actor-shown", { detail: actor }));
  renderExports();
  await Promise.all([loadTimeline(false), loadRelations()]);
}

function documentLabel(id, documents) {
  const doc = documents.find((d) => d.id === id);
  if (!doc || !doc.title) {
    return el("span", {}, "document ", el("a", { href: `#document=${encodeURIComponent(id)}`,
      class: "document-link" }, id));
  }
  const safe = doc.url && /^https?:\/\//i.test(doc.url);
  return el("span", {},
    safe ? el("a", { href: doc.url, rel: "noopener noreferrer", target: "_blank" }, doc.title)
      : el("cite", {}, doc.title),
    doc.published ? ` (${doc.published})` : "", " · ",
    el("a", { href: `#document=${encodeURIComponent(id)}`, class: "document-link",
      title: "What was taken from this document" }, id));
}

function filters() {
  // The timeline's filters as /timeline and /timeline/export take them. Factuality
  // "all" asks for every value; empty leaves the server's default.
  const form = $("filters");
  const factuality = form.factuality.value === "all"
    ? (state.schema ? state.schema.factualities : []) : form.factuality.value;
  return {
    since: form.since.value.trim(), until: form.until.value.trim(), type: form.type.value,
    basis: form.basis.value, factuality, q: form.q.value.trim(),
  };
}

function linkBasis(p) {
  // A link the text does not make by name says so: "“she” → (resolved)". Stated
  // links (the name is in the clause) show nothing more.
  if (!p || !p.basis || p.basis === "stated") return null;
  return el("span", { class: `link-basis basis-${p.basis}`,
    title: p.basis === "resolved" ? "a pronoun or description resolved to this actor"
      : "inferred from a group or possession of this actor" },
    p.mention ? `via “${p.mention}” (${p.basis})` : `(${p.basis})`);
}

function eventItem(event) {
  // On an actor's timeline, an event that reaches the actor only through a resolved
  // or inferred mention is marked with it.
  const mine = state.actor
    ? (event.participants || []).find((p) => p.id === state.actor.id) : null;
  return el("li", { "data-event": event.id },
    el("button", { type: "button", class: "event", onclick: () => showEvent(event.id) },
      el("span", { class: "date" }, when(event)),
      event.precision ? el("span", { class: "precision" }, event.precision) : null,
      el("span", { class: "type" }, event.type),
      el("span", { class: "summary" }, event.summary),
      linkBasis(mine)));
}

function participantItem(p) {
  // "she → Jane Roe (resolved)": the words of the text, then the actor they were
  // linked to, then how.
  const resolved = p.basis && p.basis !== "stated";
  return el("li", { class: resolved ? `linked basis-${p.basis}` : null },
    resolved && p.mention ? el("span", { class: "mention" }, `“${p.mention}” → `) : null,
    actorLink(p), resolved ? el("span", { class: "link-basis" }, ` (${p.basis})`) : null,
    " ", el("span", { class: "role" }, p.role),
    " ", el("span", { class: `kind kind-${p.kind}` }, p.kind));
}

async function loadTimeline(more) {
  const f = filters();
  const base = { actor: state.actor.id, ...f, limit: PAGE_SIZE };
  const page = await getJSON(`/timeline?${query({ ...base, cursor: more ? state.cursor : null })}`);
  const list = $("timeline");
  if (!more) {
    list.replaceChildren();
    state.dated = [];
  }
  list.append(...page.items.map(eventItem));
  state.dated.push(...page.items);
  state.cursor = page.next_cursor;
  $("timeline-more").hidden = !page.next_cursor;
  drawTimeline();
  if (more) return;
  let text = `${page.count} dated event${page.count === 1 ? "" : "s"}`;
  if (page.next_cursor) text += ` (the first ${page.items.length} drawn; "More events" adds more)`;
  // Undated events never fall in a window; list them only without one.
  const undatedList = $("undated");
  undatedList.replaceChildren();
  $("undated-heading").hidden = true;
  if (page.undated_count > 0 && !f.since && !f.until) {
    const all = await getJSON(`/timeline?${query({ ...base, undated: true, limit: 500 })}`);
    text += `, ${page.undated_count} undated (listed below)`;
    $("undated-heading").hidden = false;
    undatedList.append(...all.items.filter((e) => !e.start).map(eventItem));
  }
  $("timeline-count").textContent = text + ".";
}

// --- the time axis (vis-timeline) ----------------------------------------------------

function localDay(iso, plusDays) {
  // "2015-10-20" as local midnight (vis-timeline draws local time), shifted by days.
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(y, m - 1, d + (plusDays || 0));
}

function short(text, n) {
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
}

function visItem(event) {
  // A day is a point; a coarser date (week, month, quarter, year...) is a range over
  // its whole interval (vis-timeline's end is exclusive: the day after the last).
  const point = event.precision === "day" || event.start === event.end;
  const tip = `${when(event)} · ${event.type}\n${event.summary}`;
  return {
    id: event.id,
    type: point ? "point" : "range",
    start: localDay(event.start),
    end: point ? undefined : localDay(event.end, 1),
    content: el("span", {}, short(event.summary, point ? 38 : 60)),
    title: el("span", { class: "vis-tip" }, tip),
    className: `t-${event.type}${event.approximate ? " approximate" : ""}`
      + (event.open_start ? " open-start" : ""),
  };
}

function drawTimeline() {
  const box = $("vis");
  if (typeof vis === "undefined" || !vis.Timeline) {
    box.textContent = "vis-timeline did not load.";
    return;
  }
  const items = state.dated.map(visItem);
  box.hidden = items.length === 0;
  if (state.timeline) {
    state.timeline.setItems(new vis.DataSet(items));
  } else {
    state.timeline = new vis.Timeline(box, new vis.DataSet(items), {
      stack: true, maxHeight: 340, minHeight: 120, orientation: "top", zoomKey: "ctrlKey",
      showCurrentTime: false, margin: { item: { horizontal: 4, vertical: 4 } },
      tooltip: { followMouse: true, delay: 100 },
    });
    state.timeline.on("select", (props) => {
      if (props.items.length) guarded(showEvent)(props.items[0], "timeline");
    });
  }
  if (items.length) state.timeline.setWindow(...paddedWindow(items), { animation: false });
}

function paddedWindow(items) {
  // All items in view, with room on the right for the labels of the last points.
  const starts = items.map((i) => i.start.getTime());
  const ends = items.map((i) => (i.end || i.start).getTime());
  const first = Math.min(...starts);
  const last = Math.max(...ends);
  const span = Math.max(last - first, 10 * 86400000);
  return [new Date(first - span * 0.04), new Date(last + span * 0.22)];
}

function renderExports() {
  const box = $("exports");
  box.replaceChildren(el("span", { class: "muted" }, "Export: "),
    ...EXPORTS.map((format) => el("button", {
      type: "button", class: "export", "data-format": format,
      onclick: () => download(format).catch((e) => say(e.message, true)),
    }, format)));
}

async function download(format) {
  // The file holds what the page lists: its undated events too when no window is set
  // (formats that need dates say how many they left out).
  const f = filters();
  const undated = !f.since && !f.until;
  const asked = query({ format, actor: state.actor.id, ...f, undated: undated || null });
  const answer = await call(`/timeline/export?${asked}`);
  const disposition = answer.headers.get("Content-Disposition") || "";
  const match = /filename="?([^";]+)"?/.exec(disposition);
  const url = URL.createObjectURL(await answer.blob());
  const link = el("a", { href: url, download: match ? match[1] : `timeline.${format}` });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// --- event panel ----------------------------------------------------------------

function marked(sentence, ranges) {
  // ranges: [{start, end, cls, title}] into the sentence; overlapping ones are dropped.
  const parts = [];
  let at = 0;
  for (const r of ranges.sort((a, b) => a.start - b.start)) {
    if (r.start < at || r.end > sentence.length || r.end <= r.start) continue;
    parts.push(sentence.slice(at, r.start), el("mark", { class: r.cls, title: r.title },
      sentence.slice(r.start, r.end)));
    at = r.end;
  }
  parts.push(sentence.slice(at));
  return parts;
}

function sourceItem(event, source, documents) {
  const ranges = [];
  if (source.trigger_start !== null && source.trigger_start !== undefined &&
      source.char_start !== null && source.char_start !== undefined) {
    ranges.push({ start: source.trigger_start - source.char_start,
      end: source.trigger_end - source.char_start, cls: "trigger", title: "trigger" });
  }
  if (event.date_text) {
    const at = source.sentence.toLowerCase().indexOf(event.date_text.toLowerCase());
    if (at >= 0) ranges.push({ start: at, end: at + event.date_text.length, cls: "date-text",
      title: "date expression" });
  }
  const where = source.char_start !== null && source.char_start !== undefined
    ? ` chars ${source.char_start}–${source.char_end}` : "";
  return el("li", {},
    el("blockquote", { class: "sentence" }, marked(source.sentence, ranges)),
    el("div", { class: "muted" }, documentLabel(source.document, documents),
      `${where} · ${source.extractor}`));
}

function hidePanel() {
  $("event-panel").hidden = true;
  $("timeline-side").hidden = true;
  $("path-side").hidden = true;
  $("search-side").hidden = true;
}

async function showEvent(id, where) {
  // One event from GET /events/{id}, in the panel beside the timeline or the paths
  // (the panel moves to where it was asked from).
  const event = await getJSON(`/events/${encodeURIComponent(id)}`);
  document.querySelectorAll("#timeline li, #undated li, #event-hits li")
    .forEach((li) => li.classList.toggle("selected", li.dataset.event === id));
  document.querySelectorAll("#path-results .chip.ev")
    .forEach((chip) => chip.classList.toggle("selected", chip.dataset.event === id));
  if (state.timeline && where !== "timeline") {
    state.timeline.setSelection(state.dated.some((e) => e.id === id) ? [id] : []);
  }
  const basis = { text: "stated in the text", context: "carried from earlier text",
    publication: "inferred from the publication date" };
  const body = $("event-body");
  body.replaceChildren(
    el("p", { class: "event-summary" }, event.summary),
    el("dl", {},
      el("dt", {}, "Date"), el("dd", {}, when(event),
        event.precision ? ` (${event.precision})` : ""),
      el("dt", {}, "Date text"), el("dd", {}, event.date_text ? `“${event.date_text}”` : "—"),
      el("dt", {}, "Date basis"), el("dd", {},
        event.date_basis ? `${event.date_basis}: ${basis[event.date_basis] || ""}` : "—"),
      el("dt", {}, "Type"), el("dd", {}, event.type),
      el("dt", {}, "Factuality"), el("dd", {}, event.factuality,
        event.reported_by ? ` (reported by ${event.reported_by})` : ""),
      el("dt", {}, "Confidence"), el("dd", {}, String(event.confidence))),
    el("h4", {}, "Participants"),
    el("ul", { class: "participants" }, event.participants.map(participantItem)),
    el("h4", {}, `Sources (${event.sources.length})`),
    el("ul", { class: "sources" }, event.sources.map((s) => sourceItem(event, s, event.documents))),
    el("p", { class: "muted legend" }, el("mark", { class: "date-text" }, "date expression"),
      " ", el("mark", { class: "trigger" }, "trigger"), " highlighted where the data gives them"),
    el("p", { class: "muted event-id" }, event.id),
  );
  const slot = $({ path: "path-side", search: "search-side" }[where] || "timeline-side");
  hidePanel();
  slot.append($("event-panel"));
  slot.hidden = false;
  $("event-panel").hidden = false;
  if (where === "path" || where === "search") {
    $("event-panel").scrollIntoView({ block: "nearest" });
  }
}

// --- relations and ego graph ----------------------------------------------------

function edgeLabel(item) {
  // Relation types with their direction, then shared events with both roles
  // (the asked actor's role → the related actor's), at most two role pairs.
  const labels = item.relations.map((r) => (r.direction === "out" ? `${r.phrase || r.type} →`
    : `← ${r.phrase || r.type}`));
  if (item.shared_events) {
    const roles = [...new Set(item.events.map((e) => `${e.role}→${e.other_role}`))];
    const shown = roles.slice(0, 2).join(", ") + (roles.length > 2 ? ", …" : "");
    labels.push(`${item.shared_events} shared: ${shown}`);
  }
  return labels.join("\n");
}

function relationLine(r, me, other) {
  // "chief executive of Acme (since 1961)": the words and validity the API gives,
  // read from the asked actor's side; an inferred relation says so.
  const words = r.direction === "out" ? `${r.phrase} ${other.name}`
    : `${other.name} ${r.phrase} ${me.name}`;
  const parts = [el("span", { class: "relation", title: r.sentence || "" }, words)];
  if (r.validity) parts.push(" ", el("span", { class: "muted" }, `(${r.validity})`));
  // inferred or learned (the statistical reader's): the reader can tell it from a stated one
  if (r.basis && r.basis !== "stated") parts.push(" ", el("span", { class: "muted" }, r.basis));
  return el("div", { "data-type": r.type }, ...parts);
}

async function loadRelations() {
  // The window (since, until) narrows the relations and the graph too.
  const { since, until } = filters();
  const page = await getJSON(
    `/actors/${encodeURIComponent(state.actor.id)}/relations?${query({ since, until, limit: 50 })}`);
  const span = since || until ? `(${since || "…"} to ${until || "…"})` : "";
  $("graph-window").textContent = span;
  $("relations-window").textContent = span;
  $("relations").tBodies[0].replaceChildren(...page.items.map((item) => el("tr", {},
    el("td", {}, actorLink(item.actor), " ", el("span", { class: `kind kind-${item.actor.kind}` },
      item.actor.kind)),
    el("td", { class: "num" }, String(item.shared_events)),
    el("td", { class: "date" }, item.first || "—"),
    el("td", { class: "date" }, item.last || "—"),
    el("td", {}, item.relations.length
      ? item.relations.map((r) => relationLine(r, page.actor, item.actor)) : "—"))));
  if (!page.items.length) {
    $("relations").tBodies[0].append(el("tr", {}, el("td", { colspan: 5, class: "muted" },
      "No related actors (none shares an event or a relation with this one).")));
  }
  drawGraph(page);
}

//: Where along an edge, from the centre, its label sits (0 centre, 1 neighbour).
const EDGE_LABEL_AT = 0.5;
//: Room left between any two labels, in graph pixels.
const LABEL_GAP = 12;

function labelBox(ele) {
  return ele.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true });
}

function columns(cy, ids, across, row) {
  // Even neighbours in the right column, odd ones in the left, centred on the centre.
  const sides = [ids.filter((_, i) => i % 2 === 0), ids.filter((_, i) => i % 2 === 1)];
  sides.forEach((column, s) => {
    column.forEach((id, k) => {
      const y = (k - (column.length - 1) / 2) * row;
      cy.getElementById(id).position({ x: s === 0 ? across : -across, y });
    });
  });
}

function placeNeighbours(cy, center, ids) {
  // Neighbours in two columns, right and left of the centre, their names on the outer
  // side; each edge's label (horizontal) halfway along it. Column distance and row
  // spacing come from the measured labels, so that no edge label can reach a name:
  // the edge labels lie between the centre's name and the columns, and rows are far
  // enough apart that labels halfway along neighbouring edges clear each other.
  // An edge has a label box only once it has a length: placed once, then measured.
  columns(cy, ids, 300, 60);
  const edges = cy.edges();
  const edgeW = Math.max(0, ...edges.map((e) => labelBox(e).w));
  const edgeH = Math.max(0, ...edges.map((e) => labelBox(e).h));
  const nodes = cy.nodes().not(cy.getElementById(center));
  const nameH = Math.max(0, ...nodes.map((n) => labelBox(n).h));
  const centreW = labelBox(cy.getElementById(center)).w;
  const radius = 17; // the centre node's half size; neighbours are smaller
  const t = EDGE_LABEL_AT;
  const across = Math.max(
    (edgeW / 2 + centreW / 2 + LABEL_GAP) / t, // clear of the centre's name
    (edgeW / 2 + radius + LABEL_GAP) / (1 - t), // clear of the neighbours and their names
    200);
  const row = Math.max(nameH, (edgeH + LABEL_GAP) / t, 2 * radius) + LABEL_GAP;
  columns(cy, ids, across, row);
}

function drawGraph(page) {
  if (state.graph) state.graph.destroy();
  if (typeof cytoscape !== "function") {
    $("graph").textContent = "cytoscape did not load.";
    return;
  }
  const center = page.actor;
  const elements = [{ data: { id: center.id, label: center.name, kind: center.kind },
    classes: "center", position: { x: 0, y: 0 } }];
  page.items.forEach((item, i) => {
    elements.push({ data: { id: item.actor.id, label: item.actor.name, kind: item.actor.kind },
      classes: i % 2 === 0 ? "right" : "left", position: { x: 0, y: 0 } });
    elements.push({ data: { id: `e:${item.actor.id}`, source: center.id, target: item.actor.id,
      label: edgeLabel(item), weight: 1 + Math.min(item.shared_events, 6) } });
  });
  state.graph = cytoscape({
    container: $("graph"),
    elements,
    layout: { name: "preset", padding: 20 },
    maxZoom: 1.5, // a lone node stays node-sized
    wheelSensitivity: 0.3,
    style: [
      { selector: "node", style: { label: "data(label)", "font-size": 16, "text-valign": "center",
        "background-color": "#6b7c93", width: 22, height: 22, "min-zoomed-font-size": 7,
        "text-background-color": "#fff", "text-background-opacity": 0.8 } },
      { selector: "node.right", style: { "text-halign": "right", "text-margin-x": 6 } },
      { selector: "node.left", style: { "text-halign": "left", "text-margin-x": -6 } },
      { selector: "node[kind = 'person']", style: { "background-color": "#2f6db5" } },
      { selector: "node[kind = 'organization']", style: { "background-color": "#b5652f", shape: "round-rectangle" } },
      { selector: "node[kind = 'place']", style: { "background-color": "#3c8c4a", shape: "diamond" } },
      { selector: "node[kind = 'group']", style: { "background-color": "#8a4fb0", shape: "hexagon" } },
      { selector: "node.center", style: { width: 34, height: 34, "font-weight": "bold",
        "text-valign": "bottom", "text-margin-y": 4, "border-width": 3, "border-color": "#222" } },
      { selector: "edge", style: { label: "data(label)", "font-size": 13, width: "data(weight)",
        "line-color": "#b8c2cf", "curve-style": "straight", "text-wrap": "wrap",
        "text-max-width": 220, "min-zoomed-font-size": 6,
        "text-background-color": "#fff", "text-background-opacity": 0.85,
        "text-background-padding": 2, color: "#333" } },
    ],
  });
  placeNeighbours(state.graph, center.id, page.items.map((item) => item.actor.id));
  state.graph.fit(undefined, 20);
  state.graph.on("tap", "node", (e) => {
    const id = e.target.id();
    if (id !== center.id) location.hash = `actor=${encodeURIComponent(id)}`;
  });
}

// --- paths ------------------------------------------------------------------------

async function findPaths(source, target, maxHops) {
  const result = await getJSON(`/paths?${query({ source, target, max_hops: maxHops })}`);
  const box = $("path-results");
  if (!result.paths.length) {
    box.replaceChildren(el("p", { class: "muted" },
      `No path from ${result.source.name} to ${result.target.name} within ${result.max_hops} hops.`));
    return;
  }
  box.replaceChildren(
    el("p", { class: "muted" }, `${result.paths.length} shortest path${result.paths.length === 1 ? "" : "s"} ` +
      `from ${result.source.name} to ${result.target.name}:`),
    ...result.paths.map((path) => {
      const nodes = new Map(path.nodes.map((n) => [n.id, n]));
      const parts = [];
      let at = path.nodes[0];
      parts.push(nodeChip(at));
      for (const edge of path.edges) {
        const forward = edge.source === at.id;
        const next = nodes.get(forward ? edge.target : edge.source);
        // A participation's role is the actor's role in the event.
        const label = edge.type === "PARTICIPATED_IN" ? `as ${edge.role || "participant"}` : edge.type;
        parts.push(el("span", { class: "edge" }, forward ? ` —${label}→ ` : ` ←${label}— `));
        parts.push(nodeChip(next));
        at = next;
      }
      return el("div", { class: "path" }, el("span", { class: "hops" }, `${path.hops} hops`), ...parts);
    }));
}

function nodeChip(node) {
  if (node.label === "Actor") {
    return el("span", { class: "chip actor" }, actorLink({ id: node.id, name: node.name }));
  }
  return el("button", {
    class: "chip ev", title: `${node.id}: open the event`, type: "button",
    "data-event": node.id, onclick: () => guarded(showEvent)(node.id, "path"),
  },
    node.start ? `${when(node)}: ` : "", node.name, el("span", { class: "muted" }, ` (${node.kind})`));
}

// --- wiring -----------------------------------------------------------------------

let actions = 0; // guarded calls started, in order
let failedAt = 0; // which of them last put up an error banner

function guarded(fn) {
  // A failure's banner stays until an action started after it succeeds: one that was
  // already running when it failed says nothing about it.
  return (...args) => {
    const started = ++actions;
    return fn(...args).then((value) => {
      if (failedAt && failedAt < started && $("message").className === "error") say("");
      return value;
    }, (e) => {
      failedAt = started;
      say(e.message, true);
    });
  };
}

function route() {
  const m = /^#actor=(.+)$/.exec(location.hash);
  if (m) guarded(openActor)(decodeURIComponent(m[1]));
}

async function loadSchema() {
  // The filters' choices, from the server's own vocabularies (GET /schema).
  if (state.schema) return;
  const schema = await getJSON("/schema");
  state.schema = schema;
  const form = $("filters");
  const fill = (select, values) => select.append(...values.map((v) => el("option", { value: v }, v)));
  fill(form.type, schema.event_types);
  fill(form.basis, schema.date_bases);
  fill(form.factuality, schema.factualities);
  form.factuality.append(el("option", { value: "all" }, "all"));
  form.factuality.options[0].textContent = `default (${schema.shown_factualities.join(", ")})`;
}

function init() {
  $("search-form").addEventListener("submit", (e) => {
    e.preventDefault();
    guarded(search)($("search-q").value.trim());
  });
  $("filters").addEventListener("submit", (e) => {
    e.preventDefault();
    if (state.actor) {
      hidePanel();
      guarded(loadTimeline)(false);
      guarded(loadRelations)();
    }
  });
  $("timeline-more").addEventListener("click", () => guarded(loadTimeline)(true));
  $("path-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const f = e.currentTarget;
    // names.js turns typed names into ids, or lists the actors a name could be.
    guarded(async () => {
      const ends = await GraphsvcNames.pathEnds(f, $("path-results"), () => f.requestSubmit());
      if (ends) await findPaths(ends[0], ends[1], f.max_hops.value);
    })();
  });
  $("key-form").addEventListener("submit", (e) => {
    e.preventDefault();
    sessionStorage.setItem(KEY, $("key").value);
    say("Key kept for this tab.");
    loadSchema().catch((err) => say(err.message, true));
    route();
  });
  if (sessionStorage.getItem(KEY)) $("key-form").hidden = false;
  // Does this server want a read key? /stats is a read route; 401 shows the key box.
  loadSchema().catch((e) => say(e.message, true));
  window.addEventListener("hashchange", route);
  route();
}

init();
