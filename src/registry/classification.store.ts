import type { Insertable } from "kysely";
import type { Db } from "../platform/db/database.ts";
import { cachedRows } from "../platform/db/reference-cache.ts";
import type { ClassTable, ClassVersionTable } from "../platform/db/schema.ts";
import type { ClassVersion, MaintainedClass } from "./classification.model.ts";

export interface ClassRow {
  id: string;
  code: string;
  title: string;
  schemeId: string;
  schemeName: string;
  schemeVersion: string;
  current: boolean;
  /** Retired: takes no new cases, still shown on the cases filed under it. */
  retired: boolean;
}

/** Every class of every scheme version of the tenant, with whether its scheme is in force on `today`. */
export async function allClasses(db: Db, tenantId: string, today: string): Promise<ClassRow[]> {
  const rows = await cachedRows(db, "classes", tenantId, () =>
    db
      .selectFrom("classes")
      .innerJoin("classification_schemes as s", "s.id", "classes.scheme_id")
      .select([
        "classes.id",
        "classes.code",
        "classes.title",
        "classes.retired_at",
        "s.id as scheme_id",
        "s.name as scheme_name",
        "s.version as scheme_version",
        "s.valid_from",
        "s.valid_to",
      ])
      .where("s.tenant_id", "=", tenantId)
      .orderBy("s.valid_from", "desc")
      .orderBy("classes.code")
      .execute(),
  );
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    title: r.title,
    schemeId: r.scheme_id,
    schemeName: r.scheme_name,
    schemeVersion: r.scheme_version,
    current: r.valid_from <= today && (r.valid_to === null || r.valid_to > today),
    retired: r.retired_at !== null,
  }));
}

export async function insertScheme(
  db: Db,
  scheme: {
    id: string;
    tenantId: string;
    name: string;
    version: string;
    validFrom: string;
    validTo: string | null;
    createdAt: string;
  },
  classes: { id: string; versionId: string; code: string; title: string; parentCode: string | null }[],
): Promise<void> {
  await db
    .insertInto("classification_schemes")
    .values({
      id: scheme.id,
      tenant_id: scheme.tenantId,
      name: scheme.name,
      version: scheme.version,
      valid_from: scheme.validFrom,
      valid_to: scheme.validTo,
      created_at: scheme.createdAt,
    })
    .execute();
  if (classes.length > 0) {
    await db
      .insertInto("classes")
      .values(
        classes.map((c) => ({
          id: c.id,
          scheme_id: scheme.id,
          code: c.code,
          title: c.title,
          parent_code: c.parentCode,
        })),
      )
      .execute();
    // Each class starts at its version 1, which new cases are filed under (issue 17).
    await db
      .insertInto("class_versions")
      .values(
        classes.map((c) => ({
          id: c.versionId,
          class_id: c.id,
          version: 1,
          title: c.title,
          created_at: scheme.createdAt,
        })),
      )
      .execute();
  }
}

/** The newest scheme version in force on `today`: where classes are maintained and new ones go. */
export const schemeInForce = (db: Db, tenantId: string, today: string) =>
  db
    .selectFrom("classification_schemes")
    .select(["id", "name", "version"])
    .where("tenant_id", "=", tenantId)
    .where("valid_from", "<=", today)
    .where((eb) => eb.or([eb("valid_to", "is", null), eb("valid_to", ">", today)]))
    .orderBy("valid_from", "desc")
    .executeTakeFirst();

/** A class version's columns with its decision's reference. */
const versionQuery = (db: Db) =>
  db
    .selectFrom("class_versions as v")
    .leftJoin("disposal_decisions as d", "d.id", "v.decision_id")
    .select([
      "v.id",
      "v.class_id",
      "v.version",
      "v.title",
      "v.description",
      "v.retention",
      "v.retention_years",
      "v.decision_id",
      "d.reference as decision_reference",
      "v.created_at",
      "v.superseded_at",
    ]);

type VersionRow = Awaited<ReturnType<ReturnType<typeof versionQuery>["execute"]>>[number];

export const toClassVersion = (r: VersionRow): ClassVersion => ({
  id: r.id,
  classId: r.class_id,
  version: Number(r.version),
  title: r.title,
  description: r.description,
  retention: r.retention,
  retentionYears: r.retention_years === null ? null : Number(r.retention_years),
  decisionId: r.decision_id,
  decisionReference: r.decision_reference,
  createdAt: r.created_at,
  supersededAt: r.superseded_at,
});

/** The classes of a scheme version, each with its current version, by code. */
export async function classesOfScheme(db: Db, schemeId: string): Promise<MaintainedClass[]> {
  const rows = await versionQuery(db)
    .innerJoin("classes as c", "c.id", "v.class_id")
    .select(["c.code", "c.retired_at"])
    .where("c.scheme_id", "=", schemeId)
    .where("v.superseded_at", "is", null)
    .orderBy("c.code")
    .execute();
  return rows.map((r) => ({
    id: r.class_id,
    code: r.code,
    retiredAt: r.retired_at,
    current: toClassVersion(r),
  }));
}

/** Every version of a class, newest first. */
export const versionsOfClass = async (db: Db, classId: string): Promise<ClassVersion[]> =>
  (await versionQuery(db).where("v.class_id", "=", classId).orderBy("v.version", "desc").execute()).map(
    toClassVersion,
  );

/** The id of a class's current version (a new case is filed under it). */
export const currentVersionId = async (db: Db, classId: string): Promise<string | undefined> =>
  (
    await db
      .selectFrom("class_versions")
      .select("id")
      .where("class_id", "=", classId)
      .where("superseded_at", "is", null)
      .executeTakeFirst()
  )?.id;

export const findSchemeClass = (db: Db, schemeId: string, idOrCode: { id?: string; code?: string }) => {
  let q = db.selectFrom("classes").select(["id", "code", "retired_at"]).where("scheme_id", "=", schemeId);
  if (idOrCode.id !== undefined) q = q.where("id", "=", idOrCode.id);
  if (idOrCode.code !== undefined) q = q.where("code", "=", idOrCode.code);
  return q.executeTakeFirst();
};

export const insertClassRow = (db: Db, row: Insertable<ClassTable>) =>
  db.insertInto("classes").values(row).execute();

export const insertClassVersion = (db: Db, row: Insertable<ClassVersionTable>) =>
  db.insertInto("class_versions").values(row).execute();

/** Marks the current version superseded; 0 rows when another change was first. */
export async function supersedeCurrent(db: Db, classId: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable("class_versions")
    .set({ superseded_at: at })
    .where("class_id", "=", classId)
    .where("superseded_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export const updateClassRow = (db: Db, id: string, changes: { title?: string; retired_at?: string | null }) =>
  db.updateTable("classes").set(changes).where("id", "=", id).execute();
