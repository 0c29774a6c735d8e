import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../src/auth/tokens.service.ts";
import { findUserByUsername } from "../src/auth/users.store.ts";
import { ManualClock } from "../src/platform/clock.ts";
import { engagementWith, PRINCIPLE_CASES, ROUTING_CASES } from "./fixtures/engagement-rules.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { rowCount } from "./helpers/database.ts";
import { demoClassId } from "./helpers/demo.ts";

/** Sunday 29 November 2026, noon in Stockholm (the fixture's cases assume a day in late 2026). */
const TODAY = new Date("2026-11-29T11:00:00Z");
const UNIT = "slk-kommunikation-omvarld";

let t: TestApp;
let headers: Record<string, string>;
let officerId = "";
let classId = "";

async function tokenFor(username: string) {
  const user = await findUserByUsername(t.ctx.db, t.config.tenantId, username);
  if (!user) throw new Error(username);
  const { token } = await createToken(t.ctx, "system", user, { name: "engagements" });
  return { authorization: `Bearer ${token}` };
}

beforeAll(async () => {
  t = await buildTestApp({ clock: new ManualClock(TODAY) });
  headers = await tokenFor("handlaggare");
  officerId = (await findUserByUsername(t.ctx.db, t.config.tenantId, "handlaggare"))?.id ?? "";
  classId = await demoClassId(t, "2019", "1.4");
});
afterAll(async () => {
  await t.close();
});

const engagement = (override: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
  engagementWith(override, { unitId: UNIT, officerId, ...extra });
const newCase = { registryId: "ks", classId: "" };
const post = (url: string, payload: object, h = headers) =>
  t.app.inject({ method: "POST", url: `/api/v1${url}`, headers: h, payload });
const count = (table: "engagements" | "cases" | "engagement_decisions" | "documents") =>
  rowCount(t.ctx.db, table);
type Finding = { principle: string | null; field: string; message: string };
const brief = (fs: Finding[]) => fs.map((f) => ({ principle: f.principle, field: f.field }));

describe("POST /api/v1/engagements/assess (the shared rule table)", () => {
  it.each(PRINCIPLE_CASES)("$name", async (c) => {
    const res = await post("/engagements/assess", engagement(c.override));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(brief(body.errors)).toEqual(c.errors);
    expect(brief(body.warnings)).toEqual(c.warnings);
    if (c.reviewDate !== undefined) expect(body.derived.reviewDate).toBe(c.reviewDate);
    for (const f of [...body.errors, ...body.warnings] as Finding[])
      if (f.principle) expect(f.message.startsWith(`${f.principle}: `)).toBe(true);
  });

  it.each(ROUTING_CASES)("routes: $row", async (c) => {
    const res = await post("/engagements/assess", engagement(c.override));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.decidedBy).toEqual({ body: c.body, unitId: c.body === "UNIT" ? UNIT : null });
    expect(body.rule).toBe(c.rule);
    expect(body.reason.length).toBeGreaterThan(20);
  });

  it("answers in English on request and saves nothing", async () => {
    const before = await count("engagements");
    const res = await post("/engagements/assess", engagement({ type: "twin_city_agreement" }), {
      ...headers,
      "accept-language": "en",
    });
    expect(res.json().errors[0].message).toMatch(/^P2: The city has no twin cities/);
    expect(await count("engagements")).toBe(before);
  });

  it("refuses an unreadable engagement with 422 and every field", async () => {
    const res = await post("/engagements/assess", { type: "castle", directions: [] });
    expect(res.statusCode).toBe(422);
    const fields = res.json().error.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(["type", "directions", "title", "startDate", "scope"]));
  });

  it("needs a signed-in user", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/engagements/assess",
      payload: engagement(),
    });
    expect(res.statusCode).toBe(401);
  });
});

