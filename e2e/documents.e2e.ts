import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { makeDocx, makePdf } from "../test/helpers/documents.ts";
import {
  checkA11y,
  clickAndWait,
  dateValue,
  type E2E,
  fillDate,
  login,
  startE2E,
} from "./helpers/browser.ts";

let e2e: E2E;
/** Generated Word and PDF files, written here for the file inputs. */
let dir = "";
beforeAll(async () => {
  e2e = await startE2E();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "kansli-e2e-documents-"));
});
afterAll(async () => {
  await e2e?.close();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

const STRATEGY = "KS 171-482/2016";
const REPORT = "Tjänsteutlåtande: Internationell strategi för Stockholms stad";
const ATTACHMENT = "Bilaga 1. Internationell strategi för Stockholms stad";
/** The cover letter the demo's 2016 round registered when it was sent. */
const MISSIV = "Missiv: Remiss av förslag till internationell strategi för Stockholms stad";
/** The draft of the fourth test, registered (finalized) before the fifth. */
const FINALIZED = "Utkast till yttrande över regional utvecklingsplan";

/** The day in Stockholm now: the date the form proposes. */
const today = () =>
  new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Europe/Stockholm",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date());

/** A generated file written to the temporary folder, for `setInputFiles`. */
async function writeFile(name: string, bytes: Buffer): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, bytes);
  return file;
}

/** The address of the strategy case's page, looked up through the list. */
async function strategyCasePath(page: Page): Promise<string> {
  await page.goto("/arenden?year=2016");
  const href = await page.getByRole("link", { name: STRATEGY, exact: true }).getAttribute("href");
  expect(href).toMatch(/^\/arenden\/[^/]+$/);
  return String(href);
}

/** The case page's documents table. */
const documentsTable = (page: Page) =>
  page.getByRole("table", { name: "Ärendets handlingar i datumordning" });

/** The rows of the case's documents table as [date, direction, description, status]. */
async function documentRows(page: Page): Promise<string[][]> {
  return (await documentTable(page)).map((r) => [
    r.Datum ?? "",
    r["Typ av handling"] ?? "",
    r.Beskrivning ?? "",
    [r.Status, r.Sekretess === "–" ? "" : r.Sekretess].filter(Boolean).join(", "),
  ]);
}

/** The case's document list, each row as column header → cell text. */
async function documentTable(page: Page): Promise<Record<string, string>[]> {
  return documentsTable(page).evaluate((table) => {
    const headers = [...table.querySelectorAll("thead th")].map((th) => (th.textContent ?? "").trim());
    return [...table.querySelectorAll("tbody tr")].map((tr) =>
      Object.fromEntries(
        [...tr.querySelectorAll("th, td")].map((cell, i) => [
          headers[i] ?? "",
          (cell.textContent ?? "").trim(),
        ]),
      ),
    );
  });
}

/** The facts list of a document page as label → value. */
async function facts(page: Page): Promise<Record<string, string>> {
  return page.locator("main dl.summary").evaluate((dl) => {
    const out: Record<string, string> = {};
    for (const dt of dl.querySelectorAll("dt")) {
      const dd = dt.nextElementSibling;
      out[(dt.textContent ?? "").trim()] = (dd?.textContent ?? "").trim();
    }
    return out;
  });
}

/** The file versions table of a document page as [version, file, sha, download] rows. */
async function fileRows(page: Page): Promise<string[][]> {
  return page
    .getByRole("table", { name: "Filer" })
    .locator("tbody tr")
    .evaluateAll((rows) =>
      rows.map((tr) => [...tr.querySelectorAll("th, td")].map((cell) => (cell.textContent ?? "").trim())),
    );
}

/** Submits the form the button is in and expects the server to answer 422 with the form again. */
async function submitInvalid(page: Page, button: ReturnType<Page["locator"]>): Promise<void> {
  const [invalid] = await Promise.all([
    page.waitForResponse((r) => r.request().isNavigationRequest()),
    button.click(),
  ]);
  await page.waitForLoadState();
  expect(invalid.status()).toBe(422);
}

/** Opens the form for a new document from the case page. */
async function openNewDocumentForm(page: Page, casePath: string): Promise<void> {
  await page.goto(casePath);
  await clickAndWait(page, page.getByRole("link", { name: "Registrera handling", exact: true }));
  expect(new URL(page.url()).pathname).toBe(`${casePath}/handlingar/ny`);
}

const registerButton = (page: Page) =>
  page.locator("main form button[type=submit]", { hasText: "Registrera" });

