import { measureFit } from "./layout.mjs";

// Browser checks of the pages' scripts: the choose page (weights change the order, the address
// restores it, and each preset ranked in the browser matches the ranking computed at build
// time) and the comparison table (sorting and filtering change the rows and the address, a
// reload restores them, unrated items stay last in either order, and the "sort by" fields that
// phones use sort too). Run from run.mjs with its browser context.

/** The page `path` in `lang`, as a URL of the served site. */
function urlIn(site, lang, path) {
  const prefix = lang === site.defaultLanguage ? "" : `${lang}/`;
  return new URL(`${prefix}${path}`, site.base).href;
}

const names = (page, css) =>
  page.$$eval(css, (els) => els.filter((e) => !e.closest("tr[hidden]")).map((e) => e.textContent.trim()));

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** Checks the choose page in every language; `newContext` makes a browser context. */
export async function checkChoose(site, newContext, result) {
  const context = await newContext();
  const page = await context.newPage();
  let checked = 0;
  for (const lang of site.languages) {
    const url = urlIn(site, lang, "choose/");
    await page.goto(url);
    await page.waitForSelector("#chooser:not([hidden]) #ranking li");
    const before = await names(page, "#ranking li a");
    const sliders = await page.$$eval("#weights input[type=range]", (els) => els.map((e) => e.name));
    // Only the last criterion counts: the order must follow it alone.
    for (const name of sliders) await page.locator(`#w-${name}`).fill(name === sliders.at(-1) ? "3" : "0");
    const after = await names(page, "#ranking li a");
    if (same(before, after)) result.failures.push(`${lang}: changing the weights did not change the order`);
    const address = new URL(page.url());
    if (address.searchParams.get(sliders.at(-1)) !== "3") {
      result.failures.push(`${lang}: the weights are not in the address (${page.url()})`);
    }
    await page.goto(page.url());
    await page.waitForSelector("#ranking li");
    const restored = await names(page, "#ranking li a");
    const value = await page.locator(`#w-${sliders.at(-1)}`).inputValue();
    if (!same(restored, after) || value !== "3") {
      result.failures.push(`${lang}: reloading the address did not restore the ranking and weights`);
    }
    for (const preset of await page.$$eval("[data-preset]", (els) => els.map((e) => e.dataset.preset))) {
      await page.locator(`nav.presets [data-preset="${preset}"]`).click();
      const live = await names(page, "#ranking li a");
      const built = await names(page, `#preset-${preset}-data tbody th a`);
      if (!same(live, built)) {
        result.failures.push(`${lang}: preset ${preset} ranks ${live.join(", ")} in the browser but ${built.join(", ")} at build time`);
      }
      checked++;
    }
  }
  await context.close();
  return `weights reorder, the address restores, ${checked} presets match their build-time rankings (${site.languages.join(", ")})`;
}

/** Checks the comparison table's sorting and filtering in every language. */
export async function checkTable(site, newContext, result) {
  const context = await newContext();
  const page = await context.newPage();
  for (const lang of site.languages) {
    await page.goto(urlIn(site, lang, "compare/"));
    await page.waitForSelector("#table-controls:not([hidden])");
    const rows = () => names(page, "#compare tbody th");
    const initial = await rows();
    const key = await page.$eval("#compare thead th:nth-child(3)", (th) => th.dataset.key);
    await page.locator("#compare thead th:nth-child(3) button").click();
    const sorted = await rows();
    const sort = await page.$eval("#compare thead th:nth-child(3)", (th) => th.getAttribute("aria-sort"));
    if (same(initial, sorted) || !sort) result.failures.push(`${lang}: sorting by ${key} did not reorder the rows`);
    if (new URL(page.url()).searchParams.get("sort") !== key) {
      result.failures.push(`${lang}: the sort is not in the address (${page.url()})`);
    }
    const select = page.locator("#table-controls select").first();
    const filter = await select.getAttribute("name");
    const option = await select.locator("option").nth(1).getAttribute("value");
    await select.selectOption(option);
    const filtered = await rows();
    if (!(filtered.length > 0 && filtered.length < initial.length)) {
      result.failures.push(`${lang}: filtering by ${filter}=${option} left ${filtered.length} of ${initial.length} rows`);
    }
    if (new URL(page.url()).searchParams.get(filter) !== option) {
      result.failures.push(`${lang}: the filter is not in the address (${page.url()})`);
    }
    await page.goto(page.url());
    await page.waitForSelector("#table-controls:not([hidden])");
    if (!same(await rows(), filtered)) result.failures.push(`${lang}: reloading the address did not restore the table`);
    await page.locator("#filter-text").fill(filtered[0].slice(0, 3));
    const searched = await rows();
    if (!searched.includes(filtered[0]) || searched.length > filtered.length) {
      result.failures.push(`${lang}: the name filter kept ${searched.join(", ")}`);
    }
    for (const p of await unratedLast(page, urlIn(site, lang, "compare/"))) result.failures.push(`${lang}: ${p}`);
    for (const p of await switchKeepsState(site, page, lang)) result.failures.push(`${lang}: ${p}`);
  }
  await context.close();
  return (
    "sort and filter change the rows and the address, a reload restores them, unrated items " +
    `stay last both ways, by heading and by the "sort by" fields (${site.languages.join(", ")})`
  );
}

