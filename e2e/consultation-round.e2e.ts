import fs from "node:fs";
import mammoth from "mammoth";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { runDueReminders } from "../src/consultation/index.ts";
import { ManualClock } from "../src/platform/clock.ts";
import { deliverPending, mailTransport } from "../src/platform/mail/mail.service.ts";
import { makeDocx } from "../test/helpers/documents.ts";
import { bodyText, header, startSmtpServer } from "../test/helpers/smtp.ts";
import {
  checkA11y,
  clickAndWait,
  dateValue,
  type E2E,
  fillDate,
  login,
  startE2E,
} from "./helpers/browser.ts";

/** Monday 9 March 2026: the form proposes eight weeks, Monday 4 May. */
const clock = new ManualClock(new Date("2026-03-09T09:00:00Z"));
const SODERMALM = "sdn.sodermalm@stockholm.example";
const HAGERSTEN = "sdn.hagersten.liljeholmen@stockholm.example";
const RINKEBY = "sdn.rinkeby.kista@stockholm.example";
const REGION = "registrator@region.example";
const TITLE = "Remiss av handlingsplan för internationella besök";

let e2e: E2E;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
beforeAll(async () => {
  smtp = await startSmtpServer();
  e2e = await startE2E({ clock, env: { KANSLI_SMTP_URL: smtp.url } });
});
afterAll(async () => {
  await e2e?.close();
  await smtp?.close();
});

/** Sends the outbox to the test's SMTP server, as the server's delivery loop does. */
async function deliver() {
  const before = smtp.received.length;
  const transport = mailTransport(e2e.app.config);
  if (!transport) throw new Error("no SMTP");
  while ((await deliverPending(e2e.app.ctx, transport)) > 0);
  transport.close();
  return smtp.received.slice(before);
}

const submit = (page: Page, form: string) =>
  clickAndWait(page, page.locator(`form[action$="${form}"] button[type=submit]`));

