import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { checkA11y, clickAndWait, type E2E, login, startE2E } from "./helpers/browser.ts";

const CORPUS = path.resolve(import.meta.dirname, "../test/fixtures/import-corpus/tune");
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

it("a registry clerk imports a scanned consultation: upload, review beside the scan, errors first, then confirm", async () => {
  const page = await e2e.newPage();
  await login(page, "registrator");
  await page.goto("/import");
  expect(await page.locator("h1").textContent()).toBe("Importera en mottagen remiss");
  await checkA11y(page);

  // No file: the error is shown in Swedish and linked from the summary.
  await clickAndWait(page, page.locator("main form button[type=submit]"));
  expect(await page.locator(".error-summary").textContent()).toContain("Välj en fil att importera");
  await checkA11y(page);

  await page.setInputFiles("#file", path.join(CORPUS, "05-lansstyrelsen.scan.png"));
  await clickAndWait(page, page.locator("main form button[type=submit]"));
  expect(new URL(page.url()).pathname).toMatch(/^\/import\/[^/]+$/);
  expect(await page.locator("h1").textContent()).toBe("Granska importerad remiss");
  expect(await page.locator("img.import-scan").count()).toBe(1);
  expect(await page.inputValue("#diaryNumber")).toBe("500-12345-2018");
  expect(await page.inputValue("#deadline")).toBe("2019-01-15");
  expect(await page.inputValue("#bodies")).toContain("Stockholm Vatten och Avfall AB");
  await checkA11y(page);

  // Everything wrong at once: no title, a bad e-mail address, no class.
  await page.fill("#title", "");
  await page.fill("#contactEmail", "inte en adress");
  await clickAndWait(page, page.locator("main form button[type=submit]"));
  const summary = (await page.locator(".error-summary").textContent()) ?? "";
  expect(summary).toContain("Ange en rubrik");
  expect(summary).toContain("Ange en e-postadress");
  await checkA11y(page);

  await page.fill("#title", "Regional vattenförsörjningsplan för Stockholms län");
  await page.fill("#contactEmail", "lars.oberg@lansstyrelsen.example");
  await page.selectOption("#classId", { index: 1 });
  await page.getByLabel("Skicka remissen vidare till egna enheter (ett utkast skapas)").check();
  await page.getByLabel("Stockholm Vatten och Avfall AB").check();
  await clickAndWait(page, page.locator("main form button[type=submit]"));
  expect(new URL(page.url()).pathname).toMatch(/^\/remisser\/[^/]+$/);
  const main = (await page.locator("main").textContent()) ?? "";
  expect(main).toContain("Regional vattenförsörjningsplan för Stockholms län");
  expect(main).toContain("Stockholm Vatten och Avfall AB");
  await checkA11y(page);
});
