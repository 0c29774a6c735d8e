import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { createToken } from "../src/auth/tokens.service.ts";
import { findUserByUsername } from "../src/auth/users.store.ts";
import { uploadForImport } from "../src/import/index.ts";
import { ManualClock } from "../src/platform/clock.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { type FilePart, multipart } from "./helpers/client.ts";
import { rowCount } from "./helpers/database.ts";
import { demoActor, demoClassId } from "./helpers/demo.ts";
import { makePdf } from "./helpers/documents.ts";
import { importRead } from "./helpers/imports.ts";

/** Monday 9 March 2026, 10:00 in Stockholm. */
const MONDAY = new Date("2026-03-09T09:00:00Z");
const CORPUS = path.resolve(import.meta.dirname, "fixtures/import-corpus/tune");

let t: TestApp;
let token = "";
let classId = "";
let registryId = "";

const tokenOf = async (username: string) => {
  const user = await findUserByUsername(t.ctx.db, t.config.tenantId, username);
  if (!user) throw new Error(`no demo user ${username}`);
  return (await createToken(t.ctx, "system", user, { name: "import api test" })).token;
};

beforeAll(async () => {
  t = await buildTestApp({ clock: new ManualClock(MONDAY) });
  classId = await demoClassId(t, "2019", "1.4");
  token = await tokenOf("registrator");
  registryId = (await t.ctx.db.selectFrom("registries").select("id").executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await t.close();
});

const auth = (bearer = token) => ({ authorization: `Bearer ${bearer}` });

function upload(file: FilePart | null, bearer = token) {
  const { payload, contentType } = multipart({}, file);
  return t.app.inject({
    method: "POST",
    url: "/api/v1/imports",
    headers: { ...auth(bearer), "content-type": contentType },
    payload,
  });
}

const confirm = (id: string, body: unknown) =>
  t.app.inject({
    method: "POST",
    url: `/api/v1/imports/${id}/confirm`,
    headers: auth(),
    payload: body as object,
  });

const get = (id: string) => t.app.inject({ url: `/api/v1/imports/${id}`, headers: auth() });

/** An upload answered at once (202), then read in the background: the import as the API gives it once read. */
async function uploaded(file: FilePart) {
  const res = await upload(file);
  expect(res.statusCode).toBe(202);
  const { id } = res.json() as { id: string };
  expect(res.json()).toMatchObject({ id, status: "reading" });
  await importRead(t.ctx.db, id);
  return (await get(id)).json() as {
    id: string;
    status: string;
    failure: string | null;
    progress: { page: number; pages: number };
    proposal: Record<string, unknown> & { consulted_bodies: string[] };
  };
}

const uploadedCorpus = async (name: string) =>
  uploaded({ fileName: name, bytes: await fs.readFile(path.join(CORPUS, name)) });

/** Rows a confirmation writes, counted. */
async function counts() {
  const count = (table: "cases" | "documents" | "consultations") => rowCount(t.ctx.db, table);
  return {
    cases: await count("cases"),
    documents: await count("documents"),
    consultations: await count("consultations"),
  };
}

/** A confirm body: the proposal as read, the case's facts, and optionally the units to send it on to. */
const bodyFor = (proposal: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  proposal,
  registryId,
  classId,
  unitId: "slk",
  officerId: "",
  ...extra,
});

