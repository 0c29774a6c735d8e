import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readImport, uploadForImport } from "../src/import/index.ts";
import { ManualClock } from "../src/platform/clock.ts";
import { foldDateParts } from "../src/platform/http/date-parts.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { type FilePart, TestClient } from "./helpers/client.ts";
import { rowCount } from "./helpers/database.ts";
import { demoActor, demoClassId } from "./helpers/demo.ts";
import { makePdf } from "./helpers/documents.ts";
import { importRead } from "./helpers/imports.ts";

/** Monday 9 March 2026, 10:00 in Stockholm. */
const MONDAY = new Date("2026-03-09T09:00:00Z");
const CORPUS = path.resolve(import.meta.dirname, "fixtures/import-corpus/tune");

let t: TestApp;
let clerk: TestClient;
let classId = "";

beforeAll(async () => {
  t = await buildTestApp({ clock: new ManualClock(MONDAY) });
  classId = await demoClassId(t, "2019", "1.4");
  clerk = new TestClient(t.app);
  await clerk.login("registrator");
});
afterAll(async () => {
  await t.close();
});

const corpusFile = async (name: string): Promise<FilePart> => ({
  fileName: name,
  bytes: await fs.readFile(path.join(CORPUS, name)),
});

/** Everything an upload or a confirmation could leave behind. */
async function stored() {
  const count = (table: "import_drafts" | "cases" | "documents" | "consultations") =>
    rowCount(t.ctx.db, table);
  const dir = path.join(t.config.dataDir, "files");
  const blobs = (await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => [])).filter(
    (e) => e.isFile(),
  ).length;
  return {
    drafts: await count("import_drafts"),
    cases: await count("cases"),
    documents: await count("documents"),
    consultations: await count("consultations"),
    blobs,
  };
}

/** The review form's fields as the page proposes them (text inputs, text areas, selects, checkboxes). */
function formOf(page: string): Record<string, string | string[]> {
  const html = /<form[^>]*action="\/import\/[^"]+"[\s\S]*?<\/form>/.exec(page)?.[0] ?? "";
  const form: Record<string, string | string[]> = {};
  const add = (name: string, value: string) => {
    const old = form[name];
    form[name] = old === undefined ? value : [...(Array.isArray(old) ? old : [old]), value];
  };
  const decode = (s: string) =>
    s
      .replace(/&amp;/g, "&")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'");
  for (const m of html.matchAll(/<input([^>]*)>/g)) {
    const attrs = m[1] ?? "";
    const name = /name="([^"]+)"/.exec(attrs)?.[1];
    if (!name || name === "_csrf" || /type="file"/.test(attrs)) continue;
    if (/type="checkbox"/.test(attrs)) {
      if (/\bchecked\b/.test(attrs)) add(name, decode(/value="([^"]*)"/.exec(attrs)?.[1] ?? "on"));
    } else add(name, decode(/value="([^"]*)"/.exec(attrs)?.[1] ?? ""));
  }
  for (const m of html.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g))
    add(m[1] ?? "", decode(m[2] ?? ""));
  for (const m of html.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const selected = /<option value="([^"]*)" selected/.exec(m[2] ?? "")?.[1];
    add(m[1] ?? "", selected ?? "");
  }
  // Read as the server reads it: each date's three inputs as one field, which a test may then replace.
  return foldDateParts(form);
}

