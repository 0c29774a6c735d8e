import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { introspectSchema } from "../scripts/db-types/introspect.ts";
import { renderSchema } from "../scripts/db-types/render.ts";
import { createTestDatabase, TEST_DIALECT, type TestDatabase } from "./helpers/database.ts";

const SCHEMA_FILE = path.join(import.meta.dirname, "../src/platform/db/schema.ts");

describe("generated database types", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it(`match the migrated ${TEST_DIALECT} schema (run npm run db:types after a migration)`, async () => {
    const generated = renderSchema(await introspectSchema(database.open.db, TEST_DIALECT));
    expect(generated).toBe(fs.readFileSync(SCHEMA_FILE, "utf8"));
  });
});
