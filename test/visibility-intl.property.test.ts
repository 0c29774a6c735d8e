import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../src/auth/tokens.service.ts";
import { findUserByUsername } from "../src/auth/users.store.ts";
import { createConsultation, sendConsultation } from "../src/consultation/index.ts";
import { registerEngagement } from "../src/engagements/engagements.service.ts";
import { ManualClock } from "../src/platform/clock.ts";
import { deliverPending, mailTransport } from "../src/platform/mail/mail.service.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { TestClient } from "./helpers/client.ts";
import { demoActor } from "./helpers/demo.ts";
import {
  OTHER_OFFICER,
  OTHER_OFFICER_PASSWORD,
  OWN_UNIT,
  otherUnitOfficer,
  PUBLIC_TITLE,
  secretCase,
} from "./helpers/intl.ts";
import { startSmtpServer } from "./helpers/smtp.ts";

/** Monday 9 March 2026. */
const clock = new ManualClock(new Date("2026-03-09T09:00:00Z"));
/** Those who see a case as the public register shows it (issue 14). */
const OUTSIDERS = ["lasare", "remissinstans", "kontaktperson", "beslutsfattare", OTHER_OFFICER] as const;
/** The case's insiders: registry staff and the officer of the case's unit. */
const INSIDERS = ["handlaggare", "registrator"] as const;

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
const browsers = new Map<string, TestClient>();
/** Each user's API token: the API answers tokens, pages answer the session. */
const tokens = new Map<string, string>();

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await buildTestApp({ clock, env: { KANSLI_SMTP_URL: smtp.url } });
  await otherUnitOfficer(t);
  for (const user of [...OUTSIDERS, ...INSIDERS]) {
    const browser = new TestClient(t.app);
    const res = await browser.login(user, user === OTHER_OFFICER ? OTHER_OFFICER_PASSWORD : undefined);
    expect(res.statusCode).toBe(303);
    browsers.set(user, browser);
    const row = await findUserByUsername(t.ctx.db, t.config.tenantId, user);
    if (!row) throw new Error(`no user ${user}`);
    tokens.set(user, (await createToken(t.ctx, "system", row, { name: "visibility" })).token);
  }
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

/** A secret case of the officer's unit, a round sent on it to Södermalm, and an engagement in it. */
async function world(marker: string, roundTitle: string) {
  const officer = await demoActor(t, "handlaggare");
  const c = await secretCase(t, marker);
  const { consultation } = await createConsultation(t.ctx, officer, c.id, {
    title: `${roundTitle} ${marker}`,
    deadline: "2026-05-04",
    instructions: "Svara som Word-fil.",
    officerId: officer.id,
    unitIds: ["sdn-sodermalm"],
    externalBodies: "Region Exempel, registrator@region.example",
  });
  await sendConsultation(t.ctx, officer, consultation.id);
  const { engagement } = await registerEngagement(t.ctx, officer, {
    type: "cooperation_agreement",
    title: "Samarbetsavtal om bibliotek",
    unitId: OWN_UNIT,
    officerId: officer.id,
    scope: "service",
    directions: ["samverkan"],
    purpose: "Utbyte om bibliotek.",
    theme: "Bibliotek",
    mutualBenefit: "Båda städerna utvecklar sina bibliotek.",
    counterparts: [{ kind: "city", name: "Påhittstad", country: "DE" }],
    caseDiaryNumber: c.diaryNumber,
    startDate: "2026-04-01",
    endDate: "2027-03-31",
  });
  const rid = (
    await t.ctx.db
      .selectFrom("consultation_recipients")
      .select("id")
      .where("consultation_id", "=", consultation.id)
      .where("unit_id", "=", "sdn-sodermalm")
      .executeTakeFirstOrThrow()
  ).id;
  return { k: consultation.id, e: engagement.id, rid };
}

/** Every consultation and engagement surface a signed-in user can ask for about the round and the engagement. */
const surfaces = (w: { k: string; e: string; rid: string }) => [
  "/remisser",
  `/remisser/${w.k}`,
  `/remisser/${w.k}/missiv`,
  `/remisser/${w.k}/remitteringsmapp`,
  `/remisser/${w.k}/sista-svarsdag.ics`,
  `/remisser/${w.k}/sammanstallning`,
  `/remissvar/${w.rid}`,
  "/mina-remisser",
  "/api/v1/consultations",
  `/api/v1/consultations/${w.k}`,
  `/api/v1/consultations/${w.k}/compilation.docx`,
  "/engagemang",
  `/engagemang/${w.e}`,
  `/api/v1/engagements/${w.e}`,
  "/uppfoljning",
  "/engagemang/besok",
  "/engagemang/oversyner",
];

/** Sends what waits in the outbox; returns the raw messages. */
async function deliver(): Promise<string[]> {
  const before = smtp.received.length;
  const transport = mailTransport(t.config);
  if (!transport) throw new Error("no SMTP configured");
  while ((await deliverPending(t.ctx, transport)) > 0);
  transport.close();
  return smtp.received.slice(before).map((m) => m.raw);
}

describe("a secret case's title and protected party never reach an outsider through a consultation or an engagement", () => {
  it("holds for random cases on every surface, the API and the mails; the case's insiders see the title", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.stringMatching(/^[A-Za-z]{6,12}$/),
        fc.constantFrom("Remiss om", "Samråd kring", "Synpunkter på"),
        async (word, roundTitle) => {
          n += 1;
          // A marker no page holds by chance: the run's number makes it unique.
          const marker = `Zq${n}${word}Hemlig`;
          const w = await world(marker, roundTitle);
          for (const user of OUTSIDERS) {
            const browser = browsers.get(user) as TestClient;
            for (const url of surfaces(w)) {
              const res = url.startsWith("/api/")
                ? await browser.get(url, { authorization: `Bearer ${tokens.get(user)}` })
                : await browser.get(url);
              expect(res.statusCode, `${user} ${url}`).toBeLessThan(500);
              expect(res.body, `${user} ${url}`).not.toContain(marker);
            }
          }
          for (const mail of await deliver()) expect(mail).not.toContain(marker);
          for (const user of INSIDERS) {
            const page = await (browsers.get(user) as TestClient).get(`/remisser/${w.k}`);
            expect(page.body, user).toContain(marker);
            const engagement = await (browsers.get(user) as TestClient).get(`/engagemang/${w.e}`);
            expect(engagement.body, user).toContain(marker);
          }
          const outsiderEngagement = await (browsers.get("lasare") as TestClient).get(`/engagemang/${w.e}`);
          expect(outsiderEngagement.body).toContain(PUBLIC_TITLE);
        },
      ),
      { numRuns: 15 },
    );
  }, 120_000);
});
