import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { checkA11y, clickAndWait, type E2E, login, menuLink, startE2E } from "./helpers/browser.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

/** The start page's sections, as their headings read ("Bevakningar (2)"). */
const sectionHeadings = async (page: Page) =>
  (await page.locator("main section > h2").allTextContents()).map((s) => s.trim());

/** What each demo role finds waiting on its start page (the demo's work of the day, src/demo/worklist-demo.ts). */
const EXPECTED: Record<string, string[]> = {
  handlaggare: [
    "Bevakningar (2)",
    "Remissvar att bedöma (2)",
    "Remissinstanser som inte har svarat i tid (1)",
    "Begäran om anstånd att besluta (1)",
  ],
  remissinstans: ["Remisser att besvara (1)"],
  registrator: ["Begäran om allmän handling (1)", "Importer att granska (1)"],
  kontaktperson: ["Besöksförfrågningar att hantera (1)"],
  beslutsfattare: ["Engagemang att besluta om (2)"],
};

it("each role signs in to a start page of what waits for it, and each item leads to where it is handled", {
  timeout: 180_000,
}, async () => {
  for (const [role, expected] of Object.entries(EXPECTED)) {
    const page = await e2e.newPage();
    await login(page, role);
    expect(new URL(page.url()).pathname, role).toBe("/");
    expect(await page.locator("h1").textContent(), role).toBe("Att göra");
    expect(await sectionHeadings(page), role).toEqual(expect.arrayContaining(expected));
    await checkA11y(page);
    // The first item of each expected section opens a page that answers.
    for (const heading of expected) {
      const section = page
        .locator("main section")
        .filter({ has: page.getByRole("heading", { name: heading }) });
      const href = await section.locator("tbody a").first().getAttribute("href");
      const response = await page.request.get(String(href));
      expect(response.status(), `${role}: ${heading} → ${href}`).toBe(200);
    }
  }
});

it("a reader with nothing to do is told so", async () => {
  const page = await e2e.newPage();
  await login(page, "lasare");
  expect(await page.locator("main").textContent()).toContain("Inget väntar på dig just nu.");
  await checkA11y(page);
});

it("the officer handles a late body from the start page and the count beside the menu follows", {
  timeout: 90_000,
}, async () => {
  const page = await e2e.newPage();
  await login(page, "handlaggare");
  const count = page.locator("nav.main-nav li").filter({ hasText: "Remisser" }).locator(".count");
  expect((await count.textContent())?.trim()).toBe("4 att hantera");
  const late = page.locator("main section").filter({
    has: page.getByRole("heading", { name: "Begäran om anstånd att besluta (1)" }),
  });
  await clickAndWait(page, late.locator("tbody a").first());
  expect(await page.locator("main").textContent()).toContain("Nämnden sammanträder först nästa vecka.");
  await page.selectOption("#decision", "grant");
  await clickAndWait(page, page.locator('form[action$="/anstand"] button[type=submit]'));
  await page.goto("/");
  expect(await page.locator("main").textContent()).not.toContain("Begäran om anstånd att besluta");
  expect((await count.textContent())?.trim()).toBe("3 att hantera");
  await checkA11y(page);
});

it("the menu fits one line at 1280 px for the admin, folds administration and stays one line on a phone", async () => {
  const wide = await e2e.newPage({ viewport: { width: 1280, height: 800 } });
  await login(wide, "admin");
  const tops = await wide
    .locator("nav.main-nav > ul > li")
    .evaluateAll((items) => items.map((li) => Math.round(li.getBoundingClientRect().top)));
  expect(new Set(tops).size, `menu rows at 1280 px: ${tops.join(", ")}`).toBe(1);
  await clickAndWait(wide, await menuLink(wide, "Granskningslogg"));
  expect(await wide.locator("h1").textContent()).toBe("Granskningslogg");
  await checkA11y(wide);

  const phone = await e2e.newPage({ viewport: { width: 375, height: 667 } });
  await login(phone, "admin");
  const height = await phone.locator("nav.main-nav").evaluate((nav) => nav.getBoundingClientRect().height);
  expect(height).toBeLessThan(80);
  const width = await phone.locator("html").evaluate((html) => html.scrollWidth);
  expect(width).toBeLessThanOrEqual(375);
  await checkA11y(phone);
});

it("works without JavaScript: administration unfolds and the start page lists the work", async () => {
  const page = await e2e.newPage({ javaScriptEnabled: false });
  await login(page, "admin");
  await clickAndWait(page, await menuLink(page, "Användare"));
  expect(await page.locator("h1").textContent()).toBe("Användare");
  await checkA11y(page);
});