/** The language links keep a sorted table's query and the fragment: the other language's table
 * opens sorted the same way, at the same place. */
async function switchKeepsState(site, page, lang) {
  const other = site.languages.find((l) => l !== lang);
  if (!other) return [];
  await page.goto(`${urlIn(site, lang, "compare/")}?sort=name&dir=desc#compare`);
  await page.waitForSelector("#table-controls:not([hidden])");
  // The address already has a query: wait for the other language's page, then for its script.
  const target = new URL(urlIn(site, other, "compare/")).pathname;
  await Promise.all([
    page.waitForURL((address) => address.pathname === target),
    page.locator(`header a[hreflang="${other}"]`).click(),
  ]);
  // The table's script sorts it from the address once it runs: wait for that (a table that is
  // never sorted fails below, after the wait).
  const sorted = '#compare thead th[data-key="name"][aria-sort]';
  await page.waitForSelector(sorted, { timeout: 5000 }).catch(() => {});
  const url = new URL(page.url());
  const problems = [];
  if (url.search !== "?sort=name&dir=desc" || url.hash !== "#compare") {
    problems.push(`the ${other} link led to ${url.search}${url.hash}, not ?sort=name&dir=desc#compare`);
  }
  const sort = await page.$eval('#compare thead th[data-key="name"]', (th) => th.getAttribute("aria-sort"));
  if (sort !== "descending") problems.push(`the ${other} table is not sorted by name descending (${sort})`);
  return problems;
}

/** The criterion columns of the table that have unrated cells, by key. */
const columnsWithGaps = (page) =>
  page.$$eval("#compare thead th[data-key]", (ths) =>
    ths
      .map((th, i) => ({ key: th.dataset.key, i }))
      .filter(({ i }) => [...document.querySelectorAll("#compare tbody tr")].some((r) => r.cells[i].dataset.value === "")),
  );

/** Whether every row without a value in column `i` comes after every row with one. */
const gapsLast = (page, i) =>
  page.$$eval("#compare tbody tr", (rows, i) => {
    const empty = rows.map((r) => r.cells[i].dataset.value === "");
    return empty.indexOf(true) === -1 || empty.slice(empty.indexOf(true)).every(Boolean);
  }, i);

/** Sorts by a column with unrated cells both ways, by its heading and by the "sort by" fields. */
async function unratedLast(page, url) {
  const problems = [];
  await page.goto(url);
  await page.waitForSelector("#table-controls:not([hidden])");
  const gaps = await columnsWithGaps(page);
  const column = gaps.find((c) => c.key !== "overall") ?? gaps[0];
  if (!column) return ["no column has an unrated item, so sorting around them is untested"];
  const heading = `#compare thead th[data-key="${column.key}"]`;
  const order = () => page.$eval(heading, (th) => th.getAttribute("aria-sort"));
  const seen = new Set();
  for (let click = 0; click < 2; click++) {
    await page.locator(`${heading} button`).click();
    const dir = await order();
    seen.add(dir);
    if (!(await gapsLast(page, column.i))) problems.push(`sorting by ${column.key} ${dir} by its heading, unrated items are not last`);
  }
  if (seen.size !== 2) problems.push(`two clicks on the ${column.key} heading sorted ${[...seen].join(", ")}`);
  await page.locator("#sort-key").selectOption("name");
  await page.locator("#sort-key").selectOption(column.key);
  for (const [dir, aria] of [["asc", "ascending"], ["desc", "descending"]]) {
    await page.locator("#sort-dir").selectOption(dir);
    if ((await order()) !== aria) problems.push(`the "sort by" fields did not sort ${column.key} ${aria}`);
    if (!(await gapsLast(page, column.i))) problems.push(`sorting by ${column.key} ${dir} in the "sort by" fields, unrated items are not last`);
  }
  return problems;
}

/**
 * On a report whose lists take several pages: the table's second page holds a page of rows;
 * sorting it orders the whole report (items from other pages come in, the page links give way
 * to a "show more" button that shows more); the choose page ranks every item, read from the
 * index of items; and those pages fit a phone and a desktop.
 */
