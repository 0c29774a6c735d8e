import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { UserActor } from "../src/auth/actor.ts";
import { ManualClock } from "../src/platform/clock.ts";
import { ConflictError, type FieldError, ValidationError } from "../src/platform/errors.ts";
import { changeCaseStatus, openCase } from "../src/registry/cases.service.ts";
import {
  addFileVersion,
  finalizeDocument,
  getDocument,
  registerDocument,
  signOff,
} from "../src/registry/documents.service.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { demoActor, demoClassId } from "./helpers/demo.ts";
import { makeDocx, makePdf } from "./helpers/documents.ts";

/** Monday 9 March 2026, 10:00 in Stockholm: the previous working day is Friday 6 March. */
const MONDAY = new Date("2026-03-09T09:00:00Z");

let t: TestApp;
let clock: ManualClock;
let officer: UserActor;
let classId = "";
let caseId = "";

beforeAll(async () => {
  clock = new ManualClock(MONDAY);
  t = await buildTestApp({ clock });
  officer = await demoActor(t, "handlaggare");
  classId = await demoClassId(t, "2019", "1.4");
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  clock.set(MONDAY);
  const c = await openCase(t.ctx, officer, {
    registryId: "ks",
    title: "Inbjudan till nordiskt borgmästarmöte",
    classId,
    unitId: "slk",
    officerId: officer.id,
  });
  caseId = c.id;
});

const incoming = (extra: Record<string, unknown> = {}) => ({
  direction: "incoming",
  party: "Helsingfors stad",
  description: "Inbjudan till borgmästarmöte i Helsingfors",
  ...extra,
});

/** The field errors of a refused registration (fails the test when it was accepted). */
async function refusal(input: Record<string, unknown>, id = caseId): Promise<FieldError[]> {
  const error = await registerDocument(t.ctx, officer, id, input, null).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).fields;
}

const documentCount = async () =>
  (await t.ctx.db.selectFrom("documents").select("id").where("case_id", "=", caseId).execute()).length;

describe("R1: minimum register data", () => {
  it("refuses a document without a description, also one of blanks", async () => {
    for (const description of [undefined, "", "   "]) {
      const fields = await refusal(incoming({ description }));
      expect(fields.map((f) => f.field)).toEqual(["description"]);
    }
    expect((await refusal(incoming({ description: "" })))[0]?.message).toBe("document.description_required");
    expect(await documentCount()).toBe(0);
  });

  it("refuses incoming and outgoing documents without a party", async () => {
    for (const direction of ["incoming", "outgoing"]) {
      for (const party of [undefined, "", "  "]) {
        expect(await refusal(incoming({ direction, party }))).toEqual([
          { field: "party", message: "document.party_required" },
        ]);
      }
    }
    expect(await documentCount()).toBe(0);
  });

  it("accepts a drawn-up document without a party", async () => {
    const doc = await registerDocument(
      t.ctx,
      officer,
      caseId,
      { direction: "internal", description: "Minnesanteckning från planeringsmöte" },
      null,
    );
    expect(doc).toMatchObject({ direction: "internal", party: null, status: "registered" });
  });

  it("keeps date, diary number (through the case), party and description in the register entry", async () => {
    const doc = await registerDocument(t.ctx, officer, caseId, incoming({ date: "2026-03-05" }), null);
    const entry = await t.ctx.db
      .selectFrom("documents")
      .innerJoin("cases", "cases.id", "documents.case_id")
      .select([
        "documents.document_date",
        "cases.diary_number",
        "documents.party",
        "documents.description",
        "documents.status",
        "documents.registered_at",
      ])
      .where("documents.id", "=", doc.id)
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      document_date: "2026-03-05",
      party: "Helsingfors stad",
      description: "Inbjudan till borgmästarmöte i Helsingfors",
      status: "registered",
    });
    expect(entry.diary_number).toMatch(/^KS 2026\/\d+$/);
    expect(entry.registered_at).toBe(MONDAY.toISOString());
    const event = await t.ctx.db
      .selectFrom("audit_events")
      .select(["action", "actor_id"])
      .where("subject_id", "=", doc.id)
      .executeTakeFirstOrThrow();
    expect(event).toEqual({ action: "document.register", actor_id: officer.id });
  });

  it("reports every problem at once: the form's and the rules' together", async () => {
    const fields = await refusal({
      direction: "outgoing",
      description: "",
      date: "2026-04-01",
      secrecyProvision: "21 kap. 7 § OSL",
      dueDate: "2026-04-01",
      colour: "grön",
    });
    expect(fields.map((f) => f.field).sort()).toEqual([
      "colour",
      "date",
      "description",
      "dueDate",
      "party",
      "publicDescription",
      "secrecyAuthority",
      "secrecyMarkedOn",
    ]);
    expect(await documentCount()).toBe(0);
  });
});

