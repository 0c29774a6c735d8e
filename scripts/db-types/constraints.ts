import { sql } from "kysely";
import type { AnyDb } from "./model.ts";

/** "table.column" → the text values its CHECK constraint allows. */
export type AllowedValues = Map<string, string[]>;

const QUOTED_LIST = /^'(?:[^']|'')*'(?:\s*,\s*'(?:[^']|'')*')*$/;

function unquote(list: string): string[] {
  return [...list.matchAll(/'((?:[^']|'')*)'/g)].map((m) => (m[1] ?? "").replaceAll("''", "'"));
}

/** Splits a CREATE TABLE body on its top-level commas. */
function topLevelItems(body: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === "'") quoted = !quoted;
    else if (!quoted && c === "(") depth++;
    else if (!quoted && c === ")") depth--;
    else if (!quoted && depth === 0 && c === ",") {
      items.push(body.slice(start, i).trim());
      start = i + 1;
    }
  }
  items.push(body.slice(start).trim());
  return items;
}

/** SQLite keeps each table's CREATE statement: a column's own check is part of its definition. */
export async function sqliteAllowedValues(db: AnyDb): Promise<AllowedValues> {
  const { rows } = await sql<{ name: string; sql: string }>`
    select name, sql from sqlite_master where type = 'table' and sql like 'CREATE TABLE%'`.execute(db);
  const allowed: AllowedValues = new Map();
  for (const row of rows) {
    const body = row.sql.slice(row.sql.indexOf("(") + 1, row.sql.lastIndexOf(")"));
    for (const item of topLevelItems(body)) {
      const column = /^"(\w+)"/.exec(item)?.[1];
      if (!column) continue;
      const inList = new RegExp(`"?${column}"? in \\(([^()]*)\\)`).exec(item)?.[1]?.trim();
      if (inList && QUOTED_LIST.test(inList)) allowed.set(`${row.name}.${column}`, unquote(inList));
    }
  }
  return allowed;
}

/** PostgreSQL rewrites `col in ('a', 'b')` as `col = ANY (ARRAY['a'::text, 'b'::text])`, one value as `col = 'a'::text`. */
export async function postgresAllowedValues(db: AnyDb): Promise<AllowedValues> {
  const { rows } = await sql<{ table: string; column: string; definition: string }>`
    select c.relname as "table", a.attname as "column", pg_get_constraintdef(k.oid) as definition
    from pg_constraint k
    join pg_class c on c.oid = k.conrelid
    join pg_namespace s on s.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attnum = k.conkey[1]
    where k.contype = 'c' and s.nspname = current_schema() and cardinality(k.conkey) = 1`.execute(db);
  const allowed: AllowedValues = new Map();
  for (const row of rows) {
    const column = `"?${row.column}"?`;
    const list =
      new RegExp(`${column} = ANY \\(ARRAY\\[([^\\]]*)\\]\\)`).exec(row.definition)?.[1] ??
      new RegExp(`^CHECK \\(\\(${column} = ('(?:[^']|'')*'::text)\\)\\)$`).exec(row.definition)?.[1];
    const values = list?.replaceAll("::text", "");
    if (values && QUOTED_LIST.test(values)) allowed.set(`${row.table}.${row.column}`, unquote(values));
  }
  return allowed;
}
