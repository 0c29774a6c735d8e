import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { UserActor } from "../src/auth/actor.ts";
import { createToken } from "../src/auth/tokens.service.ts";
import { findUserByUsername } from "../src/auth/users.store.ts";
import { createConsultation, getConsultation } from "../src/consultation/index.ts";
import { ManualClock } from "../src/platform/clock.ts";
import { AppError } from "../src/platform/errors.ts";
import { changeCaseStatus, openCase } from "../src/registry/cases.service.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { dateInputValue, TestClient } from "./helpers/client.ts";
import { rowCount } from "./helpers/database.ts";
import { demoActor, demoClassId } from "./helpers/demo.ts";

/** Monday 9 March 2026, 10:00 in Stockholm. */
const MONDAY = new Date("2026-03-09T09:00:00Z");
const STANDARD = {
  title: "Remiss av förslag till internationell strategi",
  deadline: "2026-05-04",
  instructions: "Svara som Word-fil till funktionsbrevlådan.",
};

let t: TestApp;
let clock: ManualClock;
let officer: UserActor;
/** The demo's strategy case KS 171-482/2016 (open) and its cover letter (registered). */
let caseId = "";
let coverLetterId = "";

beforeAll(async () => {
  clock = new ManualClock(MONDAY);
  t = await buildTestApp({ clock });
  officer = await demoActor(t, "handlaggare");
  caseId = (
    await t.ctx.db
      .selectFrom("cases")
      .select("id")
      .where("diary_number", "=", "KS 171-482/2016")
      .executeTakeFirstOrThrow()
  ).id;
  coverLetterId = (
    await t.ctx.db
      .selectFrom("documents")
      .select("id")
      .where("case_id", "=", caseId)
      .where("document_type", "=", "missiv")
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  await t.close();
});
beforeEach(() => {
  clock.set(MONDAY);
});

const input = (extra: Record<string, unknown> = {}) => ({ ...STANDARD, officerId: officer.id, ...extra });
const countRows = () => rowCount(t.ctx.db, "consultations");
/** The field errors of a refused call, by field. */
async function refused(
  run: () => Promise<unknown>,
): Promise<{ status: number; fields: Record<string, unknown> }> {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return {
      status: error.status,
      fields: Object.fromEntries(error.fields.map((f) => [f.field, { message: f.message, ...f.params }])),
    };
  }
  throw new Error("expected a refusal");
}

describe("creating a consultation", () => {
  it("builds the 2016 round: 3 district committees, 15 specialist committees and Stockholms Stadshus AB", async () => {
    const { consultation, warnings } = await createConsultation(
      t.ctx,
      officer,
      caseId,
      input({ groups: ["district", "specialist"], unitIds: ["stadshus"], documentIds: [coverLetterId] }),
    );
    expect(warnings).toEqual([]);
    const { district, specialist, other } = consultation.recipients;
    expect([district.length, specialist.length, other.length]).toEqual([3, 15, 1]);
    expect(district.map((r) => r.name)).toEqual([
      "Hägersten-Liljeholmens stadsdelsnämnd",
      "Rinkeby-Kista stadsdelsnämnd",
      "Södermalms stadsdelsnämnd",
    ]);
    const names = specialist.map((r) => r.name);
    expect(names).toEqual([...names].sort(new Intl.Collator("sv").compare));
    expect(other.map((r) => r.name)).toEqual(["Stockholms Stadshus AB"]);
    expect([...district, ...specialist, ...other].every((r) => r.state === "not_sent")).toBe(true);
    expect(consultation.status).toBe("draft");
    expect(consultation.documentIds).toEqual([coverLetterId]);
  });

  it("takes every company with the company group, and each unit once", async () => {
    const { consultation } = await createConsultation(
      t.ctx,
      officer,
      caseId,
      input({
        groups: ["district", "specialist", "company"],
        unitIds: ["stadshus"],
        externalBodies: "Storstockholms brandförsvar, registrator@ssbf.brand.se\n\n",
      }),
    );
    const { district, specialist, other } = consultation.recipients;
    expect([district.length, specialist.length, other.length]).toEqual([3, 15, 7]);
    expect(other.find((r) => r.unitId === null)).toMatchObject({
      name: "Storstockholms brandförsvar",
      email: "registrator@ssbf.brand.se",
    });
  });

  it("refuses a deadline on a holiday and names the next working day", async () => {
    // Midsummer Eve 2026 is Friday 19 June; the next working day is Monday 22 June.
    const before = await countRows();
    const answer = await refused(() =>
      createConsultation(t.ctx, officer, caseId, input({ groups: ["district"], deadline: "2026-06-19" })),
    );
    expect(answer).toEqual({
      status: 422,
      fields: { deadline: { message: "consultation.deadline_not_working_day", next: "2026-06-22" } },
    });
    expect(await countRows()).toBe(before);
  });

  it("accepts a four-week deadline and a July-spanning one, with their warnings", async () => {
    const short = await createConsultation(
      t.ctx,
      officer,
      caseId,
      input({ groups: ["district"], deadline: "2026-04-07" }),
    );
    expect(short.warnings).toEqual([{ code: "shorter_than_minimum", weeks: 4.1, minimumWeeks: 6 }]);
    const july = await createConsultation(
      t.ctx,
      officer,
      caseId,
      input({ groups: ["district"], deadline: "2026-08-03" }),
    );
    expect(july.warnings).toEqual([{ code: "spans_july", julyDays: 31 }]);
  });

  it("refuses a closed case with 409", async () => {
    const registrator = await demoActor(t, "registrator");
    const c = await openCase(t.ctx, registrator, {
      registryId: "ks",
      title: "Ett avslutat ärende",
      classId: await demoClassId(t, "2019", "1.4"),
      unitId: "slk-kommunikation-omvarld",
    });
    await changeCaseStatus(t.ctx, registrator, c.id, "close");
    const answer = await refused(() =>
      createConsultation(t.ctx, officer, c.id, input({ groups: ["district"] })),
    );
    expect(answer.status).toBe(409);
  });

  it("reports every error at once and writes nothing", async () => {
    const before = await countRows();
    const answer = await refused(() =>
      createConsultation(t.ctx, officer, caseId, {
        title: " ",
        deadline: "2026-13-01",
        instructions: "",
        officerId: "nobody",
        unitIds: ["no-such-unit"],
        externalBodies: "Utan e-post\nNamn, inte-en-adress",
        documentIds: ["no-such-document"],
      }),
    );
    expect(answer.status).toBe(422);
    expect(Object.keys(answer.fields).sort()).toEqual(
      ["deadline", "documentIds", "externalBodies", "instructions", "officerId", "title", "unitIds"].sort(),
    );
    expect(answer.fields.externalBodies).toMatchObject({ lines: "1, 2" });
    expect(await countRows()).toBe(before);
    const none = await refused(() => createConsultation(t.ctx, officer, caseId, input()));
    expect(none.fields).toEqual({ groups: { message: "consultation.recipients_required" } });
  });
});

