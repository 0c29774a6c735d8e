import { afterAll, beforeAll, expect, it } from "vitest";
import { checkA11y, clickAndWait, type E2E, login, startE2E } from "./helpers/browser.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

it("the engagement form adds and removes counterpart rows, and says what is wrong with a number", async () => {
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
  await page.fill("#unitsAffected", "-1");
  await page.fill("#financing\\.0\\.sharePercent", "12,5");
  await clickAndWait(page, page.getByRole("button", { name: "Kontrollera" }));
  expect(await rows.count()).toBe(1);
  expect(await page.locator("#counterparts\\.0\\.name").inputValue()).toBe("Påhittade högskolan");
  // Each number's message says what is wrong with it (empty required fields ask to be filled in).
  const summary = page.locator(".error-summary");
  expect(await summary.locator('a[href="#unitsAffected"]').textContent()).toBe("Måste vara minst 1");
  expect(await summary.locator('a[href="#financing.0.sharePercent"]').textContent()).toBe(
    "Måste vara ett heltal",
  );
  await checkA11y(page);
});
