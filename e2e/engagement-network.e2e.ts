import { afterAll, beforeAll, expect, it } from "vitest";
import { checkA11y, clickAndWait, type E2E, fillDate, login, startE2E } from "./helpers/browser.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

it("an appointment names a kontaktperson account; a wrong one is refused with every error; the network downloads as CSV", async () => {
  const page = await e2e.newPage();
  await login(page, "handlaggare");
  await page.goto("/engagemang/kontaktnat");
  await checkA11y(page);
  const csv = await page.request.get(
    (await page.getByRole("link", { name: "Ladda ner kontaktnätet (CSV)" }).getAttribute("href")) ?? "",
  );
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain('"Kim Kontaktsson (demo)"');
  await clickAndWait(page, page.getByRole("button", { name: "Registrera" }));
  expect(await page.locator(".error-summary li").count()).toBe(3);
  expect(await page.locator(".error-summary").textContent()).toContain("Välj kontaktpersonens konto");
  await checkA11y(page);
  await page.selectOption("#userId", { label: "Kim Kontaktsson (demo) – Kulturförvaltningen" });
  await fillDate(page, "appointedOn", "2026-01-15");
  await page.fill("#appointedBy", "Kulturdirektören");
  await clickAndWait(page, page.getByRole("button", { name: "Registrera" }));
  expect(await page.locator(".error-summary").count()).toBe(0);
  const row = page.getByRole("row", { name: /Kulturförvaltningen/ });
  expect(await row.textContent()).toContain("Kulturdirektören");
});

it("an admin sets how many days ahead the review reminders go out, and a bad value says what is wrong", async () => {
  const page = await e2e.newPage();
  await login(page, "admin");
  await page.goto("/engagemang/oversyner");
  expect(await page.locator("#leadDays").inputValue()).toBe("60");
  await page.fill("#leadDays", "400");
  await clickAndWait(page, page.getByRole("button", { name: "Spara inställningen" }));
  expect(await page.locator(".error-summary").textContent()).toContain(
    "Måste vara ett heltal mellan 1 och 365",
  );
  await checkA11y(page);
  await page.fill("#leadDays", "90");
  await clickAndWait(page, page.getByRole("button", { name: "Spara inställningen" }));
  expect(await page.getByRole("status").textContent()).toBe("Påminnelser skickas nu 90 dagar före datumet.");
  expect(await page.locator("#leadDays").inputValue()).toBe("90");
  await checkA11y(page);
});
