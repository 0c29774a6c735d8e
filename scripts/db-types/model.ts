import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: introspection reads the catalogue, not the typed schema
export type AnyDb = Kysely<any>;

/** One column as both databases must agree on it. */
export interface ColumnInfo {
  name: string;
  type: "string" | "number";
  nullable: boolean;
  /** May be left out on insert: a declared default, or an integer key the database numbers. */
  generated: boolean;
  /** The values a single-column `CHECK (col IN ('a', 'b'))` allows; null when unconstrained. */
  values: string[] | null;
}

interface TableInfo {
  name: string;
  columns: ColumnInfo[];
}

/** Tables in name order, columns in the order the migrations created them. */
export type SchemaInfo = TableInfo[];
