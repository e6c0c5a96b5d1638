// End-to-end tests of the dashboard in headless Chromium (Debian's package, driven by
// playwright-core; no browser download). galeon's own test (crates/cli/tests/real_store.rs) starts
// the server over a store built from ../shared/data and runs this file with GALEON_URL set.
// With GALEON_SCREENSHOTS=DIR it also saves the screenshots kept in docs/screenshots.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";

const BASE = process.env.GALEON_URL;
const SHOTS = process.env.GALEON_SCREENSHOTS;
let browser;
let page;

async function api(path) {
  const r = await fetch(BASE + path);
  assert.equal(r.status, 200, path);
  return r.json();
}

async function ready(route) {
  await page.waitForFunction((r) => document.body.dataset.ready === r, route, { timeout: 60000 });
  await page.waitForTimeout(600); // let the charts finish their first animation frame
}

async function shot(name) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: name.startsWith("country") });
}

/** A number formatted by the browser itself, as the page should show it. */
function intl(lang, value, options) {
  return page.evaluate(([l, v, o]) => new Intl.NumberFormat(l, o).format(v), [lang, value, options]);
}

before(async () => {
  assert.ok(BASE, "GALEON_URL must point at a running galeon serve");
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ["--no-sandbox"] });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "en-GB" });
  page.on("pageerror", (e) => { throw e; });
});

after(async () => {
  await browser?.close();
});

test("the map loads in English with every LAC state, missing data shown as missing", async () => {
  await page.goto(`${BASE}/#/map?indicator=index`);
  await ready("map");
  assert.match(await page.textContent("h1"), /Cooperation index/);
  assert.equal(await page.locator("#map-table tbody tr").count(), 33);
  assert.ok(await page.locator("#map canvas").count() >= 1);
  assert.match(await page.textContent(".note"), /Grey: no data/);
  // The table's first value equals the API's best score, formatted in English.
  const m = await api("/api/map?indicator=index");
  const best = m.data.filter((r) => r.value !== null).sort((a, b) => b.value - a.value)[0];
  const cell = page.locator(`#map-table tr[data-code=${best.country}] td.num`).first();
  assert.equal(await cell.textContent(), await intl("en", best.value, { maximumFractionDigits: 2 }));
  await shot("map-en");
  // An indicator with gaps: the missing states say so.
  await page.goto(`${BASE}/#/map?indicator=confucius_institutes&year=2020`);
  await ready("map");
  const missing = (await api("/api/map?indicator=confucius_institutes&year=2020")).meta.missing;
  assert.equal(await page.locator("#map-table td.num", { hasText: "no data" }).count(), missing);
});

test("switching to Spanish translates the labels, the country names and the number format", async () => {
  await page.goto(`${BASE}/#/map?indicator=index`);
  await ready("map");
  await page.click("button[data-lang=es]");
  await ready("map");
  assert.equal(await page.getAttribute("html", "lang"), "es");
  assert.equal(await page.textContent("nav a[data-nav=map]"), "Mapa");
  assert.match(await page.textContent("h1"), /Índice de cooperación/);
  assert.ok(await page.locator("#map-table", { hasText: "Perú" }).count());
  const m = await api("/api/map?indicator=index");
  const row = m.data.find((r) => r.country === "MEX");
  const cell = page.locator("#map-table tr[data-code=MEX] td.num").first();
  assert.equal(await cell.textContent(), await intl("es", row.value, { maximumFractionDigits: 2 }));
  await shot("map-es");
});

test("selecting Brazil on the map opens its page, and the numbers shown equal the API's", async () => {
  await page.goto(`${BASE}/#/map?indicator=index`);
  await ready("map");
  const [x, y] = await page.evaluate(() => window.galeon.mapPixel("BRA"));
  await page.mouse.click(x, y);
  await ready("country/BRA");
  assert.equal(await page.textContent("#country-name"), "Brasil");
  const share = (await api("/api/indicators/china_partner_share?country=BRA")).data.sort((a, b) => a.year - b.year).pop();
  assert.equal(await page.textContent("[data-testid=china-share-year]"), String(share.year));
  // The latest share names the source it comes from (it may be later than IMF DOTS).
  assert.ok((await page.textContent("[data-testid=china-share-source]")).includes(share.source));
  assert.equal(await page.textContent("[data-testid=china-share]"),
    await intl("es", share.value, { style: "percent", maximumFractionDigits: 1 }));
  const us = (await api("/api/indicators/us_partner_share?country=BRA")).data.sort((a, b) => a.year - b.year).pop();
  assert.equal(await page.textContent("[data-testid=us-share]"),
    await intl("es", us.value, { style: "percent", maximumFractionDigits: 1 }));
  const index = (await api("/api/index?country=BRA")).data.sort((a, b) => a.year - b.year).pop();
  assert.equal(await page.textContent("[data-testid=index-rank]"), String(index.rank));
  assert.ok(await page.locator(".figure .small", { hasText: `${index.rank_p05}–${index.rank_p95}` }).count());
  assert.equal(await page.locator("#c-share canvas, #c-flows canvas, #c-finance canvas, #c-index canvas").count() >= 4, true);
  // The framework: the five foundations and four fields, one row per observing indicator as the API gives them.
  const frame = await api("/api/framework?country=BRA");
  assert.equal(await page.locator("#framework-table tr.part").count(), 9);
  assert.equal(await page.locator("#framework-table tbody tr:not(.part)").count(), frame.data.length);
  await shot("country-es");
  await page.click("button[data-lang=en]");
  await ready("country/BRA");
  assert.equal(await page.textContent("#country-name"), "Brazil");
  assert.equal(await page.textContent("[data-testid=china-share]"),
    await intl("en", share.value, { style: "percent", maximumFractionDigits: 1 }));
  await shot("country-en");
});

test("the index, claims and sources pages show the API's rows", async () => {
  await page.goto(`${BASE}/#/index`);
  await ready("index");
  const idx = await api("/api/index");
  const last = Math.max(...idx.data.map((r) => r.year));
  assert.equal(await page.locator("#index-table tbody tr").count(), idx.data.filter((r) => r.year === last).length);
  await page.goto(`${BASE}/#/claims`);
  await ready("claims");
  const claims = await api("/api/claims");
  assert.equal(await page.locator("#claims-table tbody tr").count(), claims.data.length);
  // A claim's permalink: its own page, reached from the list and by address, with each part,
  // its evidence and the SQL that reproduces the numbers.
  await page.click("tr[data-id='trade-total-2002-2021'] a.permalink");
  await ready("claim");
  assert.equal(new URL(page.url()).hash, "#/claims/trade-total-2002-2021");
  const one = await api("/api/claims/trade-total-2002-2021");
  assert.equal(await page.locator("#claim section.part").count(), one.data.parts.length);
  assert.match(await page.textContent("#claim"), /IMF DOTS/);
  assert.ok(await page.locator("#claim pre.sql", { hasText: "trade_flows" }).count() > 0);
  assert.match(await page.textContent("#claim .overall"), /mischaracterised/);
  await page.evaluate(() => { document.body.dataset.ready = ""; location.hash = "#/claims/unido-parks-eight"; });
  await ready("claim");
  assert.match(await page.textContent("#claim .overall"), /internally inconsistent/);
  await shot("claim");
  await page.goto(`${BASE}/#/sources`);
  await ready("sources");
  const sources = await api("/api/sources");
  assert.equal(await page.locator("#sources-table tbody tr").count(), sources.data.length);
  assert.ok(await page.locator("#sources-table", { hasText: "CC BY" }).count());
});
