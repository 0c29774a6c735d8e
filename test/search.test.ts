import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "../src/auth/actor.ts";
import { ANONYMOUS } from "../src/auth/actor.ts";
import { ManualClock } from "../src/platform/clock.ts";
import { ValidationError } from "../src/platform/errors.ts";
import { queryTerms } from "../src/platform/search/normalise.ts";
import { changeCaseStatus, openCase, updateCase } from "../src/registry/cases.service.ts";
import { addFileVersion, registerDocument } from "../src/registry/documents.service.ts";
import {
  type SearchInput,
  searchInputSchema,
  searchRegister,
} from "../src/registry/search/search.service.ts";
import { runSearch, type Visibility } from "../src/registry/search/search-query.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { TestClient } from "./helpers/client.ts";
import { demoActor, demoClassId, newOfficer } from "./helpers/demo.ts";
import { makeDocx } from "./helpers/documents.ts";

let t: TestApp;
let officer: UserActor;
let reader: UserActor;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await buildTestApp({ clock: new ManualClock(new Date("2026-03-09T09:00:00Z")) });
  officer = await demoActor(t, "handlaggare");
  reader = await demoActor(t, "lasare");
  const classId = await demoClassId(t, "2019", "1.4");
  const open = (title: string, unitId: string, extra: Record<string, unknown> = {}) =>
    openCase(t.ctx, officer, { registryId: "ks", title, classId, unitId, officerId: officer.id, ...extra });

  const forvaltning = await open("Förvaltningens samarbete med Tallinn om havtornsodling", "slk");
  ids.forvaltning = forvaltning.id;
  await registerDocument(
    t.ctx,
    officer,
    forvaltning.id,
    { direction: "incoming", party: "Tallinns stadskansli", description: "Förslag till avsiktsförklaring" },
    {
      fileName: "forslag.docx",
      bytes: await makeDocx(["Dagvatten och skyfallsplanering i hamnen."]),
    },
  );

  const secret = await open("Säkerhetsöversyn av stadshusets larm", "ks", {
    publicTitle: "Översyn av ett system",
  });
  ids.secret = secret.id;
  await registerDocument(
    t.ctx,
    officer,
    secret.id,
    {
      direction: "internal",
      description: "Larmcentralens sårbarheter",
      publicDescription: "Promemoria",
      secrecyProvision: "18 kap. 8 § OSL",
      secrecyMarkedOn: "2026-03-09",
      secrecyAuthority: "Stadsledningskontoret",
    },
    null,
  );
  await registerDocument(
    t.ctx,
    officer,
    secret.id,
    {
      direction: "outgoing",
      party: "Polismyndigheten",
      description: "Utkast om kameraövervakning",
      draft: true,
    },
    null,
  );

  const closed = await open("Tillstånd för hjortronplockare", "sdn-sodermalm");
  ids.closed = closed.id;
  await changeCaseStatus(t.ctx, officer, closed.id, "close");
});
afterAll(async () => {
  await t.close();
});

const input = (q: string, extra: Partial<SearchInput> = {}) => searchInputSchema.parse({ q, ...extra });
const found = async (actor: UserActor | null, q: string, extra: Partial<SearchInput> = {}) =>
  (await searchRegister(t.ctx, actor, input(q, extra))).items.map((i) => i.caseId);

