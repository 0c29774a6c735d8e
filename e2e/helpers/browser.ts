import AxeBuilder from "@axe-core/playwright";
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Locator,
  type Page,
} from "playwright-core";
import { expect } from "vitest";
import { buildTestApp, DEMO_PASSWORD, type TestApp } from "../../test/helpers/app.ts";

export { DEMO_PASSWORD };

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface E2E {
  app: TestApp;
  browser: Browser;
  baseUrl: string;
  /** A fresh browser context (own cookies) with a Swedish browser, and a page in it. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  close(): Promise<void>;
}

/**
 * The real app on 127.0.0.1 (fresh SQLite database with the demo data) and Debian's Chromium; on
 * `port` when its address must be known beforehand (an OpenID provider's redirect URI), else any.
 */
export async function startE2E(
  options: Parameters<typeof buildTestApp>[0] = {},
  { port = 0 }: { port?: number } = {},
): Promise<E2E> {
  const app = await buildTestApp(options);
  const baseUrl = await app.app.listen({ port, host: "127.0.0.1" }).catch(async (error: unknown) => {
    await app.close();
    throw error;
  });
  const browser = await chromium
    .launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS })
    .catch(async (error: unknown) => {
      await app.close();
      throw error;
    });
  const contexts: BrowserContext[] = [];
  const newContext = async (options: BrowserContextOptions) => {
    const context = await browser.newContext({ baseURL: baseUrl, locale: "sv-SE", ...options });
    contexts.push(context);
    return context;
  };
  let checker: Promise<Page> | undefined;
  const twin = () => {
    checker ??= newContext({}).then((context) => context.newPage());
    return checker;
  };
  return {
    app,
    browser,
    baseUrl,
    async newPage(options = {}) {
      const page = await (await newContext(options)).newPage();
      if (options.javaScriptEnabled === false) scriptedTwin.set(page, twin);
      return page;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => {});
      await browser.close();
      await app.close();
    },
  };
}

/** For each page opened with `javaScriptEnabled: false`: a page with scripts to check its copies in. */
const scriptedTwin = new WeakMap<Page, () => Promise<Page>>();

/**
 * Runs axe (WCAG 2.0/2.1 A and AA) on the page as it is now and expects no violations.
 * Axe cannot run where scripts are off (its timers never fire), so a page without
 * JavaScript is checked as a copy of its DOM, served at the same address with the same CSS.
 */
export async function checkA11y(page: Page): Promise<void> {
  const twin = scriptedTwin.get(page);
  if (!twin) return expectNoViolations(page);
  const url = page.url().replace(/#.*$/, "");
  const html = await page.content();
  const copy = await twin();
  await copy.route(url, (route) => route.fulfill({ body: html, contentType: "text/html; charset=utf-8" }));
  try {
    await copy.goto(url);
    await expectNoViolations(copy, page.url());
  } finally {
    await copy.unrouteAll();
  }
}

async function expectNoViolations(page: Page, shownAs = page.url()): Promise<void> {
  const result = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const found = result.violations.map(
    (v) => `${v.id} (${v.impact ?? "?"}): ${v.help} – ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
  expect(found, `axe violations on ${shownAs}:\n${found.join("\n")}`).toEqual([]);
}

/** Signs in through the login form, as a person would, and waits for the next page. */
export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/logga-in");
  await page.fill("#username", username);
  await page.fill("#password", password);
  await Promise.all([
    page.waitForURL((url) => url.pathname !== "/logga-in"),
    page.click("main button[type=submit]"),
  ]);
}

/** A link of the main menu; one under the folded administration is first unfolded, as a person would. */
export async function menuLink(page: Page, name: string): Promise<Locator> {
  const link = page.locator("nav.main-nav").getByRole("link", { name, exact: true });
  const group = page.locator("nav.main-nav details");
  if (
    (await group.count()) > 0 &&
    (await group.getByRole("link", { name, exact: true, includeHidden: true }).count()) > 0
  ) {
    if ((await group.getAttribute("open")) === null) await group.locator("summary").click();
  }
  return link;
}

/** The texts of the main menu's links (folded ones included). */
export async function menuItems(page: Page): Promise<string[]> {
  return (await page.locator("nav.main-nav a").allTextContents()).map((s) => s.trim());
}

/** Clicks (a link or a form's button) and waits until the page it leads to has loaded. */
export async function clickAndWait(page: Page, target: Locator): Promise<void> {
  await Promise.all([page.waitForEvent("load"), target.click()]);
}

/** Types a date (YYYY-MM-DD, or "" to clear it) into a date input's three fields: year, month, day. */
export async function fillDate(page: Page, name: string, date: string): Promise<void> {
  const [year = "", month = "", day = ""] = date.split("-");
  await page.fill(`#${name}`, year);
  await page.fill(`#${name}-month`, month);
  await page.fill(`#${name}-day`, day);
}

/** A date input's three fields read back as YYYY-MM-DD. */
export async function dateValue(page: Page, name: string): Promise<string> {
  const parts = [
    await page.inputValue(`#${name}`),
    await page.inputValue(`#${name}-month`),
    await page.inputValue(`#${name}-day`),
  ];
  return parts.join("-");
}
