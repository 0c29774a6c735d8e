import type { Writable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/app.ts";
import { type Config, loadConfig } from "../../src/config.ts";
import { seedDemo } from "../../src/demo/seed.ts";
import { type Clock, systemClock } from "../../src/platform/clock.ts";
import type { Ctx } from "../../src/platform/context.ts";
import { ensureTenant } from "../../src/platform/tenants.store.ts";
import { seedSecrecyGrounds } from "../../src/registry/secrecy-grounds.seed.ts";
import { createTestDatabase, TEST_AUDIT_KEY, type TestDatabase } from "./database.ts";

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
  const database = await createTestDatabase();
  const config = loadConfig({
    KANSLI_LOG_LEVEL: options.logStream ? "info" : "silent",
    KANSLI_AUDIT_KEY: TEST_AUDIT_KEY,
    ...options.env,
    KANSLI_DATA_DIR: database.target.dataDir,
  });
  const clock = options.clock ?? systemClock;
  const app = await buildApp({
    config,
    db: database.open.db,
    dialect: database.open.dialect,
    clock,
    ...(options.logStream ? { logStream: options.logStream } : {}),
  });
  await ensureTenant(database.open.db, config.tenantId, clock.now());
  await seedSecrecyGrounds(database.open.db, config.tenantId, clock.now());
  if (options.seed !== false) await seedDemo(app.ctx, DEMO_PASSWORD);
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
