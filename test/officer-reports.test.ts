import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "../src/auth/actor.ts";
import { createToken } from "../src/auth/tokens.service.ts";
import { findUserByUsername } from "../src/auth/users.store.ts";
import { ManualClock } from "../src/platform/clock.ts";
import type { Database } from "../src/platform/db/schema.ts";
import { AppError } from "../src/platform/errors.ts";
import { approvedReports } from "../src/reports/index.ts";
import {
  approveReport,
  createReport,
  reportFor,
  reportsAwaitingApproval,
  reportVersions,
  saveReport,
} from "../src/reports/reports.service.ts";
import { workFor } from "../src/worklist/work.service.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { TestClient } from "./helpers/client.ts";
import { rowCount, TEST_DIALECT } from "./helpers/database.ts";
import { demoActor } from "./helpers/demo.ts";
import { registeredWord } from "./helpers/word.ts";

const STRATEGY = "KS 171-482/2016";
let t: TestApp;
let officer: UserActor;
let director: UserActor;
let head: UserActor;
let clerk: UserActor;
let caseId = "";
let attachmentId = "";

beforeAll(async () => {
  t = await buildTestApp({ clock: new ManualClock(new Date("2026-03-09T09:00:00Z")) });
  officer = await demoActor(t, "handlaggare");
  director = await demoActor(t, "admin");
  head = await demoActor(t, "beslutsfattare");
  clerk = await demoActor(t, "registrator");
  const c = await t.ctx.db
    .selectFrom("cases")
    .select("id")
    .where("diary_number", "=", STRATEGY)
    .executeTakeFirstOrThrow();
  caseId = c.id;
  const doc = await t.ctx.db
    .selectFrom("documents")
    .select("id")
    .where("case_id", "=", caseId)
    .where("status", "=", "registered")
    .orderBy("document_date")
    .executeTakeFirstOrThrow();
  attachmentId = doc.id;
  // The first run on a new schema seeds the demo database for this configuration: slow on a busy machine.
}, 300_000);
afterAll(async () => {
  await t.close();
});

/** A report of the strategy case as the officer writes it; `over` changes some of its answers. */
const input = (over: Record<string, unknown> = {}) => ({
  title: "Internationell strategi för Stockholms stad",
  addressedTo: "Kommunstyrelsen",
  proposals: [
    "Kommunstyrelsen föreslår att kommunfullmäktige antar internationell strategi för Stockholms stad.",
    "Strategin ersätter stadens övergripande mål, inriktning och riktlinjer för internationellt arbete.",
  ],
  summary: "För att staden ska nå framgång i sitt internationella arbete behövs en gemensam plattform.",
  background: "Riktlinjerna antogs 2008.",
  preparation: "Förslaget har tagits fram med intervjuer och workshops.",
  views: "Kontoret anser att strategin bör antas.",
  attachmentIds: [attachmentId],
  signatoryIds: [director.id, head.id],
  ...over,
});

/** The error a use case throws, for its status and fields. */
async function refusal(run: () => Promise<unknown>): Promise<AppError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

const WRITTEN: (keyof Database)[] = [
  "officer_reports",
  "officer_report_versions",
  "officer_report_approvals",
  "documents",
  "document_files",
  "audit_events",
];
const counts = async () =>
  Object.fromEntries(
    await Promise.all(WRITTEN.map(async (table) => [table, await rowCount(t.ctx.db, table)])),
  );

