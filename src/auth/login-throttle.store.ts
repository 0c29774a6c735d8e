import type { Selectable } from "kysely";
import type { Db } from "../platform/db/database.ts";
import type { LoginFailureTable } from "../platform/db/schema.ts";

export type LoginFailureRow = Selectable<LoginFailureTable>;
export type FailureKey = Pick<LoginFailureRow, "tenant_id" | "scope" | "username" | "address">;

export const findFailures = (db: Db, key: FailureKey) =>
  db
    .selectFrom("login_failures")
    .selectAll()
    .where("tenant_id", "=", key.tenant_id)
    .where("scope", "=", key.scope)
    .where("username", "=", key.username)
    .where("address", "=", key.address)
    .executeTakeFirst();

/** The first failure of a key; false when another process wrote it first. */
export async function insertFirstFailure(db: Db, key: FailureKey, at: string): Promise<boolean> {
  const result = await db
    .insertInto("login_failures")
    .values({ ...key, failures: 1, last_failed_at: at })
    .onConflict((oc) => oc.columns(["tenant_id", "scope", "username", "address"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/**
 * Compare-and-set: writes the new count only if the row is still as it was read, so two
 * processes that read the same row cannot both take the same attempt.
 */
export async function replaceFailures(
  db: Db,
  key: FailureKey,
  was: Pick<LoginFailureRow, "failures" | "last_failed_at">,
  now: Pick<LoginFailureRow, "failures" | "last_failed_at">,
): Promise<boolean> {
  const result = await db
    .updateTable("login_failures")
    .set(now)
    .where("tenant_id", "=", key.tenant_id)
    .where("scope", "=", key.scope)
    .where("username", "=", key.username)
    .where("address", "=", key.address)
    .where("failures", "=", was.failures)
    .where("last_failed_at", "=", was.last_failed_at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Deletes a key's row if it is still as this process left it. */
export const deleteFailures = (
  db: Db,
  key: FailureKey,
  was?: Pick<LoginFailureRow, "failures" | "last_failed_at">,
) => {
  let query = db
    .deleteFrom("login_failures")
    .where("tenant_id", "=", key.tenant_id)
    .where("scope", "=", key.scope)
    .where("username", "=", key.username)
    .where("address", "=", key.address);
  if (was)
    query = query.where("failures", "=", was.failures).where("last_failed_at", "=", was.last_failed_at);
  return query.execute();
};

/** Rows with no failure since `before` are forgotten: nothing of them is remembered any more. */
export const forgetFailuresBefore = (db: Db, before: string) =>
  db.deleteFrom("login_failures").where("last_failed_at", "<", before).execute();
