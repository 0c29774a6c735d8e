import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateToLatest } from "../src/platform/db/migrate.ts";
import { createTestDatabase, type TestDatabase } from "./helpers/database.ts";

/**
 * The upgrade that makes the network's contact persons user accounts (issue 20, item 5), on a
 * register that disagreed with the accounts as the demo's did.
 */
let database: TestDatabase;
const T = "2026-01-01T00:00:00.000Z";

beforeAll(async () => {
  database = await createTestDatabase({ upTo: "2026-12-08-0301-mail-intake-failures" });
  // biome-ignore lint/suspicious/noExplicitAny: the schema before the migration is not the generated one
  const db = database.open.db as any;
  await db.insertInto("tenants").values({ id: "t", name: "T", created_at: T }).execute();
  const unit = (id: string, type: string) => ({
    id,
    tenant_id: "t",
    name: id,
    type,
    parent_id: null,
    created_at: T,
    updated_at: T,
  });
  await db
    .insertInto("units")
    .values([
      unit("linked", "administration"),
      unit("account-only", "administration"),
      unit("register-only", "company"),
      unit("office", "office_unit"),
    ])
    .execute();
  const user = (id: string, unitId: string, email: string, role = "kontaktperson") => ({
    id,
    tenant_id: "t",
    username: id,
    display_name: `Konto ${id}`,
    email,
    role,
    unit_id: unitId,
    password_hash: "x",
    created_at: "2025-03-04T10:00:00.000Z",
    updated_at: T,
  });
  await db
    .insertInto("users")
    .values([
      user("u-linked", "linked", "anna@example.org"),
      user("u-account", "account-only", "kim@example.org"),
      // Same e-mail as the register, but an officer: not a contact person.
      user("u-officer", "register-only", "bo@example.org", "handlaggare"),
    ])
    .execute();
  const appointment = (id: string, unitId: string, email: string) => ({
    id,
    tenant_id: "t",
    unit_id: unitId,
    name: `Person ${id}`,
    email,
    phone: "08-123",
    appointed_on: "2024-05-01",
    appointed_by: "Chefen",
    ended_on: null,
    recorded_by: null,
    created_at: T,
  });
  await db
    .insertInto("contact_persons")
    .values([
      appointment("c-linked", "linked", "Anna@Example.org"),
      appointment("c-stale", "account-only", "someone.else@example.org"),
      appointment("c-register", "register-only", "bo@example.org"),
    ])
    .execute();
  // A running network with no review date, one reviewed before, and a membership that has its date.
  await db
    .insertInto("classification_schemes")
    .values({ id: "s", tenant_id: "t", name: "S", version: "1", valid_from: "2016-01-01", created_at: T })
    .execute();
  await db.insertInto("classes").values({ id: "k", scheme_id: "s", code: "1", title: "K" }).execute();
  await db
    .insertInto("registries")
    .values({
      id: "r",
      tenant_id: "t",
      prefix: "KS",
      name: "KS",
      number_pattern: "{prefix} {year}/{seq}",
      created_at: T,
      updated_at: T,
    })
    .execute();
  await db
    .insertInto("cases")
    .values({
      id: "case",
      tenant_id: "t",
      registry_id: "r",
      diary_number: "KS 2020/1",
      year: 2020,
      seq: 1,
      title: "Ärende",
      class_id: "k",
      unit_id: "linked",
      status: "open",
      opened_on: "2020-01-01",
      created_at: T,
      updated_at: T,
    })
    .execute();
  const engagement = (id: string, type: string, start: string, more: Record<string, string> = {}) => ({
    id,
    tenant_id: "t",
    case_id: "case",
    type,
    title: id,
    unit_id: "linked",
    officer_id: "u-officer",
    scope: "service",
    units_affected: 1,
    political_level: "normal",
    adds_resource_burden: 0,
    on_behalf_of: "unit",
    touches_state_relations: 0,
    purpose: "Syfte",
    start_date: start,
    prioritised: 0,
    status: "approved",
    deciding_body: "UNIT",
    routing_rule: "unit",
    created_at: T,
    updated_at: T,
    ...more,
  });
  await db
    .insertInto("engagements")
    .values([
      engagement("network-new", "network", "2024-02-29"),
      engagement("network-reviewed", "network", "2016-05-01", { last_reviewed_on: "2023-06-01" }),
      engagement("network-ended", "network", "2016-05-01", { status: "ended" }),
      engagement("membership", "membership", "2020-01-01", { review_date: "2024-01-01" }),
    ])
    .execute();
  await migrateToLatest(database.open.db);
});
afterAll(() => database.drop());

describe("the migration that makes contact persons accounts", () => {
  it("links an appointment to its unit's kontaktperson account by e-mail, whatever the case", async () => {
    const row = await database.open.db
      .selectFrom("contact_persons")
      .selectAll()
      .where("id", "=", "c-linked")
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ user_id: "u-linked", ended_on: null, phone: "08-123" });
  });

  it("makes a unit's kontaktperson account its contact person when the register named someone without one", async () => {
    const rows = await database.open.db
      .selectFrom("contact_persons")
      .selectAll()
      .where("unit_id", "=", "account-only")
      .orderBy("appointed_on")
      .execute();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ id: "c-stale", user_id: null });
    expect(rows[0]?.ended_on).not.toBeNull();
    expect(rows[1]).toMatchObject({
      user_id: "u-account",
      name: "Konto u-account",
      email: "kim@example.org",
      appointed_on: "2025-03-04",
      ended_on: null,
    });
  });

  it("links no account of another role, and keeps an appointment without an account as it was", async () => {
    const row = await database.open.db
      .selectFrom("contact_persons")
      .selectAll()
      .where("unit_id", "=", "register-only")
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ id: "c-register", user_id: null, ended_on: null });
  });

  it("gives each running network the review date four years after its last review or start (P4)", async () => {
    const rows = await database.open.db
      .selectFrom("engagements")
      .select(["id", "review_date"])
      .orderBy("id")
      .execute();
    expect(Object.fromEntries(rows.map((r) => [r.id, r.review_date]))).toEqual({
      membership: "2024-01-01",
      "network-ended": null,
      "network-new": "2028-02-29",
      "network-reviewed": "2027-06-01",
    });
  });

  it("gives the tenant a reminder lead time of 60 days", async () => {
    const tenant = await database.open.db
      .selectFrom("tenants")
      .select("review_reminder_days")
      .executeTakeFirstOrThrow();
    expect(Number(tenant.review_reminder_days)).toBe(60);
  });
});