export async function checkPaged(site, newContext, result) {
  const context = await newContext();
  const page = await context.newPage();
  const fail = (lang, why) => result.failures.push(`${lang}: ${why}`);
  for (const lang of site.languages) {
    await page.goto(urlIn(site, lang, "compare/page/2/"));
    await page.waitForSelector("#table-controls:not([hidden])");
    const rows = () => names(page, "#compare tbody th");
    const own = await rows();
    const size = Number(await page.$eval("#compare", (t) => t.dataset.pageSize));
    if (!(own.length > 0 && own.length <= size)) fail(lang, `page 2 has ${own.length} rows for pages of ${size}`);
    await page.locator("#sort-key").selectOption("name");
    await page.waitForFunction(() => document.querySelector("nav.pages").hidden);
    const sorted = await rows();
    const sortedNames = [...sorted].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
    if (sorted.length !== size || sorted.every((n) => own.includes(n))) {
      fail(lang, `sorting page 2 by name showed ${sorted.join(", ")}, not the first of the whole report`);
    }
    if (!same(sorted.map((n) => n.toLowerCase()), sortedNames.map((n) => n.toLowerCase()))) {
      fail(lang, `sorted by name: ${sorted.join(", ")}`);
    }
    await page.locator("#table-more").click();
    if ((await rows()).length <= size) fail(lang, "\"show more\" showed no more rows");
    await page.goto(urlIn(site, lang, "choose/"));
    await page.waitForSelector("#chooser:not([hidden]) #ranking li");
    const places = await page.$$eval("#ranking li:not(.more)", (l) => l.length);
    const more = await page.$$eval("#ranking li.more", (l) => l.map((e) => e.textContent));
    if (places !== size || more.length !== 1) fail(lang, `the live ranking shows ${places} places and ${more.join("")}`);
  }
  await context.close();
  for (const width of [320, 1440]) {
    const narrow = await newContext({ viewport: { width, height: 900 } });
    const view = await narrow.newPage();
    for (const lang of site.languages) {
      for (const path of ["compare/page/2/", "rankings/page/2/", "compare/pick/page/2/"]) {
        await view.goto(urlIn(site, lang, path));
        for (const p of await view.evaluate(measureFit)) fail(lang, `${path} at ${width}px: ${p}`);
      }
    }
    await narrow.close();
  }
  return (
    "table pages sort and filter the whole report, the choose page ranks it, second pages (table, ranking, picker) fit " +
    `320 and 1440 px (${site.languages.join(", ")})`
  );
}

/**
 * Checks the picker in every language: both lists offer every item of the index of items,
 * the two ranked highest chosen; two items with a pair page open it, and two without one are
 * compared on the picker's page, a row a criterion. With `mustCompare`, the site has pairs
 * without a page (pair pages only within groups), and comparing none of them is a failure.
 */
export async function checkPicker(site, newContext, result, mustCompare = false) {
  const context = await newContext();
  const page = await context.newPage();
  const fail = (lang, why) => result.failures.push(`${lang}: picker: ${why}`);
  const published = new Set(site.pages.map((p) => p.url));
  const seen = { opened: 0, compared: 0 };
  for (const lang of site.languages) {
    const url = urlIn(site, lang, "compare/pick/");
    await page.goto(url);
    await page.waitForSelector("#picker:not([hidden])");
    const index = await page.evaluate(async (u) => (await fetch(u)).json(), urlIn(site, lang, "items.json"));
    const slugs = index.items.map((e) => e[1].split("/").filter(Boolean).pop());
    const offered = await page.$$eval("#pick-a option", (o) => o.map((e) => e.value));
    if (!same([...offered].sort(), [...slugs].sort())) fail(lang, `offers ${offered.length} items, the index has ${slugs.length}`);
    const chosen = [await page.inputValue("#pick-a"), await page.inputValue("#pick-b")];
    if (!same(chosen, slugs.slice(0, 2))) fail(lang, `chose ${chosen.join(", ")}, not the two ranked highest`);
    const pairUrl = (a, b) => urlIn(site, lang, `compare/${a < b ? `${a}-vs-${b}` : `${b}-vs-${a}`}/`);
    const others = slugs.slice(1);
    for (const [kind, other] of [
      ["opened", others.find((s) => published.has(pairUrl(slugs[0], s)))],
      ["compared", others.find((s) => !published.has(pairUrl(slugs[0], s)))],
    ]) {
      if (!other) continue;
      await page.goto(url);
      await page.waitForSelector("#picker:not([hidden])");
      await page.selectOption("#pick-a", slugs[0]);
      await page.selectOption("#pick-b", other);
      await page.click("#picker button[type=submit]");
      if (kind === "opened") {
        await page.waitForURL(pairUrl(slugs[0], other)).catch(() => fail(lang, `${slugs[0]} and ${other} did not open their pair page`));
      } else {
        const rows = await page.waitForSelector("#picker-result tr").then(() => page.$$("#picker-result tr"));
        if (rows.length !== index.criteria.length + 1) fail(lang, `${slugs[0]} and ${other}: ${rows.length} rows compared here`);
      }
      seen[kind]++;
    }
  }
  await context.close();
  if (seen.opened === 0) result.failures.push("picker: no pair page was opened");
  if (mustCompare && seen.compared === 0) result.failures.push("picker: no pair was compared on the page");
  return `lists from the index, ${seen.opened} pair pages opened, ${seen.compared} pairs compared on the page (${site.languages.join(", ")})`;
}
