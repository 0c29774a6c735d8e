import fs from "node:fs/promises";
import { afterAll, beforeAll, expect, it } from "vitest";
import { checkA11y, type E2E, login, startE2E } from "./helpers/browser.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

it("lists the units by type, opens a unit and follows a child link", async () => {
  const page = await e2e.newPage();
  await login(page, "handlaggare");
  await page.goto("/organisation");
  const groups = await page.locator("main h2").allTextContents();
  expect(groups).toContain("Facknämnd (15)");
  expect(groups).toContain("Stadsdelsnämnd (3)");
  await checkA11y(page);

  await Promise.all([
    page.waitForURL("**/organisation/fn-kultur"),
    page.getByRole("link", { name: "Kulturnämnden", exact: true }).click(),
  ]);
  expect(await page.locator("h1").textContent()).toBe("Kulturnämnden");
  await checkA11y(page);

  await Promise.all([
    page.waitForURL("**/organisation/forv-kultur"),
    page.locator("main").getByRole("link", { name: "Kulturförvaltningen", exact: true }).click(),
  ]);
  expect(await page.locator("h1").textContent()).toBe("Kulturförvaltningen");
  expect(await page.locator("main").getByRole("link", { name: "Kulturnämnden" }).count()).toBe(1);
  await checkA11y(page);
});

it("downloads the organisation as CSV", async () => {
  const page = await e2e.newPage();
  await login(page, "handlaggare");
  await page.goto("/organisation");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Ladda ner som CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("organisation.csv");
  const text = await fs.readFile(await download.path(), "utf8");
  expect(text).toContain("Kommunstyrelsen");
  expect(text).toContain("Kulturförvaltningen");
});
