import type { Insertable, Selectable } from "kysely";
import type { Db } from "../platform/db/database.ts";
import { fixedQuery } from "../platform/db/fixed-query.ts";
import type { SessionTable } from "../platform/db/schema.ts";

export type SessionRow = Selectable<SessionTable>;

export const insertSession = (db: Db, row: Insertable<SessionTable>) =>
  db.insertInto("sessions").values(row).execute();

/** How a session was signed in: a password, or the city's OpenID provider. */
export const sessionMethod = async (db: Db, id: string) =>
  (await db.selectFrom("sessions").select("method").where("id", "=", id).executeTakeFirst())?.method ?? null;

const sessionWithUser = fixedQuery((db, v: { id: string }) =>
  db
    .selectFrom("sessions as s")
    .innerJoin("users", (join) =>
      join.onRef("users.id", "=", "s.user_id").onRef("users.tenant_id", "=", "s.tenant_id"),
    )
    .selectAll("users")
    .select([
      "s.last_seen_at as session_last_seen_at",
      "s.expires_at as session_expires_at",
      "s.revoked_at as session_revoked_at",
    ])
    .where("s.id", "=", v.id),
);

/** A session with its user's row, in one query: every signed-in request asks this first. */
export const findSessionWithUser = (db: Db, id: string) => sessionWithUser.first(db, { id });

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
