import type { FastifyBaseLogger } from "fastify";
import type { Config } from "../config.ts";
import type { Clock } from "./clock.ts";
import type { Db, Dialect } from "./db/database.ts";
import type { BlobStore } from "./files/blob-store.ts";

/** What every service needs: settings, the database, the time, a logger. */
export interface Ctx {
  config: Config;
  db: Db;
  dialect: Dialect;
  clock: Clock;
  log: FastifyBaseLogger;
  /** Where file content lives, named by its SHA-256. */
  files: BlobStore;
}