describe("consultation pages", () => {
  it("proposes the title, eight weeks and the standard instructions, then creates and shows the grouped list", async () => {
    const browser = new TestClient(t.app);
    await browser.login("handlaggare");
    expect((await browser.get(`/arenden/${caseId}`)).body).toContain(`/arenden/${caseId}/remisser/ny`);
    const form = await browser.get(`/arenden/${caseId}/remisser/ny`);
    expect(form.statusCode).toBe(200);
    expect(dateInputValue(form.body, "deadline")).toBe("2026-05-04");
    expect(form.body).toContain("Word-fil till förvaltningens funktionsbrevlåda");

    const invalid = await browser.post(`/arenden/${caseId}/remisser`, { ...input(), deadline: "2026-06-19" });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain("2026-06-22");

    const created = await browser.post(`/arenden/${caseId}/remisser`, {
      ...input(),
      deadline: "2026-04-07",
      groups: "district",
    });
    expect(created.statusCode).toBe(303);
    const page = await browser.get(String(created.headers.location));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Stadsdelsnämnder (3)");
    expect(page.body).toContain("kortare än de 6 veckor");
    expect((await browser.get("/remisser")).body).toContain(STANDARD.title);
  });
});

describe("consultations API", () => {
  it("creates, reads and lists a consultation", async () => {
    const user = await findUserByUsername(t.ctx.db, t.config.tenantId, "handlaggare");
    const { token } = await createToken(t.ctx, "system", user!, { name: "consultations" });
    const headers = { authorization: `Bearer ${token}` };
    const created = await t.app.inject({
      method: "POST",
      url: "/api/v1/consultations",
      headers,
      payload: { ...input(), caseId, groups: ["district"], unitIds: ["stadshus"], deadline: "2026-08-03" },
    });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body.warnings).toEqual([{ code: "spans_july", julyDays: 31 }]);
    const got = await t.app.inject({ method: "GET", url: `/api/v1/consultations/${body.id}`, headers });
    expect(got.statusCode).toBe(200);
    expect(got.json().recipients.map((r: { group: string; state: string }) => [r.group, r.state])).toEqual([
      ["district", "not_sent"],
      ["district", "not_sent"],
      ["district", "not_sent"],
      ["other", "not_sent"],
    ]);
    const list = await t.app.inject({
      method: "GET",
      url: `/api/v1/consultations?caseId=${caseId}&limit=1`,
      headers,
    });
    expect(list.json().items).toHaveLength(1);
    expect(list.json().nextCursor).toEqual(expect.any(String));
    const bad = await t.app.inject({
      method: "POST",
      url: "/api/v1/consultations",
      headers,
      payload: { caseId },
    });
    expect(bad.statusCode).toBe(422);
    expect((await getConsultation(t.ctx, body.id)).recipients.other).toHaveLength(1);
  });
});
