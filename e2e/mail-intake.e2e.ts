import { afterAll, beforeAll, expect, it } from "vitest";
import { createConsultation, sendConsultation } from "../src/consultation/index.ts";
import { readRegistryMailbox } from "../src/mail-intake/index.ts";
import { demoActor } from "../test/helpers/demo.ts";
import { makeDocx } from "../test/helpers/documents.ts";
import { composeMail, startImapServer, type TestImapServer } from "../test/helpers/imap.ts";
import { checkA11y, clickAndWait, type E2E, login, menuLink, startE2E } from "./helpers/browser.ts";

let e2e: E2E;
let imap: TestImapServer;
const DIARY_NUMBER = "KS 171-482/2016";

beforeAll(async () => {
  imap = await startImapServer();
  e2e = await startE2E({ env: { KANSLI_IMAP_URL: imap.url, KANSLI_IMAP_PASSWORD: imap.password } });
  const { ctx } = e2e.app;
  const officer = await demoActor(e2e.app, "handlaggare");
  const c = await ctx.db
    .selectFrom("cases")
    .select("id")
    .where("diary_number", "=", DIARY_NUMBER)
    .executeTakeFirstOrThrow();
  const { consultation } = await createConsultation(ctx, officer, c.id, {
    title: "Remiss med svar per e-post",
    deadline: "2027-03-01",
    instructions: "Svara som Word-fil.",
    officerId: officer.id,
    unitIds: ["sdn-sodermalm"],
    externalBodies: "",
    documentIds: [],
  });
  await sendConsultation(ctx, officer, consultation.id);
  // From a colleague's private address: kansli cannot tell whose answer it is, so it waits.
  await imap.deliver(
    await composeMail({
      from: "anna.svensson@privat.example",
      subject: `Remissvar från Södermalm ${DIARY_NUMBER}`,
      attachments: [{ filename: "sodermalm-svar.docx", content: await makeDocx(["Södermalms svar"]) }],
    }),
  );
  while ((await readRegistryMailbox(ctx)) > 0);
});
afterAll(async () => {
  await e2e?.close();
  await imap?.stop();
});

it("the registrar files a queued message as a body's answer from the queue", {
  timeout: 120_000,
}, async () => {
  const page = await e2e.newPage();
  await login(page, "registrator");
  await clickAndWait(page, await menuLink(page, "E-post"));
  expect(await page.locator("h1").textContent()).toBe("Inkommen e-post att registrera");
  await checkA11y(page);
  await clickAndWait(page, page.getByRole("link", { name: `Remissvar från Södermalm ${DIARY_NUMBER}` }));
  expect(await page.locator("main").textContent()).toContain("sodermalm-svar.docx");
  await checkA11y(page);
  await page.getByLabel("Remissinstans").selectOption({ label: "Södermalms stadsdelsnämnd" });
  await clickAndWait(page, page.getByRole("button", { name: "Registrera som remissvar" }));
  expect(await page.locator("main").textContent()).toContain("Registrerat som remissvar");
  await checkA11y(page);
});
