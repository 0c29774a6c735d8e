import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ManualClock } from "../src/platform/clock.ts";
import { checkA11y, clickAndWait, type E2E, login, startE2E } from "./helpers/browser.ts";

const clock = new ManualClock(new Date("2026-03-09T09:00:00Z"));
const TITLE = "Internationell strategi för Stockholms stad – förslag till kommunstyrelsen";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E({ clock });
});
afterAll(async () => {
  await e2e?.close();
});

const main = async (page: Page) => (await page.locator("main").textContent()) ?? "";

async function signedIn(username: string, options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const page = await e2e.newPage(options);
  await login(page, username);
  return page;
}

/** The steps share the report: written by the officer, approved by two signatories, found in the case. */
let caseId = "";
let reportUrl = "";
let officer: Page;

it("an officer writes a report without JavaScript, adding a proposal row by posting the form back", async () => {
  const strategy = await e2e.app.ctx.db
    .selectFrom("cases")
    .select("id")
    .where("diary_number", "=", "KS 171-482/2016")
    .executeTakeFirstOrThrow();
  caseId = strategy.id;
  officer = await signedIn("handlaggare", { javaScriptEnabled: false });
  await officer.goto(`/arenden/${caseId}`);
  await clickAndWait(officer, officer.getByRole("link", { name: "Tjänsteutlåtanden", exact: true }));
  await checkA11y(officer);
  await clickAndWait(officer, officer.getByRole("link", { name: "Skriv tjänsteutlåtande" }));
  await officer.fill("#title", TITLE);
  await officer.fill("#addressedTo", "Kommunstyrelsen");
  await officer.fill("#proposals", "Kommunstyrelsen föreslår att kommunfullmäktige antar strategin.");
  // A second proposal row, added by posting the form back.
  await clickAndWait(officer, officer.getByRole("button", { name: "Lägg till ett förslag" }));
  await officer.fill("#proposals-2", "Strategin ersätter riktlinjerna från 2008.");
  await officer.fill("#summary", "Staden behöver en gemensam plattform för sitt internationella arbete.");
  await officer.fill("#views", "Kontoret anser att strategin bör antas.");
  await officer.getByLabel("2016-06-02 Bilaga 1. Internationell strategi för Stockholms stad").check();
  await officer.getByLabel("Ada Admin (demo)").check();
  await officer.getByLabel("Bo Beslutsson (demo)").check();
  await checkA11y(officer);
  await clickAndWait(officer, officer.locator("main form > button.button:not([name])"));
  reportUrl = officer.url();
  expect(new URL(reportUrl).pathname).toMatch(/^\/tjansteutlatanden\//);
  expect(await main(officer)).toContain("Ada Admin (demo): väntar på godkännande");
  expect(await main(officer)).toContain("Strategin ersätter riktlinjerna från 2008.");
  await checkA11y(officer);
});

it("two signatories sign in and approve the version", async () => {
  for (const username of ["admin", "beslutsfattare"]) {
    const signer = await signedIn(username);
    await signer.goto(reportUrl);
    expect(await main(signer)).toContain("Tjänsteutlåtandet väntar på ditt godkännande.");
    await checkA11y(signer);
    await clickAndWait(signer, signer.getByRole("button", { name: "Godkänn version 1" }));
    await checkA11y(signer);
  }
});

it("the approved version is registered in the case", async () => {
  await officer.goto(reportUrl);
  expect(await main(officer)).toContain("Version 1 är godkänd och registrerad i ärendet.");
  await clickAndWait(officer, officer.getByRole("link", { name: "Öppna den registrerade handlingen" }));
  expect(await main(officer)).toContain(`Tjänsteutlåtande: ${TITLE}`);
  await checkA11y(officer);
  await officer.goto(`/arenden/${caseId}`);
  expect(await main(officer)).toContain(`Tjänsteutlåtande: ${TITLE}`);
});
