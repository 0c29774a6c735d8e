import type { Selectable, Updateable } from "kysely";
import type { Db } from "../platform/db/database.ts";
import type { UserTable } from "../platform/db/schema.ts";

export type UserRow = Selectable<UserTable>;

export const findUserByUsername = (db: Db, tenantId: string, username: string) =>
  db
    .selectFrom("users")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("username", "=", username)
    .executeTakeFirst();

/** The user the city's OpenID provider knows by this stable subject (`sub`, or Entra's `oid`). */
export const findUserBySubject = (db: Db, tenantId: string, subject: string) =>
  db
    .selectFrom("users")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("oidc_subject", "=", subject)
    .executeTakeFirst();

/** Which of these usernames are taken in the tenant. */
export const takenUsernames = async (db: Db, tenantId: string, usernames: string[]) =>
  new Set(
    (
      await db
        .selectFrom("users")
        .select("username")
        .where("tenant_id", "=", tenantId)
        .where("username", "in", usernames)
        .execute()
    ).map((r) => r.username),
  );

export const findUserById = (db: Db, tenantId: string, id: string) =>
  db
    .selectFrom("users")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .executeTakeFirst();

/** The id of a unit of the tenant, if there is one. */
export const findUnitId = (db: Db, tenantId: string, unitId: string) =>
  db
    .selectFrom("units")
    .select("id")
    .where("id", "=", unitId)
    .where("tenant_id", "=", tenantId)
    .executeTakeFirst();

export const insertUser = (db: Db, row: UserRow) => db.insertInto("users").values(row).execute();

export const updateUser = (db: Db, id: string, changes: Updateable<UserTable>) =>
  db.updateTable("users").set(changes).where("id", "=", id).execute();

export const listUsers = (db: Db, tenantId: string) =>
  db.selectFrom("users").selectAll().where("tenant_id", "=", tenantId).orderBy("username").execute();

export const countUsers = async (db: Db, tenantId: string): Promise<number> => {
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("tenant_id", "=", tenantId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
};

/** The display names of some users by id (ids of no user are left out). */
export async function displayNamesOf(
  db: Db,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("users")
    .select(["id", "display_name"])
    .where("tenant_id", "=", tenantId)
    .where("id", "in", [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}