/** Posts the review form (several values of a name as repeated fields). */
function confirm(id: string, form: Record<string, string | string[]>) {
  const body = new URLSearchParams({ _csrf: clerk.csrfToken });
  for (const [k, v] of Object.entries(form))
    for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  return t.app.inject({
    method: "POST",
    url: `/import/${id}`,
    remoteAddress: clerk.remoteAddress,
    headers: {
      cookie: [...clerk.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
      "content-type": "application/x-www-form-urlencoded",
    },
    payload: body.toString(),
  });
}

async function uploaded(file: FilePart): Promise<string> {
  await clerk.get("/import");
  const res = await clerk.upload("/import", {}, file);
  expect(res.statusCode).toBe(303);
  const id = /^\/import\/([^/]+)$/.exec(res.headers.location as string)?.[1];
  if (!id) throw new Error(`no import id in ${res.headers.location}`);
  await importRead(t.ctx.db, id);
  return id;
}

describe("importing a received consultation on the web", () => {
  it("reads an upload, shows the damaged and the repaired text beside an editable proposal", async () => {
    const id = await uploaded(await corpusFile("02-region-stockholm.ocr.txt"));
    const page = await clerk.get(`/import/${id}`);
    expect(page.statusCode).toBe(200);
    const form = formOf(page.body);
    expect(form.diaryNumber).toBe("TN 2021-0412");
    expect(form.deadline).toBe("2021-11-30");
    expect(form.replyToEmail).toBe("registrator.trafik@regionstockholm.example");
    expect(form.bodies).toContain("Miljö- och hälsoskyddsnämnden");
    // The units the document names are chosen, and sending on is proposed.
    expect(form.unitIds).toEqual(expect.arrayContaining(["fn-trafik", "fn-stadsbyggnad", "fn-miljo"]));
    expect(form.forward).toBe("on");
    // Damaged text (as read) and repaired text are both on the page, with the changed words.
    expect(page.body).toContain("h4lsoskyddsn#mnden");
    expect(page.body).toContain("Miljö- och hälsoskyddsnämnden");
    expect(page.body).toMatch(/<td>hälsoskyddsnämnden<\/td>|hälsoskyddsnämnden<\/span>/);
    // The changed words are folded under a summary that counts them.
    expect(page.body).toMatch(
      /<details class="import-changes"><summary>Rättade ord: \d+ \(visa\)<\/summary>/,
    );
    // Each unit a body was matched to is shown with the body as written, ticked.
    expect(page.body).toMatch(/Trafiknämnden<\/span><span class="hint"> – i dokumentet: [^<]*Trafiknämnden/);
    // The sender's deadline has passed by the frozen clock: kept, with a warning.
    expect(page.body).toContain("Avsändarens sista svarsdag 2021-11-30 har redan passerat");
  });

  it("confirms into a case, the original file as an incoming document and a draft consultation of the units", async () => {
    const file = await corpusFile("02-region-stockholm.ocr.txt");
    const id = await uploaded(file);
    const form = formOf((await clerk.get(`/import/${id}`)).body);
    const before = await stored();
    // The clerk unticks one of the proposed units: the consultation goes to the ticked ones.
    const unitIds = (form.unitIds as string[]).filter((u) => u !== "fn-exploatering");
    const res = await confirm(id, {
      ...form,
      unitIds,
      classId,
      title: "Regionalt trafikförsörjningsprogram",
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/remisser\//);

    const draft = await t.ctx.db
      .selectFrom("import_drafts")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(draft.status).toBe("confirmed");
    const c = await t.ctx.db
      .selectFrom("cases")
      .selectAll()
      .where("id", "=", draft.case_id ?? "")
      .executeTakeFirstOrThrow();
    expect(c.title).toBe("Regionalt trafikförsörjningsprogram");
    const party = await t.ctx.db
      .selectFrom("case_parties")
      .selectAll()
      .where("case_id", "=", c.id)
      .orderBy("created_at")
      .executeTakeFirstOrThrow();
    expect(party.organisation).toBe("Region Stockholm");
    const doc = await t.ctx.db
      .selectFrom("documents")
      .selectAll()
      .where("case_id", "=", c.id)
      .executeTakeFirstOrThrow();
    expect(doc).toMatchObject({
      direction: "incoming",
      status: "registered",
      party: "Region Stockholm",
      due_date: "2021-11-30",
    });
    expect(doc.description).toContain("TN 2021-0412");
    const stored1 = await t.ctx.db
      .selectFrom("document_files")
      .selectAll()
      .where("document_id", "=", doc.id)
      .executeTakeFirstOrThrow();
    expect(stored1.sha256).toBe(draft.sha256);
    expect(await t.ctx.files.get(stored1.sha256)).toEqual(file.bytes);

    const consultation = await t.ctx.db
      .selectFrom("consultations")
      .selectAll()
      .where("case_id", "=", c.id)
      .executeTakeFirstOrThrow();
    expect(consultation.status).toBe("draft");
    const recipients = await t.ctx.db
      .selectFrom("consultation_recipients")
      .select("unit_id")
      .where("consultation_id", "=", consultation.id)
      .execute();
    expect(recipients.map((r) => r.unit_id).sort()).toEqual(["fn-miljo", "fn-stadsbyggnad", "fn-trafik"]);
    // The reply-to address is kept on the case and shown on its page.
    expect((await clerk.get(`/arenden/${c.id}`)).body).toContain(
      "registrator.trafik@regionstockholm.example",
    );
    const material = await t.ctx.db
      .selectFrom("consultation_material")
      .selectAll()
      .where("consultation_id", "=", consultation.id)
      .execute();
    expect(material.map((m) => m.document_id)).toEqual([doc.id]);
    expect(await stored()).toMatchObject({
      cases: before.cases + 1,
      documents: before.documents + 1,
      consultations: before.consultations + 1,
    });

    // Confirming twice registers nothing more.
    const again = await confirm(id, { ...form, classId });
    expect([303, 409]).toContain(again.statusCode);
    expect((await stored()).cases).toBe(before.cases + 1);
  });

  it("confirms without a consultation when the clerk does not send it on", async () => {
    const id = await uploaded({
      fileName: "remiss.pdf",
      bytes: await fs.readFile(path.join(CORPUS, "01-finansdepartementet.pdf")),
    });
    const review = await clerk.get(`/import/${id}`);
    // The PDF's first page is shown beside the proposal.
    expect(review.body).toContain(`/import/${id}/sida-1.png`);
    const png = await clerk.get(`/import/${id}/sida-1.png`);
    expect(png.statusCode).toBe(200);
    expect(png.headers["content-type"]).toBe("image/png");
    expect(png.rawPayload.subarray(1, 4).toString()).toBe("PNG");
    const form = formOf(review.body);
    const { forward: _forward, ...rest } = form;
    const before = await stored();
    const res = await confirm(id, { ...rest, classId });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/arenden\//);
    expect(await stored()).toMatchObject({ cases: before.cases + 1, consultations: before.consultations });
  });

  it("shows every error of the review form at once in Swedish and writes nothing", async () => {
    const id = await uploaded(await corpusFile("03-goteborgs-stad.txt"));
    const form = formOf((await clerk.get(`/import/${id}`)).body);
    const before = await stored();
    const res = await confirm(id, {
      ...form,
      title: "",
      contactEmail: "inte en adress",
      deadline: "17 oktober",
      forward: "on",
      unitIds: [],
      classId: "",
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("Ange en rubrik");
    expect(res.body).toContain("Ange en e-postadress");
    expect(res.body).toContain("Ange ett riktigt datum med år, månad och dag");
    expect(await stored()).toEqual(before);
    // The answers given are kept.
    expect(res.body).toContain("inte en adress");
  });

  it("refuses a wrong type, an empty file and no file, storing nothing", async () => {
    await clerk.get("/import");
    const before = await stored();
    const cases: [FilePart | null, string][] = [
      [{ fileName: "remiss.exe", bytes: Buffer.from("MZ binary") }, "Filtypen kan inte importeras"],
      [{ fileName: "remiss.odt", bytes: Buffer.from("PK not really") }, ""],
      [{ fileName: "remiss.pdf", bytes: Buffer.from("not a pdf at all") }, "Filens innehåll stämmer inte"],
      [{ fileName: "tom.txt", bytes: Buffer.alloc(0) }, "Filen är tom"],
      [null, "Välj en fil att importera"],
      [
        { fileName: "lang.pdf", bytes: await makePdf(Array.from({ length: 101 }, (_, i) => `Sida ${i}`)) },
        "Högst 100 sidor kan importeras",
      ],
    ];
    for (const [file, message] of cases) {
      const res = await clerk.upload("/import", {}, file);
      expect(res.statusCode, file?.fileName).toBe(422);
      if (message) expect(res.body).toContain(message);
    }
    expect(await stored()).toEqual(before);
  });

  it("shows the reading page, refreshing itself, until the proposal is ready; a confirm meanwhile is refused", async () => {
    const clerkActor = await demoActor(t, "registrator");
    const bytes = await fs.readFile(path.join(CORPUS, "03-goteborgs-stad.txt"));
    // Uploaded through the service with no reader told, so the draft stays reading until read below.
    const draft = await uploadForImport(t.ctx, clerkActor, { fileName: "remiss.txt", bytes });
    const reading = await clerk.get(`/import/${draft.id}`);
    expect(reading.statusCode).toBe(200);
    expect(reading.body).toContain("Läser sida 1 av 1");
    expect(reading.body).toMatch(/<meta http-equiv="refresh" content="\d+"/);
    // The clerk can stop the refreshing (WCAG 2.2.1).
    const still = await clerk.get(`/import/${draft.id}?uppdatera=nej`);
    expect(still.body).toContain("Läser sida 1 av 1");
    expect(still.body).not.toContain('http-equiv="refresh"');
    const early = await confirm(draft.id, { title: "x" });
    expect(early.statusCode).toBe(409);
    expect(early.body).toContain("Remissen läses fortfarande");
    // The worklist counts only imports ready for review.
    const waiting = async () => (await clerk.get("/")).body.includes(draft.id);
    expect(await waiting()).toBe(false);

    await readImport(t.ctx, draft.id);
    const review = await clerk.get(`/import/${draft.id}`);
    expect(review.body).toContain("Granska importerad remiss");
    expect(review.body).not.toContain('http-equiv="refresh"');
    expect(await waiting()).toBe(true);
  });

  it("shows a document that could not be read as failed, and discards an import after a confirmation step", async () => {
    const id = await uploaded({ fileName: "blank.pdf", bytes: await makePdf([" "]) });
    const failed = await clerk.get(`/import/${id}`);
    expect(failed.body).toContain("Remissen kunde inte läsas");
    expect(failed.body).toContain("Ingen text kunde läsas");
    // A clerk who left finds it again on the upload page, apart from those waiting for review.
    const list = (await clerk.get("/import")).body;
    expect(list).toMatch(new RegExp(`Läses eller kunde inte läsas[\\s\\S]*href="/import/${id}"`));

    const other = await uploaded(await corpusFile("04-trafikverket.txt"));
    const ask = await clerk.get(`/import/${other}/kassera`);
    expect(ask.statusCode).toBe(200);
    expect(ask.body).toContain("Inget ärende och ingen handling skapas");
    const before = await stored();
    const res = await clerk.post(`/import/${other}/kassera`, {});
    expect(res.statusCode).toBe(303);
    expect((await clerk.get(`/import/${other}`)).body).toContain("Importen är kasserad");
    // Kept, not deleted; nothing registered.
    expect(await stored()).toEqual(before);
    const row = await t.ctx.db
      .selectFrom("import_drafts")
      .select(["status", "discarded_by"])
      .where("id", "=", other)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("discarded");
    expect(row.discarded_by).toBeTruthy();
    expect((await clerk.get("/")).body).not.toContain(other);
  });

  it("refuses a file over the size limit with nothing stored", async () => {
    const small = await buildTestApp({ env: { KANSLI_MAX_UPLOAD_MB: "1" } });
    try {
      const c = new TestClient(small.app);
      await c.login("registrator");
      await c.get("/import");
      const drafts = () => small.ctx.db.selectFrom("import_drafts").select("id").execute();
      const before = await drafts();
      const big = Buffer.from("Remiss ".repeat(200_000), "utf8");
      const res = await c.upload("/import", {}, { fileName: "stor.txt", bytes: big });
      expect(res.statusCode).toBe(413);
      expect(res.body).toContain("Det du skickade är för stort.");
      expect(await drafts()).toEqual(before);
    } finally {
      await small.close();
    }
  });
});
