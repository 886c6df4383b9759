// Browser checks of the compare view: four rows chosen in the comparison table lead to the
// four side by side (a card, a radar series with its own line pattern and marker, and a
// column of ratings each), each card giving the overall score, rank, pros and cons its item's
// page gives, under a line naming the highest; the address names them and reloading it shows
// the same; an item is removed by its button and added back by name, axe finding nothing
// serious on the view. On a report whose lists take several pages, an item is added through
// the name box's options (arrows and Enter) from the search index alone, never items.json.
// Run from run.mjs with its browser context.
import { measureFit } from "./layout.mjs";

function urlIn(site, lang, path) {
  const prefix = lang === site.defaultLanguage ? "" : `${lang}/`;
  return new URL(`${prefix}${path}`, site.base).href;
}

const shown = (page) =>
  page.$$eval(".compare-card h2 a", (links) => links.map((a) => a.textContent.trim()));

/** What the radar draws per series: its line pattern and its marker's shape. */
const series = (page) =>
  page.$$eval(".compare-radar .series", (groups) =>
    groups.map((g) => `${g.querySelector(".area").getAttribute("stroke-dasharray") ?? "solid"}/${g.lastElementChild.tagName}`),
  );

/** What each card shows: name, its item page's address, score, rank line, pros and cons. */
const cardsShown = (page) =>
  page.$$eval(".compare-card", (cards) =>
    cards.map((c) => ({
      name: c.querySelector("h2 a").textContent.trim(),
      href: c.querySelector("h2 a").href,
      score: c.querySelector(".compare-overall .big")?.textContent.trim() ?? null,
      detail: c.querySelector(".compare-overall .detail")?.textContent.trim() ?? "",
      pros: [...c.querySelectorAll(".compare-points.pros li")].map((li) => li.textContent.trim()),
      cons: [...c.querySelectorAll(".compare-points.cons li")].map((li) => li.textContent.trim()),
    })),
  );

/** The same from the item's own page: its score badge and its lists of pros and cons. */
const itemPage = (page, href) =>
  page.evaluate(async (url) => {
    const doc = new DOMParser().parseFromString(await (await fetch(url)).text(), "text/html");
    const list = (css) => [...doc.querySelectorAll(css)].map((li) => li.textContent.trim());
    const badge = doc.querySelector(".score-badge");
    return {
      score: badge?.querySelector(".big").textContent.trim() ?? null,
      rank: badge ? badge.querySelectorAll(".small")[1].textContent.trim() : null,
      pros: list("ul.pros li"),
      cons: list("ul.cons li"),
    };
  }, href);

/** Failures of the cards against their items' pages, and of the line above them. */
async function checkCards(page, fail) {
  const cards = await cardsShown(page);
  for (const card of cards) {
    const own = await itemPage(page, card.href);
    if (card.score !== own.score) fail(`${card.name}'s card shows the score ${card.score}, its page ${own.score}`);
    if (own.rank && !card.detail.startsWith(own.rank)) fail(`${card.name}'s card says "${card.detail}", its page "${own.rank}"`);
    if (!own.rank && !card.detail) fail(`${card.name} is not ranked and its card does not say why`);
    if (card.pros.join("|") !== own.pros.join("|")) fail(`${card.name}'s card lists the pros ${card.pros.join("; ")}`);
    if (card.cons.join("|") !== own.cons.join("|")) fail(`${card.name}'s card lists the cons ${card.cons.join("; ")}`);
  }
  const scored = cards.filter((c) => c.score !== null);
  const top = Math.max(...scored.map((c) => Number(c.score)));
  const best = scored.filter((c) => Number(c.score) === top).map((c) => c.name);
  const line = await page.$eval(".compare-finding", (p) => p.textContent).catch(() => "");
  if (scored.length && !(best.every((n) => line.includes(n)) && line.includes(scored.find((c) => c.name === best[0]).score))) {
    fail(`the line above the cards says "${line}", not that ${best.join(", ")} is highest`);
  }
  return cards.length;
}

