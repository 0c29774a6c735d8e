import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { TestClient } from "./helpers/client.ts";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

const multipartBody = (boundary: string) =>
  [
    `--${boundary}`,
    'Content-Disposition: form-data; name="file"; filename="a.txt"',
    "Content-Type: text/plain",
    "",
    "hej",
    `--${boundary}--`,
    "",
  ].join("\r\n");

describe("uploads are taken only where a file belongs, and only from signed-in users", () => {
  it("refuses a multipart body to a route that takes no file", async () => {
    const admin = new TestClient(t.app);
    await admin.login("admin");
    const res = await t.app.inject({
      method: "POST",
      url: "/organisation/ny",
      headers: {
        cookie: [...admin.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
        "content-type": "multipart/form-data; boundary=x1",
      },
      payload: multipartBody("x1"),
    });
    expect(res.statusCode).toBe(400);
  });

  it("refuses an anonymous upload before reading it", async () => {
    const strategy = await t.ctx.db
      .selectFrom("cases")
      .select("id")
      .where("diary_number", "=", "KS 171-482/2016")
      .executeTakeFirstOrThrow();
    const page = await t.app.inject({
      method: "POST",
      url: `/arenden/${strategy.id}/handlingar`,
      headers: { "content-type": "multipart/form-data; boundary=x2" },
      payload: multipartBody("x2"),
    });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toMatch(/^\/logga-in/);
    const api = await t.app.inject({
      method: "POST",
      url: `/api/v1/cases/${strategy.id}/documents`,
      headers: { "content-type": "multipart/form-data; boundary=x3" },
      payload: multipartBody("x3"),
    });
    expect(api.statusCode).toBe(401);
  });
});
