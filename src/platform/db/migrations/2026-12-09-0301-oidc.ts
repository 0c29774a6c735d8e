// Frozen migration: never edit after it has landed; add a new file instead.
import { type Kysely, sql } from "kysely";
import { isPostgres } from "./dialect.ts";

const ROLES = [
  "admin",
  "registrator",
  "handlaggare",
  "remissinstans",
  "kontaktperson",
  "beslutsfattare",
  "lasare",
];
const list = (values: string[]) => sql.raw(values.map((v) => `'${v}'`).join(", "));
const USER_COLUMNS = [
  "id",
  "tenant_id",
  "username",
  "display_name",
  "email",
  "role",
  "unit_id",
  "password_hash",
  "locale",
  "disabled_at",
  "created_at",
  "updated_at",
];

/**
 * Sign-in through the city's OpenID provider: a user signing in that way has no password and is
 * known by the provider's stable subject; a session says how it was signed in and with what
 * methods (amr) and assurance (acr); admins map the provider's group or app-role values to a role
 * and unit.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`alter table users alter column password_hash drop not null`.execute(db);
    await db.schema.alterTable("users").addColumn("oidc_subject", "text").execute();
  } else {
    await rebuildUsers(db, { passwordRequired: false });
  }
  // Many users have no subject: both databases let NULLs repeat in a unique index.
  await db.schema
    .createIndex("users_tenant_oidc_subject")
    .on("users")
    .columns(["tenant_id", "oidc_subject"])
    .unique()
    .execute();

  await db.schema
    .alterTable("sessions")
    .addColumn("method", "text", (c) =>
      c.notNull().defaultTo("password").check(sql`method in ('password', 'oidc')`),
    )
    .execute();
  await db.schema.alterTable("sessions").addColumn("amr", "text").execute();
  await db.schema.alterTable("sessions").addColumn("acr", "text").execute();

  await db.schema
    .createTable("oidc_role_mappings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
    // A value of the provider's groups or roles claim (a group's object id, an app role's name).
    .addColumn("claim_value", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull().check(sql`role in (${list(ROLES)})`))
    .addColumn("unit_id", "text", (c) => c.references("units.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("oidc_role_mappings_tenant_value", ["tenant_id", "claim_value"])
    .addCheckConstraint(
      "oidc_role_mappings_unit_bound_roles",
      sql`role not in ('remissinstans', 'kontaktperson') or unit_id is not null`,
    )
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("oidc_role_mappings").execute();
  for (const column of ["acr", "amr", "method"])
    await db.schema.alterTable("sessions").dropColumn(column).execute();
  await db.schema.dropIndex("users_tenant_oidc_subject").execute();
  if (isPostgres(db)) {
    await db.schema.alterTable("users").dropColumn("oidc_subject").execute();
    await sql`alter table users alter column password_hash set not null`.execute(db);
  } else {
    await rebuildUsers(db, { passwordRequired: true });
  }
}

/**
 * SQLite cannot change a column's NOT NULL: the table is built anew beside the old one, filled,
 * and swapped in, with foreign keys off so that the tables referring to users keep their rows
 * (SQLite's documented procedure; the migrator runs SQLite migrations outside a transaction).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
async function rebuildUsers(db: Kysely<any>, { passwordRequired }: { passwordRequired: boolean }) {
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      let table = trx.schema
        .createTable("users_rebuilt")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
        .addColumn("username", "text", (c) => c.notNull())
        .addColumn("display_name", "text", (c) => c.notNull())
        .addColumn("email", "text")
        .addColumn("role", "text", (c) => c.notNull().check(sql`role in (${list(ROLES)})`))
        .addColumn("unit_id", "text", (c) => c.references("units.id"))
        .addColumn("password_hash", "text", (c) => (passwordRequired ? c.notNull() : c))
        .addColumn("locale", "text", (c) => c.check(sql`locale in ('sv', 'en')`))
        .addColumn("disabled_at", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull());
      if (!passwordRequired) table = table.addColumn("oidc_subject", "text");
      await table
        .addUniqueConstraint("users_tenant_username", ["tenant_id", "username"])
        .addCheckConstraint(
          "users_unit_bound_roles",
          sql`role not in ('remissinstans', 'kontaktperson') or unit_id is not null`,
        )
        .execute();
      const columns = sql.raw(USER_COLUMNS.join(", "));
      await sql`insert into users_rebuilt (${columns}) select ${columns} from users`.execute(trx);
      await sql`drop table users`.execute(trx);
      await sql`alter table users_rebuilt rename to users`.execute(trx);
      const broken = await sql`pragma foreign_key_check`.execute(trx);
      if (broken.rows.length > 0) throw new Error(`users rebuild broke ${broken.rows.length} references`);
    });
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}