describe("the import API", () => {
  it("reads an upload into the proposal with the issue's field names, and answers it again by id", async () => {
    const created = await uploadedCorpus("02-region-stockholm.ocr.txt");
    expect(created.proposal).toMatchObject({
      diary_number: "TN 2021-0412",
      sender_organisation: "Region Stockholm",
      date_sent: "2021-09-02",
      deadline: "2021-11-30",
      reply_to_email: "registrator.trafik@regionstockholm.example",
    });
    expect(created.proposal.consulted_bodies).toContain("Miljö- och hälsoskyddsnämnden");
    expect(created).toMatchObject({
      status: "pending",
      caseId: null,
      method: "text",
      failure: null,
      progress: { page: 1, pages: 1 },
    });
    const again = await t.app.inject({ url: `/api/v1/imports/${created.id}`, headers: auth() });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(created);
    expect((await t.app.inject({ url: "/api/v1/imports/finns-inte", headers: auth() })).statusCode).toBe(404);
  });

  it("refuses an upload without a file or of a wrong type with 422, storing nothing", async () => {
    const before = await t.ctx.db.selectFrom("import_drafts").select("id").execute();
    const none = await upload(null);
    expect(none.statusCode).toBe(422);
    expect(none.json().error.fields).toEqual([{ field: "file", message: expect.any(String) }]);
    expect((await upload({ fileName: "remiss.exe", bytes: Buffer.from("MZ") })).statusCode).toBe(422);
    expect(await t.ctx.db.selectFrom("import_drafts").select("id").execute()).toEqual(before);
  });

  it("is for registry staff only", async () => {
    const reader = await tokenOf("lasare");
    expect((await upload({ fileName: "a.txt", bytes: Buffer.from("Remiss") }, reader)).statusCode).toBe(403);
    expect((await t.app.inject({ url: "/api/v1/imports/x" })).statusCode).toBe(401);
  });

  it("confirms the edited proposal into a case, the file as an incoming document and a draft consultation", async () => {
    const created = await uploadedCorpus("02-region-stockholm.ocr.txt");
    const officer = await findUserByUsername(t.ctx.db, t.config.tenantId, "handlaggare");
    const before = await counts();
    const res = await confirm(
      created.id,
      bodyFor(
        { ...created.proposal, title: "Trafikförsörjningsprogram 2022–2030" },
        { officerId: officer?.id, forward: { unitIds: ["fn-trafik", "fn-miljo"], deadline: "2021-11-16" } },
      ),
    );
    // The sender's deadline has passed by the frozen clock: the units' own deadline is refused.
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields).toEqual([{ field: "forward.deadline", message: expect.any(String) }]);

    const ok = await confirm(
      created.id,
      bodyFor(
        { ...created.proposal, title: "Trafikförsörjningsprogram 2022–2030" },
        { officerId: officer?.id, forward: { unitIds: ["fn-trafik", "fn-miljo"], deadline: "2026-04-20" } },
      ),
    );
    expect(ok.statusCode).toBe(201);
    const done = ok.json() as { caseId: string; documentId: string; consultationId: string };
    expect(await counts()).toEqual({
      cases: before.cases + 1,
      documents: before.documents + 1,
      consultations: before.consultations + 1,
    });
    const c = await t.ctx.db
      .selectFrom("cases")
      .selectAll()
      .where("id", "=", done.caseId)
      .executeTakeFirstOrThrow();
    expect(c.title).toBe("Trafikförsörjningsprogram 2022–2030");
    const doc = await t.ctx.db
      .selectFrom("documents")
      .selectAll()
      .where("id", "=", done.documentId)
      .executeTakeFirstOrThrow();
    // The sender's deadline had passed: it is kept as the document's due date all the same.
    expect(doc).toMatchObject({
      case_id: done.caseId,
      direction: "incoming",
      party: "Region Stockholm",
      due_date: "2021-11-30",
    });
    // The reply-to address is kept on the case, as the sender's address.
    const parties = await t.ctx.db
      .selectFrom("case_parties")
      .select(["name", "email"])
      .where("case_id", "=", done.caseId)
      .execute();
    expect(parties).toContainEqual({
      name: "Region Stockholm",
      email: "registrator.trafik@regionstockholm.example",
    });
    const recipients = await t.ctx.db
      .selectFrom("consultation_recipients")
      .select("unit_id")
      .where("consultation_id", "=", done.consultationId)
      .execute();
    expect(recipients.map((r) => r.unit_id).sort()).toEqual(["fn-miljo", "fn-trafik"]);

    const read = await t.app.inject({ url: `/api/v1/imports/${created.id}`, headers: auth() });
    expect(read.json()).toMatchObject({ status: "confirmed", caseId: done.caseId });
    const twice = await confirm(created.id, bodyFor(created.proposal, { officerId: officer?.id }));
    expect(twice.statusCode).toBe(409);
    expect((await counts()).cases).toBe(before.cases + 1);
  });

  it("answers every error of a bad confirmation at once, at the API's own field names, writing nothing", async () => {
    const created = await uploadedCorpus("03-goteborgs-stad.txt");
    const before = await counts();
    const res = await confirm(
      created.id,
      bodyFor(
        { ...created.proposal, title: "", contact_email: "inte en adress", deadline: "17 oktober", extra: 1 },
        { classId: "", forward: { unitIds: [], deadline: "" }, colour: "blå" },
      ),
    );
    expect(res.statusCode).toBe(422);
    const fields = (res.json().error.fields as { field: string }[]).map((f) => f.field).sort();
    expect(fields).toEqual(
      [
        "classId",
        "colour",
        "forward.deadline",
        "forward.unitIds",
        "officerId",
        "proposal.contact_email",
        "proposal.deadline",
        "proposal.extra",
        "proposal.title",
      ].sort(),
    );
    expect(await counts()).toEqual(before);
    const draft = await t.app.inject({ url: `/api/v1/imports/${created.id}`, headers: auth() });
    expect(draft.json()).toMatchObject({ status: "pending", caseId: null });
  });

  it("names an unknown key by itself even when it is also a name every object inherits", async () => {
    const created = await uploadedCorpus("03-goteborgs-stad.txt");
    const res = await confirm(
      created.id,
      JSON.parse(
        '{"proposal":{"constructor":1,"toString":"x"},"hasOwnProperty":2,"registryId":"","classId":"","unitId":"","officerId":""}',
      ),
    );
    expect(res.statusCode).toBe(422);
    const fields = (res.json().error.fields as { field: unknown; message: unknown }[]).map((f) => f.field);
    expect(fields).toEqual(
      expect.arrayContaining(["proposal.constructor", "proposal.toString", "hasOwnProperty"]),
    );
    expect(fields.every((f) => typeof f === "string")).toBe(true);
  });

  it("writes no case and no document when the consultation, the last step, is refused", async () => {
    const created = await uploadedCorpus("04-trafikverket.txt");
    const officer = await findUserByUsername(t.ctx.db, t.config.tenantId, "handlaggare");
    const before = await counts();
    // Sunday 19 April 2026: only the consultation's own checks refuse it, after the case and the
    // document have passed theirs.
    const res = await confirm(
      created.id,
      bodyFor(created.proposal, {
        officerId: officer?.id,
        forward: { unitIds: ["fn-trafik"], deadline: "2026-04-19" },
      }),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields).toEqual([
      { field: "forward.deadline", message: expect.stringContaining("2026-04-20") },
    ]);
    expect(await counts()).toEqual(before);
    const draft = await t.app.inject({ url: `/api/v1/imports/${created.id}`, headers: auth() });
    expect(draft.json()).toMatchObject({ status: "pending", caseId: null });
  });

  it("writes one case, one document and one consultation when the same import is confirmed twice at once", async () => {
    const created = await uploadedCorpus("04-trafikverket.txt");
    const officer = await findUserByUsername(t.ctx.db, t.config.tenantId, "handlaggare");
    const body = bodyFor(created.proposal, {
      officerId: officer?.id,
      forward: { unitIds: ["fn-trafik"], deadline: "2026-04-20" },
    });
    const before = await counts();
    // Both pass the checks; the loser finds the draft confirmed in its transaction's last step,
    // and its case, document and consultation are rolled back with it.
    const answers = await Promise.all([confirm(created.id, body), confirm(created.id, body)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
    expect(await counts()).toEqual({
      cases: before.cases + 1,
      documents: before.documents + 1,
      consultations: before.consultations + 1,
    });
  });

  it("answers an upload at once and reads a scan page by page in the background", async () => {
    const res = await upload({
      fileName: "skannad.pdf",
      bytes: await fs.readFile(path.join(CORPUS, "02-region-stockholm.scan.pdf")),
    });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({
      id: expect.any(String),
      status: "reading",
      progress: { page: 0, pages: 2 },
    });
    const { id } = res.json() as { id: string };
    const seen = new Set<string>();
    for (;;) {
      const now = (await get(id)).json() as { status: string; progress: { page: number; pages: number } };
      seen.add(`${now.status} ${now.progress.page}/${now.progress.pages}`);
      if (now.status !== "reading") break;
      expect(now).toMatchObject({ proposal: null, rawText: null, method: null });
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const read = (await get(id)).json();
    expect(read).toMatchObject({
      status: "pending",
      method: "ocr",
      progress: { page: 2, pages: 2 },
      failure: null,
    });
    expect(read.proposal.diary_number).toBe("TN 2021-0412");
    // Every state seen on the way counted pages of two, and never backwards to an unknown count.
    expect([...seen].every((s) => s.endsWith("/2"))).toBe(true);
  });

  it("ends a document with no text failed, with a Swedish message, and lets it be discarded", async () => {
    const failed = await uploaded({ fileName: "tom.pdf", bytes: await makePdf([" "]) });
    expect(failed.status).toBe("failed");
    expect(failed.failure).toContain("Ingen text kunde läsas");
    expect(failed.proposal).toBeNull();
    const refused = await confirm(failed.id, bodyFor({ title: "x" }));
    expect(refused.statusCode).toBe(409);
    const discarded = await t.app.inject({
      method: "POST",
      url: `/api/v1/imports/${failed.id}/discard`,
      headers: auth(),
      payload: {},
    });
    expect(discarded.statusCode).toBe(200);
    expect((await get(failed.id)).json()).toMatchObject({ status: "discarded" });
  });

  it("refuses a document over 100 pages with a clear message, storing nothing", async () => {
    const before = await rowCount(t.ctx.db, "import_drafts");
    const pages = Array.from({ length: 101 }, (_, i) => `Sida ${i + 1}`);
    const res = await upload({ fileName: "lang.pdf", bytes: await makePdf(pages) });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields).toEqual([
      { field: "file", message: "Dokumentet har 101 sidor. Högst 100 sidor kan importeras: dela upp det" },
    ]);
    expect(await rowCount(t.ctx.db, "import_drafts")).toBe(before);
  });

  it("refuses to confirm a draft still reading (409), and reads it when the server starts again", async () => {
    // Uploaded through the service, with no reader told: the draft a stopped server left behind.
    const clerk = await demoActor(t, "registrator");
    const bytes = await fs.readFile(path.join(CORPUS, "04-trafikverket.txt"));
    const left = await uploadForImport(t.ctx, clerk, { fileName: "kvar.txt", bytes });
    await t.ctx.db.updateTable("import_drafts").set({ pages_read: 1 }).where("id", "=", left.id).execute();
    const reading = await confirm(left.id, bodyFor({ title: "x" }));
    expect(reading.statusCode).toBe(409);
    expect(reading.json().error.fields).toEqual([
      { field: "", message: expect.stringContaining("läses fortfarande") },
    ]);
    expect((await get(left.id)).json()).toMatchObject({ status: "reading", proposal: null });

    // The same database under a new server: its reader takes the draft up at start.
    const restarted = await buildApp({
      config: t.config,
      db: t.ctx.db,
      dialect: t.ctx.dialect,
      clock: t.ctx.clock,
    });
    try {
      await restarted.ready();
      expect(await importRead(t.ctx.db, left.id)).toBe("pending");
    } finally {
      await restarted.close();
    }
    const read = (await get(left.id)).json();
    expect(read).toMatchObject({ status: "pending", progress: { page: 1, pages: 1 } });
    expect(read.proposal.title).toBeTruthy();
  });

  it("discards a draft awaiting review: kept as discarded, audited, and not confirmable", async () => {
    const created = await uploadedCorpus("03-goteborgs-stad.txt");
    const discard = () =>
      t.app.inject({
        method: "POST",
        url: `/api/v1/imports/${created.id}/discard`,
        headers: auth(),
        payload: {},
      });
    const res = await discard();
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: created.id, status: "discarded" });
    expect((await get(created.id)).json()).toMatchObject({ status: "discarded", proposal: created.proposal });
    const events = await t.ctx.db
      .selectFrom("audit_events")
      .select("action")
      .where("subject_id", "=", created.id)
      .orderBy("seq")
      .execute();
    expect(events.map((e) => e.action)).toEqual(["import.upload", "import.read", "import.discard"]);
    expect((await discard()).statusCode).toBe(409);
    expect((await confirm(created.id, bodyFor(created.proposal))).statusCode).toBe(409);
  });

  it("is described in the OpenAPI document", async () => {
    const doc = (await t.app.inject({ url: "/api/v1/openapi.json" })).json() as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/imports", "/imports/{id}", "/imports/{id}/confirm", "/imports/{id}/discard"]),
    );
  });
});
