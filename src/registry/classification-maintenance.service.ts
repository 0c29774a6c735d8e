import type { z } from "zod";
import { auditBy, type UserActor } from "../auth/index.ts";
import { appendAudit } from "../platform/audit/audit.service.ts";
import { stockholmDate } from "../platform/calendar/civil-date.ts";
import type { Ctx } from "../platform/context.ts";
import type { Db } from "../platform/db/database.ts";
import { ConflictError, type FieldError, NotFoundError, ValidationError } from "../platform/errors.ts";
import { newId } from "../platform/ids.ts";
import { dedupe, fieldErrors } from "../platform/validation.ts";
import {
  type ClassChange,
  type ClassInput,
  changesVersion,
  classChangeSchema,
  classInputSchema,
  type MaintainedClass,
  retentionProblems,
} from "./classification.model.ts";
import {
  classesOfScheme,
  findSchemeClass,
  insertClassRow,
  insertClassVersion,
  schemeInForce,
  supersedeCurrent,
  updateClassRow,
  versionsOfClass,
} from "./classification.store.ts";
import { findDecisionByReference } from "./disposal.store.ts";

/** The scheme version classes are maintained in: the one in force today (409 when there is none). */
export async function maintainedScheme(ctx: Ctx) {
  const scheme = await schemeInForce(ctx.db, ctx.config.tenantId, stockholmDate(ctx.clock.now()));
  if (!scheme) throw new ConflictError("no classification scheme is in force");
  return scheme;
}

/** The classes of the scheme in force with their current versions. */
export async function getMaintainedClasses(
  ctx: Ctx,
): Promise<{ scheme: string; classes: MaintainedClass[] }> {
  const scheme = await maintainedScheme(ctx);
  return { scheme: `${scheme.name} ${scheme.version}`, classes: await classesOfScheme(ctx.db, scheme.id) };
}

/** One class of the scheme in force with every version, newest first (404 for another scheme's). */
export async function getMaintainedClass(ctx: Ctx, id: string) {
  const scheme = await maintainedScheme(ctx);
  const found = (await classesOfScheme(ctx.db, scheme.id)).find((c) => c.id === id);
  if (!found) throw new NotFoundError();
  return { ...found, versions: await versionsOfClass(ctx.db, id) };
}

/** The rule's three answers alone, to check them even when another field is wrong. */
const ruleSchema = classChangeSchema.pick({ retention: true, retentionYears: true, decisionReference: true });

/** Checks a class's fields and rule, and finds its disposal decision: every problem at once. */
export async function checkClassFields<T extends ClassChange>(
  ctx: Ctx,
  schema: z.ZodType<T>,
  input: unknown,
): Promise<{ data: T | null; decisionId: string | null; errors: FieldError[] }> {
  const parsed = schema.safeParse(input);
  const raw = (input ?? {}) as Record<string, unknown>;
  const rule = ruleSchema.safeParse({
    retention: raw.retention,
    retentionYears: raw.retentionYears,
    decisionReference: raw.decisionReference,
  });
  const errors = parsed.success ? [] : fieldErrors(parsed.error.issues);
  if (rule.success) errors.push(...retentionProblems(rule.data));
  // The decision is looked up whenever one is named, so an unknown one shows with every other problem.
  const reference = ruleSchema.shape.decisionReference.safeParse(raw.decisionReference).data;
  let decisionId: string | null = null;
  if (reference) {
    const decision = await findDecisionByReference(ctx.db, ctx.config.tenantId, reference);
    if (decision) decisionId = decision.id;
    else
      errors.push({
        field: "decisionReference",
        message: "classification.decision_unknown",
        params: { reference },
      });
  }
  return { data: parsed.success ? parsed.data : null, decisionId, errors };
}

/** A version's row, from checked input. */
const versionRow = (
  classId: string,
  version: number,
  data: ClassChange,
  decisionId: string | null,
  by: UserActor | "system",
  at: string,
) => ({
  id: newId(),
  class_id: classId,
  version,
  title: data.title,
  description: data.description ?? null,
  retention: data.retention ?? null,
  retention_years: data.retention === "dispose" ? (data.retentionYears ?? null) : null,
  decision_id: data.retention === "dispose" ? decisionId : null,
  created_by: by === "system" ? null : by.id,
  created_at: at,
  superseded_at: null,
});