/** Where the case's tests leave things for the next: the case page and the overdue document. */
let casePath = "";
let remissPath = "";

it("handlaggare sees the strategy case's documents and downloads the missiv as a Word file", async () => {
  const page = await e2e.newPage();
  await login(page, "handlaggare");
  casePath = await strategyCasePath(page);
  await page.goto(casePath);
  expect(await page.locator("#documents-heading").textContent()).toBe("Handlingar");
  // The papers of 2016-06-02, then the round's cover letter and the answers that followed.
  expect((await documentRows(page)).slice(0, 3)).toEqual([
    ["2016-06-02", "Upprättad", REPORT, "Registrerad"],
    ["2016-06-02", "Upprättad", ATTACHMENT, "Registrerad"],
    ["2016-06-21", "Utgående", MISSIV, "Registrerad"],
  ]);
  expect(await page.getByRole("link", { name: "Registrera handling", exact: true }).count()).toBe(1);
  await checkA11y(page);

  await clickAndWait(page, documentsTable(page).getByRole("link", { name: MISSIV, exact: true }));
  expect(new URL(page.url()).pathname).toMatch(/^\/handlingar\/[^/]+$/);
  expect(await page.locator("h1").textContent()).toBe(MISSIV);
  expect(await page.title()).toBe(`${STRATEGY}: ${MISSIV} – kansli`);
  expect(await facts(page)).toMatchObject({
    "Typ av handling": "Utgående",
    Status: "Registrerad",
    Datum: "2016-06-21",
    "Avsändare eller mottagare": "Remissinstanserna enligt sändlista",
    Handlingstyp: "missiv",
  });
  const files = await fileRows(page);
  expect(files).toHaveLength(1);
  expect(files[0]?.[0]).toBe("Version 1");
  expect(files[0]?.[1]).toMatch(/^missiv\.docx \(\d+ kB\)$/);
  // An outgoing, registered document: nothing to upload, finish or sign off.
  for (const name of ["Ladda upp ny version", "Registrera som färdig (expediera)", "Avskriv"])
    expect(await page.getByRole("button", { name, exact: true }).count(), name).toBe(0);
  await checkA11y(page);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Ladda ner Version 1", exact: true }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("missiv.docx");
  const saved = await download.path();
  const bytes = await fs.readFile(saved);
  expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");
  // The page stays as it was.
  expect(await page.locator("h1").textContent()).toBe(MISSIV);
});

it("handlaggare gets every problem of a new document at once, then registers it with a Word file", async () => {
  const page = await e2e.newPage();
  await login(page, "handlaggare");
  casePath ||= await strategyCasePath(page);
  await openNewDocumentForm(page, casePath);
  expect(await page.locator("h1").textContent()).toBe(`Registrera handling i ${STRATEGY}`);
  expect(await page.title()).toBe(`Registrera handling i ${STRATEGY} – kansli`);
  // R3: today's date in Stockholm is proposed; an incoming document is the first choice.
  expect(await dateValue(page, "date")).toBe(today());
  expect(await page.inputValue("#direction")).toBe("incoming");
  expect(await page.isChecked("#draft")).toBe(false);
  await checkA11y(page);

  // No description, and an incoming document without its sender.
  await page.fill("#documentType", "remiss");
  await fillDate(page, "dueDate", "2020-01-01");
  await submitInvalid(page, registerButton(page));
  expect(await page.title()).toMatch(/^Fel: /);
  const summary = page.getByRole("alert");
  expect(await summary.locator("h2").textContent()).toBe("Det finns problem i formuläret");
  const links = summary.locator("a");
  // Both problems, each linking to its field (in whichever order the summary lists them).
  const listed = await links.evaluateAll((as) =>
    as.map((a) => [a.getAttribute("href"), (a.textContent ?? "").trim()]),
  );
  expect(Object.fromEntries(listed)).toEqual({
    "#description": "Beskriv kort vad handlingen innehåller",
    "#party": "Fyll i avsändare eller mottagare",
  });
  expect(listed).toHaveLength(2);
  for (const field of ["description", "party"]) {
    expect(await page.locator(`#${field}-error`).textContent(), field).toContain("Fel:");
    expect(await page.locator(`#${field}`).getAttribute("aria-invalid"), field).toBe("true");
    expect(await page.locator(`#${field}`).getAttribute("aria-describedby"), field).toContain(
      `${field}-error`,
    );
  }
  // Every other answer is kept.
  expect(await page.inputValue("#direction")).toBe("incoming");
  expect(await dateValue(page, "date")).toBe(today());
  expect(await page.inputValue("#documentType")).toBe("remiss");
  expect(await dateValue(page, "dueDate")).toBe("2020-01-01");
  await checkA11y(page);

  await summary.locator("a[href='#party']").click();
  expect(await page.locator(":focus").getAttribute("id")).toBe("party");

  const description = "Remiss om regional utvecklingsplan";
  await page.fill("#party", "Region Stockholm");
  await page.fill("#description", description);
  const docx = await writeFile(
    "remiss-regional-utvecklingsplan.docx",
    await makeDocx(["Remiss om regional utvecklingsplan", "Svar senast den 1 januari 2020."]),
  );
  await page.setInputFiles("#file", docx);
  await clickAndWait(page, registerButton(page));

  expect(new URL(page.url()).pathname).toMatch(/^\/handlingar\/[^/]+$/);
  expect(await page.title()).not.toMatch(/^Fel: /);
  expect(await page.locator("h1").textContent()).toBe(description);
  expect(await facts(page)).toMatchObject({
    "Typ av handling": "Inkommande",
    Status: "Registrerad",
    Datum: today(),
    "Avsändare eller mottagare": "Region Stockholm",
    Handlingstyp: "remiss",
    Bevakningsdatum: "2020-01-01",
  });
  const files = await fileRows(page);
  expect(files).toHaveLength(1);
  expect(files[0]?.[0]).toBe("Version 1");
  expect(files[0]?.[1]).toMatch(/^remiss-regional-utvecklingsplan\.docx \(\d+ kB\)$/);
  expect(await page.getByRole("link", { name: "Ladda ner Version 1", exact: true }).count()).toBe(1);
  // The breadcrumb leads back to the case.
  expect(
    await page.getByRole("navigation", { name: "Du är här" }).getByRole("link").getAttribute("href"),
  ).toBe(casePath);
  await checkA11y(page);
  remissPath = new URL(page.url()).pathname;
});

