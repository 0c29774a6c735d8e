import type { Db } from "./database.ts";
import { fixedQuery } from "./fixed-query.ts";

/** Lists that nearly every page reads and that seldom change (migrations 0014 and 0016 keep their versions). */
export type ReferenceList = "units" | "registries" | "classes" | "secrecy_grounds";

interface Entry {
  version: number;
  rows: readonly unknown[];
}

const caches = new WeakMap<Db, Map<string, Entry>>();

const listVersion = fixedQuery((db, v: { list: ReferenceList }) =>
  db.selectFrom("reference_versions").select("version").where("name", "=", v.list),
);

/**
 * Reads a reference list through a cache in this process that asks the database, on every read,
 * whether the list has changed: triggers bump the list's row in `reference_versions` on every
 * write to its tables, so a change made by any process is seen by all at once (design.md §8), and
 * a read costs one primary-key lookup instead of the whole list. The version is read before the
 * list, so a list is never kept under a newer version than its own. Reads inside a transaction
 * (which may see its own uncommitted writes) go to the tables. Rows are frozen and shared; each
 * caller gets its own array.
 */
export async function cachedRows<T extends object>(
  db: Db,
  list: ReferenceList,
  key: string,
  load: () => Promise<T[]>,
): Promise<T[]> {
  if (db.isTransaction) return load();
  const current = await listVersion.first(db, { list });
  if (!current) return load();
  const version = Number(current.version);
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const id = `${list}:${key}`;
  const hit = cache.get(id);
  if (hit?.version === version) return [...(hit.rows as T[])];
  const rows = (await load()).map((r) => Object.freeze(r));
  cache.set(id, { version, rows });
  return [...rows];
}
