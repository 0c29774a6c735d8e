import type { UserActor } from "../../src/auth/actor.ts";
import { toActor } from "../../src/auth/sessions.service.ts";
import { createUser } from "../../src/auth/users.service.ts";
import { findUserByUsername } from "../../src/auth/users.store.ts";
import { DEMO_PASSWORD, type TestApp } from "./app.ts";

/** A demo user as the actor services take (as if signed in). */
export async function demoActor(t: TestApp, username: string): Promise<UserActor> {
  const user = await findUserByUsername(t.ctx.db, t.config.tenantId, username);
  const actor = user ? toActor(user, "session", null) : null;
  if (!actor) throw new Error(`no demo user ${username}`);
  return actor;
}

/**
 * A further officer (handläggare) of the given unit, with the demo password so a TestClient can
 * sign in as them: the demo has one officer, and the visibility rule (issue 14) needs officers of
 * other units.
 */
export async function newOfficer(t: TestApp, username: string, unitId: string): Promise<UserActor> {
  await createUser(t.ctx, "system", {
    username,
    displayName: `${username} (test)`,
    role: "handlaggare",
    unitId,
    password: DEMO_PASSWORD,
  });
  return demoActor(t, username);
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

/** How many registered documents the demo's strategy case holds (its papers and the 2016 round's). */
export async function strategyDocumentCount(t: TestApp): Promise<number> {
  const row = await t.ctx.db
    .selectFrom("documents as d")
    .innerJoin("cases as c", "c.id", "d.case_id")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("c.diary_number", "=", "KS 171-482/2016")
    .where("d.status", "=", "registered")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
