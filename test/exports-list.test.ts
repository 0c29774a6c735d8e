import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openCase } from "../src/registry/cases.service.ts";
import { registerDocument } from "../src/registry/documents.service.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { TestClient } from "./helpers/client.ts";
import { demoClassId, strategyDocumentCount } from "./helpers/demo.ts";

let t: TestApp;
let clerk: TestClient;
const FORMULA_TITLE = '=HYPERLINK("http://example.invalid","klicka")';

beforeAll(async () => {
  t = await buildTestApp();
  const c = await openCase(t.ctx, "system", {
    registryId: "ks",
    title: FORMULA_TITLE,
    classId: await demoClassId(t, "2019", "2.4"),
    unitId: "slk",
    openedOn: "2016-03-01",
  });
  await registerDocument(
    t.ctx,
    "system",
    c.id,
    {
      direction: "internal",
      date: "2016-03-01",
      description: "Utkast till svar",
      draft: true,
    },
    null,
  );
  clerk = new TestClient(t.app);
  await clerk.login("registrator");
});
afterAll(async () => {
  await t.close();
});

const csvLines = (body: string) =>
  body
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split("\r\n");

describe("register list downloads", () => {
  it("links both downloads from the list page with the same filters", async () => {
    const page = await clerk.get("/arenden?year=2016&status=open&cursor=");
    expect(page.body).toContain('href="/arenden.csv?year=2016&status=open"');
    expect(page.body).toContain('href="/arenden.xlsx?year=2016&status=open"');
    expect(page.body).toContain("Ladda ner som CSV");
    expect(page.body).toContain("Ladda ner som Excel");
  });

  it("gives the filtered list as CSV for Swedish Excel, formula-safe", async () => {
    const res = await clerk.get("/arenden.csv?year=2016");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/csv");
    expect(res.headers["content-disposition"]).toContain("diarium.csv");
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csvLines(res.body);
    expect(lines[0]).toBe(
      '"Diarienummer";"Ärendemening";"Klass";"Ansvarig enhet";"Handläggare";"Status";"Öppnat";"Avslutat";"Antal handlingar"',
    );
    expect(lines).toHaveLength(3);
    expect(
      lines.some((l) =>
        l.startsWith(
          '"KS 171-482/2016";"Internationell strategi för Stockholms stad";"171 Internationella frågor"',
        ),
      ),
    ).toBe(true);
    // The strategy case's registered documents: its papers and the 2016 round's.
    const documents = await strategyDocumentCount(t);
    expect(documents).toBeGreaterThan(20);
    expect(lines.find((l) => l.startsWith('"KS 171-482/2016"'))).toMatch(
      new RegExp(`"Pågående";"2016-06-02";"";"${documents}"$`),
    );
    const formula = lines.find((l) => l.includes("HYPERLINK"));
    expect(formula).toContain(`"'=HYPERLINK(""http://example.invalid"",""klicka"")"`);
    // A registrator may see drafts, so the draft is counted.
    expect(formula).toMatch(/"1"$/);
  });

  it("counts drafts only for readers who may see them", async () => {
    const reader = new TestClient(t.app);
    await reader.login("lasare");
    const lines = csvLines((await reader.get("/arenden.csv?year=2016")).body);
    expect(lines.find((l) => l.includes("HYPERLINK"))).toMatch(/"0"$/);
  });

  it("gives each reader a case's title as the visibility rule says, in CSV and Excel", async () => {
    // The demo's Södermalm case: a secret title with a public one.
    const real = "Begäran om stöd efter hot mot Maja Ekström, Södermalm";
    const shown = "Begäran om stöd efter hot mot enskild";
    for (const [username, full] of [
      ["registrator", true],
      ["admin", true],
      ["handlaggare", false],
      ["lasare", false],
      ["remissinstans", false],
      ["kontaktperson", false],
      ["beslutsfattare", false],
    ] as const) {
      const reader = new TestClient(t.app);
      await reader.login(username);
      const csv = (await reader.get("/arenden.csv?unitId=sdn-sodermalm")).body;
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(
        (await reader.get("/arenden.xlsx?unitId=sdn-sodermalm")).rawPayload as unknown as ArrayBuffer,
      );
      const titles = workbook.worksheets[0]?.getColumn(2).values.slice(2);
      expect(csv, username).toContain(full ? real : shown);
      expect(csv, username).not.toContain(full ? shown : "Ekström");
      expect(titles, username).toEqual([full ? real : shown]);
    }
  });

  it("honours every filter and drops a bad value without losing the others", async () => {
    const closed = csvLines((await clerk.get("/arenden.csv?status=closed")).body);
    expect(closed).toHaveLength(1);
    const all = csvLines((await clerk.get("/arenden.csv?year=nonsense")).body);
    const count = await t.ctx.db
      .selectFrom("cases")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(all).toHaveLength(Number(count.n) + 1);
    const unit = csvLines((await clerk.get("/arenden.csv?unitId=slk&year=2016")).body);
    expect(unit).toHaveLength(2);
  });

  it("gives the same list as an Excel workbook that reads back", async () => {
    const res = await clerk.get("/arenden.xlsx?year=2016");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error("no sheet");
    expect(sheet.name).toBe("Diarium");
    expect(sheet.rowCount).toBe(3);
    const header = sheet.getRow(1);
    expect(header.getCell(1).value).toBe("Diarienummer");
    expect(header.getCell(9).value).toBe("Antal handlingar");
    expect(header.getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.getColumn(2).width).toBe(60);
    const rows = [2, 3].map((n) => sheet.getRow(n));
    const strategy = rows.find((r) => r.getCell(1).value === "KS 171-482/2016");
    expect(strategy?.getCell(7).value).toBe("2016-06-02");
    expect(strategy?.getCell(7).type).toBe(ExcelJS.ValueType.String);
    expect(strategy?.getCell(9).value).toBe(await strategyDocumentCount(t));
    const formula = rows.find((r) => String(r.getCell(2).value).includes("HYPERLINK"));
    expect(formula?.getCell(2).type).toBe(ExcelJS.ValueType.String);
    expect(formula?.getCell(2).value).toBe(FORMULA_TITLE);
  });

  it("records each download in the audit trail", async () => {
    const events = await t.ctx.db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "case.list_export")
      .execute();
    expect(events.length).toBeGreaterThanOrEqual(5);
    expect(events.some((e) => e.after_json?.includes('"format":"xlsx"'))).toBe(true);
  });

  it("asks anonymous readers to sign in", async () => {
    const res = await new TestClient(t.app).get("/arenden.csv");
    expect(res.statusCode).toBe(303);
    expect(String(res.headers.location)).toContain("/logga-in");
  });
});