describe("R2: secrecy markings", () => {
  const marking = {
    secrecyProvision: "21 kap. 7 § OSL",
    secrecyMarkedOn: "2026-03-09",
    secrecyAuthority: "Stadsledningskontoret",
  };

  it("refuses a partial marking, naming every missing part", async () => {
    const cases: [Partial<typeof marking>, string[]][] = [
      [{ secrecyProvision: marking.secrecyProvision }, ["secrecyAuthority", "secrecyMarkedOn"]],
      [{ secrecyMarkedOn: marking.secrecyMarkedOn }, ["secrecyAuthority", "secrecyProvision"]],
      [{ secrecyAuthority: marking.secrecyAuthority }, ["secrecyMarkedOn", "secrecyProvision"]],
      [
        { secrecyProvision: marking.secrecyProvision, secrecyAuthority: marking.secrecyAuthority },
        ["secrecyMarkedOn"],
      ],
    ];
    for (const [given, missing] of cases) {
      const fields = await refusal(incoming({ ...given, publicDescription: "Skrivelse från enskild" }));
      expect(fields.map((f) => f.field).sort()).toEqual(missing);
      for (const f of fields) expect(f.message).toBe("document.secrecy_incomplete");
    }
    expect(await documentCount()).toBe(0);
  });

  it("refuses a secret document without a public description", async () => {
    expect(await refusal(incoming(marking))).toEqual([
      { field: "publicDescription", message: "document.public_description_required" },
    ]);
    expect(await refusal(incoming({ ...marking, publicDescription: "   " }))).toEqual([
      { field: "publicDescription", message: "document.public_description_required" },
    ]);
  });

  it("registers a complete marking with its public description", async () => {
    const doc = await registerDocument(
      t.ctx,
      officer,
      caseId,
      incoming({ ...marking, publicDescription: "Skrivelse från enskild", publicParty: "Enskild" }),
      null,
    );
    expect(doc).toMatchObject({
      status: "registered",
      secrecy: { provision: "21 kap. 7 § OSL", markedOn: "2026-03-09", authority: "Stadsledningskontoret" },
      publicDescription: "Skrivelse från enskild",
      publicParty: "Enskild",
    });
  });

  it("is kept complete by the database too", async () => {
    const doc = await registerDocument(t.ctx, officer, caseId, incoming(), null);
    await expect(
      t.database.raw(`update documents set secrecy_provision = '21 kap. 7 § OSL' where id = '${doc.id}'`),
    ).rejects.toThrow(/documents_secrecy_complete|constraint/i);
  });
});

describe("R3: the arrival date", () => {
  it("is today when no date is given", async () => {
    const doc = await registerDocument(t.ctx, officer, caseId, incoming(), null);
    expect(doc.date).toBe("2026-03-09");
  });

  it("is the previous working day for post found at the first opening", async () => {
    const doc = await registerDocument(t.ctx, officer, caseId, incoming({ foundAtFirstOpening: "on" }), null);
    expect(doc.date).toBe("2026-03-06");
    // The Tuesday after Easter: Easter Monday and Good Friday are holidays.
    clock.set(new Date("2026-04-07T08:00:00Z"));
    const afterEaster = await registerDocument(
      t.ctx,
      officer,
      caseId,
      incoming({ foundAtFirstOpening: true }),
      null,
    );
    expect(afterEaster.date).toBe("2026-04-02");
  });

  it("counts back from the day of the opening when one is given", async () => {
    for (const [date, arrived] of [
      ["2026-03-09", "2026-03-06"],
      ["2026-03-03", "2026-03-02"],
    ]) {
      const doc = await registerDocument(
        t.ctx,
        officer,
        caseId,
        incoming({ date, foundAtFirstOpening: "on" }),
        null,
      );
      expect(doc.date).toBe(arrived);
    }
  });

  it("counts Stockholm's day, not UTC's", async () => {
    // 00:30 on Tuesday in Stockholm is still Monday in UTC.
    clock.set(new Date("2026-03-09T23:30:00Z"));
    const doc = await registerDocument(t.ctx, officer, caseId, incoming(), null);
    expect(doc.date).toBe("2026-03-10");
  });

  it("refuses a date in the future", async () => {
    expect(await refusal(incoming({ date: "2026-03-10" }))).toEqual([
      { field: "date", message: "document.date_in_future" },
    ]);
    expect((await refusal(incoming({ date: "9 mars" })))[0]?.field).toBe("date");
    const today = await registerDocument(t.ctx, officer, caseId, incoming({ date: "2026-03-09" }), null);
    expect(today.date).toBe("2026-03-09");
  });
});