/** Writes a new class with its version 1, in the caller's transaction. */
export async function writeNewClass(
  ctx: Ctx,
  trx: Db,
  by: UserActor | "system",
  schemeId: string,
  data: ClassInput,
  decisionId: string | null,
): Promise<string> {
  const now = ctx.clock.now().toISOString();
  const id = newId();
  await insertClassRow(trx, {
    id,
    scheme_id: schemeId,
    code: data.code,
    title: data.title,
    parent_code: null,
  });
  await insertClassVersion(trx, versionRow(id, 1, data, decisionId, by, now));
  await appendAudit(trx, ctx.config.tenantId, ctx.clock.now(), {
    ...auditBy(by),
    action: "classification.class_create",
    subjectType: "class",
    subjectId: id,
    after: { ...data, version: 1 },
  });
  return id;
}

/** Writes a class's next version and makes it current, in the caller's transaction (false: nothing changed). */
export async function writeClassVersion(
  ctx: Ctx,
  trx: Db,
  by: UserActor | "system",
  current: MaintainedClass,
  data: ClassChange,
  decisionId: string | null,
): Promise<boolean> {
  if (!changesVersion(current.current, data)) return false;
  const now = ctx.clock.now().toISOString();
  // Guarded: of two changes to the same version, the second finds none current and is refused.
  if (!(await supersedeCurrent(trx, current.id, now)))
    throw new ConflictError("the class was changed meanwhile");
  const version = current.current.version + 1;
  await insertClassVersion(trx, versionRow(current.id, version, data, decisionId, by, now));
  await updateClassRow(trx, current.id, { title: data.title });
  await appendAudit(trx, ctx.config.tenantId, ctx.clock.now(), {
    ...auditBy(by),
    action: "classification.class_version",
    subjectType: "class",
    subjectId: current.id,
    before: { version: current.current.version, title: current.current.title },
    after: { ...data, version },
  });
  return true;
}

/** Creates a class in the scheme in force (admin): its code unique there, every problem at once. */
export async function createClass(ctx: Ctx, by: UserActor, input: unknown): Promise<string> {
  const scheme = await maintainedScheme(ctx);
  const { data, decisionId, errors } = await checkClassFields(ctx, classInputSchema, input);
  if (data && (await findSchemeClass(ctx.db, scheme.id, { code: data.code })))
    errors.push({ field: "code", message: "classification.code_taken", params: { code: data.code } });
  if (!data || errors.length > 0) throw new ValidationError(dedupe(errors));
  return ctx.db.transaction().execute((trx) => writeNewClass(ctx, trx, by, scheme.id, data, decisionId));
}

/** Changes a class (admin): a new version, so cases filed under the old one keep it. */
export async function changeClass(ctx: Ctx, by: UserActor, id: string, input: unknown): Promise<void> {
  const current = await getMaintainedClass(ctx, id);
  const { data, decisionId, errors } = await checkClassFields(ctx, classChangeSchema, input);
  if (!data || errors.length > 0) throw new ValidationError(dedupe(errors));
  await ctx.db.transaction().execute((trx) => writeClassVersion(ctx, trx, by, current, data, decisionId));
}

/** Writes a class's retirement or return to use, in the caller's transaction. */
export async function writeClassInUse(
  ctx: Ctx,
  trx: Db,
  by: UserActor | "system",
  id: string,
  inUse: boolean,
) {
  const at = ctx.clock.now();
  await updateClassRow(trx, id, { retired_at: inUse ? null : at.toISOString() });
  await appendAudit(trx, ctx.config.tenantId, at, {
    ...auditBy(by),
    action: inUse ? "classification.class_reinstate" : "classification.class_retire",
    subjectType: "class",
    subjectId: id,
  });
}

/** Retires a class (no new cases; old ones keep it) or takes it back in use (admin). */
export async function setClassInUse(ctx: Ctx, by: UserActor, id: string, inUse: boolean): Promise<void> {
  const current = await getMaintainedClass(ctx, id);
  if ((current.retiredAt === null) === inUse) return;
  await ctx.db.transaction().execute((trx) => writeClassInUse(ctx, trx, by, id, inUse));
}
