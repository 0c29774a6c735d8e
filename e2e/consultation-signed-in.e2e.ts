import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createConsultation, sendConsultation } from "../src/consultation/index.ts";
import { ManualClock } from "../src/platform/clock.ts";
import { demoActor } from "../test/helpers/demo.ts";
import { makeDocx } from "../test/helpers/documents.ts";
import { checkA11y, clickAndWait, type E2E, fillDate, login, startE2E } from "./helpers/browser.ts";

/** Monday 9 March 2026; each round's deadline is eight weeks on, Monday 4 May. */
const clock = new ManualClock(new Date("2026-03-09T09:00:00Z"));

let e2e: E2E;
let body: Page;
beforeAll(async () => {
  e2e = await startE2E({ clock });
  body = await e2e.newPage();
  await login(body, "remissinstans");
});
afterAll(async () => {
  await e2e?.close();
});

/** A fresh round of the 2016 strategy case sent to Södermalm (the demo remissinstans's unit) and the culture committee. */
async function roundToSodermalm(title: string) {
  const officer = await demoActor(e2e.app, "handlaggare");
  const strategy = await e2e.app.ctx.db
    .selectFrom("cases")
    .select("id")
    .where("diary_number", "=", "KS 171-482/2016")
    .executeTakeFirstOrThrow();
  const { consultation } = await createConsultation(e2e.app.ctx, officer, strategy.id, {
    title,
    deadline: "2026-05-04",
    instructions: "Svara senast sista svarsdagen.",
    officerId: officer.id,
    unitIds: ["sdn-sodermalm", "fn-kultur"],
    documentIds: [],
  });
  await sendConsultation(e2e.app.ctx, officer, consultation.id);
}

/** From "Mina remisser" to the round's answer page, as the signed-in body finds it. */
async function openFromInbox(title: string) {
  await body.goto("/mina-remisser");
  await clickAndWait(body, body.getByRole("link", { name: title }));
  expect(new URL(body.url()).pathname).toMatch(/^\/remissvar\/[^/]+$/);
  // Every form on the page posts to the signed-in body's own routes.
  for (const action of await body
    .locator("main form")
    .evaluateAll((fs) => fs.map((f) => f.getAttribute("action"))))
    expect(action).toMatch(/^\/remissvar\/[^/]+\/(svar|anstand|avstar)$/);
}

const submit = (form: string) =>
  clickAndWait(body, body.locator(`form[action$="${form}"] button[type=submit]`));
const main = async () => (await body.locator("main").textContent()) ?? "";
const stateInInbox = async (title: string) => {
  await body.goto("/mina-remisser");
  return body.getByRole("row").filter({ hasText: title }).textContent();
};

it("answers with a Word file from Mina remisser and gets a receipt", async () => {
  const title = "Remiss om besöksprogram, svar med fil";
  await roundToSodermalm(title);
  await openFromInbox(title);
  await checkA11y(body);
  await body.setInputFiles("#file", {
    name: "yttrande.docx",
    mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    buffer: await makeDocx(["Södermalms stadsdelsnämnd tillstyrker besöksprogrammet."]),
  });
  await submit("/svar");
  expect(new URL(body.url()).pathname).toMatch(/^\/remissvar\//);
  expect(await main()).toContain("Mottagningsbevis");
  expect(await main()).toContain("Svarat i tid");
  await checkA11y(body);
  expect(await stateInInbox(title)).toContain("Svarat i tid");
});

it("answers with text written in the form, after being told what is missing", async () => {
  const title = "Remiss om besöksprogram, svar med text";
  await roundToSodermalm(title);
  await openFromInbox(title);
  await submit("/svar");
  expect(await body.locator(".error-summary").textContent()).toContain(
    "Ladda upp svaret som fil eller skriv det i rutan",
  );
  await checkA11y(body);
  await body.fill("#text", "Södermalm ser gärna gemensamma besök med skolorna.");
  await submit("/svar");
  expect(await main()).toContain("Mottagningsbevis");
  await checkA11y(body);
  expect(await stateInInbox(title)).toContain("Svarat i tid");
});

it("asks for more time and sees the request waiting", async () => {
  const title = "Remiss om besöksprogram, anstånd";
  await roundToSodermalm(title);
  await openFromInbox(title);
  await fillDate(body, "until", "2026-05-29");
  await body.fill("#reason", "Nämnden sammanträder den 28 maj.");
  await submit("/anstand");
  expect(new URL(body.url()).pathname).toMatch(/^\/remissvar\//);
  expect(await main()).toContain("Begär anstånd");
  await checkA11y(body);
  expect(await stateInInbox(title)).toContain("Begär anstånd");
});

it("declines, and the page says so", async () => {
  const title = "Remiss om besöksprogram, avstår";
  await roundToSodermalm(title);
  await openFromInbox(title);
  await body.fill("#comment", "Nämnden har inga synpunkter.");
  await submit("/avstar");
  expect(await main()).toContain("Ni har avstått från att svara");
  expect(await body.locator("main form").count()).toBe(0);
  await checkA11y(body);
  expect(await stateInInbox(title)).toContain("Avstår");
});
