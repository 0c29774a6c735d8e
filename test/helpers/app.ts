import type { Writable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/app.ts";
import { type Config, loadConfig } from "../../src/config.ts";
import { seedDemo } from "../../src/demo/seed.ts";
import { stockholmDate } from "../../src/platform/calendar/civil-date.ts";
import { type Clock, systemClock } from "../../src/platform/clock.ts";
import type { Ctx } from "../../src/platform/context.ts";
import { ensureTenant } from "../../src/platform/tenants.store.ts";
import { seedSecrecyGrounds } from "../../src/registry/secrecy-grounds.seed.ts";
import { createTestDatabase, TEST_AUDIT_KEY, type TestDatabase } from "./database.ts";
import { seededDatabase } from "./seeded-copies.ts";

export const DEMO_PASSWORD = "testlosenord-for-demo-2026";

export interface TestApp {
  app: FastifyInstance;
  ctx: Ctx;
  config: Config;
  database: TestDatabase;
  close(): Promise<void>;
}

/** The real application on a fresh database with the demo organisation and accounts. */
export async function buildTestApp(
  options: { clock?: Clock; env?: Record<string, string>; logStream?: Writable; seed?: boolean } = {},
): Promise<TestApp> {
  const clock = options.clock ?? systemClock;
  const configFor = (database: TestDatabase, logged: boolean) =>
    loadConfig({
      KANSLI_LOG_LEVEL: logged ? "info" : "silent",
      KANSLI_AUDIT_KEY: TEST_AUDIT_KEY,
      ...options.env,
      KANSLI_DATA_DIR: database.target.dataDir,
    });
  const appOn = (database: TestDatabase, config: Config, logStream?: Writable) =>
    buildApp({
      config,
      db: database.open.db,
      dialect: database.open.dialect,
      clock,
      ...(logStream ? { logStream } : {}),
    });
  /** What every test app starts from: the tenant, the secrecy grounds and, unless left out, the demo. */
  const prepare = async (database: TestDatabase, app: FastifyInstance, config: Config) => {
    await ensureTenant(database.open.db, config.tenantId, clock.now());
    await seedSecrecyGrounds(database.open.db, config.tenantId, clock.now());
    if (options.seed !== false) await seedDemo(app.ctx, DEMO_PASSWORD);
  };

  let database: TestDatabase;
  if (options.seed === false) {
    database = await createTestDatabase();
  } else {
    const clockKey = options.clock ? clock.now().toISOString() : stockholmDate(clock.now());
    database = await seededDatabase({ clockKey, env: options.env ?? {} }, async (building) => {
      const config = configFor(building, false);
      const app = await appOn(building, config);
      await prepare(building, app, config);
      await app.close();
    });
  }
  const config = configFor(database, Boolean(options.logStream));
  const app = await appOn(database, config, options.logStream);
  if (options.seed === false) await prepare(database, app, config);
  return {
    app,
    ctx: app.ctx,
    config,
    database,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
