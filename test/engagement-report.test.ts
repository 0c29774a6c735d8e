import ExcelJS from "exceljs";
import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../src/auth/tokens.service.ts";
import { findUserByUsername } from "../src/auth/users.store.ts";
import { annualReport } from "../src/planning/report.service.ts";
import { ManualClock } from "../src/platform/clock.ts";
import { translator } from "../src/platform/i18n/index.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { TestClient } from "./helpers/client.ts";
import { readPng } from "./helpers/png.ts";
import { unzip } from "./helpers/sip.ts";

/** The demo's last full year is 2025. */
const clock = new ManualClock(new Date("2026-03-09T09:00:00Z"));
let t: TestApp;
let browser: TestClient;

beforeAll(async () => {
  t = await buildTestApp({ clock });
  browser = new TestClient(t.app);
  await browser.login("beslutsfattare");
});
afterAll(async () => {
  await t.close();
});

describe("the annual report on international work", () => {
  it("counts the year's engagements by direction, type, unit and country, with their costs", async () => {
    const r = await annualReport(t.ctx, 2025, translator("sv"), "sv");
    const running = await t.ctx.db
      .selectFrom("engagements")
      .selectAll()
      .where("status", "in", ["approved", "ended"])
      .where("start_date", "<=", "2025-12-31")
      .where((eb) => eb.or([eb("end_date", "is", null), eb("end_date", ">=", "2025-01-01")]))
      .execute();
    expect(running.length).toBeGreaterThan(0);
    expect(r.engagements).toBe(running.length);
    // The year's part of each cost (spread over a period, or yearly when open), never the whole of each.
    expect(r.cost).toBeGreaterThan(0);
    expect(r.cost).toBeLessThan(running.reduce((s, e) => s + Number(e.cost ?? 0), 0));
    expect(r.cityCost + r.externalCost).toBe(r.cost);
    expect(r.byType.reduce((s, row) => s + row.count, 0)).toBe(running.length);
    expect(r.byUnit.reduce((s, row) => s + row.cost, 0)).toBe(r.cost);
    expect(r.byDirection.every((row) => row.count <= running.length)).toBe(true);
    expect(r.byCountry.length).toBeGreaterThan(0);
    expect(r.plans.map((p) => p.unitId)).toContain("forv-kultur");
  });

  it("shows every chart as an accessible SVG with its data table", async () => {
    const page = await browser.get("/engagemang/arsrapport/2025");
    expect(page.statusCode).toBe(200);
    const charts = page.body.match(/<svg role="img" aria-labelledby="([^"]+)"/g) ?? [];
    expect(charts).toHaveLength(5);
    for (const id of ["by-direction", "cost-by-direction", "by-type", "by-unit", "by-country"]) {
      expect(page.body).toContain(`aria-labelledby="${id}-title ${id}-desc"`);
      expect(page.body).toContain(`<title id="${id}-title">`);
      expect(page.body).toContain(`<desc id="${id}-desc">`);
    }
    // The title is shown once, above the chart; the data table's caption is for screen readers.
    expect(page.body).toContain(
      '<figcaption id="by-direction-caption">Engagemang per inriktning</figcaption>',
    );
    expect(page.body).toContain('<caption class="visually-hidden">Engagemang per inriktning</caption>');
    expect(page.body.match(/<figcaption[^>]*>Engagemang per inriktning</g)).toHaveLength(1);
    // Each chart has its axes named, the unit included, and round ticks from 0.
    const costChart = page.body.slice(page.body.indexOf('id="cost-by-direction-caption"'));
    expect(costChart).toContain('class="chart-axis-title">Kostnad (kr)</text>');
    expect(costChart).toContain('class="chart-axis-title">Inriktning</text>');
    expect(costChart).toMatch(/class="chart-tick">0<\/text>/);
    expect((await browser.get("/engagemang/arsrapport/20x5")).statusCode).toBe(404);
  });

  it("exports the same numbers as a Word file and an Excel workbook", async () => {
    const r = await annualReport(t.ctx, 2025, translator("sv"), "sv");
    const docx = await browser.get("/engagemang/arsrapport/2025/arsrapport.docx");
    expect(docx.statusCode).toBe(200);
    expect(docx.headers["content-disposition"]).toContain("arsrapport-internationellt-2025.docx");
    const text = (await mammoth.extractRawText({ buffer: docx.rawPayload })).value;
    expect(text).toContain("Årsrapport internationellt arbete 2025");
    expect(text).toContain(`Under 2025 pågick ${r.engagements} internationella engagemang`);
    const top = r.byDirection[0];
    if (!top) throw new Error("no direction");
    expect(text).toContain(top.label);

    const xlsx = await browser.get("/engagemang/arsrapport/2025/arsrapport.xlsx");
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    if (!sheet) throw new Error("no sheet");
    expect(sheet.name).toBe("1 Engagemang per inriktning");
    expect(sheet.getRow(1).values).toEqual([undefined, "Inriktning", "Antal", "Kostnad (kr)"]);
    const rows = r.byDirection.map((_d, i) => sheet.getRow(i + 2).values);
    expect(rows).toEqual(r.byDirection.map((d) => [undefined, d.label, d.count, d.cost]));
    expect(book.worksheets.map((s) => s.name)).toHaveLength(8);
    // Filters on every sheet's header row, numbers as numbers and dates as date cells.
    for (const s of book.worksheets)
      expect(s.autoFilter).toBe(`A1:${String.fromCharCode(64 + s.getRow(1).cellCount)}1`);
    expect(sheet.getRow(2).getCell(2).type).toBe(ExcelJS.ValueType.Number);
    expect(sheet.getRow(2).getCell(3).type).toBe(ExcelJS.ValueType.Number);
    const visits = book.worksheets[4];
    const firstVisit = r.visits[0];
    if (!visits || !firstVisit) throw new Error("no visits");
    expect(visits.getRow(2).getCell(3).type).toBe(ExcelJS.ValueType.Date);
    expect(visits.getRow(2).getCell(3).value).toEqual(new Date(`${firstVisit.date}T00:00:00Z`));
    expect(visits.getRow(2).getCell(3).numFmt).toBe("yyyy-mm-dd");
    // A plan's budget and cost are numbers, an unknown cost an empty cell (never text).
    const plans = book.worksheets[7];
    if (!plans) throw new Error("no plans sheet");
    r.plans.forEach((p, i) => {
      expect(plans.getRow(i + 2).getCell(3).value).toBe(p.budget);
      expect(plans.getRow(i + 2).getCell(5).type).toBe(
        p.cost === null ? ExcelJS.ValueType.Null : ExcelJS.ValueType.Number,
      );
    });
    // The Word file groups amounts the Swedish way.
    const [topCost] = [...r.byDirection].sort((a, b) => b.cost - a.cost);
    if (topCost && topCost.cost >= 1000) expect(text).toContain(topCost.cost.toLocaleString("sv-SE"));
  });

  it("carries the page's five charts in the Word file as PNG pictures with alt text, and Swedish totals", async () => {
    const r = await annualReport(t.ctx, 2025, translator("sv"), "sv");
    const docx = await browser.get("/engagemang/arsrapport/2025/arsrapport.docx");
    const entries = await unzip(docx.rawPayload);
    const pictures = [...entries.keys()].filter((name) => /^word\/media\/.+\.png$/.test(name));
    expect(pictures).toHaveLength(5);
    for (const name of pictures) {
      const { width, height } = readPng(entries.get(name) ?? Buffer.alloc(0));
      expect(width).toBe(1280);
      expect(height).toBeGreaterThan(150);
      expect(height).toBeLessThan(4000);
    }
    const xml = entries.get("word/document.xml")?.toString("utf8") ?? "";
    // Each picture is named and described for screen readers (the chart's title and sentence).
    expect(xml).toContain('title="Kostnad per inriktning (kr)"');
    expect(xml.match(/<wp:docPr [^>]*descr="[^"]+Störst: [^"]+"/g)).toHaveLength(5);
    // The totals, grouped with the no-break space Swedish numbers use (560 000).
    const sv = new Intl.NumberFormat("sv");
    for (const total of [r.cost, r.cityCost, r.externalCost]) expect(xml).toContain(sv.format(total));
    expect(sv.format(r.cost)).toMatch(/\d\u00a0\d{3}/);
  });

  it("answers the API with the same report", async () => {
    const user = await findUserByUsername(t.ctx.db, t.config.tenantId, "lasare");
    if (!user) throw new Error("no user");
    const { token } = await createToken(t.ctx, "system", user, { name: "report" });
    const res = await t.app.inject({
      method: "GET",
      url: "/api/v1/reports/engagements/2025",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().engagements).toBe(
      (await annualReport(t.ctx, 2025, translator("sv"), "sv")).engagements,
    );
  });
});
