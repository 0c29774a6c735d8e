import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openCase } from "../src/registry/cases.service.ts";
import { checkA11y, clickAndWait, type E2E, login, menuLink, startE2E } from "./helpers/browser.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

const STRATEGY = "KS 171-482/2016";
const STRATEGY_TITLE = "Internationell strategi för Stockholms stad";

/** The year in Stockholm now: the year a new case is numbered in. */
const currentYear = () =>
  new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", year: "numeric" }).format(new Date());

/** The facts list of a case page as label → value. */
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

/** The address of the strategy case's page, looked up through the list. */
async function strategyCasePath(page: Page): Promise<string> {
  await page.goto("/arenden");
  const href = await page.getByRole("link", { name: STRATEGY, exact: true }).getAttribute("href");
  expect(href).toMatch(/^\/arenden\/[^/]+$/);
  return String(href);
}

it("handlaggare filters the list, opens the strategy case and sees its facts, parties and history", async () => {
  const page = await e2e.newPage();
  await login(page, "handlaggare");
  const response = await page.goto("/arenden");
  expect(response?.status()).toBe(200);
  expect(await page.locator("h1").textContent()).toBe("Ärenden");
  expect(await page.title()).toBe("Ärenden – kansli");
  const list = page.getByRole("table", { name: "Ärenden, senast öppnade först" });
  expect(await list.getByRole("link", { name: STRATEGY, exact: true }).count()).toBe(1);
  await checkA11y(page);

  // Closed: none in the demo data.
  await page.selectOption("#status", "closed");
  await clickAndWait(page, page.locator("main form.filters button[type=submit]"));
  expect(new URL(page.url()).searchParams.get("status")).toBe("closed");
  expect(await page.inputValue("#status")).toBe("closed");
  expect(await page.locator("main").textContent()).toContain("Inga ärenden matchar urvalet.");
  expect(await page.locator("main table").count()).toBe(0);
  await checkA11y(page);

  // Open: the strategy case is among them, every row says so.
  await page.selectOption("#status", "open");
  await clickAndWait(page, page.locator("main form.filters button[type=submit]"));
  expect(new URL(page.url()).searchParams.get("status")).toBe("open");
  expect(await page.inputValue("#status")).toBe("open");
  const statuses = await list.locator("tbody tr td:nth-of-type(3)").allTextContents();
  expect(statuses.length).toBeGreaterThan(1);
  expect(new Set(statuses)).toEqual(new Set(["Pågående"]));
  await checkA11y(page);

  // The year filter narrows to 2016.
  await page.fill("#year", "2016");
  await clickAndWait(page, page.locator("main form.filters button[type=submit]"));
  expect(await list.locator("tbody th a").allTextContents()).toEqual([STRATEGY]);
  await checkA11y(page);

  await clickAndWait(page, list.getByRole("link", { name: STRATEGY, exact: true }));
  expect(new URL(page.url()).pathname).toMatch(/^\/arenden\/[^/]+$/);
  expect(await page.locator("h1").textContent()).toBe(STRATEGY_TITLE);
  expect(await page.title()).toBe(`${STRATEGY} ${STRATEGY_TITLE} – kansli`);
  const shown = await facts(page);
  expect(shown).toMatchObject({
    Diarienummer: STRATEGY,
    Status: "Pågående",
    Diarium: "Kommunstyrelsens diarium",
    Klass: "171 Internationella frågor",
    Öppnat: "2016-06-02",
  });
  const parties = page.locator("main h2:text-is('Parter') + ul li");
  expect(await parties.allTextContents()).toEqual(["Finansroteln, Kommunstyrelsen"]);
  const history = page.getByRole("table", { name: "Ärendets händelser, äldst först" });
  expect(await history.locator("tbody tr").count()).toBeGreaterThanOrEqual(1);
  expect(await history.locator("tbody tr").first().textContent()).toContain(
    "Ärende infört med befintligt diarienummer",
  );
  // A handläggare is registry staff: the case may be changed and closed.
  expect(await page.getByRole("link", { name: "Ändra ärendet" }).count()).toBe(1);
  expect(await page.getByRole("button", { name: "Avsluta ärendet" }).count()).toBe(1);
  await checkA11y(page);

  // The change of history opens in place and still passes.
  await history.locator("summary").first().click();
  expect(await history.locator("details").first().getAttribute("open")).not.toBeNull();
  await checkA11y(page);
});

