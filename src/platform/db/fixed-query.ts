import type { Compilable, CompiledQuery, InferResult } from "kysely";
import type { Db } from "./database.ts";

/** Marks where a value goes in a fixed query's parameters: the name of the value. */
const SLOT = Symbol("fixed query value");
interface Slot {
  [SLOT]: string;
}
const isSlot = (value: unknown): value is Slot =>
  typeof value === "object" && value !== null && SLOT in value;

/** The values a fixed query takes, each in its place among the compiled query's parameters. */
const slotsFor = <P>(): P =>
  new Proxy({} as Record<string, Slot>, {
    get: (_target, name) => ({ [SLOT]: String(name) }),
  }) as P;

/** Each fixed query's SQL text (both dialects) and the name PostgreSQL connections prepare it under. */
const statementNames = new Map<string, string>();

/** The name a fixed query's SQL is kept prepared under on a PostgreSQL connection; undefined for other SQL. */
export const fixedStatementName = (sql: string): string | undefined => statementNames.get(sql);

interface Compiled<R> {
  query: CompiledQuery<R>;
  /** For each parameter, the name of the value that fills it, or null when it is a constant. */
  names: (string | null)[];
}

export interface FixedQuery<P, R> {
  /** Every row. */
  all(db: Db, values: P): Promise<R[]>;
  /** The first row, or undefined. */
  first(db: Db, values: P): Promise<R | undefined>;
}

/**
 * A query whose shape never changes (only its values do), built and compiled once per kind of
 * database and then run with new values: building and compiling a Kysely query costs more than
 * running a lookup by key on SQLite. `build` gets the values as placeholders, which must be used
 * as whole values (`where("id", "=", v.id)`), never looked into, nor as lists (`in`), whose SQL
 * depends on their length. The SQL text is then the same on every call, so SQLite's statement
 * cache and PostgreSQL's named statements (database.ts) reuse it.
 */
export function fixedQuery<P extends Record<string, unknown>, Q extends Compilable<unknown>>(
  build: (db: Db, values: P) => Q,
): FixedQuery<P, InferResult<Q>[number]> {
  type R = InferResult<Q>[number];
  // One compiled form per dialect adapter (SQLite and PostgreSQL write different SQL).
  const compiled = new Map<unknown, Compiled<R>>();
  const compiledFor = (db: Db): Compiled<R> => {
    const adapter = db.getExecutor().adapter.constructor;
    let hit = compiled.get(adapter);
    if (!hit) {
      const query = build(db, slotsFor<P>()).compile() as CompiledQuery<R>;
      if (!statementNames.has(query.sql))
        statementNames.set(query.sql, `kansli_fixed_${statementNames.size + 1}`);
      hit = { query, names: query.parameters.map((p) => (isSlot(p) ? p[SLOT] : null)) };
      compiled.set(adapter, hit);
    }
    return hit;
  };
  const run = async (db: Db, values: P): Promise<R[]> => {
    const { query, names } = compiledFor(db);
    const parameters = names.map((name, i) => (name === null ? query.parameters[i] : values[name]));
    return (await db.executeQuery<R>({ ...query, parameters })).rows;
  };
  return {
    all: run,
    first: async (db, values) => (await run(db, values))[0],
  };
}
