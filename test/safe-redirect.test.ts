import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { safeLocalPath } from "../src/web/render.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { TestClient } from "./helpers/client.ts";

const SITE = "https://kansli.example";

/** Where a browser goes with this Location, read the way browsers read it (tabs and newlines dropped, \ as /). */
const origin = (location: string) => new URL(location, SITE).origin;

/** Every layer a link can show after being decoded again by a proxy or a framework. */
function decodings(value: string): string[] {
  const layers = [value];
  for (let i = 0; i < 5; i++) {
    try {
      const next = decodeURIComponent(layers.at(-1) as string);
      if (next === layers.at(-1)) break;
      layers.push(next);
    } catch {
      break;
    }
  }
  return layers;
}

/** Pieces that open redirects are made of: slashes, backslashes, controls, encodings, schemes, hosts. */
const PIECES = [
  "/",
  "//",
  "\\",
  "\t",
  "\n",
  "\r",
  "\0",
  " ",
  "\u00a0",
  "\u2028",
  "\u200b",
  "%2f",
  "%2F",
  "%5c",
  "%5C",
  "%09",
  "%0a",
  "%0d",
  "%00",
  "%25",
  "%252F",
  "%",
  ".",
  "..",
  ":",
  "@",
  "?",
  "#",
  "http:",
  "https:",
  "javascript:",
  "evil.example",
  "arenden",
  "a",
  "1",
  "ä",
];
const hostile = fc.array(fc.constantFrom(...PIECES), { maxLength: 8 }).map((parts) => parts.join(""));
const anything = fc.oneof(hostile, fc.string({ unit: "binary", maxLength: 40 }), fc.webPath(), fc.webUrl());

describe("safeLocalPath", () => {
  it("never lets anything leave the site, at any depth of decoding", () => {
    fc.assert(
      fc.property(anything, (value) => {
        const result = safeLocalPath(value);
        expect(result === value || result === "/").toBe(true);
        for (const layer of decodings(result)) expect(origin(layer)).toBe(SITE);
      }),
      { numRuns: 5000 },
    );
  });

  it("keeps an ordinary path of the site as it is", () => {
    fc.assert(
      fc.property(fc.webPath(), fc.webQueryParameters(), (path, query) => {
        const value = `/a${path}${query ? `?${query}` : ""}`;
        if (/\/\//.test(value.split("?")[0] as string) || decodings(value).some((l) => /[\\\p{Cc}]/u.test(l)))
          return;
        expect(safeLocalPath(value)).toBe(value);
      }),
    );
  });

  it.each([
    ["/", "/"],
    ["/arenden/2026-00123", "/arenden/2026-00123"],
    ["/sok?q=hej%20d%C3%A5&status=open#traffar", "/sok?q=hej%20d%C3%A5&status=open#traffar"],
    ["/%C3%A4renden", "/%C3%A4renden"],
    ["/\t/evil.example/", "/"],
    ["/\n/evil.example/", "/"],
    ["//evil.example", "/"],
    ["/\\evil.example", "/"],
    ["/\\/evil.example", "/"],
    ["/arenden\\..\\..\\evil", "/"],
    ["/%2F/evil.example", "/"],
    ["/%2f%2fevil.example", "/"],
    ["/%5Cevil.example", "/"],
    ["/%09/evil.example", "/"],
    ["/%0d%0aSet-Cookie:x=1", "/"],
    ["/%252F%252Fevil.example", "/"],
    ["/%25252F%25252Fevil.example", "/"],
    ["/.//evil.example", "/"],
    ["/%E0%A4%A", "/"],
    ["https://evil.example/", "/"],
    ["javascript:alert(1)", "/"],
    ["arenden", "/"],
    ["/?utloggad=1", "/"],
    ["/ärenden", "/"],
    ["/\u2028/evil.example", "/"],
    ["", "/"],
  ])("%j -> %j", (value, expected) => {
    expect(safeLocalPath(value)).toBe(expected);
  });

  it("takes the fallback for what is not a string", () => {
    expect(safeLocalPath(undefined, "/konto")).toBe("/konto");
    expect(safeLocalPath(["/a", "/b"], "/konto")).toBe("/konto");
  });
});

describe("every next parameter goes through it", () => {
  let t: TestApp;
  afterEach(async () => {
    await t?.close();
  });

  it("after sign-in, after a language change and in the login form", async () => {
    t = await buildTestApp();
    const client = new TestClient(t.app);
    const evil = "/\t/evil.example/";
    const form = await client.get(`/logga-in?next=${encodeURIComponent(evil)}`);
    expect(form.body).toContain('name="next" value="/"');
    const signedIn = await client.post("/logga-in", {
      username: "lasare",
      password: "testlosenord-for-demo-2026",
      next: evil,
    });
    expect(signedIn.statusCode).toBe(303);
    expect(signedIn.headers.location).toBe("/");
    const language = await client.post("/sprak", { locale: "en", next: "/%5Cevil.example" });
    expect(language.headers.location).toBe("/");
    const back = await client.post("/sprak", { locale: "sv", next: "/arenden?sida=2" });
    expect(back.headers.location).toBe("/arenden?sida=2");
  });

  it("brings a signed-out reader back to the page they asked for", async () => {
    t = await buildTestApp();
    const client = new TestClient(t.app);
    const asked = await client.get("/arenden?status=open");
    expect(asked.statusCode).toBe(303);
    const login = await client.get(asked.headers.location as string);
    // The login form's own next field (the language switch before it returns to the login page).
    const next = [...login.body.matchAll(/name="next" value="([^"]*)"/g)].map((m) => m[1]).at(-1);
    expect(next).toBe("/arenden?status=open");
    const res = await client.post("/logga-in", {
      username: "registrator",
      password: "testlosenord-for-demo-2026",
      next: next as string,
    });
    expect(res.headers.location).toBe("/arenden?status=open");
  });
});
