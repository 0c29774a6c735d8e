import { afterAll, beforeAll, expect, it } from "vitest";
import { ManualClock } from "../src/platform/clock.ts";
import { checkA11y, clickAndWait, type E2E, startE2E } from "./helpers/browser.ts";

/** Issue 20: the city's decided international engagements for anyone, without signing in. */
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E({ clock: new ManualClock(new Date("2026-03-09T09:00:00Z")) });
});
afterAll(async () => {
  await e2e?.close();
});

const PROJECT = "EU-projekt om ungdomars väg till arbete";

it("anyone finds the engagements from the public start page, filters them by country and reads the map's table", async () => {
  const page = await e2e.newPage({ javaScriptEnabled: false });
  await page.goto("/offentlig");
  await clickAndWait(
    page,
    page.getByRole("link", { name: "Stadens internationella engagemang och vad de kostar" }),
  );
  expect(new URL(page.url()).pathname).toBe("/offentlig/internationellt");
  expect(await page.locator("h1").textContent()).toBe("Stadens internationella engagemang");
  const main = (await page.locator("main").textContent()) ?? "";
  expect(main).toContain(PROJECT);
  // The demo's secret study trip and its undecided proposals never appear.
  expect(main).not.toContain("Studieresa om skydd av dricksvattenanläggningar");
  expect(main).not.toContain("EU-projekt om energieffektiva skolor");
  await checkA11y(page);

  await page.selectOption("#country", "PT");
  await clickAndWait(page, page.getByRole("button", { name: "Visa" }));
  expect(new URL(page.url()).search).toContain("country=PT");
  const list = page.getByRole("table", { name: /^Beslutade engagemang/ });
  expect(await list.locator("tbody tr").count()).toBe(1);
  expect(await list.locator("tbody tr").textContent()).toContain("2024: 1\u00a0035\u00a0219 kr");
  const countries = page.getByRole("table", { name: "Engagemang per motpartsland" });
  expect(await countries.locator("tbody th").allTextContents()).toEqual(["Polen", "Portugal"]);
  expect(await page.getByRole("img", { name: /^Engagemang per motpartsland/ }).count()).toBe(1);
  await checkA11y(page);

  const csv = page.getByRole("link", { name: "Hämta som CSV" });
  expect(await csv.getAttribute("href")).toBe("/offentlig/internationellt.csv?country=PT");
});

it("shows the page in English and a filter error in the summary", async () => {
  const page = await e2e.newPage({ javaScriptEnabled: false });
  await page.goto("/offentlig/internationellt?year=tjugo");
  expect(await page.locator(".error-summary").textContent()).toContain("Skriv ett år med fyra siffror");
  await checkA11y(page);
  await clickAndWait(page, page.getByRole("button", { name: "In English" }));
  expect(await page.locator("h1").textContent()).toBe("The city's international engagements");
});
