import { afterAll, beforeAll, expect, it } from "vitest";
import { checkA11y, clickAndWait, type E2E, fillDate, login, startE2E } from "./helpers/browser.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

const STRATEGY = "KS 171-482/2016";

it("anyone searches the public register without JavaScript, typed without å/ä/ö, and opens a case", async () => {
  const page = await e2e.newPage({ javaScriptEnabled: false });
  const response = await page.goto("/offentlig");
  expect(response?.status()).toBe(200);
  expect(await page.locator("h1").textContent()).toBe("Offentligt diarium");
  expect(await page.getByRole("table", { name: "Senast öppnade ärenden" }).count()).toBe(1);
  await checkA11y(page);

  // A search with an error: the end date before the start date, shown in the summary and at the field.
  await page.fill("#q", "strategi");
  await page.locator("main details summary").click();
  await fillDate(page, "from", "2016-12-31");
  await fillDate(page, "to", "2016-01-01");
  await clickAndWait(page, page.locator("main form.search-form button[type=submit]"));
  expect(await page.locator(".error-summary").textContent()).toContain(
    "Slutdatum kan inte vara före startdatum",
  );
  expect(await page.inputValue("#q")).toBe("strategi");
  await checkA11y(page);

  await page.goto("/offentlig");
  await page.fill("#q", "internationell strategi for Stockholms stad");
  await clickAndWait(page, page.locator("main form.search-form button[type=submit]"));
  const results = page.getByRole("list", { name: "Sökträffar" });
  const hit = results.getByRole("link", { name: new RegExp(`^${STRATEGY} `) });
  expect(await hit.count()).toBe(1);
  await checkA11y(page);

  await clickAndWait(page, hit);
  expect(decodeURIComponent(new URL(page.url()).pathname)).toBe(`/offentlig/arenden/${STRATEGY}`);
  expect(await page.locator("h1").textContent()).toBe(`Ärende ${STRATEGY}`);
  const documents = page.getByRole("table", { name: "Registrerade handlingar i ärendet" });
  expect(await documents.locator("tbody tr").count()).toBeGreaterThanOrEqual(3);
  await checkA11y(page);
});

it("a visitor requests a copy of a document anonymously and the registry finds it in its inbox", async () => {
  const page = await e2e.newPage();
  await page.goto(`/offentlig/arenden/${encodeURIComponent(STRATEGY)}`);
  const request = page.getByRole("link", { name: /^Begär kopia av Missiv/ });
  expect(await request.count()).toBe(1);
  await clickAndWait(page, request);
  expect(await page.locator("h1").textContent()).toBe("Begär kopia av en allmän handling");
  await checkA11y(page);

  await page.selectOption("#delivery", "paper");
  await clickAndWait(page, page.locator("main form button[type=submit]"));
  expect(await page.locator(".error-summary").textContent()).toContain(
    "Skriv den adress kopian ska skickas till",
  );
  await checkA11y(page);

  await page.fill("#postalAddress", "Testgatan 1\n123 45 Exempelstad");
  await clickAndWait(page, page.locator("main form button[type=submit]"));
  expect(await page.locator("h1").textContent()).toBe("Din begäran har tagits emot");
  await checkA11y(page);

  const clerk = await e2e.newPage();
  await login(clerk, "registrator");
  await clerk.goto("/begaranden");
  expect(await clerk.locator("main").textContent()).toContain("Missiv");
  await checkA11y(clerk);
});
