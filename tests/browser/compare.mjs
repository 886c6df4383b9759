// Browser checks of the compare view: four rows chosen in the comparison table lead to the
// four side by side (a card, a radar series with its own line pattern and marker, and a
// column of ratings each), the address names them and reloading it shows the same; an item
// is removed by its button and added back by name. Run from run.mjs with its browser context.
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

export async function checkCompare(site, newContext, result) {
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
  }
  await phone.close();
  return `four rows of the table side by side, the address reloads them, remove and add by name; five fit 320 px (${site.languages.join(", ")})`;
}
