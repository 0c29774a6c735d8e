import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../src/auth/tokens.service.ts";
import { findUserByUsername } from "../src/auth/users.store.ts";
import { changeCaseStatus, openCase } from "../src/registry/cases.service.ts";
import { groundForLegacy, legacyCitation } from "../src/registry/secrecy-grounds.model.ts";
import { seedSecrecyGrounds } from "../src/registry/secrecy-grounds.seed.ts";
import { getSecrecyGrounds } from "../src/registry/secrecy-grounds.service.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { TestClient } from "./helpers/client.ts";
import { demoActor, demoClassId } from "./helpers/demo.ts";
import { unzip, validateErms } from "./helpers/sip.ts";

let t: TestApp;
let caseId = "";
const tokens: Record<string, string> = {};

const marking = {
  direction: "incoming",
  party: "Anna Andersson",
  description: "Skrivelse med uppgift om var den enskilde bor",
  secrecyMarkedOn: "2026-03-09",
  secrecyAuthority: "Stadsledningskontoret",
  publicDescription: "Skrivelse från enskild",
  publicParty: "Enskild",
};

beforeAll(async () => {
  t = await buildTestApp();
  for (const who of ["admin", "registrator", "handlaggare", "lasare"]) {
    const user = await findUserByUsername(t.ctx.db, t.config.tenantId, who);
    if (!user) throw new Error(`no demo user ${who}`);
    tokens[who] = (await createToken(t.ctx, "system", user, { name: "secrecy grounds" })).token;
  }
  caseId = (
    await openCase(t.ctx, "system", {
      registryId: "ks",
      title: "Skyddat boende för inbjuden delegat",
      classId: await demoClassId(t, "2019", "2.4"),
      unitId: "slk",
    })
  ).id;
});
afterAll(async () => {
  await t.close();
});