/** axe on the page as it is now: serious and critical violations are failures. */
async function axeFailures(page, AxeBuilder, fail, where) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  for (const v of violations.filter((v) => v.impact === "serious" || v.impact === "critical")) {
    fail(`${where}: ${v.id} [${v.impact}] ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
  }
}

export async function checkCompare(site, newContext, result, AxeBuilder) {
  const context = await newContext();
  const page = await context.newPage();
  const fail = (lang, why) => result.failures.push(`${lang}: ${why}`);
  for (const lang of site.languages) {
    await page.goto(urlIn(site, lang, "compare/"));
    await page.waitForSelector("#compare input.pick");
    const boxes = page.locator("#compare input.pick");
    for (let i = 0; i < 4; i++) await boxes.nth(i).check();
    const picked = await page.$$eval("#compare tbody tr", (rows) => rows.slice(0, 4).map((r) => r.cells[0].textContent.trim()));
    await Promise.all([page.waitForURL(/compare\/view\/\?items=/), page.locator("#compare-go").click()]);
    await page.waitForFunction(() => document.querySelectorAll(".compare-card").length === 4);
    const names = await shown(page);
    if (names.join() !== picked.join()) fail(lang, `chose ${picked.join(", ")} but the view shows ${names.join(", ")}`);
    await checkCards(page, (why) => fail(lang, why));
    await axeFailures(page, AxeBuilder, (why) => fail(lang, why), "four items at 1440px");
    const drawn = await series(page);
    if (drawn.length !== 4 || new Set(drawn).size !== 4) fail(lang, `the radar's series are not told apart by pattern: ${drawn.join(", ")}`);
    const columns = await page.$$eval(".compare-ratings thead th", (th) => th.length);
    if (columns !== 5) fail(lang, `the ratings table has ${columns} columns, not a criterion and four items`);
    const sources = await page.$$eval(".compare-ratings .sources a", (a) => a.length);
    if (!sources) fail(lang, "no rating shows its sources");
    const address = page.url();
    await page.reload();
    await page.waitForFunction(() => document.querySelectorAll(".compare-card").length === 4);
    if ((await shown(page)).join() !== names.join()) fail(lang, `reloading ${address} showed ${(await shown(page)).join(", ")}`);
    for (const p of await page.evaluate(measureFit)) fail(lang, `compare view at 1440px: ${p}`);
    await page.locator(".compare-card .remove").first().click();
    await page.waitForFunction(() => document.querySelectorAll(".compare-card").length === 3);
    if (new URL(page.url()).searchParams.get("items").split(",").length !== 3) fail(lang, `removing left the address ${page.url()}`);
    await page.locator("#compare-name").fill(names[0]);
    await page.locator("#compare-add button").click();
    await page.waitForFunction(() => document.querySelectorAll(".compare-card").length === 4);
    await page.locator("#compare-clear, .compare-card .remove").first().isVisible();
    await page.evaluate(() => sessionStorage.clear());
  }
  await context.close();
  const phone = await newContext({ viewport: { width: 320, height: 800 }, isMobile: true, hasTouch: true });
  const small = await phone.newPage();
  for (const lang of site.languages) {
    await small.goto(urlIn(site, lang, "compare/view/?items=django,flask,gin,express,rails"));
    await small.waitForFunction(() => document.querySelectorAll(".compare-card").length === 5);
    for (const p of await small.evaluate(measureFit)) fail(lang, `compare view of five at 320px: ${p}`);
    await checkCards(small, (why) => fail(lang, `at 320px: ${why}`));
    await axeFailures(small, AxeBuilder, (why) => fail(lang, why), "five items at 320px");
  }
  await phone.close();
  return (
    "four rows of the table side by side, cards as their items' pages, the address reloads them, " +
    `remove and add by name, axe; five fit 320 px (${site.languages.join(", ")})`
  );
}

/**
 * Adding by name on a report whose lists take several pages: the last item of the overall
 * order (on the table's last page) is offered as its name is typed, chosen with the arrow
 * keys and Enter; what the box loads comes from the search index, not items.json.
 */
export async function checkAddByName(site, newContext, result, AxeBuilder) {
  const context = await newContext();
  const page = await context.newPage();
  const fail = (lang, why) => result.failures.push(`${lang}: ${why}`);
  const loaded = [];
  page.on("response", async (r) => loaded.push({ url: r.url(), bytes: (await r.body().catch(() => "")).length }));
  let largest = 0;
  for (const lang of site.languages) {
    const items = await (await fetch(urlIn(site, lang, "items.json"))).json();
    const [first, second] = items.items;
    const last = items.items[items.items.length - 1];
    const slug = (entry) => entry[1].split("/").filter(Boolean).pop();
    await page.goto(urlIn(site, lang, `compare/view/?items=${slug(first)},${slug(second)}`));
    await page.waitForFunction(() => document.querySelectorAll(".compare-card").length === 2);
    loaded.length = 0;
    const input = page.locator("#compare-name");
    await input.fill(last[0].slice(0, 4));
    await page.waitForSelector("#compare-options:not([hidden]) [role=option]");
    if ((await input.getAttribute("aria-expanded")) !== "true") fail(lang, "the name box's options are shown but it is not expanded");
    await axeFailures(page, AxeBuilder, (why) => fail(lang, why), "the name box's options open");
    const offered = await page.$$eval("#compare-options [role=option]", (o) => o.map((e) => e.textContent));
    const at = offered.indexOf(last[0]);
    if (at < 0) {
      fail(lang, `typing "${last[0].slice(0, 4)}" offered ${offered.join(", ")}, not ${last[0]}`);
      continue;
    }
    for (let i = 0; i <= at; i++) await input.press("ArrowDown");
    const active = await input.getAttribute("aria-activedescendant");
    const selected = await page.$$eval("#compare-options [aria-selected=true]", (o) => o.map((e) => e.id));
    if (selected.join() !== active) fail(lang, `the active option is ${active}, the selected ${selected.join()}`);
    await input.press("Enter");
    await page.waitForFunction(() => document.querySelectorAll(".compare-card").length === 3);
    const names = await shown(page);
    if (names[2] !== last[0]) fail(lang, `Enter on ${last[0]} added ${names[2]}`);
    if (!new URL(page.url()).searchParams.get("items").split(",").includes(slug(last))) fail(lang, `the address ${page.url()} lacks ${slug(last)}`);
    const data = loaded.filter((l) => /\.json$/.test(new URL(l.url).pathname));
    const index = data.filter((l) => !/\/compare\/data\//.test(l.url));
    const strays = index.filter((l) => !/\/search\//.test(l.url));
    if (strays.length) fail(lang, `adding by name loaded ${strays.map((l) => l.url).join(", ")}`);
    largest = Math.max(largest, index.reduce((sum, l) => sum + l.bytes, 0));
  }
  await context.close();
  return `the last of ${site.languages.join(", ")} added by arrows and Enter, loading ${largest} bytes of the search index at most`;
}
