import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "../src/auth/actor.ts";
import { createToken } from "../src/auth/tokens.service.ts";
import { findUserByUsername } from "../src/auth/users.store.ts";
import { getEngagement } from "../src/engagements/engagements.service.ts";
import {
  assessVisitRequest,
  decideVisitRequest,
  getVisitRequest,
  receiveVisitRequest,
} from "../src/engagements/visits/visits.service.ts";
import { AppError } from "../src/platform/errors.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { TestClient } from "./helpers/client.ts";
import { rowCount } from "./helpers/database.ts";
import { demoActor } from "./helpers/demo.ts";

let t: TestApp;
let officer: UserActor;
const CASE = "KS 171-482/2016";
const REQUEST = {
  organisation: "Helsingin kaupunki, sosiaalitoimi",
  country: "fi",
  contactName: "Aino Keksitty",
  contactEmail: "aino.keksitty@example.fi",
  visitFrom: "2026-05-11",
  visitTo: "2026-05-12",
  participants: "8",
  purpose: "Utbyte om äldreomsorgens digitala stöd.",
  politicalLevel: "normal",
};
const SUPPORTS = {
  mutualLearning: true,
  newPerspectives: true,
  serviceDevelopment: false,
  raisedCompetence: false,
  cityImage: true,
  residentTies: false,
  assessmentNote: "Ömsesidigt lärande om digitalt stöd i äldreomsorgen.",
};

beforeAll(async () => {
  t = await buildTestApp();
  officer = await demoActor(t, "handlaggare");
});
afterAll(async () => {
  await t.close();
});

const visitCount = () => rowCount(t.ctx.db, "visit_requests");

async function refusal(run: () => Promise<unknown>) {
  try {
    await run();
  } catch (error) {
    if (error instanceof AppError) return { status: error.status, fields: error.fields };
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("the public visit request form", () => {
  it("takes a request without login and routes a one-service visit to that unit", async () => {
    const anyone = new TestClient(t.app);
    const form = await anyone.get("/offentlig/besok");
    expect(form.statusCode).toBe(200);
    const before = await visitCount();
    const res = await anyone.post("/offentlig/besok", { ...REQUEST, unitIds: "forv-kultur" });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/offentlig/besok/mottagen");
    expect(await visitCount()).toBe(before + 1);
    const row = await t.ctx.db
      .selectFrom("visit_requests")
      .selectAll()
      .orderBy("received_at", "desc")
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      received_via: "public",
      country: "FI",
      coordinator: "UNIT",
      coordinator_unit_id: "forv-kultur",
      status: "received",
    });
  });

  it("stores nothing when the robot trap is filled in, yet answers as on success", async () => {
    const robot = new TestClient(t.app);
    await robot.get("/offentlig/besok");
    const before = await visitCount();
    const res = await robot.post("/offentlig/besok", { ...REQUEST, website: "http://spam.example" });
    expect(res.statusCode).toBe(303);
    expect(await visitCount()).toBe(before);
  });

  it("refuses bad input with every error at once, keeps the answers and writes nothing", async () => {
    const anyone = new TestClient(t.app);
    await anyone.get("/offentlig/besok");
    const before = await visitCount();
    const res = await anyone.post("/offentlig/besok", {
      organisation: "",
      country: "XX",
      contactName: "",
      contactEmail: "fel",
      visitFrom: "2026-05-12",
      visitTo: "2026-05-11",
      participants: "0",
      purpose: "",
      politicalLevel: "normal",
      unitIds: "finns-inte",
    });
    expect(res.statusCode).toBe(422);
    for (const field of [
      "organisation",
      "country",
      "contactName",
      "contactEmail",
      "visitTo",
      "participants",
      "purpose",
      "unitIds",
    ])
      expect(res.body).toContain(`href="#${field}"`);
    expect(res.body).toContain('value="XX"');
    expect(await visitCount()).toBe(before);
  });

  it("limits one address to 10 posts a minute", async () => {
    const flood = new TestClient(t.app);
    await flood.get("/offentlig/besok");
    const answers: number[] = [];
    for (let i = 0; i < 11; i++) answers.push((await flood.post("/offentlig/besok", {})).statusCode);
    expect(answers.slice(0, 10).every((s) => s === 422)).toBe(true);
    expect(answers[10]).toBe(429);
  });
});

