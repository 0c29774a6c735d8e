import { afterEach, describe, expect, it } from "vitest";
import { createConsultation, sendConsultation } from "../src/consultation/index.ts";
import { ManualClock } from "../src/platform/clock.ts";
import {
  deliverPending,
  MAX_ATTEMPTS,
  mailTransport,
  retryDelayMs,
} from "../src/platform/mail/mail.service.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { TestClient } from "./helpers/client.ts";
import { demoActor } from "./helpers/demo.ts";
import { header, startSmtpServer } from "./helpers/smtp.ts";

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>> | null = null;
afterEach(async () => {
  await t?.close();
  await smtp?.close();
  smtp = null;
});

/** Enough wrong passwords from one address that sign-in to the account from there is slowed down. */
async function throttle(username: string, address?: string) {
  const client = new TestClient(t.app, address);
  for (let i = 0; i < 3; i++) await client.login(username, "fel-losenord-igen");
}

/** The mail queued while the test ran (the demo's 2016 round left its own, dated then). */
const SUBJECT = "Misslyckade inloggningsförsök på ditt konto i kansli";
/** The warnings about failed sign-ins in the outbox (the demo's own mail left out). */
const outbox = () => t.ctx.db.selectFrom("mail_outbox").selectAll().where("subject", "=", SUBJECT).execute();

describe("mail", () => {
  it("tells the user of a throttled account by e-mail, delivered over SMTP exactly once", async () => {
    smtp = await startSmtpServer();
    t = await buildTestApp({ env: { KANSLI_SMTP_URL: smtp.url, KANSLI_LOGIN_MAX_FAILURES: "3" } });
    await throttle("registrator");
    const transport = mailTransport(t.config);
    if (!transport) throw new Error("no transport");
    expect(await deliverPending(t.ctx, transport)).toBe(1);
    expect(await deliverPending(t.ctx, transport)).toBe(0);
    transport.close();
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0];
    expect(mail?.to).toEqual(["registrator@stockholm.example"]);
    expect(header(mail?.raw ?? "", "Subject")).toBe(SUBJECT);
    expect(mail?.raw).not.toContain("fel-losenord-igen");
    expect((await outbox())[0]).toMatchObject({ status: "sent", attempts: 1 });
  });

  it("keeps mail in the outbox for the admin when no SMTP server is set", async () => {
    t = await buildTestApp({ env: { KANSLI_LOGIN_MAX_FAILURES: "3" } });
    await throttle("handlaggare");
    expect((await outbox())[0]).toMatchObject({
      status: "pending",
      to_address: "handlaggare@stockholm.example",
    });
    const admin = new TestClient(t.app);
    await admin.login("admin");
    const page = await admin.get("/admin/utkorg");
    expect(page.body).toContain(SUBJECT);
    expect(page.body).toContain("Ingen SMTP-server är inställd");
  });

  it("retries a refused message after doubling waits and marks it failed after eight attempts", async () => {
    smtp = await startSmtpServer({ reject: true });
    const clock = new ManualClock(new Date("2026-03-02T08:00:00Z"));
    t = await buildTestApp({ clock, env: { KANSLI_SMTP_URL: smtp.url, KANSLI_LOGIN_MAX_FAILURES: "3" } });
    await throttle("lasare");
    const transport = mailTransport(t.config);
    if (!transport) throw new Error("no transport");
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      await deliverPending(t.ctx, transport);
      const [row] = await outbox();
      expect(row).toMatchObject({ status: "pending", attempts: attempt });
      const wait = retryDelayMs(attempt);
      expect(Date.parse(row?.next_attempt_at ?? "") - clock.now().getTime()).toBe(wait);
      // Not tried again before its time.
      clock.advanceMinutes(wait / 60_000 - 1);
      await deliverPending(t.ctx, transport);
      expect((await outbox())[0]?.attempts).toBe(attempt);
      clock.advanceMinutes(1);
    }
    expect(retryDelayMs(1)).toBe(60_000);
    expect(retryDelayMs(MAX_ATTEMPTS - 1)).toBe(64 * 60_000);
    await deliverPending(t.ctx, transport);
    transport.close();
    const [row] = await outbox();
    expect(row).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS, next_attempt_at: null });
    expect(row?.last_error).toContain("unavailable");
    // Failed for good: visible to the admin, never tried again.
    const admin = new TestClient(t.app);
    await admin.login("admin");
    expect((await admin.get("/admin/utkorg")).body).toContain("unavailable");
  });

  it("marks every mail as auto-generated and sends a body's replies to the round's officer", async () => {
    smtp = await startSmtpServer();
    t = await buildTestApp({ env: { KANSLI_SMTP_URL: smtp.url } });
    const officer = await demoActor(t, "handlaggare");
    const { id: caseId } = await t.ctx.db
      .selectFrom("cases")
      .select("id")
      .where("diary_number", "=", "KS 171-482/2016")
      .executeTakeFirstOrThrow();
    const { consultation } = await createConsultation(t.ctx, officer, caseId, {
      title: "Remiss om svarsadresser",
      deadline: "2027-05-04",
      instructions: "Svara som Word-fil.",
      officerId: officer.id,
      unitIds: ["sdn-sodermalm"],
      externalBodies: "",
      documentIds: [],
    });
    await t.ctx.db.updateTable("mail_outbox").set({ status: "sent" }).execute();
    await sendConsultation(t.ctx, officer, consultation.id);
    const transport = mailTransport(t.config);
    if (!transport) throw new Error("no transport");
    expect(await deliverPending(t.ctx, transport)).toBe(1);
    transport.close();
    const raw = smtp.received[0]?.raw ?? "";
    expect(header(raw, "Auto-Submitted")).toBe("auto-generated");
    const { email } = await t.ctx.db
      .selectFrom("users")
      .select("email")
      .where("id", "=", officer.id)
      .executeTakeFirstOrThrow();
    expect(header(raw, "Reply-To")).toBe(email);
  });

  it("tells the user once an hour at most, however many addresses fail", async () => {
    const clock = new ManualClock(new Date("2026-03-02T08:00:00Z"));
    t = await buildTestApp({ clock });
    await throttle("registrator", "127.0.0.1");
    await throttle("registrator", "127.0.0.2");
    clock.advanceMinutes(30);
    await throttle("registrator", "127.0.0.3");
    expect((await outbox()).filter((m) => m.subject === SUBJECT)).toHaveLength(1);
    clock.advanceMinutes(31);
    await throttle("registrator", "127.0.0.4");
    const mails = (await outbox()).filter((m) => m.subject === SUBJECT);
    expect(mails).toHaveLength(2);
    expect(mails.map((m) => m.body_text).join()).toContain("127.0.0.4");
  });
});
