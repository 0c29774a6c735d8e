import type { Selectable } from "kysely";
import type { Db } from "../platform/db/database.ts";
import type { SessionTable } from "../platform/db/schema.ts";

export type SessionRow = Selectable<SessionTable>;

export const insertSession = (db: Db, row: SessionRow) => db.insertInto("sessions").values(row).execute();

export const findSession = (db: Db, id: string) =>
  db.selectFrom("sessions").selectAll().where("id", "=", id).executeTakeFirst();

export const touchSession = (db: Db, id: string, at: string) =>
  db.updateTable("sessions").set({ last_seen_at: at }).where("id", "=", id).execute();

export const revokeSessionRow = (db: Db, id: string, at: string) =>
  db
    .updateTable("sessions")
    .set({ revoked_at: at })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .execute();

export const revokeUserSessions = (db: Db, userId: string, at: string) =>
  db
    .updateTable("sessions")
    .set({ revoked_at: at })
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();

/** Sessions that still work: not revoked, not past their absolute end. */
export const activeSessions = (db: Db, userId: string, now: string) =>
  db
    .selectFrom("sessions")
    .selectAll()
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now)
    .orderBy("last_seen_at", "desc")
    .execute();
