// graphsvc page: actors by name. Actor pickers (suggestions from GET /actors?q= as the
// user types, a keyboard-driven listbox), a typed name resolved to its actor (or the
// names it could be listed for the user to choose), and on the actor view why it has its
// kind and its same-as candidates, merged by hand with the API key (POST
// /actors/{id}/merge). Loaded after page.js and uses its helpers (el, $, getJSON, call,
// say, headers); stored text always goes in as text, never as HTML.
"use strict";

const GraphsvcNames = (() => {
  const DEBOUNCE_MS = 200; // a request per pause in typing, not per key
  const SUGGESTIONS = 8;
  let pickers = 0;

  // The API's own name matching (graphsvc/names.py): case-, accent- and
  // punctuation-blind, so "al-assad" is "Al Assad" here as it is in the store.
  function normalise(text) {
    return (text || "").normalize("NFKD").toLowerCase().replace(/\p{M}/gu, "")
      .replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }

  function namesOf(actor) {
    return [actor.name, ...(actor.aliases || [])].map(normalise).filter(Boolean);
  }

  function exactly(actor, wanted) {
    return namesOf(actor).includes(wanted);
  }

  function byWordStarts(actor, wanted) {
    // Every typed word starts a word of one name: "igor serg" is Igor Sergun, while
    // "gun" (inside a word) is too weak to pick an actor on its own.
    const typed = wanted.split(" ");
    return namesOf(actor).some((name) => {
      const words = name.split(" ");
      return typed.every((t) => words.some((w) => w.startsWith(t)));
    });
  }

  function looksLikeId(text) {
    return /^[a-z_]+:\S+$/.test(text);
  }

  async function byId(text) {
    // An id typed or pasted still works; any answer but the actor means "not an id".
    try {
      return await getJSON(`/actors/${encodeURIComponent(text)}`);
    } catch (_) {
      return null;
    }
  }

  // --- resolving what the user typed -----------------------------------------

  class Ambiguous extends Error {
    constructor(text, actors) {
      super(`"${text}" could be ${actors.length} actors: choose one.`);
      this.text = text;
      this.actors = actors;
    }
  }

  async function resolve(input) {
    // The actor an input names: the one picked from its suggestions (while the text is
    // still that pick), an id, the one actor with that exact name or alias, or the one
    // whose names start with the typed words. Several: Ambiguous; none: an Error.
    const text = input.value.trim();
    if (!text) throw new Error(`Give ${input.dataset.label || "an actor"}: type a name.`);
    if (input.dataset.actorId && input.dataset.actorName === input.value) {
      return { id: input.dataset.actorId, name: input.dataset.actorName };
    }
    if (looksLikeId(text)) {
      const actor = await byId(text);
      if (actor) return actor;
    }
    const found = (await getJSON(`/actors?${query({ q: text, limit: 20 })}`)).items;
    const wanted = normalise(text);
    for (const rule of [exactly, byWordStarts]) {
      const matching = found.filter((a) => rule(a, wanted));
      if (matching.length === 1) return matching[0];
      if (matching.length > 1) throw new Ambiguous(text, matching);
    }
    // Only weak matches (inside a word): the user says which, if any, was meant.
    if (found.length) throw new Ambiguous(text, found);
    throw new Error(`No actor's name or alias matches "${text}" (${input.dataset.label || "actor"}).`);
  }

  function pick(input, actor) {
    input.value = actor.name;
    input.dataset.actorId = actor.id;
    input.dataset.actorName = actor.name;
    input.title = actor.id;
  }

  function actorLine(actor) {
    return [el("span", { class: "pick-name" }, actor.name), " ",
      el("span", { class: `kind kind-${actor.kind}` }, actor.kind), " ",
      el("span", { class: "muted pick-id" }, actor.id)];
  }

  function choices(error, input, then) {
    // Which actors a typed name could be, as buttons that pick one and go on.
    return el("div", { class: "name-choices", role: "group", "aria-label": error.message },
      el("p", {}, error.message),
      el("ul", {}, error.actors.map((actor) => el("li", {},
        el("button", { type: "button", class: "choose-actor", "data-actor": actor.id,
          onclick: () => { pick(input, actor); then(); } }, actorLine(actor))))));
  }

  async function pathEnds(form, resultBox, resubmit) {
    // The path form's two actors as ids; on an ambiguous name the choices replace the
    // results and null comes back (the user picks, which submits again).
    const ends = [];
    for (const input of [form.source, form.target]) {
      try {
        const actor = await resolve(input);
        pick(input, actor);
        ends.push(actor.id);
      } catch (error) {
        if (!(error instanceof Ambiguous)) throw error;
        resultBox.replaceChildren(choices(error, input, resubmit));
        return null;
      }
    }
    return ends;
  }

  // --- the picker: suggestions while typing ---------------------------------------

  function attach(input) {
    // An ARIA combobox: the input owns a listbox of suggestions; ArrowDown/ArrowUp move,
    // Enter picks, Escape closes; a click picks too.
    if (input.dataset.picker) return;
    const id = `actor-suggestions-${++pickers}`;
    input.dataset.picker = id;
    const list = el("ul", { id, role: "listbox", class: "suggestions", hidden: true });
    const wrap = el("span", { class: "picker" });
    input.replaceWith(wrap);
    wrap.append(input, list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", id);
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("autocomplete", "off");
    let timer = null;
    let asked = 0;
    let items = [];
    let active = -1;

    const close = () => {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    };
    const highlight = (i) => {
      active = i;
      [...list.children].forEach((li, k) => li.setAttribute("aria-selected", String(k === i)));
      if (i >= 0) input.setAttribute("aria-activedescendant", `${id}-${i}`);
      else input.removeAttribute("aria-activedescendant");
    };
    const choose = (i) => {
      pick(input, items[i]);
      close();
    };
    const show = (found) => {
      items = found;
      list.replaceChildren(...found.map((actor, i) => el("li", {
        id: `${id}-${i}`, role: "option", "aria-selected": "false", "data-actor": actor.id,
        // mousedown, not click: it comes before the input's blur closes the list.
        onmousedown: (e) => { e.preventDefault(); choose(i); },
      }, actorLine(actor))));
      list.hidden = !found.length;
      input.setAttribute("aria-expanded", String(!!found.length));
      highlight(-1);
    };
    const suggest = async () => {
      const text = input.value.trim();
      const mine = ++asked; // answers that come back late are dropped
      if (!text) { show([]); return; }
      let found = [];
      try {
        found = (await getJSON(`/actors?${query({ q: text, limit: SUGGESTIONS })}`)).items;
      } catch (_) {
        found = []; // suggestions are a help: a failure here is told on submit
      }
      if (mine === asked && document.activeElement === input) show(found);
    };

    input.addEventListener("input", () => {
      delete input.dataset.actorId; // the text changed: no longer the pick
      clearTimeout(timer);
      timer = setTimeout(suggest, DEBOUNCE_MS);
    });
    input.addEventListener("keydown", (e) => {
      if (list.hidden || !items.length) return;
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        const last = items.length - 1;
        if (e.key === "ArrowDown") highlight(active >= last ? 0 : active + 1);
        else highlight(active <= 0 ? last : active - 1);
      } else if (e.key === "Enter" && active >= 0) {
        e.preventDefault(); // picks; a second Enter submits the form
        choose(active);
      } else if (e.key === "Escape") {
        e.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", () => setTimeout(close, 0));
  }

  // --- the actor view: the kind's evidence and same-as candidates -------------------

  function section() {
    let box = document.getElementById("actor-names");
    if (!box) {
      box = el("div", { id: "actor-names" });
      document.getElementById("actor-meta").after(box);
    }
    return box;
  }

  function kindLine(actor) {
    // Why the actor is a person, a place…: what the loader saw ("title: President",
    // "legal form: LLC"); records loaded with the kind given carry none.
    return el("p", { id: "kind-evidence", class: "muted" },
      `Kind ${actor.kind}: `,
      actor.kind_evidence ? el("q", {}, actor.kind_evidence)
        : "no evidence kept (the kind was given with the actor, or decided before evidence was recorded)");
  }

  function hasKey() {
    return Object.keys(headers()).length > 0;
  }

  async function merge(from, into) {
    const answer = await call(`/actors/${encodeURIComponent(from.id)}/merge`, {
      method: "POST",
      headers: { ...headers(), "Content-Type": "application/json" },
      body: JSON.stringify({ into: into.id }),
    });
    const merged = await answer.json();
    // The page moves to the actor that remains (pushState: no second load by the
    // hashchange), and says what happened once it is shown.
    history.pushState(null, "", `#actor=${encodeURIComponent(merged.id)}`);
    await openActor(merged.id);
    say(`Merged ${from.name} (${from.id}) into ${merged.name} (${merged.id}).`);
  }

  function mergeControls(actor, candidate) {
    // Two directions, each asked for in words and confirmed before anything is sent:
    // the actor merged into keeps its name and kind, the other's id redirects to it.
    const box = el("span", { class: "merge" });
    const ask = (from, into) => {
      box.replaceChildren(
        el("span", { class: "confirm-text" },
          `Merge ${from.name} (${from.id}) into ${into.name} (${into.id})? `,
          `${into.name} keeps its name and kind; ${from.id} will redirect to it. This cannot be undone.`),
        " ",
        el("button", { type: "button", class: "confirm-merge",
          onclick: () => guarded(merge)(from, into) }, "Merge"),
        " ",
        el("button", { type: "button", class: "cancel-merge", onclick: () => fill() }, "Cancel"));
    };
    const fill = () => box.replaceChildren(
      el("button", { type: "button", class: "merge-here",
        onclick: () => ask(candidate, actor) }, `Merge ${candidate.name} into ${actor.name}…`),
      " ",
      el("button", { type: "button", class: "merge-there",
        onclick: () => ask(actor, candidate) }, `Merge ${actor.name} into ${candidate.name}…`));
    fill();
    return box;
  }

  function askForKey() {
    const form = document.getElementById("key-form");
    form.hidden = false;
    document.getElementById("key").placeholder = "API key";
    document.getElementById("key").focus();
  }

  function candidates(actor) {
    const found = actor.same_as_candidates || [];
    const box = el("div", { id: "same-as" }, el("h3", {}, `May be the same as (${found.length})`));
    if (!found.length) {
      box.append(el("p", { class: "muted" }, "No other actor is recorded as possibly this one."));
      return box;
    }
    const key = hasKey();
    box.append(el("ul", { class: "same-as" }, found.map((c) => el("li", { "data-actor": c.id },
      actorLink(c), " ", el("span", { class: `kind kind-${c.kind}` }, c.kind), " ",
      el("span", { class: "muted" }, c.id, " · ", c.reason), " ",
      key ? mergeControls(actor, c) : null))));
    if (!key) {
      box.append(el("p", { class: "muted key-needed" },
        "Merging needs the API key: ",
        el("button", { type: "button", class: "give-key", onclick: askForKey }, "Give the API key"),
        " (kept in this tab only, sent as X-API-Key)."));
    }
    return box;
  }

  function showActor(actor) {
    section().replaceChildren(kindLine(actor), candidates(actor));
  }

  document.addEventListener("actor-shown", (e) => {
    const actor = e.detail;
    const source = document.querySelector("#path-form input[name=source]");
    if (source && !source.value) pick(source, actor);
    showActor(actor);
  });

  function init() {
    document.querySelectorAll("#path-form input[name=source], #path-form input[name=target]")
      .forEach((input) => {
        input.dataset.label = input.name === "source" ? "the From actor" : "the To actor";
        input.placeholder = input.name === "source" ? "a name, e.g. Sergun" : "a name, e.g. Assad";
        attach(input);
      });
    document.querySelectorAll("input[data-actor-picker]").forEach(attach);
  }

  init();
  return { attach, pick, resolve, pathEnds, showActor, Ambiguous };
})();
