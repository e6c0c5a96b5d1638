// End-to-end tests of the dashboard in headless Chromium (Debian's package, driven by
// playwright-core; no browser download). galeon's own test (crates/cli/tests/real_store.rs) starts
// the server over a store built from ../shared/data and runs this file with GALEON_URL set.
// With GALEON_SCREENSHOTS=DIR it also saves the screenshots kept in docs/screenshots.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { BASE, SHOTS, api, openPage, closeBrowser, ready as readyOn } from "./browser.mjs";

let page;
before(async () => { page = await openPage({ viewport: { width: 1280, height: 900 }, locale: "en-GB" }); });
after(closeBrowser);

const ready = (route) => readyOn(page, route, 600); // charts finish their first animation frame

async function shot(name) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: /^(country|framework)/.test(name) });
}

/** A number formatted by the browser itself, as the page should show it. */
function intl(lang, value, options) {
  return page.evaluate(([l, v, o]) => new Intl.NumberFormat(l, o).format(v), [lang, value, options]);
}

test("the map loads in English with every LAC state, missing data shown as missing", async () => {
  await page.goto(`${BASE}/#/map?indicator=index`);
  await ready("map");
  assert.match(await page.textContent("h1"), /Cooperation index/);
  assert.equal(await page.locator("#map-table tbody tr").count(), 33);
  assert.ok(await page.locator("#map canvas").count() >= 1);
  assert.match(await page.textContent(".note"), /Grey: no data/);
  // How to cite, with the version and the store's build date the server reports.
  const health = await api("/api/health");
  const cite = await page.textContent("#cite");
  assert.ok(cite.includes(`galeon ${health.galeon}`) && cite.includes(health.store_built_at.slice(0, 10)), cite);
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
  // Where a share changes source, the page says so under the chart, year and new source as the API gives them.
  const shares = (await api("/api/indicators/china_partner_share?country=BRA")).data;
  const breaks = shares.filter((r) => r.series_break);
  assert.ok(breaks.length > 0, "Brazil's share changes source at least once");
  const note = await page.textContent("[data-testid=share-breaks]");
  for (const b of breaks) assert.ok(note.includes(`China ${b.year}: ${b.source}`), note);
  assert.ok(await page.locator("#open-framework", { hasText: "Brasil" }).count());
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

test("a state through the framework: nine cards, each value, trend and place as the API gives them", async () => {
  await page.goto(`${BASE}/#/country/PER`);
  await ready("country/PER");
  await page.click("button[data-lang=en]");
  await ready("country/PER");
  await page.click("#open-framework");
  await ready("framework/PER");
  const f = await api("/api/framework?country=PER&lang=en");
  assert.equal(await page.textContent("#framework-name"), "Peru");
  assert.equal(await page.locator("#framework-grid section.card").count(), 9);
  assert.equal(await page.locator("#framework-grid section.card[data-part^=f]").count(), 5);
  for (const part of f.meta.parts) {
    const card = page.locator(`section.card[data-part=${part.id}]`);
    assert.ok((await card.locator("h2").textContent()).includes(part.name), part.id);
    const rows = f.data.filter((r) => r.part === part.id);
    assert.equal(await card.locator("tbody tr").count(), rows.length, part.id);
    // Each value as the API gives it, formatted by the browser in English, with its year.
    for (const r of rows.filter((x) => x.latest !== null && x.unit.startsWith("fraction"))) {
      const cell = card.locator(`tr[data-indicator=${r.indicator}] td.num`).first();
      const expected = await intl("en", r.latest, { style: "percent", maximumFractionDigits: 1 });
      assert.ok((await cell.textContent()).startsWith(`${expected}${r.latest_year}`), `${part.id} ${r.indicator}`);
    }
    // A trend line wherever the state has two values or more; none where it has fewer.
    const drawn = rows.filter((r) => (f.meta.trends[r.indicator] || []).length >= 2).length;
    assert.equal(await card.locator("svg.spark").count(), drawn, part.id);
    assert.equal(await card.locator("details.facts li").count(), part.facts.length, part.id);
  }
  // Peru's F3 on the page: the Belt and Road, the AIIB, the FTA and the partnership among its dated facts.
  const f3 = await page.textContent("section.card[data-part=f3_rational_choice] details.facts");
  for (const word of ["Belt and Road", "AIIB", "free-trade"]) assert.ok(f3.includes(word), `${word}: ${f3}`);
  await shot("framework-en");
  // Another state from the selector; the names follow the language.
  await page.selectOption("#country", "MEX");
  await ready("framework/MEX");
  await page.click("button[data-lang=es]");
  await ready("framework/MEX");
  assert.equal(await page.textContent("#framework-name"), "México");
  assert.ok((await page.textContent("section.card[data-part=f3_rational_choice] h2")).includes("La elección racional de ALC"));
});

test("the region through the framework: the 33 states side by side, sortable by each indicator", async () => {
  await page.goto(`${BASE}/#/framework?part=economic`);
  await ready("framework");
  await page.click("button[data-lang=en]");
  await ready("framework");
  const f = await api("/api/framework?lang=en");
  const rows = f.data.filter((r) => r.part === "economic");
  const ids = [...new Set(rows.map((r) => r.indicator))];
  assert.equal(await page.locator("#region-table tbody tr").count(), 33);
  assert.equal(await page.locator("#region-table thead th").count(), ids.length + 1);
  // Sorted by China's share of trade: the first state has the highest latest share in the API's
  // rows; sorted by China's rank among partners, the first has the lowest (rank 1). The route
  // stays the same, so the page is marked not ready before each change.
  const unready = () => page.evaluate(() => { document.body.dataset.ready = ""; });
  await unready();
  await page.click(`#region-table thead a[href$="sort=china_partner_share"]`);
  await ready("framework");
  const shares = rows.filter((r) => r.indicator === "china_partner_share" && r.latest !== null);
  const top = Math.max(...shares.map((r) => r.latest));
  const first = await page.getAttribute("#region-table tbody tr:first-child", "data-code");
  assert.equal(shares.find((r) => r.country === first).latest, top);
  await unready();
  await page.click(`#region-table thead a[href$="sort=china_partner_rank"]`);
  await ready("framework");
  const ranked = await page.getAttribute("#region-table tbody tr:first-child", "data-code");
  assert.equal(rows.find((r) => r.indicator === "china_partner_rank" && r.country === ranked).latest, 1);
  const missing = rows.filter((r) => r.latest === null).length;
  assert.equal(await page.locator("#region-table td.missing").count(), missing);
  await shot("framework-region");
  // A foundation from the selector; a state's name opens its view.
  await unready();
  await page.selectOption("#part", "f3_rational_choice");
  await ready("framework");
  const f3 = f.data.filter((r) => r.part === "f3_rational_choice");
  assert.equal(await page.locator("#region-table thead th").count(), new Set(f3.map((r) => r.indicator)).size + 1);
  await page.click("#region-table tr[data-code=CHL] a");
  await ready("framework/CHL");
});
