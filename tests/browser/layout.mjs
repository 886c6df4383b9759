// Layout checks of a built versus site in a real browser, measured on the rendered pages: every
// page type in every language at phone, tablet and desktop widths fits its viewport, no table is
// wider than its box unless that box is a focusable sideways-scrolling region, and no text in a
// table cell is clipped or spills out of its cell; the header takes at most two lines on phones;
// the comparison table shows ten rows and every criterion on a laptop and every score of the
// first item on a phone; with JavaScript off nothing marked `hidden` shows; printed on A4,
// nothing is wider than the page and no form shows. Run from run.mjs with its browser.

import { onPages, pageTypes } from "./site.mjs";

/** The widths every page type is measured at. */
export const WIDTHS = [320, 390, 768, 1280, 1920];
const PHONE = { isMobile: true, hasTouch: true };
/** A4's width less the print stylesheet's side margins (210 mm − 2 × 12 mm), in CSS pixels. */
const A4_CONTENT_WIDTH = Math.floor(((210 - 24) / 25.4) * 96);

const where = (t, extra) => `${t.key} ${t.lang} ${extra}`;

/** Every page type in every language at every width: overflow, tables, clipped text. */
export async function checkLayout(site, newContext, result) {
  let measured = 0;
  for (const width of WIDTHS) {
    const phone = width < 500 ? PHONE : {};
    const context = await newContext({ viewport: { width, height: 900 }, ...phone });
    await onPages(context, pageTypes(site), async (page, t) => {
      await page.goto(t.url, { waitUntil: "load" });
      for (const p of await page.evaluate(measureFit)) result.failures.push(`${where(t, `${width}px`)}: ${p}`);
      measured++;
    });
    await context.close();
  }
  return `${measured} pages measured (${pageTypes(site).length} page types × ${WIDTHS.join(", ")} px)`;
}

/**
 * In the page: what does not fit. The document is no wider than the viewport; a table wider
 * than its box is in a focusable region that scrolls sideways; each text in a table cell lies
 * inside its cell and inside whatever clips it (unless that scrolls), and inside the viewport.
 */
export function measureFit() {
  const problems = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth + 1) {
    problems.push(`the page is ${root.scrollWidth - root.clientWidth}px wider than the viewport`);
  }
  const name = (el) => el.id ? `#${el.id}` : `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}`;
  const scrolls = (el) => /auto|scroll/.test(getComputedStyle(el).overflowX);
  const scrollRegion = (el) => scrolls(el) && el.tabIndex >= 0;
  const clippers = (el) => {
    const found = [];
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== "visible") found.push(a);
    }
    return found;
  };
  // Text kept for screen readers only: inside a box of at most 1×1 px that hides its overflow.
  const hiddenForScreenReaders = (el) => {
    for (let a = el; a && a !== document.body; a = a.parentElement) {
      const r = a.getBoundingClientRect();
      if (r.width <= 1 && r.height <= 1 && getComputedStyle(a).overflow !== "visible") return true;
    }
    return false;
  };
  const outside = (r, box) => r.left < box.left - 1 || r.right > box.right + 1;
  for (const table of document.querySelectorAll("table")) {
    if (!table.getClientRects().length) continue;
    const box = table.parentElement;
    if (table.getBoundingClientRect().width > box.clientWidth + 1 && !scrollRegion(box)) {
      problems.push(`table ${name(table)} is wider than its box ${name(box)}, which is not a focusable scrolling region`);
    }
    const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
    for (let node; (node = walker.nextNode()); ) {
      const text = node.textContent.trim();
      const cell = node.parentElement.closest("td, th");
      if (!text || !cell || hiddenForScreenReaders(node.parentElement)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0);
      const cellBox = cell.getBoundingClientRect();
      const clip = clippers(cell);
      const inRegion = clip.some(scrolls);
      for (const r of rects) {
        let why = null;
        if (outside(r, cellBox)) why = "spills out of its cell";
        else if (clip.some((c) => !scrolls(c) && outside(r, c.getBoundingClientRect()))) why = "is clipped";
        else if (!inRegion && (r.left < -1 || r.right > root.clientWidth + 1)) why = "is off the screen";
        if (why) {
          problems.push(`"${text.slice(0, 40)}" in table ${name(table)} ${why}`);
          break;
        }
      }
    }
  }
  return problems;
}

/** On phones the header is at most two lines, and each language link is on one line. */
export async function checkHeader(site, newContext, result) {
  const widths = [320, 360, 390, 430, 480];
  const homes = pageTypes(site).filter((t) => t.key === "home");
  for (const width of widths) {
    const context = await newContext({ viewport: { width, height: 800 }, ...PHONE });
    await onPages(context, homes, async (page, t) => {
      await page.goto(t.url, { waitUntil: "load" });
      const found = await page.evaluate(measureHeader);
      if (found.lines > 2) result.failures.push(`${where(t, `${width}px`)}: the header takes ${found.lines} lines`);
      for (const link of found.broken) result.failures.push(`${where(t, `${width}px`)}: the language link "${link}" wraps`);
    });
    await context.close();
  }
  return `at ${widths.join(", ")} px in ${site.languages.join(", ")}: two lines at most, language links unbroken`;
}