it("the overdue document is flagged on the case and in Mina bevakningar, and leaves the list once signed off", async () => {
  expect(remissPath).toMatch(/^\/handlingar\/[^/]+$/);
  const page = await e2e.newPage();
  await login(page, "handlaggare");
  await page.goto(casePath);
  const row = (await documentRows(page)).find((r) => r[2] === "Remiss om regional utvecklingsplan");
  expect(row).toEqual([today(), "Inkommande", "Remiss om regional utvecklingsplan", "Registrerad, Försenad"]);
  await checkA11y(page);

  await clickAndWait(
    page,
    page.locator("nav.main-nav").getByRole("link", { name: "Bevakningar", exact: true }),
  );
  expect(new URL(page.url()).pathname).toBe("/mina-bevakningar");
  expect(await page.locator("h1").textContent()).toBe("Mina bevakningar");
  expect(await page.title()).toBe("Mina bevakningar – kansli");
  const due = page.getByRole("table", { name: "Inkommande handlingar att avskriva, tidigast först" });
  const dueRows = await due
    .locator("tbody tr")
    .evaluateAll((rows) =>
      rows.map((tr) => [...tr.querySelectorAll("th, td")].map((cell) => (cell.textContent ?? "").trim())),
    );
  // The earliest first; the demo's own letters due this season follow.
  expect(dueRows[0]).toEqual(["2020-01-01", "Remiss om regional utvecklingsplan", STRATEGY, "Försenad"]);
  await checkA11y(page);

  await clickAndWait(
    page,
    due.getByRole("link", { name: "Remiss om regional utvecklingsplan", exact: true }),
  );
  expect(new URL(page.url()).pathname).toBe(remissPath);
  const form = page.locator("main form", { has: page.locator("#reference") });
  expect(await form.locator("h2").textContent()).toBe("Avskriv");
  await page.selectOption("#kind", "answered");
  expect(await page.locator("#kind option:checked").textContent()).toBe("Besvarad med skrivelse");
  await checkA11y(page);

  // Answered by letter needs a reference.
  await submitInvalid(page, form.getByRole("button", { name: "Avskriv", exact: true }));
  expect(await page.title()).toMatch(/^Fel: /);
  const summary = page.getByRole("alert");
  const links = summary.locator("a");
  expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")))).toEqual(["#reference"]);
  expect(await links.allTextContents()).toEqual(["Ange en hänvisning"]);
  expect(await page.locator("#reference").getAttribute("aria-invalid")).toBe("true");
  expect(await page.locator("#reference-error").textContent()).toContain("Ange en hänvisning");
  expect(await facts(page)).not.toHaveProperty(`Avskriven ${today()}`);
  await checkA11y(page);

  await links.first().click();
  expect(await page.locator(":focus").getAttribute("id")).toBe("reference");
  await page.selectOption("#kind", "answered");
  await page.fill("#reference", "KS 2026/1");
  await clickAndWait(page, form.getByRole("button", { name: "Avskriv", exact: true }));
  expect(new URL(page.url()).pathname).toBe(remissPath);
  expect(await page.title()).not.toMatch(/^Fel: /);
  expect((await facts(page))[`Avskriven ${today()}`]).toBe("KS 2026/1");
  expect(await page.locator("#reference").count()).toBe(0);
  expect(await page.getByRole("button", { name: "Avskriv" }).count()).toBe(0);
  await checkA11y(page);

  // Signed off: no longer due, nor overdue on the case.
  await page.goto("/mina-bevakningar");
  expect(await page.locator("main").textContent()).not.toContain("Remiss om regional utvecklingsplan");
  await checkA11y(page);
  await page.goto(casePath);
  const after = (await documentRows(page)).find((r) => r[2] === "Remiss om regional utvecklingsplan");
  expect(after?.[3]).toBe("Registrerad");
});

