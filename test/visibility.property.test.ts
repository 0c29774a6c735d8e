import crypto from "node:crypto";
import fc from "fast-check";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "../src/auth/actor.ts";
import { openCase } from "../src/registry/cases.service.ts";
import { registerDocument } from "../src/registry/documents.service.ts";
import { requestCopy } from "../src/registry/public/copy-requests.service.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { TestClient } from "./helpers/client.ts";
import { demoClassId, newOfficer } from "./helpers/demo.ts";
import { makeDocx } from "./helpers/documents.ts";
import { unzip } from "./helpers/sip.ts";

/**
 * Issue 14, item 1: one visibility rule on every surface. Random cases hold a secret title (with
 * a public one), a secret document (description, party, file text), a draft and a party with
 * protected identity, each carrying its own unique marker word. Every surface is then read by
 * every role: outsiders (other units' officers, lasare, remissinstans, kontaktperson,
 * beslutsfattare) must never meet a marker, and the case's insiders (admin, registrator, the
 * unit's officer, the case's officer) must find on each surface what it exists to show them.
 */

/** The secret parts of a generated case, each with its own marker word. */
const SECRETS = ["title", "description", "documentParty", "protectedName", "fileText", "draft"] as const;
type Secret = (typeof SECRETS)[number];

interface Generated {
  caseId: string;
  unitId: string;
  secretDocumentId: string;
  draftId: string;
  markers: Record<Secret, string>;
}

/** A body as text: a ZIP (Excel, Word) unpacked into its entries' text, anything else as UTF-8. */
async function textOf(res: LightMyRequestResponse): Promise<string> {
  const bytes = res.rawPayload;
  if (bytes.subarray(0, 4).equals(Buffer.from("PK\u0003\u0004", "latin1")))
    return [...(await unzip(bytes)).values()].map((b) => b.toString("utf8")).join("\n");
  return bytes.toString("utf8");
}

/**
 * A surface where a case or its documents reach a person: how to read it for a generated case,
 * and which secrets an insider must find there. The consultation and engagement surfaces are
 * further entries of this list.
 */
interface Surface {
  name: string;
  paths: (g: Generated) => string[];
  insiderSees: Secret[];
  /** The part of a body that answers, where the page also repeats what was asked (a search word). */
  answer?: (body: string) => string;
  /** A further check of each answer to an outsider. */
  outsiderGets?: (body: string, path: string) => void;
}

const searchWords = (g: Generated) => SECRETS.map((s) => g.markers[s]);

const SURFACES: Surface[] = [
  // The case page, its documents, parties and history (audit events hold the real title and names).
  {
    name: "case page",
    paths: (g) => [`/arenden/${g.caseId}`],
    insiderSees: ["title", "protectedName", "draft"],
  },
  {
    name: "document page",
    paths: (g) => [`/handlingar/${g.secretDocumentId}`],
    insiderSees: ["description", "documentParty"],
  },
  { name: "draft page", paths: (g) => [`/handlingar/${g.draftId}`], insiderSees: ["draft"] },
  {
    name: "file download",
    paths: (g) => [`/handlingar/${g.secretDocumentId}/filer/1`],
    insiderSees: ["fileText"],
  },
  { name: "register list", paths: (g) => [`/arenden?unitId=${g.unitId}`], insiderSees: ["title"] },
  { name: "register CSV", paths: (g) => [`/arenden.csv?unitId=${g.unitId}`], insiderSees: ["title"] },
  { name: "register Excel", paths: (g) => [`/arenden.xlsx?unitId=${g.unitId}`], insiderSees: ["title"] },
  { name: "API cases", paths: (g) => [`/api/v1/cases?unitId=${g.unitId}`], insiderSees: ["title"] },
  { name: "API case", paths: (g) => [`/api/v1/cases/${g.caseId}`], insiderSees: ["title", "protectedName"] },
  {
    name: "API case documents",
    paths: (g) => [`/api/v1/cases/${g.caseId}/documents`],
    insiderSees: ["description", "documentParty", "draft"],
  },
  {
    name: "API document",
    paths: (g) => [`/api/v1/documents/${g.secretDocumentId}`, `/api/v1/documents/${g.draftId}`],
    insiderSees: ["description", "draft"],
  },
  {
    name: "API file",
    paths: (g) => [`/api/v1/documents/${g.secretDocumentId}/file`],
    insiderSees: ["fileText"],
  },
  {
    name: "API search",
    paths: (g) => searchWords(g).map((w) => `/api/v1/search?q=${w}`),
    insiderSees: ["title", "fileText"],
    // Not even found: no hit betrays that a secret word exists.
    outsiderGets: (body, path) => expect(JSON.parse(body).items, path).toEqual([]),
  },
  {
    name: "search page",
    // The page shows what the API search answers (same service); two words keep the run short.
    paths: (g) => [g.markers.title, g.markers.fileText].map((w) => `/sok?q=${w}`),
    insiderSees: ["title"],
    // The form and the heading repeat the words searched for; the hits follow the heading.
    answer: (body) => body.slice(body.indexOf("</h2>", body.indexOf('id="results-heading"'))),
  },
  // The registry's inbox of copy requests names the document asked for.
  { name: "copy requests", paths: () => ["/begaranden"], insiderSees: ["description"] },
  // Registry staff only (admins' audit log; e-archive for admin and registrator): nobody else gets in.
  { name: "audit log", paths: () => ["/admin/logg"], insiderSees: [] },
  { name: "e-archive", paths: (g) => [`/arenden/${g.caseId}/e-arkiv`, "/e-arkiv"], insiderSees: [] },
];

let t: TestApp;
let classId: string;
let caseOfficer: UserActor;
/** The unit the generated cases belong to; no demo account belongs to it. */
const UNIT = "sdn-rinkeby-kista";
const readers: { name: string; client: TestClient; insider: boolean }[] = [];

