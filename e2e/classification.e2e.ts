import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { checkA11y, clickAndWait, type E2E, login, menuLink, startE2E } from "./helpers/browser.ts";

let e2e: E2E;
let dir = "";
beforeAll(async () => {
  e2e = await startE2E();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "kansli-e2e-classes-"));
});
afterAll(async () => {
  await e2e?.close();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

it("lets an admin create, change (a new version), retire and import classes, with CSV preview", async () => {
  const page = await e2e.newPage();
  await login(page, "admin");
  await clickAndWait(page, await menuLink(page, "Klassificering"));
  expect(await page.locator("h1").textContent()).toBe("Klassificerings\u00adstruktur");
  await checkA11y(page);

  await clickAndWait(page, page.getByRole("link", { name: "Ny klass" }));
  await page.selectOption("#retention", "dispose");
  await clickAndWait(page, page.getByRole("button", { name: "Skapa klassen" }));
  const summary = page.locator(".error-summary");
  expect(await summary.textContent()).toContain("Ange klassens kod");
  expect(await summary.textContent()).toContain("Ange klassens benämning");
  expect(await summary.textContent()).toContain("Ange efter hur många år handlingarna gallras");
  await checkA11y(page);

  await page.fill("#code", "8.1");
  await page.fill("#title", "Internationella nätverk");
  await page.selectOption("#retention", "keep");
  await clickAndWait(page, page.getByRole("button", { name: "Skapa klassen" }));
  expect(await page.locator("h1").textContent()).toBe("Ändra 8.1 Internationella nätverk");
  await page.fill("#title", "Internationella nätverk och organisationer");
  await clickAndWait(page, page.getByRole("button", { name: "Spara som ny version" }));
  const versions = page.getByRole("table", { name: "Versioner av 8.1, nyaste först" });
  expect(await versions.locator("tbody tr").count()).toBe(2);
  expect(await versions.locator("tbody tr").first().textContent()).toContain(
    "Internationella nätverk och organisationer",
  );
  await checkA11y(page);

  await page.goto("/admin/klassificering");
  await clickAndWait(page, page.getByRole("button", { name: "Avveckla 8.1" }));
  const row = page.getByRole("row", { name: /8\.1/ });
  expect(await row.textContent()).toContain("Avvecklad");

  // Export, change one class in the file, and import it back through the preview.
  const exported = await (await page.request.get("/admin/klassificering.csv")).text();
  const changed = exported.replace(
    '"2.4";"Besök och delegationer";"";"";"";"";"i bruk"',
    '"2.4";"Besök, delegationer och studieresor";"";"bevaras";"";"";"i bruk"',
  );
  expect(changed).not.toBe(exported);
  const file = path.join(dir, "klasser.csv");
  await fs.writeFile(file, changed);
  await page.setInputFiles("#file", file);
  await clickAndWait(page, page.getByRole("button", { name: "Förhandsgranska importen" }));
  expect(await page.locator("h1").textContent()).toBe("Förhandsgranska import av klasser");
  expect(await page.getByRole("row", { name: /2\.4/ }).textContent()).toContain("Ny version");
  await checkA11y(page);
  await clickAndWait(page, page.getByRole("button", { name: /Genomför importen/ }));
  expect(await page.locator("[role=status]").textContent()).toContain(
    "Importen är genomförd: 1 klasser ändrades.",
  );
  expect(await page.getByRole("row", { name: /2\.4/ }).textContent()).toContain(
    "Besök, delegationer och studieresor",
  );

  // A bad file: every problem with its line, nothing changed.
  await fs.writeFile(
    file,
    "Kod;Benämning;Beskrivning;Bevarande;Gallringsfrist (år);Gallringsbeslut;Status\n9.1;;;gallras;;;\n",
  );
  await page.setInputFiles("#file", file);
  await clickAndWait(page, page.getByRole("button", { name: "Förhandsgranska importen" }));
  expect(await summary.textContent()).toContain("Rad 2: Benämning saknas");
  expect(await summary.textContent()).toContain("Rad 2: ”gallras” kräver en gallringsfrist i år");
  await checkA11y(page);
});

it("lets a registrator backdate a case into last year only with a reason", async () => {
  const page = await e2e.newPage();
  await login(page, "registrator");
  await page.goto("/arenden/nytt");
  const lastYear = new Date().getFullYear() - 1;
  await page.fill("#title", "Inbjudan som kom före årsskiftet");
  await page.selectOption("#classId", { label: "1.4 Internationellt arbete" });
  await page.fill("#openedOn", String(lastYear));
  await page.fill("#openedOn-month", "12");
  await page.fill("#openedOn-day", "30");
  await clickAndWait(page, page.getByRole("button", { name: "Öppna ärendet" }));
  expect(await page.locator(".error-summary").textContent()).toContain(
    "Skriv varför ärendet registreras i ett tidigare år",
  );
  await checkA11y(page);
  await page.fill("#backdateReason", "Inbjudan kom in 30 december men registrerades först efter årsskiftet");
  await clickAndWait(page, page.getByRole("button", { name: "Öppna ärendet" }));
  expect((await page.locator("main p.muted").first().textContent())?.trim()).toMatch(
    new RegExp(`^KS ${lastYear}/\\d+$`),
  );
  await checkA11y(page);
});

it("fits the classification pages to 320 px (WCAG 1.4.10)", async () => {
  const narrow = { width: 320, height: 640 };
  const page = await e2e.newPage({ viewport: narrow });
  await login(page, "admin");
  for (const path of ["/admin/klassificering", "/admin/klassificering/ny"]) {
    await page.goto(path);
    const width = await page.locator("html").evaluate((html) => html.scrollWidth);
    expect(width, `${path} is ${width} px wide`).toBeLessThanOrEqual(narrow.width);
    await checkA11y(page);
  }
});
