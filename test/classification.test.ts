import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { UserActor } from "../src/auth/actor.ts";
import { createToken } from "../src/auth/tokens.service.ts";
import { findUserByUsername } from "../src/auth/users.store.ts";
import { ManualClock } from "../src/platform/clock.ts";
import type { ValidationError } from "../src/platform/errors.ts";
import { changeCaseStatus, openCase } from "../src/registry/cases.service.ts";
import {
  changeClass,
  createClass,
  getMaintainedClass,
  setClassInUse,
} from "../src/registry/classification-maintenance.service.ts";
import { previewDisposal, recordDecision } from "../src/registry/disposal.service.ts";
import { registerDocument } from "../src/registry/documents.service.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { TestClient } from "./helpers/client.ts";
import { demoActor } from "./helpers/demo.ts";

const NOW = new Date("2026-03-09T09:00:00Z");
let t: TestApp;
let clock: ManualClock;
let admin: UserActor;
let officer: UserActor;
let token = "";

beforeAll(async () => {
  clock = new ManualClock(NOW);
  t = await buildTestApp({ clock });
  admin = await demoActor(t, "admin");
  officer = await demoActor(t, "handlaggare");
  const user = (await findUserByUsername(t.ctx.db, t.config.tenantId, "admin"))!;
  token = (await createToken(t.ctx, "system", user, { name: "klassificering" })).token;
  await recordDecision(t.ctx, admin, {
    reference: "SSA 2011:37",
    title: "Gallring i ärenden om vänortsutbyte",
    decidedOn: "2011-02-01",
    authority: "Arkivnämnden",
    "rule0-documentType": "Vänortsavtal",
    "rule0-action": "keep",
  });
});
afterAll(async () => {
  await t.close();
});
beforeEach(() => clock.set(NOW));

const api = (method: "GET" | "POST" | "PATCH", url: string, payload?: object) =>
  t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { authorization: `Bearer ${token}` },
    ...(payload ? { payload } : {}),
  });