it("runs a whole round: the officer sends, bodies answer by their links, one gets more time, reminders arrive, the compilation holds every answer", {
  timeout: 240_000,
}, async () => {
  const officer = await e2e.newPage();
  await login(officer, "handlaggare");
  await officer.goto("/arenden");
  await clickAndWait(officer, officer.getByRole("link", { name: "KS 171-482/2016", exact: true }));
  await clickAndWait(officer, officer.getByRole("link", { name: "Skicka på remiss" }));
  await officer.fill("#title", TITLE);
  await officer.getByLabel("Alla stadsdelsnämnder").check();
  await officer.fill("#externalBodies", "Region Exempel, registrator@region.example");
  expect(await dateValue(officer, "deadline")).toBe("2026-05-04");
  await clickAndWait(officer, officer.locator("main form button[type=submit]"));
  await clickAndWait(officer, officer.getByRole("link", { name: "Förhandsgranska och skicka" }));
  expect(await officer.locator("main").textContent()).toContain("Region Exempel");
  await checkA11y(officer);
  await clickAndWait(officer, officer.getByRole("button", { name: "Skicka remissen" }));
  const board = officer.url();
  expect(await officer.locator("main").textContent()).toContain("Skickad (4)");
  await checkA11y(officer);

  const sent = await deliver();
  const linkTo = (email: string) => {
    const mail = sent.find((m) => m.to.includes(email) && header(m.raw, "subject").includes(TITLE));
    return /\/svar\/[A-Za-z0-9_-]{43}/.exec(bodyText(mail?.raw ?? ""))?.[0] ?? "";
  };
  expect([SODERMALM, HAGERSTEN, RINKEBY, REGION].map(linkTo).every((l) => l !== "")).toBe(true);

  // Södermalm uploads its answer as a Word file, without logging in.
  const sodermalm = await e2e.newPage();
  await sodermalm.goto(linkTo(SODERMALM));
  await checkA11y(sodermalm);
  await sodermalm.setInputFiles("#file", {
    name: "yttrande-sodermalm.docx",
    mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    buffer: await makeDocx(["Södermalms stadsdelsnämnd välkomnar fler studiebesök inom äldreomsorgen."]),
  });
  await submit(sodermalm, "/svar");
  expect(await sodermalm.locator("main").textContent()).toContain("Mottagningsbevis");
  await checkA11y(sodermalm);

  // The region writes its answer in the form, first forgetting it, then with the text.
  const region = await e2e.newPage();
  await region.goto(linkTo(REGION));
  await submit(region, "/svar");
  expect(await region.locator(".error-summary").textContent()).toContain(
    "Ladda upp svaret som fil eller skriv det i rutan",
  );
  await checkA11y(region);
  await region.fill("#text", "Region Exempel ser gärna gemensamma besöksprogram med staden.");
  await submit(region, "/svar");
  expect(await region.locator("main").textContent()).toContain("Mottagningsbevis");

  // Hägersten-Liljeholmen asks for more time; the officer grants it.
  const hagersten = await e2e.newPage();
  await hagersten.goto(linkTo(HAGERSTEN));
  await fillDate(hagersten, "until", "2026-05-29");
  await hagersten.fill("#reason", "Nämnden sammanträder den 28 maj.");
  await submit(hagersten, "/anstand");
  expect(await hagersten.locator("main").textContent()).toContain("Begär anstånd");

  await officer.goto(board);
  await clickAndWait(
    officer,
    officer.getByRole("link", { name: "Hantera Hägersten-Liljeholmens stadsdelsnämnd" }),
  );
  expect(await officer.locator("main").textContent()).toContain("Nämnden sammanträder den 28 maj.");
  await checkA11y(officer);
  await officer.selectOption("#decision", "grant");
  await submit(officer, "/anstand");
  // The officer's page about the body shows the round's deadline beside the body's extension.
  expect(await officer.locator('dt:text-is("Remissens sista svarsdag") + dd').textContent()).toBe(
    "2026-05-04",
  );
  expect(await officer.locator('dt:text-is("Remissinstansens anstånd till") + dd').textContent()).toBe(
    "2026-05-29",
  );
  const granted = (await deliver()).find((m) => m.to.includes(HAGERSTEN));
  expect(bodyText(granted?.raw ?? "")).toContain("senast 2026-05-29");

  // The day after the deadline: Rinkeby-Kista has not answered and is reminded, once.
  clock.set(new Date("2026-05-05T07:00:00Z"));
  await runDueReminders(e2e.app.ctx);
  await runDueReminders(e2e.app.ctx);
  // Only this round's reminders: the demo's own open rounds remind their bodies too.
  const reminders = (await deliver()).filter((m) => {
    const subject = header(m.raw, "subject");
    return subject.includes("Påminnelse") && subject.includes(TITLE);
  });
  expect(reminders.map((m) => m.to[0])).toEqual([RINKEBY]);
  expect(bodyText(reminders[0]?.raw ?? "")).toContain("var 2026-05-04");

  // Hägersten-Liljeholmen answers within its own deadline.
  clock.set(new Date("2026-05-27T07:00:00Z"));
  await hagersten.goto(linkTo(HAGERSTEN));
  await hagersten.fill(
    "#text",
    "Hägersten-Liljeholmen föreslår att besöken samordnas med skolornas utbyten.",
  );
  await submit(hagersten, "/svar");

  // The officer (signed in again: two months passed) reads the board and the compilation.
  const later = await e2e.newPage();
  await login(later, "handlaggare");
  await later.goto(`${new URL(board).pathname}?state=late`);
  expect(await later.locator("main table").textContent()).toContain("Rinkeby-Kista stadsdelsnämnd");
  await checkA11y(later);
  await later.goto(new URL(board).pathname);
  await clickAndWait(later, later.getByRole("link", { name: "Sammanställning av remissvar" }));
  await checkA11y(later);
  const [download] = await Promise.all([
    later.waitForEvent("download"),
    later.getByRole("link", { name: "Ladda ner som Word-fil" }).click(),
  ]);
  const text = (await mammoth.extractRawText({ buffer: fs.readFileSync(await download.path()) })).value;
  expect(text).toContain("Södermalms stadsdelsnämnd välkomnar fler studiebesök inom äldreomsorgen.");
  expect(text).toContain("Region Exempel ser gärna gemensamma besöksprogram med staden.");
  expect(text).toContain("Hägersten-Liljeholmen föreslår att besöken samordnas med skolornas utbyten.");
  expect(text).toContain("Remissinstanser som inte har svarat (1)");
  await clickAndWait(later, later.getByRole("button", { name: "Registrera sammanställningen i ärendet" }));
  expect(await later.getByRole("link", { name: "Registrerad sammanställning" }).count()).toBe(1);
});
