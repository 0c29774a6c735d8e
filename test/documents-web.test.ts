import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createToken } from "../src/auth/tokens.service.ts";
import { findUserByUsername } from "../src/auth/users.store.ts";
import { ManualClock } from "../src/platform/clock.ts";
import { openCase } from "../src/registry/cases.service.ts";
import { addSecrecyGround } from "../src/registry/secrecy-grounds.service.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { dateInputValue, type FilePart, multipart, TestClient } from "./helpers/client.ts";
import { demoActor, demoClassId } from "./helpers/demo.ts";
import { makeDocx, makePdf, makeZip } from "./helpers/documents.ts";

/** Monday 9 March 2026, 10:00 in Stockholm. */
const MONDAY = new Date("2026-03-09T09:00:00Z");
const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

let t: TestApp;
let clock: ManualClock;
/** The demo's strategy case KS 171-482/2016; its officer is handlaggare. */
let caseId = "";
const tokens: Record<string, string> = {};

beforeAll(async () => {
  clock = new ManualClock(MONDAY);
  t = await buildTestApp({ clock });
  caseId = (
    await t.ctx.db
      .selectFrom("cases")
      .select("id")
      .where("diary_number", "=", "KS 171-482/2016")
      .executeTakeFirstOrThrow()
  ).id;
  for (const who of ["registrator", "handlaggare", "lasare"]) {
    const user = await findUserByUsername(t.ctx.db, t.config.tenantId, who);
    tokens[who] = (await createToken(t.ctx, "system", user!, { name: "documents" })).token;
  }
});
afterAll(async () => {
  await t.close();
});
beforeEach(() => {
  clock.set(MONDAY);
});

const sha256 = (bytes: Buffer) => crypto.createHash("sha256").update(bytes).digest("hex");

