// How long an editor waits under `versus serve`: from saving an item's Markdown file to the
// browser showing the edit (the page reloaded with the new text), measured in headless
// Chromium. Part of the benchmark of BENCHMARKS.md, not a test.
//
//   node bench/serve-latency.mjs VERSUS_BINARY PROJECT_DIR [RUNS]
//
// Opens the first item's page (in name order), then RUNS times appends a sentence to the
// item's file and times until the page shows it; the file is restored at the end. Uses the
// browser suite's packages (tests/browser: `npm ci` there) and Chromium from CHROMIUM or
// /usr/bin/chromium.
import { spawn } from "node:child_process";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const require = createRequire(new URL("../tests/browser/package.json", import.meta.url));
const { chromium } = require("playwright-core");

const [binary, root, runsArgument] = process.argv.slice(2);
if (!binary || !root) {
  console.error("usage: node bench/serve-latency.mjs VERSUS_BINARY PROJECT_DIR [RUNS]");
  process.exit(2);
}
const runs = Number(runsArgument ?? 7);
const folder = readFileSync(join(root, "content/site.toml"), "utf8").match(/^items = "(.+)"/m)[1];
const slug = readdirSync(join(root, "content", folder))
  .filter((name) => name.endsWith(".md") && !name.endsWith(".ko.md"))
  .sort()[0]
  .replace(/\.md$/, "");
const file = join(root, "content", folder, `${slug}.md`);
const original = readFileSync(file, "utf8");

const { server, address, builds, shown } = await start(binary, root);
const reloads = [];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium" });
try {
  const page = await browser.newPage();
  await page.goto(`${address}${folder}/${slug}/`);
  await page.waitForTimeout(500); // the live-reload stream connects
  const times = [];
  for (let run = 0; run < runs; run++) {
    const built = builds.length;
    times.push(await edit(page, `Latency probe ${run}, ${Date.now()}.`));
    // The rest of the site is rebuilt before the next edit (a save during a rebuild waits).
    while (builds.length === built) await page.waitForTimeout(50);
    await page.waitForTimeout(300);
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`edit shown in the browser: median ${sorted[Math.floor(runs / 2)]} ms (runs: ${times.join(", ")} ms)`);
  console.log(`of which the browser's reload (request to load event): ${reloads.join(", ")} ms`);
  console.log(`the open page made, after the rebuild began: ${shown.join(", ")}`);
  console.log(`the whole site rebuilt: ${builds.slice(1).join(", ")}`);
} finally {
  writeFileSync(file, original);
  await browser.close();
  server.kill();
}

/** Saves the item with `sentence` appended; the milliseconds until the page shows it. */
async function edit(page, sentence) {
  let asked = 0;
  const request = (r) => {
    if (r.isNavigationRequest()) asked = performance.now();
  };
  page.on("request", request);
  const start = performance.now();
  writeFileSync(file, `${original}\n${sentence}\n`);
  for (;;) {
    await page.waitForEvent("load", { timeout: 30000 });
    if ((await page.textContent("main")).includes(sentence)) {
      const done = performance.now();
      page.off("request", request);
      reloads.push(Math.round(done - asked));
      return Math.round(done - start);
    }
  }
}

/** Starts `versus serve` on a free port; resolves once it serves. */
function start(binary, root) {
  const server = spawn(binary, ["serve", "--root", root, "--port", "0", "--verbose"], { stdio: ["ignore", "pipe", "pipe"] });
  const builds = [];
  const shown = [];
  return new Promise((resolve, reject) => {
    let resolved = false;
    const read = (chunk) => {
      for (const line of chunk.toString().split("\n")) {
        const built = line.match(/built \d+ pages in (\d+ ms)/);
        if (built) builds.push(built[1]);
        const early = line.match(/ shown after (\d+ ms)/);
        if (early) shown.push(early[1]);
        const serving = line.match(/serving (http:\/\/\S+)/);
        if (serving && !resolved) {
          resolved = true;
          resolve({ server, address: serving[1], builds, shown });
        }
      }
    };
    server.stdout.on("data", read);
    server.stderr.on("data", read);
    server.on("exit", (code) => resolved || reject(new Error(`versus serve exited with ${code}`)));
  });
}
