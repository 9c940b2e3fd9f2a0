// graphsvc page, documents: the list of stored documents (#documents, GET /documents)
// and one document with what was extracted from it (#document=ID, GET /documents/{id}),
// reached from every event source's document link. Uses page.js's helpers (el, $,
// getJSON, query, when, actorLink, marked, guarded, say); read routes only.
"use strict";

const DOCUMENTS_PAGE = 50;
const documentsState = { cursor: null };

const BASIS_WORDS = { text: "stated in the text", context: "carried from earlier text",
  publication: "inferred from the publication date" };

function documentLink(id, text) {
  return el("a", { href: `#document=${encodeURIComponent(id)}`, class: "document-link",
    title: `Open document ${id}` }, text || id);
}

async function listDocuments(more) {
  say("");
  const form = $("documents-filter");
  if (!more) documentsState.cursor = null;
  const page = await getJSON(`/documents?${query({
    since: form.since.value.trim(), until: form.until.value.trim(), q: form.q.value.trim(),
    limit: DOCUMENTS_PAGE, cursor: more ? documentsState.cursor : null,
  })}`);
  const body = $("documents-table").querySelector("tbody");
  const rows = page.items.map((d) => el("tr", { "data-document": d.id },
    el("td", { class: "date" }, d.published || "undated"),
    el("td", {}, documentLink(d.id, d.title || "(untitled)")),
    el("td", { class: "num" }, String(d.events)),
    el("td", { class: "muted doc-id" }, d.id)));
  if (more) body.append(...rows); else body.replaceChildren(...rows);
  documentsState.cursor = page.next_cursor;
  $("documents-more").hidden = !page.next_cursor;
  const shown = body.children.length;
  $("documents-count").textContent = page.count
    ? `${shown} of ${page.count} document${page.count === 1 ? "" : "s"}, newest first`
    : "No document matches.";
}

function participantBasis(p) {
  if (p.basis === "stated") return null;
  return el("span", { class: "link-basis" },
    p.mention ? `${p.basis} from “${p.mention}”` : p.basis);
}

function documentEvent(event, documentId) {
  // The event with this document's sentences (trigger and date words marked) and a
  // note of the other documents that also report it.
  const mine = event.sources.filter((s) => s.document === documentId);
  const others = [...new Set(event.sources.map((s) => s.document))]
    .filter((id) => id !== documentId);
  const sentences = mine.map((s) => {
    const ranges = [];
    if (s.trigger_start != null && s.char_start != null) {
      ranges.push({ start: s.trigger_start - s.char_start, end: s.trigger_end - s.char_start,
        cls: "trigger", title: "trigger" });
    }
    if (event.date_text) {
      const at = s.sentence.toLowerCase().indexOf(event.date_text.toLowerCase());
      if (at >= 0) ranges.push({ start: at, end: at + event.date_text.length,
        cls: "date-text", title: "date expression" });
    }
    return el("blockquote", { class: "sentence" }, marked(s.sentence, ranges));
  });
  return el("li", { "data-event": event.id, class: "doc-event" },
    el("div", { class: "event" },
      el("span", { class: "date" }, when(event)),
      event.precision ? el("span", { class: "precision" }, event.precision) : null,
      el("span", { class: "type" }, event.type),
      el("span", { class: "summary" }, event.summary)),
    el("div", { class: "muted basis" },
      event.date_basis ? `date ${BASIS_WORDS[event.date_basis] || event.date_basis}` : "undated",
      event.date_text ? ` (“${event.date_text}”)` : "",
      event.factuality !== "asserted" ? ` · ${event.factuality}` : ""),
    el("div", { class: "doc-participants" }, event.participants.map((p) => el("span",
      { class: "participant" }, actorLink(p), " ", el("span", { class: "role" }, p.role),
      participantBasis(p)))),
    sentences,
    others.length ? el("div", { class: "muted" }, "also reported in ",
      others.flatMap((id, i) => [i ? ", " : "", documentLink(id)])) : null);
}

async function openDocument(id) {
  say("");
  const detail = await getJSON(`/documents/${encodeURIComponent(id)}`);
  const doc = detail.document;
  const safe = doc.url && /^https?:\/\//i.test(doc.url);
  $("document-title").textContent = doc.title || "(untitled)";
  $("document-meta").replaceChildren(
    doc.published ? `published ${doc.published}` : "undated",
    doc.source ? ` · ${doc.source}` : "",
    " · ", el("span", { class: "doc-id" }, doc.id),
    safe ? [" · ", el("a", { href: doc.url, rel: "noopener noreferrer", target: "_blank" },
      "original")] : "");
  $("document-counts").textContent = `${detail.events.length} events, `
    + `${detail.relations.length} relations, ${detail.actors.length} actors`;
  $("document-events").replaceChildren(...detail.events.map((e) => documentEvent(e, doc.id)));
  $("document-relations").querySelector("tbody").replaceChildren(...detail.relations.map((r) =>
    el("tr", {},
      el("td", {}, actorLink(r.source_actor)),
      el("td", {}, r.type.toLowerCase().replace(/_/g, " "),
        r.role ? el("span", { class: "muted" }, ` (${r.role})`) : "",
        r.current === false ? " (former)" : ""),
      el("td", {}, actorLink(r.target_actor)),
      el("td", {}, r.basis || ""),
      el("td", {}, r.sentence ? el("q", {}, r.sentence) : ""))));
  $("document-relations").hidden = !detail.relations.length;
  $("document-actors").replaceChildren(...detail.actors.map((a) => el("li", {},
    actorLink(a), " ", el("span", { class: `kind kind-${a.kind}` }, a.kind),
    el("span", { class: "muted" },
      ` · ${a.events} event${a.events === 1 ? "" : "s"}`,
      a.relations ? `, ${a.relations} relation${a.relations === 1 ? "" : "s"}` : ""))));
}

function documentsRoute() {
  const hash = location.hash;
  const one = /^#document=(.+)$/.exec(hash);
  const list = hash === "#documents";
  $("documents-list").hidden = !list;
  $("document").hidden = !one;
  if (!one && !list) return;
  $("actor").hidden = true;
  $("search-results").hidden = true;
  if (one) guarded(openDocument)(decodeURIComponent(one[1]));
  else guarded(listDocuments)(false);
}

function initDocuments() {
  $("documents-filter").addEventListener("submit", (e) => {
    e.preventDefault();
    guarded(listDocuments)(false);
  });
  $("documents-more").addEventListener("click", () => guarded(listDocuments)(true));
  $("search-form").addEventListener("submit", () => {
    $("documents-list").hidden = true;
    $("document").hidden = true;
  });
  window.addEventListener("hashchange", documentsRoute);
  documentsRoute();
}

initDocuments();