describe("search: what it matches", () => {
  it("finds a case by a word of its title, typed with or without å/ä/ö, in another form", async () => {
    for (const q of ["förvaltningens", "forvaltningens", "Förvaltning", "forvaltningen", "TALLINN"])
      expect(await found(officer, q), q).toContain(ids.forvaltning);
  });

  it("finds the text extracted from a Word file, and parties, and the diary number", async () => {
    expect(await found(officer, "skyfallsplanering")).toEqual([ids.forvaltning]);
    expect(await found(officer, "stadskansli Tallinns")).toEqual([ids.forvaltning]);
    const diary = (await searchRegister(t.ctx, officer, input("Tallinn"))).items[0]?.diaryNumber ?? "";
    expect(await found(officer, diary)).toContain(ids.forvaltning);
  });

  it("needs every word: a query with one word that occurs nowhere finds nothing", async () => {
    expect(await found(officer, "Tallinn zanzibar")).toEqual([]);
  });

  it("marks the matched words in a snippet", async () => {
    const [hit] = (await searchRegister(t.ctx, officer, input("skyfallsplanering"))).items;
    expect(hit?.snippet.filter((p) => p.match).map((p) => p.text)).toEqual(["skyfallsplanering"]);
    expect(hit?.snippet.map((p) => p.text).join("")).toContain("Dagvatten och skyfallsplanering i hamnen");
  });
});

describe("search: never returns what the user may not see", () => {
  it("staff find a secret title and a draft; readers and the public do not, but find the public title", async () => {
    expect(await found(officer, "larm")).toEqual([ids.secret]);
    expect(await found(officer, "kameraövervakning")).toEqual([ids.secret]);
    for (const actor of [reader, null]) {
      for (const q of ["larm", "sårbarheter", "kameraövervakning", "Polismyndigheten"])
        expect(await found(actor, q), q).toEqual([]);
      const hits = (await searchRegister(t.ctx, actor, input("översyn system"))).items;
      expect(hits.map((h) => [h.caseId, h.title])).toEqual([[ids.secret, "Översyn av ett system"]]);
    }
  });

  it("keeps extracted file text out of public search", async () => {
    expect(await found(null, "skyfallsplanering")).toEqual([]);
    expect(await found(null, "avsiktsförklaring")).toEqual([ids.forvaltning]);
  });

  it("the anonymous actor searches as the public", async () => {
    expect((await searchRegister(t.ctx, ANONYMOUS, input("larm"))).items).toEqual([]);
  });
});

describe("search: filters", () => {
  it("filters by unit, status, direction and opening date", async () => {
    expect(await found(officer, "hjortronplockaren")).toEqual([ids.closed]);
    expect(await found(officer, "hjortronplockare", { status: "open" })).toEqual([]);
    expect(await found(officer, "hjortronplockare", { status: "closed", unitId: "sdn-sodermalm" })).toEqual([
      ids.closed,
    ]);
    expect(await found(officer, "Tallinn", { unitId: "ks" })).toEqual([]);
    expect(await found(officer, "Tallinn", { direction: "incoming" })).toEqual([ids.forvaltning]);
    expect(await found(officer, "Tallinn", { direction: "outgoing" })).toEqual([]);
    expect(await found(officer, "Tallinn", { from: "2026-03-09", to: "2026-03-09" })).toEqual([
      ids.forvaltning,
    ]);
    expect(await found(officer, "Tallinn", { to: "2026-03-08" })).toEqual([]);
  });

  it("a draft does not reveal itself to the public through the direction filter", async () => {
    expect(await found(officer, "översyn", { direction: "outgoing" })).toEqual([ids.secret]);
    expect(await found(null, "översyn", { direction: "outgoing" })).toEqual([]);
  });

  it("refuses an end date before the start date and a foreign cursor", async () => {
    const refused = (extra: Partial<SearchInput>) =>
      searchRegister(t.ctx, officer, input("Tallinn", extra)).catch((e: unknown) => e);
    expect(await refused({ from: "2026-03-10", to: "2026-03-01" })).toBeInstanceOf(ValidationError);
    expect(await refused({ cursor: "bm90LWEtY3Vyc29y" })).toBeInstanceOf(ValidationError);
  });
});

