import type { Insertable, Selectable } from "kysely";
import type { Db } from "../platform/db/database.ts";
import type { CityComparisonTable, WatchItemTable } from "../platform/db/schema.ts";

type CityComparisonRow = Selectable<CityComparisonTable>;

export const insertWatchItem = (db: Db, row: Insertable<WatchItemTable>) =>
  db.insertInto("watch_items").values(row).execute();

/** Latest observed first. */
export const listWatchItemRows = (db: Db, tenantId: string, limit: number) =>
  db
    .selectFrom("watch_items")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .orderBy("observed_on", "desc")
    .orderBy("id")
    .limit(limit)
    .execute();

export const findComparison = (db: Db, tenantId: string, indexName: string, year: number) =>
  db
    .selectFrom("city_comparisons")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("index_name", "=", indexName)
    .where("year", "=", year)
    .executeTakeFirst();

export const updateComparison = (
  db: Db,
  id: string,
  values: Pick<CityComparisonRow, "rank" | "value" | "source">,
) => db.updateTable("city_comparisons").set(values).where("id", "=", id).execute();

export const insertComparison = (db: Db, row: Insertable<CityComparisonTable>) =>
  db.insertInto("city_comparisons").values(row).execute();

/** By index name, then year. */
export const listComparisonRows = (db: Db, tenantId: string) =>
  db
    .selectFrom("city_comparisons")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .orderBy("index_name")
    .orderBy("year")
    .execute();
