import { afterAll, beforeAll, expect, it } from "vitest";
import { addRoleMapping } from "../src/auth/oidc-mappings.service.ts";
import { toActor } from "../src/auth/sessions.service.ts";
import { createUser } from "../src/auth/users.service.ts";
import { type ProviderPerson, startTestProvider, type TestProvider } from "../test/helpers/oidc-provider.ts";
import { freePort } from "../test/helpers/ports.ts";
import { checkA11y, clickAndWait, type E2E, startE2E } from "./helpers/browser.ts";

let e2e: E2E;
let provider: TestProvider;
/**
 * The provider must know kansli's address before kansli listens, so the port is chosen free and
 * then taken; another process may take it in between, and then both start again on another.
 */
async function startKansliWithProvider(people: ProviderPerson[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    provider = await startTestProvider(`http://127.0.0.1:${port}`, people);
    try {
      e2e = await startE2E({ seed: false, env: provider.env }, { port });
      return;
    } catch (error) {
      await provider.close();
      const inUse = (error as NodeJS.ErrnoException).code === "EADDRINUSE";
      if (!inUse || attempt === 3) throw error;
    }
  }
}

beforeAll(async () => {
  await startKansliWithProvider([
    {
      login: "ingrid",
      password: "ingrids-losenord",
      sub: "sub-ingrid",
      name: "Ingrid Inloggad",
      email: "ingrid@stad.example",
      groups: ["grp-lasare"],
    },
    { login: "jonas", password: "jonas-losenord", sub: "sub-jonas", name: "Jonas Utan", groups: [] },
  ]);
  const { ctx } = e2e.app;
  const admin = await createUser(ctx, "system", {
    username: "admin",
    displayName: "Admin",
    role: "admin",
    password: "ett-langt-losenord-for-chefen-2026",
  });
  const by = toActor(admin, "session", null);
  if (!by) throw new Error("the admin could not act");
  await addRoleMapping(ctx, by, { claimValue: "grp-lasare", role: "lasare", unitId: "" });
}, 120_000);
afterAll(async () => {
  await e2e?.close();
  await provider?.close();
});

it("signs in through the provider's login page, then out of kansli and the provider", async () => {
  const page = await e2e.newPage({ javaScriptEnabled: false });
  await page.goto("/logga-in");
  const button = page.getByRole("link", { name: "Logga in med organisationens konto" });
  await checkA11y(page);

  await clickAndWait(page, button);
  expect(page.url().startsWith(`${provider.issuer}/interaction/`)).toBe(true);
  expect(await page.locator("h1").textContent()).toBe("Stadens inloggning");
  await page.fill("#login", "ingrid");
  await page.fill("#password", "ingrids-losenord");
  await Promise.all([page.waitForURL(`${e2e.baseUrl}/`), page.click("button[type=submit]")]);
  expect(await page.locator("header").textContent()).toContain("Inloggad som Ingrid Inloggad");
  await checkA11y(page);

  await clickAndWait(page, page.getByRole("button", { name: "Logga ut" }));
  expect(page.url().startsWith(`${provider.issuer}/session/end`)).toBe(true);
  await Promise.all([
    page.waitForURL(`${e2e.baseUrl}/logga-in?utloggad=1`),
    page.getByRole("button", { name: "Ja, logga ut" }).click(),
  ]);
  expect(await page.locator("header").textContent()).not.toContain("Ingrid");
});

it("tells a person with no mapped group that they have no access", async () => {
  const page = await e2e.newPage();
  await page.goto("/logga-in");
  await clickAndWait(page, page.getByRole("link", { name: "Logga in med organisationens konto" }));
  await page.fill("#login", "jonas");
  await page.fill("#password", "jonas-losenord");
  await clickAndWait(page, page.locator("button[type=submit]"));
  expect(page.url().startsWith(`${e2e.baseUrl}/logga-in/oidc/callback`)).toBe(true);
  expect(await page.locator("h1").textContent()).toBe("Du har inte behörighet");
  await checkA11y(page);
});
