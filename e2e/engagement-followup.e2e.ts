import { afterAll, beforeAll, expect, it } from "vitest";
import { checkA11y, clickAndWait, type E2E, fillDate, login, startE2E } from "./helpers/browser.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

it("a foreign organisation asks for a visit and an officer assesses it against the strategy's checklist", async () => {
  const anyone = await e2e.newPage();
  await anyone.goto("/offentlig/besok");
  await checkA11y(anyone);
  await clickAndWait(anyone, anyone.locator("main form button[type=submit]"));
  expect(await anyone.locator(".error-summary li").count()).toBeGreaterThanOrEqual(6);
  await checkA11y(anyone);
  await anyone.fill("#organisation", "Påhittade stadens skolförvaltning");
  await anyone.fill("#country", "NO");
  await anyone.fill("#contactName", "Kari Oppdiktet");
  await anyone.fill("#contactEmail", "kari@skole.example");
  await fillDate(anyone, "visitFrom", "2027-04-12");
  await fillDate(anyone, "visitTo", "2027-04-13");
  await anyone.fill("#participants", "5");
  await anyone.fill("#purpose", "Lära om digitalt lärande i grundskolan.");
  await anyone.getByLabel("Utbildningsförvaltningen").check();
  await clickAndWait(anyone, anyone.locator("main form button[type=submit]"));
  expect(new URL(anyone.url()).pathname).toMatch(/^\/offentlig\/besok\/mottagen\/[0-9a-f-]{36}$/);

  const page = await e2e.newPage();
  await login(page, "handlaggare");
  await page.goto("/engagemang/besok");
  await checkA11y(page);
  await clickAndWait(page, page.getByRole("link", { name: "Påhittade stadens skolförvaltning" }));
  expect(await page.locator("h1").textContent()).toBe(
    "Besöksförfrågan från Påhittade stadens skolförvaltning",
  );
  await checkA11y(page);
  await page.getByLabel("Ömsesidigt lärande och utbyte").check();
  await page.getByLabel("Höjd kompetens").check();
  await page.getByLabel("Stärker stadens bild i omvärlden").check();
  await page.getByLabel("Besöket är särskilt prioriterat för verksamheten").check();
  await page.fill("#assessmentNote", "Utbyte om digitalt lärande med en nordisk huvudstad.");
  await clickAndWait(page, page.getByRole("button", { name: "Spara bedömning" }));
  const main = (await page.locator("main").textContent()) ?? "";
  expect(main).toContain("Bedömningen stöder besöket enligt strategin.");
  expect(main).toContain("Bedömningen uppfyller P5.");
  await checkA11y(page);
});

it("the review dashboard lists what is due, and a review without its facts is refused with every error", async () => {
  const page = await e2e.newPage();
  await login(page, "handlaggare");
  await page.goto("/engagemang/oversyner");
  expect(await page.locator("h1").textContent()).toBe("Översyn av medlemskap, nätverk och avtal");
  expect(await page.locator("table").first().locator("tbody tr").count()).toBeGreaterThan(0);
  await checkA11y(page);
  await page.selectOption("#engagementId", { index: 1 });
  await clickAndWait(page, page.getByRole("button", { name: "Spara översyn" }));
  expect(await page.locator(".error-summary li").count()).toBe(3);
  await checkA11y(page);
});

it("the 2025 annual report shows its charts with data tables", async () => {
  const page = await e2e.newPage();
  await login(page, "beslutsfattare");
  await page.goto("/engagemang/arsrapport/2025");
  expect(await page.locator("h1").textContent()).toBe("Årsrapport internationellt arbete 2025");
  expect(await page.locator('svg[role="img"]').count()).toBe(5);
  expect(await page.getByRole("img", { name: "Engagemang per inriktning" }).count()).toBe(1);
  await checkA11y(page);
  await page.goto("/engagemang/omvarld");
  expect(await page.locator('svg[role="img"]').count()).toBeGreaterThan(0);
  await checkA11y(page);
  await page.goto("/engagemang/kontaktnat");
  await checkA11y(page);
  await page.goto("/engagemang/planer/2025");
  await checkA11y(page);
});
