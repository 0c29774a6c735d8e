import type { Db } from "../platform/db/database.ts";
import { cachedRows } from "../platform/db/reference-cache.ts";

export interface ClassRow {
  id: string;
  code: string;
  title: string;
  schemeId: string;
  schemeName: string;
  schemeVersion: string;
  current: boolean;
}

/** A class's code and title, by id. */
export const findClass = (db: Db, id: string) =>
  db.selectFrom("classes").select(["code", "title"]).where("id", "=", id).executeTakeFirst();

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
  classes: { id: string; code: string; title: string; parentCode: string | null }[],
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
  }
}