/** Every page of a search (staff's unless said), three cases a page: the cases in the order seen, and each page's order. */
async function everyPage(query: string, rankLimit: number, visibility: Visibility = "full") {
  const seen: string[] = [];
  const orders: string[] = [];
  let after: Parameters<typeof runSearch>[2]["after"];
  for (;;) {
    const { hits, order } = await runSearch(t.ctx.db, t.ctx.dialect, {
      tenantId: t.config.tenantId,
      visibility,
      terms: queryTerms(query),
      query,
      filter: {},
      after,
      limit: 3,
      rankLimit,
    });
    orders.push(order);
    seen.push(...hits.slice(0, 3).map((h) => h.caseId));
    const last = hits[2];
    if (hits.length <= 3 || !last) return { seen, orders };
    after = { order, score: last.score, key: last.key };
  }
}

describe("search: ranking and pages", () => {
  it("ranks a title match above a match in the body", async () => {
    const classId = await demoClassId(t, "2019", "1.4");
    const body = await openCase(t.ctx, officer, {
      registryId: "ks",
      officerId: officer.id,
      title: "Vänortsfrågor",
      classId,
      unitId: "ks",
    });
    await registerDocument(
      t.ctx,
      officer,
      body.id,
      {
        direction: "incoming",
        party: "Riga",
        description: "Fråga om havtornsodling i hamnar",
      },
      null,
    );
    const hits = await found(officer, "havtornsodling");
    expect(hits).toEqual([ids.forvaltning, body.id]);
  });

  it("pages through many matches without repeats or gaps, ranked and newest first", async () => {
    const classId = await demoClassId(t, "2019", "1.4");
    const made: string[] = [];
    for (let i = 0; i < 7; i++) {
      const c = await openCase(t.ctx, officer, {
        registryId: "ks",
        officerId: officer.id,
        title: `Zeppelinbesök nummer ${i}`,
        classId,
        unitId: "ks",
      });
      made.push(c.id);
    }
    for (const rankLimit of [100, 3]) {
      const { seen, orders } = await everyPage("zeppelinbesök", rankLimit);
      const order = orders.at(-1);
      expect(order).toBe(rankLimit === 3 ? "newest" : "relevance");
      expect([...seen].sort()).toEqual([...made].sort());
      if (order === "newest") expect(seen).toEqual([...made].reverse());
    }
  });

  it("the API-level cursor continues the same order", async () => {
    const first = await searchRegister(t.ctx, officer, input("zeppelinbesök", { limit: 4 }));
    expect(first.nextCursor).not.toBeNull();
    const second = await searchRegister(
      t.ctx,
      officer,
      input("zeppelinbesök", { limit: 4, cursor: first.nextCursor ?? "" }),
    );
    expect(new Set([...first.items, ...second.items].map((i) => i.caseId)).size).toBe(7);
    expect(second.nextCursor).toBeNull();
  });
});

