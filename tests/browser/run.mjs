#!/usr/bin/env node
// Real-browser tests of a built versus site, in Debian's headless Chromium:
//   node tests/browser/run.mjs <site dir> [--screenshots DIR]
// The site must have been built with `--base-url http://127.0.0.1:<port>/<path>/`; it is served
// there, as GitHub Pages would serve it. Checks: the sitemap lists every page; every page of
// every language loads with no console error and no failed request, and its header links to
// the same page in each other language; on the key pages, clicking those links goes there and
// back; axe finds no serious or critical violation on the key pages (and no contrast failure in
// dark mode and forced colours, on phones and desktops); the layout fits every page type at
// every width, on paper and without JavaScript (layout.mjs); the Nu HTML Checker finds no error
// in any page. Writes screenshots of every page type at phone and desktop widths in every
// language.
// Exit status: 0 all passed, 1 something failed, 2 bad usage, 3 a browser or Java is missing.
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { spawn } from "node:child_process";
import { delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

import { serve } from "./server.mjs";
import { MISSING, isEmbedPage, keyPages, onPages as eachPage, pageIn, pageTypes, readSite } from "./site.mjs";
import { checkChoose, checkPaged, checkPicker, checkTable } from "./interactive.mjs";
import { checkSearch } from "./search.mjs";
import { checkAddByName, checkCompare } from "./compare.mjs";
import { checkHeader, checkLayout, checkNoScript, checkPrint, checkTableViews } from "./layout.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;
const EXIT_MISSING = 3;
// Flags that keep Chromium quiet on a machine with no network beyond loopback.
const CHROMIUM_FLAGS = [
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const VIEWPORTS = {
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  desktop: { viewport: { width: 1440, height: 900 } },
};
const PARALLEL = 4;

// The browser and axe, which every check uses: set once by main().
let browser;
let AxeBuilder;

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const tools = findTools();
  const missing = Object.entries(tools).filter(([, path]) => !path).map(([name]) => name);
  if (missing.length) {
    console.error(`missing: ${missing.map((m) => `${m} (${HOW_TO_INSTALL[m]})`).join("; ")}`);
    process.exit(EXIT_MISSING);
  }
  const { chromium } = await import("playwright-core");
  AxeBuilder = (await import("@axe-core/playwright")).default;

  const site = await readSite(options.site);
  const server = await serveSite(site);
  const vnu = runVnu(tools.java, site.dir);
  browser = await chromium.launch({ executablePath: tools.chromium, args: CHROMIUM_FLAGS });
  const report = new Report();
  try {
    console.log(
      `versus browser tests: ${site.base.href} (${site.pages.length} pages in ` +
        `${site.languages.join(", ")}; Chromium ${browser.version()})`,
    );
    await report.step("sitemap", (r) => checkSitemap(site, r));
    await report.step("page loads", (r) => checkPageLoads(site, r));
    await report.step("language switcher", (r) => checkSwitcher(site, r));
    await report.step("choose page", (r) => checkChoose(site, newContext, r));
    await report.step("comparison table", (r) => checkTable(site, newContext, r));
    await report.step("picker", (r) => checkPicker(site, newContext, r));
    await report.step("search", (r) => checkSearch(site, newContext, r));
    await report.step("compare side by side", (r) => checkCompare(site, newContext, r, AxeBuilder));
    await report.step("layout at every width", (r) => checkLayout(site, newContext, r));
    await report.step("header on phones", (r) => checkHeader(site, newContext, r));
    await report.step("comparison table views", (r) => checkTableViews(site, newContext, r));
    await report.step("without JavaScript", (r) => checkNoScript(site, newContext, r));
    await report.step("print", (r) => checkPrint(site, newContext, r));
    await report.step("accessibility (axe)", (r) => checkAxe(site, r));
    await report.step("screenshots", (r) => takeScreenshots(site, options.screenshots, r));
    if (options.paged) await report.step("long lists", (r) => checkLongLists(options.paged, r));
    await report.step("HTML validity (vnu)", (r) => checkVnu(site, vnu, r));
  } finally {
    await browser.close();
    server.close();
  }
  process.exit(report.print() ? 0 : EXIT_FAILED);
}

// ---------------------------------------------------------------------------------------------

function parseArgs(args) {
  const usage = "usage: node run.mjs <site dir> [--paged <site dir>] [--screenshots DIR]";
  const options = { screenshots: resolve(HERE, "../../target/screenshots") };
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--screenshots" && args[i + 1]) options.screenshots = resolve(args[++i]);
    else if (args[i] === "--paged" && args[i + 1]) options.paged = resolve(args[++i]);
    else if (!args[i].startsWith("-") && !options.site) options.site = resolve(args[i]);
    else fail(usage);
  }
  if (!options.site) fail(usage);
  if (!existsSync(join(options.site, "robots.txt"))) {
    fail(`${options.site} is not a built versus site (no robots.txt)`);
  }
  return options;
}

