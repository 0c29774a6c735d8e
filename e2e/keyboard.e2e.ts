import { afterAll, beforeAll, expect, it } from "vitest";
import { type E2E, login, startE2E } from "./helpers/browser.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

it.each([
  ["/logga-in", null],
  ["/organisation", "handlaggare"],
])("the first Tab on %s focuses the skip link, which leads to main", async (path, user) => {
  const page = await e2e.newPage();
  if (user) await login(page, user);
  await page.goto(path);

  await page.keyboard.press("Tab");
  const focused = page.locator(":focus");
  expect(await focused.textContent()).toBe("Hoppa till huvudinnehållet");
  expect(await focused.getAttribute("href")).toBe("#main");
  const box = await focused.boundingBox();
  expect(box?.x).toBeGreaterThanOrEqual(0);
  expect(box?.width).toBeGreaterThan(1);

  await page.keyboard.press("Enter");
  expect(await page.locator("main:focus").count()).toBe(1);
});
