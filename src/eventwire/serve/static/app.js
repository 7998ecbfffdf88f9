// eventwire dashboard: plain JavaScript against the REST API (GET /events, /events/{id},
// /trends, /places, /network, /stories, /alerts, /actors, /health).
//
// Safety rule: article text (sentences, quotes, actor words, titles) only ever reaches the page
// as DOM text nodes (textContent / createTextNode), never through innerHTML, so a document that
// contains markup shows it literally and no script in it can run.
"use strict";

(function () {
  const POLL_MS = 5000;
  const PAGE = 50;
  const QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
  };
  const QUAD_COLOURS = { 1: "#7cc4ac", 2: "#1b9e77", 3: "#f2a541", 4: "#d7263d" };
  // CAMEO root names (CAMEO 1.1b3), for the filter's labels only.
  const ROOTS = [
    "make public statement", "appeal", "express intent to cooperate", "consult",
    "engage in diplomatic cooperation", "engage in material cooperation", "provide aid", "yield",
    "investigate", "demand", "disapprove", "reject", "threaten", "protest",
    "exhibit force posture", "reduce relations", "coerce", "assault", "fight",
    "use unconventional mass violence",
  ];
  const PLOVER = [
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
  ];
  const FILTER_KEYS = ["actor", "country", "dyad", "root", "plover", "quad", "since", "until", "q"];

  const state = {
    filters: {},
    next: null,
    items: [],
    seen: new Set(),
    selected: null,
    chart: null,
    map: null,
    markers: null,
    polling: null,
    firstLoad: true,
  };

  // ---------------------------------------------------------------- DOM helpers

  /** Build an element; string/number children become text nodes (never parsed as HTML). */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") el.className = value;
      else if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
      else el.setAttribute(key, value === true ? "" : String(value));
    }
    append(el, children);
    return el;
  }

  function append(el, children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      el.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return el;
  }

  function svg(tag, attrs, ...children) {
    const el = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined) continue;
      if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
      else el.setAttribute(key, String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined) continue;
      el.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return el;
  }

  const $ = (id) => document.getElementById(id);

  async function getJSON(path) {
    const response = await fetch(path, { headers: { Accept: "application/json" } });
    let body = null;
    try {
      body = await response.json();
    } catch (err) {
      body = null;
    }
    if (!response.ok) {
      const message = body && body.error ? body.error.message : response.statusText;
      const error = new Error(message || `HTTP ${response.status}`);
      error.status = response.status;
      throw error;
    }
    return body;
  }

  function query(params) {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) {
      if (value !== null && value !== undefined && value !== "") search.set(key, value);
    }
    const text = search.toString();
    return text ? `?${text}` : "";
  }

  function fmtNumber(value, digits) {
    if (value === null || value === undefined || Number.isNaN(Number(value))) return "–";
    const n = Number(value);
    return (n > 0 ? "+" : "") + n.toFixed(digits === undefined ? 1 : digits);
  }

  function eventDay(event) {
    return event.event_date || event.published || "";
  }

  // ---------------------------------------------------------------- filters and URL

  function readFiltersFromURL() {
    const params = new URLSearchParams(window.location.search);
    const filters = {};
    for (const key of FILTER_KEYS) {
      if (params.get(key)) filters[key] = params.get(key);
    }
    return filters;
  }

  function fillFilterForm(filters) {
    const form = $("filters");
    for (const key of FILTER_KEYS) {
      if (form.elements[key]) form.elements[key].value = filters[key] || "";
    }
  }

  function writeURL() {
    const params = new URLSearchParams(window.location.search);
    for (const key of FILTER_KEYS) params.delete(key);
    for (const [key, value] of Object.entries(state.filters)) params.set(key, value);
    const text = params.toString();
    history.replaceState(null, "", text ? `?${text}` : window.location.pathname);
  }

  function setupFilters() {
    const rootSelect = $("f-root");
    ROOTS.forEach((name, i) => {
      const code = String(i + 1).padStart(2, "0");
      rootSelect.appendChild(h("option", { value: code }, `${code} ${name}`));
    });
    const ploverSelect = $("f-plover");
    PLOVER.forEach((name) => ploverSelect.appendChild(h("option", { value: name }, name)));

    state.filters = readFiltersFromURL();
    fillFilterForm(state.filters);
    const form = $("filters");
    form.addEventListener("submit", (evt) => {
      evt.preventDefault();
      const filters = {};
      for (const key of FILTER_KEYS) {
        const value = (form.elements[key].value || "").trim();
        if (value) filters[key] = value;
      }
      applyFilters(filters);
    });
    form.addEventListener("reset", (evt) => {
      evt.preventDefault();
      fillFilterForm({});
      applyFilters({});
    });
  }

  function applyFilters(filters) {
    state.filters = filters;
    fillFilterForm(filters);
    writeURL();
    loadEvents(true);
  }

  // ---------------------------------------------------------------- events table

  function actorCell(actor) {
    if (!actor) return h("td", {}, h("span", { class: "none" }, "—"));
    return h(
      "td",
      {},
      h("span", { class: "actor-code" }, actor.code || "?"),
      h("span", { class: "actor-text", title: actor.text || "" }, actor.text || ""),
    );
  }

  function goldsteinCell(value) {
    const n = Number(value) || 0;
    const width = Math.min(Math.abs(n) / 10, 1) * 22;
    const bar = h("i", {});
    bar.style.width = `${width}px`;
    bar.style.left = n >= 0 ? "22px" : `${22 - width}px`;
    bar.style.background = n >= 0 ? QUAD_COLOURS[2] : QUAD_COLOURS[4];
    return h("td", {}, h("span", { class: "gold" }, h("span", { class: "gold-bar" }, bar),
      fmtNumber(n)));
  }

  function eventRow(event, fresh) {
    const quad = event.quad_class || 0;
    const flags = [];
    if (event.negated) flags.push(h("span", { class: "flag" }, "negated"));
    if (event.hypothetical) flags.push(h("span", { class: "flag" }, "hypothetical"));
    const place = event.location
      ? h("td", { class: "nowrap" }, event.location.name || "",
        h("span", { class: "actor-text" }, event.location.country || ""))
      : h("td", {}, h("span", { class: "none" }, "—"));
    const row = h(
      "tr",
      {
        "data-event-id": event.event_id,
        "data-source": event.source ? event.source.code : "",
        "data-target": event.target ? event.target.code : "",
        "data-cameo": event.cameo,
        class: fresh ? "fresh" : "",
        onclick: () => openEvent(event.event_id),
      },
      h("td", { class: "nowrap" }, eventDay(event)),
      actorCell(event.source),
      h(
        "td",
        {},
        h("span", { class: `badge q${quad}`, title: QUAD_NAMES[quad] || "" },
          event.plover || ROOTS[Number(event.cameo_root) - 1] || event.cameo),
        flags,
        h("span", { class: "cameo", title: event.trigger || "" }, `${event.cameo} · ${event.trigger || ""}`),
      ),
      actorCell(event.target),
      goldsteinCell(event.goldstein),
      place,
      h("td", { class: "sentence-cell" }, h("span", { title: event.sentence || "" }, event.sentence || "")),
    );
    if (state.selected === event.event_id) row.classList.add("selected");
    return row;
  }

  function renderEvents() {
    const body = $("events-body");
    const rows = state.items.map((item) => eventRow(item.event, item.fresh));
    body.replaceChildren(...rows);
    $("events-empty").hidden = state.items.length > 0;
    $("more").hidden = !state.next;
    $("events-count").textContent = state.items.length
      ? `${state.items.length}${state.next ? "+" : ""} shown`
      : "";
  }

  async function loadEvents(reset) {
    const params = Object.assign({ limit: PAGE }, state.filters);
    try {
      const page = await getJSON(`/events${query(params)}`);
      const items = (page && page.items) || [];
      if (reset) {
        state.seen = new Set();
        state.firstLoad = true;
      }
      const fresh = items.map((event) => ({
        event,
        fresh: !state.firstLoad && !state.seen.has(event.event_id),
      }));
      // Keep older pages already loaded below the refreshed first page.
      const firstIds = new Set(items.map((e) => e.event_id));
      const older = reset ? [] : state.items.slice(PAGE).filter((i) => !firstIds.has(i.event.event_id));
      state.items = fresh.concat(older.map((i) => ({ event: i.event, fresh: false })));
      if (reset || state.items.length <= PAGE) state.next = page ? page.next : null;
      for (const event of items) state.seen.add(event.event_id);
      state.firstLoad = false;
      renderEvents();
      setLive(true);
      const first = state.items[0];
      if (!state.selected && first && !isNarrow()) openEvent(first.event.event_id);
    } catch (err) {
      setLive(false, err.message);
      if (err.status === 400 || err.status === 422) {
        $("events-body").replaceChildren();
        $("events-empty").hidden = false;
        $("events-empty").textContent = `Filter not understood: ${err.message}`;
      }
    }
  }

  async function loadMore() {
    if (!state.next) return;
    const params = Object.assign({ limit: PAGE, cursor: state.next }, state.filters);
    try {
      const page = await getJSON(`/events${query(params)}`);
      for (const event of page.items || []) {
        if (!state.seen.has(event.event_id)) state.items.push({ event, fresh: false });
        state.seen.add(event.event_id);
      }
      state.next = page.next;
      renderEvents();
    } catch (err) {
      setLive(false, err.message);
    }
  }

  function isNarrow() {
    return window.innerWidth < 700;
  }

  function setLive(ok, message) {
    const live = $("live");
    live.classList.toggle("ok", ok);
    live.classList.toggle("down", !ok);
    $("live-text").textContent = ok ? "live" : `offline${message ? ": " + message : ""}`;
  }

  // ---------------------------------------------------------------- event detail

  /** Highlights from the API's evidence, else from the event's own offsets. */
  function highlightsOf(event) {
    if (event.evidence && Array.isArray(event.evidence.highlights)) {
      return {
        sentence: event.evidence.sentence || event.sentence || "",
        highlights: event.evidence.highlights,
      };
    }
    const base = event.sentence_start || 0;
    const spans = [];
    const add = (role, start, end) => {
      if (start === null || start === undefined || end === null || end === undefined) return;
      spans.push({ role, start: start - base, end: end - base });
    };
    if (event.source) add("source", event.source.start, event.source.end);
    add("verb", event.trigger_start, event.trigger_end);
    if (event.target) add("target", event.target.start, event.target.end);
    return { sentence: event.sentence || "", highlights: spans };
  }

  /** The sentence as text nodes with <mark> around each role; overlapping spans are skipped. */
  function markedSentence(sentence, highlights) {
    const spans = highlights
      .filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end))
      .filter((s) => s.start >= 0 && s.end <= sentence.length && s.start < s.end)
      .sort((a, b) => a.start - b.start || b.end - a.end);
    const parts = [];
    let at = 0;
    for (const span of spans) {
      if (span.start < at) continue;
      if (span.start > at) parts.push(sentence.slice(at, span.start));
      parts.push(h("mark", { class: `role-${span.role}`, "data-role": span.role, title: span.role },
        sentence.slice(span.start, span.end)));
      at = span.end;
    }
    if (at < sentence.length) parts.push(sentence.slice(at));
    return h("p", { class: "sentence", id: "detail-sentence" }, parts);
  }

  function actorFact(actor) {
    if (!actor) return h("span", { class: "none" }, "none");
    const bits = [actor.code];
    if (actor.text) bits.push(` — ${actor.text}`);
    return h("span", {}, h("b", {}, bits[0]), bits.slice(1).join(""));
  }

  function renderDetail(event) {
    const { sentence, highlights } = highlightsOf(event);
    const quad = event.quad_class || 0;
    const facts = [
      ["Source", actorFact(event.source)],
      ["Event", h("span", {}, h("span", { class: `badge q${quad}` }, event.plover || event.cameo),
        ` CAMEO ${event.cameo} · ${QUAD_NAMES[quad] || ""}`)],
      ["Target", actorFact(event.target)],
      ["Goldstein", fmtNumber(event.goldstein)],
      ["Date", `${eventDay(event)}${event.date_basis ? ` (${event.date_basis})` : ""}`],
      ["Place", event.location
        ? `${event.location.name}${event.location.country ? `, ${event.location.country}` : ""}`
        : "—"],
    ];
    if (event.reported_by) facts.push(["Reported by", actorFact(event.reported_by)]);
    if (event.tone && event.tone.tone !== undefined) facts.push(["Tone", fmtNumber(event.tone.tone, 2)]);
    const flags = [event.negated && "negated", event.hypothetical && "hypothetical"].filter(Boolean);
    if (flags.length) facts.push(["Flags", flags.join(", ")]);
    facts.push(["Confidence", event.confidence !== undefined ? Number(event.confidence).toFixed(2) : "–"]);
    facts.push(["Rule", event.rule || "–"]);
    facts.push(["Document", event.doc_id]);

    const children = [
      h("div", { class: "roles" }, h("mark", { class: "role-source" }, "source"),
        h("mark", { class: "role-verb" }, "verb"), h("mark", { class: "role-target" }, "target")),
      markedSentence(sentence, highlights),
      h("dl", { class: "facts" }, facts.map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)])),
    ];
    const quotes = event.quotes || [];
    children.push(h("h3", {}, `Quotes (${quotes.length})`));
    if (quotes.length) {
      children.push(quotes.map((q) => h("blockquote", { class: "quote" }, q.quote || "",
        h("cite", {}, q.speaker_name || q.speaker_text || (q.speaker && q.speaker.code) || "unattributed",
          q.kind ? ` · ${q.kind}` : ""))));
    } else {
      children.push(h("p", { class: "empty" }, "No quotes in or next to this sentence."));
    }
    const mentions = event.mentions || [];
    children.push(h("h3", {}, `Reported in (${mentions.length || 1})`));
    children.push(h("ul", { class: "mentions" }, (mentions.length ? mentions : [event]).map((m) =>
      h("li", {}, `${m.doc_id}`, m.sentence_index !== undefined ? ` · sentence ${m.sentence_index}` : "",
        m.source && typeof m.source === "string" ? ` · ${m.source}` : ""))));
    const body = $("detail-body");
    body.replaceChildren(...children.flat());
    body.setAttribute("data-event-id", event.event_id);
    body.hidden = false;
    $("detail-empty").hidden = true;
  }

  async function openEvent(eventId) {
    state.selected = eventId;
    for (const row of $("events-body").children) {
      row.classList.toggle("selected", row.getAttribute("data-event-id") === eventId);
    }
    try {
      const event = await getJSON(`/events/${encodeURIComponent(eventId)}`);
      if (state.selected === eventId) renderDetail(event);
    } catch (err) {
      const known = state.items.find((i) => i.event.event_id === eventId);
      if (known) renderDetail(known.event);
    }
  }

  // ---------------------------------------------------------------- alerts, health, actors

  async function loadHealth() {
    try {
      const health = await getJSON("/health");
      $("stat-documents").textContent = health.documents ?? "–";
      $("stat-events").textContent = health.events ?? "–";
    } catch (err) {
      setLive(false, err.message);
    }
  }

  function alertText(alert) {
    const source = alert.source || (alert.dyad || "").split(":")[0] || "?";
    const target = alert.target || (alert.dyad || "").split(":")[1] || "?";
    const latest = alert.latest || alert;
    const bits = [`${source} → ${target}`];
    if (latest.period) bits.push(String(latest.period));
    const z = latest.zscore ?? alert.zscore;
    if (z !== undefined && z !== null) bits.push(`z ${Number(z).toFixed(1)}`);
    const conflict = latest.conflict_events ?? ((latest.quad3 || 0) + (latest.quad4 || 0) || undefined);
    if (conflict) bits.push(`${conflict} conflict events`);
    return { source, target, text: bits.join(" · ") };
  }

  async function loadAlerts() {
    const banner = $("alerts");
    try {
      const data = await getJSON("/alerts");
      const items = (data && data.items) || [];
      if (!items.length) {
        banner.hidden = true;
        return;
      }
      const chips = items.slice(0, 8).map((alert) => {
        const { source, target, text } = alertText(alert);
        return h("button", {
          class: "alert-chip", type: "button", title: "Show this dyad's timeline",
          onclick: () => showTimeline(source, target),
        }, text);
      });
      banner.replaceChildren(h("span", { class: "alert-title" }, "⚠ Escalation"), ...chips);
      banner.hidden = false;
    } catch (err) {
      banner.hidden = true;
    }
  }

  async function loadActors() {
    try {
      const data = await getJSON("/actors?limit=200");
      const items = (data && data.items) || [];
      const codes = new Set();
      for (const actor of items) {
        if (actor.code) codes.add(actor.code);
        if (actor.country) codes.add(actor.country);
      }
      $("actor-codes").replaceChildren(...[...codes].sort().map((c) => h("option", { value: c })));
    } catch (err) {
      // The pickers still take typed codes.
    }
  }

  // ---------------------------------------------------------------- dyad timeline

  function chooseInitialDyad() {
    const params = new URLSearchParams(window.location.search);
    const pair = params.get("pair") || params.get("dyad");
    if (pair && pair.includes(":")) {
      const [a, b] = pair.split(":");
      if (a && b && a !== "*" && b !== "*") return [a, b];
    }
    return null;
  }

  function showTimeline(a, b) {
    $("dyad-a").value = a;
    $("dyad-b").value = b;
    loadTimeline();
    $("timeline").scrollIntoView({ behavior: "smooth", block: "center" });
  }

  async function loadTimeline() {
    const a = $("dyad-a").value.trim().toUpperCase();
    const b = $("dyad-b").value.trim().toUpperCase();
    const overlay = $("timeline-empty");
    const canvas = $("timeline");
    if (!a || !b) {
      overlay.hidden = false;
      return;
    }
    const by = $("dyad-by").value;
    const both = $("dyad-both").checked;
    const params = new URLSearchParams(window.location.search);
    params.set("pair", `${a}:${b}`);
    history.replaceState(null, "", `?${params.toString()}`);
    let data;
    try {
      data = await getJSON(`/trends${query({ dyad: `${a}:${b}`, by, both: both ? "true" : "false" })}`);
    } catch (err) {
      overlay.textContent = `No timeline for ${a}:${b}: ${err.message}`;
      overlay.hidden = false;
      canvas.setAttribute("data-points", "0");
      return;
    }
    const periods = (data && data.periods) || [];
    const total = periods.reduce((sum, p) => sum + (p.events || 0), 0);
    canvas.setAttribute("data-dyad", `${a}:${b}`);
    canvas.setAttribute("data-points", String(periods.length));
    canvas.setAttribute("data-events", String(total));
    if (!periods.length) {
      overlay.textContent = `No events between ${a} and ${b} yet.`;
      overlay.hidden = false;
      if (state.chart) state.chart.destroy();
      state.chart = null;
      return;
    }
    overlay.hidden = true;
    const labels = periods.map((p) => String(p.period));
    const bars = [1, 2, 3, 4].map((q) => ({
      type: "bar",
      label: `Q${q} ${QUAD_NAMES[q]}`,
      data: periods.map((p) => p[`quad${q}`] || 0),
      backgroundColor: QUAD_COLOURS[q],
      stack: "quad",
      yAxisID: "y",
      order: 2,
      maxBarThickness: 48,
    }));
    const line = {
      type: "line",
      label: "mean Goldstein",
      data: periods.map((p) => (p.goldstein_mean === null || p.goldstein_mean === undefined
        ? null : p.goldstein_mean)),
      borderColor: "#152238",
      backgroundColor: "#152238",
      pointRadius: 4,
      pointHoverRadius: 6,
      spanGaps: true,
      tension: 0.25,
      yAxisID: "g",
      order: 1,
    };
    const config = {
      data: { labels, datasets: [...bars, line] },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: "index", intersect: false },
        plugins: {
          legend: { position: "bottom", labels: { boxWidth: 12, font: { size: 11 } } },
          title: { display: true, text: `${a} ${both ? "⇄" : "→"} ${b} by ${by}`, font: { size: 12 } },
        },
        scales: {
          x: { stacked: true, grid: { display: false } },
          y: { stacked: true, beginAtZero: true, title: { display: true, text: "events" },
            ticks: { precision: 0 } },
          g: { position: "right", min: -10, max: 10, grid: { drawOnChartArea: false },
            title: { display: true, text: "Goldstein" } },
        },
      },
    };
    if (state.chart) state.chart.destroy();
    state.chart = new Chart(canvas, config);
  }

  function setupTimeline() {
    const params = new URLSearchParams(window.location.search);
    if (params.get("by")) $("dyad-by").value = params.get("by");
    $("dyad-picker").addEventListener("submit", (evt) => {
      evt.preventDefault();
      loadTimeline();
    });
    $("dyad-by").addEventListener("change", loadTimeline);
    $("dyad-both").addEventListener("change", loadTimeline);
    const pair = chooseInitialDyad();
    if (pair) {
      showTimelineQuietly(pair[0], pair[1]);
    }
  }

  function showTimelineQuietly(a, b) {
    $("dyad-a").value = a;
    $("dyad-b").value = b;
    loadTimeline();
  }

  // ---------------------------------------------------------------- map

  async function setupMap() {
    if (typeof L === "undefined") return;
    const map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 8, zoomSnap: 0.5,
      attributionControl: true });
    map.setView([30, 10], 1.5);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Natural Earth (world-atlas)");
    state.map = map;
    try {
      const topo = await getJSON("/static/vendor/world-atlas/countries-110m.json");
      const land = topojson.feature(topo, topo.objects.countries);
      L.geoJSON(land, {
        interactive: false,
        style: { color: "#ffffff", weight: 0.7, fillColor: "#c9d3df", fillOpacity: 1 },
      }).addTo(map);
    } catch (err) {
      // Markers still show on the plain background.
    }
    state.markers = L.layerGroup().addTo(map);
    loadPlaces();
  }

  async function loadPlaces() {
    if (!state.map) return;
    let data;
    try {
      data = await getJSON("/places?limit=300");
    } catch (err) {
      return;
    }
    const items = ((data && data.items) || []).filter(
      (p) => typeof p.lat === "number" && typeof p.lon === "number");
    $("places-count").textContent = items.length ? `${items.length} places` : "";
    state.markers.clearLayers();
    const max = Math.max(1, ...items.map((p) => p.events || 1));
    const bounds = [];
    for (const place of items) {
      const size = Math.round(12 + 18 * Math.sqrt((place.events || 1) / max));
      const icon = L.divIcon({ className: "ew-marker", iconSize: [size, size] });
      const marker = L.marker([place.lat, place.lon], {
        icon, title: place.name || "", alt: place.name || "", riseOnHover: true,
      });
      marker.on("add", () => {
        const el = marker.getElement();
        if (!el) return;
        el.setAttribute("data-place", place.name || "");
        el.setAttribute("data-country", place.country || "");
        el.setAttribute("data-events", String(place.events || 0));
      });
      const ids = place.event_ids || [];
      marker.bindPopup(() => h("div", { class: "popup" },
        h("h4", {}, place.name || "?", place.country ? ` · ${place.country}` : ""),
        `${place.events || ids.length} event${(place.events || ids.length) === 1 ? "" : "s"}`,
        h("ul", {}, ids.slice(0, 20).map((id) => h("li", {},
          h("a", { onclick: () => openEvent(id) }, id))))));
      // Leaflet puts a string tooltip in via innerHTML: hand it an element instead.
      marker.bindTooltip(h("span", {}, place.name || ""), { permanent: items.length <= 12, direction: "right",
        className: "ew-label", offset: [size / 2, 0] });
      state.markers.addLayer(marker);
      bounds.push([place.lat, place.lon]);
    }
    // Re-fit only when the set of places changes, so a reader's own zoom is kept between polls.
    const key = items.map((p) => p.name).join("|");
    if (bounds.length && key !== state.placesKey) {
      state.map.fitBounds(bounds, { padding: [40, 40], maxZoom: 4 });
    }
    state.placesKey = key;
  }

  // ---------------------------------------------------------------- actor network

  function edgeColour(edge) {
    const quad = Number(edge.quad_class_mode);
    if (QUAD_COLOURS[quad]) return QUAD_COLOURS[quad];
    return Number(edge.goldstein_mean) >= 0 ? QUAD_COLOURS[2] : QUAD_COLOURS[4];
  }

  async function loadNetwork() {
    const canvas = $("network");
    let data;
    try {
      data = await getJSON("/network?limit=40");
    } catch (err) {
      return;
    }
    const nodes = (data && data.nodes) || [];
    const edges = ((data && data.edges) || []).filter((e) => e.source !== e.target);
    $("network-empty").hidden = nodes.length > 0;
    canvas.setAttribute("data-nodes", String(nodes.length));
    canvas.setAttribute("data-edges", String(edges.length));
    if (!nodes.length) {
      canvas.replaceChildren();
      return;
    }
    // A circle layout, busiest actors first: readable for the few dozen actors shown.
    const W = 720, H = 420, cx = W / 2, cy = H / 2;
    const radius = Math.min(W, H) / 2 - 50;
    const ranked = [...nodes].sort((a, b) => (b.events || 0) - (a.events || 0));
    // Step round the circle by a stride coprime with n so the busiest actors (the big nodes)
    // land far apart instead of crowding one arc.
    const n = ranked.length;
    const gcd = (a, b) => (b ? gcd(b, a % b) : a);
    let stride = Math.max(1, Math.floor(n / 2));
    while (stride > 1 && gcd(stride, n) !== 1) stride -= 1;
    const sorted = new Array(n);
    ranked.forEach((node, i) => { sorted[(i * stride) % n] = node; });
    const pos = new Map();
    sorted.forEach((node, i) => {
      const angle = (2 * Math.PI * i) / sorted.length - Math.PI / 2;
      const r = sorted.length === 1 ? 0 : radius;
      pos.set(node.id, { x: cx + r * Math.cos(angle), y: cy + r * Math.sin(angle), angle });
    });
    const maxNode = Math.max(1, ...nodes.map((n) => n.events || 1));
    const maxEdge = Math.max(1, ...edges.map((e) => e.events || 1));
    const defs = svg("defs", {}, [1, 2, 3, 4].map((q) => svg("marker", {
      id: `arrow-q${q}`, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 11, markerHeight: 11,
      markerUnits: "userSpaceOnUse",
      orient: "auto-start-reverse",
    }, svg("path", { d: "M0,0 L10,5 L0,10 z", fill: QUAD_COLOURS[q] }))));
    const edgeEls = edges.filter((e) => pos.has(e.source) && pos.has(e.target)).map((edge) => {
      const a = pos.get(edge.source), b = pos.get(edge.target);
      const rb = 6 + 14 * Math.sqrt((nodes.find((n) => n.id === edge.target)?.events || 1) / maxNode);
      // Bend each direction to its own side so A→B and B→A stay apart.
      const mx = (a.x + b.x) / 2, my = (a.y + b.y) / 2;
      const dx = b.x - a.x, dy = b.y - a.y, len = Math.hypot(dx, dy) || 1;
      const bend = Math.min(60, len * 0.18);
      const qx = mx - (dy / len) * bend, qy = my + (dx / len) * bend;
      const tx = b.x - ((b.x - qx) / Math.hypot(b.x - qx, b.y - qy)) * (rb + 2);
      const ty = b.y - ((b.y - qy) / Math.hypot(b.x - qx, b.y - qy)) * (rb + 2);
      const quad = QUAD_COLOURS[Number(edge.quad_class_mode)] ? Number(edge.quad_class_mode)
        : (Number(edge.goldstein_mean) >= 0 ? 2 : 4);
      return svg("path", {
        class: "edge",
        d: `M${a.x.toFixed(1)},${a.y.toFixed(1)} Q${qx.toFixed(1)},${qy.toFixed(1)} ${tx.toFixed(1)},${ty.toFixed(1)}`,
        stroke: edgeColour(edge),
        "stroke-width": (1.2 + 5 * ((edge.events || 1) / maxEdge)).toFixed(1),
        "marker-end": `url(#arrow-q${quad})`,
        "data-source": edge.source,
        "data-target": edge.target,
        onclick: () => applyFilters({ dyad: `${edge.source}:${edge.target}` }),
      }, svg("title", {}, `${edge.source} → ${edge.target}: ${edge.events} events, ` +
        `mean Goldstein ${fmtNumber(edge.goldstein_mean)}`));
    });
    const nodeEls = sorted.map((node) => {
      const p = pos.get(node.id);
      const r = 6 + 14 * Math.sqrt((node.events || 1) / maxNode);
      const outward = Math.cos(p.angle) >= 0;
      const lx = sorted.length === 1 ? 0 : Math.cos(p.angle) * (r + 6);
      const ly = sorted.length === 1 ? r + 14 : Math.sin(p.angle) * (r + 6) + 4;
      return svg("g", {
        class: "node", transform: `translate(${p.x.toFixed(1)},${p.y.toFixed(1)})`,
        "data-actor": node.id,
        onclick: () => applyFilters({ actor: node.id }),
      },
      svg("circle", { r: r.toFixed(1) }),
      svg("text", { x: lx.toFixed(1), y: ly.toFixed(1),
        "text-anchor": sorted.length === 1 ? "middle" : (outward ? "start" : "end") }, node.id),
      svg("title", {}, `${node.id}: ${node.events} events`));
    });
    canvas.replaceChildren(defs, svg("g", {}, edgeEls), svg("g", {}, nodeEls));
    // With no pair chosen yet, the timeline opens on the busiest pair of the network.
    if (!$("dyad-a").value && !$("dyad-b").value && edges.length) {
      const busiest = edges.reduce((a, b) => ((b.events || 0) > (a.events || 0) ? b : a));
      showTimelineQuietly(busiest.source, busiest.target);
    }
  }

  // ---------------------------------------------------------------- stories

  function storyTitle(story) {
    return story.title || story.label || story.headline || story.summary || story.story_id || "story";
  }

  async function loadStories() {
    const list = $("stories");
    let items = [];
    try {
      const data = await getJSON("/stories");
      items = (data && data.items) || [];
    } catch (err) {
      items = [];
    }
    $("stories-empty").hidden = items.length > 0;
    list.replaceChildren(...items.slice(0, 50).map((story) => {
      const events = story.events || story.event_ids || [];
      const dates = [story.first || story.start || story.first_date,
        story.last || story.end || story.last_date].filter(Boolean);
      const count = story.size ?? story.event_count ?? events.length;
      return h("li", { class: "story", "data-story-id": story.story_id || story.id || "" },
        h("details", {},
          h("summary", {}, storyTitle(story),
            h("span", { class: "meta" }, `${count} event${count === 1 ? "" : "s"}`,
              dates.length ? ` · ${[...new Set(dates.map(String))].join(" – ")}` : "")),
          h("ul", {}, events.slice(0, 30).map((e) => {
            const id = typeof e === "string" ? e : e.event_id;
            const label = typeof e === "string" ? e
              : `${eventDay(e)} ${e.source ? e.source.code : "—"} ${e.plover || e.cameo || ""} ` +
                `${e.target ? e.target.code : "—"}`;
            return h("li", { onclick: () => id && openEvent(id) }, label);
          }))));
    }));
  }

  // ---------------------------------------------------------------- start

  function refreshAll() {
    loadHealth();
    loadAlerts();
    loadPlaces();
    loadNetwork();
    loadStories();
    loadActors();
    if ($("dyad-a").value && $("dyad-b").value) loadTimeline();
  }

  function start() {
    setupFilters();
    setupTimeline();
    setupMap();
    $("more").addEventListener("click", loadMore);
    loadEvents(true);
    loadHealth();
    loadAlerts();
    loadNetwork();
    loadStories();
    loadActors();
    state.polling = setInterval(() => {
      if (document.hidden) return;
      loadEvents(false);
      loadHealth();
    }, POLL_MS);
    // The slower views follow new documents less often.
    setInterval(() => { if (!document.hidden) refreshAll(); }, POLL_MS * 6);
  }

  window.eventwire = { state, openEvent, loadTimeline, showTimeline, applyFilters };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