describe("search: the text of every file in a case", () => {
  const letter = (words: string) => ({
    fileName: "brev.txt",
    bytes: Buffer.from(`${"Stadens samarbete fortsätter enligt plan. ".repeat(1600)}${words}`),
  });
  const openKsCase = async (title: string) =>
    openCase(t.ctx, officer, {
      registryId: "ks",
      officerId: officer.id,
      title,
      classId: await demoClassId(t, "2019", "1.4"),
      unitId: "ks",
    });
  const incoming = { direction: "incoming", party: "Oslo kommune", description: "Skrivelse" };

  it("finds a word in the last of many long letters, with a snippet from that letter", async () => {
    const c = await openKsCase("Vänortsavtal med Oslo");
    // Five letters of ~67,000 characters: the last lies beyond the first 200,000 characters of the case.
    for (let i = 0; i < 4; i++)
      await registerDocument(t.ctx, officer, c.id, incoming, letter(`Bilaga ${i}.`));
    await registerDocument(t.ctx, officer, c.id, incoming, letter("Frågan om spårvagnsremiser återstår."));
    const [hit, ...rest] = (await searchRegister(t.ctx, officer, input("spårvagnsremiser"))).items;
    expect([hit?.caseId, rest]).toEqual([c.id, []]);
    expect(hit?.snippet.map((p) => p.text).join("")).toContain("Frågan om spårvagnsremiser återstår.");
    // A word of the case's title and a word of the letter together still find the case.
    expect(await found(officer, "vänortsavtal spårvagnsremiser")).toEqual([c.id]);
    expect(await found(null, "spårvagnsremiser")).toEqual([]);
  });

  it("follows a draft's new file version and a new case title", async () => {
    const c = await openKsCase("Gästforskare från Tammerfors");
    const draft = await registerDocument(
      t.ctx,
      officer,
      c.id,
      { direction: "outgoing", party: "Tammerfors stad", description: "Inbjudan", draft: true },
      letter("Vi föreslår lindblomsmånad."),
    );
    expect(await found(officer, "lindblomsmånad")).toEqual([c.id]);
    await addFileVersion(t.ctx, officer, draft.id, letter("Vi föreslår rönnbärsmånad."));
    expect(await found(officer, "lindblomsmånad")).toEqual([]);
    expect(await found(officer, "rönnbärsmånad")).toEqual([c.id]);
    await updateCase(t.ctx, officer, c.id, {
      title: "Gästprofessorer från Tammerfors",
      classId: c.classId,
      unitId: c.unitId,
      officerId: officer.id,
    });
    expect(await found(officer, "gästprofessorer rönnbärsmånad")).toEqual([c.id]);
    expect(await found(officer, "gästforskare rönnbärsmånad")).toEqual([]);
  });

  it("lists a case once when several of its letters match, in both orders and across pages", async () => {
    const made: string[] = [];
    for (let i = 0; i < 4; i++) {
      const c = await openKsCase(`Luftskeppshamn ${i}`);
      for (let j = 0; j < 3; j++)
        await registerDocument(t.ctx, officer, c.id, incoming, letter(`Om blimpmaster nummer ${j}.`));
      made.push(c.id);
    }
    for (const rankLimit of [1000, 2]) {
      const { seen, orders } = await everyPage("blimpmaster", rankLimit);
      for (const order of orders) expect(order).toBe(rankLimit === 2 ? "newest" : "relevance");
      expect(seen.length).toBe(4);
      expect([...seen].sort()).toEqual([...made].sort());
      if (rankLimit === 2) expect(seen).toEqual([...made].reverse());
    }
  });
});

describe("search: per case for officers (issue 14)", () => {
  let colleague: UserActor;
  let stranger: UserActor;
  beforeAll(async () => {
    // An officer of the secret case's unit who is not its officer, and one of another unit.
    colleague = await newOfficer(t, "ks-kollega", "ks");
    stranger = await newOfficer(t, "kultur-handlaggare", "forv-kultur");
  });

  it("an officer of another unit finds only what the public register shows, with the public title", async () => {
    for (const q of ["larm", "sårbarheter", "kameraövervakning", "Polismyndigheten", "skyfallsplanering"])
      expect(await found(stranger, q), q).toEqual([]);
    const hits = (await searchRegister(t.ctx, stranger, input("översyn system"))).items;
    expect(hits.map((h) => [h.caseId, h.title])).toEqual([[ids.secret, "Översyn av ett system"]]);
    expect(await found(stranger, "avsiktsförklaring")).toEqual([ids.forvaltning]);
  });

  it("an officer of the case's unit finds it in full, with its real title and its draft", async () => {
    const hits = (await searchRegister(t.ctx, colleague, input("larm"))).items;
    expect(hits.map((h) => [h.caseId, h.title])).toEqual([
      [ids.secret, "Säkerhetsöversyn av stadshusets larm"],
    ]);
    expect(await found(colleague, "kameraövervakning")).toEqual([ids.secret]);
    // Not their unit's and not their case: the file text of the slk case stays out of reach.
    expect(await found(colleague, "skyfallsplanering")).toEqual([]);
  });

  it("pages own cases (full text) and others' (public text) together, in both orders, without repeats or gaps", async () => {
    const classId = await demoClassId(t, "2019", "1.4");
    const made: string[] = [];
    for (let i = 0; i < 8; i++) {
      const ownUnit = i % 2 === 0;
      const c = await openCase(t.ctx, officer, {
        registryId: "ks",
        title: `Kolibribesök nummer ${i}`,
        classId,
        unitId: ownUnit ? "forv-kultur" : "ks",
      });
      made.push(c.id);
    }
    // A secret word in titles: found in the stranger's own unit's case, not in the other.
    const own = await openCase(t.ctx, officer, {
      registryId: "ks",
      title: "Kolibribesök med glasvingefjäril",
      publicTitle: "Ett besök",
      classId,
      unitId: "forv-kultur",
    });
    await openCase(t.ctx, officer, {
      registryId: "ks",
      title: "Kolibribesök med glasvingefjäril i stadshuset",
      publicTitle: "Ett annat besök",
      classId,
      unitId: "ks",
    });
    const visibility = { officerId: stranger.id, unitId: stranger.unitId };
    for (const rankLimit of [1000, 2]) {
      const { seen, orders } = await everyPage("kolibribesök", rankLimit, visibility);
      for (const order of orders) expect(order).toBe(rankLimit === 2 ? "newest" : "relevance");
      expect([...seen].sort()).toEqual([...made, own.id].sort());
      if (rankLimit === 2) expect(seen).toEqual([own.id, ...[...made].reverse()]);
      expect((await everyPage("glasvingefjäril", rankLimit, visibility)).seen).toEqual([own.id]);
    }
  });
});