describe("an officer's report", () => {
  it("is saved as drafts with versions: a changed save is the next version, an unchanged one writes nothing, earlier versions stay readable", async () => {
    const r = await createReport(t.ctx, officer, caseId, input());
    expect(r).toMatchObject({ version: 1, status: "draft", officerId: officer.id, approvals: [] });
    expect(r.content.proposals).toHaveLength(2);

    const before = await counts();
    expect((await saveReport(t.ctx, officer, r.id, input())).version).toBe(1);
    expect(await counts()).toEqual(before);

    const changed = await saveReport(t.ctx, officer, r.id, input({ summary: "En ny sammanfattning." }));
    expect(changed.version).toBe(2);
    const versions = await reportVersions(t.ctx, r.id);
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    expect(versions[1]?.content.summary).toContain("gemensam plattform");
    expect(versions[0]?.content.summary).toBe("En ny sammanfattning.");
  });

  it("refuses bad input with every error at once and writes nothing", async () => {
    const other = await t.ctx.db
      .selectFrom("documents")
      .select("id")
      .where("case_id", "!=", caseId)
      .where("status", "=", "registered")
      .executeTakeFirstOrThrow();
    const before = await counts();
    const e = await refusal(() =>
      createReport(
        t.ctx,
        officer,
        caseId,
        input({
          title: " ",
          proposals: ["", "  "],
          summary: "",
          attachmentIds: [other.id],
          signatoryIds: [],
        }),
      ),
    );
    expect(e.status).toBe(422);
    expect(e.fields.map((f) => [f.field, f.message])).toEqual(
      expect.arrayContaining([
        ["title", "report.title_required"],
        ["proposals", "report.proposals_required"],
        ["summary", "report.summary_required"],
      ]),
    );
    expect(e.fields).toContainEqual({ field: "attachmentIds", message: "report.attachment_not_in_case" });
    expect(e.fields).toContainEqual({ field: "signatoryIds", message: "report.signatories_required" });
    expect(e.fields).toHaveLength(5);
    const choices = await refusal(() =>
      createReport(t.ctx, officer, caseId, input({ attachmentIds: [other.id], signatoryIds: ["nobody"] })),
    );
    expect(choices.fields.map((f) => f.message).sort()).toEqual([
      "report.attachment_not_in_case",
      "report.signatory_unknown",
    ]);
    expect(await counts()).toEqual(before);
  });

  it("takes a consultation round's positions in as a summary table, attaches its compilation, and refuses a round that is not the case's", async () => {
    const round = await t.ctx.db
      .selectFrom("consultations")
      .select(["id", "compilation_document_id"])
      .where("case_id", "=", caseId)
      .where("sent_on", "is not", null)
      .orderBy("created_at")
      .executeTakeFirstOrThrow();
    const sent = await t.ctx.db
      .selectFrom("consultation_recipients")
      .select(["position"])
      .where("consultation_id", "=", round.id)
      .where("state", "=", "sent")
      .execute();
    const r = await createReport(t.ctx, officer, caseId, input({ consultationId: round.id }));
    const rows = r.content.positions?.rows ?? [];
    expect(rows).toHaveLength(sent.length);
    expect(rows.filter((row) => row.position === "Tillstyrker")).toHaveLength(
      sent.filter((s) => s.position === "supports").length,
    );
    expect(round.compilation_document_id).not.toBeNull();
    expect(r.content.attachmentIds).toEqual([attachmentId, round.compilation_document_id]);

    const other = await t.ctx.db
      .selectFrom("consultations")
      .select("id")
      .where("case_id", "!=", caseId)
      .executeTakeFirstOrThrow();
    const before = await counts();
    const e = await refusal(() => createReport(t.ctx, officer, caseId, input({ consultationId: other.id })));
    expect(e.fields.map((f) => [f.field, f.message])).toEqual([
      ["consultationId", "report.consultation_not_in_case"],
    ]);
    expect(await counts()).toEqual(before);

    // The Word file of the approved version carries the table.
    const approved = await createReport(
      t.ctx,
      officer,
      caseId,
      input({ consultationId: round.id, signatoryIds: [director.id] }),
    );
    const done = await approveReport(t.ctx, director, approved.id);
    const word = await registeredWord(t, done.documentId ?? "");
    expect(word.body).toContain("Remissinstansernas ställningstaganden");
    expect(word.body).toContain(rows[0]?.body ?? "?");
  });

  it("is approved by both signatories; a non-signatory is refused; a change after an approval is a new version without approvals; the last approval registers the Word file", async () => {
    const r = await createReport(t.ctx, officer, caseId, input());
    expect((await refusal(() => approveReport(t.ctx, clerk, r.id))).status).toBe(403);
    expect((await refusal(() => approveReport(t.ctx, officer, r.id))).status).toBe(403);

    const once = await approveReport(t.ctx, director, r.id, 1);
    expect(once.approvals.map((a) => [a.userId, a.version])).toEqual([[director.id, 1]]);
    expect(once.status).toBe("draft");
    expect((await refusal(() => approveReport(t.ctx, director, r.id, 1))).status).toBe(409);

    const edited = await saveReport(t.ctx, officer, r.id, input({ views: "Kontoret tillstyrker." }));
    expect(edited).toMatchObject({ version: 2, approvals: [], status: "draft" });
    // An approval of version 1 is still recorded, as its history, but no longer counts.
    expect(await rowCount(t.ctx.db, "officer_report_approvals")).toBeGreaterThan(0);
    expect((await refusal(() => approveReport(t.ctx, head, r.id, 1))).status).toBe(409);

    await approveReport(t.ctx, director, r.id, 2);
    const documentsBefore = await rowCount(t.ctx.db, "documents");
    const done = await approveReport(t.ctx, head, r.id, 2);
    expect(done).toMatchObject({ status: "approved", approvedVersion: 2 });
    expect(done.approvals.map((a) => a.userId)).toEqual([director.id, head.id]);
    expect(await rowCount(t.ctx.db, "documents")).toBe(documentsBefore + 1);

    const doc = await t.ctx.db
      .selectFrom("documents")
      .selectAll()
      .where("id", "=", done.documentId ?? "")
      .executeTakeFirstOrThrow();
    expect(doc).toMatchObject({
      case_id: caseId,
      direction: "internal",
      status: "registered",
      document_type: "Tjänsteutlåtande",
      document_date: "2026-03-09",
    });
    const audit = await t.ctx.db
      .selectFrom("audit_events")
      .select(["action", "subject_id"])
      .where("subject_id", "in", [r.id, doc.id])
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        "officer_report.create",
        "officer_report.save",
        "officer_report.approve",
        "document.register",
      ]),
    );

    const word = await registeredWord(t, doc.id);
    expect(word.header).toContain(`Dnr ${STRATEGY}`);
    expect(word.header).toContain("Sida {PAGE} ({NUMPAGES})");
    expect(word.header).toContain("2026-03-09");
    expect(word.body).toMatch(/^Handläggare\nHugo Handläggare \(demo\)\n/);
    expect(word.body).toContain("Förslag till beslut");
    expect(word.body).toContain("1. Kommunstyrelsen föreslår att kommunfullmäktige antar");
    expect(word.body).toContain("2. Strategin ersätter");
    expect(word.body).toContain("Kommunikations- och omvärldsavdelningens synpunkter\nKontoret tillstyrker.");
    expect(word.body).toContain("Bilagor\n1. ");
    expect(word.body.trimEnd()).toMatch(
      /Ada Admin \(demo\)\nStadsledningskontoret\nBo Beslutsson \(demo\)\nFinansroteln$/,
    );

    // Approved: registered, no longer changed, listed for the agendas.
    expect((await refusal(() => saveReport(t.ctx, officer, r.id, input({ summary: "Sent." })))).status).toBe(
      409,
    );
    expect(await approvedReports(t.ctx, caseId)).toContainEqual(
      expect.objectContaining({ reportId: r.id, version: 2, documentId: doc.id, title: input().title }),
    );
  });
});

