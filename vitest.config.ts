import { defineConfig } from "vitest/config";

const shared = {
  // Several tests build their own app (own settings, own seed) inside the test: on a shared,
  // loaded 2-core machine that alone has taken over 30 s on PostgreSQL. The limit only catches hangs.
  testTimeout: 60_000,
  hookTimeout: 60_000,
  // Seeded test apps are copies of one template a run (test/helpers/seeded-copies.ts).
  globalSetup: ["test/helpers/global-setup.ts"],
};

/**
 * The same database-backed tests run once on SQLite and once on PostgreSQL (`*.pure.test.ts`, which
 * never open a database, run on SQLite only); the browser tests run alone, once on each database.
 */
export default defineConfig({
  oxc: { jsx: { runtime: "automatic", importSource: "@kitajs/html" } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          ...shared,
          name: "sqlite",
          include: ["test/**/*.test.ts"],
          env: { KANSLI_TEST_DIALECT: "sqlite" },
        },
      },
      {
        extends: true,
        test: {
          ...shared,
          name: "postgres",
          include: ["test/**/*.test.ts"],
          // A test that never opens a database gains nothing from a second run.
          exclude: ["test/**/*.pure.test.ts"],
          env: { KANSLI_TEST_DIALECT: "postgres" },
        },
      },
      {
        extends: true,
        test: {
          ...shared,
          name: "browser",
          include: ["e2e/**/*.e2e.ts"],
          fileParallelism: false,
          testTimeout: 90_000,
          env: { KANSLI_TEST_DIALECT: "sqlite" },
          // One browser at a time: the SQLite run first, then the PostgreSQL run.
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          ...shared,
          name: "browser-postgres",
          include: ["e2e/**/*.e2e.ts"],
          fileParallelism: false,
          testTimeout: 90_000,
          env: { KANSLI_TEST_DIALECT: "postgres" },
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
