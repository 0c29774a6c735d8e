import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { makeDocx } from "../test/helpers/documents.ts";
import { checkA11y, clickAndWait, type E2E, login, startE2E } from "./helpers/browser.ts";

let e2e: E2E;
let dir = "";
beforeAll(async () => {
  e2e = await startE2E();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "kansli-e2e-incoming-"));
});
afterAll(async () => {
  await e2e?.close();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

const STRATEGY = "KS 171-482/2016";

it("a registrator files incoming post from the register into an existing and into a new case, errors first", async () => {
  const page = await e2e.newPage();
  await login(page, "registrator");
  await page.goto("/arenden");
  await clickAndWait(page, page.getByRole("link", { name: "Registrera inkommande handling", exact: true }));
  expect(new URL(page.url()).pathname).toBe("/registrera");
  await checkA11y(page);

  // Nothing chosen and no description: every problem at once.
  const submit = page.locator("main form button[type=submit]", { hasText: "Registrera handlingen" });
  await clickAndWait(page, submit);
  const summary = page.getByRole("alert");
  await expect
    .poll(() => summary.textContent())
    .toContain("Välj om handlingen hör till ett befintligt eller ett nytt ärende");
  expect(await summary.getByRole("link").count()).toBeGreaterThanOrEqual(2);
  await checkA11y(page);

  // Into the strategy case, by its diary number, with a Word file.
  const file = path.join(dir, "synpunkter.docx");
  await fs.writeFile(file, await makeDocx(["Synpunkter på förslaget till internationell strategi."]));
  await page.getByLabel("Ett befintligt ärende").check();
  await page.getByLabel("Diarienummer", { exact: true }).fill(STRATEGY);
  await page.getByLabel("Avsändare", { exact: true }).fill("Kulturförvaltningen");
  await page.getByLabel("Kort beskrivning av innehållet").fill("Synpunkter på strategin");
  await page.setInputFiles("#file", file);
  await clickAndWait(page, submit);
  expect(new URL(page.url()).pathname).toMatch(/^\/handlingar\/[\w-]+$/);
  expect(await page.locator("main").textContent()).toContain(STRATEGY);
  await checkA11y(page);

  // A new case opened with the letter: the sender becomes its party.
  await page.goto("/registrera");
  await page.getByLabel("Ett nytt ärende").check();
  await page.getByLabel("Ärendemening", { exact: true }).fill("Inbjudan till konferens i Tallinn");
  await page.locator("#classId").selectOption({ index: 1 });
  await page.getByLabel("Avsändare", { exact: true }).fill("Tallinns stad");
  await page.getByLabel("Kort beskrivning av innehållet").fill("Inbjudan");
  await clickAndWait(page, submit);
  expect(new URL(page.url()).pathname).toMatch(/^\/handlingar\/[\w-]+$/);
  const caseHref = await page.locator('main a[href^="/arenden/"]').first().getAttribute("href");
  await page.goto(String(caseHref));
  const main = (await page.locator("main").textContent()) ?? "";
  expect(main).toContain("Inbjudan till konferens i Tallinn");
  expect(main).toContain("Tallinns stad");
});