function fail(message) {
  console.error(message);
  process.exit(EXIT_USAGE);
}

const HOW_TO_INSTALL = {
  chromium: "apt-get install chromium fonts-noto-cjk, or set CHROMIUM to a Chromium binary",
  java: "apt-get install default-jre-headless, or set JAVA to a java binary",
  node_modules: "npm ci --prefix tests/browser",
};

function findTools() {
  const firstFile = (paths) => paths.find((p) => p && existsSync(p));
  const onPath = (name) =>
    (process.env.PATH ?? "").split(delimiter).map((d) => join(d, name)).find((p) => existsSync(p));
  return {
    chromium: firstFile([
      process.env.CHROMIUM,
      "/usr/bin/chromium",
      "/usr/bin/chromium-browser",
      onPath("chromium"),
    ]),
    java: process.env.JAVA ? firstFile([process.env.JAVA]) : onPath("java"),
    node_modules: firstFile([join(HERE, "node_modules", "playwright-core")]),
  };
}

async function serveSite(site) {
  const { base } = site;
  const loopback = ["127.0.0.1", "localhost"].includes(base.hostname);
  if (base.protocol !== "http:" || !loopback || !base.port) {
    fail(
      `the site was built for ${base.href}; build it with ` +
        "--base-url http://127.0.0.1:<port>/<path>/ to test it here",
    );
  }
  return serve(site.dir, base.pathname, Number(base.port));
}

/** Collects each check's failures and notes, and prints them. */
class Report {
  steps = [];

  async step(name, check) {
    const result = { name, failures: [], notes: [], summary: "" };
    const started = Date.now();
    try {
      result.summary = (await check(result)) ?? "";
    } catch (error) {
      result.failures.push(`the check itself failed: ${error.stack ?? error}`);
    }
    result.seconds = ((Date.now() - started) / 1000).toFixed(1);
    this.steps.push(result);
    const mark = result.failures.length ? "FAIL" : "ok  ";
    console.log(`${mark} ${name}: ${result.summary} (${result.seconds} s)`);
    for (const f of result.failures) console.log(`       ✗ ${f}`);
    for (const n of result.notes) console.log(`       · ${n}`);
  }

  /** Prints the totals; true when every step passed. */
  print() {
    const failed = this.steps.filter((s) => s.failures.length);
    console.log(
      `browser tests: ${this.steps.length - failed.length} passed, ${failed.length} failed` +
        (failed.length ? ` (${failed.map((s) => s.name).join(", ")})` : ""),
    );
    return failed.length === 0;
  }
}

/** Collects messages into `list`: each distinct one once, at its first place, counting the rest. */
function grouped(list) {
  const groups = new Map();
  return {
    add(key, where) {
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(where);
    },
    flush() {
      for (const [key, places] of groups) {
        const more = places.length > 1 ? ` (and ${places.length - 1} more)` : "";
        list.push(`${key} at ${places[0]}${more}`);
      }
    },
  };
}

