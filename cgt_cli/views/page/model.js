/* The page's data, its search text and its filters. Article text is data: it
   is only ever set as textContent, never parsed as markup. */

performance.mark("cgt-start");
const DATA = JSON.parse(document.getElementById("cgt-data").textContent);
performance.mark("cgt-parsed");
if (DATA.event_fields.join() !== "date,part,resolution,status,kind,summary,trigger,place,entities,main,quotes"
    || DATA.source_fields.join() !== "id,file,title,outlet,published,basis,format") {
  throw new Error("cgt: this page's data has fields its script does not know");
}
const quoteOf = ([src, line, text]) => ({ src, line, text });
const ENTITIES = DATA.entities;
const SOURCES = DATA.sources.map(([id, file, title, outlet, published, basis, format]) => ({ id, file, title, outlet, published, basis, format }));
const FOCUS_QUOTES = (DATA.quotes || []).map(quoteOf);
const KINDS = ["org", "park", "alliance", "person", "place", "policy", "event", "other"];
const KIND_NAMES = {
  org: "organisation", park: "park", alliance: "alliance", person: "person",
  place: "place", policy: "policy", event: "named event", other: "other",
};
const READ_AS = {
  explicit: "the text states the full date",
  anchor: "the year comes from the article's published date",
  context: "the year comes from elsewhere in the same article (a heading, an event's name, another date)",
  unknown: "no text states the year",
};
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/* Search text and queries alike: Traditional → Simplified character by
   character (OpenCC's table, cut to the characters of this page), full-width
   → half-width, Latin lower case. */