describe("R4: drafts", () => {
  const draft = (extra: Record<string, unknown> = {}) => ({
    direction: "outgoing",
    party: "Helsingfors stad",
    description: "Svar på inbjudan (utkast)",
    draft: "on",
    ...extra,
  });

  it("refuses an incoming document as a draft: it is a public record at once", async () => {
    expect(await refusal(incoming({ draft: "on" }))).toEqual([
      { field: "draft", message: "document.incoming_not_draft" },
    ]);
  });

  it("keeps a case with a draft open, and closes it once the draft is finalized", async () => {
    const doc = await registerDocument(t.ctx, officer, caseId, draft(), null);
    expect(doc).toMatchObject({ status: "draft", registeredAt: null });
    const refused = await changeCaseStatus(t.ctx, officer, caseId, "close").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConflictError);
    const row = await t.ctx.db
      .selectFrom("cases")
      .select("status")
      .where("id", "=", caseId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("open");

    clock.set(new Date("2026-03-10T10:00:00Z"));
    const finalized = await finalizeDocument(t.ctx, officer, doc.id);
    expect(finalized).toMatchObject({ status: "registered", registeredAt: "2026-03-10T10:00:00.000Z" });
    await expect(finalizeDocument(t.ctx, officer, doc.id)).rejects.toThrow(ConflictError);
    expect((await changeCaseStatus(t.ctx, officer, caseId, "close")).status).toBe("closed");
    // A closed case takes no new documents.
    await expect(registerDocument(t.ctx, officer, caseId, incoming(), null)).rejects.toThrow(ConflictError);
  });

  it("takes new file versions while a draft, keeping the old ones, and freezes them once registered", async () => {
    const first = await makeDocx(["Svar på inbjudan, första utkastet"]);
    const doc = await registerDocument(t.ctx, officer, caseId, draft(), {
      fileName: "svar.docx",
      bytes: first,
    });
    const second = await makePdf(["Svar på inbjudan, andra utkastet"]);
    const v2 = await addFileVersion(t.ctx, officer, doc.id, { fileName: "svar.pdf", bytes: second });
    expect(v2.version).toBe(2);
    const files = await t.ctx.db
      .selectFrom("document_files")
      .select(["version", "file_name", "size"])
      .where("document_id", "=", doc.id)
      .orderBy("version")
      .execute();
    expect(files).toEqual([
      { version: 1, file_name: "svar.docx", size: first.length },
      { version: 2, file_name: "svar.pdf", size: second.length },
    ]);
    expect((await t.ctx.files.get(v2.sha256)).equals(second)).toBe(true);

    await finalizeDocument(t.ctx, officer, doc.id);
    const frozen = await addFileVersion(t.ctx, officer, doc.id, {
      fileName: "svar-3.pdf",
      bytes: await makePdf(["En tredje version"]),
    }).catch((e: unknown) => e);
    expect(frozen).toBeInstanceOf(ConflictError);
    const after = await t.ctx.db
      .selectFrom("document_files")
      .select("version")
      .where("document_id", "=", doc.id)
      .execute();
    expect(after).toHaveLength(2);
  });
});