it("a draft takes a new version and is finalized, and then offers no more changes", async () => {
  const page = await e2e.newPage();
  await login(page, "handlaggare");
  casePath ||= await strategyCasePath(page);

  // A drawn-up document saved as a draft, with a PDF.
  await openNewDocumentForm(page, casePath);
  await page.selectOption("#direction", "internal");
  await page.fill("#description", FINALIZED);
  await page.check("#draft");
  await page.setInputFiles(
    "#file",
    await writeFile("yttrande-v1.pdf", await makePdf(["Yttrande, första utkastet"])),
  );
  await clickAndWait(page, registerButton(page));
  expect(new URL(page.url()).pathname).toMatch(/^\/handlingar\/[^/]+$/);
  const draftPath = new URL(page.url()).pathname;
  expect(await page.locator("h1").textContent()).toBe(FINALIZED);
  expect(await facts(page)).toMatchObject({ "Typ av handling": "Upprättad", Status: "Utkast" });
  const upload = page.locator("main form button[type=submit]", { hasText: "Ladda upp ny version" });
  const finalize = page.getByRole("button", { name: "Registrera som färdig (expediera)", exact: true });
  expect(await upload.count()).toBe(1);
  expect(await finalize.count()).toBe(1);
  // A drawn-up document is not signed off.
  expect(await page.getByRole("button", { name: "Avskriv" }).count()).toBe(0);
  expect((await fileRows(page)).map((r) => r.slice(0, 2))).toEqual([
    ["Version 1", expect.stringMatching(/^yttrande-v1\.pdf \(\d+ kB\)$/)],
  ]);
  await checkA11y(page);

  // A second version; the first is kept.
  await page.setInputFiles(
    "#file",
    await writeFile("yttrande-v2.pdf", await makePdf(["Yttrande, andra utkastet"])),
  );
  await clickAndWait(page, upload);
  expect(new URL(page.url()).pathname).toBe(draftPath);
  expect((await fileRows(page)).map((r) => r.slice(0, 2))).toEqual([
    ["Version 1", expect.stringMatching(/^yttrande-v1\.pdf \(\d+ kB\)$/)],
    ["Version 2", expect.stringMatching(/^yttrande-v2\.pdf \(\d+ kB\)$/)],
  ]);
  for (const name of ["Ladda ner Version 1", "Ladda ner Version 2"])
    expect(await page.getByRole("link", { name, exact: true }).count(), name).toBe(1);
  expect(await facts(page)).toMatchObject({ Status: "Utkast" });
  await checkA11y(page);

  // Finalized: registered and frozen, nothing more to upload or finish.
  await clickAndWait(page, finalize);
  expect(new URL(page.url()).pathname).toBe(draftPath);
  expect(await facts(page)).toMatchObject({ Status: "Registrerad" });
  expect(await upload.count()).toBe(0);
  expect(await finalize.count()).toBe(0);
  expect(await page.locator("#file").count()).toBe(0);
  expect((await fileRows(page)).map((r) => r[0])).toEqual(["Version 1", "Version 2"]);
  await checkA11y(page);
});

