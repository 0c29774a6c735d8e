import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toActor } from "../src/auth/sessions.service.ts";
import { createToken, revokeToken } from "../src/auth/tokens.service.ts";
import { findUserByUsername } from "../src/auth/users.store.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";

let t: TestApp;
let token: string;
const get = (url: string, bearer = token) =>
  t.app.inject({ method: "GET", url, headers: { authorization: `Bearer ${bearer}` } });

beforeAll(async () => {
  t = await buildTestApp();
  const user = await findUserByUsername(t.ctx.db, t.config.tenantId, "registrator");
  if (!user) throw new Error("no registrator");
  token = (await createToken(t.ctx, "system", user, { name: "api test" })).token;
});
afterAll(async () => {
  await t.close();
});

describe("API v1", () => {
  it("answers /me in camelCase for a token's owner", async () => {
    const res = await get("/api/v1/me");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      username: "registrator",
      role: "registrator",
      displayName: "Rut Registrator (demo)",
      unitId: "slk",
    });
  });

  it("walks every unit with limit and cursor, without repeats", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await get(`/api/v1/units?limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(res.statusCode).toBe(200);
      const body = res.json() as {
        items: { id: string; functionalMailbox: string }[];
        nextCursor: string | null;
      };
      expect(body.items.length).toBeLessThanOrEqual(7);
      seen.push(...body.items.map((u) => u.id));
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor && pages < 50);
    const all = await t.ctx.db.selectFrom("units").select("id").execute();
    expect(seen.length).toBe(all.length);
    expect(new Set(seen).size).toBe(all.length);
    expect(pages).toBe(Math.ceil(all.length / 7));
  });

  it("filters units by type and answers one unit", async () => {
    const res = await get("/api/v1/units?type=specialist_committee&limit=500");
    expect(res.json().items).toHaveLength(15);
    expect(res.json().nextCursor).toBeNull();
    const ks = await get("/api/v1/units/ks");
    expect(ks.json()).toMatchObject({
      id: "ks",
      name: "Kommunstyrelsen",
      shortName: "KS",
      type: "executive_board",
      parentId: "kf",
    });
  });

  it("answers an unknown unit and a forged cursor with the one error body", async () => {
    const missing = await get("/api/v1/units/finns-inte");
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: { code: "not_found", message: "Sidan finns inte", fields: [] } });
    const forged = await get("/api/v1/units?cursor=bm90LWEtY3Vyc29y");
    expect(forged.statusCode).toBe(422);
    expect(forged.json().error.fields[0].field).toBe("cursor");
  });

  it("refuses a revoked token", async () => {
    const user = await findUserByUsername(t.ctx.db, t.config.tenantId, "lasare");
    if (!user) throw new Error("no lasare");
    const { id, token: short } = await createToken(t.ctx, "system", user, { name: "short-lived" });
    expect((await get("/api/v1/me", short)).statusCode).toBe(200);
    const actor = toActor(user, "session", null);
    if (!actor) throw new Error("no actor");
    await revokeToken(t.ctx, actor, id);
    const res = await get("/api/v1/me", short);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe("unauthenticated");
  });

  it("lets an admin change a unit with PUT and records it", async () => {
    const admin = await findUserByUsername(t.ctx.db, t.config.tenantId, "admin");
    if (!admin) throw new Error("no admin");
    const { token: adminToken } = await createToken(t.ctx, "system", admin, { name: "admin api" });
    const res = await t.app.inject({
      method: "PUT",
      url: "/api/v1/units/forv-kultur",
      headers: { authorization: `Bearer ${adminToken}` },
      payload: {
        name: "Kulturförvaltningen",
        type: "administration",
        parentId: "fn-kultur",
        phone: "08-508 310 00",
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().phone).toBe("08-508 310 00");
    const event = await t.ctx.db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "unit.update")
      .executeTakeFirst();
    expect(event?.actor_label).toBe("admin");
  });

  it("describes every API route in an OpenAPI 3.1 document generated from the validating schemas", async () => {
    const res = await t.app.inject({ url: "/api/v1/openapi.json" });
    const doc = res.json();
    expect(doc.openapi).toBe("3.1.0");
    const apiRoutes = t.app.routeList.filter((r) => r.includes("/api/v1/") && !r.endsWith("openapi.json"));
    for (const route of apiRoutes) {
      const [method = "", url = ""] = route.split(" ");
      const path = url.replace("/api/v1", "").replace(/:(\w+)/g, "{$1}");
      expect(doc.paths[path]?.[method.toLowerCase()], route).toBeDefined();
    }
    const list = doc.paths["/units"].get;
    const names = list.parameters.map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(["limit", "cursor", "type"]));
    expect(list.parameters.find((p: { name: string }) => p.name === "limit").schema.maximum).toBe(500);
    expect(
      doc.paths["/units/{id}"].put.requestBody.content["application/json"].schema.properties.name.maxLength,
    ).toBe(200);
  });

  it("names every operation once and keeps the shared schemas under components", async () => {
    const doc = (await t.app.inject({ url: "/api/v1/openapi.json" })).json();
    const ops = Object.values(doc.paths as Record<string, Record<string, { operationId?: string }>>).flatMap(
      (byMethod) => Object.values(byMethod),
    );
    const ids = ops.map((op) => op.operationId);
    expect(ids.every((id) => typeof id === "string" && /^[a-z][A-Za-z0-9]*$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc.paths["/units/{id}"].get.operationId).toBe("getUnitsById");
    const answer = (path: string, method: string, status: string) =>
      doc.paths[path][method].responses[status].content["application/json"].schema;
    expect(answer("/cases/{id}", "get", "200")).toEqual({ $ref: "#/components/schemas/CaseWithParties" });
    expect(answer("/consultations/{id}/send", "post", "200")).toEqual({
      $ref: "#/components/schemas/ConsultationDetails",
    });
    expect(answer("/units", "get", "200").properties.items.items).toEqual({
      $ref: "#/components/schemas/Unit",
    });
    expect(doc.paths["/me"].get.responses.default).toEqual({ $ref: "#/components/responses/Error" });
    const refs = JSON.stringify(doc).match(/"#\/components\/schemas\/\w+"/g) ?? [];
    for (const ref of refs) expect(doc.components.schemas[ref.slice(22, -1)], ref).toBeDefined();
  });
});