/** In the page: how many lines the header's text takes, and which language links wrap. */
function measureHeader() {
  const header = document.querySelector("header");
  const spans = [];
  const walker = document.createTreeWalker(header, NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode()); ) {
    if (!node.textContent.trim()) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) if (r.height > 0) spans.push([r.top, r.bottom]);
  }
  // Text boxes that overlap vertically are on one line.
  spans.sort((a, b) => a[0] - b[0]);
  let lines = 0;
  let bottom = -Infinity;
  for (const [top, end] of spans) {
    if (top >= bottom - 2) lines++;
    bottom = Math.max(bottom, end);
  }
  const broken = [...header.querySelectorAll("[hreflang]")]
    .filter((a) => {
      const range = document.createRange();
      range.selectNodeContents(a);
      return range.getClientRects().length > 1;
    })
    .map((a) => a.textContent.trim());
  return { lines, broken };
}

/**
 * The comparison table on a 1440×900 laptop shows at least ten rows and every criterion once
 * scrolled to; on a 360 px phone every criterion score of the first item is on the screen.
 */
export async function checkTableViews(site, newContext, result) {
  const tables = pageTypes(site).filter((t) => t.key === "table");
  const views = [
    { viewport: { width: 1440, height: 900 }, check: tenRowsAndEveryCriterion },
    { viewport: { width: 360, height: 740 }, ...PHONE, check: firstItemWhole },
  ];
  for (const { check, ...device } of views) {
    const context = await newContext(device);
    await onPages(context, tables, async (page, t) => {
      await page.goto(t.url, { waitUntil: "load" });
      const problem = await page.evaluate(check);
      if (problem) result.failures.push(`${where(t, `${device.viewport.width}px`)}: ${problem}`);
    });
    await context.close();
  }
  return "10+ rows and every criterion at 1440×900; the first item's scores on screen at 360 px";
}

function tenRowsAndEveryCriterion() {
  const table = document.getElementById("compare");
  table.scrollIntoView({ block: "start" });
  const head = table.tHead.getBoundingClientRect();
  const visible = [...table.tBodies[0].rows].filter((row) => {
    const r = row.getBoundingClientRect();
    return r.top >= head.bottom - 1 && r.bottom <= window.innerHeight + 1;
  });
  const cut = [...table.tHead.rows[0].cells]
    .filter((th) => th.getBoundingClientRect().right > window.innerWidth + 1)
    .map((th) => th.textContent.trim());
  if (visible.length < 10) return `only ${visible.length} rows are visible once the table is scrolled to`;
  if (cut.length) return `columns off the screen: ${cut.join(", ")}`;
  return null;
}

function firstItemWhole() {
  const row = document.getElementById("compare").tBodies[0].rows[0];
  row.scrollIntoView({ block: "start" });
  const off = [...row.querySelectorAll("td.score")].filter((cell) => {
    const r = cell.getBoundingClientRect();
    return r.left < 0 || r.right > window.innerWidth + 1 || r.top < 0 || r.bottom > window.innerHeight + 1;
  });
  if (!row.querySelectorAll("td.score").length) return "the first row has no criterion scores";
  return off.length ? `${off.length} criterion scores of the first item are off the screen` : null;
}

/** With JavaScript off, on every page type: no element marked `hidden` is rendered. */
export async function checkNoScript(site, newContext, result) {
  let pages = 0;
  for (const width of [390, 1280]) {
    const context = await newContext({ viewport: { width, height: 900 }, javaScriptEnabled: false });
    await onPages(context, pageTypes(site), async (page, t) => {
      await page.goto(t.url, { waitUntil: "load" });
      const shown = await page.evaluate(() =>
        [...document.querySelectorAll("[hidden]")]
          .filter((el) => el.getClientRects().length > 0)
          .map((el) => (el.id ? `#${el.id}` : el.tagName.toLowerCase())),
      );
      for (const el of shown) result.failures.push(`${where(t, `${width}px`)}: ${el} is hidden but shown`);
      pages++;
    });
    await context.close();
  }
  return `${pages} pages without JavaScript: nothing hidden is shown`;
}

/** Printed at A4's width: no page is wider than the page box, and no form is visible. */
export async function checkPrint(site, newContext, result) {
  const context = await newContext({ viewport: { width: A4_CONTENT_WIDTH, height: 1100 } });
  await onPages(context, pageTypes(site), async (page, t) => {
    await page.emulateMedia({ media: "print" });
    await page.goto(t.url, { waitUntil: "load" });
    const found = await page.evaluate(() => ({
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      // A table heading's sort button prints as the heading's text.
      forms: [...document.querySelectorAll("form, input, select, textarea, button:not(th > .sort)")]
        .filter((el) => el.getClientRects().length > 0).length,
    }));
    if (found.overflow > 1) result.failures.push(`${where(t, "print")}: ${found.overflow}px wider than the page`);
    if (found.forms) result.failures.push(`${where(t, "print")}: ${found.forms} form controls print`);
  });
  await context.close();
  return `${pageTypes(site).length} page types printed at A4 width (${A4_CONTENT_WIDTH}px)`;
}