it("lasare sees a secret document by its public description only, and no draft", async () => {
  const page = await e2e.newPage();
  await login(page, "handlaggare");
  casePath ||= await strategyCasePath(page);

  // A draft, left a draft.
  const keptDraft = "Utkast till tjänsteutlåtande om uppföljning";
  await openNewDocumentForm(page, casePath);
  await page.selectOption("#direction", "internal");
  await page.fill("#description", keptDraft);
  await page.check("#draft");
  await clickAndWait(page, registerButton(page));
  expect(await facts(page)).toMatchObject({ Status: "Utkast" });
  const keptDraftPath = new URL(page.url()).pathname;

  // A secret incoming document, with a complete marking and a public description.
  const secretDescription = "Ansökan om bistånd från Anna Andersson, Skärholmen";
  await openNewDocumentForm(page, casePath);
  await page.fill("#party", "Anna Andersson");
  await page.fill("#description", secretDescription);
  await page.fill("#secrecyProvision", "21 kap. 7 § OSL");
  await fillDate(page, "secrecyMarkedOn", today());
  await page.fill("#secrecyAuthority", "Stadsledningskontoret");
  await page.fill("#publicDescription", "Handling om enskild");
  await checkA11y(page);
  await page.setInputFiles("#file", await writeFile("ansokan.docx", await makeDocx(["Ansökan om bistånd"])));
  await clickAndWait(page, registerButton(page));
  const secretPath = new URL(page.url()).pathname;
  expect(secretPath).toMatch(/^\/handlingar\/[^/]+$/);
  expect(await page.locator("h1").textContent()).toBe(secretDescription);
  expect(await facts(page)).toMatchObject({
    "Typ av handling": "Inkommande",
    "Avsändare eller mottagare": "Anna Andersson",
    Sekretessmarkerad: `21 kap. 7 § OSL, ${today()}, Stadsledningskontoret`,
  });
  await checkA11y(page);

  // Staff see it all on the case page.
  await page.goto(casePath);
  const staffRows = await documentRows(page);
  expect(staffRows.map((r) => r[2])).toEqual(
    expect.arrayContaining([FINALIZED, keptDraft, secretDescription]),
  );
  expect(staffRows.find((r) => r[2] === secretDescription)?.[3]).toBe("Registrerad, 21 kap. 7 § OSL");
  expect(staffRows.find((r) => r[2] === keptDraft)?.[3]).toBe("Utkast");
  await checkA11y(page);

  // A reader without access: the public description only, no draft, no file.
  const reader = await e2e.newPage();
  await login(reader, "lasare");
  await reader.goto(casePath);
  const readerRows = await documentRows(reader);
  const shown = readerRows.map((r) => r[2]);
  expect(shown).toContain("Handling om enskild");
  expect(shown).toContain(FINALIZED);
  expect(shown).toContain(MISSIV);
  expect(shown).not.toContain(keptDraft);
  expect(shown).not.toContain(secretDescription);
  expect(readerRows.every((r) => r[3] !== "Utkast")).toBe(true);
  const readerText = await reader.locator("main").textContent();
  expect(readerText).not.toContain(secretDescription);
  expect(readerText).not.toContain(keptDraft);
  expect(readerText).not.toContain("Anna Andersson");
  expect(await reader.getByRole("link", { name: "Registrera handling" }).count()).toBe(0);
  await checkA11y(reader);

  await clickAndWait(
    reader,
    documentsTable(reader).getByRole("link", { name: "Handling om enskild", exact: true }),
  );
  expect(new URL(reader.url()).pathname).toBe(secretPath);
  expect(await reader.locator("h1").textContent()).toBe("Handling om enskild");
  expect(await reader.title()).toBe(`${STRATEGY}: Handling om enskild – kansli`);
  const readerFacts = await facts(reader);
  expect(readerFacts).toMatchObject({
    Sekretessmarkerad: "Sekretessmarkerad",
    "Avsändare eller mottagare": "–",
  });
  const secretPageText = await reader.locator("main").textContent();
  expect(secretPageText).not.toContain(secretDescription);
  expect(secretPageText).not.toContain("Anna Andersson");
  expect(secretPageText).not.toContain("21 kap. 7 § OSL");
  expect(secretPageText).toContain("Uppgiften visas inte för dig");
  expect(await reader.locator("main a[href*='/filer/']").count()).toBe(0);
  expect(await reader.getByRole("link", { name: /^Ladda ner/ }).count()).toBe(0);
  expect(await reader.getByRole("button", { name: "Avskriv" }).count()).toBe(0);
  await checkA11y(reader);

  // Nor can the file or the draft be reached by their addresses.
  expect((await reader.request.get(`${secretPath}/filer/1`)).status()).toBe(404);
  const draftResponse = await reader.goto(keptDraftPath);
  expect(draftResponse?.status()).toBe(404);
  expect(await reader.locator("main").textContent()).not.toContain(keptDraft);
  await checkA11y(reader);
});
