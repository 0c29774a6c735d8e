import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { checkA11y, clickAndWait, type E2E, login, menuItems, startE2E } from "./helpers/browser.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

const lang = (page: Page) => page.locator("html").getAttribute("lang");
const press = (page: Page, name: string) =>
  clickAndWait(page, page.getByRole("button", { name, exact: true }));

it("switches to English and back, and remembers the choice on the account", async () => {
  const page = await e2e.newPage();
  await login(page, "registrator");
  await page.goto("/organisation");
  expect(await lang(page)).toBe("sv");

  await press(page, "In English");
  expect(page.url()).toBe(`${e2e.baseUrl}/organisation`);
  expect(await lang(page)).toBe("en");
  expect(await menuItems(page)).toContain("Home");
  expect(await page.getByRole("button", { name: "På svenska" }).count()).toBe(1);
  await checkA11y(page);

  await page.goto("/konto");
  expect(await lang(page)).toBe("en");
  expect(await page.locator("h1").textContent()).toBe("My account");
  await checkA11y(page);

  // Signed out, and without the language cookie: the account itself keeps English.
  await press(page, "Sign out");
  await page.context().clearCookies();
  await page.goto("/logga-in");
  expect(await lang(page)).toBe("sv");
  await login(page, "registrator");
  expect(await lang(page)).toBe("en");
  expect(await menuItems(page)).toContain("Home");

  await press(page, "På svenska");
  expect(await lang(page)).toBe("sv");
  expect(await menuItems(page)).toContain("Start");
  await checkA11y(page);
});