describe("the approval that registers the report", () => {
  const TRIGGER = "test_injected_failure";
  afterEach(async () => {
    if (TEST_DIALECT === "postgres") await t.database.raw(`drop function if exists ${TRIGGER}() cascade`);
    else await t.database.raw(`drop trigger if exists ${TRIGGER}`);
  });

  it("writes the approval, the document, its file and the audit events in one transaction: a refused last write leaves none of them", async () => {
    const r = await createReport(t.ctx, officer, caseId, input({ signatoryIds: [head.id] }));
    // The database refuses the document's audit event, written after the approval and the document.
    if (TEST_DIALECT === "postgres")
      await t.database.raw(`
        create function ${TRIGGER}() returns trigger language plpgsql as $$
        begin raise exception 'injected'; end $$;
        create trigger ${TRIGGER} before insert on audit_events
        for each row when (new.action = 'document.register') execute function ${TRIGGER}();`);
    else
      await t.database.raw(`
        create trigger ${TRIGGER} before insert on audit_events when new.action = 'document.register'
        begin select raise(abort, 'injected'); end;`);
    const before = await counts();
    await expect(approveReport(t.ctx, head, r.id, 1)).rejects.toThrow();
    expect(await counts()).toEqual(before);
    expect((await reportFor(t.ctx, head, r.id)).report).toMatchObject({ status: "draft", approvals: [] });
  });
});

