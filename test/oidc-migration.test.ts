import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as oidcMigration from "../src/platform/db/migrations/2026-12-09-0301-oidc.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { TestClient } from "./helpers/client.ts";
import { TEST_DIALECT } from "./helpers/database.ts";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
}, 60_000);
afterAll(async () => {
  await t?.close();
});

describe("the OIDC migration on a database in use", () => {
  it(`keeps every user and what refers to them when users is rebuilt (${TEST_DIALECT})`, async () => {
    const client = new TestClient(t.app);
    expect((await client.login("handlaggare")).statusCode).toBe(303);
    const { db } = t.ctx;
    const snapshot = async () => ({
      users: await db
        .selectFrom("users")
        .select(["id", "username", "password_hash", "role"])
        .orderBy("id")
        .execute(),
      sessions: (await db.selectFrom("sessions").select("id").execute()).length,
      cases: (await db.selectFrom("cases").select("id").execute()).length,
    });
    const before = await snapshot();
    expect(before.users.length).toBeGreaterThan(3);

    // Down and up again: on SQLite both rebuild the users table that sessions, cases and more refer to.
    await oidcMigration.down(db);
    await oidcMigration.up(db);

    expect(await snapshot()).toEqual(before);
    if (TEST_DIALECT === "sqlite") {
      expect((await sql`pragma foreign_key_check`.execute(db)).rows).toEqual([]);
      expect(
        (await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db)).rows[0]?.foreign_keys,
      ).toBe(1);
    }
    // The session made before still signs its user in.
    expect((await client.get("/konto")).statusCode).toBe(200);
  });
});
