import type { UserActor } from "../../src/auth/actor.ts";
import { toActor } from "../../src/auth/sessions.service.ts";
import { createToken } from "../../src/auth/tokens.service.ts";
import { createUser } from "../../src/auth/users.service.ts";
import { findUserByUsername } from "../../src/auth/users.store.ts";
import type { Case } from "../../src/registry/cases.model.ts";
import { openCase } from "../../src/registry/cases.service.ts";
import type { TestApp } from "./app.ts";
import { demoActor, demoClassId } from "./demo.ts";

/** The demo officer's unit: the unit that owns the secret cases below. */
export const OWN_UNIT = "slk-kommunikation-omvarld";
/** The unit of the second officer and of the demo contact person. */
export const OTHER_UNIT = "forv-kultur";
export const OTHER_OFFICER = "handlaggare-kultur";
export const OTHER_OFFICER_PASSWORD = "Kulturforvaltningens-handlaggare-2026";
/** The public title every secret case here carries. */
export const PUBLIC_TITLE = "Ärende om internationellt samarbete";

/** A handläggare of the culture administration: an officer of another unit than the cases'. */
export async function otherUnitOfficer(t: TestApp): Promise<UserActor> {
  const row =
    (await findUserByUsername(t.ctx.db, t.config.tenantId, OTHER_OFFICER)) ??
    (await createUser(t.ctx, "system", {
      username: OTHER_OFFICER,
      displayName: "Kajsa Kulturhandläggare (test)",
      role: "handlaggare",
      unitId: OTHER_UNIT,
      password: OTHER_OFFICER_PASSWORD,
    }));
  const actor = toActor(row, "session", null);
  if (!actor) throw new Error("no actor");
  return actor;
}

/**
 * A case of the demo officer's unit with a secret real title and a party with protected identity,
 * both carrying `marker`, and a harmless public title.
 */
export async function secretCase(t: TestApp, marker: string): Promise<Case> {
  const officer = await demoActor(t, "handlaggare");
  return openCase(t.ctx, "system", {
    registryId: "ks",
    title: `Hemligt samarbete ${marker}`,
    publicTitle: PUBLIC_TITLE,
    classId: await demoClassId(t, "2019", "1.4"),
    unitId: OWN_UNIT,
    officerId: officer.id,
    parties: [{ name: `Skyddad ${marker}`, protectedIdentity: true }],
  });
}

/** Calls the API as a user, with a personal token. */
export async function apiAs(t: TestApp, username: string) {
  const user = await findUserByUsername(t.ctx.db, t.config.tenantId, username);
  if (!user) throw new Error(`no user ${username}`);
  const { token } = await createToken(t.ctx, "system", user, { name: `test-${username}` });
  return (method: "GET" | "POST" | "PATCH" | "PUT", url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    });
}

/** The number of audit events: a refused write adds none. */
export async function auditCount(t: TestApp): Promise<number> {
  const row = await t.ctx.db
    .selectFrom("audit_events")
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