/** Runs `work(page, item, watch)` on every item, each page watched for what goes wrong. */
function onPages(site, context, items, work) {
  const open = (page) => watchPage(page, site.base.origin);
  return eachPage(context, items, (page, item, watch) => {
    watch.clear();
    return work(page, item, watch);
  }, { parallel: PARALLEL, open });
}

/** Records what goes wrong on a page: console errors, script errors, failed requests. */
function watchPage(page, origin) {
  const problems = [];
  let allowed = null;
  page.on("console", (m) => {
    const source = m.location()?.url;
    const ownStatus = source === allowed && m.text().startsWith("Failed to load");
    if (m.type() !== "error" || ownStatus) return;
    problems.push(`console error: ${m.text()}${source ? ` (${source})` : ""}`);
  });
  page.on("pageerror", (e) => problems.push(`script error: ${e.message}`));
  page.on("requestfailed", (r) => {
    // Aborted: the page moved on before a late request (such as the icon) ended. When Chromium
    // aborts a request for cause (a stylesheet served as HTML, say), it logs a console error.
    const why = r.failure()?.errorText;
    if (why !== "net::ERR_ABORTED") problems.push(`request failed: ${r.url()} (${why})`);
  });
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (!["data:", "blob:", "about:"].includes(url.protocol) && url.origin !== origin) {
      problems.push(`request leaves the site: ${r.url()}`);
    }
  });
  page.on("response", (r) => {
    if (r.status() >= 400 && r.url() !== allowed) {
      problems.push(`HTTP ${r.status()}: ${r.url()}`);
    }
  });
  return {
    problems,
    clear() {
      problems.length = 0;
      allowed = null;
    },
    /** The page's own document may answer with an error status (the 404 page). */
    allow(url) {
      allowed = url;
    },
  };
}

async function newContext(extra = {}) {
  const context = await browser.newContext({ ...VIEWPORTS.desktop, ...extra });
  context.setDefaultTimeout(15_000);
  return context;
}

// --- checks ----------------------------------------------------------------------------------

function checkSitemap(site, result) {
  const listed = new Set(site.pages.map((p) => fileOf(p.path)));
  // 404 pages and the pages of charts for an <iframe> (marked noindex) are left out on purpose.
  const unlisted = site.html.filter(
    (f) => !listed.has(f) && !f.endsWith("404.html") && !isEmbedPage(f),
  );
  const absent = [...listed].filter((f) => !site.html.includes(f));
  for (const f of unlisted) result.failures.push(`${f} is not in sitemap.xml`);
  for (const f of absent) result.failures.push(`sitemap.xml lists ${f}, which was not built`);
  for (const p of site.pages) {
    const langs = Object.keys(p.alternates);
    if (langs.length !== site.languages.length + 1 || !p.alternates["x-default"]) {
      result.failures.push(`${p.url} lists alternates ${langs.join(", ")}`);
    }
  }
  return (
    `${site.pages.length} pages, each with its ${site.languages.length} alternates and ` +
    `x-default; all ${site.html.length} HTML files listed but the 404 pages`
  );
}

function fileOf(path) {
  return path === "" || path.endsWith("/") ? `${path}index.html` : path;
}

function urlOf(file, base) {
  return new URL(file.endsWith("index.html") ? file.slice(0, -"index.html".length) : file, base)
    .href;
}

async function checkPageLoads(site, result) {
  const visits = site.html.map((file) => ({ url: urlOf(file, site.base), status: 200 }));
  for (const lang of site.languages) {
    const prefix = lang === site.defaultLanguage ? "" : `${lang}/`;
    visits.push({ url: new URL(prefix + MISSING, site.base).href, status: 404 });
  }
  const pages = new Map(site.pages.map((p) => [p.url, p]));
  const problems = grouped(result.failures);
  const context = await newContext();
  await onPages(site, context, visits, async (page, visit, watch) => {
    if (visit.status !== 200) watch.allow(visit.url);
    try {
      const response = await page.goto(visit.url, { waitUntil: "load" });
      if (response?.status() !== visit.status) {
        problems.add(`status ${response?.status()} (expected ${visit.status})`, visit.url);
      }
      const expected = pages.get(visit.url);
      if (expected) {
        for (const p of await checkLanguageLinks(page, expected)) problems.add(p, visit.url);
      }
    } catch (error) {
      problems.add(`did not load: ${error.message.split("\n")[0]}`, visit.url);
    }
    for (const p of watch.problems) problems.add(p, visit.url);
  });
  await context.close();
  problems.flush();
  return (
    `${visits.length} visits (every HTML file, and a missing page at depth per language); ` +
    "every page's lang and header language links checked"
  );
}

