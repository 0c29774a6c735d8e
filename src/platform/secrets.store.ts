import crypto from "node:crypto";
import type { Db } from "./db/database.ts";

/**
 * A secret shared by every process of the installation (e.g. the cookie-signing key),
 * created on first use and kept in the database so all processes agree.
 */
export async function appSecret(db: Db, name: string): Promise<string> {
  const existing = await db
    .selectFrom("app_secrets")
    .select("value")
    .where("name", "=", name)
    .executeTakeFirst();
  if (existing) return existing.value;
  const value = crypto.randomBytes(32).toString("base64url");
  // Two processes starting at once: the first insert wins, both read it back.
  await db
    .insertInto("app_secrets")
    .values({ name, value })
    .onConflict((oc) => oc.column("name").doNothing())
    .execute();
  const row = await db
    .selectFrom("app_secrets")
    .select("value")
    .where("name", "=", name)
    .executeTakeFirstOrThrow();
  return row.value;
}