describe("routing, assessment and the outcome", () => {
  it("has KS coordinate visits at a high political level or touching several services", async () => {
    const high = await receiveVisitRequest(t.ctx, officer, {
      ...REQUEST,
      politicalLevel: "high",
      unitIds: ["forv-kultur"],
    });
    expect(high.routing).toEqual({ coordinator: "KS", unitId: null, rule: "ks_significant_visit" });
    const units = await t.ctx.db
      .selectFrom("units")
      .select("id")
      .where("type", "=", "administration")
      .limit(2)
      .execute();
    const several = await receiveVisitRequest(t.ctx, officer, {
      ...REQUEST,
      unitIds: units.map((u) => u.id),
    });
    expect(several.routing.coordinator).toBe("KS");
  });

  it("refuses an invitation letter under P5 unless the visit is prioritised and supported, writing nothing", async () => {
    const v = await receiveVisitRequest(t.ctx, officer, { ...REQUEST, unitIds: ["forv-kultur"] });
    expect((await refusal(() => decideVisitRequest(t.ctx, officer, v.id, {}))).status).toBe(409);
    await assessVisitRequest(t.ctx, officer, v.id, { ...SUPPORTS, prioritised: false });
    const documents = await t.ctx.db.selectFrom("documents").select("id").execute();
    const refused = await refusal(() =>
      decideVisitRequest(t.ctx, officer, v.id, {
        outcome: "accept",
        invitationLetter: true,
        outcomeNote: "Välkomna.",
        caseDiaryNumber: CASE,
      }),
    );
    expect(refused.status).toBe(422);
    expect(refused.fields).toContainEqual({
      field: "invitationLetter",
      message: "engagement.p5_letter_not_prioritised",
    });
    expect(await t.ctx.db.selectFrom("documents").select("id").execute()).toHaveLength(documents.length);
    expect((await getVisitRequest(t.ctx, v.id)).status).toBe("assessed");
  });

  it("refuses a decision whose invitation-letter flag is neither yes nor no (422, not 500), writing nothing", async () => {
    const v = await receiveVisitRequest(t.ctx, officer, { ...REQUEST, unitIds: ["forv-kultur"] });
    await assessVisitRequest(t.ctx, officer, v.id, SUPPORTS);
    const refused = await refusal(() =>
      decideVisitRequest(t.ctx, officer, v.id, {
        outcome: "decline",
        invitationLetter: "kanske",
        outcomeNote: "Tyvärr.",
        caseDiaryNumber: CASE,
      }),
    );
    expect(refused.status).toBe(422);
    expect(refused.fields?.map((f) => f.field)).toContain("invitationLetter");
    expect((await getVisitRequest(t.ctx, v.id)).status).toBe("assessed");
  });

  it("accepts a prioritised, supported visit with an invitation letter: a registered Word file and an engagement of type visit", async () => {
    const v = await receiveVisitRequest(t.ctx, officer, { ...REQUEST, unitIds: ["forv-kultur"] });
    await assessVisitRequest(t.ctx, officer, v.id, { ...SUPPORTS, prioritised: true });
    const decided = await decideVisitRequest(t.ctx, officer, v.id, {
      outcome: "accept",
      invitationLetter: true,
      outcomeNote: "Programmet skickas i april.",
      caseDiaryNumber: CASE,
    });
    expect(decided).toMatchObject({ status: "decided", outcome: "accept", letterKind: "invitation" });
    const doc = await t.ctx.db
      .selectFrom("documents")
      .selectAll()
      .where("id", "=", decided.letterDocumentId ?? "")
      .executeTakeFirstOrThrow();
    expect(doc).toMatchObject({
      direction: "outgoing",
      status: "registered",
      document_type: "inbjudningsbrev",
    });
    const browser = new TestClient(t.app);
    await browser.login("handlaggare");
    const file = await browser.get(`/handlingar/${doc.id}/filer/1`);
    expect(file.statusCode).toBe(200);
    const text = (await mammoth.extractRawText({ buffer: file.rawPayload })).value;
    expect(text).toContain("Invitation to the City of Stockholm");
    expect(text).toContain("Dear Aino Keksitty,");
    expect(text).toContain("Programmet skickas i april.");
    const engagement = await getEngagement(t.ctx, decided.engagementId ?? "");
    expect(engagement).toMatchObject({ type: "visit", prioritised: true, startDate: "2026-05-11" });
    expect(engagement.counterparts).toEqual([
      { kind: "organisation", name: REQUEST.organisation, country: "FI" },
    ]);
    expect((await refusal(() => assessVisitRequest(t.ctx, officer, v.id, SUPPORTS))).status).toBe(409);
  });

  it("declines through the page with a letter and no engagement; the page shows every error first", async () => {
    const v = await receiveVisitRequest(t.ctx, officer, { ...REQUEST, unitIds: ["forv-kultur"] });
    const browser = new TestClient(t.app);
    await browser.login("handlaggare");
    await browser.get(`/engagemang/besok/${v.id}`);
    const assessed = await browser.post(`/engagemang/besok/${v.id}/bedomning`, {
      checklist: "mutualLearning",
      assessmentNote: "Litet utbyte för oss just nu.",
    });
    expect(assessed.statusCode).toBe(303);
    const page = await browser.get(`/engagemang/besok/${v.id}`);
    expect(page.body).toContain("Bedömningen stöder inte besöket");
    const bad = await browser.post(`/engagemang/besok/${v.id}/beslut`, {
      outcome: "refer",
      outcomeNote: "",
      caseDiaryNumber: "",
    });
    expect(bad.statusCode).toBe(422);
    for (const field of ["referredTo", "outcomeNote", "caseDiaryNumber"])
      expect(bad.body).toContain(`href="#${field}"`);
    const ok = await browser.post(`/engagemang/besok/${v.id}/beslut`, {
      outcome: "decline",
      outcomeNote: "Vi hänvisar gärna till ett senare tillfälle.",
      caseDiaryNumber: CASE,
    });
    expect(ok.statusCode).toBe(303);
    const done = await getVisitRequest(t.ctx, v.id);
    expect(done).toMatchObject({ outcome: "decline", letterKind: "decline", engagementId: null });
  });

  it("takes in, assesses and lists a request through the API", async () => {
    const user = await findUserByUsername(t.ctx.db, t.config.tenantId, "kontaktperson");
    if (!user) throw new Error("no user");
    const { token } = await createToken(t.ctx, "system", user, { name: "visits" });
    const headers = { authorization: `Bearer ${token}` };
    const bad = await t.app.inject({
      method: "POST",
      url: "/api/v1/visit-requests",
      headers,
      payload: { country: "ZZ" },
    });
    expect(bad.statusCode).toBe(422);
    expect(
      bad
        .json()
        .error.fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual([
      "contactEmail",
      "contactName",
      "country",
      "organisation",
      "participants",
      "politicalLevel",
      "purpose",
      "visitFrom",
      "visitTo",
    ]);
    const created = await t.app.inject({
      method: "POST",
      url: "/api/v1/visit-requests",
      headers,
      payload: { ...REQUEST, participants: 3, unitIds: ["forv-kultur"] },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      receivedVia: "officer",
      routing: { coordinator: "UNIT", unitId: "forv-kultur" },
    });
    const id = created.json().id;
    const assessed = await t.app.inject({
      method: "POST",
      url: `/api/v1/visit-requests/${id}/assessment`,
      headers,
      payload: { ...SUPPORTS, prioritised: false },
    });
    expect(assessed.statusCode).toBe(200);
    expect(assessed.json().status).toBe("assessed");
    const list = await t.app.inject({ method: "GET", url: "/api/v1/visit-requests", headers });
    expect(list.json().items.map((v: { id: string }) => v.id)).toContain(id);
  });
});
