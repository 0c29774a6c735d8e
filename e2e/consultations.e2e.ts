import { afterAll, beforeAll, expect, it } from "vitest";
import { checkA11y, clickAndWait, type E2E, fillDate, login, startE2E } from "./helpers/browser.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

it("an officer starts the strategy consultation from its case: errors first, then the grouped distribution list", async () => {
  const page = await e2e.newPage();
  await login(page, "handlaggare");
  await page.goto("/arenden");
  await clickAndWait(page, page.getByRole("link", { name: "KS 171-482/2016", exact: true }));
  await clickAndWait(page, page.getByRole("link", { name: "Skicka på remiss" }));
  expect(await page.locator("h1").textContent()).toBe("Ny remiss i KS 171-482/2016");
  await checkA11y(page);

  // No recipients and a deadline on Midsummer Eve: both reported at once.
  await fillDate(page, "deadline", "2027-06-25");
  await clickAndWait(page, page.locator("main form button[type=submit]"));
  const summary = await page.locator(".error-summary").textContent();
  expect(summary).toContain("2027-06-28");
  expect(await page.locator(".error-summary li").count()).toBeGreaterThanOrEqual(2);
  await checkA11y(page);

  await page.getByLabel("Alla stadsdelsnämnder").check();
  await page.getByLabel("Alla facknämnder").check();
  await fillDate(page, "deadline", "2027-09-15");
  await clickAndWait(page, page.locator("main form button[type=submit]"));
  expect(new URL(page.url()).pathname).toMatch(/^\/remisser\/[^/]+$/);
  const main = (await page.locator("main").textContent()) ?? "";
  expect(main).toContain("Södermalms stadsdelsnämnd");
  expect(main).toContain("2027-09-15");
  await checkA11y(page);
});
