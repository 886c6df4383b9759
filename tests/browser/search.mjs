// Browser checks of the header's search box: typed queries in English and Korean (a word
// with a particle attached, a syllable still being composed, an English plural's stem) show
// results with the matching words marked; the arrow keys move through them as a WAI-ARIA
// combobox says; Enter opens the chosen one; without JavaScript the box is a link to the A–Z
// list. Run from run.mjs with its browser context.

/** Queries per language: what is typed, and a word a result must mark. */
const QUERIES = {
  en: [
    { typed: "framework", marks: /^frameworks?$/i, why: "a stem finds its plural" },
    { typed: "admin interface", marks: /^admin/i, why: "two words" },
  ],
  ko: [
    { typed: "관리자는", marks: /^관리자/, why: "a word with a particle finds the bare word" },
    { typed: "보안", marks: /^보안/, why: "a stem finds the word with a particle (보안이...)" },
    { typed: "프레이", marks: /^프레임워크/, why: "a syllable being composed (프레임 → 프레이)" },
  ],
};

function urlIn(site, lang, path) {
  const prefix = lang === site.defaultLanguage ? "" : `${lang}/`;
  return new URL(`${prefix}${path}`, site.base).href;
}

/** Opens the search box on `page` and types `text`; resolves to the options shown. */
async function query(page, text) {
  if (await page.locator("#site-search").isHidden()) await page.locator("#search-button").click();
  await page.locator("#search-input").fill(text);
  await page.waitForFunction((typed) => document.getElementById("site-search").dataset.shown === typed, text);
  return page.$$eval("#search-results [role=option]", (options) =>
    options.map((o) => ({ text: o.textContent, marks: [...o.querySelectorAll("mark")].map((m) => m.textContent) })),
  );
}

export async function checkSearch(site, newContext, result) {
  const context = await newContext();
  const page = await context.newPage();
  const fail = (lang, why) => result.failures.push(`${lang}: ${why}`);
  let queries = 0;
  for (const lang of site.languages) {
    await page.goto(urlIn(site, lang, "rankings/"));
    for (const q of QUERIES[lang] ?? []) {
      const options = await query(page, q.typed);
      queries++;
      if (!options.length) fail(lang, `"${q.typed}" (${q.why}) found nothing`);
      else if (!options.some((o) => o.marks.some((m) => q.marks.test(m)))) {
        fail(lang, `"${q.typed}" (${q.why}) marked ${options.map((o) => o.marks.join("/")).join(", ")}`);
      }
    }
    // The combobox: arrows move the active option, Enter opens it.
    await query(page, QUERIES[lang]?.[0]?.typed ?? "a");
    const input = page.locator("#search-input");
    if ((await input.getAttribute("aria-expanded")) !== "true") fail(lang, "the combobox is not expanded");
    await input.press("ArrowDown");
    await input.press("ArrowDown");
    const active = await input.getAttribute("aria-activedescendant");
    const selected = await page.$$eval("#search-results [aria-selected=true]", (o) => o.map((e) => e.id));
    if (active !== "search-option-1" || selected.join() !== active) {
      fail(lang, `after two ArrowDowns the active option is ${active}, selected ${selected.join()}`);
    }
    await input.press("ArrowUp");
    if ((await input.getAttribute("aria-activedescendant")) !== "search-option-0") fail(lang, "ArrowUp did not move back");
    const before = page.url();
    await Promise.all([page.waitForURL((u) => u.href !== before), input.press("Enter")]);
    const landed = await page.evaluate(() => document.documentElement.lang);
    if (landed !== lang) fail(lang, `Enter opened ${page.url()} in ${landed}`);
  }
  await context.close();
  // Without JavaScript: the header's search is a link to the A–Z list.
  const off = await newContext({ javaScriptEnabled: false });
  const plain = await off.newPage();
  for (const lang of site.languages) {
    await plain.goto(urlIn(site, lang, ""));
    const href = await plain.$eval("#search-link", (a) => a.href);
    if (href !== urlIn(site, lang, "a-z/")) fail(lang, `without JavaScript the search link leads to ${href}`);
    await plain.goto(href);
    const listed = await plain.$$eval(".az-list dt a", (a) => a.length);
    if (!listed) fail(lang, "the A–Z list lists nothing");
  }
  await off.close();
  return `${queries} queries typed, arrows and Enter, the link to the A–Z list without JavaScript (${site.languages.join(", ")})`;
}
