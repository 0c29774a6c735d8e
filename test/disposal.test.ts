import crypto from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { UserActor } from "../src/auth/actor.ts";
import { ManualClock } from "../src/platform/clock.ts";
import { ValidationError } from "../src/platform/errors.ts";
import { changeCaseStatus, openCase } from "../src/registry/cases.service.ts";
import { type DisposalRule, disposalVerdict, retentionEnds } from "../src/registry/disposal.model.ts";
import { previewDisposal, recordDecision, runDisposal } from "../src/registry/disposal.service.ts";
import { registerDocument } from "../src/registry/documents.service.ts";
import { searchInputSchema, searchRegister } from "../src/registry/search/search.service.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { demoActor, demoClassId } from "./helpers/demo.ts";

const NOW = new Date("2026-03-09T09:00:00Z");

let t: TestApp;
let clock: ManualClock;
let officer: UserActor;
let registrator: UserActor;
let classId = "";

/** SSA 2004:14 (invented wording): invitations go after 2 years, reports are kept, minutes after 5. */
const DECISION = {
  reference: "SSA 2004:14",
  title: "Gallring av handlingar i internationella ärenden",
  decidedOn: "2004-05-11",
  authority: "Arkivnämnden",
  "rule0-documentType": "Kallelse",
  "rule0-action": "dispose",
  "rule0-retentionYears": "2",
  "rule1-documentType": "tjänsteutlåtande",
  "rule1-action": "keep",
  "rule2-documentType": "minnesanteckning",
  "rule2-action": "dispose",
  "rule2-retentionYears": "5",
};

beforeAll(async () => {
  clock = new ManualClock(NOW);
  t = await buildTestApp({ clock });
  officer = await demoActor(t, "handlaggare");
  registrator = await demoActor(t, "registrator");
  classId = await demoClassId(t, "2019", "1.4");
  await recordDecision(t.ctx, registrator, DECISION);
});
afterAll(async () => {
  await t.close();
});
beforeEach(() => clock.set(NOW));

const uniqueBytes = () => Buffer.from(`Kallelse till möte\n${crypto.randomUUID()}\n`);

/** A case with one registered document of `type` (with a file), closed on `closedOn` (2019 or later: the class is of the 2019 scheme) unless null. */
async function documentIn(
  type: string | null,
  closedOn: string | null,
  bytes = uniqueBytes(),
): Promise<{ caseId: string; documentId: string; fileId: string; sha256: string }> {
  clock.set(new Date(`${closedOn ?? "2026-03-09"}T09:00:00Z`));
  const c = await openCase(t.ctx, officer, {
    registryId: "ks",
    title: "Nordiskt borgmästarmöte",
    classId,
    unitId: "slk",
  });
  const doc = await registerDocument(
    t.ctx,
    officer,
    c.id,
    {
      direction: "incoming",
      party: "Helsingfors stad",
      description: "Kallelse till borgmästarmöte",
      ...(type ? { documentType: type } : {}),
    },
    { fileName: "kallelse.txt", bytes },
  );
  if (closedOn) await changeCaseStatus(t.ctx, officer, c.id, "close");
  clock.set(NOW);
  const file = await t.ctx.db
    .selectFrom("document_files")
    .select(["id", "sha256"])
    .where("document_id", "=", doc.id)
    .executeTakeFirstOrThrow();
  return { caseId: c.id, documentId: doc.id, fileId: file.id, sha256: file.sha256 };
}

const fileRow = (id: string) =>
  t.ctx.db.selectFrom("document_files").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const recordsOf = (fileId: string) =>
  t.ctx.db.selectFrom("disposal_records").selectAll().where("file_id", "=", fileId).execute();

