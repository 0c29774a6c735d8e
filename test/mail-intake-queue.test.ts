import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "../src/auth/actor.ts";
import { createToken } from "../src/auth/tokens.service.ts";
import { findUserByUsername } from "../src/auth/users.store.ts";
import {
  allRecipients,
  createConsultation,
  getConsultation,
  sendConsultation,
} from "../src/consultation/index.ts";
import { readRegistryMailbox } from "../src/mail-intake/index.ts";
import { ManualClock } from "../src/platform/clock.ts";
import { sha256Hex } from "../src/platform/files/blob-store.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { TestClient } from "./helpers/client.ts";
import { demoActor } from "./helpers/demo.ts";
import { makeDocx } from "./helpers/documents.ts";
import { composeMail, startImapServer, type TestImapServer } from "./helpers/imap.ts";

const MONDAY = new Date("2026-03-09T09:00:00Z");
const SODERMALM = "sdn.sodermalm@stockholm.example";

let t: TestApp;
let imap: TestImapServer;
let officer: UserActor;
let registrar: TestClient;
let token = "";
let diaryNumber = "";
let consultationId = "";

beforeAll(async () => {
  imap = await startImapServer();
  t = await buildTestApp({
    clock: new ManualClock(MONDAY),
    env: { KANSLI_IMAP_URL: imap.url, KANSLI_IMAP_PASSWORD: imap.password },
  });
  officer = await demoActor(t, "handlaggare");
  const c = await t.ctx.db
    .selectFrom("cases")
    .select(["id", "diary_number"])
    .where("diary_number", "=", "KS 171-482/2016")
    .executeTakeFirstOrThrow();
  diaryNumber = c.diary_number;
  const { consultation } = await createConsultation(t.ctx, officer, c.id, {
    title: "Remiss för kön",
    deadline: "2026-05-04",
    instructions: "Svara som Word-fil.",
    officerId: officer.id,
    unitIds: ["sdn-sodermalm", "fn-kultur"],
    externalBodies: "",
    documentIds: [],
  });
  await sendConsultation(t.ctx, officer, consultation.id);
  consultationId = consultation.id;
  registrar = new TestClient(t.app);
  await registrar.login("registrator");
  const user = await findUserByUsername(t.ctx.db, t.config.tenantId, "registrator");
  if (!user) throw new Error("no registrator");
  token = (await createToken(t.ctx, "system", user, { name: "mail test" })).token;
});
afterAll(async () => {
  await t?.close();
  await imap?.stop();
});

/** Delivers a message into the mailbox, lets kansli read it, and answers its id in the queue. */
async function queued(raw: Buffer): Promise<string> {
  await imap.deliver(raw);
  while ((await readRegistryMailbox(t.ctx)) > 0);
  const row = await t.ctx.db
    .selectFrom("received_mail")
    .select(["id", "status"])
    .where("eml_sha256", "=", sha256Hex(raw))
    .executeTakeFirstOrThrow();
  expect(row.status).toBe("queued");
  return row.id;
}

const api = (method: "GET" | "POST", url: string, payload?: unknown) =>
  t.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });

const recipientByEmail = async (email: string) =>
  allRecipients(await getConsultation(t.ctx, consultationId)).find((r) => r.email === email);

