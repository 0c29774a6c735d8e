import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allUnits } from "../src/organisation/units.store.ts";
import { allClasses } from "../src/registry/classification.store.ts";
import { listRegistries } from "../src/registry/registries.store.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { TestClient } from "./helpers/client.ts";

/**
 * Units, registries and classes are kept in memory per process (platform/db/reference-cache.ts).
 * A change made anywhere else — another process, a direct connection — must be seen at once:
 * the changes below go through the database owner's own connection, past kansli's code.
 */
let t: TestApp;
let tenant: string;

beforeAll(async () => {
  t = await buildTestApp();
  tenant = t.ctx.config.tenantId;
});
afterAll(async () => {
  await t.close();
});

describe("reference lists kept in memory", () => {
  it("see a unit renamed by another connection at once, on the next read and on the next page", async () => {
    const [unit] = await allUnits(t.ctx.db, tenant);
    if (!unit) throw new Error("the demo has units");
    await t.database.raw(`update units set name = 'Omdöpta nämnden' where id = '${unit.id}'`);
    const after = await allUnits(t.ctx.db, tenant);
    expect(after.find((u) => u.id === unit.id)?.name).toBe("Omdöpta nämnden");

    const client = new TestClient(t.app);
    await client.login("registrator");
    const page = await client.get("/arenden");
    expect(page.body).toContain("Omdöpta nämnden");
  });

  it("see a registry and a class added by another connection at once", async () => {
    const registries = await listRegistries(t.ctx.db, tenant);
    const classes = await allClasses(t.ctx.db, tenant, "2026-06-01");
    const scheme = classes.find((c) => c.current)?.schemeId;
    await t.database.raw(
      `insert into registries (id, tenant_id, prefix, name, number_pattern, created_at, updated_at)
       select 'reg-test', tenant_id, 'TST', 'Testregistret', number_pattern, created_at, updated_at
       from registries where id = '${registries[0]?.id}'`,
    );
    await t.database.raw(
      `insert into classes (id, scheme_id, code, title) values ('class-test', '${scheme}', '9.9', 'Provklass')`,
    );
    expect((await listRegistries(t.ctx.db, tenant)).map((r) => r.name)).toContain("Testregistret");
    expect((await allClasses(t.ctx.db, tenant, "2026-06-01")).map((c) => c.title)).toContain("Provklass");
  });

  it("keep nothing a rolled-back transaction wrote", async () => {
    const before = await allUnits(t.ctx.db, tenant);
    await expect(
      t.ctx.db.transaction().execute(async (trx) => {
        await trx
          .updateTable("units")
          .set({ name: "Aldrig sparad" })
          .where("id", "=", before[0]?.id ?? "")
          .execute();
        expect((await allUnits(trx, tenant)).map((u) => u.name)).toContain("Aldrig sparad");
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect((await allUnits(t.ctx.db, tenant)).map((u) => u.name)).not.toContain("Aldrig sparad");
  });

  it("hand out rows no caller can change for the next one", async () => {
    const [unit] = await allUnits(t.ctx.db, tenant);
    expect(() => {
      (unit as { name: string }).name = "ändrad i minnet";
    }).toThrow(TypeError);
    expect((await allUnits(t.ctx.db, tenant))[0]?.name).not.toBe("ändrad i minnet");
  });
});
