/* The chart: a time axis by year and month, one lane per kind of main entity,
   each event a mark spanning the days its date means. Past MARK_LIMIT events
   it draws counts per month instead (a click zooms in). */

const MARK_LIMIT = 500;  // more marks than this smear into one another: counts instead
const LABEL_LIMIT = 80;
const DAY = 864e5;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

function dayNum(iso) { return Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY; }

let measurer = null;
function textWidth(text) {
  if (!measurer) {
    measurer = document.createElement("canvas").getContext("2d");
    measurer.font = "12.5px " + getComputedStyle(document.body).fontFamily;
  }
  return measurer.measureText(text).width;
}

/* The days the axis spans: whole years, or whole months when the date filters ask for less than a year. */
function chartDomain(first, last) {
  const from = bound(state.from), to = bound(state.to);
  const lo = from ? from[0] : first;
  const hi = to ? (to[1] < lo ? lo : to[1]) : last;
  if ((!from && !to) || dayNum(hi) - dayNum(lo) > 400) return [`${lo.slice(0, 4)}-01-01`, `${hi.slice(0, 4)}-12-31`];
  return [lo.slice(0, 7) + "-01", bound(hi.slice(0, 7))[1]];
}

/* The dated events by kind of main entity, in one pass, with the first and last day among them. */
function lanesOf(list) {
  const byKind = new Map();
  let first = null, last = null, count = 0;
  for (const ev of list) {
    if (!ev.first) continue;
    count++;
    let lane = byKind.get(ev.k);
    if (!lane) byKind.set(ev.k, (lane = []));
    lane.push(ev);
    const end = ev.last || ev.first;
    if (first === null || ev.first < first) first = ev.first;
    if (last === null || end > last) last = end;
  }
  return { byKind, first, last, count };
}

function renderChart(list) {
  const box = document.getElementById("chart");
  const { byKind, first, last, count } = lanesOf(list);
  box.replaceChildren();
  if (!count) {
    box.append(el("p", { class: "chart-note", text: list.length ? "None of these events has a known year: nothing to draw." : "No events to draw." }));
    return;
  }
  const narrow = box.clientWidth < 640;
  const gutter = narrow ? 0 : 112;
  box.style.setProperty("--gutter", gutter + "px");
  const width = Math.max(120, box.clientWidth - gutter - 2);
  const [lo, hi] = chartDomain(first, last);
  const d0 = dayNum(lo), d1 = dayNum(hi) + 1, scale = width / (d1 - d0);
  const x = (day) => Math.min(width, Math.max(0, (day - d0) * scale));
  box.append(axis(lo, hi, x, scale, width));
  const lanes = el("div", { class: "lanes" });
  const kinds = KINDS.filter((k) => byKind.has(k));
  const yearLines = [];
  for (let y = +lo.slice(0, 4) + 1; y <= +hi.slice(0, 4); y++) yearLines.push(x(dayNum(`${y}-01-01`)));
  const dense = count > MARK_LIMIT;
  const labels = !narrow && count <= LABEL_LIMIT;
  const byMonth = scale * 30 >= 3;
  const counts = dense ? new Map(kinds.map((k) => [k, bucketCounts(byKind.get(k), byMonth)])) : null;
  const maxCount = dense ? Math.max(...[...counts.values()].flatMap((c) => [...c.values()])) : 0;
  for (const kind of kinds) {
    const body = el("div", { class: "lane-body" });
    for (const gx of yearLines) body.append(gridLine(gx));
    const height = dense ? drawDensity(body, counts.get(kind), x, maxCount, kind) : drawMarks(body, byKind.get(kind), x, scale, width, labels);
    body.style.height = height + "px";
    const name = el("div", { class: "lane-name", text: KIND_NAMES[kind] });
    if (narrow) { name.style.position = "static"; name.style.width = "auto"; name.style.textAlign = "left"; }
    lanes.append(el("div", { class: `lane k-${kind}`, "data-kind": kind }, name, body));
  }
  box.append(lanes);
  if (dense) {
    box.append(el("p", { class: "chart-note", text: `${count.toLocaleString("en")} events: the bars count them by ${byMonth ? "month" : "year"}. Click a bar or a year to zoom in; each event is drawn from ${MARK_LIMIT.toLocaleString("en")} down.` }));
  }
  markSelected();
}

function gridLine(left) { const g = el("div", { class: "grid" }); g.style.left = left + "px"; return g; }

function axis(lo, hi, x, scale, width) {
  const bar = el("div", { class: "axis" });
  const y0 = +lo.slice(0, 4), y1 = +hi.slice(0, 4), dlo = dayNum(lo), dhi = dayNum(hi);
  const yearPx = scale * 365;
  const labelEvery = Math.max(1, Math.ceil(44 / yearPx));
  for (let y = y0; y <= y1; y++) {
    const jan = dayNum(`${y}-01-01`);
    const left = jan < dlo ? 0 : x(jan);
    const tick = el("div", { class: "tick yr" });
    tick.style.left = left + "px";
    if (jan < dlo) tick.style.borderLeftColor = "transparent";  // the axis starts inside this year
    if ((y - y0) % labelEvery === 0 && left < width - 20) {
      tick.append(el("button", { class: "tick-label", type: "button", text: String(y), title: `Show ${y} only`, "aria-label": `Show ${y} only`, onclick: () => setFilters({ from: String(y), to: String(y) }) }));
    }
    bar.append(tick);
    if (yearPx < 150) continue;
    for (let m = 2; m <= 12; m++) {
      const day = dayNum(`${y}-${String(m).padStart(2, "0")}-01`);
      if (day <= dlo || day > dhi) continue;
      const t = el("div", { class: "tick" });
      t.style.left = x(day) + "px";
      if (scale * 30 >= 36 && x(day) - left >= 44) t.append(el("span", { class: "tick-label", text: MONTHS[m - 1] }));
      bar.append(t);
    }
  }
  return bar;
}

