// galeon's dashboard: a map, country pages, the framework per country and for the region, the
// index, the claims and the sources, in English, Spanish, Portuguese and Chinese (the texts are
// the translation files in ../i18n, which galeon's printable profiles use too). Everything comes from galeon's own
// API on the same server; nothing from a CDN.
import * as echarts from "echarts/core";
import { MapChart, LineChart, BarChart, ScatterChart } from "echarts/charts";
import { GeoComponent, VisualMapComponent, TooltipComponent, GridComponent, LegendComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";
import en from "../../i18n/en.json";
import es from "../../i18n/es.json";
import pt from "../../i18n/pt.json";
import zh from "../../i18n/zh.json";

const TEXTS = { en, es, pt, zh };
const LANGS = Object.keys(TEXTS);

echarts.use([MapChart, LineChart, BarChart, ScatterChart, GeoComponent, VisualMapComponent, TooltipComponent,
  GridComponent, LegendComponent, CanvasRenderer]);

const saved = localStorage.getItem("galeon.lang");
const state = {
  lang: LANGS.includes(saved) ? saved : LANGS.find((l) => (navigator.language || "en").startsWith(l)) || "en",
  countries: [],
  health: null,
  byCode: {},
  byNumeric: {},
  indicators: [],
  geo: null,
  charts: [],
  centres: {},
};

const view = () => document.getElementById("view");
/** Keys a view asked for that no translation file has (the end-to-end tests fail on any). */
const missingTexts = new Set();
const t = (key, vars = {}) => {
  let s = (TEXTS[state.lang] && TEXTS[state.lang][key]) || TEXTS.en[key];
  if (s === undefined) {
    missingTexts.add(key);
    s = key;
  }
  for (const [k, v] of Object.entries(vars)) s = s.replace(`{${k}}`, v);
  return s;
};
const esc = (s) => String(s ?? "").replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
/** An indicator's title in the reader's language (i18n's `ind_<id>`; the API's English title otherwise). */
const title = (id, english = id) => (TEXTS[state.lang][`ind_${id}`] || english);
/** An indicator's unit in the reader's language: the unit_* key named after the English unit,
 * as crates/observatory/src/texts.rs names it. */
const unitLabel = (unit) => TEXTS[state.lang][`unit_${unit.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "")}`] || unit;
/** An indicator's definition in the reader's language. */
const definition = (id) => TEXTS[state.lang][`def_${id}`] || "";
const name = (code) => (state.byCode[code] ? state.byCode[code][`name_${state.lang}`] : code);

async function api(path) {
  const response = await fetch(path);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

/** A value in the reader's language, according to its unit. */
export function fmt(value, unit = "") {
  if (value === null || value === undefined || Number.isNaN(value)) return t("no_data");
  if (unit === "year") return String(Math.round(value));
  if (unit.startsWith("fraction")) {
    return new Intl.NumberFormat(state.lang, { style: "percent", maximumFractionDigits: 1 }).format(value);
  }
  if (unit.includes("USD")) {
    return new Intl.NumberFormat(state.lang, { style: "currency", currency: "USD", notation: "compact", maximumFractionDigits: 1 }).format(value);
  }
  return new Intl.NumberFormat(state.lang, { maximumFractionDigits: 2 }).format(value);
}

const fmtDate = (d) => {
  const parts = String(d).split("-").map(Number);
  if (parts.length === 1) return String(parts[0]);
  const date = new Date(Date.UTC(parts[0], (parts[1] || 1) - 1, parts[2] || 1));
  const options = parts.length === 2 ? { year: "numeric", month: "long", timeZone: "UTC" } : { dateStyle: "long", timeZone: "UTC" };
  return new Intl.DateTimeFormat(state.lang, options).format(date);
};

function provenance(sources) {
  if (!sources || !sources.length) return "";
  return `<details class="provenance"><summary>${t("provenance")}</summary><ul>${sources.map((s) => `<li>${esc(s)}</li>`).join("")}</ul></details>`;
}

function downloads(path) {
  const sep = path.includes("?") ? "&" : "?";
  const at = (format) => esc(`${path}${sep}format=${format}`);
  return `<p class="downloads">${t("download")}: <a href="${at("csv")}">CSV</a> · <a href="${at("json")}">JSON</a> · <a href="${at("parquet")}">Parquet</a></p>`;
}

function chart(id, option) {
  const el = document.getElementById(id);
  const c = echarts.init(el, null, { renderer: "canvas" });
  c.setOption(option);
  state.charts.push(c);
  return c;
}

/** Goes to another view; the page is not ready until that view has rendered (tests wait on it). */
function navigate(hash) {
  document.body.dataset.ready = "";
  location.hash = hash;
}

function params() {
  const [, query = ""] = location.hash.split("?");
  return new URLSearchParams(query);
}

// ── the map ──────────────────────────────────────────────────────────────────────────────────

/** The centre of a state's largest polygon, in longitude and latitude. */
function centreOf(feature) {
  const polys = feature.geometry.type === "Polygon" ? [feature.geometry.coordinates] : feature.geometry.coordinates;
  let best = null;
  let bestArea = -1;
  for (const poly of polys) {
    const ring = poly[0];
    let a = 0, cx = 0, cy = 0;
    for (let i = 0; i < ring.length - 1; i++) {
      const [x0, y0] = ring[i];
      const [x1, y1] = ring[i + 1];
      const f = x0 * y1 - x1 * y0;
      a += f;
      cx += (x0 + x1) * f;
      cy += (y0 + y1) * f;
    }
    if (Math.abs(a) > bestArea) {
      bestArea = Math.abs(a);
      best = [cx / (3 * a), cy / (3 * a)];
    }
  }
  return best;
}

async function mapView() {
  const p = params();
  const indicator = p.get("indicator") || "index";
  const year = p.get("year");
  const url = `/api/map?indicator=${encodeURIComponent(indicator)}${year ? `&year=${year}` : ""}`;
  const m = await api(url);
  const meta = m.meta;
  const options = [`<option value="index"${indicator === "index" ? " selected" : ""}>${esc(t("index"))}</option>`]
    .concat(state.indicators.filter((i) => i.values > 0 && !i.dimensions).map((i) => `<option value="${i.id}"${i.id === indicator ? " selected" : ""}>${esc(title(i.id, i.title))}</option>`));
  const years = meta.years.map((y) => `<option${y === meta.year ? " selected" : ""}>${y}</option>`);
  const rows = [...m.data].sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity));
  view().innerHTML = `
    <h1>${esc(indicator === "index" ? t("index") : title(indicator, meta.title))} · ${meta.year}</h1>
    <div class="controls">
      <label>${t("indicator")} <select id="indicator">${options.join("")}</select></label>
      <label>${t("year")} <select id="year">${years.join("")}</select></label>
    </div>
    <div id="map" class="map" role="img" aria-label="${esc(indicator === "index" ? t("index") : title(indicator, meta.title))} ${meta.year}"></div>
    <p class="note">${t("missing_note")} ${t("click_hint")}</p>
    <table class="data" id="map-table"><thead><tr><th>${t("country")}</th><th>${t("value")}</th>${indicator === "index" ? `<th>${t("rank")}</th>` : ""}</tr></thead>
    <tbody>${rows.map((r) => `<tr data-code="${r.country}"><td><a href="#/country/${r.country}">${esc(name(r.country))}</a></td><td class="num" data-value="${r.value ?? ""}">${fmt(r.value, meta.unit)}</td>${indicator === "index" ? `<td class="num">${r.rank ?? ""}</td>` : ""}</tr>`).join("")}</tbody></table>
    ${downloads(url)}
    ${provenance(m.provenance.sources)}`;
  document.getElementById("indicator").onchange = (e) => { location.hash = `#/map?indicator=${e.target.value}`; };
  document.getElementById("year").onchange = (e) => { location.hash = `#/map?indicator=${indicator}&year=${e.target.value}`; };
  const data = m.data.map((r) => ({ name: String(r.numeric), value: r.value ?? NaN, code: r.country }));
  const c = chart("map", {
    tooltip: {
      trigger: "item",
      formatter: (q) => `${esc(name(state.byNumeric[q.name]))}: ${fmt(Number.isNaN(q.value) ? null : q.value, meta.unit)}`,
    },
    visualMap: {
      min: meta.min ?? 0, max: meta.max ?? 1, calculable: true, left: 10, bottom: 10,
      inRange: { color: ["#f1eef6", "#bdc9e1", "#74a9cf", "#2b8cbe", "#045a8d"] },
      formatter: (v) => fmt(v, meta.unit),
    },
    geo: { map: "lac", roam: true, itemStyle: { areaColor: "#d9d9d9", borderColor: "#999" }, emphasis: { label: { show: false } }, label: { show: false } },
    series: [{ type: "map", geoIndex: 0, data }],
  });
  c.on("click", (q) => {
    const code = state.byNumeric[q.name];
    if (code) location.hash = `#/country/${code}`;
  });
}

