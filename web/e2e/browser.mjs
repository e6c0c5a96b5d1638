// What the end-to-end tests share: the galeon server under test (GALEON_URL), its API, and one
// page of Debian's Chromium per test file (driven by playwright-core; no browser download).
// GALEON_SCREENSHOTS=DIR makes the tests save the screenshots kept in docs/screenshots.
import assert from "node:assert/strict";
import { chromium } from "playwright-core";

export const BASE = process.env.GALEON_URL;
export const SHOTS = process.env.GALEON_SCREENSHOTS;

/** The JSON of an API path, which must answer 200. */
export async function api(path) {
  const r = await fetch(BASE + path);
  assert.equal(r.status, 200, path);
  return r.json();
}

let browser = null;

/** Launches Chromium and opens a page that fails the test on any page error. */
export async function openPage(options) {
  assert.ok(BASE, "GALEON_URL must point at a running galeon serve");
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ["--no-sandbox"] });
  const page = await browser.newPage(options);
  page.on("pageerror", (e) => { throw e; });
  return page;
}

/** Closes what `openPage` launched. */
export async function closeBrowser() {
  await browser?.close();
}

/** Waits until the dashboard has rendered `route`, and its charts their first frame. */
export async function ready(page, route, settle = 400) {
  await page.waitForFunction((r) => document.body.dataset.ready === r, route, { timeout: 60000 });
  await page.waitForTimeout(settle);
}
