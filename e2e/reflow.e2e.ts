import { afterAll, beforeAll, expect, it } from "vitest";
import { checkA11y, type E2E, login, startE2E } from "./helpers/browser.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

/** 320 CSS pixels wide is 1280 at 400 % zoom (WCAG 1.4.10): no sideways scrolling of the page. */
const NARROW = { width: 320, height: 640 };
const PAGES = [
  "/",
  "/organisation",
  "/organisation/fn-kultur",
  "/organisation/ny",
  "/konto",
  "/admin/logg",
  "/arenden",
  "/arenden/nytt",
  "/admin/diarier",
  "/admin/sekretessgrunder",
  "/mina-bevakningar",
];

/** Swedish, whose long compound words ("Tillgänglighetsredogörelse") are the hardest to fit. */
it("pages reflow at 320 px and pass axe there", async () => {
  const page = await e2e.newPage({ viewport: NARROW });
  const check = async (path: string) => {
    await page.goto(path);
    const width = await page.locator("html").evaluate((html) => html.scrollWidth);
    expect(width, `${path} is ${width} px wide`).toBeLessThanOrEqual(NARROW.width);
    await checkA11y(page);
  };
  await check("/logga-in");
  await login(page, "admin");
  for (const path of PAGES) await check(path);
  // A case page, with its facts, parties and history table: its address is found in the list.
  await page.goto("/arenden?year=2016");
  const href = await page.getByRole("link", { name: "KS 171-482/2016", exact: true }).getAttribute("href");
  expect(href).toMatch(/^\/arenden\/[^/]+$/);
  await check(String(href));
  await check(`${href}/andra`);
  await check(`${href}/handlingar/ny`);
  // A document page, with its facts and its table of file versions.
  await page.goto(String(href));
  const doc = await page
    .getByRole("link", {
      name: "Missiv: Remiss av förslag till internationell strategi för Stockholms stad",
      exact: true,
    })
    .getAttribute("href");
  expect(doc).toMatch(/^\/handlingar\/[^/]+$/);
  await check(String(doc));
});
