import { afterEach, describe, expect, it } from "vitest";
import { deliverPending, mailTransport } from "../src/platform/mail/mail.service.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { TestClient } from "./helpers/client.ts";
import { header, startSmtpServer } from "./helpers/smtp.ts";

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>> | null = null;
afterEach(async () => {
  await t?.close();
  await smtp?.close();
  smtp = null;
});

async function lockOut(username: string) {
  const client = new TestClient(t.app);
  for (let i = 0; i < 3; i++) await client.login(username, "fel-losenord-igen");
}

/** The mail queued while the test ran (the demo's 2016 round left its own, dated then). */
const outbox = () =>
  t.ctx.db.selectFrom("mail_outbox").selectAll().where("created_at", ">=", "2017").execute();

describe("mail", () => {
  it("tells a locked-out user by e-mail, delivered over SMTP exactly once", async () => {
    smtp = await startSmtpServer();
    t = await buildTestApp({ env: { KANSLI_SMTP_URL: smtp.url, KANSLI_LOGIN_MAX_FAILURES: "3" } });
    await lockOut("registrator");
    const transport = mailTransport(t.config);
    if (!transport) throw new Error("no transport");
    expect(await deliverPending(t.ctx, transport)).toBe(1);
    expect(await deliverPending(t.ctx, transport)).toBe(0);
    transport.close();
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0];
    expect(mail?.to).toEqual(["registrator@stockholm.example"]);
    expect(header(mail?.raw ?? "", "Subject")).toBe("Ditt konto i kansli är tillfälligt låst");
    expect(mail?.raw).not.toContain("fel-losenord-igen");
    expect((await outbox())[0]).toMatchObject({ status: "sent", attempts: 1 });
  });

  it("keeps mail in the outbox for the admin when no SMTP server is set", async () => {
    t = await buildTestApp({ env: { KANSLI_LOGIN_MAX_FAILURES: "3" } });
    await lockOut("handlaggare");
    expect((await outbox())[0]).toMatchObject({
      status: "pending",
      to_address: "handlaggare@stockholm.example",
    });
    const admin = new TestClient(t.app);
    await admin.login("admin");
    const page = await admin.get("/admin/utkorg");
    expect(page.body).toContain("Ditt konto i kansli är tillfälligt låst");
    expect(page.body).toContain("Ingen SMTP-server är inställd");
  });

  it("retries a refused message and gives up after five attempts", async () => {
    smtp = await startSmtpServer({ reject: true });
    t = await buildTestApp({ env: { KANSLI_SMTP_URL: smtp.url, KANSLI_LOGIN_MAX_FAILURES: "3" } });
    await lockOut("lasare");
    const transport = mailTransport(t.config);
    if (!transport) throw new Error("no transport");
    for (let i = 1; i <= 4; i++) {
      expect(await deliverPending(t.ctx, transport)).toBe(0);
      expect((await outbox())[0]).toMatchObject({ status: "pending", attempts: i });
    }
    await deliverPending(t.ctx, transport);
    transport.close();
    const [row] = await outbox();
    expect(row).toMatchObject({ status: "failed", attempts: 5 });
    expect(row?.last_error).toContain("unavailable");
  });
});