function api(who: string, method: "GET" | "POST", url: string, payload?: object) {
  return t.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${tokens[who]}` },
    ...(payload ? { payload } : {}),
  });
}

function apiUpload(who: string, url: string, fields: Record<string, string>, file?: FilePart) {
  const { payload, contentType } = multipart(fields, file);
  return t.app.inject({
    method: "POST",
    url,
    headers: { authorization: `Bearer ${tokens[who]}`, "content-type": contentType },
    payload,
  });
}

async function signedIn(who: string): Promise<TestClient> {
  const client = new TestClient(t.app);
  expect((await client.login(who)).statusCode).toBe(303);
  return client;
}

/** A registrator on the new-document form of a case, ready to post it. */
async function onForm(id = caseId): Promise<TestClient> {
  const clerk = await signedIn("registrator");
  expect((await clerk.get(`/arenden/${id}/handlingar/ny`)).statusCode).toBe(200);
  return clerk;
}

const idOf = (res: LightMyRequestResponse) => {
  expect(res.statusCode).toBe(303);
  const id = /^\/handlingar\/([\w-]+)$/.exec(String(res.headers.location))?.[1];
  expect(id).toBeTruthy();
  return id as string;
};

const documentRow = (id: string) =>
  t.ctx.db.selectFrom("documents").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const fileRows = (id: string) =>
  t.ctx.db
    .selectFrom("document_files")
    .selectAll()
    .where("document_id", "=", id)
    .orderBy("version")
    .execute();

async function blobs(app: TestApp = t): Promise<string[]> {
  const dir = path.join(app.config.dataDir, "files");
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => e.name);
}

/** Everything an upload could leave behind: register rows, file rows and stored blobs. */
async function stored(app: TestApp = t) {
  const [documents, files] = await Promise.all([
    app.ctx.db.selectFrom("documents").select("id").execute(),
    app.ctx.db.selectFrom("document_files").select("id").execute(),
  ]);
  return { documents: documents.length, files: files.length, blobs: (await blobs(app)).sort() };
}

const letter = (extra: Record<string, string> = {}) => ({
  direction: "incoming",
  date: "2026-03-06",
  party: "Örebro läns förvaltningsrätt",
  description: "Dom i mål om laglighetsprövning",
  ...extra,
});

/** The table row (of a list page) that holds the text. */
const rowWith = (html: string, text: string) =>
  [...html.matchAll(/<tr>[\s\S]*?<\/tr>/g)].map((m) => m[0]).find((row) => row.includes(text));

describe("the new-document form (R1, R3)", () => {
  it("proposes today's date", async () => {
    const clerk = await signedIn("registrator");
    const res = await clerk.get(`/arenden/${caseId}/handlingar/ny`);
    expect(res.statusCode).toBe(200);
    expect(dateInputValue(res.body, "date")).toBe("2026-03-09");
    expect(res.body).toContain('enctype="multipart/form-data"');
  });

  it("dates post found at the first opening to the previous working day, also with the proposed date kept", async () => {
    for (const date of ["", "2026-03-09"]) {
      const clerk = await onForm();
      const res = await clerk.upload(
        `/arenden/${caseId}/handlingar`,
        letter({ date, foundAtFirstOpening: "on", description: `Brev i brevlådan (${date || "tomt"})` }),
        null,
      );
      expect((await documentRow(idOf(res))).document_date).toBe("2026-03-06");
    }
  });

  it("refuses a date in the future and stores nothing", async () => {
    const before = await stored();
    const clerk = await onForm();
    const res = await clerk.upload(`/arenden/${caseId}/handlingar`, letter({ date: "2026-03-10" }), null);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('href="#date"');
    expect(res.body).toContain("Datumet kan inte ligga i framtiden");
    expect(await stored()).toEqual(before);
  });

  it("shows every problem at once and keeps the answers", async () => {
    const before = await stored();
    const clerk = await onForm();
    const res = await clerk.upload(
      `/arenden/${caseId}/handlingar`,
      { direction: "outgoing", party: "", description: "", documentType: "Skrivelse" },
      null,
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('href="#description"');
    expect(res.body).toContain("Beskriv kort vad handlingen innehåller");
    expect(res.body).toContain('href="#party"');
    expect(res.body).toContain("Fyll i avsändare eller mottagare");
    expect(res.body).toContain('value="Skrivelse"');
    expect(await stored()).toEqual(before);
  });

  it("registers a drawn-up document without a party, and shows its register entry", async () => {
    const clerk = await onForm();
    const res = await clerk.upload(
      `/arenden/${caseId}/handlingar`,
      { direction: "internal", date: "", description: "Minnesanteckning från remissmöte" },
      null,
    );
    const id = idOf(res);
    const page = await clerk.get(`/handlingar/${id}`);
    expect(page.body).toContain("KS 171-482/2016");
    expect(page.body).toContain("Minnesanteckning från remissmöte");
    expect(page.body).toContain("2026-03-09");
  });
});

describe("files", () => {
  it("stores an uploaded Word file by its SHA-256, keeps its text, and sends back the same bytes", async () => {
    const bytes = await makeDocx(["Dom meddelad av Örebro läns förvaltningsrätt", "Överklagandet avslås."]);
    const clerk = await onForm();
    const res = await clerk.upload(`/arenden/${caseId}/handlingar`, letter(), {
      fileName: "Dom Örebro.docx",
      bytes,
    });
    const id = idOf(res);
    const [file] = await fileRows(id);
    expect(file).toMatchObject({
      version: 1,
      sha256: sha256(bytes),
      size: bytes.length,
      file_name: "Dom Örebro.docx",
      mime: DOCX_MIME,
    });
    expect(file?.text_content).toContain("Örebro läns förvaltningsrätt");
    expect(file?.text_content).toContain("Överklagandet avslås");
    const h = sha256(bytes);
    const onDisk = await fs.readFile(path.join(t.config.dataDir, "files", h.slice(0, 2), h.slice(2, 4), h));
    expect(onDisk.equals(bytes)).toBe(true);

    const page = await clerk.get(`/handlingar/${id}`);
    expect(page.body).toContain("Dom Örebro.docx");
    expect(page.body).toContain(`/handlingar/${id}/filer/1`);
    const download = await clerk.get(`/handlingar/${id}/filer/1`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(bytes)).toBe(true);
    expect(download.headers["x-content-type-options"]).toBe("nosniff");
    expect(String(download.headers["content-disposition"])).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent("Dom Örebro.docx")}`,
    );
    expect(String(download.headers["content-type"])).toContain(DOCX_MIME);
    expect((await clerk.get(`/handlingar/${id}/filer/2`)).statusCode).toBe(404);
  });

  it("accepts a file larger than the 1 MB form body limit when it is within the upload limit", async () => {
    const bytes = Buffer.from("Remissvar från Örebro läns förvaltningsrätt.\n".repeat(35_000), "utf8");
    expect(bytes.length).toBeGreaterThan(1.5 * 1024 * 1024);
    const clerk = await onForm();
    const res = await clerk.upload(`/arenden/${caseId}/handlingar`, letter(), {
      fileName: "remissvar.txt",
      bytes,
    });
    const [file] = await fileRows(idOf(res));
    expect(file).toMatchObject({ size: bytes.length, sha256: sha256(bytes) });
  });
});

