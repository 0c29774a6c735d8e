import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { deliverPending, mailTransport } from "../src/platform/mail/mail.service.ts";
import { startSmtpServer } from "../test/helpers/smtp.ts";
import { checkA11y, clickAndWait, type E2E, login, startE2E } from "./helpers/browser.ts";

let e2e: E2E;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
beforeAll(async () => {
  smtp = await startSmtpServer();
  e2e = await startE2E({ env: { KANSLI_SMTP_URL: smtp.url } });
});
afterAll(async () => {
  await e2e?.close();
  await smtp?.close();
});

const STRATEGY = "KS 171-482/2016";

/** Sends the outbox to the test's SMTP server now instead of waiting for the worker. */
async function deliver() {
  const transport = mailTransport(e2e.app.config);
  if (!transport) throw new Error("no SMTP configured");
  while ((await deliverPending(e2e.app.ctx, transport)) > 0);
  transport.close();
}

/** Fills and sends the public request form the page is on; returns the receipt page's address. */
async function sendRequest(page: Page, fields: Record<string, string>) {
  for (const [field, value] of Object.entries(fields)) {
    if (field === "delivery") await page.selectOption("#delivery", value);
    else await page.fill(`#${field}`, value);
  }
  await clickAndWait(page, page.locator("main form button[type=submit]"));
  expect(await page.locator("h1").textContent()).toBe("Din begäran har tagits emot");
  expect(await page.locator("main").textContent()).toContain("Begäran väntar på beslut.");
  await checkA11y(page);
  return page.url();
}

it("the public asks without signing in, the registrator releases one copy by e-mail and refuses one with an appeal notice, and the requesters see the outcome", async () => {
  // A visitor asks for the strategy report, by e-mail and anonymously.
  const visitor = await e2e.newPage();
  await visitor.goto(`/offentlig/arenden/${encodeURIComponent(STRATEGY)}`);
  await clickAndWait(visitor, visitor.getByRole("link", { name: /^Begär kopia av Tjänsteutlåtande/ }));
  await checkA11y(visitor);
  const released = await sendRequest(visitor, { delivery: "email", email: "nyfiken@example.se" });

  // Another asks for the secret letter (listed by its public description) and gives a postal address.
  const secret = await e2e.app.ctx.db
    .selectFrom("documents")
    .select("id")
    .where("public_description", "=", "Brev från enskild om hot")
    .executeTakeFirstOrThrow();
  const other = await e2e.newPage();
  await other.goto(`/offentlig/handlingar/${secret.id}/begar-kopia`);
  const refused = await sendRequest(other, {
    requesterName: "Sture Skrivare",
    delivery: "paper",
    postalAddress: "Testgatan 2\n123 45 Exempelstad",
  });

  // The registrator sees both waiting, and decides the first: released, the copy attached to the mail.
  const clerk = await e2e.newPage();
  await login(clerk, "registrator");
  await clerk.goto("/begaranden");
  const waiting = clerk.getByRole("table", { name: "Begäranden, äldst först" });
  expect(await waiting.textContent()).toContain("Sture Skrivare");
  await checkA11y(clerk);
  const rows = waiting.locator("tbody tr");
  await clickAndWait(clerk, rows.filter({ hasText: "Tjänsteutlåtande" }).getByRole("link"));
  await checkA11y(clerk);
  await clerk.selectOption("#outcome", "sent");
  await clerk.selectOption("#deliveredBy", "email");
  await clickAndWait(clerk, clerk.getByRole("button", { name: "Fatta beslut" }));
  expect(await clerk.locator("main").textContent()).toContain("Beslut fattades");
  await checkA11y(clerk);
  await deliver();
  const mail = smtp.received.find((m) => m.to.includes("nyfiken@example.se"));
  // The report as the demo registered it on its approval (reports.service.ts names the file).
  expect(mail?.raw).toMatch(/tjansteutlatande-KS-171-482-2016-v\d+\.docx/);

  // The second: a full release is refused for a secret document; the refusal needs its provision.
  await clerk.goto("/begaranden");
  await clickAndWait(clerk, clerk.locator("tbody tr", { hasText: "Sture Skrivare" }).getByRole("link"));
  await clerk.selectOption("#outcome", "sent");
  await clerk.selectOption("#deliveredBy", "post");
  await clickAndWait(clerk, clerk.getByRole("button", { name: "Fatta beslut" }));
  expect(await clerk.locator(".error-summary").textContent()).toContain("kan inte lämnas ut i sin helhet");
  await checkA11y(clerk);
  await clerk.selectOption("#outcome", "refused");
  await clerk.selectOption("#provision", "21 kap. 3 § OSL");
  await clerk.fill("#note", "Brevet innehåller uppgifter om en enskilds personliga förhållanden");
  await clickAndWait(clerk, clerk.getByRole("button", { name: "Fatta beslut" }));
  expect(await clerk.locator("main").textContent()).toContain("Utlämnande har avslagits");

  // The history lists both decided, with their handling times.
  await clerk.goto("/begaranden?visa=handled");
  const decided = await clerk.getByRole("table", { name: "Begäranden, äldst först" }).textContent();
  expect(decided).toContain("Handlingen har lämnats ut");
  expect(decided).toContain("Utlämnande har avslagits");
  expect(decided).toMatch(/0 d 0 h/);
  await checkA11y(clerk);

  // Each requester's link shows the outcome; the refusal carries the appeal notice.
  await visitor.goto(released);
  expect(await visitor.locator("main").textContent()).toContain("Beslut: Handlingen lämnas ut.");
  await checkA11y(visitor);
  await other.goto(refused);
  const refusal = await other.locator("main").textContent();
  expect(refusal).toContain("Beslut: Begäran avslås.");
  expect(refusal).toContain("21 kap. 3 § OSL");
  expect(refusal).toContain("Beslutet kan överklagas hos kammarrätten");
  expect(refusal).not.toContain("Maja Ekström");
  await checkA11y(other);
});
