import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "../src/auth/actor.ts";
import { createToken } from "../src/auth/tokens.service.ts";
import { findUserByUsername } from "../src/auth/users.store.ts";
import { recordDecision } from "../src/engagements/decisions.service.ts";
import { getEngagement, registerEngagement } from "../src/engagements/engagements.service.ts";
import { dueItems, recordReview, sendReviewReminders } from "../src/engagements/reviews/reviews.service.ts";
import { ManualClock } from "../src/platform/clock.ts";
import { deliverPending, mailTransport } from "../src/platform/mail/mail.service.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { TestClient } from "./helpers/client.ts";
import { demoActor } from "./helpers/demo.ts";
import { header, startSmtpServer } from "./helpers/smtp.ts";

/** Monday 9 March 2026. */
const clock = new ManualClock(new Date("2026-03-09T09:00:00Z"));
let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let officer: UserActor;
let membershipId = "";
let agreementId = "";

const base = (officerId: string) => ({
  unitId: "forv-kultur",
  officerId,
  scope: "service",
  directions: ["samverkan"],
  purpose: "Utbyte med andra städers kulturförvaltningar.",
  counterparts: [{ kind: "network", name: "Påhittat kulturnätverk", country: "DE" }],
  caseDiaryNumber: "KS 171-482/2016",
});

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await buildTestApp({ clock, env: { KANSLI_SMTP_URL: smtp.url } });
  officer = await demoActor(t, "handlaggare");
  // The culture committee's engagements, registered by an admin with the demo officer responsible.
  const admin = await demoActor(t, "admin");
  // Last reviewed four years ago less three weeks: due on 2026-04-01.
  membershipId = (
    await registerEngagement(t.ctx, admin, {
      ...base(officer.id),
      type: "membership",
      title: "Medlemskap i ett påhittat kulturnätverk",
      startDate: "2018-01-01",
      lastReviewedOn: "2022-04-01",
    })
  ).engagement.id;
  await recordDecision(t.ctx, await demoActor(t, "beslutsfattare"), membershipId, {
    decidedOn: "2018-01-15",
    minutesParagraph: "§ 4",
    outcome: "approved",
  });
  agreementId = (
    await registerEngagement(t.ctx, admin, {
      ...base(officer.id),
      type: "cooperation_agreement",
      title: "Samarbetsavtal om bibliotek med en påhittad stad",
      theme: "Bibliotek",
      mutualBenefit: "Båda städerna utvecklar sina meröppna bibliotek.",
      counterparts: [{ kind: "city", name: "Påhittstad", country: "DE" }],
      startDate: "2024-05-01",
      endDate: "2026-04-30",
    })
  ).engagement.id;
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const reminders = async () => t.ctx.db.selectFrom("review_reminders").selectAll().execute();