beforeAll(async () => {
  t = await buildTestApp();
  classId = await demoClassId(t, "2019", "1.4");
  caseOfficer = await newOfficer(t, "arendets-handlaggare", "forv-idrott");
  await newOfficer(t, "enhetens-handlaggare", UNIT);
  await newOfficer(t, "annan-handlaggare", "forv-miljo");
  const roles: [string, boolean][] = [
    ["admin", true],
    ["registrator", true],
    ["enhetens-handlaggare", true],
    ["arendets-handlaggare", true],
    ["lasare", false],
    ["remissinstans", false],
    ["kontaktperson", false],
    ["beslutsfattare", false],
    ["annan-handlaggare", false],
  ];
  for (const [name, insider] of roles) {
    const client = new TestClient(t.app);
    const login = await client.login(name);
    expect(login.statusCode, name).toBe(303);
    readers.push({ name, client, insider });
  }
}, 120_000);

afterAll(async () => {
  await t?.close();
});

const marker = () => `hemlig${crypto.randomBytes(5).toString("hex")}`;
const WORDS = [
  "ansökan",
  "utredning",
  "bostad",
  "stöd",
  "Rinkeby",
  "förälder",
  "skola",
  "ärende",
  "hot",
  "vård",
];
const words = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 }).map((w) => w.join(" "));
/** Where a marker sits in a text: alone, first, last or between words, with punctuation. */
const placed = fc.record({ before: words, after: words, style: fc.constantFrom("plain", "comma", "paren") });
const place = (p: { before: string; after: string; style: string }, m: string) =>
  p.style === "comma"
    ? `${p.before} ${m}, ${p.after}`
    : p.style === "paren"
      ? `${p.before} (${m})`
      : `${m} ${p.after}`;

const generatedCase = fc.record({
  title: placed,
  publicTitle: words,
  description: placed,
  documentParty: placed,
  protectedName: placed,
  protectedOrganisation: fc.option(words, { nil: undefined }),
  fileText: placed,
  fileKind: fc.constantFrom("txt", "docx"),
  draft: placed,
  byOfficer: fc.boolean(),
});

type Spec = typeof generatedCase extends fc.Arbitrary<infer T> ? T : never;

/** Writes a generated case through the services, as registry staff would, with a copy request for its secret document. */
async function writeCase(spec: Spec): Promise<Generated> {
  const markers = Object.fromEntries(SECRETS.map((s) => [s, marker()])) as Record<Secret, string>;
  const c = await openCase(t.ctx, "system", {
    registryId: "ks",
    title: place(spec.title, markers.title),
    publicTitle: `Ärende om ${spec.publicTitle}`,
    classId,
    unitId: UNIT,
    // Half the cases have an officer from another unit, so "the case's officer" is tested on its own.
    officerId: spec.byOfficer ? caseOfficer.id : undefined,
    parties: [
      {
        name: place(spec.protectedName, markers.protectedName),
        organisation: spec.protectedOrganisation,
        protectedIdentity: true,
      },
      { name: "Rinkeby-Kista stadsdelsförvaltning" },
    ],
  });
  const text = place(spec.fileText, markers.fileText);
  const file =
    spec.fileKind === "docx"
      ? { fileName: "brev.docx", bytes: await makeDocx([text]) }
      : { fileName: "brev.txt", bytes: Buffer.from(text, "utf8") };
  const secretDocument = await registerDocument(
    t.ctx,
    "system",
    c.id,
    {
      direction: "incoming",
      party: place(spec.documentParty, markers.documentParty),
      publicParty: "Enskild",
      description: place(spec.description, markers.description),
      publicDescription: "Skrivelse från enskild",
      secrecyProvision: "21 kap. 3 § OSL",
      secrecyMarkedOn: c.openedOn,
      secrecyAuthority: "Socialnämnden",
    },
    file,
  );
  const draft = await registerDocument(
    t.ctx,
    "system",
    c.id,
    { direction: "outgoing", party: "Mottagare", description: place(spec.draft, markers.draft), draft: true },
    null,
  );
  await requestCopy(t.ctx, secretDocument.id, { delivery: "email", email: "nyfiken@example.org" });
  return { caseId: c.id, unitId: UNIT, secretDocumentId: secretDocument.id, draftId: draft.id, markers };
}

describe("one visibility rule on every registry surface (issue 14)", () => {
  it("outsiders never meet a secret title, description, protected party, draft or file text; insiders do", async () => {
    await fc.assert(
      fc.asyncProperty(generatedCase, async (spec) => {
        const g = await writeCase(spec);
        const officerOfCase = spec.byOfficer;
        for (const reader of readers) {
          // The case's officer is an insider only of the cases they are the officer of.
          const insider = reader.name === "arendets-handlaggare" ? officerOfCase : reader.insider;
          for (const surface of SURFACES) {
            const bodies: string[] = [];
            for (const path of surface.paths(g)) {
              const res = await reader.client.get(path);
              expect(res.statusCode, `${reader.name} ${surface.name} ${path}`).toBeLessThan(500);
              const text = await textOf(res);
              if (!insider) surface.outsiderGets?.(text, `${reader.name} ${path}`);
              bodies.push(surface.answer ? surface.answer(text) : text);
            }
            const body = bodies.join("\n");
            for (const secret of SECRETS) {
              const where = `${reader.name} on ${surface.name}: ${secret}`;
              if (!insider) expect(body, where).not.toContain(g.markers[secret]);
              else if (surface.insiderSees.includes(secret)) expect(body, where).toContain(g.markers[secret]);
            }
          }
        }
      }),
      { numRuns: 15 },
    );
  }, 180_000);
});