const countOf = async (table: "classes" | "class_versions") =>
  Number(
    (
      await t.ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as ValidationError,
  );
const newCaseIn = (classId: string) =>
  openCase(t.ctx, officer, {
    registryId: "ks",
    title: "Utbyte med Sankt Petersburg",
    classId,
    unitId: "slk",
  });

describe("classification maintenance (issue 17)", () => {
  it("creates, changes (a new version), retires and reinstates a class; cases keep their version", async () => {
    const id = await createClass(t.ctx, admin, {
      code: "7.1",
      title: "Vänortsutbyte",
      description: "Utbyten med städer som Stockholm har avtal med",
      retention: "dispose",
      retentionYears: "10",
      decisionReference: "SSA 2011:37",
    });
    const filedUnderV1 = await newCaseIn(id);
    await changeClass(t.ctx, admin, id, { title: "Vänorts- och partnerstadsutbyte", retention: "keep" });
    const cls = await getMaintainedClass(t.ctx, id);
    expect(cls.current).toMatchObject({
      version: 2,
      title: "Vänorts- och partnerstadsutbyte",
      retention: "keep",
    });
    expect(cls.versions.map((v) => [v.version, v.retention, v.retentionYears, v.decisionReference])).toEqual([
      [2, "keep", null, null],
      [1, "dispose", 10, "SSA 2011:37"],
    ]);
    // Saving the same answers again makes no version.
    await changeClass(t.ctx, admin, id, { title: "Vänorts- och partnerstadsutbyte", retention: "keep" });
    expect((await getMaintainedClass(t.ctx, id)).versions).toHaveLength(2);
    const filedUnderV2 = await newCaseIn(id);
    const versionOf = async (caseId: string) =>
      (
        await t.ctx.db
          .selectFrom("cases")
          .select("class_version_id")
          .where("id", "=", caseId)
          .executeTakeFirstOrThrow()
      ).class_version_id;
    expect(await versionOf(filedUnderV1.id)).toBe(cls.versions[1]!.id);
    expect(await versionOf(filedUnderV2.id)).toBe(cls.versions[0]!.id);

    // The case page shows what the case was filed under.
    const client = new TestClient(t.app);
    await client.login("admin");
    const page = await client.get(`/arenden/${filedUnderV1.id}`);
    expect(page.body).toContain("7.1 Vänortsutbyte");
    expect(page.body).toContain("Version 1: Gallras 10 år efter att ärendet avslutats (SSA 2011:37)");

    await setClassInUse(t.ctx, admin, id, false);
    const refused = await failure(newCaseIn(id));
    expect(refused?.fields).toEqual([{ field: "classId", message: "case.class_retired" }]);
    expect((await client.get("/arenden/nytt")).body).not.toContain("Vänorts- och partnerstadsutbyte");
    expect((await client.get(`/arenden/${filedUnderV1.id}`)).body).toContain("7.1 Vänortsutbyte");
    await setClassInUse(t.ctx, admin, id, true);
    expect((await newCaseIn(id)).classVersionId).toBe(cls.versions[0]!.id);
  });

  it("reports every problem of a class at once and writes nothing", async () => {
    const before = [await countOf("classes"), await countOf("class_versions")];
    const error = await failure(
      createClass(t.ctx, admin, {
        code: "7 1",
        title: "",
        retention: "dispose",
        decisionReference: "SSA 1999:9",
      }),
    );
    expect(error?.fields.map((f) => f.field).sort()).toEqual([
      "code",
      "decisionReference",
      "retentionYears",
      "title",
    ]);
    const res = await api("POST", "/classes", {
      code: "",
      title: "x",
      retention: "keep",
      retentionYears: "5",
    });
    expect(res.statusCode).toBe(422);
    expect(
      res
        .json()
        .error.fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(["code", "retentionYears"]);
    expect([await countOf("classes"), await countOf("class_versions")]).toEqual(before);
  });

  it("serves the scheme over the API: create, change, versions, retire", async () => {
    const created = await api("POST", "/classes", {
      code: "7.2",
      title: "Delegationsbesök",
      retention: "keep",
    });
    expect(created.statusCode).toBe(201);
    const { id } = created.json();
    const changed = await api("PATCH", `/classes/${id}`, {
      title: "Delegationsbesök",
      retention: "dispose",
      retentionYears: 5,
      decisionReference: "SSA 2011:37",
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect((await api("POST", `/classes/${id}/retire`)).json().retiredAt).not.toBeNull();
    const list = await api("GET", "/classes");
    expect(list.json().items.find((c: { id: string }) => c.id === id)).toMatchObject({
      code: "7.2",
      current: { version: 2, retention: "dispose", retentionYears: 5, decisionReference: "SSA 2011:37" },
    });
    // A partial change keeps the fields it leaves out.
    const partial = await api("PATCH", `/classes/${id}`, { description: "Besök av utländska delegationer" });
    expect(partial.json().current).toMatchObject({
      version: 3,
      description: "Besök av utländska delegationer",
      retention: "dispose",
      retentionYears: 5,
    });
    const asOfficer = new TestClient(t.app);
    await asOfficer.login("handlaggare");
    expect((await asOfficer.get("/admin/klassificering")).statusCode).toBe(403);
    expect((await asOfficer.get("/admin/klassificering.csv")).statusCode).toBe(403);
  });

  it("exports Swedish CSV and imports it whole: every bad line named, nothing written, else a preview then the change", async () => {
    const client = new TestClient(t.app);
    await client.login("admin");
    const exported = await client.get("/admin/klassificering.csv");
    expect(exported.headers["content-type"]).toContain("text/csv");
    expect(exported.body.startsWith('\uFEFF"Kod";"Benämning";"Beskrivning";"Bevarande"')).toBe(true);
    expect(exported.body).toContain('"1.4";');

    const before = [await countOf("classes"), await countOf("class_versions")];
    const bad = [
      "Kod;Benämning;Beskrivning;Bevarande;Gallringsfrist (år);Gallringsbeslut;Status",
      "7.3;Studiebesök;;gallras;;;i bruk",
      "7.4;;;bevaras;;;i bruk",
      "7.3;Dubblett;;;;;",
      "7.5;Nätverk;;arkiveras;200;SSA 1999:1;borttagen",
      "7.6;För få kolumner",
    ].join("\r\n");
    const refused = await api("POST", "/classes/import", { csv: bad, apply: true });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.fields.map((f: { message: string }) => f.message)).toEqual([
      "Rad 2: ”gallras” kräver en gallringsfrist i år",
      "Rad 2: ”gallras” kräver ett gallringsbeslut",
      "Rad 3: Benämning saknas eller är längre än 200 tecken",
      "Rad 4: koden 7.3 finns redan på rad 2",
      "Rad 5: Bevarande ska vara ”bevaras”, ”gallras” eller tomt",
      "Rad 5: Status ska vara ”i bruk”, ”avvecklad” eller tomt",
      "Rad 5: Gallringsfrist ska vara ett helt antal år, 0–100",
      "Rad 5: gallringsbeslutet SSA 1999:1 finns inte",
      "Rad 6: raden har 2 kolumner, ska ha 7",
    ]);
    expect([await countOf("classes"), await countOf("class_versions")]).toEqual(before);

    // The export read back with one class changed, one retired and one new.
    const lines = exported.body
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    const edited = lines.map((l) =>
      l.startsWith('"1.4";')
        ? '"1.4";"Internationella besök och delegationer";"";"gallras";"3";"SSA 2011:37";"i bruk"'
        : l.startsWith('"2.3";')
          ? l.replace('"i bruk"', '"avvecklad"')
          : l,
    );
    const csv = `\uFEFF${[...edited, '"7.9";"Internationella priser";"";"bevaras";"";"";"i bruk"'].join("\r\n")}\r\n`;
    const preview = await client.upload(
      "/admin/klassificering/import",
      {},
      { fileName: "klasser.csv", bytes: Buffer.from(csv) },
    );
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain("Förhandsgranska import av klasser");
    expect(preview.body).toContain("Importen ändrar 3 klasser");
    expect([await countOf("classes"), await countOf("class_versions")]).toEqual(before);
    const applied = await client.post("/admin/klassificering/import/genomfor", { csv });
    expect(applied.statusCode).toBe(303);
    expect(applied.headers.location).toBe("/admin/klassificering?importerade=3");
    const classes = (await api("GET", "/classes")).json().items as {
      code: string;
      retiredAt: string | null;
      current: { version: number; title: string; retention: string | null };
    }[];
    expect(classes.find((c) => c.code === "1.4")?.current).toMatchObject({
      version: 2,
      title: "Internationella besök och delegationer",
      retention: "dispose",
    });
    expect(classes.find((c) => c.code === "2.3")?.retiredAt).not.toBeNull();
    expect(classes.find((c) => c.code === "7.9")?.current).toMatchObject({ version: 1, retention: "keep" });
  });

  it("disposes of a case's documents by the class version it was filed under", async () => {
    const id = await createClass(t.ctx, admin, {
      code: "7.7",
      title: "Inbjudningar",
      retention: "dispose",
      retentionYears: "2",
      decisionReference: "SSA 2011:37",
    });
    const fileIn = async (closedOn: string) => {
      clock.set(new Date(`${closedOn}T09:00:00Z`));
      const c = await newCaseIn(id);
      const doc = await registerDocument(
        t.ctx,
        officer,
        c.id,
        { direction: "incoming", party: "Oslo kommune", description: `Inbjudan ${closedOn}` },
        { fileName: "inbjudan.txt", bytes: Buffer.from(`Inbjudan till Oslo ${closedOn} ${c.id}`) },
      );
      await changeCaseStatus(t.ctx, officer, c.id, "close");
      return doc.id;
    };
    clock.set(new Date("2023-01-10T09:00:00Z"));
    const underV1 = await fileIn("2023-01-10");
    clock.set(new Date("2023-02-01T09:00:00Z"));
    await changeClass(t.ctx, admin, id, { title: "Inbjudningar", retention: "keep" });
    const underV2 = await fileIn("2023-02-10");
    clock.set(NOW);
    const eligible = (await previewDisposal(t.ctx)).eligible.map((c) => c.documentId);
    expect(eligible).toContain(underV1);
    expect(eligible).not.toContain(underV2);
  });
});