/** The page's `<html lang>` is its language and the header links to each alternate of it. */
async function checkLanguageLinks(page, expected) {
  const found = await page.evaluate(() => ({
    lang: document.documentElement.lang,
    links: Object.fromEntries(
      [...document.querySelectorAll("header a[hreflang]")].map((a) => [a.hreflang, a.href]),
    ),
  }));
  const problems = [];
  if (found.lang !== expected.lang) {
    problems.push(`<html lang="${found.lang}">, not ${expected.lang}`);
  }
  for (const [lang, href] of Object.entries(expected.alternates)) {
    if (lang === "x-default" || lang === expected.lang) continue;
    if (found.links[lang] !== href) {
      const to = found.links[lang] ?? "nowhere";
      problems.push(`the header's ${lang} link goes to ${to}, not the same page`);
    }
  }
  return problems;
}

async function checkSwitcher(site, result) {
  const problems = grouped(result.failures);
  const trips = [];
  for (const [, path] of keyPages(site)) {
    for (const lang of site.languages.filter((l) => l !== site.defaultLanguage)) {
      trips.push({ from: pageIn(site, path, site.defaultLanguage), to: pageIn(site, path, lang) });
    }
  }
  const context = await newContext();
  await onPages(site, context, trips, async (page, { from, to }, watch) => {
    try {
      await page.goto(from.url);
      await follow(page, to);
      await follow(page, from);
    } catch (error) {
      problems.add(error.message.split("\n")[0], from.url);
    }
    for (const p of watch.problems) problems.add(p, from.url);
  });
  await context.close();
  problems.flush();
  const langs = site.languages;
  const tour = `${langs.join(" → ")} → ${langs[0]}`;
  return `${trips.length} round trips by click on the key pages (${tour})`;
}

/** Clicks the header's link to `to`'s language and expects to land on `to`. */
async function follow(page, to) {
  const link = page.locator(`header a[hreflang="${to.lang}"]`).first();
  if ((await link.count()) === 0) throw new Error(`no link to ${to.lang} in the header`);
  await Promise.all([page.waitForURL(to.url, { waitUntil: "load", timeout: 5_000 }), link.click()])
    .catch(() => {
      throw new Error(`the ${to.lang} link led to ${page.url()}, not ${to.url}`);
    });
  const lang = await page.evaluate(() => document.documentElement.lang);
  if (lang !== to.lang) throw new Error(`landed on <html lang="${lang}">, not ${to.lang}`);
}

/** The colour modes axe runs in: every rule in light mode, contrast in dark mode, and every
 * rule again with forced colours (Windows' high-contrast themes). */
const COLOR_MODES = [
  { name: "light", media: { colorScheme: "light" } },
  { name: "dark", media: { colorScheme: "dark" }, rules: ["color-contrast"] },
  { name: "forced colours", media: { forcedColors: "active" } },
];

