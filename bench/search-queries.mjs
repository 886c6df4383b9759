// What a reader's query finds and what it loads, in headless Chromium on a built site: each
// query is typed, in a fresh browser context (nothing cached), into the header's search box
// or the compare view's name box, and the script prints the names offered, whether the item
// expected is among them (and first), and the bytes of JSON the box fetched (the index's
// meta.json, shards and chunks). Part of the benchmark of BENCHMARKS.md ("Search"), not a test.
//
//   node bench/search-queries.mjs SITE_DIR QUERIES_FILE [search|compare]
//
// QUERIES_FILE has one query a line: the language's folder ("" for the default language),
// the typed text and the name expected (or nothing, to measure the load only), separated by
// tabs ("#" starts a comment). Uses the
// browser suite's packages (tests/browser: `npm ci` there) and Chromium from CHROMIUM or
// /usr/bin/chromium.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

import { serve } from "../tests/browser/server.mjs";

const require = createRequire(new URL("../tests/browser/package.json", import.meta.url));
const { chromium } = require("playwright-core");

const [dir, file, box = "search"] = process.argv.slice(2);
if (!dir || !file || !["search", "compare"].includes(box)) {
  console.error("usage: node bench/search-queries.mjs SITE_DIR QUERIES_FILE [search|compare]");
  process.exit(2);
}
const queries = readFileSync(file, "utf8")
  .split("\n")
  .filter((line) => line.trim() && !line.startsWith("#"))
  .map((line) => line.split("\t"))
  .map(([lang, typed, expected]) => ({ lang, typed, expected }));
const PORT = 8790;
const server = await serve(dir, "/", PORT);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});

/** Types `typed` into the box on a fresh page; resolves to the names offered and the JSON loaded. */
async function run({ lang, typed }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const prefix = lang ? `${lang}/` : "";
  await page.goto(`http://127.0.0.1:${PORT}/${prefix}${box === "search" ? "" : "compare/view/"}`);
  const loaded = [];
  page.on("response", (r) => {
    if (new URL(r.url()).pathname.endsWith(".json")) loaded.push(r.body().then((b) => b.length));
  });
  let names;
  if (box === "search") {
    await page.locator("#search-button").click();
    await page.locator("#search-input").fill(typed);
    await page.waitForFunction((t) => document.getElementById("site-search").dataset.shown === t, typed);
    names = await page.$$eval("#search-results .result-title", (t) => t.map((e) => e.textContent));
  } else {
    await page.locator("#compare-name").fill(typed);
    await page.waitForSelector("#compare-options [role=option]", { timeout: 10_000 }).catch(() => null);
    names = await page.$$eval("#compare-options [role=option]", (o) => o.map((e) => e.textContent));
  }
  await page.waitForLoadState("networkidle");
  const sizes = await Promise.all(loaded);
  await context.close();
  return { names, files: sizes.length, bytes: sizes.reduce((a, b) => a + b, 0) };
}

let expected = 0;
let found = 0;
let first = 0;
const sizes = [];
for (const q of queries) {
  const { names, files, bytes } = await run(q);
  const at = q.expected ? names.indexOf(q.expected) : -1;
  expected += Boolean(q.expected);
  found += at >= 0;
  first += at === 0;
  sizes.push(bytes);
  const place = !q.expected ? `${names.length} shown` : at < 0 ? "NOT FOUND" : `#${at + 1} of ${names.length}`;
  console.log(`${q.lang || "-"}\t${q.typed}\t${q.expected ?? ""}: ${place}; ${files} files, ${(bytes / 1024).toFixed(1)} KB`);
}
sizes.sort((a, b) => a - b);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(
  `${found} of ${expected} found (${first} first); JSON loaded per query: median ` +
    `${kb(sizes[Math.floor(sizes.length / 2)])}, largest ${kb(sizes[sizes.length - 1])}`,
);
await browser.close();
server.close();