// ── a country ────────────────────────────────────────────────────────────────────────────────

async function series(id, code) {
  const r = await api(`/api/indicators/${id}?country=${code}`);
  return { rows: r.data.sort((a, b) => a.year - b.year), unit: r.meta.unit, sources: r.provenance.sources };
}

/** A line of yearly values; where its source changes (`series_break`), a dotted mark names the new source. */
const line = (label, rows, extra = {}) => ({
  name: label, type: "line", showSymbol: false, data: rows.map((r) => [r.year, r.value]),
  markLine: {
    symbol: "none", silent: true, lineStyle: { type: "dotted", color: "#777" },
    label: { formatter: (m) => m.name, fontSize: 10 },
    data: rows.filter((r) => r.series_break).map((r) => ({ name: r.source, xAxis: r.year })),
  },
  ...extra,
});

/** The years where a series changes source, in words, for the charts' readers (canvas is not read aloud). */
function breaksNote(testid, named) {
  const items = named.flatMap(([label, rows]) => rows.filter((r) => r.series_break).map((r) => `${label} ${r.year}: ${r.source}`));
  return items.length ? `<p class="note" data-testid="${testid}">${esc(t("series_breaks"))} ${items.map(esc).join(" · ")}</p>` : "";
}
const yearAxis = { type: "value", min: "dataMin", max: "dataMax", axisLabel: { formatter: (v) => String(v) } };

