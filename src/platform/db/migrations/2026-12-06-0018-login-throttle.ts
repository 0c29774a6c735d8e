// Frozen migration: never edit after it has landed; add a new file instead.
import { type Kysely, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  // Failed sign-ins counted per (account, client address) and per client address, instead of a
  // lock on the account that anyone could set off. In the database, so every process agrees.
  await db.schema
    .createTable("login_failures")
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
    .addColumn("scope", "text", (c) => c.notNull().check(sql`scope in ('account', 'address')`))
    // The username as typed (known or not); '' on an address's own row.
    .addColumn("username", "text", (c) => c.notNull())
    .addColumn("address", "text", (c) => c.notNull())
    .addColumn("failures", "integer", (c) => c.notNull())
    .addColumn("last_failed_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("login_failures_pk", ["tenant_id", "scope", "username", "address"])
    .execute();
  await db.schema.createIndex("login_failures_last").on("login_failures").column("last_failed_at").execute();
  await db.schema.alterTable("users").dropColumn("failed_logins").execute();
  await db.schema.alterTable("users").dropColumn("locked_until").execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("users")
    .addColumn("failed_logins", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable("users").addColumn("locked_until", "text").execute();
  await db.schema.dropTable("login_failures").execute();
}