describe("R5: due dates and sign-off", () => {
  it("gives due dates to incoming documents only", async () => {
    expect(await refusal(incoming({ direction: "outgoing", dueDate: "2026-03-20" }))).toEqual([
      { field: "dueDate", message: "document.due_only_incoming" },
    ]);
    const doc = await registerDocument(t.ctx, officer, caseId, incoming({ dueDate: "2026-03-20" }), null);
    expect(doc.dueDate).toBe("2026-03-20");
  });

  it("needs a reference to sign off as answered or handled in another case, not as noted", async () => {
    const doc = await registerDocument(t.ctx, officer, caseId, incoming({ dueDate: "2026-03-20" }), null);
    for (const kind of ["answered", "other_case"]) {
      for (const reference of [undefined, "", "   "]) {
        const error = await signOff(t.ctx, officer, doc.id, { kind, reference }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).fields).toEqual([
          { field: "reference", message: "document.signoff_reference_required" },
        ]);
      }
    }
    const noKind = await signOff(t.ctx, officer, doc.id, { kind: "glömd" }).catch((e: unknown) => e);
    expect((noKind as ValidationError).fields.map((f) => f.field)).toEqual(["kind"]);
    expect((await getDocument(t.ctx, doc.id)).signedOffOn).toBeNull();

    const signed = await signOff(t.ctx, officer, doc.id, {
      kind: "answered",
      reference: "Vårt svar 2026-03-09",
    });
    expect(signed).toMatchObject({
      signedOffOn: "2026-03-09",
      signoffKind: "answered",
      signoffReference: "Vårt svar 2026-03-09",
    });
    await expect(signOff(t.ctx, officer, doc.id, { kind: "noted" })).rejects.toThrow(ConflictError);

    const noted = await registerDocument(t.ctx, officer, caseId, incoming(), null);
    expect((await signOff(t.ctx, officer, noted.id, { kind: "noted" })).signoffKind).toBe("noted");
  });

  it("signs off incoming documents only", async () => {
    const out = await registerDocument(t.ctx, officer, caseId, incoming({ direction: "outgoing" }), null);
    await expect(signOff(t.ctx, officer, out.id, { kind: "noted" })).rejects.toThrow(ConflictError);
  });
});

describe("public records are never deleted", () => {
  const refusedDelete = /not allowed/;

  it("refuses deleting a registered document, even by hand in the database", async () => {
    const doc = await registerDocument(t.ctx, officer, caseId, incoming(), null);
    await expect(t.database.raw(`delete from documents where id = '${doc.id}'`)).rejects.toThrow(
      refusedDelete,
    );
    expect(await documentCount()).toBe(1);
  });

  it("refuses deleting any file version, also a draft's", async () => {
    const registered = await registerDocument(t.ctx, officer, caseId, incoming(), {
      fileName: "inbjudan.pdf",
      bytes: await makePdf(["Inbjudan"]),
    });
    const draft = await registerDocument(
      t.ctx,
      officer,
      caseId,
      { direction: "internal", description: "Utkast till program", draft: "on" },
      { fileName: "program.pdf", bytes: await makePdf(["Program"]) },
    );
    for (const id of [registered.id, draft.id]) {
      await expect(t.database.raw(`delete from document_files where document_id = '${id}'`)).rejects.toThrow(
        refusedDelete,
      );
    }
    const files = await t.ctx.db
      .selectFrom("document_files")
      .select("id")
      .where("document_id", "in", [registered.id, draft.id])
      .execute();
    expect(files).toHaveLength(2);
  });

  it("lets a draft's row be deleted: a draft is not a public record", async () => {
    const draft = await registerDocument(
      t.ctx,
      officer,
      caseId,
      { direction: "internal", description: "Arbetsanteckning", draft: "on" },
      null,
    );
    await t.database.raw(`delete from documents where id = '${draft.id}'`);
    expect(await documentCount()).toBe(0);
  });

  it("refuses rewriting a registered entry or a file version by hand, but lets sign-off and secrecy change", async () => {
    const doc = await registerDocument(t.ctx, officer, caseId, incoming(), {
      fileName: "brev.pdf",
      bytes: await makePdf(["Brev"]),
    });
    for (const change of [
      "status = 'draft'",
      "description = 'Annat innehåll'",
      "document_date = '2020-01-01'",
      "party = null",
    ]) {
      await expect(
        t.database.raw(`update documents set ${change} where id = '${doc.id}'`),
        change,
      ).rejects.toThrow(/frozen/);
    }
    await expect(
      t.database.raw(
        `update document_files set sha256 = '${"0".repeat(64)}' where document_id = '${doc.id}'`,
      ),
    ).rejects.toThrow(/never rewritten/);
    await t.database.raw(
      `update documents set signed_off_on = '2026-03-10', signoff_kind = 'noted' where id = '${doc.id}'`,
    );
    await t.database.raw(
      `update document_files set disposed_at = '2026-03-10T00:00:00Z' where document_id = '${doc.id}'`,
    );
  });
});