async function countryView(code) {
  const [china, us, ex, im, cex, cim, fin, idx, facts] = await Promise.all([
    series("china_partner_share", code), series("us_partner_share", code),
    series("exports_to_china", code), series("imports_from_china", code),
    series("china_exports_to", code), series("china_imports_from", code),
    series("gcdf3_commitments_usd_const2021", code),
    api(`/api/index?country=${code}`).catch(() => ({ data: [], provenance: { sources: [] } })),
    api(`/api/facts?country=${code}&lang=${state.lang}`),
  ]);
  const last = china.rows[china.rows.length - 1];
  const lastUs = us.rows[us.rows.length - 1];
  const lastIdx = idx.data[idx.data.length - 1];
  const n = lastIdx ? (await api(`/api/index?year=${lastIdx.year}`)).data.length : 0;
  const factRows = [...facts.data].sort((a, b) => String(a.date).localeCompare(String(b.date)));
  const usName = t("us_name");
  view().innerHTML = `
    <p><a href="#/map">${t("back_to_map")}</a></p>
    <h1 id="country-name">${esc(name(code))}</h1>
    <div class="figures">
      <div class="figure"><span class="label">${t("china_share")} (<span data-testid="china-share-year">${last ? last.year : ""}</span>)</span>
        <span class="big" data-testid="china-share">${fmt(last ? last.value : null, china.unit)}</span>
        <span class="small" data-testid="china-share-source">${last ? `${t("source")}: ${esc(last.source)}` : ""}</span></div>
      <div class="figure"><span class="label">${t("us_share")} (${lastUs ? lastUs.year : ""})</span>
        <span class="big" data-testid="us-share">${fmt(lastUs ? lastUs.value : null, us.unit)}</span></div>
      <div class="figure"><span class="label">${t("index")} — ${t("rank_in", { year: lastIdx ? lastIdx.year : "" })}</span>
        <span class="big" data-testid="index-rank">${lastIdx ? lastIdx.rank : t("no_data")}</span>
        <span class="small">${lastIdx ? `${t("of")} ${n} · ${t("interval")}: ${lastIdx.rank_p05}–${lastIdx.rank_p95}` : ""}</span></div>
    </div>
    <p class="lead-link"><a id="open-framework" href="#/framework/${code}">${esc(t("open_framework", { name: name(code) }))}</a>
      · <a id="open-profile" href="/profile/${code}?lang=${state.lang}">${esc(t("profile_link"))}</a></p>
    <h2>${t("share_chart")}</h2><div id="c-share" class="chart"></div>
    ${breaksNote("share-breaks", [[t("china_name"), china.rows], [usName, us.rows]])}
    <h2>${t("flows_chart")}</h2><div id="c-flows" class="chart"></div>
    ${breaksNote("flow-breaks", [[t("exports_to_china"), ex.rows], [t("imports_from_china"), im.rows], [t("china_exports_to"), cex.rows], [t("china_imports_from"), cim.rows]])}
    <h2>${t("finance_chart")}</h2><div id="c-finance" class="chart small-chart"></div>
    <h2>${t("index_chart")}</h2><div id="c-index" class="chart small-chart"></div>
    <h2>${t("facts_title")}</h2>
    <table class="data"><thead><tr><th>${t("date")}</th><th>${t("kind")}</th><th>${t("what")}</th><th>${t("source")}</th></tr></thead>
    <tbody>${factRows.map((f) => `<tr><td>${fmtDate(f.date)}${f.until ? ` – ${fmtDate(f.until)}` : ""}</td><td>${esc(t(`fact_${f.kind}`))}: ${esc(t(`fact_value_${f.value}`))}</td><td>${factText(f)}</td><td class="src">${esc(f.sources)}</td></tr>`).join("")}</tbody></table>
    ${downloads(`/api/indicators/china_partner_share?country=${code}`)}
    ${provenance([...new Set([...china.sources, ...ex.sources, ...cex.sources, ...fin.sources, ...facts.provenance.sources])])}`;
  const pct = (v) => fmt(v, "fraction");
  const usd = (v) => fmt(v, "USD");
  chart("c-share", {
    tooltip: { trigger: "axis", valueFormatter: pct }, legend: { top: 0 },
    grid: { left: 60, right: 20, top: 40, bottom: 30 },
    xAxis: yearAxis, yAxis: { type: "value", axisLabel: { formatter: pct } },
    series: [line(t("china_name"), china.rows, { color: "#c0392b" }), line(usName, us.rows, { color: "#1f5f8b" })],
  });
  chart("c-flows", {
    tooltip: { trigger: "axis", valueFormatter: usd }, legend: { top: 0 },
    grid: { left: 80, right: 20, top: 60, bottom: 30 },
    xAxis: yearAxis, yAxis: { type: "value", axisLabel: { formatter: usd } },
    series: [line(t("exports_to_china"), ex.rows), line(t("imports_from_china"), im.rows),
      line(t("china_imports_from"), cim.rows, { lineStyle: { type: "dashed" } }), line(t("china_exports_to"), cex.rows, { lineStyle: { type: "dashed" } })],
  });
  chart("c-finance", {
    tooltip: { trigger: "axis", valueFormatter: usd },
    grid: { left: 80, right: 20, top: 20, bottom: 30 },
    xAxis: { type: "category", data: fin.rows.map((r) => String(r.year)) }, yAxis: { type: "value", axisLabel: { formatter: usd } },
    series: [{ type: "bar", data: fin.rows.map((r) => r.value), color: "#8e6c3a" }],
  });
  const years = idx.data.map((r) => String(r.year));
  chart("c-index", {
    tooltip: { trigger: "axis" }, legend: { top: 0, data: [t("interval"), t("rank")] },
    grid: { left: 50, right: 20, top: 40, bottom: 30 },
    xAxis: { type: "category", data: years }, yAxis: { type: "value", inverse: true, min: 1, name: t("rank") },
    series: [
      { name: "p05", type: "line", data: idx.data.map((r) => r.rank_p05), lineStyle: { opacity: 0 }, stack: "band", symbol: "none" },
      { name: t("interval"), type: "line", data: idx.data.map((r) => r.rank_p95 - r.rank_p05), lineStyle: { opacity: 0 }, areaStyle: { color: "#bdc9e1" }, color: "#bdc9e1", stack: "band", symbol: "none" },
      { name: t("rank"), type: "line", data: idx.data.map((r) => r.rank), color: "#045a8d" },
    ],
  });
}

// ── the framework ────────────────────────────────────────────────────────────────────────────

/** A part's label: "F3 · name" for a foundation, the name for a field. */
function partLabel(p) {
  const n = p.id.match(/^f(\d)_/);
  return n ? `F${n[1]} · ${p.name}` : p.name;
}

/** A small trend line of [year, value] pairs, drawn as SVG so that it prints. Ranks among
 * partners and years are drawn upside down, so that up is always "more" of the relation. */