const api = (who: string, method: "GET" | "POST", url: string, payload?: object) =>
  t.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${tokens[who]}` },
    ...(payload ? { payload } : {}),
  });

async function signedIn(who: string): Promise<TestClient> {
  const client = new TestClient(t.app);
  expect((await client.login(who)).statusCode).toBe(303);
  return client;
}

/** The documents, secrecy grounds and audit events: what a refused request must leave as it was. */
async function stored() {
  const count = async (table: "documents" | "secrecy_grounds" | "audit_events") =>
    Number(
      (
        await t.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    documents: await count("documents"),
    grounds: await count("secrecy_grounds"),
    audit: await count("audit_events"),
  };
}

const documentRow = (id: string) =>
  t.ctx.db.selectFrom("documents").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

const idOf = (location: unknown) => String(location).split("/").at(-1) ?? "";

describe("the list of secrecy grounds", () => {
  it("ships at least 30 provisions of the OSL, which every signed-in user reads in the order of the act", async () => {
    const res = await api("lasare", "GET", "/api/v1/secrecy-grounds");
    expect(res.statusCode).toBe(200);
    const { items } = res.json() as {
      items: { citation: string; label: string; chapter: number; retiredAt: null }[];
    };
    expect(items.length).toBeGreaterThanOrEqual(30);
    const labels = items.map((g) => g.label);
    expect(labels).toContain(
      "21 kap. 3 § OSL, skyddad identitet, adress och kontaktuppgifter för förföljda personer",
    );
    for (const citation of [
      "15 kap. 1 § OSL",
      "26 kap. 1 § OSL",
      "25 kap. 1 § OSL",
      "23 kap. 2 § OSL",
      "19 kap. 3 § andra stycket OSL",
    ])
      expect(items.map((g) => g.citation)).toContain(citation);
    expect(new Set(items.map((g) => g.citation)).size).toBe(items.length);
    const chapters = items.map((g) => g.chapter);
    expect(chapters).toEqual([...chapters].sort((a, b) => a - b));
    expect((await t.app.inject({ method: "GET", url: "/api/v1/secrecy-grounds" })).statusCode).toBe(401);
  });

  it("is seeded once: setting the tenant up again adds nothing", async () => {
    const before = await stored();
    await seedSecrecyGrounds(t.ctx.db, t.config.tenantId, new Date());
    expect(await stored()).toEqual(before);
  });
});

describe("a document's secrecy marking names a ground on the list", () => {
  it("the API refuses a free-text ground with 422 in the error shape, and stores nothing", async () => {
    const before = await stored();
    const res = await api("registrator", "POST", `/api/v1/cases/${caseId}/documents`, {
      ...marking,
      secrecyProvision: "foo bar",
    });
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.error.code).toBe("invalid");
    expect(typeof body.error.message).toBe("string");
    expect(body.error.fields).toEqual([
      { field: "secrecyProvision", message: expect.stringContaining("Välj sekretessgrunden ur listan") },
    ]);
    // A ground under any other name is no way round the list either.
    const other = await api("registrator", "POST", `/api/v1/cases/${caseId}/documents`, {
      ...marking,
      secrecy: "foo bar",
    });
    expect(other.statusCode).toBe(422);
    expect(other.json().error.fields.map((f: { field: string }) => f.field)).toContain("secrecy");
    expect(await stored()).toEqual(before);
  });

  it("the form refuses it with 422 and a Swedish message, together with every other problem, and keeps the answers", async () => {
    const before = await stored();
    const clerk = await signedIn("registrator");
    const form = await clerk.get(`/arenden/${caseId}/handlingar/ny`);
    expect(form.body).toContain('list="secrecyProvision-list"');
    expect(form.body).toContain(
      '<option value="21 kap. 3 § OSL, skyddad identitet, adress och kontaktuppgifter för förföljda personer">',
    );
    const res = await clerk.upload(`/arenden/${caseId}/handlingar`, {
      ...marking,
      description: "",
      secrecyProvision: "Sekretess enligt OSL",
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('href="#secrecyProvision"');
    expect(res.body).toContain('href="#description"');
    expect(res.body).toContain(
      "Välj sekretessgrunden ur listan över bestämmelser i offentlighets- och sekretesslagen",
    );
    expect(res.body).toContain('value="Sekretess enligt OSL"');
    expect(await stored()).toEqual({ ...before, audit: before.audit + 1 }); // the sign-in
  });

  it("stores a ground chosen in the form as its citation, shows it, and exports it verbatim in the ERMS", async () => {
    const clerk = await signedIn("registrator");
    await clerk.get(`/arenden/${caseId}/handlingar/ny`);
    const res = await clerk.upload(`/arenden/${caseId}/handlingar`, {
      ...marking,
      secrecyProvision:
        "21 kap. 3 § OSL, skyddad identitet, adress och kontaktuppgifter för förföljda personer",
    });
    expect(res.statusCode).toBe(303);
    const id = idOf(res.headers.location);
    const row = await documentRow(id);
    const ground = (await getSecrecyGrounds(t.ctx)).find((g) => g.citation === "21 kap. 3 § OSL");
    expect(row.secrecy_provision).toBe("21 kap. 3 § OSL");
    expect(row.secrecy_ground_id).toBe(ground?.id);
    expect((await clerk.get(`/handlingar/${id}`)).body).toContain("21 kap. 3 § OSL");

    // The API takes the citation (or the id) and answers with the citation.
    const viaApi = await api("registrator", "POST", `/api/v1/cases/${caseId}/documents`, {
      ...marking,
      secrecyProvision: "26 kap. 1 § OSL",
    });
    expect(viaApi.statusCode).toBe(201);
    expect(viaApi.json().secrecy.provision).toBe("26 kap. 1 § OSL");

    await changeCaseStatus(t.ctx, await demoActor(t, "registrator"), caseId, "close");
    const sip = await clerk.get(`/arenden/${caseId}/e-arkiv`);
    expect(sip.statusCode).toBe(200);
    const entries = await unzip(sip.rawPayload);
    const erms = [...entries].find(([name]) => name.endsWith("metadata/descriptive/erms.xml"))?.[1];
    if (!erms) throw new Error("no erms.xml");
    expect(erms.toString("utf8")).toContain("<regulation>21 kap. 3 § OSL</regulation>");
    expect(erms.toString("utf8")).toContain("<regulation>26 kap. 1 § OSL</regulation>");
    expect(validateErms(erms).ok).toBe(true);
    await changeCaseStatus(t.ctx, await demoActor(t, "registrator"), caseId, "reopen");
  });
});

describe("admins keep the list", () => {
  it("an admin adds a provision on the admin page, and it can then be chosen", async () => {
    const admin = await signedIn("admin");
    const page = await admin.get("/admin/sekretessgrunder");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/admin/sekretessgrunder"');
    expect(page.body).toContain("21 kap. 3 § OSL");

    const clerk = await signedIn("registrator");
    await clerk.get(`/arenden/${caseId}/handlingar/ny`);
    const early = await clerk.upload(`/arenden/${caseId}/handlingar`, {
      ...marking,
      secrecyProvision: "32 kap. 3 § OSL",
    });
    expect(early.statusCode).toBe(422);

    const added = await admin.post("/admin/sekretessgrunder", {
      chapter: "32",
      section: "3",
      paragraph: "",
      name: "kameraövervakning",
    });
    expect(added.statusCode).toBe(303);
    expect((await admin.get("/admin/sekretessgrunder")).body).toContain("32 kap. 3 § OSL");

    const form = await clerk.get(`/arenden/${caseId}/handlingar/ny`);
    expect(form.body).toContain('<option value="32 kap. 3 § OSL, kameraövervakning">');
    const chosen = await clerk.upload(`/arenden/${caseId}/handlingar`, {
      ...marking,
      secrecyProvision: "32 kap. 3 § OSL",
    });
    expect(chosen.statusCode).toBe(303);
    expect((await documentRow(idOf(chosen.headers.location))).secrecy_provision).toBe("32 kap. 3 § OSL");
  });

  it("refuses a provision already on the list, and a bad chapter and section, all at once and adding nothing", async () => {
    const before = await stored();
    const dup = await api("admin", "POST", "/api/v1/secrecy-grounds", {
      chapter: 21,
      section: "3",
      name: "dubblett",
    });
    expect(dup.statusCode).toBe(422);
    expect(dup.json().error.fields[0].message).toContain("21 kap. 3 § OSL finns redan i listan");
    const admin = await signedIn("admin");
    await admin.get("/admin/sekretessgrunder");
    const bad = await admin.post("/admin/sekretessgrunder", { chapter: "sju", section: "§", name: "" });
    expect(bad.statusCode).toBe(422);
    for (const field of ["chapter", "section", "name"]) expect(bad.body).toContain(`href="#${field}"`);
    expect(bad.body).toContain("Ange kapitlet som ett heltal mellan 1 och 99");
    expect(await stored()).toEqual({ ...before, audit: before.audit + 1 }); // the sign-in
  });

  it("a non-admin cannot add or retire a provision, on the page or through the API", async () => {
    const before = await stored();
    for (const who of ["registrator", "handlaggare", "lasare"]) {
      const res = await api(who, "POST", "/api/v1/secrecy-grounds", {
        chapter: 40,
        section: "5",
        name: "försök",
      });
      expect(res.statusCode).toBe(403);
    }
    const clerk = await signedIn("registrator");
    await clerk.get(`/arenden/${caseId}/handlingar/ny`);
    expect((await clerk.get("/admin/sekretessgrunder")).statusCode).toBe(403);
    expect(
      (await clerk.post("/admin/sekretessgrunder", { chapter: "40", section: "5", name: "försök" }))
        .statusCode,
    ).toBe(403);
    const ground = (await getSecrecyGrounds(t.ctx))[0];
    expect(
      (await api("registrator", "POST", `/api/v1/secrecy-grounds/${ground?.id}/retire`)).statusCode,
    ).toBe(403);
    expect(await stored()).toEqual({ ...before, audit: before.audit + 1 }); // the sign-in
  });

  it("a retired ground is no longer offered or accepted; documents marked with it keep it; it can be taken back", async () => {
    const ground = (await getSecrecyGrounds(t.ctx)).find((g) => g.citation === "26 kap. 1 § OSL");
    if (!ground) throw new Error("26 kap. 1 § OSL is shipped");
    const marked = await t.ctx.db
      .selectFrom("documents")
      .select("id")
      .where("secrecy_ground_id", "=", ground.id)
      .execute();
    expect(marked.length).toBeGreaterThan(0);

    const admin = await signedIn("admin");
    await admin.get("/admin/sekretessgrunder");
    expect((await admin.post(`/admin/sekretessgrunder/${ground.id}/avveckla`)).statusCode).toBe(303);
    const listed = (await api("lasare", "GET", "/api/v1/secrecy-grounds")).json().items;
    expect(listed.find((g: { id: string }) => g.id === ground.id).retiredAt).not.toBeNull();

    const clerk = await signedIn("registrator");
    const form = await clerk.get(`/arenden/${caseId}/handlingar/ny`);
    expect(form.body).not.toContain('<option value="26 kap. 1 § OSL,');
    const refused = await api("registrator", "POST", `/api/v1/cases/${caseId}/documents`, {
      ...marking,
      secrecyProvision: "26 kap. 1 § OSL",
    });
    expect(refused.statusCode).toBe(422);
    for (const { id } of marked) expect((await documentRow(id)).secrecy_provision).toBe("26 kap. 1 § OSL");
    // A ground a document cites cannot be deleted, even past the application.
    await expect(t.database.raw(`delete from secrecy_grounds where id = '${ground.id}'`)).rejects.toThrow();

    const back = await api("admin", "POST", `/api/v1/secrecy-grounds/${ground.id}/reinstate`);
    expect(back.statusCode).toBe(200);
    expect(back.json().retiredAt).toBeNull();
  });
});

describe("markings written as free text before the list", () => {
  it("reads the plain citations of a whole OSL section and nothing else", () => {
    expect(legacyCitation("21 kap. 7 § OSL")).toEqual({ chapter: 21, section: "7" });
    expect(legacyCitation("21 kap 7 §")).toEqual({ chapter: 21, section: "7" });
    expect(legacyCitation("OSL 26:1")).toEqual({ chapter: 26, section: "1" });
    expect(legacyCitation("15 kap. 1a § offentlighets- och sekretesslagen")).toEqual({
      chapter: 15,
      section: "1 a",
    });
    for (const other of [
      "7 kap. 4 § SekrL",
      "21 kap. 7 § andra stycket OSL",
      "Sekretess enligt OSL",
      "foo bar",
    ])
      expect(legacyCitation(other)).toBeNull();
  });

  it("are linked to the ground they cite when it arrives, keep their text, and show and export as written", async () => {
    const grounds = await getSecrecyGrounds(t.ctx);
    // 19 kap. 3 § has two grounds (two stycken): a bare "19 kap. 3 §" cannot say which.
    expect(groundForLegacy("19 kap. 3 § OSL", grounds)).toBeNull();

    // A document marked before the list, and a release that ships 21 kap. 7 § anew.
    const viaApi = await api("registrator", "POST", `/api/v1/cases/${caseId}/documents`, {
      direction: "incoming",
      party: "Företaget AB",
      description: "Begäran om personuppgifter",
    });
    const oldId = viaApi.json().id as string;
    const otherId = (
      await api("registrator", "POST", `/api/v1/cases/${caseId}/documents`, {
        direction: "incoming",
        party: "Företaget AB",
        description: "Äldre sekretessmarkerad skrivelse",
      })
    ).json().id as string;
    const mark = (id: string, text: string) =>
      t.database.raw(
        `update documents set secrecy_provision = '${text}', secrecy_marked_on = '2020-01-01', secrecy_authority = 'SLK', public_description = 'Skrivelse' where id = '${id}'`,
      );
    await mark(oldId, "21 kap 7 §");
    await mark(otherId, "Sekretess enligt 7 kap. 4 § SekrL");
    await t.database.raw(
      `update secrecy_grounds set citation = '21 kap. 7 § OSL (utgått)' where citation = '21 kap. 7 § OSL'`,
    );
    await seedSecrecyGrounds(t.ctx.db, t.config.tenantId, new Date());

    const renewed = (await getSecrecyGrounds(t.ctx)).find((g) => g.citation === "21 kap. 7 § OSL");
    const linked = await documentRow(oldId);
    expect(linked.secrecy_ground_id).toBe(renewed?.id);
    expect(linked.secrecy_provision).toBe("21 kap 7 §");
    const other = await documentRow(otherId);
    expect(other.secrecy_ground_id).toBeNull();
    const shown = await (await signedIn("registrator")).get(`/handlingar/${otherId}`);
    expect(shown.body).toContain("Sekretess enligt 7 kap. 4 § SekrL");
    expect((await api("registrator", "GET", `/api/v1/documents/${otherId}`)).json().secrecy.provision).toBe(
      "Sekretess enligt 7 kap. 4 § SekrL",
    );
  });
});