const T2S = new Map();
{
  const from = Array.from(DATA.script.from), to = Array.from(DATA.script.to);
  from.forEach((ch, i) => T2S.set(ch, to[i]));
}
const TRADITIONAL = T2S.size ? new RegExp(`[${[...T2S.keys()].join("").replace(/[\]\\^-]/g, "\\$&")}]`, "gu") : null;
function fold(text) {
  let out = text.replace(/[\uff01-\uff5e\u3000]/g, (c) => (c === "\u3000" ? " " : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
  if (TRADITIONAL) out = out.replace(TRADITIONAL, (c) => T2S.get(c));
  return out.toLowerCase();
}

/* The days a date value means, [first, last] (last null for an open start), and its precision. */
function daysOf(date) {
  if (!date || date.startsWith("--") || date === "..") return [null, null];
  const [head, tail] = date.split("/");
  const first = bound(head);
  if (!first) return [null, null];
  if (tail === "..") return [first[0], null];
  const last = tail ? bound(tail) : first;
  return [first[0], last ? last[1] : first[1]];
}
function precisionOf(date) {
  if (!date || date === ".." || date.startsWith("--")) return "unknown";
  if (date.endsWith("/..")) return "open";
  if (date.includes("/")) return "range";
  return { 4: "year", 7: "month", 10: "day" }[date.length] || "unknown";
}

function entityKind(index) { return index == null ? "other" : ENTITIES[index].kind; }


/* Each event as an object with what the page derives from it. Its search
   text (`hay`) is built after the page is up, in idle time (see `indexSearch`). */
const EVENTS = DATA.events.map(([date, part, resolution, status, kind, summary, trigger, place, entities, main, quotes], i) => {
  const [first, last] = daysOf(date);
  const k = entityKind(main);
  return {
    i, date, part, resolution, status, kind, summary, trigger, place, entities, main, first, last,
    quotes,  // [source, line, text] each: objects only when shown (quoteOf)
    srcs: quotes.length === 1 ? [quotes[0][0]] : [...new Set(quotes.map((q) => q[0]))],
    precision: precisionOf(date),
    inferred: resolution === "context",
    read: READ_AS[resolution] || resolution,
    k: KINDS.includes(k) ? k : "other",
    year: first ? first.slice(0, 4) : "year unknown",
    hay: null,
  };
});

const idle = window.requestIdleCallback || ((f) => setTimeout(() => f({ timeRemaining: () => 8 }), 0));
let searchable = 0;  // events[0..searchable) have their search text
function indexSearch(deadline) {
  for (; searchable < EVENTS.length && (!deadline || deadline.timeRemaining() > 2); searchable++) {
    const ev = EVENTS[searchable];
    const names = ev.entities.map((n) => [ENTITIES[n].name, ...ENTITIES[n].aliases].join(" "));
    ev.hay = fold([ev.summary, ev.place || "", names.join(" "), ...ev.quotes.map((q) => q[2])].join("\u0001"));
  }
  if (deadline && searchable < EVENTS.length) idle(indexSearch);
  else document.documentElement.dataset.searchable = "1";  // read by benchmarks/page.py
}
performance.mark("cgt-derived");
ENTITIES.forEach((e) => { e.folded = [e.name, ...e.aliases].map(fold); });
const EVENTS_OF = ENTITIES.map(() => []);
EVENTS.forEach((ev) => ev.entities.forEach((n) => EVENTS_OF[n].push(ev.i)));

/* A date bound typed in a filter: 2020, 2020-09 or 2020-09-25 → [first day, last day]. */
function bound(text) {
  const m = /^\s*(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?\s*$/.exec(text || "");
  if (!m) return null;
  const y = +m[1], mo = m[2] ? +m[2] : null, d = m[3] ? +m[3] : null;
  if ((mo && (mo < 1 || mo > 12)) || (d && (d < 1 || d > 31))) return null;
  const pad = (n) => String(n).padStart(2, "0");
  if (d) return [`${y}-${pad(mo)}-${pad(d)}`, `${y}-${pad(mo)}-${pad(d)}`];
  if (mo) return [`${y}-${pad(mo)}-01`, `${y}-${pad(mo)}-${pad(new Date(Date.UTC(y, mo, 0)).getUTCDate())}`];
  return [`${y}-01-01`, `${y}-12-31`];
}

/* The filter state; the URL fragment keeps it, so a view can be shared. */
const FIELDS = ["q", "kind", "entity", "source", "from", "to"];
const state = { q: "", kind: "", entity: "", source: "", from: "", to: "", event: null, card: null };

function readHash() {
  const params = new URLSearchParams(location.hash.replace(/^#/, ""));
  for (const f of FIELDS) state[f] = params.get(f) || "";
  const ev = params.get("event"), card = params.get("card");
  state.event = ev !== null && EVENTS[+ev] ? +ev : null;
  state.card = card !== null && ENTITIES[+card] ? +card : null;
}

function writeHash() {
  const params = new URLSearchParams();
  for (const f of FIELDS) if (state[f]) params.set(f, state[f]);
  if (state.event !== null) params.set("event", state.event);
  if (state.card !== null) params.set("card", state.card);
  const hash = params.toString();
  const url = location.pathname + location.search + (hash ? "#" + hash : "");
  if (url !== location.pathname + location.search + location.hash) history.replaceState(null, "", url);
}

/* Entities answering to a name typed in the entity filter: name or alias, either script. */
function entitiesNamed(text) {
  const wanted = fold(text.trim());
  const found = new Set();
  if (!wanted) return found;
  ENTITIES.forEach((e, n) => { if (e.folded.includes(wanted)) found.add(n); });
  if (!found.size) ENTITIES.forEach((e, n) => { if (e.folded[0].includes(wanted)) found.add(n); });
  return found;
}

/* Sources answering to the source filter: an article id, or an outlet. */
function sourcesNamed(text) {
  const wanted = text.trim().replace(/^~/, "");
  const found = new Set();
  if (!wanted) return found;
  SOURCES.forEach((s, n) => {
    if (s.id === wanted || s.outlet.replace(/^~/, "") === wanted || s.file === wanted) found.add(n);
  });
  return found;
}

function matching() {
  const terms = fold(state.q).split(/\s+/).filter(Boolean);
  const ents = state.entity ? entitiesNamed(state.entity) : null;
  const srcs = state.source ? sourcesNamed(state.source) : null;
  const from = bound(state.from), to = bound(state.to);
  if (terms.length && searchable < EVENTS.length) indexSearch(null);  // a query before the idle indexing ended
  return EVENTS.filter((ev) => {
    if (state.kind && ev.k !== state.kind) return false;
    if (ents && !ev.entities.some((n) => ents.has(n))) return false;
    if (srcs && !ev.srcs.some((s) => srcs.has(s))) return false;
    if (from && !(ev.first && (ev.last || "9999-12-31") >= from[0])) return false;
    if (to && !(ev.first && ev.first <= to[1])) return false;
    for (const t of terms) if (!ev.hay.includes(t)) return false;
    return true;
  });
}

function citeParts(quote) {
  const s = SOURCES[quote.src];
  return { outlet: s.outlet, published: s.published, title: s.title, where: `${s.file}:${quote.line}`, format: s.format, id: s.id };
}

function dateText(ev) {
  if (!ev.date) return "date unknown";
  let label = ev.date.replace("/..", " onwards").replace("/", " – ");
  const parts = { early: "early", mid: "mid", late: "late", H1: "first half", H2: "second half" };
  if (ev.part) label += ` (${parts[ev.part] || ev.part})`;
  return (ev.inferred ? "~" : "") + label;
}
