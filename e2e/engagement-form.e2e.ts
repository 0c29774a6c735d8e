import { afterAll, beforeAll, expect, it } from "vitest";
import { checkA11y, clickAndWait, type E2E, login, startE2E } from "./helpers/browser.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

it("the engagement form picks the affected units by filtering, adds and removes counterpart rows, and says what is wrong with a number", async () => {
  const page = await e2e.newPage();
  await login(page, "handlaggare");
  await page.goto("/engagemang/ny?typ=cooperation_agreement");
  const rows = page.locator("#counterparts > fieldset");
  expect(await rows.count()).toBe(1);
  await page.fill("#counterparts\\.0\\.name", "Påhittade stadens trafikkontor");
  await clickAndWait(page, page.getByRole("button", { name: "Lägg till motpart" }));
  expect(await rows.count()).toBe(2);
  expect(await page.locator("#counterparts\\.0\\.name").inputValue()).toBe("Påhittade stadens trafikkontor");
  await checkA11y(page);
  await page.fill("#counterparts\\.1\\.name", "Påhittade högskolan");
  await page.getByLabel("Ta bort motpart 1 när formuläret skickas").check();
  // The picker: the filter (shown by JavaScript) narrows the committees to those that match.
  const filter = page.getByLabel("Sök förvaltning, bolag eller nämnd");
  await filter.fill("kultur");
  const culture = page.getByLabel("Kulturförvaltningen");
  expect(await culture.isVisible()).toBe(true);
  expect(await page.getByLabel("Trafikkontoret").isVisible()).toBe(false);
  // A status line tells a screen reader how many units the filter leaves.
  const shown = await page.locator("[data-unit]:visible").count();
  expect(shown).toBeGreaterThan(0);
  expect(await page.getByRole("status").filter({ hasText: "visas" }).textContent()).toBe(
    `${shown} förvaltningar och bolag visas`,
  );
  await culture.check();
  // A committee's name finds its administration.
  await filter.fill("idrottsnämnden");
  await page.getByLabel("Idrottsförvaltningen").check();
  expect(await culture.isVisible()).toBe(true);
  expect(await page.getByRole("group", { name: "Idrottsnämnden" }).isVisible()).toBe(true);
  expect(await page.getByRole("group", { name: "Trafiknämnden" }).isVisible()).toBe(false);
  await checkA11y(page);
  await page.fill("#financing\\.0\\.sharePercent", "12,5");
  await clickAndWait(page, page.getByRole("button", { name: "Kontrollera" }));
  expect(await rows.count()).toBe(1);
  expect(await page.locator("#counterparts\\.0\\.name").inputValue()).toBe("Påhittade högskolan");
  // Each number's message says what is wrong with it (empty required fields ask to be filled in).
  const summary = page.locator(".error-summary");
  expect(await summary.locator('a[href="#financing.0.sharePercent"]').textContent()).toBe(
    "Måste vara ett heltal",
  );
  // The ticked units are kept when the form comes back (the routing's count: test/engagements-web.test.ts).
  expect(await page.getByLabel("Kulturförvaltningen").isChecked()).toBe(true);
  expect(await page.getByLabel("Idrottsförvaltningen").isChecked()).toBe(true);
  await checkA11y(page);
});
