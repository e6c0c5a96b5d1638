// The explore and timeline views in headless Chromium: what the chart draws, what the page lists
// and what its download links give are the API's rows for the same request. Run by
// crates/cli/tests/real_store.rs with GALEON_URL set; GALEON_SCREENSHOTS=DIR saves screenshots.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { BASE, SHOTS, api, openPage, closeBrowser, ready as readyOn } from "./browser.mjs";

let page;
before(async () => { page = await openPage({ viewport: { width: 1280, height: 900 }, locale: "en-GB" }); });
after(closeBrowser);
const ready = (route) => readyOn(page, route);

/** The series the explore chart draws: name and values. */
const drawn = () => page.evaluate(() => window.galeon.chartSeries("c-explore"));

test("explore: the chart draws the API's values, the address reproduces the view, the download is the data", async () => {
  const hash = "#/explore?indicator=china_partner_share&countries=BRA,CHL,URY&years=2000..2020";
  await page.goto(`${BASE}/${hash}`);
  await ready("explore");
  const series = await drawn();
  assert.equal(series.length, 3);
  const rows = (await api("/api/indicators/china_partner_share?country=BRA,CHL,URY&years=2000..2020")).data;
  for (const [i, code] of ["BRA", "CHL", "URY"].entries()) {
    const mine = rows.filter((r) => r.country === code).sort((a, b) => a.year - b.year);
    assert.deepEqual(series[i].data.filter((v) => v !== null), mine.map((r) => r.value), code);
  }
  // The CSV link gives exactly those rows.
  const csv = await (await fetch(BASE + (await page.getAttribute(".downloads a", "href")))).text();
  assert.equal(csv.trim().split("\n").length - 1, rows.length);
  // The shareable link is this view's address.
  assert.ok((await page.inputValue("#share")).endsWith(hash), await page.inputValue("#share"));
  // Bars instead of lines: the address says so, and opening it again gives the same view.
  await page.selectOption("#explore select[name=chart]", "bar");
  await ready("explore");
  assert.match(page.url(), /chart=bar/);
  assert.equal((await drawn())[0].type, "bar");
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/explore-en.png` });
});

test("explore: an indicator with a breakdown is shown one breakdown at a time", async () => {
  await page.goto(`${BASE}/#/explore?indicator=cgit_investment_by_sector_usd&countries=BRA,PER`);
  await ready("explore");
  const dimension = await page.inputValue("#explore select[name=dimension]");
  assert.ok(dimension, "a breakdown is chosen");
  const rows = (await api(`/api/indicators/cgit_investment_by_sector_usd?country=BRA,PER&dimension=${encodeURIComponent(dimension)}`)).data;
  const series = await drawn();
  const total = series.flatMap((s) => s.data).filter((v) => v !== null).length;
  assert.equal(total, rows.length);
});

/** The what-if table's rows: country, new rank, default rank. */
const whatifRows = () => page.$$eval("#whatif-table tbody tr", (trs) => trs.map((tr) => [tr.dataset.code, Number(tr.cells[0].textContent), Number(tr.cells[3].textContent)]));

test("what if: a weight moved by its slider re-ranks the states as the API does for those weights", async () => {
  await page.goto(`${BASE}/#/whatif?year=2020`);
  await ready("whatif");
  const before = await api("/api/index/whatif?year=2020");
  assert.deepEqual(await whatifRows(), before.data.map((r) => [r.country, r.rank, r.default_rank]));
  // With the default choices, every state keeps its rank.
  assert.ok(before.data.every((r) => r.rank === r.default_rank));
  // Move the economic field's weight to 4 and the green one to 0, as a reader would.
  for (const [pillar, value] of [["economic", "4"], ["green", "0"]]) {
    await page.$eval(`#whatif input[name=${pillar}]`, (el, v) => { el.value = v; el.dispatchEvent(new Event("change")); }, value);
    await ready("whatif");
  }
  assert.match(page.url(), /weights=economic:4,political:1,cultural:1,green:0/);
  const after = await api("/api/index/whatif?weights=economic:4,political:1,cultural:1,green:0&normalisation=minmax&aggregation=arithmetic&year=2020");
  assert.deepEqual(await whatifRows(), after.data.map((r) => [r.country, r.rank, r.default_rank]));
  assert.ok(after.data.some((r) => r.rank !== r.default_rank), "the weights moved some state");
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/whatif-en.png`, fullPage: true });
});

test("timeline: the region's and a state's dated facts, filtered by kind", async () => {
  const all = (await api("/api/facts")).data;
  await page.goto(`${BASE}/#/timeline`);
  await ready("timeline");
  assert.equal(await page.locator("#timeline li").count(), all.length);
  await page.goto(`${BASE}/#/timeline/PER`);
  await ready("timeline/PER");
  const peru = all.filter((f) => f.country === "PER" || f.country === null);
  assert.equal(await page.locator("#timeline li").count(), peru.length);
  await page.goto(`${BASE}/#/timeline?kind=forum`);
  await ready("timeline");
  const forum = all.filter((f) => f.kind === "forum");
  assert.equal(await page.locator("#timeline li").count(), forum.length);
  // Oldest first.
  const first = await page.getAttribute("#timeline li", "data-fact");
  assert.equal(first, [...forum].sort((a, b) => String(a.date).localeCompare(String(b.date)))[0].id);
  if (SHOTS) {
    await page.goto(`${BASE}/#/timeline/PER`);
    await ready("timeline/PER");
    await page.screenshot({ path: `${SHOTS}/timeline-per.png`, fullPage: true });
  }
});
