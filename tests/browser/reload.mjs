// Live reload in a real browser: `node reload.mjs <page URL> <content dir> <screenshot dir>`.
// The page is served by `ismsbook serve`; this script edits files in the content folder and
// checks that the open page reloads by itself, shows an error overlay for a broken theme, and
// recovers. Prints `N passed, M failed`.
import { chromium } from "playwright-core";
import fs from "node:fs";
import path from "node:path";

const [url, content, shots] = process.argv.slice(2);
const executablePath = process.env.ISMSBOOK_CHROMIUM || "/usr/bin/chromium";
const browser = await chromium.launch({
  executablePath,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
});
const results = [];
async function test(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    results.push(true);
    console.log(`ok - ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    results.push(false);
    console.log(`not ok - ${name}\n  ${String(e && e.stack || e).split("\n").join("\n  ")}`);
  }
}

const page = await browser.newPage();
const errors = [];
page.on("pageerror", (e) => errors.push(String(e)));
const doc = path.join(content, "policies/access-control.md");
const original = fs.readFileSync(doc, "utf8");

await test("a saved document reloads the open page by itself", async () => {
  await page.goto(url);
  await page.waitForFunction(() => document.querySelector("script[src$='livereload.js']"));
  await page.evaluate(() => { window.__notReloaded = true; });
  // Give the event stream a moment to connect before saving.
  await page.waitForTimeout(500);
  fs.writeFileSync(doc, original + "\nA sentence added while the page was open.\n");
  await page.waitForFunction(() => !window.__notReloaded && document.body.innerText.includes("A sentence added while the page was open."), null, { timeout: 15000 });
  await page.screenshot({ path: path.join(shots, "live-reload.png") });
});

await test("a broken template shows an overlay, keeps the page, and recovers", async () => {
  const tpl = path.join(content, "theme/templates/document.hbs");
  fs.mkdirSync(path.dirname(tpl), { recursive: true });
  fs.writeFileSync(tpl, "{{#if doc.title}}unclosed");
  const overlay = page.locator("[role=alert]", { hasText: "document.hbs" });
  await overlay.waitFor({ timeout: 15000 });
  await page.screenshot({ path: path.join(shots, "error-overlay.png") });
  if (!(await page.locator("h1", { hasText: "Access Control Policy" }).isVisible())) throw new Error("the last good page is gone");
  fs.rmSync(path.join(content, "theme"), { recursive: true, force: true });
  await overlay.waitFor({ state: "detached", timeout: 15000 });
  await page.locator("h1", { hasText: "Access Control Policy" }).waitFor();
});

fs.writeFileSync(doc, original);
await test("no script errors on the page", async () => {
  if (errors.length) throw new Error(errors.join("\n"));
});
await browser.close();
const passed = results.filter(Boolean).length;
console.log(`${passed} passed, ${results.length - passed} failed`);
process.exit(results.every(Boolean) ? 0 : 1);
