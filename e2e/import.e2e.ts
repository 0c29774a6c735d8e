import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { checkA11y, clickAndWait, dateValue, type E2E, login, startE2E } from "./helpers/browser.ts";

const CORPUS = path.resolve(import.meta.dirname, "../test/fixtures/import-corpus/tune");
let e2e: E2E;
/** The reading page reloads itself until the review is ready: waits for that, as the clerk would. */
const reviewReady = (page: Page) =>
  page.locator("h1", { hasText: "Granska importerad remiss" }).waitFor({ timeout: 60_000 });
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

it("a registry clerk imports a scanned consultation: upload, watch it read, review beside the scan, errors first, then confirm", async () => {
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
  // The upload answers at once: the page says how far the reading has got and reloads itself.
  expect(await page.locator("h1").textContent()).toBe("Remissen läses");
  expect(await page.locator("main [role=status]").textContent()).toMatch(
    /^(Läser sida \d+ av \d+|Sidorna är lästa)/,
  );
  // axe's meta-refresh rule fails any timed reload; the page lets the clerk stop it (WCAG 2.2.1),
  // so the page is checked as it is with the reloading stopped.
  const reading = page.url();
  await clickAndWait(page, page.getByRole("link", { name: "Sluta uppdatera sidan automatiskt" }));
  if ((await page.locator("h1").textContent()) === "Remissen läses") await checkA11y(page);
  await page.goto(reading);
  await reviewReady(page);
  expect(await page.locator("img.import-scan").count()).toBe(1);
  expect(await page.inputValue("#diaryNumber")).toBe("500-12345-2018");
  expect(await dateValue(page, "deadline")).toBe("2019-01-15");
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
  // The body the document names is shown with its unit, ticked; the clerk adds one more unit.
  const proposed = page.getByLabel(
    "Stockholm Vatten och Avfall AB – i dokumentet: Stockholm Vatten och Avfall AB",
  );
  expect(await proposed.isChecked()).toBe(true);
  await page.locator("details", { hasText: "Fler enheter" }).locator("summary").click();
  await page.getByLabel("Kulturnämnden", { exact: true }).check();
  await clickAndWait(page, page.locator("main form button[type=submit]"));
  expect(new URL(page.url()).pathname).toMatch(/^\/remisser\/[^/]+$/);
  const main = (await page.locator("main").textContent()) ?? "";
  expect(main).toContain("Regional vattenförsörjningsplan för Stockholms län");
  expect(main).toContain("Stockholm Vatten och Avfall AB");
  expect(main).toContain("Kulturnämnden");
  await checkA11y(page);
});

it("a registry clerk discards an import after a confirmation step; it is kept as discarded", async () => {
  const page = await e2e.newPage();
  await login(page, "registrator");
  await page.goto("/import");
  await page.setInputFiles("#file", path.join(CORPUS, "03-goteborgs-stad.txt"));
  await clickAndWait(page, page.locator("main form button[type=submit]"));
  await reviewReady(page);
  // The changed words are folded under their count.
  expect(await page.locator("details.import-changes table").isVisible()).toBe(false);
  await clickAndWait(page, page.getByRole("link", { name: "Kassera importen" }));
  expect(await page.locator("h1").textContent()).toMatch(/^Kassera importen av 03-goteborgs-stad\.txt\?$/);
  await checkA11y(page);
  await clickAndWait(page, page.locator("main form button[type=submit]"));
  expect(await page.locator("h1").textContent()).toBe("Importen är kasserad");
  await checkA11y(page);
});
