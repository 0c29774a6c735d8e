import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { checkA11y, clickAndWait, type E2E, login, startE2E } from "./helpers/browser.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

/** The demo's Södermalm case: a secret title with a public one, and a party with protected identity. */
const REAL_TITLE = "Begäran om stöd efter hot mot Maja Ekström, Södermalm";
const PUBLIC_TITLE = "Begäran om stöd efter hot mot enskild";
const PROTECTED_NAME = "Maja Ekström";
const LIST = "/arenden?unitId=sdn-sodermalm";

/** Opens the case from the register list by the title the reader sees there. */
async function openFromList(page: Page, title: string): Promise<void> {
  await page.goto(LIST);
  const row = page
    .getByRole("table", { name: "Ärenden, senast öppnade först" })
    .getByRole("row", { name: title });
  expect(await row.count()).toBe(1);
  await clickAndWait(page, row.getByRole("link"));
}

it("lasare sees the public title and a masked party where admin sees the real ones", async () => {
  const reader = await e2e.newPage();
  await login(reader, "lasare");
  await reader.goto(LIST);
  expect(await reader.locator("main").textContent()).not.toContain(PROTECTED_NAME);
  await checkA11y(reader);
  await openFromList(reader, PUBLIC_TITLE);
  expect(await reader.locator("h1").textContent()).toBe(PUBLIC_TITLE);
  const shown = (await reader.locator("main").textContent()) ?? "";
  expect(shown).toContain("[skyddad identitet]");
  expect(shown).toContain("Brev från enskild om hot");
  expect(shown).not.toContain(PROTECTED_NAME);
  expect(shown).not.toContain("Högbergsgatan");
  // No way to change a case that is not the reader's.
  expect(await reader.getByRole("button", { name: "Lägg till parten" }).count()).toBe(0);
  await checkA11y(reader);

  const admin = await e2e.newPage();
  await login(admin, "admin");
  await openFromList(admin, REAL_TITLE);
  expect(await admin.locator("h1").textContent()).toBe(REAL_TITLE);
  const full = (await admin.locator("main").textContent()) ?? "";
  expect(full).toContain(`${PROTECTED_NAME} (skyddad identitet)`);
  expect(full).toContain("Brev från Maja Ekström om hot i bostaden på Högbergsgatan");
  await checkA11y(admin);

  // Admin adds a party with protected identity through the form; the reader sees it masked.
  await admin.getByLabel("Namn på part").fill("Kim Lindqvist");
  await admin.getByLabel(/^Skyddad identitet/).check();
  await clickAndWait(admin, admin.getByRole("button", { name: "Lägg till parten" }));
  expect(await admin.locator("main").textContent()).toContain("Kim Lindqvist (skyddad identitet)");
  await checkA11y(admin);

  await reader.reload();
  const after = (await reader.locator("main").textContent()) ?? "";
  expect(after).not.toContain("Kim Lindqvist");
  expect(after.split("[skyddad identitet]").length - 1).toBe(2);
});