describe("the reports API", () => {
  const tokenOf = async (username: string) => {
    const user = await findUserByUsername(t.ctx.db, t.config.tenantId, username);
    if (!user) throw new Error(`no ${username}`);
    return (await createToken(t.ctx, "system", user, { name: "reports" })).token;
  };
  const call = (token: string, method: "GET" | "POST" | "PUT", url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { authorization: `Bearer ${token}` },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });

  it("writes, lists, reads, saves and approves reports, and refuses what the pages refuse", async () => {
    const writer = await tokenOf("handlaggare");
    const director = await tokenOf("admin");
    const head = await tokenOf("beslutsfattare");
    const reader = await tokenOf("registrator");
    const bad = await call(
      writer,
      "POST",
      `/cases/${caseId}/reports`,
      input({ title: "", summary: "", signatoryIds: [] }),
    );
    expect(bad.statusCode).toBe(422);
    expect(JSON.stringify(bad.json())).toContain("summary");
    const unknown = await call(writer, "POST", `/cases/${caseId}/reports`, { ...input(), colour: "red" });
    expect(unknown.statusCode).toBe(422);

    const created = await call(writer, "POST", `/cases/${caseId}/reports`, input());
    expect(created.statusCode).toBe(201);
    const report = created.json();
    expect(report).toMatchObject({
      version: 1,
      status: "draft",
      title: input().title,
      addressedTo: "Kommunstyrelsen",
    });

    const list = await call(writer, "GET", `/cases/${caseId}/reports`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((r: { id: string }) => r.id)).toContain(report.id);

    const saved = await call(writer, "PUT", `/reports/${report.id}`, input({ background: "Ny bakgrund." }));
    expect(saved.json()).toMatchObject({ version: 2, background: "Ny bakgrund." });

    expect((await call(reader, "POST", `/reports/${report.id}/approve`, { version: 2 })).statusCode).toBe(
      403,
    );
    expect((await call(director, "POST", `/reports/${report.id}/approve`, { version: 1 })).statusCode).toBe(
      409,
    );
    expect((await call(director, "POST", `/reports/${report.id}/approve`, { version: 2 })).statusCode).toBe(
      200,
    );
    const approved = await call(head, "POST", `/reports/${report.id}/approve`, {});
    expect(approved.json()).toMatchObject({ status: "approved", approvedVersion: 2 });
    expect(approved.json().documentId).toEqual(expect.any(String));

    const read = await call(head, "GET", `/reports/${report.id}`);
    expect(read.json().approvals).toHaveLength(2);
    const openapi = (await t.app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json();
    expect(openapi.paths["/cases/{id}/reports"].post.operationId).toBe("postCasesByIdReports");
    expect(openapi.components.schemas.OfficerReport).toBeDefined();
  });
});

