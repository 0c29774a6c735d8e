import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "../src/auth/actor.ts";
import { createToken } from "../src/auth/tokens.service.ts";
import { createUser } from "../src/auth/users.service.ts";
import { findUserByUsername } from "../src/auth/users.store.ts";
import {
  appointContact,
  listNetwork,
  sendNetworkMessage,
} from "../src/engagements/network/network.service.ts";
import { deliverPending, mailTransport } from "../src/platform/mail/mail.service.ts";
import { buildTestApp, DEMO_PASSWORD, type TestApp } from "./helpers/app.ts";
import { TestClient } from "./helpers/client.ts";
import { rowCount } from "./helpers/database.ts";
import { demoActor } from "./helpers/demo.ts";
import { header, startSmtpServer } from "./helpers/smtp.ts";

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let officer: UserActor;
const STRATEGY_CASE = "KS 171-482/2016";

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await buildTestApp({ env: { KANSLI_SMTP_URL: smtp.url } });
  officer = await demoActor(t, "handlaggare");
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const count = (table: "contact_persons" | "network_messages" | "mail_outbox" | "documents") =>
  rowCount(t.ctx.db, table);

describe("the international contact network", () => {
  it("lists every administration and company, and those without a contact person", async () => {
    const network = await listNetwork(t.ctx);
    const units = await t.ctx.db
      .selectFrom("units")
      .select("id")
      .where("type", "in", ["administration", "company"])
      .execute();
    expect(network.map((e) => e.unitId).sort()).toEqual(units.map((u) => u.id).sort());
    expect(network.some((e) => e.contact === null)).toBe(true);
    const browser = new TestClient(t.app);
    await browser.login("lasare");
    const page = await browser.get("/engagemang/kontaktnat");
    expect(page.statusCode).toBe(200);
    const missing = network.filter((e) => !e.contact);
    expect(page.body).toContain(`Enheter utan kontaktperson (${missing.length})`);
    expect(page.body).not.toContain("Registrera utsedd kontaktperson");
  });

  it("in the demo, every contact person is a kontaktperson account of their unit, the demo's own included", async () => {
    const contacts = (await listNetwork(t.ctx)).flatMap((e) => (e.contact ? [e.contact] : []));
    expect(contacts.length).toBeGreaterThan(10);
    for (const c of contacts) {
      const account = await t.ctx.db
        .selectFrom("users")
        .selectAll()
        .where("id", "=", c.userId)
        .executeTakeFirstOrThrow();
      expect([account.role, account.unit_id, account.email]).toEqual(["kontaktperson", c.unitId, c.email]);
    }
    const kim = await findUserByUsername(t.ctx.db, t.config.tenantId, "kontaktperson");
    expect(contacts.find((c) => c.unitId === kim?.unit_id)?.userId).toBe(kim?.id);
  });

  it("records an appointment of a unit's kontaktperson account; a new one ends the previous", async () => {
    const unit = (await listNetwork(t.ctx)).find((e) => !e.contact);
    if (!unit) throw new Error("every unit has a contact");
    const greta = await contactAccount("greta", unit.unitId);
    const nils = await contactAccount("nils", unit.unitId);
    await appointContact(t.ctx, officer, {
      userId: greta.id,
      appointedOn: "2025-02-03",
      appointedBy: "Förvaltningschefen",
    });
    await appointContact(t.ctx, officer, {
      userId: nils.id,
      phone: "08-508 000 00",
      appointedOn: "2026-01-12",
      appointedBy: "Förvaltningschefen",
    });
    const rows = await t.ctx.db
      .selectFrom("contact_persons")
      .selectAll()
      .where("unit_id", "=", unit.unitId)
      .orderBy("appointed_on")
      .execute();
    expect(rows.map((r) => [r.user_id, r.ended_on])).toEqual([
      [greta.id, "2026-01-12"],
      [nils.id, null],
    ]);
    expect((await listNetwork(t.ctx)).find((e) => e.unitId === unit.unitId)?.contact).toMatchObject({
      userId: nils.id,
      name: "nils (test)",
      email: "nils@stockholm.example",
      phone: "08-508 000 00",
    });
  });

  it("no longer counts an account that is disabled or moved to another unit as its unit's contact person", async () => {
    const unit = (await listNetwork(t.ctx)).find((e) => !e.contact);
    if (!unit) throw new Error("every unit has a contact");
    const vera = await contactAccount("vera", unit.unitId);
    await appointContact(t.ctx, officer, { userId: vera.id, appointedOn: "2026-01-12", appointedBy: "VD" });
    const contactOf = async () => (await listNetwork(t.ctx)).find((e) => e.unitId === unit.unitId)?.contact;
    expect((await contactOf())?.userId).toBe(vera.id);
    await t.ctx.db.updateTable("users").set({ unit_id: "forv-kultur" }).where("id", "=", vera.id).execute();
    expect(await contactOf()).toBeNull();
    await t.ctx.db
      .updateTable("users")
      .set({ unit_id: unit.unitId, disabled_at: "2026-01-13T00:00:00Z" })
      .where("id", "=", vera.id)
      .execute();
    expect(await contactOf()).toBeNull();
  });

  it("refuses an account that is not a kontaktperson of the network, with every error at once, and writes nothing", async () => {
    const before = await count("contact_persons");
    const browser = new TestClient(t.app);
    await browser.login("handlaggare");
    const form = await browser.get("/engagemang/kontaktnat");
    expect(form.body).toContain("Kim Kontaktsson (demo) – Kulturförvaltningen");
    const res = await browser.post("/engagemang/kontaktnat/utnamning", {
      userId: officer.id,
      appointedOn: "2026-02-30",
      appointedBy: "",
    });
    expect(res.statusCode).toBe(422);
    for (const field of ["userId", "appointedOn", "appointedBy"])
      expect(res.body).toContain(`href="#${field}"`);
    expect(res.body).toContain(
      "Kontot är inte internationell kontaktperson för en förvaltning eller ett bolag",
    );
    expect(await count("contact_persons")).toBe(before);
  });

  it("exports the network as CSV, a row per administration and company", async () => {
    const network = await listNetwork(t.ctx);
    const browser = new TestClient(t.app);
    await browser.login("lasare");
    const res = await browser.get("/engagemang/kontaktnat.csv");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/csv");
    const lines = res.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe(
      '"Förvaltning eller bolag";"Kontaktperson";"E-post";"Telefon";"Utsedd";"Utsedd av"',
    );
    expect(lines).toHaveLength(network.length + 1);
    const kim = network.find((e) => e.contact?.name === "Kim Kontaktsson (demo)");
    expect(lines).toContain(
      `"${kim?.unitName}";"Kim Kontaktsson (demo)";"kontaktperson@stockholm.example";"";"${kim?.contact?.appointedOn}";"Förvaltningschefen"`,
    );
  });

  it("sends a message to the whole network by e-mail and registers it as an outgoing document", async () => {
    const recipients = (await listNetwork(t.ctx)).filter((e) => e.contact).map((e) => e.contact?.email);
    const mailBefore = await count("mail_outbox");
    const sent = await sendNetworkMessage(t.ctx, officer, {
      diaryNumber: STRATEGY_CASE,
      subject: "Nätverksträff om internationella besök",
      body: "Välkomna till nätverksträff den 12 mars.\nAnmälan till SLK.",
    });
    expect(sent.recipients).toBe(recipients.length);
    const doc = await t.ctx.db
      .selectFrom("documents")
      .selectAll()
      .where("id", "=", sent.documentId)
      .executeTakeFirstOrThrow();
    expect(doc).toMatchObject({
      direction: "outgoing",
      status: "registered",
      description: "Nätverksträff om internationella besök",
    });
    const file = await t.ctx.db
      .selectFrom("document_files")
      .selectAll()
      .where("document_id", "=", doc.id)
      .executeTakeFirstOrThrow();
    expect(file.text_content).toContain("Välkomna till nätverksträff den 12 mars.");
    expect(await count("mail_outbox")).toBe(mailBefore + recipients.length);
    const transport = mailTransport(t.config);
    if (!transport) throw new Error("no transport");
    await deliverPending(t.ctx, transport, 100);
    transport.close();
    expect(smtp.received.flatMap((m) => m.to).sort()).toEqual([...recipients].sort());
    expect(header(smtp.received[0]?.raw ?? "", "Subject")).toBe("Nätverksträff om internationella besök");
  });

  it("refuses a message without subject, body or an open case, writing nothing", async () => {
    const before = [await count("network_messages"), await count("documents"), await count("mail_outbox")];
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/contact-network/messages",
      headers: { authorization: `Bearer ${await apiToken()}` },
      payload: { diaryNumber: "KS 999-1/1999", subject: "", body: "" },
    });
    expect(res.statusCode).toBe(422);
    expect(
      res
        .json()
        .error.fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(["body", "diaryNumber", "subject"]);
    expect([await count("network_messages"), await count("documents"), await count("mail_outbox")]).toEqual(
      before,
    );
  });
});

/** A kontaktperson account of the unit, as the admin adds it. */
const contactAccount = (username: string, unitId: string) =>
  createUser(t.ctx, "system", {
    username,
    displayName: `${username} (test)`,
    role: "kontaktperson",
    unitId,
    email: `${username}@stockholm.example`,
    password: DEMO_PASSWORD,
  });

async function apiToken() {
  const user = await findUserByUsername(t.ctx.db, t.config.tenantId, "handlaggare");
  if (!user) throw new Error("no user");
  return (await createToken(t.ctx, "system", user, { name: "test" })).token;
}
