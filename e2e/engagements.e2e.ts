import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { checkA11y, clickAndWait, type E2E, fillDate, login, startE2E } from "./helpers/browser.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

/** The label each type has on the first step, and what it needs beyond the common fields. */
const TYPES: { label: string; extra?: (page: Page) => Promise<void> }[] = [
  { label: "Inkommande besök eller delegation", extra: (p) => p.getByLabel("Prioriterat besök").check() },
  { label: "Resa eller konferens utomlands" },
  { label: "Medlemskap" },
  { label: "Samarbetsavtal" },
  { label: "Intentionsavtal" },
  { label: "Deltagande i nätverk eller initiativ" },
  { label: "Internationell deklaration" },
  { label: "EU-projekt" },
  {
    label: "Biståndsliknande projekt",
    extra: async (p) => {
      await p.selectOption('[id="financing.0.source"]', "other_party");
      await p.fill('[id="financing.0.funder"]', "Sida");
    },
  },
];

const byId = (id: string) => `[id="${id}"]`;

async function chooseType(page: Page, label: string) {
  await page.goto("/engagemang/ny");
  await page.getByLabel(label, { exact: true }).check();
  await clickAndWait(page, page.getByRole("button", { name: "Fortsätt" }));
}

async function fillCommon(page: Page, title: string) {
  await page.fill("#title", title);
  await page.fill("#purpose", "Utbyte av erfarenheter med en partnerstad.");
  await page.getByLabel("Samverkan").check();
  await page.fill("#mutualBenefit", "Båda parter lär av varandras arbetssätt.");
  await page.fill("#theme", "Hållbar stadsutveckling");
  await fillDate(page, "startDate", "2026-09-01");
  await fillDate(page, "endDate", "2027-08-31");
  await page.selectOption(byId("counterparts.0.kind"), "city");
  await page.fill(byId("counterparts.0.name"), "Partnerstad i Finland");
  await page.selectOption(byId("counterparts.0.country"), "FI");
  await page.selectOption(byId("financing.0.source"), "city");
  await page.fill(byId("financing.0.sharePercent"), "100");
  await page.selectOption("#classId", { label: "1.4 Internationellt arbete" });
}

it("an officer registers an engagement of every type through the pages; a twin-city agreement is refused (P2)", async () => {
  const page = await e2e.newPage();
  await login(page, "handlaggare");
  await page.goto("/engagemang");
  await checkA11y(page);
  await clickAndWait(page, page.getByRole("link", { name: "Registrera engagemang" }));
  await checkA11y(page);

  // A twin-city agreement: refused with P2's explanation, the form kept.
  await chooseType(page, "Vänortsavtal");
  await fillCommon(page, "Vänortsavtal med en nordisk huvudstad");
  await clickAndWait(page, page.getByRole("button", { name: "Registrera", exact: true }));
  expect(await page.locator(".error-summary").textContent()).toContain("P2: Staden har inga vänorter");
  expect(await page.inputValue("#title")).toBe("Vänortsavtal med en nordisk huvudstad");
  await checkA11y(page);

  for (const [i, type] of TYPES.entries()) {
    await chooseType(page, type.label);
    const title = `Demo i webbläsaren ${i + 1}: ${type.label}`;
    await fillCommon(page, title);
    await type.extra?.(page);
    if (i === 0) {
      // Kontrollera: the principles and who decides, nothing saved.
      await clickAndWait(page, page.getByRole("button", { name: "Kontrollera" }));
      const panel = (await page.locator("section.notice").textContent()) ?? "";
      expect(panel).toContain("Vem beslutar");
      expect(panel).toContain("Varje nämnd och bolagsstyrelse bedömer och hanterar besöksförfrågningar");
      await checkA11y(page);
    }
    await clickAndWait(page, page.getByRole("button", { name: "Registrera", exact: true }));
    expect(new URL(page.url()).pathname).toMatch(/^\/engagemang\/[^/]+$/);
    expect(await page.locator("h1").textContent()).toBe(title);
    expect(await page.locator("main").textContent()).toContain("Beslutas av");
    if (i === 0 || i === TYPES.length - 1) await checkA11y(page);
  }
  await page.goto("/engagemang?year=2027");
  expect(await page.locator("table tbody tr").count()).toBeGreaterThanOrEqual(TYPES.length);
}, 240_000); // ten registrations through the pages; the shared machine can be slow

it("a decision maker records a decision; errors first, then the decision in the case", async () => {
  const page = await e2e.newPage();
  await login(page, "beslutsfattare");
  await page.goto("/engagemang?type=intention_agreement&status=proposed");
  await clickAndWait(page, page.locator("table tbody a").first());
  await clickAndWait(page, page.getByRole("link", { name: "Registrera beslut" }));
  await checkA11y(page);
  await fillDate(page, "decidedOn", "");
  await clickAndWait(page, page.getByRole("button", { name: "Registrera beslut" }));
  expect(await page.locator(".error-summary li").count()).toBe(3);
  await checkA11y(page);
  await fillDate(page, "decidedOn", "2026-11-20");
  await page.fill("#minutesParagraph", "§ 8");
  await page.selectOption("#outcome", "approved");
  await clickAndWait(page, page.getByRole("button", { name: "Registrera beslut" }));
  const main = (await page.locator("main").textContent()) ?? "";
  expect(main).toContain("§ 8");
  expect(main).toContain("Beviljat");
  await checkA11y(page);
});

it("the engagement pages reflow at 320 px (WCAG 1.4.10)", async () => {
  const page = await e2e.newPage({ viewport: { width: 320, height: 640 } });
  await login(page, "handlaggare");
  await page.goto("/engagemang?type=membership");
  const detail = await page.locator("table tbody a").first().getAttribute("href");
  for (const path of ["/engagemang", "/engagemang/ny?typ=membership", String(detail)]) {
    await page.goto(path);
    const width = await page.locator("html").evaluate((html) => html.scrollWidth);
    expect(width, `${path} is ${width} px wide`).toBeLessThanOrEqual(320);
  }
});
