import type { Selectable } from "kysely";
import type { Db } from "../platform/db/database.ts";
import type { ApiTokenTable } from "../platform/db/schema.ts";

export type ApiTokenRow = Selectable<ApiTokenTable>;

export const insertToken = (db: Db, row: ApiTokenRow) => db.insertInto("api_tokens").values(row).execute();

export const findTokenByHash = (db: Db, tokenHash: string) =>
  db.selectFrom("api_tokens").selectAll().where("token_hash", "=", tokenHash).executeTakeFirst();

export const findTokenById = (db: Db, id: string) =>
  db.selectFrom("api_tokens").selectAll().where("id", "=", id).executeTakeFirst();

export const markTokenUsed = (db: Db, id: string, at: string) =>
  db.updateTable("api_tokens").set({ last_used_at: at }).where("id", "=", id).execute();

export const revokeTokenRow = (db: Db, id: string, at: string) =>
  db
    .updateTable("api_tokens")
    .set({ revoked_at: at })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .execute();

export const userTokens = (db: Db, userId: string) =>
  db
    .selectFrom("api_tokens")
    .select(["id", "name", "created_at", "last_used_at", "revoked_at"])
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .execute();