describe("search pages and API", () => {
  it("the staff search page shows the hits the reader may see, and every problem with the form", async () => {
    const staff = new TestClient(t.app);
    await staff.login("handlaggare");
    const page = await staff.get(`/sok?q=${encodeURIComponent("larm")}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Säkerhetsöversyn av stadshusets larm");
    const reader = new TestClient(t.app);
    await reader.login("lasare");
    const hidden = await reader.get(`/sok?q=${encodeURIComponent("larm")}`);
    expect(hidden.body).not.toContain("Säkerhetsöversyn");
    expect(hidden.body).toContain("Inga ärenden matchar sökningen.");
    const bad = await staff.get("/sok?q=&from=2026-02-30&year=tjugo");
    expect(bad.statusCode).toBe(422);
    for (const field of ["q", "from", "year"]) expect(bad.body).toContain(`href="#${field}"`);
  });

  it("reads the page's dates from their three inputs, and shows an impossible one again on its field", async () => {
    const staff = new TestClient(t.app);
    await staff.login("handlaggare");
    const range = "from-year=2000&from-month=1&from-day=1&to-year=2099&to-month=12&to-day=31";
    const found = await staff.get(`/sok?q=larm&${range}`);
    expect(found.statusCode).toBe(200);
    expect(found.body).toContain("Säkerhetsöversyn av stadshusets larm");
    const none = await staff.get("/sok?q=larm&from-year=2099&from-month=1&from-day=1");
    expect(none.body).toContain("Inga ärenden matchar sökningen.");
    const bad = await staff.get("/sok?q=larm&from-year=2026&from-month=2&from-day=30");
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#from"');
    expect(bad.body).toMatch(/name="from-day"[^>]*value="30"/);
  });

  it("the API answers the same hits as JSON, and refuses unknown parameters", async () => {
    const anon = new TestClient(t.app);
    const found = await anon.get(`/api/v1/public/search?q=${encodeURIComponent("översyn system")}`);
    expect(found.statusCode).toBe(200);
    expect(JSON.parse(found.body).items.map((i: { caseId: string }) => i.caseId)).toEqual([ids.secret]);
    const unknown = await anon.get("/api/v1/public/search?q=larm&secret=1");
    expect(unknown.statusCode).toBe(422);
    expect((await anon.get("/api/v1/search?q=larm")).statusCode).toBe(401);
  });
});
