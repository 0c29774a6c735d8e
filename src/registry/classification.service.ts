import { auditBy, type UserActor } from "../auth/index.ts";
import { appendAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import { newId } from "../platform/ids.ts";
import { insertScheme } from "./classification.store.ts";

export interface SchemeVersion {
  name: string;
  version: string;
  validFrom: string;
  validTo: string | null;
  classes: { code: string; title: string; parentCode?: string }[];
}

/** Adds one version of a classification scheme with its classes (R7: cases take classes from it). */
export async function addSchemeVersion(
  ctx: Ctx,
  by: UserActor | "system",
  scheme: SchemeVersion,
): Promise<Map<string, string>> {
  const now = ctx.clock.now();
  const id = newId();
  const classes = scheme.classes.map((c) => ({
    id: newId(),
    versionId: newId(),
    code: c.code,
    title: c.title,
    parentCode: c.parentCode ?? null,
  }));
  await ctx.db.transaction().execute(async (trx) => {
    await insertScheme(
      trx,
      {
        id,
        tenantId: ctx.config.tenantId,
        name: scheme.name,
        version: scheme.version,
        validFrom: scheme.validFrom,
        validTo: scheme.validTo,
        createdAt: now.toISOString(),
      },
      classes,
    );
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(by),
      action: "classification.add_version",
      subjectType: "classification_scheme",
      subjectId: id,
      after: { ...scheme, classes: scheme.classes.length },
    });
  });
  return new Map(classes.map((c) => [c.code, c.id]));
}
