// The dashboard in Spanish, every view and every claim's page, in headless Chromium: no English
// words outside what is quoted or cited as written (the paper's sentences, titles of documents
// and datasets, publishers' names and terms, source lines: elements marked q, blockquote, .src or
// data-verbatim, and passages in quotation marks). The check is on the words English has and Spanish does not ("the", "of",
// "gives"…), so names and codes pass. Run by crates/cli/tests/real_store.rs with GALEON_URL set.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { BASE, api, openPage, closeBrowser, ready } from "./browser.mjs";

let page;
before(async () => {
  page = await openPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${BASE}/`);
  await page.evaluate(() => localStorage.setItem("galeon.lang", "es"));
  await page.reload();
});
after(closeBrowser);

/** English words that are not Spanish words (nor parts of names galeon shows). */
const ENGLISH = /\b(the|of|and|with|from|gives|claimed|which|within|between|only|states|share|data|records?|supported|inconclusive|contradicted|checkable|query|bound|this|that|has|have|not|are|is|for)\b/g;

/** A line without its quoted passages ('…', ‘…’, “…”, «…», "…": the words a source wrote), its
 * addresses and its hyphenated codes (troika-of-tyranny). */
function unquoted(line) {
  return line
    .replace(/(^|[\s(])'[^']*'(?=[\s.,;:)]|$)/g, "$1")
    .replace(/‘[^’]*’|“[^”]*”|«[^»]*»|"[^"]*"/g, "")
    .replace(/https?:\/\/\S+/g, "")
    .replace(/\w+(-\w+)+/g, "");
}

/** The page's visible text outside quotes and citations, line by line, with its English words. */
async function english() {
  const text = await page.evaluate(() => {
    const main = document.querySelector("main");
    const copy = main.cloneNode(true);
    copy.querySelectorAll("q, blockquote, .src, [data-verbatim], script, style, svg, canvas").forEach((e) => e.remove());
    document.body.appendChild(copy);
    copy.style.position = "absolute";
    const seen = copy.innerText;
    copy.remove();
    return seen;
  });
  return text.split("\n").filter((l) => (unquoted(l).match(ENGLISH) || []).length >= 2);
}

const views = ["", "index", "framework", "framework/BRA", "country/BRA", "explore", "whatif", "timeline", "timeline/PER", "claims", "sources"];

test("every view in Spanish shows no English outside quotes and citations", async () => {
  const found = [];
  for (const route of views) {
    await page.goto(`${BASE}/#/${route}`);
    await ready(page, route || "map", 200);
    for (const line of await english()) found.push(`#/${route}: ${line.slice(0, 160)}`);
  }
  assert.deepEqual(found, []);
  // No view asked for a text the translation files lack (it would show its key).
  assert.deepEqual(await page.evaluate(() => window.galeon.missingTexts()), []);
});

test("every claim's page in Spanish shows no English outside quotes and citations", async () => {
  const claims = (await api("/api/claims")).data;
  assert.ok(claims.length > 90);
  const found = [];
  for (const c of claims) {
    await page.goto(`${BASE}/#/claims/${encodeURIComponent(c.id)}`);
    await ready(page, "claim", 50);
    for (const line of await english()) found.push(`${c.id}: ${line.slice(0, 160)}`);
  }
  assert.deepEqual(found, []);
  assert.deepEqual(await page.evaluate(() => window.galeon.missingTexts()), []);
});