describe("the report pages", () => {
  it("write a report from the case, show its version and signatories, and let a signatory approve", async () => {
    const browser = new TestClient(t.app);
    await browser.login("handlaggare");
    const casePage = await browser.get(`/arenden/${caseId}`);
    expect(casePage.body).toContain(`/arenden/${caseId}/tjansteutlatanden`);
    const form = await browser.get(`/arenden/${caseId}/tjansteutlatanden/ny`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain("Kommunikations- och omvärldsavdelningens synpunkter");

    const before = await counts();
    const bad = await browser.post(`/arenden/${caseId}/tjansteutlatanden`, { title: "", summary: "" });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain("Skriv tjänsteutlåtandets rubrik");
    expect(bad.body).toContain("Skriv minst ett förslag till beslut");
    expect(bad.body).toContain("Skriv en sammanfattning");
    expect(bad.body).toContain("Välj minst en som undertecknar");
    expect(await counts()).toEqual(before);

    const added = await browser.post(`/arenden/${caseId}/tjansteutlatanden`, {
      title: "Sidans utlåtande",
      proposals: "Första förslaget",
      rows: "add",
    });
    expect(added.statusCode).toBe(200);
    expect(added.body).toContain('id="proposals-2"');
    expect(added.body).toContain("Första förslaget");
    expect(await counts()).toEqual(before);

    const saved = await browser.post(`/arenden/${caseId}/tjansteutlatanden`, {
      title: "Sidans utlåtande",
      proposals: "Första förslaget",
      summary: "Kort sammanfattning.",
      signatoryIds: head.id,
    });
    expect(saved.statusCode).toBe(303);
    const location = saved.headers.location as string;
    const page = await browser.get(location);
    expect(page.body).toContain("Sidans utlåtande");
    expect(page.body).toContain("Bo Beslutsson (demo): väntar på godkännande");
    expect(page.body).not.toContain("Godkänn version 1");

    const signer = new TestClient(t.app);
    await signer.login("beslutsfattare");
    const waiting = await signer.get(location);
    expect(waiting.body).toContain("Tjänsteutlåtandet väntar på ditt godkännande.");
    const approved = await signer.post(`${location}/godkann`, { version: "1" });
    expect(approved.statusCode).toBe(303);
    const after = await signer.get(location);
    expect(after.body).toContain("Version 1 är godkänd och registrerad i ärendet.");
    // Someone else, neither writer nor signatory, does not see the draft's page.
    const other = new TestClient(t.app);
    await other.login("lasare");
    expect((await other.get(location)).statusCode).toBe(404);
  });
});

describe("the reports waiting for a signatory", () => {
  const waitingFor = async (who: UserActor) =>
    (await reportsAwaitingApproval(t.ctx, who.id)).map((r) => [r.title, r.diaryNumber, r.version]);
  const startSection = async (who: UserActor) =>
    (await workFor(t.ctx, who)).find((s) => s.key === "approvals")?.items.map((i) => i.href) ?? [];

  it("lists each signatory's unapproved current versions on their start page, each linking to the report", async () => {
    const title = "Väntar på underskrift";
    const r = await createReport(t.ctx, officer, caseId, input({ title }));
    expect(await waitingFor(director)).toContainEqual([title, STRATEGY, 1]);
    expect(await waitingFor(head)).toContainEqual([title, STRATEGY, 1]);
    expect(await waitingFor(officer)).not.toContainEqual([title, STRATEGY, 1]);
    expect(await startSection(director)).toContain(`/tjansteutlatanden/${r.id}`);
    // Approved by one, it leaves that one's list; a new version brings it back.
    await approveReport(t.ctx, director, r.id, 1);
    expect(await waitingFor(director)).not.toContainEqual([title, STRATEGY, 1]);
    expect(await startSection(director)).not.toContain(`/tjansteutlatanden/${r.id}`);
    await saveReport(t.ctx, officer, r.id, input({ title, summary: "En ändrad sammanfattning." }));
    expect(await waitingFor(director)).toContainEqual([title, STRATEGY, 2]);
    // Approved by both, it waits for no one.
    await approveReport(t.ctx, director, r.id, 2);
    await approveReport(t.ctx, head, r.id, 2);
    expect(await waitingFor(director)).not.toContainEqual([title, STRATEGY, 2]);
    expect(await waitingFor(head)).not.toContainEqual([title, STRATEGY, 2]);
  });

  it("shows them on the signed-in start page and on /tjansteutlatanden", async () => {
    const title = "Syns på startsidan";
    const r = await createReport(t.ctx, officer, caseId, input({ title, signatoryIds: [head.id] }));
    const client = new TestClient(t.app);
    await client.login("beslutsfattare");
    const start = await client.get("/");
    expect(start.body).toContain("Tjänsteutlåtanden att godkänna");
    expect(start.body).toContain(`href="/tjansteutlatanden/${r.id}"`);
    const list = await client.get("/tjansteutlatanden");
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(title);
    const reader = new TestClient(t.app);
    await reader.login("lasare");
    expect((await reader.get("/tjansteutlatanden")).body).toContain(
      "Inga tjänsteutlåtanden väntar på ditt godkännande.",
    );
    await approveReport(t.ctx, head, r.id, 1);
  });
});
