import { afterAll, beforeAll, expect, it } from "vitest";
import { recordDecision } from "../src/engagements/decisions.service.ts";
import { stockholmDate } from "../src/platform/calendar/civil-date.ts";
import { deliverPending, mailTransport } from "../src/platform/mail/mail.service.ts";
import { header, startSmtpServer } from "../test/helpers/smtp.ts";
import { checkA11y, clickAndWait, type E2E, fillDate, login, startE2E } from "./helpers/browser.ts";

let e2e: E2E;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
beforeAll(async () => {
  smtp = await startSmtpServer();
  e2e = await startE2E({ env: { KANSLI_SMTP_URL: smtp.url } });
});
afterAll(async () => {
  await e2e?.close();
  await smtp?.close();
});

/** Sends the outbox to the test's SMTP server now instead of waiting for the worker. */
async function deliver() {
  const transport = mailTransport(e2e.app.config);
  if (!transport) throw new Error("no SMTP configured");
  while ((await deliverPending(e2e.app.ctx, transport)) > 0);
  transport.close();
}

it("a foreign delegation finds the form from the public start page, sends it and sees its diary number at once; the contact person writes the invitation letter once the board has approved", async () => {
  // The public start page leads to the form.
  const anyone = await e2e.newPage();
  await anyone.goto("/offentlig");
  await clickAndWait(anyone, anyone.getByRole("link", { name: /Skicka en besöksförfrågan/ }));
  expect(new URL(anyone.url()).pathname).toBe("/offentlig/besok");
  await checkA11y(anyone);
  await anyone.fill("#organisation", "Påhittade stadens kulturförvaltning");
  await anyone.fill("#country", "DK");
  await anyone.fill("#contactName", "Karen Opdigtet");
  await anyone.fill("#contactEmail", "karen@kultur.example");
  await fillDate(anyone, "visitFrom", "2027-05-10");
  await fillDate(anyone, "visitTo", "2027-05-11");
  await anyone.fill("#participants", "3");
  await anyone.fill("#purpose", "Lära om stadens bibliotek och dela erfarenheter av läsfrämjande.");
  await anyone.getByLabel("Kulturförvaltningen").check();
  await clickAndWait(anyone, anyone.locator("main form button[type=submit]"));

  // The thank-you page names the request's diary number at once.
  const request = await e2e.app.ctx.db
    .selectFrom("visit_requests")
    .innerJoin("cases", "cases.id", "visit_requests.case_id")
    .select(["visit_requests.id", "cases.diary_number"])
    .where("visit_requests.organisation", "=", "Påhittade stadens kulturförvaltning")
    .executeTakeFirstOrThrow();
  expect(new URL(anyone.url()).pathname).toBe(`/offentlig/besok/mottagen/${request.id}`);
  expect(await anyone.locator("h1").textContent()).toBe("Tack för er förfrågan");
  expect(await anyone.locator("main dl").textContent()).toContain(request.diary_number);
  await checkA11y(anyone);
  await deliver();
  const receipt = smtp.received.find((m) => m.to.includes("karen@kultur.example"));
  expect(receipt && header(receipt.raw, "subject")).toBe(
    `Besöksförfrågan mottagen – Dnr ${request.diary_number}`,
  );

  // The unit's contact person assesses and accepts it in its own case.
  const page = await e2e.newPage();
  await login(page, "kontaktperson");
  await page.goto(`/engagemang/besok/${request.id}`);
  await checkA11y(page);
  await page.getByLabel("Ömsesidigt lärande och utbyte").check();
  await page.getByLabel("Utveckling av verksamheten").check();
  await page.getByLabel("Stärker stadens bild i omvärlden").check();
  await page.getByLabel("Besöket är särskilt prioriterat för verksamheten").check();
  await page.fill("#assessmentNote", "Utbyte om läsfrämjande med en nordisk huvudstad.");
  await clickAndWait(page, page.getByRole("button", { name: "Spara bedömning" }));
  expect(await page.locator("main").textContent()).toContain("Bedömningen uppfyller P5.");
  await page.selectOption("#outcome", "accept");
  await page.fill("#outcomeNote", "Programmet skickas i april.");
  await clickAndWait(page, page.getByRole("button", { name: "Besvara och registrera brevet" }));
  const main = (await page.locator("main").textContent()) ?? "";
  expect(main).toContain("först när det beslutande organet har godkänt besöket");
  expect(await page.locator("#participantNames").count()).toBe(0);
  await checkA11y(page);

  // The board approves the visit; now the letter may be written, with the participants' names.
  const engagement = await e2e.app.ctx.db
    .selectFrom("visit_requests")
    .select("engagement_id")
    .where("id", "=", request.id)
    .executeTakeFirstOrThrow();
  await recordDecision(e2e.app.ctx, "system", engagement.engagement_id ?? "", {
    decidedOn: stockholmDate(e2e.app.ctx.clock.now()),
    minutesParagraph: "§ 9",
    outcome: "approved",
  });
  await page.reload();
  await clickAndWait(page, page.getByRole("button", { name: "Skriv och registrera inbjudningsbrevet" }));
  expect(await page.locator(".error-summary li").count()).toBe(1);
  await checkA11y(page);
  await page.fill("#participantNames", "Karen Opdigtet\nJens Eksempel\nMette Prøve");
  await clickAndWait(page, page.getByRole("button", { name: "Skriv och registrera inbjudningsbrevet" }));
  expect(await page.getByRole("link", { name: "Senaste inbjudningsbrevet" }).count()).toBe(1);
  await checkA11y(page);
});

it("the coordinator writes junk off without a letter", async () => {
  const anyone = await e2e.newPage();
  await anyone.goto("/offentlig/besok");
  await anyone.fill("#organisation", "Billiga resor AB");
  await anyone.fill("#country", "SE");
  await anyone.fill("#contactName", "Sälj Säljsson");
  await anyone.fill("#contactEmail", "salj@resor.example");
  await fillDate(anyone, "visitFrom", "2027-06-01");
  await fillDate(anyone, "visitTo", "2027-06-01");
  await anyone.fill("#participants", "1");
  await anyone.fill("#purpose", "Köp våra resor!");
  await anyone.getByLabel("Kulturförvaltningen").check();
  await clickAndWait(anyone, anyone.locator("main form button[type=submit]"));
  const id = new URL(anyone.url()).pathname.split("/").at(-1) ?? "";

  const page = await e2e.newPage();
  await login(page, "kontaktperson");
  await page.goto(`/engagemang/besok/${id}`);
  await clickAndWait(page, page.getByRole("button", { name: "Skriv av" }));
  expect(await page.locator(".error-summary li").count()).toBe(1);
  await checkA11y(page);
  await page.fill("#reason", "Reklam, ingen besöksförfrågan.");
  await clickAndWait(page, page.getByRole("button", { name: "Skriv av" }));
  expect(await page.locator("main").textContent()).toContain("Reklam, ingen besöksförfrågan.");
  expect(await page.getByRole("button", { name: "Skriv av" }).count()).toBe(0);
  await checkA11y(page);
});
