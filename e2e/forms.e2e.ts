import { afterAll, beforeAll, expect, it } from "vitest";
import { checkA11y, clickAndWait, type E2E, login, startE2E } from "./helpers/browser.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

it("a new unit with errors shows them all, keeps the answers, then saves", async () => {
  const page = await e2e.newPage();
  await login(page, "admin");
  await page.goto("/organisation/ny");
  await checkA11y(page);

  await page.fill("#shortName", "TN");
  await page.fill("#email", "inte-en-adress");
  await page.fill("#web", "inte en adress");
  await page.selectOption("#parentId", "kf");
  const save = page.locator("main button[type=submit]");
  await clickAndWait(page, save);

  expect(await page.title()).toMatch(/^Fel: /);
  const summary = page.getByRole("alert");
  const links = summary.locator("a");
  expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")))).toEqual([
    "#name",
    "#type",
    "#email",
    "#web",
  ]);
  expect(await links.allTextContents()).toEqual([
    "Fyll i fältet",
    "Välj ett av alternativen",
    "Skriv en e-postadress, till exempel namn@example.se",
    "Skriv en webbadress, till exempel stockholm.se eller https://stockholm.se/kontakt",
  ]);
  for (const field of ["name", "type", "email", "web"]) {
    expect(await page.locator(`#${field}-error`).textContent(), field).toContain("Fel:");
    expect(await page.locator(`#${field}`).getAttribute("aria-invalid"), field).toBe("true");
    expect(await page.locator(`#${field}`).getAttribute("aria-describedby"), field).toContain(
      `${field}-error`,
    );
  }
  expect(await page.inputValue("#shortName")).toBe("TN");
  expect(await page.inputValue("#email")).toBe("inte-en-adress");
  expect(await page.inputValue("#parentId")).toBe("kf");
  await checkA11y(page);

  await links.first().click();
  expect(await page.locator(":focus").getAttribute("id")).toBe("name");

  await page.fill("#name", "Testnämnden");
  await page.selectOption("#type", "specialist_committee");
  await page.fill("#email", "test@stockholm.example");
  await page.fill("#web", "stockholm.se");
  await clickAndWait(page, save);
  expect(new URL(page.url()).pathname).toMatch(/^\/organisation\/[^/]+$/);
  expect(new URL(page.url()).pathname).not.toBe("/organisation/ny");
  expect(await page.locator("h1").textContent()).toBe("Testnämnden");
  expect(await page.locator("main").textContent()).toContain("test@stockholm.example");
  expect(await page.locator("main").textContent()).toContain("stockholm.se");
  await checkA11y(page);
});