it("registrator gets every problem of a new case, then opens it with parties, closes and reopens it", async () => {
  const page = await e2e.newPage();
  await login(page, "registrator");
  await page.goto("/arenden");
  await clickAndWait(page, page.getByRole("link", { name: "Nytt ärende", exact: true }));
  expect(new URL(page.url()).pathname).toBe("/arenden/nytt");
  expect(await page.locator("h1").textContent()).toBe("Nytt ärende");
  expect(await page.inputValue("#registryId")).toBe("ks");
  await checkA11y(page);

  await page.fill("#publicTitle", "Besök från Helsingfors");
  await page.fill("#parties", "Helsingfors stad, Stadskansliet");
  await page.selectOption("#unitId", "slk-kommunikation-omvarld");
  const submit = page.locator("main form button[type=submit]");
  const [invalid] = await Promise.all([
    page.waitForResponse((r) => r.request().isNavigationRequest()),
    submit.click(),
  ]);
  await page.waitForLoadState();
  expect(invalid.status()).toBe(422);
  expect(await page.title()).toMatch(/^Fel: /);
  const summary = page.getByRole("alert");
  expect(await summary.locator("h2").textContent()).toBe("Det finns problem i formuläret");
  const links = summary.locator("a");
  expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")))).toEqual([
    "#title",
    "#classId",
  ]);
  expect((await links.allTextContents())[1]).toBe("Välj en klass ur klassificeringsstrukturen");
  for (const field of ["title", "classId"]) {
    expect(await page.locator(`#${field}-error`).textContent(), field).toContain("Fel:");
    expect(await page.locator(`#${field}`).getAttribute("aria-invalid"), field).toBe("true");
    expect(await page.locator(`#${field}`).getAttribute("aria-describedby"), field).toContain(
      `${field}-error`,
    );
  }
  // Every other answer is kept.
  expect(await page.inputValue("#registryId")).toBe("ks");
  expect(await page.inputValue("#publicTitle")).toBe("Besök från Helsingfors");
  expect(await page.inputValue("#parties")).toBe("Helsingfors stad, Stadskansliet");
  expect(await page.inputValue("#unitId")).toBe("slk-kommunikation-omvarld");
  expect(await page.locator("#officerId option:checked").textContent()).toBe("Rut Registrator (demo)");
  await checkA11y(page);

  await links.nth(1).click();
  expect(await page.locator(":focus").getAttribute("id")).toBe("classId");

  const title = "Studiebesök från Helsingfors om digital förvaltning";
  await page.fill("#title", title);
  await page.selectOption("#classId", { label: "2.4 Besök och delegationer" });
  await page.fill("#parties", "Helsingfors stad, Stadskansliet\nAnna Virtanen, Helsingfors stadsfullmäktige");
  await clickAndWait(page, submit);

  expect(new URL(page.url()).pathname).toMatch(/^\/arenden\/[^/]+$/);
  expect(new URL(page.url()).pathname).not.toBe("/arenden/nytt");
  expect(await page.locator("h1").textContent()).toBe(title);
  const year = currentYear();
  const opened = await facts(page);
  expect(opened.Diarienummer).toMatch(new RegExp(`^KS ${year}/[1-9]\\d*$`));
  expect(opened).toMatchObject({
    Status: "Pågående",
    Klass: "2.4 Besök och delegationer",
    "Offentlig ärendemening": "Besök från Helsingfors",
    Handläggare: "Rut Registrator (demo)",
  });
  expect(await page.title()).toBe(`${opened.Diarienummer} ${title} – kansli`);
  // Parties added together are listed by name, not in the order they were typed.
  expect((await page.locator("main h2:text-is('Parter') + ul li").allTextContents()).sort()).toEqual([
    "Anna Virtanen, Helsingfors stadsfullmäktige",
    "Helsingfors stad, Stadskansliet",
  ]);
  const history = page.getByRole("table", { name: "Ärendets händelser, äldst först" });
  expect(await history.locator("tbody tr").allTextContents()).toEqual([
    expect.stringContaining("Ärende upprättat"),
  ]);
  await checkA11y(page);
  const casePath = new URL(page.url()).pathname;

  // Close: the status says so and the only step left is to reopen.
  await clickAndWait(page, page.getByRole("button", { name: "Avsluta ärendet", exact: true }));
  expect(new URL(page.url()).pathname).toBe(casePath);
  const closed = await facts(page);
  expect(closed.Status).toBe("Avslutat");
  expect(closed.Avslutat).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  const actions = page.locator("main ul.actions");
  expect(await actions.locator("a, button").allTextContents()).toEqual(["Återuppta ärendet"]);
  expect(await history.locator("tbody tr").count()).toBe(2);
  await checkA11y(page);

  await clickAndWait(page, page.getByRole("button", { name: "Återuppta ärendet", exact: true }));
  expect(new URL(page.url()).pathname).toBe(casePath);
  const reopened = await facts(page);
  expect(reopened.Status).toBe("Pågående");
  expect(reopened).not.toHaveProperty("Avslutat");
  expect((await actions.locator("a, button").allTextContents()).map((s) => s.trim())).toEqual([
    "Ändra ärendet",
    "Skicka på remiss",
    "Avsluta ärendet",
  ]);
  expect(await history.locator("tbody tr").count()).toBe(3);
  await checkA11y(page);

  // The change form of the case keeps its facts.
  await clickAndWait(page, page.getByRole("link", { name: "Ändra ärendet", exact: true }));
  expect(new URL(page.url()).pathname).toBe(`${casePath}/andra`);
  expect(await page.locator("h1").textContent()).toBe(`Ändra ${opened.Diarienummer}`);
  expect(await page.inputValue("#title")).toBe(title);
  expect(await page.locator("#registryId").count()).toBe(0);
  expect(await page.locator("#parties").count()).toBe(0);
  await checkA11y(page);

  await page.fill("#title", "");
  await clickAndWait(page, page.locator("main form button[type=submit]"));
  expect(await page.title()).toMatch(/^Fel: /);
  expect(
    await page
      .getByRole("alert")
      .locator("a")
      .evaluateAll((as) => as.map((a) => a.getAttribute("href"))),
  ).toEqual(["#title"]);
  expect(await page.locator("#classId option:checked").textContent()).toBe("2.4 Besök och delegationer");
  await checkA11y(page);

  const changed = `${title} och e-tjänster`;
  await page.fill("#title", changed);
  await clickAndWait(page, page.locator("main form button[type=submit]"));
  expect(new URL(page.url()).pathname).toBe(casePath);
  expect(await page.locator("h1").textContent()).toBe(changed);
  expect((await facts(page)).Diarienummer).toBe(opened.Diarienummer);
  expect(await history.locator("tbody tr").nth(3).textContent()).toContain("Ärende ändrat");
  await checkA11y(page);

  // The new case is in the list, numbered in the current year.
  await page.goto(`/arenden?year=${year}`);
  expect(
    await page.getByRole("link", { name: String(opened.Diarienummer), exact: true }).getAttribute("href"),
  ).toBe(casePath);
  await checkA11y(page);
});

