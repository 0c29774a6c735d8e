import { auditBy, type UserActor } from "../auth/index.ts";
import { appendAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import { type FieldError, ValidationError } from "../platform/errors.ts";
import { fieldProblemOfRow, readClassCsv } from "./classification.csv.ts";
import {
  type ClassInput,
  changesVersion,
  classInputSchema,
  type MaintainedClass,
} from "./classification.model.ts";
import { classesOfScheme } from "./classification.store.ts";
import {
  checkClassFields,
  maintainedScheme,
  writeClassInUse,
  writeClassVersion,
  writeNewClass,
} from "./classification-maintenance.service.ts";

/** What an import does to one class: created, a new version, retired, taken back in use, or nothing. */
export const IMPORT_CHANGES = ["create", "version", "retire", "reinstate", "unchanged"] as const;
export type ImportChange = (typeof IMPORT_CHANGES)[number];

export interface PlannedClass {
  line: number;
  code: string;
  title: string;
  changes: ImportChange[];
  data: ClassInput;
  decisionId: string | null;
  inUse: boolean;
  existing: MaintainedClass | null;
}

export interface ImportPlan {
  classes: PlannedClass[];
  /** Classes of the scheme the file does not name: left as they are. */
  untouched: number;
}

function changesOf(existing: MaintainedClass | null, data: ClassInput, inUse: boolean): ImportChange[] {
  if (!existing) return inUse ? ["create"] : ["create", "retire"];
  const changes: ImportChange[] = [];
  if (changesVersion(existing.current, data)) changes.push("version");
  if (inUse && existing.retiredAt !== null) changes.push("reinstate");
  if (!inUse && existing.retiredAt === null) changes.push("retire");
  return changes.length > 0 ? changes : ["unchanged"];
}

/**
 * Reads and checks a whole import (classes keyed by code in the scheme in force) and says what it
 * would change. Any problem anywhere: a 422 listing every one with its line, nothing planned.
 */
export async function planClassImport(ctx: Ctx, csv: string): Promise<ImportPlan> {
  const scheme = await maintainedScheme(ctx);
  const existing = await classesOfScheme(ctx.db, scheme.id);
  const byCode = new Map(existing.map((c) => [c.code, c]));
  const { rows, problems } = readClassCsv(csv);
  const errors: FieldError[] = [...problems];
  const classes: PlannedClass[] = [];
  for (const row of rows) {
    const checked = await checkClassFields(ctx, classInputSchema, row.input);
    errors.push(...checked.errors.map((e) => fieldProblemOfRow(row.line, e)));
    if (!checked.data) continue;
    const current = byCode.get(checked.data.code) ?? null;
    classes.push({
      line: row.line,
      code: checked.data.code,
      title: checked.data.title,
      changes: changesOf(current, checked.data, row.inUse),
      data: checked.data,
      decisionId: checked.decisionId,
      inUse: row.inUse,
      existing: current,
    });
  }
  if (errors.length > 0) throw new ValidationError(oncePerLine(errors).sort((a, b) => line(a) - line(b)));
  const named = new Set(classes.map((c) => c.code));
  return { classes, untouched: existing.filter((c) => !named.has(c.code)).length };
}

const line = (e: FieldError) => Number(e.params?.line ?? 0);
/** Each problem once per line: two checks of one field may say the same of it. */
const oncePerLine = (errors: FieldError[]) =>
  errors.filter((e, i) => errors.findIndex((o) => o.message === e.message && line(o) === line(e)) === i);

/** Applies an import as its preview showed it, checked again, in one transaction with its audit events. */
export async function applyClassImport(ctx: Ctx, by: UserActor, csv: string): Promise<ImportPlan> {
  const plan = await planClassImport(ctx, csv);
  const scheme = await maintainedScheme(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    for (const c of plan.classes) {
      const id = c.existing
        ? c.existing.id
        : await writeNewClass(ctx, trx, by, scheme.id, c.data, c.decisionId);
      if (c.existing && c.changes.includes("version"))
        await writeClassVersion(ctx, trx, by, c.existing, c.data, c.decisionId);
      if (c.changes.includes("retire") || c.changes.includes("reinstate"))
        await writeClassInUse(ctx, trx, by, id, c.inUse);
    }
    await appendAudit(trx, ctx.config.tenantId, ctx.clock.now(), {
      ...auditBy(by),
      action: "classification.import",
      subjectType: "classification_scheme",
      subjectId: scheme.id,
      after: Object.fromEntries(
        ["create", "version", "retire", "reinstate"].map((k) => [
          k,
          plan.classes.filter((c) => c.changes.includes(k as ImportChange)).map((c) => c.code),
        ]),
      ),
    });
  });
  return plan;
}
