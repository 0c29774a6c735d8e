import { afterAll, beforeAll, expect, it } from "vitest";
import { checkA11y, DEMO_PASSWORD, type E2E, startE2E } from "./helpers/browser.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

it.each([
  { js: true, label: "with JavaScript" },
  { js: false, label: "without JavaScript" },
])("login page, a failed login's error summary, then the start page ($label)", async ({ js }) => {
  const page = await e2e.newPage({ javaScriptEnabled: js });

  await page.goto("/logga-in");
  expect(await page.locator("h1").textContent()).toBe("Logga in i kansli");
  await checkA11y(page);

  await page.fill("#username", "handlaggare");
  await page.fill("#password", "fel-losenord-helt-enkelt");
  await page.click("main button[type=submit]");
  await page.waitForSelector(".error-summary");
  expect(await page.title()).toMatch(/^Fel: /);
  const summary = page.getByRole("alert");
  expect(await summary.count()).toBe(1);
  const link = summary.locator("a");
  expect(await link.getAttribute("href")).toBe("#username");
  expect(await link.textContent()).toBe("Användarnamnet eller lösenordet är fel");
  expect(await page.locator("#username").getAttribute("aria-invalid")).toBe("true");
  expect(await page.inputValue("#username")).toBe("handlaggare");
  await checkA11y(page);

  await page.fill("#password", DEMO_PASSWORD);
  await Promise.all([page.waitForURL(`${e2e.baseUrl}/`), page.click("main button[type=submit]")]);
  expect(await page.locator("main").textContent()).toContain("Hugo Handläggare (demo)");
  expect(await page.locator("header").textContent()).toContain("Inloggad som Hugo Handläggare (demo)");
  await checkA11y(page);
});
