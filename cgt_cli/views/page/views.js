/* The list of events (rendered CHUNK rows at a time, more as it scrolls into
   view), the selected event's detail, and the entity cards. */

const CHUNK = 150;
let shown = [];  // the events that pass the filters, in timeline order
let rendered = 0;
let lastYear = null;
let cursor = null;  // the event the keyboard is on
const narrowQuery = window.matchMedia("(max-width: 1099px)");

function renderList(list) {
  shown = list;
  rendered = 0;
  lastYear = null;
  const box = document.getElementById("list");
  box.replaceChildren();
  if (!list.length) box.append(el("li", { class: "empty", role: "presentation", text: "No event matches these filters." }));
  renderMore();
}

function renderMore() {
  const box = document.getElementById("list");
  const until = Math.min(shown.length, rendered + CHUNK);
  const part = document.createDocumentFragment();
  for (; rendered < until; rendered++) {
    const ev = shown[rendered];
    if (ev.year !== lastYear) {
      const count = yearCounts().get(ev.year);
      part.append(el("li", { class: "year", role: "presentation" }, ev.year, el("small", { text: `${count} event${count === 1 ? "" : "s"}` })));
      lastYear = ev.year;
    }
    part.append(row(ev));
  }
  box.append(part);
  const more = document.getElementById("more");
  more.textContent = rendered < shown.length ? `Showing ${rendered.toLocaleString("en")} of ${shown.length.toLocaleString("en")}; scroll for more.` : "";
  placeDetail();
}

let countsFor = null, counts = null;
function yearCounts() {
  if (countsFor !== shown) {
    counts = new Map();
    for (const ev of shown) counts.set(ev.year, (counts.get(ev.year) || 0) + 1);
    countsFor = shown;
  }
  return counts;
}

function row(ev) {
  const when = el("span", { class: "when" });
  if (ev.inferred) when.append(el("span", { class: "tilde", title: "year taken from elsewhere in the same article", text: "~" }));
  when.append(dateText(ev).replace(/^~/, ""));
  const what = el("span", { class: "what", text: ev.summary });
  if (ev.status === "planned") what.append(el("span", { class: "chip planned", text: "planned" }));
  if (ev.kind === "fact") what.append(el("span", { class: "chip fact", text: "fact" }));
  const meta = el("span", { class: "meta" });
  if (ev.place) meta.append(el("span", { class: "where", text: "@ " + ev.place }), "  ·  ");
  meta.append(ev.srcs.map((n) => `${SOURCES[n].outlet} ${SOURCES[n].published}`).join("; "));
  const li = el("li", {
    class: `ev k-${ev.k}`, role: "option", id: `ev-${ev.i}`, "data-i": ev.i,
    "aria-selected": String(state.event === ev.i),
  }, when, what, meta);
  if (state.event === ev.i) li.classList.add("sel");
  li.addEventListener("click", (e) => { if (!e.target.closest(".detail")) select(ev.i, { focusList: true }); });
  return li;
}

/* Select an event: mark it in the list and the chart, show its detail. */
function select(i, opts = {}) {
  state.event = i;
  cursor = i;
  writeHash();
  for (const node of document.querySelectorAll(".ev.sel")) { node.classList.remove("sel"); node.setAttribute("aria-selected", "false"); }
  const pos = shown.findIndex((ev) => ev.i === i);
  while (pos >= rendered && rendered < shown.length) renderMore();
  const li = document.getElementById(`ev-${i}`);
  if (li) { li.classList.add("sel"); li.setAttribute("aria-selected", "true"); }
  moveCursor(i);
  renderDetail();
  markSelected();
  if (li && opts.scroll) li.scrollIntoView({ block: "nearest" });
  if (opts.focusList) document.getElementById("list").focus({ preventScroll: true });
}

function moveCursor(i) {
  for (const node of document.querySelectorAll(".ev.cursor")) node.classList.remove("cursor");
  cursor = i;
  const li = document.getElementById(`ev-${i}`);
  if (li) li.classList.add("cursor");
  document.getElementById("list").setAttribute("aria-activedescendant", li ? li.id : "");
}