describe("the review dashboard and reminders", () => {
  it("lists the membership due for review and the agreement that ends soon", async () => {
    const due = await dueItems(t.ctx);
    expect(due).toContainEqual(
      expect.objectContaining({
        engagementId: membershipId,
        kind: "review",
        dueOn: "2026-04-01",
        overdue: false,
      }),
    );
    expect(due).toContainEqual(
      expect.objectContaining({ engagementId: agreementId, kind: "end", dueOn: "2026-04-30" }),
    );
    const browser = new TestClient(t.app);
    await browser.login("lasare");
    const page = await browser.get("/engagemang/oversyner");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Medlemskap i ett påhittat kulturnätverk");
    expect(page.body).toContain("Avtalet upphör");
  });

  it("e-mails each reminder to the owner once, however often and from however many runs", async () => {
    const within = (await dueItems(t.ctx, 60)).filter((d) => d.officerEmail);
    const [a, b] = await Promise.all([sendReviewReminders(t.ctx), sendReviewReminders(t.ctx)]);
    expect(a + b).toBe(within.length);
    expect(await sendReviewReminders(t.ctx)).toBe(0);
    const rows = await reminders();
    expect(rows).toHaveLength(within.length);
    expect(rows.filter((r) => r.engagement_id === membershipId)).toEqual([
      expect.objectContaining({
        kind: "review",
        due_on: "2026-04-01",
        // The officer and the culture administration's contact person (the demo's kontaktperson).
        sent_to: "handlaggare@stockholm.example, kontaktperson@stockholm.example",
      }),
    ]);
    const transport = mailTransport(t.config);
    if (!transport) throw new Error("no transport");
    await deliverPending(t.ctx, transport, 100);
    await deliverPending(t.ctx, transport, 100);
    transport.close();
    const subjects = smtp.received.map((m) => header(m.raw, "Subject"));
    const reviewMails = smtp.received.filter(
      (m) => header(m.raw, "Subject") === "Dags för översyn: Medlemskap i ett påhittat kulturnätverk",
    );
    expect(reviewMails.flatMap((m) => m.to).sort()).toEqual([
      "handlaggare@stockholm.example",
      "kontaktperson@stockholm.example",
    ]);
    // One reminder, to the officer and the contact person.
    expect(subjects.filter((s) => s.startsWith("Avtal upphör 2026-04-30"))).toHaveLength(2);
  });

  it("refuses a bad review with every error at once and changes nothing", async () => {
    const before = await getEngagement(t.ctx, membershipId);
    const browser = new TestClient(t.app);
    await browser.login("handlaggare");
    await browser.get("/engagemang/oversyner");
    const res = await browser.post("/engagemang/oversyner", {
      engagementId: membershipId,
      reviewedOn: "2026-13-01",
      outcome: "maybe",
      note: "",
    });
    expect(res.statusCode).toBe(422);
    for (const field of ["reviewedOn", "outcome", "note"]) expect(res.body).toContain(`href="#${field}"`);
    expect(await getEngagement(t.ctx, membershipId)).toEqual(before);
    expect(await t.ctx.db.selectFrom("engagement_reviews").selectAll().execute()).toEqual([]);
  });

  it("records a review to continue: the next review is four years on and the new date gets its own reminder", async () => {
    const review = await recordReview(t.ctx, officer, membershipId, {
      reviewedOn: "2026-03-09",
      outcome: "continue",
      note: "Nätverket ger fortsatt nytta för kulturförvaltningen.",
    });
    expect(review.nextReviewOn).toBe("2030-03-09");
    expect(await getEngagement(t.ctx, membershipId)).toMatchObject({
      lastReviewedOn: "2026-03-09",
      reviewDate: "2030-03-09",
    });
    expect((await dueItems(t.ctx)).some((d) => d.engagementId === membershipId)).toBe(false);
    expect(await sendReviewReminders(t.ctx)).toBe(0);
  });

  it("ends an approved membership by a review, through the API", async () => {
    clock.set(new Date("2026-03-10T09:00:00Z"));
    const user = await findUserByUsername(t.ctx.db, t.config.tenantId, "handlaggare");
    if (!user) throw new Error("no user");
    const { token } = await createToken(t.ctx, "system", user, { name: "reviews" });
    const res = await t.app.inject({
      method: "POST",
      url: `/api/v1/engagements/${membershipId}/reviews`,
      headers: { authorization: `Bearer ${token}` },
      payload: { reviewedOn: "2026-03-10", outcome: "end", note: "Nätverket har upphört att vara relevant." },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ outcome: "end", nextReviewOn: null });
    expect((await getEngagement(t.ctx, membershipId)).status).toBe("ended");
    const list = await t.app.inject({
      method: "GET",
      url: `/api/v1/engagements/${membershipId}/reviews`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(list.json().items.map((r: { outcome: string }) => r.outcome)).toEqual(["end", "continue"]);
  });
});

describe("networks in the review cycle, and the reminders' lead time", () => {
  it("reviews a network four years after its start, and reminds as many days ahead as the admin set", async () => {
    clock.set(new Date("2026-03-10T09:00:00Z"));
    const admin = await demoActor(t, "admin");
    // A committee's network: its contact person is that of the administration under it.
    const { engagement } = await registerEngagement(t.ctx, admin, {
      ...base(officer.id),
      unitId: "fn-kultur",
      type: "network",
      title: "Deltagande i ett påhittat nätverk för kulturstäder",
      startDate: "2022-04-20",
    });
    expect(engagement.reviewDate).toBe("2026-04-20");
    const browser = new TestClient(t.app);
    await browser.login("admin");
    const page = await browser.get("/engagemang/oversyner");
    expect(page.body).toContain('value="60"');
    const refused = await browser.post("/engagemang/oversyner/installningar", { leadDays: "0" });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain("Måste vara ett heltal mellan 1 och 365");
    expect((await browser.post("/engagemang/oversyner/installningar", { leadDays: "30" })).statusCode).toBe(
      303,
    );
    expect((await browser.get("/engagemang/oversyner?dagar=30")).body).toContain(
      "Påminnelser skickas nu 30 dagar före datumet.",
    );
    const ofNetwork = async () =>
      (await reminders()).filter((r) => r.engagement_id === engagement.id).map((r) => r.sent_to);
    await sendReviewReminders(t.ctx);
    expect(await ofNetwork()).toEqual([]);
    await browser.post("/engagemang/oversyner/installningar", { leadDays: "45" });
    await sendReviewReminders(t.ctx);
    await sendReviewReminders(t.ctx);
    expect(await ofNetwork()).toEqual(["handlaggare@stockholm.example, kontaktperson@stockholm.example"]);
    const audit = await t.ctx.db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "review_settings.update")
      .execute();
    expect(audit).toHaveLength(2);
  });

  it("lets only an admin set the lead time", async () => {
    const browser = new TestClient(t.app);
    await browser.login("handlaggare");
    expect((await browser.get("/engagemang/oversyner")).body).not.toContain("leadDays");
    expect((await browser.post("/engagemang/oversyner/installningar", { leadDays: "10" })).statusCode).toBe(
      403,
    );
  });
});
