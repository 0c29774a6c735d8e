import crypto from "node:crypto";
import fs from "node:fs";
import type { TestProject } from "vitest/node";
import { onPgServer, pgTemplateName, templatesRoot } from "./seeded-copies.ts";

/**
 * Names this project's run for the seeded templates (test/helpers/seeded-copies.ts) and removes
 * them when every file has run: the template folders and, on PostgreSQL, the template databases.
 */
export default function setup(project: TestProject) {
  const run = crypto.randomBytes(5).toString("hex");
  project.provide("seededRun", run);
  return async () => {
    fs.rmSync(templatesRoot(run), { recursive: true, force: true });
    const base = process.env.TEST_DATABASE_URL;
    if (!base) return;
    await onPgServer(base, async (c) => {
      const { rows } = await c.query<{ datname: string }>(
        "select datname from pg_database where datname like $1",
        [`${pgTemplateName(run, "")}%`],
      );
      for (const { datname } of rows) await c.query(`drop database if exists ${datname} with (force)`);
    });
  };
}