function drawMarks(body, own, x, scale, width, labels) {
  const rowH = labels ? 24 : 16, maxRows = labels ? 10 : 7;
  const rows = [];
  let used = 1;
  for (const ev of own) {
    const left = x(dayNum(ev.first));
    const right = ev.last ? x(dayNum(ev.last) + 1) : width;
    const isDay = ev.precision === "day";
    const barW = isDay ? 12 : Math.max(8, right - left);
    const start = isDay ? Math.max(0, left + scale / 2 - 6) : left;
    const label = labels ? Math.min(width > 1000 ? 300 : 220, textWidth(ev.summary) + 2) : 0;
    let flip = labels && start + barW + 5 + label > width && start - label - 5 >= 0;
    const extent = flip ? [start - label - 5, start + barW] : [start, start + barW + (labels ? 5 + label : 0)];
    let r = rows.findIndex((end) => end + 6 <= extent[0]);
    if (r < 0) {
      if (rows.length < maxRows) { r = rows.length; rows.push(0); }
      else r = rows.indexOf(Math.min(...rows));
    }
    rows[r] = Math.max(rows[r], extent[1]);
    used = Math.max(used, r + 1);
    const classes = ["mark", `k-${ev.k}`, `p-${ev.precision}`];
    if (ev.status === "planned") classes.push("planned");
    if (ev.inferred) classes.push("inferred");
    const mark = el("button", {
      class: classes.join(" "), type: "button", tabindex: "-1", "data-i": ev.i,
      "aria-label": `${dateText(ev)} ${ev.summary}`, title: `${dateText(ev)}  ${ev.summary}`,
      onclick: () => select(ev.i, { scroll: true }),
    });
    const bar = el("span", { class: "bar" });
    bar.style.width = barW + "px";
    mark.append(bar);
    if (labels) {
      const text = el("span", { class: "lbl", text: ev.summary });
      text.style.maxWidth = Math.max(40, flip ? label : Math.min(label, width - start - barW - 5)) + "px";
      mark.append(text);
    }
    if (flip) { mark.style.flexDirection = "row-reverse"; mark.style.left = extent[0] + "px"; }
    else mark.style.left = start + "px";
    mark.style.top = 4 + r * rowH + "px";
    body.append(mark);
  }
  return used * rowH + 8;
}

function bucketCounts(events, byMonth) {
  const counts = new Map();
  for (const ev of events) {
    const key = byMonth ? ev.first.slice(0, 7) : ev.year;
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  return counts;
}

function drawDensity(body, counts, x, maxCount, kind) {
  const height = 44;
  const part = document.createDocumentFragment();
  for (const [key, n] of counts) {
    const [first, last] = bound(key);
    const left = x(dayNum(first)), right = x(dayNum(last) + 1);
    const bar = el("button", {
      class: "dens", type: "button", tabindex: "-1",
      title: `${key}: ${n} ${KIND_NAMES[kind]} event${n === 1 ? "" : "s"}`, "aria-label": `${key}: ${n} events, show them`,
      onclick: () => setFilters({ from: key, to: key }),
    });
    bar.style.left = left + "px";
    bar.style.width = Math.max(2, right - left - 1) + "px";
    bar.style.height = Math.max(3, Math.round((height - 6) * Math.sqrt(n / maxCount))) + "px";
    part.append(bar);
  }
  body.append(part);
  return height;
}

function markSelected() {
  for (const m of document.querySelectorAll(".mark.sel")) m.classList.remove("sel");
  if (state.event === null) return;
  const mark = document.querySelector(`.mark[data-i="${state.event}"]`);
  if (mark) mark.classList.add("sel");
}

function legend() {
  const box = document.getElementById("legend");
  const kinds = KINDS.filter((k) => EVENTS.some((ev) => ev.k === k));
  const items = kinds.map((k) => el("span", { class: `k-${k}` }, el("i", { class: "key day" }), KIND_NAMES[k]));
  for (const span of items) span.firstChild.style.background = "var(--kc)";
  items.push(el("span", {}, el("i", { class: "key day" }), "a day"));
  items.push(el("span", {}, el("i", { class: "key span" }), "a month, year or range"));
  if (EVENTS.some((ev) => ev.status === "planned")) items.push(el("span", {}, el("i", { class: "key planned" }), "planned"));
  if (EVENTS.some((ev) => ev.inferred)) items.push(el("span", {}, el("i", { class: "key inferred" }), "~ year inferred"));
  box.replaceChildren(...items);
}
