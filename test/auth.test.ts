import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { TestClient } from "./helpers/client.ts";

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

describe("login", () => {
  it("signs in with the demo password and shows the user's name", async () => {
    const browser = new TestClient(t.app);
    const res = await browser.login("handlaggare");
    expect(res.statusCode).toBe(303);
    const home = await browser.get("/");
    expect(home.body).toContain("Hugo Handläggare (demo)");
  });
});
