/* Wiring: the filters, the URL fragment, the list's keyboard, resizing. */

const inputs = {
  q: document.getElementById("f-q"), kind: document.getElementById("f-kind"), entity: document.getElementById("f-entity"),
  source: document.getElementById("f-source"), from: document.getElementById("f-from"), to: document.getElementById("f-to"),
};

function apply() {
  const started = performance.now();
  const list = matching();
  renderList(list);
  renderChart(list);
  if (state.event !== null && !list.includes(EVENTS[state.event])) state.event = null;
  renderDetail();
  if (state.event !== null) select(state.event);
  status(list);
  writeHash();
  window.cgtLastFilterMs = performance.now() - started;
}

function status(list) {
  const box = document.getElementById("status");
  const active = FIELDS.filter((f) => state[f]);
  box.replaceChildren();
  const total = EVENTS.length;
  box.append(el("b", { text: list.length.toLocaleString("en") }), ` of ${total.toLocaleString("en")} event${total === 1 ? "" : "s"}`);
  if (active.length) {
    box.append(" · filtered by ", active.map((f) => `${f === "q" ? "text" : f} “${state[f]}”`).join(", "));
  }
  for (const f of ["from", "to"]) {
    if (state[f] && !bound(state[f])) box.append(el("span", { class: "chip inferred", text: `${f}: use 2020, 2020-09 or 2020-09-25` }));
  }
}

function setFilters(values) {
  Object.assign(state, values);
  for (const f of FIELDS) if (inputs[f].value !== state[f]) inputs[f].value = state[f];
  apply();
}

function fillChoices() {
  const kinds = KINDS.filter((k) => EVENTS.some((ev) => ev.k === k));
  inputs.kind.append(...kinds.map((k) => el("option", { value: k, text: KIND_NAMES[k] })));
  let filled = false;
  const fill = () => {  // on first use: a corpus can name thousands
    if (filled) return;
    filled = true;
    const names = [...new Set(EVENTS.flatMap((ev) => ev.entities))].map((n) => ENTITIES[n].name).sort();
    document.getElementById("dl-entity").append(...names.map((name) => el("option", { value: name })));
    const outlets = [...new Set(SOURCES.map((s) => s.outlet.replace(/^~/, "")))].sort();
    document.getElementById("dl-source").append(...outlets.concat(SOURCES.map((s) => s.id)).map((v) => el("option", { value: v })));
  };
  inputs.entity.addEventListener("focus", fill);
  inputs.source.addEventListener("focus", fill);
}

function header() {
  const title = DATA.title;
  document.getElementById("title").textContent = title;
  const dated = EVENTS.filter((ev) => ev.first);
  const first = dated.length ? dated[0].first.slice(0, 4) : "";
  const last = dated.reduce((m, ev) => ((ev.last || ev.first) > m ? ev.last || ev.first : m), "").slice(0, 4);
  const years = first === last ? first : `${first}–${last}`;
  const sources = SOURCES.length;
  document.getElementById("summary").textContent =
    `${EVENTS.length.toLocaleString("en")} event${EVENTS.length === 1 ? "" : "s"} from ${sources.toLocaleString("en")} article${sources === 1 ? "" : "s"}` + (years ? ` · ${years}` : "");
  const made = document.getElementById("made");
  made.append("Made by ", el("code", { text: DATA.command }), ". Every event cites the sentence it was read from: outlet, published date, title and file:line. This page works offline and loads nothing from the network.");
  if (DATA.focus !== null) {
    const focus = document.getElementById("focus");
    focus.className = `focus k-${ENTITIES[DATA.focus].kind}`;
    focus.replaceChildren(...cardContent(DATA.focus, false));
    focus.hidden = false;
    document.querySelector(".eyebrow").textContent = `cgt · ${KIND_NAMES[ENTITIES[DATA.focus].kind] || "entity"} card and its timeline`;
  }
}

function stickyOffset() {
  const filters = document.getElementById("filters");
  const sticky = getComputedStyle(filters).position === "sticky" ? filters.offsetHeight : 0;
  document.documentElement.style.setProperty("--sticky", sticky + "px");
}

function init() {
  header();
  legend();
  fillChoices();
  readHash();
  for (const f of FIELDS) inputs[f].value = state[f];
  let timer = null;
  for (const f of FIELDS) {
    inputs[f].addEventListener("input", () => {
      state[f] = inputs[f].value;
      clearTimeout(timer);
      timer = setTimeout(apply, f === "q" ? 60 : 0);
    });
  }
  document.getElementById("filters").addEventListener("submit", (e) => e.preventDefault());
  document.getElementById("f-reset").addEventListener("click", () => setFilters({ q: "", kind: "", entity: "", source: "", from: "", to: "" }));
  const list = document.getElementById("list");
  document.querySelector(".skip").addEventListener("click", (e) => { e.preventDefault(); list.focus(); });
  list.addEventListener("keydown", onListKey);
  list.addEventListener("focus", () => { if (cursor === null && shown.length) moveCursor(shown[0].i); });
  new IntersectionObserver((seen) => { if (seen.some((s) => s.isIntersecting) && rendered < shown.length) renderMore(); }, { rootMargin: "600px" })
    .observe(document.getElementById("more"));
  document.getElementById("card").addEventListener("close", () => { state.card = null; writeHash(); });
  window.addEventListener("hashchange", () => {
    readHash();
    for (const f of FIELDS) inputs[f].value = state[f];
    apply();
    if (state.card !== null) openCard(state.card);
  });
  let width = window.innerWidth;
  window.addEventListener("resize", () => {
    if (window.innerWidth === width) return;
    width = window.innerWidth;
    clearTimeout(timer);
    timer = setTimeout(() => { stickyOffset(); renderChart(shown); placeDetail(); }, 100);
  });
  narrowQuery.addEventListener("change", placeDetail);
  stickyOffset();
  apply();
  if (state.card !== null) openCard(state.card);
  document.documentElement.dataset.ready = "1";
  window.cgtReadyMs = performance.now();  // read by benchmarks/page.py
  window.cgtSetFilters = setFilters;
  idle(indexSearch);
}

init();
