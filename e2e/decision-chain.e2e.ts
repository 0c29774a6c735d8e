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

/**
 * The chain from report to council decision (issue 19): the steps share the report, written by the
 * officer, approved by two signatories and registered in the case, then taken by the registrar
 * through the city board's proposal to the council's decision.
 */
let caseId = "";
let reportUrl = "";
let reportDocumentId = "";
let officer: Page;
let clerk: Page;

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
  // The consultation round's positions go into the report as a table, with its compilation attached.
  await officer.selectOption("#consultationId", { index: 1 });
  await officer.getByLabel("Ada Admin (demo)").check();
  await officer.getByLabel("Bo Beslutsson (demo)").check();
  await checkA11y(officer);
  await clickAndWait(officer, officer.locator("main form > button.button:not([name])"));
  reportUrl = officer.url();
  expect(new URL(reportUrl).pathname).toMatch(/^\/tjansteutlatanden\//);
  expect(await main(officer)).toContain("Ada Admin (demo): väntar på godkännande");
  expect(await main(officer)).toContain("Strategin ersätter riktlinjerna från 2008.");
  expect(await officer.getByRole("table", { name: /^Remissinstansernas ställningstaganden: / }).count()).toBe(
    1,
  );
  await checkA11y(officer);
});

it("two signatories find the report on their start page and approve the version there", async () => {
  for (const username of ["admin", "beslutsfattare"]) {
    const signer = await signedIn(username, { javaScriptEnabled: false });
    expect(new URL(signer.url()).pathname).toBe("/");
    const waiting = signer.locator("main section").filter({
      has: signer.getByRole("heading", { name: "Tjänsteutlåtanden att godkänna (1)" }),
    });
    await checkA11y(signer);
    await clickAndWait(signer, waiting.getByRole("link", { name: TITLE }));
    expect(signer.url()).toBe(reportUrl);
    expect(await main(signer)).toContain("Tjänsteutlåtandet väntar på ditt godkännande.");
    await checkA11y(signer);
    await clickAndWait(signer, signer.getByRole("button", { name: "Godkänn version 1" }));
    await checkA11y(signer);
    // Approved, it leaves the start page (the whole list is at /tjansteutlatanden).
    await signer.goto("/");
    expect(await main(signer)).not.toContain("Tjänsteutlåtanden att godkänna");
    await signer.goto("/tjansteutlatanden");
    expect(await main(signer)).toContain("Inga tjänsteutlåtanden väntar på ditt godkännande.");
    await checkA11y(signer);
  }
});

it("the approved version is registered in the case", async () => {
  await officer.goto(reportUrl);
  expect(await main(officer)).toContain("Version 1 är godkänd och registrerad i ärendet.");
  await clickAndWait(officer, officer.getByRole("link", { name: "Öppna den registrerade handlingen" }));
  reportDocumentId = new URL(officer.url()).pathname.split("/").pop() ?? "";
  expect(await main(officer)).toContain(`Tjänsteutlåtande: ${TITLE}`);
  await checkA11y(officer);
  await officer.goto(`/arenden/${caseId}`);
  expect(await main(officer)).toContain(`Tjänsteutlåtande: ${TITLE}`);
});

/** Creates a meeting of a body from the meetings page and opens it. */
async function createMeeting(page: Page, body: string, date: string) {
  await page.goto("/moten");
  const [year = "", month = "", day = ""] = date.split("-");
  await page.selectOption("#body", body);
  await page.fill("#meetingDate", year);
  await page.fill("#meetingDate-month", month);
  await page.fill("#meetingDate-day", day);
  await page.fill("#place", "Stadshuset");
  await checkA11y(page);
  await clickAndWait(page, page.getByRole("button", { name: "Skapa sammanträde" }));
  expect(new URL(page.url()).pathname).toMatch(/^\/moten\/[^/]+$/);
}

/** Records the decision on the meeting page's one undecided agenda item. */
async function decide(page: Page, fields: { outcome: string; proposesTo?: string; text: string }) {
  await clickAndWait(page, page.getByRole("link", { name: "Registrera beslut" }));
  await page.selectOption("#outcome", fields.outcome);
  if (fields.proposesTo) await page.selectOption("#proposesTo", fields.proposesTo);
  await page.fill("#text", fields.text);
  await checkA11y(page);
  await clickAndWait(page, page.getByRole("button", { name: "Registrera beslut" }));
  expect(await main(page)).toContain(fields.text);
}

it("the registrar puts the case on the city board's agenda on the approved report, and the board proposes that the council decide", async () => {
  clerk = await signedIn("registrator", { javaScriptEnabled: false });
  await clerk.goto(`/arenden/${caseId}`);
  await clickAndWait(clerk, clerk.getByRole("link", { name: "Beslut och beslutskedja" }));
  await checkA11y(clerk);
  await clickAndWait(clerk, clerk.getByRole("link", { name: "Sammanträden", exact: true }));
  await createMeeting(clerk, "KS", "2026-03-04");
  // Nothing chosen: the form says so and adds nothing.
  await clickAndWait(clerk, clerk.getByRole("button", { name: "Lägg till", exact: true }));
  expect(await clerk.locator(".error-summary").count()).toBe(1);
  await checkA11y(clerk);
  // The approved report is offered by case and title (the demo's own report of 2016 is on an agenda already).
  const options = await clerk.locator("#documentId option").allTextContents();
  expect(options.filter((o) => o.startsWith("KS 171-482/2016"))).toEqual([
    `KS 171-482/2016 – ${TITLE} (godkänt 2026-03-09)`,
  ]);
  await clerk.selectOption("#documentId", reportDocumentId);
  await clickAndWait(clerk, clerk.getByRole("button", { name: "Lägg till", exact: true }));
  expect(await main(clerk)).toContain(TITLE);
  // Taken up, it is no longer offered.
  expect(await clerk.locator(`#documentId option[value="${reportDocumentId}"]`).count()).toBe(0);
  await checkA11y(clerk);
  await decide(clerk, {
    outcome: "proposal",
    proposesTo: "KF",
    text: "Kommunfullmäktige föreslås anta internationell strategi för Stockholms stad.",
  });
  await checkA11y(clerk);
});

it("the council's meeting takes up the proposal, its decision closes the chain and both minutes extracts are registered in the case", async () => {
  await createMeeting(clerk, "KF", "2026-03-09");
  // The board's proposal is on the council's agenda without being added by hand.
  expect(await main(clerk)).toContain("KS 171-482/2016");
  await decide(clerk, {
    outcome: "approved",
    text: "Kommunfullmäktige antar internationell strategi för Stockholms stad.",
  });
  await clerk.goto(`/arenden/${caseId}/beslut`);
  const chain = await clerk.locator("ol.timeline").textContent();
  expect(chain).toMatch(/Kommunstyrelsen § \d+, 2026-03-04[\s\S]*Kommunfullmäktige § \d+, 2026-03-09/);
  // The demo's own chain of 2016–2017 comes first: four extracts in all.
  expect(await clerk.locator("ol.timeline").getByRole("link", { name: "Protokollsutdrag" }).count()).toBe(4);
  await checkA11y(clerk);
  await clerk.goto(`/arenden/${caseId}`);
  const extracts = (await main(clerk)).match(/Protokollsutdrag §/g) ?? [];
  expect(extracts).toHaveLength(4);
});
