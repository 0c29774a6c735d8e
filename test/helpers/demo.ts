import type { UserActor } from "../../src/auth/actor.ts";
import { toActor } from "../../src/auth/sessions.service.ts";
import { findUserByUsername } from "../../src/auth/users.store.ts";
import type { TestApp } from "./app.ts";

/** A demo user as the actor services take (as if signed in). */
export async function demoActor(t: TestApp, username: string): Promise<UserActor> {
  const user = await findUserByUsername(t.ctx.db, t.config.tenantId, username);
  const actor = user ? toActor(user, "session", null) : null;
  if (!actor) throw new Error(`no demo user ${username}`);
  return actor;
}

/** The id of a class in the demo classification scheme, by scheme version and code. */
export async function demoClassId(t: TestApp, version: string, code: string): Promise<string> {
  const row = await t.ctx.db
    .selectFrom("classes")
    .innerJoin("classification_schemes as s", "s.id", "classes.scheme_id")
    .select("classes.id")
    .where("s.version", "=", version)
    .where("classes.code", "=", code)
    .executeTakeFirstOrThrow();
  return row.id;
}