/** axe on every page type in every language, on a phone and a desktop, in each colour mode. */
async function checkAxe(site, result) {
  const failures = grouped(result.failures);
  const notes = grouped(result.notes);
  let runs = 0;
  for (const [device, viewport] of Object.entries(VIEWPORTS)) {
    for (const mode of COLOR_MODES) {
      const context = await newContext(viewport);
      await onPages(site, context, pageTypes(site), async (page, target, watch) => {
        if (target.status !== 200) watch.allow(target.url);
        await page.emulateMedia(mode.media);
        await page.goto(target.url, { waitUntil: "load" });
        const axe = new AxeBuilder({ page });
        if (mode.rules) axe.withRules(mode.rules);
        const { violations } = await axe.analyze();
        runs++;
        for (const v of violations) {
          const serious = v.impact === "serious" || v.impact === "critical";
          const targets = v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ");
          const where = `${target.key} ${target.lang} ${device} ${mode.name}`;
          (serious ? failures : notes).add(`${v.id} [${v.impact}] ${v.help}: ${targets}`, where);
        }
      });
      await context.close();
    }
  }
  failures.flush();
  notes.flush();
  const types = [...new Set(pageTypes(site).map((t) => t.key))];
  return (
    `${runs} runs: ${types.join(", ")} × ${site.languages.join(", ")} × phone, desktop × ` +
    COLOR_MODES.map((m) => `${m.name}${m.rules ? ` (${m.rules.join(", ")})` : " (all rules)"}`).join(", ")
  );
}

/** Full-page screenshots of every page type in every language at each viewport. */
async function takeScreenshots(site, dir, result) {
  await mkdir(dir, { recursive: true });
  let count = 0;
  for (const [name, device] of Object.entries(VIEWPORTS)) {
    const context = await newContext(device);
    await onPages(site, context, pageTypes(site), async (page, target, watch) => {
      if (target.status !== 200) watch.allow(target.url);
      await page.goto(target.url, { waitUntil: "load" });
      await page.evaluate(() => document.fonts.ready);
      const path = join(dir, `${target.key}-${name}-${target.lang}.png`);
      await page.screenshot({ path, fullPage: true });
      count++;
    });
    await context.close();
  }
  return `${count} written to ${dir}`;
}

/** The scripts and layout of a report whose lists take several pages, served for the step. */
async function checkLongLists(dir, result) {
  const site = await readSite(dir);
  const server = await serveSite(site);
  try {
    const paged = await checkPaged(site, newContext, result);
    const picker = await checkPicker(site, newContext, result, true);
    return `${paged}; ${picker}; ${await checkAddByName(site, newContext, result, AxeBuilder)}`;
  } finally {
    server.close();
  }
}

/** Starts the Nu HTML Checker on every HTML file of the site; resolves to its messages. */
function runVnu(java, dir) {
  const require = createRequire(import.meta.url);
  const jar = String(require("vnu-jar"));
  return new Promise((done, failed) => {
    const args = ["-jar", jar, "--format", "json", "--stdout", "--skip-non-html", dir];
    const child = spawn(java, args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", failed);
    child.on("close", () => {
      try {
        done(JSON.parse(out).messages);
      } catch {
        failed(new Error(`vnu printed no JSON: ${err || out}`));
      }
    });
  });
}

/**
 * vnu reads the pages as files: to it, no address is the page's own origin, so it warns that
 * the Content-Security-Policy (`'self'`) blocks every stylesheet and script, which a browser
 * given the site over HTTP loads (the page checks above see them load), and every data block
 * (`<script type="application/json">`), which no browser runs.
 */
function readFromDisk(message) {
  return message.startsWith("Resource violates Content Security Policy") ||
    message.startsWith("Inline script violates Content Security Policy");
}

async function checkVnu(site, vnu, result) {
  const messages = await vnu;
  const errors = grouped(result.failures);
  const warnings = grouped(result.notes);
  for (const m of messages) {
    const file = (m.url ?? "").replace(/^file:/, "").slice(site.dir.length + 1);
    const where = `${file}:${m.lastLine ?? "?"}:${m.firstColumn ?? m.lastColumn ?? "?"}`;
    const extract = m.extract ? ` «${m.extract.replace(/\s+/g, " ").trim()}»` : "";
    if (m.type === "error" || m.type === "non-document-error") {
      errors.add(m.message + extract, where);
    }
    else if (m.subType === "warning" && !readFromDisk(m.message)) warnings.add(m.message, where);
  }
  errors.flush();
  warnings.flush();
  return `${site.html.length} HTML files checked (started alongside the browser checks)`;
}

await main();