export function sparkline(points, unit) {
  if (!points || points.length < 2) return "";
  const w = 100, h = 28, pad = 3;
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  let [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  if (y0 === y1) { y0 -= 1; y1 += 1; }
  const down = unit.startsWith("rank") || unit === "year";
  const X = (x) => pad + ((x - x0) / (x1 - x0)) * (w - 2 * pad);
  const Y = (y) => { const f = (y - y0) / (y1 - y0); return pad + (down ? f : 1 - f) * (h - 2 * pad); };
  const d = points.map(([x, y]) => `${X(x).toFixed(1)},${Y(y).toFixed(1)}`).join(" ");
  const [lx, ly] = points[points.length - 1];
  const label = `${x0}–${x1}: ${fmt(ys[0], unit)} → ${fmt(ly, unit)}`;
  return `<svg class="spark" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${esc(label)}"><title>${esc(label)}</title>`
    + `<polyline fill="none" stroke="currentColor" stroke-width="1.5" points="${d}"/><circle cx="${X(lx).toFixed(1)}" cy="${Y(ly).toFixed(1)}" r="2.2"/></svg>`;
}

const mappable = (id) => state.indicators.some((i) => i.id === id && i.values > 0 && !i.dimensions);

/** One indicator of one part: value and year, trend, change, place among the LAC states. */
function frameworkRow(r, trend, code) {
  const label = esc(title(r.indicator, r.title));
  const heading = mappable(r.indicator) ? `<a href="#/map?indicator=${r.indicator}">${label}</a>` : label;
  return `<tr data-indicator="${r.indicator}"><td>${heading} <a class="data-link" href="/api/indicators/${r.indicator}?country=${code}&format=csv">${t("open_data")}</a></td>
    <td class="num" data-value="${r.latest ?? ""}">${r.latest === null ? t("no_data") : `${fmt(r.latest, r.unit)}<br><small title="${esc(r.source)}">${r.latest_year} · ${esc(String(r.source).split(" (")[0])}</small>`}</td>
    <td>${sparkline(trend, r.unit)}</td>
    <td class="num">${r.change === null ? "" : `${r.change > 0 ? "+" : ""}${fmt(r.change, r.unit)}<br><small>${t("since")} ${r.earlier_year}</small>`}</td>
    <td class="num">${r.lac_rank === null ? "" : `${r.lac_rank} ${t("of")} ${r.lac_states}`}</td></tr>`;
}

/** A state through the framework: the nine parts as a grid of cards. */
async function frameworkView(asked) {
  const url = `/api/framework?country=${encodeURIComponent(asked)}&lang=${state.lang}`;
  const f = await api(url);
  const code = f.meta.country; // the API resolves names and old codes
  const card = (p) => {
    const rows = f.data.filter((r) => r.part === p.id);
    const facts = [...p.facts].sort((a, b) => String(a.date).localeCompare(String(b.date)));
    return `<section class="card" data-part="${p.id}"><h2><span class="kind">${t(p.kind)}</span> ${esc(partLabel(p))}</h2>
      <p class="note">${esc(p.argument)}</p>
      ${rows.length ? `<table class="data small"><thead><tr><th>${t("indicator")}</th><th>${t("latest")}</th><th>${t("trend")}</th><th>${t("change")}</th><th>${t("lac_place")}</th></tr></thead>
      <tbody>${rows.map((r) => frameworkRow(r, f.meta.trends[r.indicator], code)).join("")}</tbody></table>` : ""}
      ${facts.length ? `<details class="facts"><summary>${t("facts_of_part")} (${facts.length})</summary><ul>${facts.map((x) => `<li>${fmtDate(x.date)}${x.until ? ` – ${fmtDate(x.until)}` : ""}: ${factText(x)}</li>`).join("")}</ul></details>` : ""}</section>`;
  };
  const lac = state.countries.filter((c) => c.lac !== false);
  view().innerHTML = `
    <p><a href="#/country/${code}">${t("back_to_country")}</a> · <a href="#/framework">${t("region_link")}</a></p>
    <h1 id="framework-name">${esc(f.meta.name)}</h1>
    <p class="note">${t("framework_note")}</p>
    <div class="controls"><label>${t("choose_country")} <select id="country">${lac.map((c) => `<option value="${c.code}"${c.code === code ? " selected" : ""}>${esc(name(c.code))}</option>`).join("")}</select></label></div>
    <div class="grid" id="framework-grid">${f.meta.parts.map(card).join("")}</div>
    ${downloads(url)}
    ${provenance(f.provenance.sources)}`;
  document.getElementById("country").onchange = (e) => { location.hash = `#/framework/${e.target.value}`; };
}

/** The region through the framework: the 33 states side by side, one part at a time. */
async function regionView() {
  const p = params();
  const url = `/api/framework?lang=${state.lang}`;
  const f = await api(url);
  const part = f.meta.parts.find((x) => x.id === p.get("part")) || f.meta.parts[0];
  const rows = f.data.filter((r) => r.part === part.id);
  const ids = [...new Set(rows.map((r) => r.indicator))];
  const cells = {};
  for (const r of rows) (cells[r.country] ??= {})[r.indicator] = r;
  const sort = ids.includes(p.get("sort")) ? p.get("sort") : null;
  // By the latest value, highest first (lowest first for ranks among partners and for years, as
  // the shading), whatever its year; states without a value last.
  const key = (c) => {
    const r = cells[c][sort];
    if (r.latest === null) return Infinity;
    return r.unit.startsWith("rank") || r.unit === "year" ? r.latest : -r.latest;
  };
  const byName = (a, b) => name(a).localeCompare(name(b), state.lang);
  const codes = Object.keys(cells).sort((a, b) => (sort ? key(a) - key(b) || byName(a, b) : byName(a, b)));
  const head = ids.map((id) => {
    const r = rows.find((x) => x.indicator === id);
    const order = r.unit.startsWith("rank") || r.unit === "year" ? "ascending" : "descending";
    return `<th${id === sort ? ` aria-sort="${order}"` : ""}><a href="#/framework?part=${part.id}&sort=${id}">${esc(title(id, r.title))}</a></th>`;
  });
  const cell = (r) => {
    if (r.latest === null) return `<td class="num missing">${t("no_data")}</td>`;
    const shade = r.lac_states > 1 ? 1 - (r.lac_rank - 1) / (r.lac_states - 1) : 1;
    return `<td class="num" style="background:rgba(4,90,141,${(0.06 + 0.5 * shade).toFixed(2)})" data-rank="${r.lac_rank}">${fmt(r.latest, r.unit)}<br><small>${r.latest_year}</small></td>`;
  };
  view().innerHTML = `
    <h1>${t("region_title")}</h1>
    <p class="note">${t("region_note")}</p>
    <div class="controls"><label>${t("part")} <select id="part">${f.meta.parts.map((x) => `<option value="${x.id}"${x.id === part.id ? " selected" : ""}>${esc(partLabel(x))}</option>`).join("")}</select></label></div>
    <p>${esc(part.argument)}</p>
    <div class="wide"><table class="data region" id="region-table"><thead><tr><th>${t("country")}</th>${head.join("")}</tr></thead>
    <tbody>${codes.map((c) => `<tr data-code="${c}"><td><a href="#/framework/${c}">${esc(name(c))}</a></td>${ids.map((id) => cell(cells[c][id])).join("")}</tr>`).join("")}</tbody></table></div>
    ${downloads(url)}
    ${provenance(f.provenance.sources)}`;
  document.getElementById("part").onchange = (e) => { location.hash = `#/framework?part=${e.target.value}`; };
}

// ── the index ────────────────────────────────────────────────────────────────────────────────

async function indexView() {
  const all = await api("/api/index");
  const years = [...new Set(all.data.map((r) => r.year))];
  const year = Number(params().get("year")) || years[years.length - 1];
  const rows = all.data.filter((r) => r.year === year).sort((a, b) => a.rank - b.rank);
  view().innerHTML = `
    <h1>${t("index")} · ${year}</h1>
    <p class="note">${t("index_note")}</p>
    <div class="controls"><label>${t("year")} <select id="year">${years.map((y) => `<option${y === year ? " selected" : ""}>${y}</option>`).join("")}</select></label></div>
    <div id="c-ranks" class="chart tall"></div>
    <table class="data" id="index-table"><thead><tr><th>${t("rank")}</th><th>${t("country")}</th><th>${t("score")}</th><th>${t("median_rank")}</th><th>${t("interval")}</th></tr></thead>
    <tbody>${rows.map((r) => `<tr data-code="${r.country}"><td class="num">${r.rank}</td><td><a href="#/country/${r.country}">${esc(name(r.country))}</a></td><td class="num">${fmt(r.score)}</td><td class="num">${fmt(r.median_rank)}</td><td class="num">${r.rank_p05}–${r.rank_p95}</td></tr>`).join("")}</tbody></table>
    ${downloads(`/api/index?year=${year}`)}
    ${provenance(all.provenance.sources)}`;
  document.getElementById("year").onchange = (e) => { location.hash = `#/index?year=${e.target.value}`; };
  const names = rows.map((r) => name(r.country));
  chart("c-ranks", {
    tooltip: { trigger: "axis" },
    grid: { left: 150, right: 20, top: 10, bottom: 30 },
    yAxis: { type: "category", data: names, inverse: true }, xAxis: { type: "value", min: 0, max: rows.length + 1, name: t("rank") },
    series: [
      { type: "bar", stack: "iv", data: rows.map((r) => r.rank_p05 - 0.5), itemStyle: { color: "transparent" }, tooltip: { show: false } },
      { name: t("interval"), type: "bar", stack: "iv", data: rows.map((r) => r.rank_p95 - r.rank_p05 + 1), itemStyle: { color: "#bdc9e1" } },
      { name: t("rank"), type: "scatter", data: rows.map((r, i) => [r.rank, i]), color: "#045a8d" },
    ],
  });
}

// ── what if ──────────────────────────────────────────────────────────────────────────────────

const NORMALISATIONS = ["minmax", "zscore", "rank", "percentile", "distance_to_best"];
const AGGREGATIONS = ["arithmetic", "geometric", "generalised", "copeland"];

/** The what-if's API address from the page's address (the same parameters). */
function whatifData() {
  const p = params();
  const q = new URLSearchParams();
  for (const k of ["weights", "normalisation", "aggregation", "year"]) if (p.get(k)) q.set(k, p.get(k));
  return `/api/index/whatif${q.size ? `?${q}` : ""}`;
}

async function whatifView() {
  const [w, all] = await Promise.all([api(whatifData()), api("/api/index")]);
  const years = [...new Set(all.data.map((r) => r.year))];
  const year = w.data.length ? w.data[0].year : years.at(-1);
  const pillars = w.meta.pillar_weights;
  const iv = (a, b) => (a === null || a === undefined ? "" : `${a}–${b}`);
  const arrow = (c) => (c > 0 ? `▲ ${c}` : c < 0 ? `▼ ${-c}` : "=");
  const choice = (c) => {
    const [k, v] = String(c).split("=");
    const key = { normalisation: "norm_", aggregation: "agg_", outliers: "out_", imputation: "imp_" }[k];
    return key ? `${t(k)}: ${t(`${key}${v}`)}` : c;
  };
  const moved = (r) => (r.moved_most ? `${esc(choice(r.moved_most_by))} (${arrow(r.moved_most)})` : "");
  view().innerHTML = `
    <h1>${esc(t("whatif_title"))}</h1><p class="note">${esc(t("whatif_note"))}</p>
    <form id="whatif" class="controls">
      <fieldset><legend>${t("weights_of_fields")}</legend>${pillars.map((p) => `
        <label>${esc(t(`pillar_${p.pillar}`))} <input type="range" name="${p.pillar}" min="0" max="5" step="0.5" value="${p.weight}">
        <output>${p.weight}</output></label>`).join("")}</fieldset>
      <label>${t("normalisation")} <select name="normalisation">${NORMALISATIONS.map((n) => `<option value="${n}"${n === w.meta.normalisation ? " selected" : ""}>${t(`norm_${n}`)}</option>`).join("")}</select></label>
      <label>${t("aggregation")} <select name="aggregation">${AGGREGATIONS.map((a) => `<option value="${a}"${a === w.meta.aggregation ? " selected" : ""}>${t(`agg_${a}`)}</option>`).join("")}</select></label>
      <label>${t("year")} <select name="year">${years.map((y) => `<option${y === year ? " selected" : ""}>${y}</option>`).join("")}</select></label>
      <a href="#/whatif">${t("reset")}</a>
    </form>
    <div id="c-whatif" class="chart tall"></div>
    <table class="data" id="whatif-table"><thead><tr><th>${t("new_rank")}</th><th>${t("country")}</th><th>${t("interval")}</th><th>${t("default_rank")}</th><th>${t("interval")}</th><th>${t("change")}</th><th>${t("moved_most_by")}</th></tr></thead>
    <tbody>${w.data.map((r) => `<tr data-code="${r.country}"><td class="num">${r.rank}</td><td><a href="#/country/${r.country}">${esc(name(r.country))}</a></td><td class="num">${iv(r.rank_p05, r.rank_p95)}</td><td class="num">${r.default_rank ?? ""}</td><td class="num">${iv(r.default_p05, r.default_p95)}</td><td class="num">${arrow(r.change)}</td><td>${moved(r)}</td></tr>`).join("")}</tbody></table>
    ${downloads(whatifData())}`;
  const form = document.getElementById("whatif");
  const go = () => {
    const weights = pillars.map((p) => `${p.pillar}:${form[p.pillar].value}`).join(",");
    navigate(`#/whatif?weights=${weights}&normalisation=${form.normalisation.value}&aggregation=${form.aggregation.value}&year=${form.year.value}`);
  };
  for (const input of form.querySelectorAll("input[type=range]")) {
    input.oninput = () => { input.nextElementSibling.textContent = input.value; };
    input.onchange = go;
  }
  for (const select of form.querySelectorAll("select")) select.onchange = go;
  const names = w.data.map((r) => name(r.country));
  chart("c-whatif", {
    tooltip: { trigger: "axis" }, legend: { top: 0 },
    grid: { left: 150, right: 20, top: 30, bottom: 30 },
    yAxis: { type: "category", data: names, inverse: true }, xAxis: { type: "value", min: 0, max: w.data.length + 1, name: t("rank") },
    series: [
      { name: t("default_rank"), type: "scatter", data: w.data.map((r, i) => [r.default_rank, i]), color: "#999" },
      { name: t("new_rank"), type: "scatter", data: w.data.map((r, i) => [r.rank, i]), color: "#045a8d" },
    ],
  });
}

// ── explore ──────────────────────────────────────────────────────────────────────────────────

const PALETTE = ["#c0392b", "#045a8d", "#8e6c3a", "#33a02c", "#6a3d9a", "#e08214", "#2b8cbe", "#7d6608", "#b15928", "#555"];

/** The view the address asks for: indicator, states, years, breakdown and chart kind. */
function exploreQuery() {
  const p = params();
  const [from, to] = (p.get("years") || "").split("..").map((y) => Number(y) || null);
  return {
    indicator: p.get("indicator") || "china_partner_share",
    countries: (p.get("countries") || "BRA,CHL,MEX,PER,ARG").split(",").filter((c) => state.byCode[c]),
    from, to,
    dimension: p.get("dimension") || "",
    kind: p.get("chart") === "bar" ? "bar" : "line",
  };
}

/** The API address of the data behind a view (the downloads add `format`). */
function exploreData(q) {
  const parts = [`country=${q.countries.join(",")}`];
  if (q.from || q.to) parts.push(`years=${q.from || 1900}..${q.to || 2100}`);
  if (q.dimension) parts.push(`dimension=${encodeURIComponent(q.dimension)}`);
  return `/api/indicators/${encodeURIComponent(q.indicator)}?${parts.join("&")}`;
}

function exploreHash(q) {
  const parts = [`indicator=${q.indicator}`, `countries=${q.countries.join(",")}`];
  if (q.from || q.to) parts.push(`years=${q.from || ""}..${q.to || ""}`);
  if (q.dimension) parts.push(`dimension=${encodeURIComponent(q.dimension)}`);
  if (q.kind === "bar") parts.push("chart=bar");
  return `#/explore?${parts.join("&")}`;
}

async function exploreView() {
  const q = exploreQuery();
  let r = q.countries.length ? await api(exploreData(q)) : { data: [], meta: {}, provenance: { sources: [] } };
  const dimensions = [...new Set(r.data.map((v) => v.dimension).filter(Boolean))].sort();
  if (dimensions.length && !q.dimension) {
    // One breakdown at a time: the first, unless the address names one.
    q.dimension = dimensions[0];
    r = await api(exploreData(q));
  }
  const rows = r.data.filter((v) => !q.dimension || v.dimension === q.dimension);
  const years = [...new Set(rows.map((v) => v.year))].sort((a, b) => a - b);
  const info = state.indicators.find((i) => i.id === q.indicator) || { title: q.indicator, unit: "" };
  const unit = r.meta.unit || info.unit || "";
  const states = [...state.countries].sort((a, b) => name(a.code).localeCompare(name(b.code), state.lang));
  const data = exploreData(q);
  view().innerHTML = `
    <h1>${esc(t("explore_title"))}</h1><p class="note">${esc(t("explore_note"))}</p>
    <form id="explore" class="controls">
      <label>${t("indicator")} <select name="indicator">${state.indicators.filter((i) => i.values > 0).map((i) => `<option value="${i.id}"${i.id === q.indicator ? " selected" : ""}>${esc(title(i.id, i.title))}</option>`).join("")}</select></label>
      ${dimensions.length ? `<label>${t("breakdown")} <select name="dimension">${dimensions.map((d) => `<option${d === q.dimension ? " selected" : ""}>${esc(d)}</option>`).join("")}</select></label>` : ""}
      <label>${t("from_year")} <input name="from" type="number" min="1948" max="2100" value="${q.from || ""}" placeholder="${years[0] || ""}"></label>
      <label>${t("to_year")} <input name="to" type="number" min="1948" max="2100" value="${q.to || ""}" placeholder="${years.at(-1) || ""}"></label>
      <label>${t("chart_kind")} <select name="chart"><option value="line">${t("chart_line")}</option><option value="bar"${q.kind === "bar" ? " selected" : ""}>${t("chart_bar")}</option></select></label>
      <label>${t("states")} <select name="countries" multiple size="6">${states.map((c) => `<option value="${c.code}"${q.countries.includes(c.code) ? " selected" : ""}>${esc(name(c.code))}</option>`).join("")}</select></label>
      <button type="submit">${t("apply")}</button>
    </form>
    <h2 id="explore-title">${esc(title(q.indicator, info.title))}${q.dimension ? ` · ${esc(q.dimension)}` : ""} <small class="note">(${esc(unitLabel(unit))})</small></h2>
    <p class="note" id="explore-definition">${esc(definition(q.indicator))}</p>
    <div id="c-explore" class="chart"></div>
    <p class="note">${t("share_link")}: <input id="share" readonly size="60" value="${esc(location.origin + location.pathname + exploreHash(q))}"></p>
    ${downloads(data)}
    ${provenance(r.provenance.sources)}`;
  const form = document.getElementById("explore");
  const read = () => ({
    indicator: form.indicator.value,
    countries: [...form.countries.selectedOptions].map((o) => o.value),
    from: Number(form.from.value) || null, to: Number(form.to.value) || null,
    dimension: form.indicator.value === q.indicator && form.dimension ? form.dimension.value : "",
    kind: form.chart.value,
  });
  form.onsubmit = (e) => { e.preventDefault(); navigate(exploreHash(read())); };
  for (const el of [form.indicator, form.chart, form.dimension].filter(Boolean)) el.onchange = () => { navigate(exploreHash(read())); };
  chart("c-explore", {
    tooltip: { trigger: "axis", valueFormatter: (v) => fmt(v, unit) }, legend: { top: 0 },
    grid: { left: 90, right: 20, top: 40, bottom: 30 },
    xAxis: { type: "category", data: years.map(String) },
    yAxis: { type: "value", axisLabel: { formatter: (v) => fmt(v, unit) } },
    series: q.countries.map((c, i) => ({
      name: name(c), type: q.kind, showSymbol: false, color: PALETTE[i % PALETTE.length],
      data: years.map((y) => { const v = rows.find((x) => x.country === c && x.year === y); return v ? v.value : null; }),
    })),
  });
}

// ── the timeline ─────────────────────────────────────────────────────────────────────────────

const KINDS = ["recognition", "partnership", "trade_agreement", "bri", "aiib", "forum", "celac", "policy", "programme"];
const KIND_COLOURS = ["#045a8d", "#8e6c3a", "#2b8cbe", "#c0392b", "#7d6608", "#6a3d9a", "#b15928", "#33a02c", "#e08214"];

/** A fact's sentence in the reader's language, or in English marked as not translated yet. */
function factText(f) {
  const lang = f.text_lang || "en";
  const untranslated = lang === state.lang ? "" : ` <small class="untranslated">(${esc(t("not_translated"))})</small>`;
  return `<span lang="${esc(lang)}">${esc(f.text)}</span>${untranslated}`;
}

/** Every dated fact (a state's own and the region-wide ones, for a state), as a chart of kinds
 * over time and a list by year. */
async function timelineView(code) {
  const asked = params().get("kind") || "";
  const kind = KINDS.includes(asked) ? asked : "";
  const all = await api(`/api/facts?lang=${state.lang}${kind ? `&kind=${kind}` : ""}`);
  const rows = all.data.filter((f) => !code || f.country === code || f.country === null)
    .sort((a, b) => String(a.date).localeCompare(String(b.date)) || a.id.localeCompare(b.id));
  const where = (f) => (f.country ? name(f.country) : t("region_wide"));
  const byYear = new Map();
  for (const f of rows) {
    const y = String(f.date).slice(0, 4);
    if (!byYear.has(y)) byYear.set(y, []);
    byYear.get(y).push(f);
  }
  const states = [...state.countries].sort((a, b) => name(a.code).localeCompare(name(b.code), state.lang));
  const link = (c, k) => `#/timeline${c ? `/${c}` : ""}${k ? `?kind=${k}` : ""}`;
  const download = `/api/facts?${[code && `country=${code}`, kind && `kind=${kind}`, `lang=${state.lang}`].filter(Boolean).join("&")}`;
  view().innerHTML = `
    <h1>${esc(code ? t("timeline_country", { name: name(code) }) : t("timeline_title"))}</h1>
    <p class="note">${esc(t("timeline_note"))} </p>
    <div class="controls">
      <label>${t("country")} <select id="tl-country"><option value="">${t("all_states")}</option>${states.map((c) => `<option value="${c.code}"${c.code === code ? " selected" : ""}>${esc(name(c.code))}</option>`).join("")}</select></label>
      <label>${t("kind")} <select id="tl-kind"><option value="">${t("all_kinds")}</option>${KINDS.map((k) => `<option value="${k}"${k === kind ? " selected" : ""}>${esc(t(`fact_${k}`))}</option>`).join("")}</select></label>
      <span class="note" data-testid="tl-count">${esc(t("events_count", { n: rows.length }))}</span>
    </div>
    <div id="c-timeline" class="chart"></div>
    <div id="timeline">${[...byYear].map(([y, fs]) => `<h2>${y}</h2><ul class="timeline">${fs.map((f) => `
      <li data-fact="${esc(f.id)}"><span class="when">${fmtDate(f.date)}${f.until ? ` – ${fmtDate(f.until)}` : ""}</span>
        <strong>${esc(where(f))}</strong> · ${esc(t(`fact_${f.kind}`))}: ${esc(t(`fact_value_${f.value}`))}
        <br>${factText(f)}<br><small class="src">${esc(f.sources)}</small></li>`).join("")}</ul>`).join("")}</div>
    ${downloads(download.replace(/\?$/, ""))}
    ${provenance(all.provenance.sources)}`;
  document.getElementById("tl-country").onchange = (e) => { navigate(link(e.target.value, kind)); };
  document.getElementById("tl-kind").onchange = (e) => { navigate(link(code, e.target.value)); };
  const lanes = KINDS.filter((k) => rows.some((f) => f.kind === k));
  chart("c-timeline", {
    tooltip: { trigger: "item", formatter: (p) => `${esc(fmtDate(p.data.date))} · ${esc(p.data.where)}<br>${esc(p.data.text)}` },
    grid: { left: 200, right: 20, top: 10, bottom: 30 },
    xAxis: { type: "time" },
    yAxis: { type: "category", data: lanes.map((k) => t(`fact_${k}`)) },
    series: lanes.map((k) => ({
      type: "scatter", color: KIND_COLOURS[KINDS.indexOf(k)], symbolSize: 9,
      data: rows.filter((f) => f.kind === k).map((f) => ({
        value: [String(f.date).length === 4 ? `${f.date}-07-01` : f.date, t(`fact_${k}`)],
        symbol: f.country ? "circle" : "diamond", date: f.date, where: where(f), text: f.text,
      })),
    })),
  });
}

// ── claims and sources ───────────────────────────────────────────────────────────────────────

const verdictBadge = (v) => `<span class="verdict ${esc(v)}">${esc(t(`verdict_${v}`))}</span>`;

async function claimsView() {
  const c = await api(`/api/claims?lang=${state.lang}`);
  const docs = c.meta.documents.map((d) => `<p><strong>${esc(d.document.authors)} (${esc(d.document.published)})</strong>, <cite data-verbatim>${esc(d.document.title)}</cite>. ${Object.entries(d.summary).filter(([, v]) => v > 0).map(([k, v]) => `${v} ${esc(t(`verdict_${k}`))}`).join(" · ")}</p>`);
  view().innerHTML = `
    <h1>${t("nav_claims")}</h1><p class="note">${t("claims_note")}</p>${docs.join("")}
    <table class="data" id="claims-table"><thead><tr><th>${t("section")}</th><th>${t("claim")}</th><th>${t("verdict")}</th><th>${t("reason")}</th></tr></thead>
    <tbody>${c.data.map((r) => `<tr data-id="${esc(r.id)}"><td>${esc(r.section)}</td><td><q>${esc(r.text)}</q><br><a class="permalink" href="#/claims/${encodeURIComponent(r.id)}">${t("evidence")} ▸</a></td><td>${verdictBadge(r.verdict)}</td><td>${esc(r.reason)}</td></tr>`).join("")}</tbody></table>
    ${downloads(`/api/claims?lang=${state.lang}`)}
    ${provenance(c.provenance.sources)}`;
}

/** One claim's page, its permalink: the quote, each part with its verdict, the evidence with its
 * sources, and the SQL that reproduces each number. */
async function claimView(id) {
  const one = await api(`/api/claims/${encodeURIComponent(id)}?lang=${state.lang}`);
  const c = one.data;
  const d = one.document;
  const where = [`§${c.section}`, c.page ? `p. ${c.page}` : "", c.cites ? `${t("cites")} ${c.cites}` : ""].filter(Boolean).join(" · ");
  const evidence = (e) => `<tr><td>${esc(e.label)}<br><small>${esc(t(`role_${e.role}`))}${e.scope ? ` — ${esc(e.scope)}` : ""}</small></td>
    <td class="num">${esc(e.shown)}${e.difference ? `<br><small>${esc(e.difference)}</small>` : ""}</td><td>${verdictBadge(e.verdict)}</td>
    <td>${esc(e.reason)}${e.coverage ? `<br><small>${esc(e.coverage)}</small>` : ""}${e.margin ? `<br><small>${t("margin")}: ${esc(e.margin)}</small>` : ""}
    <br><small class="src">${esc(e.sources.join("; "))}</small>${e.reproduce ? `<details><summary>${t("reproduce")}</summary><pre class="sql">${esc(e.reproduce)}</pre>${e.reproduce_margin ? `<p>${t("margin")}:</p><pre class="sql">${esc(e.reproduce_margin)}</pre>` : ""}</details>` : ""}</td></tr>`;
  const part = (p) => `<section class="part"><h2>${esc(p.what)}</h2>
    <p>${t("claimed")}: <strong>${esc(p.claimed)}</strong> ${verdictBadge(p.verdict)} — ${esc(p.reason)}</p>
    ${p.faithful ? `<p>${t("faithful")}: ${verdictBadge(p.faithful.verdict)} — ${esc(p.faithful.reason)}</p>` : ""}
    ${p.evidence.length ? `<table class="data small"><thead><tr><th>${t("source")}</th><th>${t("computed")}</th><th>${t("verdict")}</th><th>${t("reason")}</th></tr></thead><tbody>${p.evidence.map(evidence).join("")}</tbody></table>` : ""}</section>`;
  const link = `${location.origin}${location.pathname}#/claims/${encodeURIComponent(c.id)}`;
  view().innerHTML = `
    <p><a href="#/claims">${t("back_to_claims")}</a></p>
    <article id="claim" data-id="${esc(c.id)}"><h1>${esc(c.id)}</h1>
    <blockquote><q>${esc(c.text)}</q></blockquote>
    <p><cite data-verbatim>${esc(d.authors)} (${esc(d.published)}), ${esc(d.title)}${d.venue ? `, ${esc(d.venue)}` : ""}</cite> · ${esc(where)}</p>
    <p class="overall">${verdictBadge(c.verdict)} — ${esc(c.reason)}</p>
    ${c.parts.map(part).join("")}
    ${c.notes ? `<p class="note">${esc(c.notes)}</p>` : ""}
    <p class="cite">${t("cite_as")}: galeon, ${t("claim")} “${esc(c.id)}”, ${esc(link)} (${t("store_built")} ${esc(one.provenance.store_built_at)})</p>
    <p><a href="/api/claims/${encodeURIComponent(c.id)}?lang=${state.lang}" download="${esc(c.id)}.json">${t("download")} JSON</a></p></article>`;
}

async function sourcesView() {
  const s = await api("/api/sources");
  view().innerHTML = `
    <h1>${t("nav_sources")}</h1><p class="note">${t("sources_note")}${state.lang === "en" ? "" : ` ${esc(t("sources_as_recorded"))}`}</p>
    ${state.health && state.health.release ? `<p class="lead-link"><a id="release-link" href="${esc(state.health.release)}">${esc(t("release_link"))}</a></p>` : ""}
    <table class="data" id="sources-table"><thead><tr><th>${t("dataset")}</th><th>${t("publisher")}</th><th>${t("licence")}</th><th>${t("releases")}</th><th>${t("status")}</th><th>${t("rows")}</th></tr></thead>
    <tbody>${s.data.map((d) => `<tr><td><strong>${esc(d.id)}</strong><br><span data-verbatim lang="en">${esc(d.title)}</span></td><td data-verbatim lang="en">${esc(d.publisher)}</td><td data-verbatim lang="en">${esc(d.licence)}</td><td data-verbatim lang="en">${esc(d.releases)}</td><td>${esc(t(`dataset_status_${d.status}`))}</td><td class="num">${fmt(d.rows_stored)}</td></tr>`).join("")}</tbody></table>
    ${downloads("/api/sources")}`;
}

// ── frame ────────────────────────────────────────────────────────────────────────────────────

function frame() {
  document.documentElement.lang = state.lang;
  document.title = t("title");
  document.getElementById("tagline").textContent = t("tagline");
  for (const a of document.querySelectorAll("[data-nav]")) a.textContent = t(`nav_${a.dataset.nav}`);
  for (const b of document.querySelectorAll("button[data-lang]")) b.setAttribute("aria-pressed", String(b.dataset.lang === state.lang));
  if (state.health) {
    document.getElementById("cite").textContent = t("cite_line", {
      version: state.health.galeon, built: state.health.store_built_at.slice(0, 10), url: location.origin,
    });
  }
}

/** A state's code from an address, refused unless it is one of the states (so that what a
 * link carries is never written into the page as it is). */
function known(text) {
  const code = decodeURIComponent(text).toUpperCase();
  if (!state.byCode[code]) throw new Error(`${code}: not one of the 33 LAC states`);
  return code;
}

async function render() {
  for (const c of state.charts) c.dispose();
  state.charts = [];
  frame();
  view().innerHTML = `<p>${t("loading")}</p>`;
  const route = location.hash.replace(/^#\/?/, "").split("?")[0];
  try {
    if (route.startsWith("country/")) await countryView(known(route.slice(8)));
    else if (route.startsWith("framework/")) await frameworkView(route.slice(10).toUpperCase());
    else if (route === "framework") await regionView();
    else if (route === "index") await indexView();
    else if (route === "explore") await exploreView();
    else if (route === "whatif") await whatifView();
    else if (route.startsWith("timeline/")) await timelineView(known(route.slice(9)));
    else if (route === "timeline") await timelineView("");
    else if (route.startsWith("claims/")) await claimView(decodeURIComponent(route.slice(7)));
    else if (route === "claims") await claimsView();
    else if (route === "sources") await sourcesView();
    else await mapView();
    document.body.dataset.ready = route.startsWith("claims/") ? "claim" : route || "map";
  } catch (e) {
    view().innerHTML = `<p class="error">${esc(e.message)}</p>`;
    document.body.dataset.ready = "error";
  }
}

async function start() {
  for (const b of document.querySelectorAll("button[data-lang]")) {
    b.onclick = () => {
      state.lang = b.dataset.lang;
      localStorage.setItem("galeon.lang", state.lang);
      document.body.dataset.ready = "";
      render();
    };
  }
  const [countries, indicators, geo, health] = await Promise.all([
    api("/api/countries"), api("/api/indicators"), fetch("/assets/lac.geo.json").then((r) => r.json()),
    api("/api/health"),
  ]);
  state.health = health;
  state.countries = countries.data;
  for (const c of countries.data) {
    state.byCode[c.code] = c;
    state.byNumeric[String(c.numeric)] = c.code;
  }
  state.indicators = indicators.data;
  echarts.registerMap("lac", geo);
  for (const f of geo.features) state.centres[state.byNumeric[String(f.id)]] = centreOf(f);
  window.addEventListener("hashchange", () => { document.body.dataset.ready = ""; render(); });
  // A printed claim page shows its SQL.
  window.addEventListener("beforeprint", () => document.querySelectorAll("details").forEach((d) => { d.open = true; }));
  window.addEventListener("resize", () => state.charts.forEach((c) => c.resize()));
  await render();
}

// For tests and scripts: where a state's centre is on the map, in page pixels.
window.galeon = {
  mapPixel(code) {
    const c = state.charts[0];
    const el = document.getElementById("map");
    if (!c || !el || !state.centres[code]) return null;
    const [x, y] = c.convertToPixel({ geoIndex: 0 }, state.centres[code]);
    const box = el.getBoundingClientRect();
    return [box.left + x, box.top + y];
  },
  lang: () => state.lang,
  /** Translation keys asked for that no file has. */
  missingTexts: () => [...missingTexts],
  /** What a chart draws: each series' name, type and values. */
  chartSeries(id) {
    const c = echarts.getInstanceByDom(document.getElementById(id));
    return c ? c.getOption().series.map((s) => ({ name: s.name, type: s.type, data: s.data })) : null;
  },
};

start();