describe("registering engagements through the API", () => {
  it("refuses a broken cooperation agreement with 422, every error at once, nothing written", async () => {
    const before = await Promise.all([count("engagements"), count("cases")]);
    const res = await post(
      "/engagements",
      engagement(
        {
          type: "cooperation_agreement",
          theme: "__remove__",
          endDate: "__remove__",
          mutualBenefit: "__remove__",
        },
        { ...newCase, classId, cost: -5, officerId: "nobody" },
      ),
    );
    expect(res.statusCode).toBe(422);
    const fields = res.json().error.fields as { field: string; principle?: string; message: string }[];
    expect(fields.map((f) => [f.principle ?? null, f.field])).toEqual(
      expect.arrayContaining([
        [null, "cost"],
        [null, "officerId"],
        ["P3", "theme"],
        ["P3", "mutualBenefit"],
        ["P3", "endDate"],
      ]),
    );
    expect(fields.find((f) => f.field === "theme")?.message).toMatch(/^P3: /);
    expect(await Promise.all([count("engagements"), count("cases")])).toEqual(before);
  });

  it("refuses a twin-city agreement (P2) and stores nothing", async () => {
    const before = await count("engagements");
    const res = await post(
      "/engagements",
      engagement({ type: "twin_city_agreement" }, { ...newCase, classId }),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields).toEqual([
      expect.objectContaining({ field: "type", principle: "P2", message: expect.stringMatching(/^P2: /) }),
    ]);
    expect(await count("engagements")).toBe(before);
  });

  it("registers a membership in a new case, derives its review date, routes it, and lists it", async () => {
    const cases = await count("cases");
    const res = await post(
      "/engagements",
      engagement(
        { type: "membership", scope: "city", unitsAffected: 12, endDate: "__remove__" },
        {
          ...newCase,
          classId,
          touchesStateRelations: true,
          title: "Medlemskap i ett europeiskt storstadsnätverk",
        },
      ),
    );
    expect(res.statusCode).toBe(201);
    const e = res.json();
    expect(e).toMatchObject({
      type: "membership",
      status: "proposed",
      reviewDate: "2030-01-01",
      decidingBody: "KF",
      decidedBy: { body: "KF", unitId: null },
      rule: "kf_city_membership",
      counterparts: [{ kind: "network", name: "Europeiskt stadsnätverk", country: "BE" }],
      financing: [{ source: "city", funder: null, sharePercent: 100 }],
      directions: ["samverkan"],
    });
    expect(e.warnings.map((w: Finding) => w.principle)).toEqual(["P1"]);
    expect(await count("cases")).toBe(cases + 1);
    const got = await t.app.inject({ method: "GET", url: `/api/v1/engagements/${e.id}`, headers });
    expect(got.json().reason).toMatch(/kommunfullmäktige/);
    // A review recorded moves the derived review date four years on (P4).
    const reviewed = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/engagements/${e.id}`,
      headers,
      payload: { lastReviewedOn: "2026-10-01" },
    });
    expect(reviewed.json()).toMatchObject({ lastReviewedOn: "2026-10-01", reviewDate: "2030-10-01" });

    const list = await t.app.inject({
      method: "GET",
      url: `/api/v1/engagements?type=membership&unitId=${UNIT}&year=2027&status=proposed`,
      headers,
    });
    expect(list.json().items.map((x: { id: string }) => x.id)).toContain(e.id);
    const before = await t.app.inject({
      method: "GET",
      url: "/api/v1/engagements?type=membership&year=2025",
      headers,
    });
    expect(before.json().items.map((x: { id: string }) => x.id)).not.toContain(e.id);
  });

  it("registers an engagement in an existing case chosen by diary number", async () => {
    const res = await post(
      "/engagements",
      engagement({ type: "trip", onBehalfOf: "KS" }, { caseDiaryNumber: "KS 171-482/2016" }),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ decidedBy: { body: "IB" }, rule: "ib_trip_for_ks" });
    const missing = await post("/engagements", engagement({}, { caseDiaryNumber: "KS 1999/999" }));
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.fields.map((f: { field: string }) => f.field)).toEqual(["caseDiaryNumber"]);
  });

  it("pages through the list with a cursor", async () => {
    for (const title of ["Första resan", "Andra resan"])
      await post("/engagements", engagement({ type: "trip", title }, { ...newCase, classId }));
    const first = await t.app.inject({
      method: "GET",
      url: "/api/v1/engagements?type=trip&limit=1",
      headers,
    });
    const cursor = first.json().nextCursor;
    expect(cursor).toEqual(expect.any(String));
    const second = await t.app.inject({
      method: "GET",
      url: `/api/v1/engagements?type=trip&limit=1&cursor=${encodeURIComponent(cursor)}`,
      headers,
    });
    expect(second.json().items[0].id).not.toBe(first.json().items[0].id);
    const bad = await t.app.inject({ method: "GET", url: "/api/v1/engagements?cursor=nonsense", headers });
    expect(bad.statusCode).toBe(422);
  });

  it("changes an engagement, checks it again as a whole and re-routes it", async () => {
    const created = (
      await post("/engagements", engagement({ type: "eu_project" }, { ...newCase, classId }))
    ).json();
    expect(created.decidedBy.body).toBe("UNIT");
    const patch = (payload: object) =>
      t.app.inject({ method: "PATCH", url: `/api/v1/engagements/${created.id}`, headers, payload });
    const changed = await patch({ scope: "city" });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ scope: "city", decidingBody: "KS", rule: "ks_city_wide" });
    const broken = await patch({ endDate: "2020-01-01", financing: [{ source: "city", sharePercent: 50 }] });
    expect(broken.statusCode).toBe(422);
    expect(
      broken
        .json()
        .error.fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(["endDate", "financing"]);
    const ended = await patch({ status: "ended" });
    expect(ended.statusCode).toBe(422);
    const got = await t.app.inject({ method: "GET", url: `/api/v1/engagements/${created.id}`, headers });
    expect(got.json().endDate).toBe("2027-12-31");
  });

  it("records a decision, registered as a document in the engagement's case", async () => {
    const created = (
      await post("/engagements", engagement({ type: "declaration" }, { ...newCase, classId }))
    ).json();
    const decider = await tokenFor("beslutsfattare");
    const url = `/engagements/${created.id}/decision`;
    const forbidden = await post(url, {
      decidedOn: "2026-11-20",
      minutesParagraph: "§ 4",
      outcome: "approved",
    });
    expect(forbidden.statusCode).toBe(403);
    const [decisions, documents] = [await count("engagement_decisions"), await count("documents")];
    const bad = await post(url, { decidedOn: "2026-12-24", minutesParagraph: "", outcome: "maybe" }, decider);
    expect(bad.statusCode).toBe(422);
    expect(
      bad
        .json()
        .error.fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(["minutesParagraph", "outcome"]);
    const future = await post(
      url,
      { decidedOn: "2026-12-24", minutesParagraph: "§ 4", outcome: "approved" },
      decider,
    );
    expect(future.json().error.fields.map((f: { field: string }) => f.field)).toEqual(["decidedOn"]);
    expect([await count("engagement_decisions"), await count("documents")]).toEqual([decisions, documents]);

    const res = await post(
      url,
      {
        decidedOn: "2026-11-20",
        minutesParagraph: "§ 4",
        outcome: "approved",
        conditions: "Återrapport 2027",
      },
      decider,
    );
    expect(res.statusCode).toBe(201);
    const e = res.json();
    expect(e.status).toBe("approved");
    expect(e.decisions).toEqual([
      expect.objectContaining({
        body: "IB",
        decidedOn: "2026-11-20",
        minutesParagraph: "§ 4",
        outcome: "approved",
      }),
    ]);
    const doc = await t.ctx.db
      .selectFrom("documents")
      .selectAll()
      .where("id", "=", e.decisions[0].documentId)
      .executeTakeFirstOrThrow();
    expect(doc).toMatchObject({
      case_id: e.caseId,
      direction: "internal",
      status: "registered",
      document_date: "2026-11-20",
    });
    expect(doc.description).toMatch(/^Beslut bifall: .*Finansborgarrådet.*§ 4/);

    // A contact person may not change another unit's engagement; an approved one can be ended.
    const patch = (h: Record<string, string>, payload: object) =>
      t.app.inject({ method: "PATCH", url: `/api/v1/engagements/${e.id}`, headers: h, payload });
    expect((await patch(await tokenFor("kontaktperson"), { title: "Annat" })).statusCode).toBe(403);
    const ended = await patch(headers, { status: "ended" });
    expect(ended.statusCode).toBe(200);
    expect(ended.json().status).toBe("ended");
  });
});

describe("the demo engagements", () => {
  it("cover every type that is stored, 2016–2026, with decisions registered in their cases", async () => {
    const rows = await t.ctx.db
      .selectFrom("engagements")
      .select(["type", "start_date", "created_by"])
      .where("created_by", "is", null)
      .execute();
    const types = new Set(rows.map((r) => r.type));
    expect([...types].sort()).toEqual([
      "aid_project",
      "cooperation_agreement",
      "declaration",
      "eu_project",
      "intention_agreement",
      "membership",
      "network",
      "trip",
      "visit",
    ]);
    const years = rows.map((r) => Number(r.start_date.slice(0, 4)));
    expect(Math.min(...years)).toBe(2016);
    expect(Math.max(...years)).toBe(2026);
    const decisions = await t.ctx.db
      .selectFrom("engagement_decisions as d")
      .innerJoin("documents as doc", "doc.id", "d.document_id")
      .innerJoin("engagements as e", "e.id", "d.engagement_id")
      .select(["d.body", "doc.case_id", "e.case_id as engagement_case"])
      .execute();
    expect(decisions.length).toBeGreaterThan(15);
    expect(new Set(decisions.map((d) => d.body))).toEqual(new Set(["KF", "KS", "IB", "UNIT"]));
    for (const d of decisions) expect(d.case_id).toBe(d.engagement_case);
  });
});
