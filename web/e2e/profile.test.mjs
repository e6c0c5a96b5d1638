// The printable country profile (/profile/CODE) in headless Chromium, in the four languages:
// its key numbers are the API's (read from the indicator and index endpoints, not from the
// profile's own JSON), and every state's profile prints to a brief of two to four A4 pages.
// Run by crates/cli/tests/real_store.rs with GALEON_URL set; GALEON_SCREENSHOTS=DIR saves the
// screenshots kept in docs/screenshots.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { BASE, SHOTS, api, openPage, closeBrowser } from "./browser.mjs";

const LANGS = ["en", "es", "pt", "zh"];
let page;
before(async () => { page = await openPage({ viewport: { width: 1100, height: 900 } }); });
after(closeBrowser);

/** Pages of a PDF: its page objects (`/Type /Page`, not the `/Pages` tree). */
const pageCount = (pdf) => (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;

test("Brazil's profile in four languages: the API's numbers, 2–4 printed pages", async () => {
  const countries = await api("/api/countries");
  const brazil = countries.data.find((c) => c.code === "BRA");
  const share = (await api("/api/indicators/china_partner_share?country=BRA")).data.sort((a, b) => a.year - b.year).at(-1);
  const ranks = (await api("/api/index?country=BRA")).data.sort((a, b) => a.year - b.year);
  const rank = ranks.at(-1);
  for (const lang of LANGS) {
    const response = await page.goto(`${BASE}/profile/BRA?lang=${lang}`);
    assert.equal(response.status(), 200);
    assert.equal(await page.getAttribute("html", "lang"), lang);
    assert.ok((await page.textContent("h1")).includes(brazil[`name_${lang}`]), lang);
    const fig = page.locator("[data-testid=fig-china_partner_share]");
    assert.equal(Number(await fig.getAttribute("data-value")), share.value, lang);
    assert.equal(Number(await fig.getAttribute("data-year")), share.year, lang);
    const idx = page.locator("[data-testid=fig-index_rank]");
    assert.equal(Number(await idx.getAttribute("data-value")), rank.rank, lang);
    assert.equal(Number(await idx.getAttribute("data-year")), rank.year, lang);
    // The interval printed is the API's 5–95 % interval.
    assert.ok((await idx.textContent()).includes(`${rank.rank_p05}–${rank.rank_p95}`), lang);
    // No script, nothing from outside the page: it prints as it is.
    assert.equal(await page.locator("script").count(), 0);
    assert.ok(await page.locator("svg.chart").count() >= 3, lang);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/profile-${lang}.png`, fullPage: true });
    const pages = pageCount(await page.pdf({ format: "A4", printBackground: true }));
    assert.ok(pages >= 2 && pages <= 4, `${lang}: ${pages} pages`);
  }
});

test("every state's profile prints to two to four pages in every language", async () => {
  const countries = await api("/api/countries");
  const longer = [];
  for (const c of countries.data) {
    for (const lang of LANGS) {
      await page.goto(`${BASE}/profile/${c.code}?lang=${lang}`);
      const pages = pageCount(await page.pdf({ format: "A4", printBackground: true }));
      if (pages < 2 || pages > 4) longer.push(`${c.code} ${lang}: ${pages}`);
    }
  }
  assert.deepEqual(longer, []);
});

test("the dashboard speaks Portuguese and Chinese, and links each country to its profile", async () => {
  await page.goto(`${BASE}/#/country/PER`);
  await page.waitForFunction(() => document.body.dataset.ready === "country/PER", null, { timeout: 60000 });
  for (const [lang, map, index] of [["pt", "Mapa", "Índice"], ["zh", "地图", "指数"]]) {
    await page.click(`button[data-lang=${lang}]`);
    await page.waitForFunction(() => document.body.dataset.ready === "country/PER", null, { timeout: 60000 });
    assert.equal(await page.getAttribute("html", "lang"), lang);
    assert.equal(await page.textContent("[data-nav=map]"), map);
    assert.equal(await page.textContent("[data-nav=index]"), index);
    assert.equal(await page.getAttribute("#open-profile", "href"), `/profile/PER?lang=${lang}`);
  }
  // Indicator titles come from the translation files too.
  await page.goto(`${BASE}/#/map?indicator=china_partner_share`);
  await page.waitForFunction(() => document.body.dataset.ready === "map", null, { timeout: 60000 });
  assert.match(await page.textContent("h1"), /^中国在该国贸易中的占比/);
  await page.goto(`${BASE}/#/country/PER`);
  await page.waitForFunction(() => document.body.dataset.ready === "country/PER", null, { timeout: 60000 });
  await page.click("#open-profile");
  await page.waitForLoadState();
  assert.ok((await page.textContent("h1")).includes("秘鲁"));
});