describe("disposalVerdict (R6)", () => {
  const rule = (extra: Partial<DisposalRule> = {}): DisposalRule => ({
    id: "r",
    decisionId: "d",
    documentType: "kallelse",
    action: "dispose",
    retentionYears: 2,
    supersededBy: null,
    ...extra,
  });
  const doc = { status: "registered", documentType: "Kallelse " };
  const live = { disposedAt: null };
  const closed = { status: "closed", closedOn: "2024-03-09" };

  it("allows disposal from the day the period counted from the closing date runs out", () => {
    expect(disposalVerdict(doc, live, closed, rule(), "2026-03-09")).toMatchObject({
      eligible: true,
      retentionEnds: "2026-03-09",
    });
    expect(disposalVerdict(doc, live, closed, rule(), "2026-03-08")).toEqual({
      eligible: false,
      reason: "retention_running",
      retentionEnds: "2026-03-09",
    });
  });

  it("names the reason a version stays", () => {
    const today = "2030-01-01";
    const reason = (v: ReturnType<typeof disposalVerdict>) => (v.eligible ? "eligible" : v.reason);
    expect(reason(disposalVerdict(doc, { disposedAt: "2025-01-01T00:00:00Z" }, closed, rule(), today))).toBe(
      "already_disposed",
    );
    expect(reason(disposalVerdict({ ...doc, status: "draft" }, live, closed, rule(), today))).toBe("draft");
    expect(reason(disposalVerdict(doc, live, closed, undefined, today))).toBe("no_rule");
    expect(reason(disposalVerdict({ ...doc, documentType: null }, live, closed, rule(), today))).toBe(
      "no_rule",
    );
    expect(reason(disposalVerdict({ ...doc, documentType: "protokoll" }, live, closed, rule(), today))).toBe(
      "no_rule",
    );
    expect(reason(disposalVerdict(doc, live, closed, rule({ supersededBy: "d2" }), today))).toBe("no_rule");
    expect(
      reason(disposalVerdict(doc, live, closed, rule({ action: "keep", retentionYears: null }), today)),
    ).toBe("kept");
    expect(reason(disposalVerdict(doc, live, { status: "open", closedOn: null }, rule(), today))).toBe(
      "case_open",
    );
  });

  it("counts whole calendar years; 29 February falls on 1 March", () => {
    expect(retentionEnds("2020-06-30", 0)).toBe("2020-06-30");
    expect(retentionEnds("2020-06-30", 10)).toBe("2030-06-30");
    expect(retentionEnds("2024-02-29", 1)).toBe("2025-03-01");
  });
});