function onListKey(e) {
  if (!shown.length) return;
  const pos = shown.findIndex((ev) => ev.i === cursor);
  let next = null;
  if (e.key === "ArrowDown") next = pos < 0 ? 0 : Math.min(shown.length - 1, pos + 1);
  else if (e.key === "ArrowUp") next = pos < 0 ? 0 : Math.max(0, pos - 1);
  else if (e.key === "PageDown") next = Math.min(shown.length - 1, Math.max(0, pos) + 10);
  else if (e.key === "PageUp") next = Math.max(0, pos - 10);
  else if (e.key === "Home") next = 0;
  else if (e.key === "End") next = shown.length - 1;
  else if (e.key === "Enter" || e.key === " ") { if (pos >= 0) { e.preventDefault(); select(shown[pos].i); } return; }
  else return;
  e.preventDefault();
  select(shown[next].i, { scroll: true });
}

function renderDetail() {
  const box = document.getElementById("detail");
  box.replaceChildren();
  const ev = state.event === null ? null : EVENTS[state.event];
  if (!ev) {
    box.append(el("p", { class: "hint", text: "Select an event (click it, or use ↑ ↓ in the list) to read what each source says." }));
    placeDetail();
    return;
  }
  box.className = `detail k-${ev.k}`;
  box.append(el("div", { class: "d-date", text: dateText(ev) }));
  box.append(el("h2", { class: "d-summary", lang: "zh", text: ev.summary }));
  const facts = el("dl", { class: "facts" });
  const add = (label, ...value) => facts.append(el("dt", { text: label }), el("dd", {}, ...value));
  add("Date", `${dateText(ev)} · ${ev.precision}${ev.part ? " · " + ev.part : ""}`);
  add("Read as", ev.read);
  if (ev.status) add("Status", ev.status);
  if (ev.kind === "fact") add("Kind", "a dated statement of status (fact), not an event");
  if (ev.place) add("Where", el("span", { lang: "zh", text: ev.place }));
  if (ev.trigger) add("Event verb", el("span", { lang: "zh", text: ev.trigger }));
  box.append(facts);
  box.append(el("h3", { class: "sub", text: ev.quotes.length === 1 ? "The source says" : `${ev.quotes.length} sources say` }));
  for (const q of ev.quotes) box.append(quoteBlock(quoteOf(q)));
  if (ev.entities.length) {
    box.append(el("h3", { class: "sub", text: "Named in it (open a card)" }));
    box.append(el("div", { class: "ents" }, ...ev.entities.map(entityButton)));
  }
  placeDetail();
}

function quoteBlock(q) {
  const c = citeParts(q);
  const cite = el("p", { class: "cite" }, c.outlet, " · ", c.published, " · ");
  cite.append(el("span", { lang: "zh", text: c.title ? `《${c.title}》` : "(no title)" }), " · ", el("code", { text: c.where }));
  if (c.format === "html") cite.append(el("span", { class: "via", text: " (text extracted from a saved web page)" }));
  return el("blockquote", { class: "quote" }, el("p", { lang: "zh", text: `“${q.text}”` }), cite);
}

/* On a narrow screen the detail opens under its event; on a wide one it sits beside the list. */
function placeDetail() {
  const box = document.getElementById("detail");
  const li = state.event === null ? null : document.getElementById(`ev-${state.event}`);
  if (narrowQuery.matches && li) { if (box.parentNode !== li) li.append(box); }
  else if (box.parentNode !== document.getElementById("detail-col")) document.getElementById("detail-col").append(box);
  box.hidden = narrowQuery.matches && !li;
}

function entityButton(n) {
  const e = ENTITIES[n];
  return el("button", { class: `ent k-${e.kind}`, type: "button", lang: "zh", title: `${KIND_NAMES[e.kind] || e.kind}: open its card`, onclick: () => openCard(n) },
    e.name, el("span", { class: "k", lang: "en", text: e.kind }));
}