describe("upload attacks: a clear refusal, and nothing stored", () => {
  const DOCX_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;

  async function refused(file: FilePart, message: string) {
    const before = await stored();
    const clerk = await onForm();
    const res = await clerk.upload(`/arenden/${caseId}/handlingar`, letter(), file);
    expect(res.statusCode).toBe(422);
    const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(res.body)?.[0] ?? "";
    expect(summary).toContain('href="#file"');
    expect(summary).toContain(message);
    expect(res.body).toContain('id="file-error"');
    // The rest of the form is kept for the next try.
    expect(res.body).toContain("Dom i mål om laglighetsprövning");
    expect(await stored()).toEqual(before);
  }

  it("refuses a zip bomb dressed as a Word file", async () => {
    const bomb = makeZip([
      { name: "[Content_Types].xml", data: DOCX_TYPES },
      { name: "word/document.xml", data: Buffer.alloc(20 * 1024 * 1024, " ") },
    ]);
    expect(bomb.length).toBeLessThan(100_000);
    await refused(
      { fileName: "dom.docx", bytes: bomb },
      "Filen kan inte packas upp säkert och tas inte emot",
    );
  });

  it("refuses a PDF renamed .docx", async () => {
    await refused(
      { fileName: "dom.docx", bytes: await makePdf(["Örebro läns förvaltningsrätt"]) },
      "Filens innehåll stämmer inte med filändelsen",
    );
  });

  it("refuses a program", async () => {
    const exe = Buffer.concat([Buffer.from("MZ\x90\0\x03\0\0\0", "latin1"), crypto.randomBytes(2048)]);
    await refused({ fileName: "dom.exe", bytes: exe }, "Filtypen tas inte emot");
    await refused({ fileName: "dom.docx.exe", bytes: await makeDocx(["Dom"]) }, "Filtypen tas inte emot");
  });

  it("refuses an empty file", async () => {
    await refused({ fileName: "tom.pdf", bytes: Buffer.alloc(0) }, "Filen är tom");
  });

  it("refuses a file whose name is nothing but a path or control characters, instead of dropping it", async () => {
    const bytes = await makeDocx(["Örebro läns förvaltningsrätt"]);
    for (const fileName of ["..", "../", "\x01\x02\x1b"]) {
      await refused({ fileName, bytes }, "Filnamnet går inte att använda");
    }
  });

  it("stores a file name cleaned of paths and control characters, and sends it back clean", async () => {
    const cases: [string, string][] = [
      ["../../../etc/passwd.docx", "passwd.docx"],
      ["..\\..\\Windows\\dom.docx", "dom.docx"],
      ["dom\x07\x1b\u202Excod.docx", "domxcod.docx"],
      ["dom\t  om\u200Blaglighet .docx", "dom omlaglighet .docx"],
      ["...dold.docx", "dold.docx"],
    ];
    for (const [given, kept] of cases) {
      const bytes = await makeDocx([`Dom ${given}`]);
      const clerk = await onForm();
      const res = await clerk.upload(`/arenden/${caseId}/handlingar`, letter(), { fileName: given, bytes });
      const id = idOf(res);
      expect((await fileRows(id)).map((f) => f.file_name)).toEqual([kept]);
      const download = await clerk.get(`/handlingar/${id}/filer/1`);
      expect(download.headers["content-disposition"]).toBe(
        `attachment; filename*=UTF-8''${encodeURIComponent(kept)}`,
      );
    }
    // Content-addressed: no name from the upload ever reaches the disk.
    for (const name of await blobs()) expect(name).toMatch(/^[0-9a-f]{64}$/);
  });

  it("answers 413 for a file over the limit, on the page and in the API", async () => {
    const small = await buildTestApp({ clock, env: { KANSLI_MAX_UPLOAD_MB: "1" } });
    try {
      const user = await findUserByUsername(small.ctx.db, small.config.tenantId, "registrator");
      const token = (await createToken(small.ctx, "system", user!, { name: "limit" })).token;
      const strategy = await small.ctx.db
        .selectFrom("cases")
        .select("id")
        .where("diary_number", "=", "KS 171-482/2016")
        .executeTakeFirstOrThrow();
      const big = Buffer.from(
        "Ett långt yttrande från Örebro läns förvaltningsrätt.\n".repeat(30_000),
        "utf8",
      );
      expect(big.length).toBeGreaterThan(1.5 * 1024 * 1024);
      const before = await stored(small);

      const clerk = new TestClient(small.app);
      await clerk.login("registrator");
      await clerk.get(`/arenden/${strategy.id}/handlingar/ny`);
      const page = await clerk.upload(`/arenden/${strategy.id}/handlingar`, letter(), {
        fileName: "yttrande.txt",
        bytes: big,
      });
      expect(page.statusCode).toBe(413);

      const viaApi = multipart(letter(), { fileName: "yttrande.txt", bytes: big });
      const res = await small.app.inject({
        method: "POST",
        url: `/api/v1/cases/${strategy.id}/documents`,
        headers: { authorization: `Bearer ${token}`, "content-type": viaApi.contentType },
        payload: viaApi.payload,
      });
      expect(res.statusCode).toBe(413);
      expect(res.json().error.code).toBe("too_large");
      expect(await stored(small)).toEqual(before);
    } finally {
      await small.close();
    }
  });

  it("keeps HTML and script in every text field as text and shows it escaped", async () => {
    const evil = (field: string) => `<script>alert("${field}")</script>`;
    // A marking names a ground on the list; the stycke of a ground is text an admin types.
    const ground = await addSecrecyGround(t.ctx, await demoActor(t, "admin"), {
      chapter: 21,
      section: "1",
      paragraph: evil("secrecyProvision"),
      name: evil("groundName"),
    });
    const fields = {
      direction: "incoming",
      date: "2026-03-06",
      party: evil("party"),
      description: evil("description"),
      documentType: evil("documentType"),
      dueDate: "2026-03-20",
      secrecyProvision: ground.citation,
      secrecyMarkedOn: "2026-03-06",
      secrecyAuthority: evil("secrecyAuthority"),
      publicDescription: evil("publicDescription"),
      publicParty: evil("publicParty"),
    };
    /**
     * Escaped as text (@kitajs/html escapes `<`, never `>`, so "&lt;script>" is what escaped
     * markup looks like), and no tag of ours outside a quoted attribute value.
     */
    const escaped = (res: LightMyRequestResponse) => {
      expect(res.statusCode).toBeLessThan(500);
      expect(res.body).toContain("&lt;script>alert(");
      const outsideAttributes = res.body.replace(/="[^"]*"/g, '=""');
      expect(outsideAttributes).not.toMatch(/<script|<img/i);
    };
    /** And on pages that show stored text, the raw markup nowhere at all. */
    const noRawScript = (res: LightMyRequestResponse) => {
      escaped(res);
      expect(res.body).not.toContain("<script>alert");
      expect(res.body).not.toContain("<img src=x");
    };

    // Refused first (a future date): the form comes back with the answers, escaped.
    const clerk = await onForm();
    const again = await clerk.upload(
      `/arenden/${caseId}/handlingar`,
      { ...fields, date: "2027-01-01" },
      null,
    );
    expect(again.statusCode).toBe(422);
    // The form gives the answers back in value attributes, where "<" cannot open a tag.
    escaped(again);
    expect(again.body).toContain('value="<script>alert(&#34;party&#34;)</script>"');

    const res = await clerk.upload(`/arenden/${caseId}/handlingar`, fields, {
      fileName: "<img src=x onerror=alert(1)>.txt",
      bytes: Buffer.from("<script>alert('fil')</script>", "utf8"),
    });
    const id = idOf(res);
    const row = await documentRow(id);
    expect(row).toMatchObject({
      party: evil("party"),
      description: evil("description"),
      document_type: evil("documentType"),
      secrecy_provision: ground.citation,
      secrecy_authority: evil("secrecyAuthority"),
      public_description: evil("publicDescription"),
      public_party: evil("publicParty"),
    });
    expect((await fileRows(id))[0]?.file_name).toBe("<img src=x onerror=alert(1)>.txt");

    const officer = await signedIn("handlaggare");
    const full = await officer.get(`/handlingar/${id}`);
    noRawScript(full);
    for (const field of ["party", "description", "documentType", "secrecyProvision", "secrecyAuthority"])
      expect(full.body).toContain(`&lt;script>alert(&#34;${field}&#34;)&lt;/script>`);
    expect(full.body).toContain("&lt;img src=x onerror=alert(1)>.txt");
    noRawScript(await officer.get(`/arenden/${caseId}`));
    noRawScript(await officer.get("/mina-bevakningar"));
    const download = await officer.get(`/handlingar/${id}/filer/1`);
    expect(download.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(download.headers["x-content-type-options"]).toBe("nosniff");

    const reader = await signedIn("lasare");
    const limited = await reader.get(`/handlingar/${id}`);
    noRawScript(limited);
    expect(limited.body).toContain("&lt;script>alert(&#34;publicDescription&#34;)");
    expect(limited.body).not.toContain("alert(&#34;description&#34;)");
    noRawScript(await reader.get(`/arenden/${caseId}`));

    // The sign-off reference too.
    await officer.get(`/handlingar/${id}`);
    const signed = await officer.post(`/handlingar/${id}/avskriv`, {
      kind: "answered",
      reference: evil("reference"),
    });
    expect(signed.statusCode).toBe(303);
    noRawScript(await officer.get(`/handlingar/${id}`));

    // The API hands the text back as it was given, as JSON.
    const json = (await api("handlaggare", "GET", `/api/v1/documents/${id}`)).json();
    expect(json.description).toBe(evil("description"));
  });
});

describe("R2: secret documents", () => {
  const secret = {
    direction: "incoming",
    date: "2026-03-06",
    party: "Anna Andersson, Kungsgatan 1",
    description: "Ansökan om bidrag med uppgifter om hälsa",
    secrecyProvision: "21 kap. 1 § OSL",
    secrecyMarkedOn: "2026-03-09",
    secrecyAuthority: "Stadsledningskontoret",
    publicDescription: "Ansökan om bidrag",
    publicParty: "Enskild",
  };

  it("refuses a partial marking, naming every missing part, and a marking without public description", async () => {
    const before = await stored();
    const clerk = await onForm();
    const partial = await clerk.upload(
      `/arenden/${caseId}/handlingar`,
      { ...secret, secrecyMarkedOn: "", secrecyAuthority: "", publicDescription: "" },
      null,
    );
    expect(partial.statusCode).toBe(422);
    for (const field of ["secrecyMarkedOn", "secrecyAuthority", "publicDescription"])
      expect(partial.body).toContain(`href="#${field}"`);
    expect(partial.body).not.toContain('href="#secrecyProvision"');
    expect(partial.body).toContain("En sekretessmarkering behöver bestämmelse, datum och myndighet");
    expect(partial.body).toContain("En sekretessmarkerad handling behöver en offentlig beskrivning");

    const noPublic = await clerk.upload(
      `/arenden/${caseId}/handlingar`,
      { ...secret, publicDescription: "" },
      null,
    );
    expect(noPublic.statusCode).toBe(422);
    expect(noPublic.body).toContain('href="#publicDescription"');
    expect(await stored()).toEqual(before);
  });

  it("shows a reader without access only the public description, and no file; staff see it all", async () => {
    const bytes = await makePdf(["Ansökan om bidrag med uppgifter om hälsa"]);
    const clerk = await onForm();
    const id = idOf(
      await clerk.upload(`/arenden/${caseId}/handlingar`, secret, { fileName: "ansokan.pdf", bytes }),
    );

    const reader = await signedIn("lasare");
    for (const url of [`/arenden/${caseId}`, `/handlingar/${id}`]) {
      const page = await reader.get(url);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain("Ansökan om bidrag");
      expect(page.body).not.toContain("uppgifter om hälsa");
      expect(page.body).not.toContain("Anna Andersson");
    }
    const page = await reader.get(`/handlingar/${id}`);
    expect(page.body).toContain("Enskild");
    expect(page.body).not.toContain("ansokan.pdf");
    expect(page.body).not.toContain(`/handlingar/${id}/filer/1`);
    expect((await reader.get(`/handlingar/${id}/filer/1`)).statusCode).toBe(404);

    const one = await api("lasare", "GET", `/api/v1/documents/${id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ description: "Ansökan om bidrag", party: "Enskild", files: [] });
    expect(one.body).not.toContain("hälsa");
    expect(one.body).not.toContain("Anna Andersson");
    const list = await api("lasare", "GET", `/api/v1/cases/${caseId}/documents`);
    expect(list.json().items.map((d: { id: string }) => d.id)).toContain(id);
    expect(list.body).not.toContain("uppgifter om hälsa");
    expect((await api("lasare", "GET", `/api/v1/documents/${id}/file`)).statusCode).toBe(404);

    const officer = await signedIn("handlaggare");
    const full = await officer.get(`/handlingar/${id}`);
    expect(full.body).toContain("Ansökan om bidrag med uppgifter om hälsa");
    expect(full.body).toContain("Anna Andersson, Kungsgatan 1");
    expect(full.body).toContain("21 kap. 1 § OSL");
    const download = await officer.get(`/handlingar/${id}/filer/1`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(bytes)).toBe(true);
    const fromApi = await api("handlaggare", "GET", `/api/v1/documents/${id}`);
    expect(fromApi.json()).toMatchObject({
      description: "Ansökan om bidrag med uppgifter om hälsa",
      secrecy: { provision: "21 kap. 1 § OSL" },
    });
    const file = await api("handlaggare", "GET", `/api/v1/documents/${id}/file`);
    expect(file.rawPayload.equals(bytes)).toBe(true);
  });
});

describe("R4: drafts", () => {
  it("hides a draft from readers, keeps its case open, takes new versions, and freezes once registered", async () => {
    const officer = await demoActor(t, "handlaggare");
    const c = await openCase(t.ctx, officer, {
      registryId: "ks",
      title: "Svar till Helsingfors stad om vänortssamarbete",
      classId: await demoClassId(t, "2019", "1.4"),
      unitId: "slk",
      officerId: officer.id,
    });
    const first = await makeDocx(["Svar till Helsingfors stad, utkast 1"]);
    const clerk = await onForm(c.id);
    const id = idOf(
      await clerk.upload(
        `/arenden/${c.id}/handlingar`,
        {
          direction: "outgoing",
          date: "",
          party: "Helsingfors stad",
          description: "Svar om vänortssamarbete (utkast)",
          draft: "on",
        },
        { fileName: "svar.docx", bytes: first },
      ),
    );
    expect((await documentRow(id)).status).toBe("draft");

    const reader = await signedIn("lasare");
    expect((await reader.get(`/handlingar/${id}`)).statusCode).toBe(404);
    expect((await reader.get(`/handlingar/${id}/filer/1`)).statusCode).toBe(404);
    const casePage = await reader.get(`/arenden/${c.id}`);
    expect(casePage.statusCode).toBe(200);
    expect(casePage.body).not.toContain("Svar om vänortssamarbete");
    expect(casePage.body).not.toContain(id);
    expect((await api("lasare", "GET", `/api/v1/documents/${id}`)).statusCode).toBe(404);
    expect((await api("lasare", "GET", `/api/v1/documents/${id}/file`)).statusCode).toBe(404);
    expect((await api("lasare", "GET", `/api/v1/cases/${c.id}/documents`)).json().items).toEqual([]);
    expect((await clerk.get(`/arenden/${c.id}`)).body).toContain("Svar om vänortssamarbete (utkast)");

    await clerk.get(`/arenden/${c.id}`);
    const close = await clerk.post(`/arenden/${c.id}/avsluta`, {});
    expect(close.statusCode).toBe(409);
    const caseRow = await t.ctx.db
      .selectFrom("cases")
      .select("status")
      .where("id", "=", c.id)
      .executeTakeFirstOrThrow();
    expect(caseRow.status).toBe("open");

    const second = await makeDocx(["Svar till Helsingfors stad, utkast 2"]);
    await clerk.get(`/handlingar/${id}`);
    const versioned = await clerk.upload(
      `/handlingar/${id}/versioner`,
      {},
      { fileName: "svar-2.docx", bytes: second },
    );
    expect(versioned.statusCode).toBe(303);
    expect((await fileRows(id)).map((f) => [f.version, f.file_name, f.sha256])).toEqual([
      [1, "svar.docx", sha256(first)],
      [2, "svar-2.docx", sha256(second)],
    ]);
    expect((await clerk.get(`/handlingar/${id}/filer/1`)).rawPayload.equals(first)).toBe(true);
    expect((await clerk.get(`/handlingar/${id}/filer/2`)).rawPayload.equals(second)).toBe(true);
    const latest = await api("registrator", "GET", `/api/v1/documents/${id}/file`);
    expect(latest.headers["x-sha256"]).toBe(sha256(second));

    await clerk.get(`/handlingar/${id}`);
    expect((await clerk.post(`/handlingar/${id}/registrera`, {})).statusCode).toBe(303);
    expect((await documentRow(id)).status).toBe("registered");
    expect((await reader.get(`/handlingar/${id}`)).statusCode).toBe(200);
    expect((await reader.get(`/arenden/${c.id}`)).body).toContain("Svar om vänortssamarbete (utkast)");

    const before = await stored();
    await clerk.get(`/handlingar/${id}`);
    const frozen = await clerk.upload(
      `/handlingar/${id}/versioner`,
      {},
      { fileName: "svar-3.docx", bytes: await makeDocx(["En sen ändring"]) },
    );
    expect(frozen.statusCode).toBe(409);
    expect(await stored()).toEqual(before);
    expect((await fileRows(id)).map((f) => f.version)).toEqual([1, 2]);

    await clerk.get(`/arenden/${c.id}`);
    expect((await clerk.post(`/arenden/${c.id}/avsluta`, {})).statusCode).toBe(303);
    const closed = await t.ctx.db
      .selectFrom("cases")
      .select("status")
      .where("id", "=", c.id)
      .executeTakeFirstOrThrow();
    expect(closed.status).toBe("closed");
  });
});

describe("R5: due items", () => {
  it("lists an incoming document with a due date for the case's officer, flags it overdue, and drops it once signed off", async () => {
    const description = "Begäran om yttrande från Länsstyrelsen";
    const clerk = await onForm();
    const id = idOf(
      await clerk.upload(
        `/arenden/${caseId}/handlingar`,
        letter({ party: "Länsstyrelsen i Stockholms län", description, dueDate: "2026-03-13" }),
        null,
      ),
    );

    const officer = await signedIn("handlaggare");
    const list = await officer.get("/mina-bevakningar");
    expect(list.statusCode).toBe(200);
    const row = rowWith(list.body, description);
    expect(row).toContain("2026-03-13");
    expect(row).toContain(`/handlingar/${id}`);
    expect(row).not.toContain("Försenad");
    // Someone who is not the case's officer has no such item.
    expect((await clerk.get("/mina-bevakningar")).body).not.toContain(description);

    // A week later (the sessions have run out meanwhile).
    clock.set(new Date("2026-03-16T09:00:00Z"));
    const later = await signedIn("handlaggare");
    expect(rowWith((await later.get("/mina-bevakningar")).body, description)).toContain("Försenad");
    await expectSignOff(later, id, description);
  });

  it("signs off through the API: a clear error for a bad kind or a missing reference, only the case's officer, once", async () => {
    const description = "Begäran om yttrande från Trafikverket";
    const clerk = await onForm();
    const id = idOf(
      await clerk.upload(
        `/arenden/${caseId}/handlingar`,
        letter({ party: "Trafikverket", description, dueDate: "2026-03-20" }),
        null,
      ),
    );
    const url = `/api/v1/documents/${id}/sign-off`;
    const fieldsOf = async (body: object) => {
      const res = await api("handlaggare", "POST", url, body);
      expect(res.statusCode).toBe(422);
      return res.json().error.fields.map((e: { field: string }) => e.field);
    };
    expect(await fieldsOf({ kind: "glömd" })).toEqual(["kind"]);
    expect(await fieldsOf({ kind: "answered" })).toEqual(["reference"]);
    expect((await api("lasare", "POST", url, { kind: "noted" })).statusCode).toBe(403);
    expect(await documentRow(id)).toMatchObject({ signed_off_on: null });

    const signed = await api("handlaggare", "POST", url, {
      kind: "answered",
      reference: "Yttrande 2026-03-09",
    });
    expect(signed.statusCode).toBe(200);
    expect(signed.json()).toMatchObject({ id, signedOffOn: "2026-03-09", signoffKind: "answered" });
    expect((await api("handlaggare", "POST", url, { kind: "noted" })).statusCode).toBe(409);
    expect((await (await signedIn("handlaggare")).get("/mina-bevakningar")).body).not.toContain(description);
  });

  async function expectSignOff(officer: TestClient, id: string, description: string) {
    await officer.get(`/handlingar/${id}`);
    const missing = await officer.post(`/handlingar/${id}/avskriv`, { kind: "answered", reference: "" });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('href="#reference"');
    expect(missing.body).toContain("Ange en hänvisning");
    expect((await officer.get("/mina-bevakningar")).body).toContain(description);

    const signed = await officer.post(`/handlingar/${id}/avskriv`, {
      kind: "answered",
      reference: "Yttrande 2026-03-16",
    });
    expect(signed.statusCode).toBe(303);
    expect(await documentRow(id)).toMatchObject({
      signed_off_on: "2026-03-16",
      signoff_kind: "answered",
      signoff_reference: "Yttrande 2026-03-16",
    });
    expect((await officer.get("/mina-bevakningar")).body).not.toContain(description);
  }
});

describe("documents API", () => {
  it("registers with a file as multipart and without one as JSON, lists both, and sends the file with its hash", async () => {
    const bytes = await makeDocx(["Beslut från Örebro läns förvaltningsrätt"]);
    const withFile = await apiUpload("registrator", `/api/v1/cases/${caseId}/documents`, letter(), {
      fileName: "beslut.docx",
      bytes,
    });
    expect(withFile.statusCode).toBe(201);
    const doc = withFile.json();
    expect(doc).toMatchObject({
      caseId,
      direction: "incoming",
      status: "registered",
      date: "2026-03-06",
      party: "Örebro läns förvaltningsrätt",
      files: [
        { version: 1, fileName: "beslut.docx", size: bytes.length, sha256: sha256(bytes), mime: DOCX_MIME },
      ],
    });

    const json = await api("registrator", "POST", `/api/v1/cases/${caseId}/documents`, {
      direction: "outgoing",
      party: "Örebro läns förvaltningsrätt",
      description: "Yttrande till förvaltningsrätten",
      draft: true,
    });
    expect(json.statusCode).toBe(201);
    expect(json.json()).toMatchObject({ status: "draft", date: "2026-03-09", files: [] });

    const list = await api("registrator", "GET", `/api/v1/cases/${caseId}/documents`);
    expect(list.statusCode).toBe(200);
    const ids = list.json().items.map((d: { id: string }) => d.id);
    expect(ids).toEqual(expect.arrayContaining([doc.id, json.json().id]));

    const file = await api("lasare", "GET", `/api/v1/documents/${doc.id}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(bytes)).toBe(true);
    expect(file.headers["x-sha256"]).toBe(sha256(bytes));
    expect(file.headers["x-content-type-options"]).toBe("nosniff");
    expect(String(file.headers["content-disposition"])).toMatch(/^attachment;/);
    expect((await api("lasare", "GET", `/api/v1/documents/${doc.id}`)).json().files).toHaveLength(1);
  });

  it("refuses a bad upload with the file field's problem and stores nothing", async () => {
    const before = await stored();
    const res = await apiUpload(
      "registrator",
      `/api/v1/cases/${caseId}/documents`,
      letter({ description: "" }),
      {
        fileName: "beslut.docx",
        bytes: await makePdf(["Inte Word"]),
      },
    );
    expect(res.statusCode).toBe(422);
    expect(
      res
        .json()
        .error.fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(["description", "file"]);
    expect(await stored()).toEqual(before);
    const reader = await apiUpload("lasare", `/api/v1/cases/${caseId}/documents`, letter(), {
      fileName: "beslut.pdf",
      bytes: await makePdf(["Läsaren får inte"]),
    });
    expect(reader.statusCode).toBe(403);
    expect(await stored()).toEqual(before);
  });
});