describe("the received-mail queue", () => {
  it("shows a queued message on /post, with its reason, its attachment and the start page's count", async () => {
    // From a personal address at another domain: the sender cannot be matched, so it waits.
    const id = await queued(
      await composeMail({
        from: "anna.svensson@privat.example",
        subject: `Svar från Södermalm ${diaryNumber}`,
        attachments: [{ filename: "svar.docx", content: await makeDocx(["Södermalms svar"]) }],
      }),
    );
    const list = await registrar.get("/post");
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`/post/${id}`);
    expect(list.body).toContain("Avsändaren är inte en remissinstans i remissen");
    const page = await registrar.get(`/post/${id}`);
    expect(page.body).toContain("svar.docx");
    expect(page.body).toContain("Registrera som remissvar");
    const start = await registrar.get("/");
    expect(start.body).toContain("Inkommen e-post att registrera");
    const file = await registrar.get(`/post/${id}/bilagor/0`);
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-disposition"]).toContain("attachment");
  });

  it("files a queued message as a body's answer from its page by the personal link's rules", async () => {
    const raw = await composeMail({
      from: "anna.svensson@privat.example",
      subject: `Remissvar ${diaryNumber}`,
      attachments: [{ filename: "svar.docx", content: await makeDocx(["Södermalms svar"]) }],
    });
    const id = await queued(raw);
    const body = await recipientByEmail(SODERMALM);
    await registrar.get(`/post/${id}`);
    const res = await registrar.post(`/post/${id}/svar`, { recipientId: body?.id ?? "", attachment: "0" });
    expect(res.statusCode).toBe(303);
    const after = await recipientByEmail(SODERMALM);
    expect(after?.answeredOn).toBe("2026-03-09");
    const row = await t.ctx.db
      .selectFrom("received_mail")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect([row.status, row.document_id]).toEqual(["answer", after?.answerDocumentId]);
    // Filed once: a second filing is refused and changes nothing.
    const again = await api("POST", `/api/v1/mail-intake/${id}/file`, {
      as: "not_public",
      reason: "dubblett",
    });
    expect(again.statusCode).toBe(409);
  });

  it("shows every error of a form at once and writes nothing", async () => {
    const id = await queued(await composeMail({ from: "x@annan.example", subject: "Fråga" }));
    await registrar.get(`/post/${id}`);
    const res = await registrar.post(`/post/${id}/handling`, { diaryNumber: "", description: "" });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("Ange ärendets diarienummer");
    expect(res.body).toContain("Beskriv handlingen");
    const row = await t.ctx.db
      .selectFrom("received_mail")
      .select("status")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("queued");
  });

  it("files as an incoming document of any case and as not a public record over the API", async () => {
    const question = await queued(
      await composeMail({
        from: "medborgare@annan.example",
        subject: "Fråga om strategin",
        text: "Hur går det?",
      }),
    );
    const spam = await queued(await composeMail({ from: "spam@spam.example", subject: "Vinn en resa" }));
    const listed = await api("GET", "/api/v1/mail-intake");
    expect(listed.statusCode).toBe(200);
    const ids = (listed.json() as { items: { id: string }[] }).items.map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining([question, spam]));

    const asDocument = await api("POST", `/api/v1/mail-intake/${question}/file`, {
      as: "document",
      diaryNumber,
      description: "Fråga från medborgare om strategin",
    });
    expect(asDocument.statusCode).toBe(200);
    const filed = asDocument.json() as { status: string; documentId: string };
    expect(filed.status).toBe("document");
    const doc = await t.ctx.db
      .selectFrom("documents")
      .select(["direction", "description", "party"])
      .where("id", "=", filed.documentId)
      .executeTakeFirstOrThrow();
    expect(doc).toEqual({
      direction: "incoming",
      description: "Fråga från medborgare om strategin",
      party: "medborgare@annan.example",
    });

    const asNotPublic = await api("POST", `/api/v1/mail-intake/${spam}/file`, {
      as: "not_public",
      reason: "Skräppost",
    });
    expect(asNotPublic.statusCode).toBe(200);
    expect(asNotPublic.json()).toMatchObject({ status: "not_public", notPublicReason: "Skräppost" });
    // Kept, not deleted: the message and its reason stay.
    const after = (await api("GET", "/api/v1/mail-intake")).json() as { items: { id: string }[] };
    expect(after.items.map((m) => m.id)).not.toContain(spam);
    const audit = await t.ctx.db
      .selectFrom("audit_events")
      .select("action")
      .where("subject_id", "=", spam)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["mail_intake.queued", "mail_intake.file_not_public"]);
  });

  it("refuses the queue to those who are not the registry desk", async () => {
    const officerClient = new TestClient(t.app);
    await officerClient.login("handlaggare");
    expect((await officerClient.get("/post")).statusCode).toBe(403);
  });
});