it("lasare reads a case without the steps that change it and is refused the new-case form", async () => {
  const page = await e2e.newPage();
  await login(page, "lasare");
  await page.goto(await strategyCasePath(page));
  expect(await page.locator("h1").textContent()).toBe(STRATEGY_TITLE);
  expect((await facts(page)).Diarienummer).toBe(STRATEGY);
  expect(await page.locator("main ul.actions").count()).toBe(0);
  for (const name of ["Ändra ärendet", "Avsluta ärendet", "Återuppta ärendet"]) {
    expect(await page.getByRole("link", { name }).count(), name).toBe(0);
    expect(await page.getByRole("button", { name }).count(), name).toBe(0);
  }
  await checkA11y(page);

  await page.goto("/arenden");
  expect(await page.getByRole("link", { name: "Nytt ärende" }).count()).toBe(0);
  await checkA11y(page);

  const response = await page.goto("/arenden/nytt");
  expect(response?.status()).toBe(403);
  expect(await page.locator("h1").textContent()).toBe("Åtkomst nekad");
  await checkA11y(page);
});

it("admin sees the KS registry, gets an error for a pattern without {seq} and saves a valid one", async () => {
  const page = await e2e.newPage();
  await login(page, "admin");
  await page.goto("/");
  await clickAndWait(page, await menuLink(page, "Diarier"));
  expect(new URL(page.url()).pathname).toBe("/admin/diarier");
  expect(await page.locator("h1").textContent()).toBe("Diarier och nummerserier");
  const ks = page.getByRole("region", { name: "KS – Kommunstyrelsens diarium" });
  expect(await ks.count()).toBe(1);
  const pattern = ks.getByLabel("Mönster för diarienummer");
  expect(await pattern.inputValue()).toBe("{prefix} {year}/{seq}");
  expect(await ks.textContent()).toContain("Exempel: KS ");
  await checkA11y(page);

  await pattern.fill("{prefix} {year}");
  const [invalid] = await Promise.all([
    page.waitForResponse((r) => r.request().isNavigationRequest()),
    ks.getByRole("button", { name: "Spara mönstret" }).click(),
  ]);
  await page.waitForLoadState();
  expect(invalid.status()).toBe(422);
  expect(await page.title()).toMatch(/^Fel: /);
  const summary = page.getByRole("alert");
  const links = summary.locator("a");
  expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")))).toEqual([
    "#numberPattern-ks",
  ]);
  expect(await links.allTextContents()).toEqual([
    "Mönstret måste innehålla {seq} och {year}, bara kända delar och tecken mellan delarna",
  ]);
  const field = page.locator("#numberPattern-ks");
  expect(await field.inputValue()).toBe("{prefix} {year}");
  expect(await field.getAttribute("aria-invalid")).toBe("true");
  expect(await field.getAttribute("aria-describedby")).toContain("numberPattern-ks-error");
  await checkA11y(page);

  await links.first().click();
  expect(await page.locator(":focus").getAttribute("id")).toBe("numberPattern-ks");

  await field.fill("{prefix} {class}-{seq}/{year}");
  await clickAndWait(page, page.getByRole("button", { name: "Spara mönstret" }));
  expect(new URL(page.url()).pathname).toBe("/admin/diarier");
  expect(await page.title()).not.toMatch(/^Fel: /);
  expect(await page.getByRole("alert").count()).toBe(0);
  expect(await page.locator("#numberPattern-ks").inputValue()).toBe("{prefix} {class}-{seq}/{year}");
  expect(await page.locator("main").textContent()).toMatch(/Exempel: KS 171-1\/\d{4}/);
  await checkA11y(page);
});

