import { afterAll, beforeAll, expect, it } from "vitest";
import {
  checkA11y,
  clickAndWait,
  type E2E,
  login,
  menuItems,
  menuLink,
  startE2E,
} from "./helpers/browser.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

it("admin sees and can open every menu item", async () => {
  const page = await e2e.newPage();
  await login(page, "admin");
  expect(await menuItems(page)).toEqual(
    expect.arrayContaining(["Start", "Organisation", "Användare", "Granskningslogg"]),
  );
  await checkA11y(page);

  for (const [item, heading] of [
    ["Organisation", "Organisation"],
    ["Användare", "Användare"],
    ["Granskningslogg", "Granskningslogg"],
  ] as const) {
    const link = await menuLink(page, item);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().isNavigationRequest()),
      link.click(),
    ]);
    await page.waitForLoadState();
    expect(response.status(), item).toBe(200);
    expect(await page.locator("h1").textContent(), item).toBe(heading);
    expect(await link.getAttribute("aria-current"), item).toBe("page");
    await checkA11y(page);
  }
});

it("every signed-in user reaches their account from the header", async () => {
  const page = await e2e.newPage();
  await login(page, "lasare");
  await clickAndWait(page, page.locator("header .header-tools").getByRole("link", { name: "Mitt konto" }));
  expect(await page.locator("h1").textContent()).toBe("Mitt konto");
  await checkA11y(page);
});

it("lasare sees only what a reader may use and is refused the user admin", async () => {
  const page = await e2e.newPage();
  await login(page, "lasare");
  const items = await menuItems(page);
  expect(items).toEqual(expect.arrayContaining(["Organisation"]));
  expect(items).not.toContain("Användare");
  expect(items).not.toContain("Granskningslogg");
  await checkA11y(page);

  const response = await page.goto("/admin/anvandare");
  expect(response?.status()).toBe(403);
  expect(await page.locator("h1").textContent()).toBe("Åtkomst nekad");
  await checkA11y(page);
});