/* An entity's card: kind, aliases, where, roles, events, related entities. */
function cardContent(n, asDialog) {
  const e = ENTITIES[n];
  const parts = [];
  const head = el("div", { class: "card-head" },
    el("h2", { id: asDialog ? "card-name" : "focus-name", lang: "zh" }, e.name, el("span", { class: "kind", lang: "en", text: KIND_NAMES[e.kind] || e.kind })));
  if (asDialog) head.append(el("button", { class: "close", type: "button", "aria-label": "Close the card", text: "×", onclick: closeCard }));
  parts.push(head);
  let seen = `${e.mentions} mention${e.mentions === 1 ? "" : "s"} in ${e.articles} article${e.articles === 1 ? "" : "s"}`;
  if (e.first_seen) seen += `, published ${e.first_seen}` + (e.last_seen !== e.first_seen ? ` to ${e.last_seen}` : "");
  parts.push(el("p", { class: "seen", text: seen }));
  const facts = el("dl", { class: "facts" });
  if (e.aliases.length) facts.append(el("dt", { text: "Also" }), el("dd", { lang: "zh", text: e.aliases.join("、") }));
  if (e.places.length) facts.append(el("dt", { text: "Where" }), el("dd", { lang: "zh", text: e.places.join("、") }));
  if (e.scope) facts.append(el("dt", { text: "Scope" }), el("dd", { text: `a generic name, linked only inside ${e.scope}` }));
  if (facts.childNodes.length) parts.push(facts);
  if (e.roles.length) parts.push(el("h3", { class: "sub", text: "Roles" }), rolesTable(e.roles));
  const events = EVENTS_OF[n];
  if (events.length) {
    parts.push(el("h3", { class: "sub", text: `Events on this page (${events.length})` }));
    parts.push(el("ul", { class: "card-events" }, ...events.slice(0, 200).map((i) => el("li", {},
      el("button", { type: "button", onclick: () => { closeCard(); reveal(i); } },
        el("span", { class: "when", text: dateText(EVENTS[i]) }), el("span", { lang: "zh", text: EVENTS[i].summary }))))));
  }
  if (e.related.length) {
    parts.push(el("h3", { class: "sub", text: "Related (named in the same sentences)" }));
    parts.push(el("div", {}, ...e.related.map(([m, name, kind, count]) => {
      const chip = m === null ? el("span", { class: `ent k-${kind}`, lang: "zh" }, name) : entityButton(m);
      chip.append(el("span", { class: "k", lang: "en", text: ` ×${count}` }));
      return chip;
    })));
  }
  if (n === DATA.focus && FOCUS_QUOTES.length) {
    parts.push(el("h3", { class: "sub", text: `Quotes (${FOCUS_QUOTES.length})` }));
    for (const q of FOCUS_QUOTES) parts.push(quoteBlock(q));
  }
  if (events.length && (asDialog || n !== DATA.focus)) {
    parts.push(el("div", { class: "actions" }, el("button", { class: "btn", type: "button", text: "Only events naming it",
      onclick: () => { closeCard(); setFilters({ entity: e.name }); } })));
  }
  return parts;
}

function rolesTable(roles) {
  const body = el("tbody");
  for (const r of roles) {
    const s = SOURCES[r.src];
    body.append(el("tr", {},
      el("td", { lang: "zh", text: r.person }),
      el("td", { lang: "zh", text: r.title + (r.conflict ? " ⚠ differs" : "") }),
      el("td", { lang: "zh", text: r.organisation || "?" }),
      el("td", {}, `${s.outlet} · ${s.published} · `, el("code", { text: `${s.file}:${r.line}` }))));
  }
  return el("table", { class: "roles" }, el("thead", {}, el("tr", {}, ...["person", "title", "organisation", "source"].map((h) => el("th", { text: h })))), body);
}

function openCard(n) {
  const dialog = document.getElementById("card");
  dialog.className = `card k-${ENTITIES[n].kind}`;
  dialog.replaceChildren(el("div", { class: "card-in" }, ...cardContent(n, true)));
  state.card = n;
  writeHash();
  if (!dialog.open) dialog.showModal();
  dialog.querySelector(".close").focus();
}

function closeCard() {
  const dialog = document.getElementById("card");
  if (dialog.open) dialog.close();
}

/* Show an event even when the filters hide it. */
function reveal(i) {
  if (!shown.includes(EVENTS[i])) setFilters({ q: "", kind: "", entity: "", source: "", from: "", to: "" });
  select(i, { scroll: true, focusList: true });
}