describe("a disposal run", () => {
  it("removes the content of an expired 'dispose' type and keeps the entry and a permanent record", async () => {
    const word = `ord${crypto.randomUUID().slice(0, 8)}`;
    const d = await documentIn("kallelse", "2023-01-10", Buffer.from(`Kallelse till möte ${word}\n`));
    expect(await t.ctx.files.has(d.sha256)).toBe(true);
    const searchFor = async () =>
      (await searchRegister(t.ctx, registrator, searchInputSchema.parse({ q: word }))).items.map(
        (i) => i.caseId,
      );
    expect(await searchFor()).toEqual([d.caseId]);
    const run = await runDisposal(t.ctx, registrator);
    expect(await searchFor()).toEqual([]);
    expect(run.eligible.map((c) => c.fileId)).toContain(d.fileId);

    const file = await fileRow(d.fileId);
    expect(file.disposed_at).toBe(NOW.toISOString());
    expect(file.text_content).toBeNull();
    expect(await t.ctx.files.has(d.sha256)).toBe(false);
    const entry = await t.ctx.db
      .selectFrom("documents")
      .select(["description", "status"])
      .where("id", "=", d.documentId)
      .executeTakeFirstOrThrow();
    expect(entry).toEqual({ description: "Kallelse till borgmästarmöte", status: "registered" });
    const [record, ...more] = await recordsOf(d.fileId);
    expect(more).toHaveLength(0);
    expect(record).toMatchObject({
      document_id: d.documentId,
      case_id: d.caseId,
      decision_reference: "SSA 2004:14",
      file_name: "kallelse.txt",
      file_version: 1,
      sha256: d.sha256,
      disposed_by: registrator.id,
      disposed_at: NOW.toISOString(),
    });
    expect(record?.diary_number).toMatch(/^KS 2023\/\d+$/);
    const audit = await t.ctx.db
      .selectFrom("audit_events")
      .select("after_json")
      .where("action", "=", "document.dispose_file")
      .where("subject_id", "=", d.documentId)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.after_json).toContain("SSA 2004:14");
  });

  it("never disposes of a kept type, an open case, a running period, or a type without a rule", async () => {
    const kept = await documentIn("Tjänsteutlåtande", "2019-06-10");
    const open = await documentIn("kallelse", null);
    const running = await documentIn("kallelse", "2025-01-10");
    const noRule = await documentIn("protokoll", "2019-06-10");
    const untyped = await documentIn(null, "2019-06-10");
    const preview = await previewDisposal(t.ctx);
    const run = await runDisposal(t.ctx, registrator);
    for (const d of [kept, open, running, noRule, untyped]) {
      expect(preview.eligible.map((c) => c.fileId)).not.toContain(d.fileId);
      expect(run.eligible.map((c) => c.fileId)).not.toContain(d.fileId);
      expect((await fileRow(d.fileId)).disposed_at).toBeNull();
      expect(await t.ctx.files.has(d.sha256)).toBe(true);
      expect(await recordsOf(d.fileId)).toHaveLength(0);
    }
    for (const reason of ["kept", "case_open", "retention_running", "no_rule"] as const)
      expect(run.skipped[reason], reason).toBeGreaterThan(0);
  });

  it("previews without writing anything", async () => {
    const d = await documentIn("kallelse", "2020-05-05");
    const before = await t.ctx.db
      .selectFrom("audit_events")
      .select("seq")
      .orderBy("seq", "desc")
      .executeTakeFirst();
    const preview = await previewDisposal(t.ctx);
    expect(preview.eligible.find((c) => c.fileId === d.fileId)).toMatchObject({
      reference: "SSA 2004:14",
      documentType: "kallelse",
      retentionEnds: "2022-05-05",
    });
    expect((await fileRow(d.fileId)).disposed_at).toBeNull();
    expect(await t.ctx.files.has(d.sha256)).toBe(true);
    const after = await t.ctx.db
      .selectFrom("audit_events")
      .select("seq")
      .orderBy("seq", "desc")
      .executeTakeFirst();
    expect(after).toEqual(before);
  });

  it("keeps bytes another version still uses, and removes them once none does", async () => {
    const bytes = uniqueBytes();
    const soon = await documentIn("kallelse", "2023-01-10", bytes);
    const later = await documentIn("minnesanteckning", "2023-01-10", bytes);
    expect(later.sha256).toBe(soon.sha256);
    await runDisposal(t.ctx, registrator);
    expect((await fileRow(soon.fileId)).disposed_at).not.toBeNull();
    expect((await fileRow(later.fileId)).disposed_at).toBeNull();
    expect(await t.ctx.files.get(later.sha256)).toEqual(bytes);

    clock.set(new Date("2028-01-10T09:00:00Z"));
    const run = await runDisposal(t.ctx, registrator);
    expect(run.eligible.map((c) => c.fileId)).toContain(later.fileId);
    expect(await t.ctx.files.has(later.sha256)).toBe(false);
  });

  it("disposes of nothing new when run again, and of each version once when runs overlap", async () => {
    const a = await documentIn("kallelse", "2022-02-02");
    const b = await documentIn("kallelse", "2022-02-03");
    const [first, second] = await Promise.all([runDisposal(t.ctx, registrator), runDisposal(t.ctx, officer)]);
    const disposed = [...(first?.eligible ?? []), ...(second?.eligible ?? [])].map((c) => c.fileId);
    expect(disposed.filter((id) => id === a.fileId || id === b.fileId).sort()).toEqual(
      [a.fileId, b.fileId].sort(),
    );
    for (const d of [a, b]) expect(await recordsOf(d.fileId)).toHaveLength(1);

    const records = await t.ctx.db.selectFrom("disposal_records").select("id").execute();
    const again = await runDisposal(t.ctx, registrator);
    expect(again.eligible).toEqual([]);
    expect(await t.ctx.db.selectFrom("disposal_records").select("id").execute()).toHaveLength(records.length);
  });
});

