import { sql } from "kysely";
import { type ColumnMetadata, PostgresIntrospector, SqliteIntrospector } from "kysely-codegen";
import type { Dialect } from "../../src/platform/db/database.ts";
import { type AllowedValues, postgresAllowedValues, sqliteAllowedValues } from "./constraints.ts";
import type { AnyDb, ColumnInfo, SchemaInfo } from "./model.ts";

const TS_TYPES: Record<string, ColumnInfo["type"]> = {
  text: "string",
  integer: "number",
  int4: "number",
  bigint: "number",
  int8: "number",
  "double precision": "number",
  float8: "number",
};

/** What only one database has: SQLite's FTS5 tables (and their shadow tables), PostgreSQL's tsvector columns. */
interface DialectOnly {
  tables: (name: string) => boolean;
  columns: (dataType: string) => boolean;
}

/** Single-column integer primary keys: SQLite numbers them when left out (PostgreSQL's serials likewise). */
async function integerKeys(db: AnyDb, dialect: Dialect): Promise<Set<string>> {
  const { rows } =
    dialect === "sqlite"
      ? await sql<{ key: string }>`
          select m.name || '.' || p.name as key from sqlite_master m, pragma_table_info(m.name) p
          where m.type = 'table' and p.pk > 0 and lower(p.type) = 'integer'
            and (select count(*) from pragma_table_info(m.name) q where q.pk > 0) = 1`.execute(db)
      : await sql<{ key: string }>`
          select c.relname || '.' || a.attname as key
          from pg_index i
          join pg_class c on c.oid = i.indrelid
          join pg_namespace s on s.oid = c.relnamespace
          join pg_attribute a on a.attrelid = c.oid and a.attnum = i.indkey[0]
          where i.indisprimary and i.indnatts = 1 and s.nspname = current_schema()
            and a.atttypid in ('int4'::regtype, 'int8'::regtype)`.execute(db);
  return new Set(rows.map((r) => r.key));
}

/** Primary-key columns: SQLite reports a text key as nullable, though no row can lack one. */
async function keyColumns(db: AnyDb, dialect: Dialect): Promise<Set<string>> {
  const { rows } =
    dialect === "sqlite"
      ? await sql<{ key: string }>`
          select m.name || '.' || p.name as key from sqlite_master m, pragma_table_info(m.name) p
          where m.type = 'table' and p.pk > 0`.execute(db)
      : await sql<{ key: string }>`
          select c.relname || '.' || a.attname as key
          from pg_index i
          join pg_class c on c.oid = i.indrelid
          join pg_namespace s on s.oid = c.relnamespace
          join pg_attribute a on a.attrelid = c.oid and a.attnum = any(i.indkey)
          where i.indisprimary and s.nspname = current_schema()`.execute(db);
  return new Set(rows.map((r) => r.key));
}

async function dialectOnly(db: AnyDb, dialect: Dialect): Promise<DialectOnly> {
  if (dialect === "postgres") return { tables: () => false, columns: (type) => type === "tsvector" };
  const { rows } = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' and sql like 'CREATE VIRTUAL TABLE%'`.execute(db);
  const virtual = rows.map((r) => r.name);
  return {
    tables: (name) => virtual.some((v) => name === v || name.startsWith(`${v}_`)),
    columns: () => false,
  };
}

function columnInfo(
  table: string,
  column: ColumnMetadata,
  keys: { primary: Set<string>; numbered: Set<string> },
  allowed: AllowedValues,
): ColumnInfo {
  const key = `${table}.${column.name}`;
  const type = TS_TYPES[column.dataType.toLowerCase()];
  if (!type) throw new Error(`${key}: no TypeScript type for ${column.dataType}`);
  return {
    name: column.name,
    type,
    nullable: column.isNullable && !keys.primary.has(key),
    generated: column.hasDefaultValue || keys.numbered.has(key),
    values: allowed.get(key) ?? null,
  };
}

/** The migrated schema of the connection's database (PostgreSQL: its current schema), as kysely-codegen reads it. */
export async function introspectSchema(db: AnyDb, dialect: Dialect): Promise<SchemaInfo> {
  const schema =
    dialect === "postgres"
      ? (await sql<{ name: string }>`select current_schema() as name`.execute(db)).rows[0]?.name
      : undefined;
  const introspector = dialect === "postgres" ? new PostgresIntrospector() : new SqliteIntrospector();
  const metadata = await introspector.introspect({ db, includePattern: schema ? `${schema}.*` : null });
  const only = await dialectOnly(db, dialect);
  const keys = { primary: await keyColumns(db, dialect), numbered: await integerKeys(db, dialect) };
  const allowed = dialect === "postgres" ? await postgresAllowedValues(db) : await sqliteAllowedValues(db);
  return metadata.tables
    .filter((t) => !t.isView && !only.tables(t.name))
    .map((t) => ({
      name: t.name,
      columns: t.columns
        .filter((c) => !only.columns(c.dataType))
        .map((c) => columnInfo(t.name, c, keys, allowed)),
    }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
