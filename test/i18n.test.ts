import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auth } from "../src/platform/i18n/catalogue/auth.ts";
import { common } from "../src/platform/i18n/catalogue/common.ts";
import { organisation } from "../src/platform/i18n/catalogue/organisation.ts";
import { fromAcceptLanguage, translator } from "../src/platform/i18n/index.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { TestClient } from "./helpers/client.ts";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

describe("languages", () => {
  it("has every message in both languages, none left untranslated by accident", () => {
    for (const catalogue of [common, auth, organisation]) {
      expect(Object.keys(catalogue.en).sort()).toEqual(Object.keys(catalogue.sv).sort());
      for (const [key, value] of Object.entries(catalogue.en)) expect(value.trim(), key).not.toBe("");
    }
  });

  it("defines each message in one catalogue only, so that no domain's text silently replaces another's", async () => {
    const folder = new URL("../src/platform/i18n/catalogue/", import.meta.url);
    const owners = new Map<string, string[]>();
    for (const file of fs.readdirSync(folder).filter((f) => f.endsWith(".ts"))) {
      const module = (await import(new URL(file, folder).href)) as Record<string, { sv: object }>;
      for (const catalogue of Object.values(module))
        for (const key of Object.keys(catalogue.sv)) owners.set(key, [...(owners.get(key) ?? []), file]);
    }
    const shared = [...owners]
      .filter(([, files]) => files.length > 1)
      .map(([key, files]) => `${key}: ${files.join(", ")}`);
    expect(shared).toEqual([]);
  });

  it("fills in placeholders", () => {
    expect(translator("sv")("layout.signed_in_as", { name: "Ada", role: "Läsare" })).toBe(
      "Inloggad som Ada (Läsare)",
    );
  });

  it("reads Accept-Language by quality", () => {
    expect(fromAcceptLanguage("de-DE, en;q=0.8, sv;q=0.9")).toBe("sv");
    expect(fromAcceptLanguage("en-US,en;q=0.9")).toBe("en");
    expect(fromAcceptLanguage("de, fr")).toBeNull();
    expect(fromAcceptLanguage(undefined)).toBeNull();
  });

  it("speaks Swedish by default and English on request", async () => {
    const sv = await t.app.inject({ url: "/" });
    expect(sv.body).toContain('<html lang="sv">');
    const en = await t.app.inject({ url: "/", headers: { "accept-language": "en" } });
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain("Welcome to kansli");
  });

  it("prefers the user's saved setting over the browser's language", async () => {
    const client = new TestClient(t.app);
    await client.login("kontaktperson");
    await client.post("/sprak", { locale: "en", next: "/organisation" });
    const fresh = new TestClient(t.app);
    await fresh.login("kontaktperson");
    const page = await fresh.get("/organisation", { "accept-language": "sv" });
    expect(page.body).toContain('<html lang="en">');
    expect(page.body).toContain("Specialist committee (15)");
  });

  it("shows the 403 and 404 pages in both languages", async () => {
    const reader = new TestClient(t.app);
    await reader.login("lasare");
    const forbidden = await reader.get("/admin/logg");
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.body).toContain("Åtkomst nekad");
    const forbiddenEn = await reader.get("/admin/logg", { "accept-language": "en" });
    expect(forbiddenEn.body).toContain("Access denied");
    const missing = await reader.get("/finns-inte");
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain("Sidan finns inte");
    const anonymous = await t.app.inject({ url: "/finns-inte", headers: { "accept-language": "en" } });
    expect(anonymous.statusCode).toBe(404);
    expect(anonymous.body).toContain("Page not found");
  });

  it("refuses to send a reader elsewhere after switching language", async () => {
    const client = new TestClient(t.app);
    await client.get("/");
    const res = await client.post("/sprak", { locale: "en", next: "//evil.example/" });
    expect(res.headers.location).toBe("/");
  });
});