describe("disposal decisions", () => {
  const decisionCount = async () =>
    (await t.ctx.db.selectFrom("disposal_decisions").select("id").execute()).length;

  it("reports every problem of a decision at once and writes nothing", async () => {
    const before = await decisionCount();
    const error = await recordDecision(t.ctx, registrator, {
      reference: "gallra allt",
      title: "",
      decidedOn: "2031-01-01",
      authority: "",
      "rule0-documentType": "",
      "rule0-action": "dispose",
      "rule0-retentionYears": "2",
      "rule1-documentType": "kallelse",
      "rule1-action": "dispose",
      "rule1-retentionYears": "2,5",
      "rule2-documentType": "protokoll",
      "rule2-action": "dispose",
      "rule3-documentType": "Protokoll",
      "rule3-action": "radera",
      "rule4-documentType": "PROTOKOLL",
      "rule4-action": "dispose",
      "rule4-retentionYears": "101",
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields).toEqual([
      { field: "reference", message: "disposal.reference_format" },
      { field: "title", message: "validation.required" },
      { field: "authority", message: "validation.required" },
      { field: "rule0-documentType", message: "disposal.type_required" },
      { field: "rule1-retentionYears", message: "disposal.years_invalid" },
      { field: "rule2-retentionYears", message: "disposal.years_required" },
      { field: "rule3-action", message: "validation.choice" },
      { field: "rule4-retentionYears", message: "disposal.years_invalid" },
    ]);
    expect(await decisionCount()).toBe(before);
  });

  it("refuses a date in the future, a reference already recorded, a type twice and a form without rules", async () => {
    const error = async (fields: Record<string, string>) =>
      ((await recordDecision(t.ctx, registrator, fields).catch((e: unknown) => e)) as ValidationError).fields;
    expect(await error({ ...DECISION, decidedOn: "2026-03-10" })).toEqual([
      { field: "decidedOn", message: "disposal.decided_in_future" },
    ]);
    expect(await error(DECISION)).toEqual([{ field: "reference", message: "disposal.reference_taken" }]);
    expect(
      await error({
        ...DECISION,
        reference: "SSA 2004:15",
        "rule1-documentType": " KALLELSE",
        "rule1-action": "keep",
      }),
    ).toEqual([{ field: "rule1-documentType", message: "disposal.type_twice" }]);
    expect(
      await error({
        reference: "SSA 2004:15",
        title: "Tomt",
        decidedOn: "2004-01-01",
        authority: "Arkivnämnden",
      }),
    ).toEqual([{ field: "rule0-documentType", message: "disposal.rules_required" }]);
  });

  it("lets a later decision supersede the rule for a type, keeping the old rule on record", async () => {
    const d = await documentIn("utdrag", "2020-01-10");
    const rulesFor = () =>
      t.ctx.db.selectFrom("disposal_rules").selectAll().where("document_type", "=", "utdrag").execute();
    await recordDecision(t.ctx, registrator, {
      reference: "RA-MS 2009:1",
      title: "Utdrag gallras",
      decidedOn: "2009-01-01",
      authority: "Riksarkivet",
      "rule0-documentType": "utdrag",
      "rule0-action": "dispose",
      "rule0-retentionYears": "1",
    });
    const kept = await recordDecision(t.ctx, registrator, {
      reference: "RA-MS 2019:3",
      title: "Utdrag bevaras",
      decidedOn: "2019-01-01",
      authority: "Riksarkivet",
      "rule0-documentType": "Utdrag",
      "rule0-action": "keep",
    });
    const rules = await rulesFor();
    expect(rules).toHaveLength(2);
    expect(rules.filter((r) => r.superseded_by === null).map((r) => r.action)).toEqual(["keep"]);
    expect(rules.find((r) => r.action === "dispose")?.superseded_by).toBe(kept.id);
    await runDisposal(t.ctx, registrator);
    expect((await fileRow(d.fileId)).disposed_at).toBeNull();
    // The database itself holds one rule in force per type.
    const rule = rules[0];
    await expect(
      t.database.raw(`insert into disposal_rules (id, tenant_id, decision_id, document_type, action, retention_years,
        counted_from, superseded_by, created_at) values ('${crypto.randomUUID()}', '${rule?.tenant_id}',
        '${kept.id}', 'utdrag', 'dispose', 3, 'case_closed', null, '2026-01-01T00:00:00Z')`),
    ).rejects.toThrow(/unique|UNIQUE/);
  });
});

describe("the database keeps disposal permanent", () => {
  it("refuses to change or delete a disposal record, or to bring back a disposed version", async () => {
    const d = await documentIn("kallelse", "2021-01-10");
    await runDisposal(t.ctx, registrator);
    const [record] = await recordsOf(d.fileId);
    expect(record).toBeDefined();
    await expect(
      t.database.raw(
        `update disposal_records set decision_reference = 'SSA 1999:1' where file_id = '${d.fileId}'`,
      ),
    ).rejects.toThrow(/not allowed/);
    await expect(
      t.database.raw(`delete from disposal_records where file_id = '${d.fileId}'`),
    ).rejects.toThrow(/not allowed/);
    await expect(
      t.database.raw(`update document_files set disposed_at = null where id = '${d.fileId}'`),
    ).rejects.toThrow(/stays disposed/);
    expect(await recordsOf(d.fileId)).toEqual([record]);
  });
});
