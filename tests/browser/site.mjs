// What a built site holds, read from its own files: the base URL it was built for (robots.txt's
// Sitemap line), its pages with their language alternates (sitemap.xml), its HTML files, and
// which pages are the key ones (home, an item, the table, a ranking, choose, a pair) and the
// pages for an <iframe> of their charts.
import { readFile, readdir } from "node:fs/promises";
import { join, relative } from "node:path";

/** Reads the built site in `dir`. */
export async function readSite(dir) {
  const robots = await readFile(join(dir, "robots.txt"), "utf8");
  const line = robots.split("\n").find((l) => l.startsWith("Sitemap: "));
  if (!line) throw new Error(`${dir}/robots.txt has no Sitemap line`);
  const sitemap = new URL(line.slice("Sitemap: ".length).trim());
  const base = new URL("./", sitemap);
  const entries = await readSitemap(dir, base, "sitemap.xml");
  const pages = entries.map((e) => ({
    url: e.loc,
    path: e.loc.slice(base.href.length),
    lang: languageAt(e, e.loc),
    alternates: Object.fromEntries(e.alternates),
  }));
  const languages = [...new Set(entries.flatMap((e) => e.alternates.map(([l]) => l)))]
    .filter((l) => l !== "x-default");
  const first = entries[0];
  const fallback = first && Object.fromEntries(first.alternates)["x-default"];
  const defaultLanguage = first && languageAt(first, fallback);
  const html = (await files(dir)).filter((f) => f.endsWith(".html"));
  return { dir, base, pages, languages, defaultLanguage, html };
}

/** The language of the alternate of `entry` at `href` (every entry lists itself). */
function languageAt(entry, href) {
  return entry.alternates.find(([l, h]) => l !== "x-default" && h === href)?.[0];
}

const ALTERNATE = /<xhtml:link rel="alternate" hreflang="([^"]*)" href="([^"]*)"\/>/g;

/** Every `<url>` of a sitemap (following a sitemap index): its loc and its alternates. */
async function readSitemap(dir, base, name) {
  const xml = await readFile(join(dir, name), "utf8");
  if (xml.includes("<sitemapindex")) {
    const parts = [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => unescape(m[1]));
    const all = await Promise.all(
      parts.map((loc) => readSitemap(dir, base, loc.slice(base.href.length))),
    );
    return all.flat();
  }
  return [...xml.matchAll(/<url>([\s\S]*?)<\/url>/g)].map(([, body]) => ({
    loc: unescape(/<loc>([^<]*)<\/loc>/.exec(body)[1]),
    alternates: [...body.matchAll(ALTERNATE)].map((m) => [unescape(m[1]), unescape(m[2])]),
  }));
}

function unescape(text) {
  return text
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&apos;", "'")
    .replaceAll("&amp;", "&");
}

/** Every file below `dir`, as a path relative to it with `/` separators. */
async function files(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath ?? e.path, e.name)).split("\\").join("/"))
    .sort();
}

/**
 * The key pages, by name, as paths below the default language's root: the first of each kind
 * the site has, and every free page (guide, methodology, sources: each may have a template of
 * its own). Items are the two-level pages outside the generator's own folders.
 */
export function keyPages(site) {
  const paths = site.pages
    .filter((p) => p.lang === site.defaultLanguage)
    .map((p) => p.path);
  const first = (test) => paths.find(test);
  const depth = (p) => p.split("/").length - 1;
  const own = new Set(["compare", "rankings", "choose", "a-z"]);
  const keys = {
    home: first((p) => p === ""),
    item: first((p) => depth(p) === 2 && !own.has(p.split("/")[0])),
    table: first((p) => p === "compare/"),
    rankings: first((p) => p === "rankings/"),
    ranking: first((p) => /^rankings\/[^/]+\/$/.test(p)),
    choose: first((p) => p === "choose/"),
    pair: first((p) => /^compare\/[^/]+-vs-[^/]+\/$/.test(p)),
    picker: first((p) => p === "compare/pick/"),
    "a-z": first((p) => p === "a-z/"),
    "compare-view": first((p) => p === "compare/view/"),
  };
  const free = paths.filter((p) => depth(p) === 1 && !own.has(p.slice(0, -1)));
  return [
    ...Object.entries(keys).filter(([, path]) => path !== undefined),
    ...free.map((p) => [p.slice(0, -1), p]),
  ];
}

/** A path no page has, to see the 404 page served at depth. */
export const MISSING = "no/such/page/";

/**
 * Every page type in every language, as { key, lang, url, status }: the key pages and the
 * 404 page (served with status 404 for a missing address).
 */
export function pageTypes(site) {
  const found = keyPages(site).flatMap(([key, path]) =>
    site.languages.map((lang) => ({ key, lang, url: pageIn(site, path, lang).url, status: 200 })),
  );
  const missing = site.languages.map((lang) => {
    const prefix = lang === site.defaultLanguage ? "" : `${lang}/`;
    return { key: "404", lang, url: new URL(prefix + MISSING, site.base).href, status: 404 };
  });
  return [...found, ...missing, ...embedPages(site)];
}

/** Whether the HTML file at `path` is the page of a chart for an `<iframe>` (`embed/…` in a
 * language's root). */
export function isEmbedPage(path) {
  return path.split("/").slice(0, 2).includes("embed");
}

/** The kinds of key page whose chart has a page for an `<iframe>`. */
const EMBEDDED = ["home", "ranking", "item", "pair"];

/** The embed page (`embed/<page's path>`) of each key page with a chart, in every language,
 * where the site has one (`[downloads]` may leave some out). */
function embedPages(site) {
  return keyPages(site)
    .filter(([key]) => EMBEDDED.includes(key))
    .flatMap(([key, path]) =>
      site.languages.map((lang) => {
        const prefix = lang === site.defaultLanguage ? "" : `${lang}/`;
        return { key: `embed-${key}`, lang, path: `${prefix}embed/${path}` };
      }),
    )
    .filter((t) => site.html.includes(`${t.path}index.html`))
    .map(({ key, lang, path }) => ({ key, lang, url: new URL(path, site.base).href, status: 200 }));
}

/** The page at `path` (below the default language's root) in `lang`. */
export function pageIn(site, path, lang) {
  const page = site.pages.find((p) => p.path === path && p.lang === site.defaultLanguage);
  return page && site.pages.find((p) => p.url === page.alternates[lang]);
}

/**
 * Runs `work(page, item, extra)` on every item, `parallel` pages of one browser context at a
 * time; `open(page)` makes each page's `extra` once (run.mjs's watcher of console errors).
 */
export async function onPages(context, items, work, { parallel = 4, open = () => undefined } = {}) {
  const queue = [...items];
  const worker = async () => {
    const page = await context.newPage();
    const extra = open(page);
    for (let item; (item = queue.shift()) !== undefined; ) await work(page, item, extra);
    await page.close();
  };
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker));
}
