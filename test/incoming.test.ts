import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/platform/clock.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { dateInputValue, TestClient } from "./helpers/client.ts";
import { rowCount } from "./helpers/database.ts";
import { demoClassId } from "./helpers/demo.ts";
import { makeDocx } from "./helpers/documents.ts";

/** Monday 9 March 2026, 10:00 in Stockholm. */
const MONDAY = new Date("2026-03-09T09:00:00Z");
const STRATEGY = "KS 171-482/2016";

let t: TestApp;
let classId = "";

beforeAll(async () => {
  t = await buildTestApp({ clock: new ManualClock(MONDAY) });
  classId = await demoClassId(t, "2019", "1.4");
});
afterAll(async () => {
  await t.close();
});

async function onForm(who: string): Promise<TestClient> {
  const client = new TestClient(t.app);
  expect((await client.login(who)).statusCode).toBe(303);
  const form = await client.get("/registrera");
  expect(form.statusCode).toBe(200);
  // R3: today's date is proposed.
  expect(dateInputValue(form.body, "date")).toBe("2026-03-09");
  return client;
}

const documentIdOf = (res: LightMyRequestResponse) => {
  expect(res.statusCode, res.body.slice(0, 400)).toBe(303);
  return /^\/handlingar\/([\w-]+)$/.exec(String(res.headers.location))?.[1] as string;
};

const counts = async () => ({
  cases: await rowCount(t.ctx.db, "cases"),
  documents: await rowCount(t.ctx.db, "documents"),
  audit: await rowCount(t.ctx.db, "audit_events"),
});

const letter = async () => ({
  fileName: "brev.docx",
  bytes: await makeDocx(["Inbjudan till en konferens om stadsutveckling i Östersjöregionen."]),
});

const fieldsOf = (res: LightMyRequestResponse) =>
  [...res.body.matchAll(/<a href="#([\w-]+)"/g)].map((m) => m[1]).sort();

describe("Registrera inkommande handling", () => {
  it("files a letter into an existing case by its diary number, as incoming with today's date proposed", async () => {
    const clerk = await onForm("registrator");
    const res = await clerk.upload(
      "/registrera",
      {
        caseChoice: "existing",
        caseNumber: ` ${STRATEGY} `,
        date: "2026-03-09",
        party: "Kulturförvaltningen",
        description: "Synpunkter på strategin",
      },
      await letter(),
    );
    const id = documentIdOf(res);
    const doc = await t.ctx.db
      .selectFrom("documents")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    const c = await t.ctx.db
      .selectFrom("cases")
      .selectAll()
      .where("id", "=", doc.case_id)
      .executeTakeFirstOrThrow();
    expect(c.diary_number).toBe(STRATEGY);
    expect(doc).toMatchObject({ direction: "incoming", status: "registered", party: "Kulturförvaltningen" });
    expect(
      await t.ctx.db.selectFrom("document_files").select("id").where("document_id", "=", id).execute(),
    ).toHaveLength(1);
  });

  it("opens a new case with the sender as its party and files the letter in it, in one step", async () => {
    const clerk = await onForm("registrator");
    const registryId = (await t.ctx.db.selectFrom("registries").select("id").executeTakeFirstOrThrow()).id;
    const res = await clerk.upload(
      "/registrera",
      {
        caseChoice: "new",
        registryId,
        title: "Inbjudan till konferens i Tallinn",
        classId,
        unitId: "slk",
        officerId: "",
        date: "2026-03-06",
        party: "Tallinns stad",
        description: "Inbjudan",
        dueDate: "2026-04-01",
      },
      await letter(),
    );
    const id = documentIdOf(res);
    const doc = await t.ctx.db
      .selectFrom("documents")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    const c = await t.ctx.db
      .selectFrom("cases")
      .selectAll()
      .where("id", "=", doc.case_id)
      .executeTakeFirstOrThrow();
    expect(c).toMatchObject({ title: "Inbjudan till konferens i Tallinn", status: "open", unit_id: "slk" });
    expect(c.diary_number).toMatch(/^KS 2026\/\d+$/);
    expect(doc).toMatchObject({ direction: "incoming", due_date: "2026-04-01", document_date: "2026-03-06" });
    const parties = await t.ctx.db
      .selectFrom("case_parties")
      .select("name")
      .where("case_id", "=", c.id)
      .execute();
    expect(parties.map((p) => p.name)).toEqual(["Tallinns stad"]);
    const page = await clerk.get(`/arenden/${c.id}`);
    expect(page.body).toContain("Inbjudan till konferens i Tallinn");
  });

  it("reports every problem of the case and the document at once and writes nothing", async () => {
    const clerk = await onForm("registrator");
    const before = await counts();
    const res = await clerk.upload("/registrera", {
      caseChoice: "new",
      registryId: "",
      title: "",
      classId: "",
      unitId: "",
      date: "9 mars",
      description: "",
    });
    expect(res.statusCode).toBe(422);
    expect(fieldsOf(res)).toEqual(
      expect.arrayContaining(["title", "classId", "unitId", "date", "description"]),
    );
    // The answers are kept.
    expect(res.body).toContain('value="9 mars"');
    expect(await counts()).toEqual(before);
  });

  it("names an unknown case, and asks which case when nothing is chosen", async () => {
    const clerk = await onForm("registrator");
    const before = await counts();
    const unknown = await clerk.upload("/registrera", {
      caseChoice: "existing",
      caseNumber: "KS 1999/999",
      description: "Brev",
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain("Det finns inget ärende med diarienumret KS 1999/999");
    const none = await clerk.upload("/registrera", { description: "Brev" });
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain("Välj om handlingen hör till ett befintligt eller ett nytt ärende");
    expect(await counts()).toEqual(before);
  });

  it("refuses an officer a case of another unit, and a reader the form", async () => {
    const reader = new TestClient(t.app);
    await reader.login("lasare");
    expect((await reader.get("/registrera")).statusCode).toBe(403);
    const officer = await onForm("handlaggare");
    const officerUnit = (
      await t.ctx.db
        .selectFrom("users")
        .select("unit_id")
        .where("username", "=", "handlaggare")
        .executeTakeFirstOrThrow()
    ).unit_id;
    const other = await t.ctx.db
      .selectFrom("cases")
      .select(["diary_number"])
      .where("unit_id", "!=", officerUnit ?? "")
      .where("status", "=", "open")
      .where("officer_id", "is", null)
      .executeTakeFirstOrThrow();
    const before = await counts();
    const res = await officer.upload("/registrera", {
      caseChoice: "existing",
      caseNumber: other.diary_number,
      description: "Brev",
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain(`Du kan inte registrera handlingar i ärende ${other.diary_number}`);
    expect(await counts()).toEqual(before);
  });
});
