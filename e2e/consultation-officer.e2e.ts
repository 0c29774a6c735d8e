import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  accessForUser,
  allRecipients,
  answerConsultation,
  createConsultation,
  decideExtension,
  getConsultation,
  requestExtension,
  sendConsultation,
} from "../src/consultation/index.ts";
import { ManualClock } from "../src/platform/clock.ts";
import { demoActor } from "../test/helpers/demo.ts";
import {
  checkA11y,
  clickAndWait,
  dateValue,
  type E2E,
  fillDate,
  login,
  startE2E,
} from "./helpers/browser.ts";

/** Monday 9 March 2026; each round's deadline is Monday 4 May. */
const clock = new ManualClock(new Date("2026-03-09T09:00:00Z"));

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E({ clock });
});
afterAll(async () => {
  await e2e?.close();
});

/** A round of the 2016 strategy case to Södermalm and the culture committee; sent unless told to stay a draft. */
async function round(title: string, send = true) {
  const officer = await demoActor(e2e.app, "handlaggare");
  const strategy = await e2e.app.ctx.db
    .selectFrom("cases")
    .select("id")
    .where("diary_number", "=", "KS 171-482/2016")
    .executeTakeFirstOrThrow();
  const { consultation } = await createConsultation(e2e.app.ctx, officer, strategy.id, {
    title,
    deadline: "2026-05-04",
    instructions: "Svara som Word-fil.",
    officerId: officer.id,
    unitIds: ["sdn-sodermalm", "fn-kultur"],
    documentIds: [],
  });
  if (send) await sendConsultation(e2e.app.ctx, officer, consultation.id);
  const k = await getConsultation(e2e.app.ctx, consultation.id);
  const rid = (name: string) => allRecipients(k).find((r) => r.name.startsWith(name))?.id ?? "";
  return { id: consultation.id, officer, rid };
}

async function officerPage(options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const page = await e2e.newPage(options);
  await login(page, "handlaggare");
  return page;
}

const main = async (page: Page) => (await page.locator("main").textContent()) ?? "";
const tables = async (page: Page) => (await page.locator("main table").allTextContents()).join(" ");

it("edits a draft's deadline and instructions, then discards it after a confirmation", async () => {
  const { id } = await round("Remissutkast om besöksprogram", false);
  const page = await officerPage();
  await page.goto(`/remisser/${id}`);
  await clickAndWait(page, page.getByRole("link", { name: "Ändra utkastet" }));
  await checkA11y(page);
  expect(await dateValue(page, "deadline")).toBe("2026-05-04");
  await fillDate(page, "deadline", "2026-05-11");
  await page.fill("#instructions", "Svara gärna som PDF.");
  await clickAndWait(page, page.getByRole("button", { name: "Spara utkastet" }));
  expect(new URL(page.url()).pathname).toBe(`/remisser/${id}`);
  expect(await main(page)).toContain("2026-05-11");
  expect(await main(page)).toContain("Svara gärna som PDF.");

  await clickAndWait(page, page.getByRole("link", { name: "Kassera utkastet" }));
  await checkA11y(page);
  await clickAndWait(page, page.getByRole("button", { name: "Kassera utkastet" }));
  expect(await main(page)).toContain("Kasserat utkast");
  expect(await page.getByRole("link", { name: "Ändra utkastet" }).count()).toBe(0);
  await checkA11y(page);
});

it("asks before closing early, without JavaScript, naming who has not answered; afterwards they show as Inget svar", async () => {
  const { id, officer, rid } = await round("Remiss om vänortsutbyte");
  await answerConsultation(
    e2e.app.ctx,
    officer,
    await accessForUser(e2e.app.ctx, officer, rid("Södermalm")),
    { text: "Södermalm tillstyrker." },
    null,
  );
  const page = await officerPage({ javaScriptEnabled: false });
  await page.goto(`/remisser/${id}`);
  await clickAndWait(page, page.getByRole("button", { name: "Avsluta remissen" }));
  expect(await page.locator("h1").textContent()).toContain("Avsluta remissen i förtid");
  expect(await tables(page)).toContain("Kulturnämnden");
  expect(await tables(page)).not.toContain("Södermalm");
  await checkA11y(page);
  await clickAndWait(page, page.getByRole("button", { name: "Avsluta remissen ändå" }));
  expect(new URL(page.url()).pathname).toBe(`/remisser/${id}`);
  expect(await main(page)).toContain("Inget svar");
  expect(await tables(page)).not.toContain("Skickad");

  await page.goto(`/offentlig/remisser/${id}`);
  expect(await tables(page)).toContain("Inget svar");
  await checkA11y(page);

  await page.goto(`/remisser/${id}/sammanstallning`);
  const overview = page.locator("main table").first();
  expect(await overview.locator("caption").textContent()).toBe("Remissinstansernas ställningstaganden (2)");
  expect(await overview.textContent()).toContain("Inget svar");
  await checkA11y(page);
});

it("shows the officer a body's page about the body, with the round's deadline beside its extension", async () => {
  const { id, officer, rid } = await round("Remiss om internationella nätverk");
  const kultur = rid("Kulturnämnden");
  await requestExtension(e2e.app.ctx, officer, await accessForUser(e2e.app.ctx, officer, kultur), {
    until: "2026-05-29",
    reason: "Nämnden sammanträder i maj.",
  });
  await decideExtension(e2e.app.ctx, officer, id, kultur, { decision: "grant", until: "2026-05-29" });
  const page = await officerPage();
  await page.goto(`/remisser/${id}`);
  await clickAndWait(page, page.getByRole("link", { name: "Hantera Kulturnämnden" }));
  expect(await page.locator('dt:text-is("Remissens sista svarsdag") + dd').textContent()).toBe("2026-05-04");
  expect(await page.locator('dt:text-is("Remissinstansens anstånd till") + dd').textContent()).toBe(
    "2026-05-29",
  );
  expect(await tables(page)).toContain("Nämnden sammanträder i maj.");
  await checkA11y(page);
});

it("calls the bodies to a consultation meeting: every problem at once, then the registered invitation", async () => {
  const { id } = await round("Remiss om besök från partnerstäder");
  const page = await officerPage();
  await page.goto(`/remisser/${id}`);
  await clickAndWait(page, page.getByRole("link", { name: "Kalla till remissmöte" }));
  await checkA11y(page);
  await fillDate(page, "date", "2026-03-02");
  await page.fill("#time", "9.30");
  await clickAndWait(page, page.getByRole("button", { name: "Registrera kallelsen" }));
  const summary = (await page.locator(".error-summary").textContent()) ?? "";
  expect(summary).toContain("Mötet kan inte vara före i dag, 2026-03-09");
  expect(summary).toContain("Skriv tiden som TT:MM");
  await checkA11y(page);
  await fillDate(page, "date", "2026-04-14");
  await page.fill("#time", "09:30");
  await page.fill("#place", "Stadshuset, sal 3");
  await page.getByLabel("Skicka kallelsen med e-post till remissinstanserna").check();
  await clickAndWait(page, page.getByRole("button", { name: "Registrera kallelsen" }));
  expect(new URL(page.url()).pathname).toMatch(/^\/handlingar\//);
  expect(await main(page)).toContain("Kallelse till remissmöte: Remiss om besök från partnerstäder");
  await checkA11y(page);
});