it("the list pages through more than 50 cases and keeps the filter on every page", async () => {
  const { ctx } = e2e.app;
  const cls = await ctx.db
    .selectFrom("classes")
    .innerJoin("classification_schemes as s", "s.id", "classes.scheme_id")
    .select("classes.id")
    .where("s.version", "=", "2019")
    .where("classes.code", "=", "2.3")
    .executeTakeFirstOrThrow();
  // 55 cases in 2015 for one unit, several on each day so that the order also rests on the id.
  for (let i = 0; i < 55; i++) {
    await openCase(ctx, "system", {
      registryId: "ks",
      title: `Remiss nummer ${i + 1} till utbildningsförvaltningen`,
      classId: cls.id,
      unitId: "forv-utbildning",
      openedOn: `2015-03-${String(1 + (i % 20)).padStart(2, "0")}`,
    });
  }

  const page = await e2e.newPage();
  await login(page, "handlaggare");
  await page.goto("/arenden");
  await page.selectOption("#unitId", "forv-utbildning");
  await page.fill("#year", "2015");
  await clickAndWait(page, page.locator("main form.filters button[type=submit]"));
  const rows = page.locator("main table tbody th a");
  const first = await rows.allTextContents();
  expect(first).toHaveLength(50);
  const pages = page.getByRole("navigation", { name: "Sidor" });
  expect(await pages.getByRole("link").allTextContents()).toEqual(["Nästa sida"]);
  await checkA11y(page);

  await clickAndWait(page, pages.getByRole("link", { name: "Nästa sida" }));
  const url = new URL(page.url());
  expect(url.searchParams.get("unitId")).toBe("forv-utbildning");
  expect(url.searchParams.get("year")).toBe("2015");
  expect(url.searchParams.get("cursor")).toBeTruthy();
  expect(await page.inputValue("#unitId")).toBe("forv-utbildning");
  expect(await page.inputValue("#year")).toBe("2015");
  const second = await rows.allTextContents();
  expect(second).toHaveLength(5);
  const all = [...first, ...second];
  expect(new Set(all).size).toBe(55);
  // In either of the registry's forms: the admin test before may have changed the pattern.
  for (const number of all) expect(number).toMatch(/^KS (2015\/[1-9]\d*|2\.3-[1-9]\d*\/2015)$/);
  expect(await pages.getByRole("link").allTextContents()).toEqual(["Första sidan"]);
  await checkA11y(page);

  await clickAndWait(page, pages.getByRole("link", { name: "Första sidan" }));
  expect(new URL(page.url()).searchParams.get("cursor")).toBeNull();
  expect(await rows.allTextContents()).toEqual(first);
});
