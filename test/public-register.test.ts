import crypto from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "../src/auth/actor.ts";
import { maskPersonalNumbers } from "../src/platform/text/personal-number.ts";
import { openCase } from "../src/registry/cases.service.ts";
import { registerDocument } from "../src/registry/documents.service.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { TestClient } from "./helpers/client.ts";
import { demoActor, demoClassId } from "./helpers/demo.ts";

let t: TestApp;
let officer: UserActor;
let classId = "";

beforeAll(async () => {
  t = await buildTestApp();
  officer = await demoActor(t, "handlaggare");
  classId = await demoClassId(t, "2019", "1.4");
});
afterAll(async () => {
  await t.close();
});

describe("personal identity numbers are masked (R9)", () => {
  it("masks every written form of a personal or co-ordination number", () => {
    for (const pnr of [
      "640823-3234",
      "6408233234",
      "196408233234",
      "19640823-3234",
      "640823+3234",
      "640823 3234",
      "640883-3234",
    ])
      expect(maskPersonalNumbers(`Sökande ${pnr}, Stockholm`), pnr).toBe("Sökande ******-****, Stockholm");
  });

  it("leaves diary numbers, dates, phone numbers and organisation numbers alone", () => {
    for (const text of [
      "KS 171-482/2016",
      "KS 2019/562",
      "2016-06-02",
      "08-508 290 00",
      "556677-8899",
      "212000-0142",
    ])
      expect(maskPersonalNumbers(text)).toBe(text);
  });
});

/** Eight digits of birth date and four more, in one of the ways people write them. */
const personalNumber = fc
  .record({
    year: fc.integer({ min: 1930, max: 2020 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    coordination: fc.boolean(),
    last: fc.integer({ min: 0, max: 9999 }),
    form: fc.constantFrom("short-dash", "short", "long", "long-dash", "plus", "space"),
  })
  .map(({ year, month, day, coordination, last, form }) => {
    const p = (n: number, w = 2) => String(n).padStart(w, "0");
    const date = `${p(year % 100)}${p(month)}${p(coordination ? day + 60 : day)}`;
    const tail = p(last, 4);
    const century = String(Math.floor(year / 100));
    const written = {
      "short-dash": `${date}-${tail}`,
      short: `${date}${tail}`,
      long: `${century}${date}${tail}`,
      "long-dash": `${century}${date}-${tail}`,
      plus: `${date}+${tail}`,
      space: `${date} ${tail}`,
    }[form];
    return { written, digits: `${date}${tail}` };
  });

const word = () => `hemlig${crypto.randomBytes(4).toString("hex")}`;

describe("the public register leaks nothing secret (R9)", () => {
  it("shows no secret part, draft, protected identity or personal identity number, on any public surface", async () => {
    const anon = new TestClient(t.app);
    await fc.assert(
      fc.asyncProperty(
        personalNumber,
        personalNumber,
        fc.boolean(),
        fc.boolean(),
        async (pnrInTitle, pnrInDocument, secretTitle, protectedParty) => {
          const secret = {
            title: word(),
            document: word(),
            draft: word(),
            protectedName: word(),
            party: word(),
          };
          const visible = word();
          const c = await openCase(t.ctx, officer, {
            registryId: "ks",
            title: secretTitle
              ? `Utredning ${secret.title} om ${pnrInTitle.written}`
              : `Ansökan ${visible} från ${pnrInTitle.written}`,
            publicTitle: secretTitle ? `Utredning ${visible}` : undefined,
            classId,
            unitId: "slk",
            parties: [
              {
                name: protectedParty ? `Person ${secret.protectedName}` : `Sökande ${visible}`,
                protectedIdentity: protectedParty,
              },
            ],
          });
          await registerDocument(
            t.ctx,
            officer,
            c.id,
            {
              direction: "incoming",
              party: `Avsändare ${secret.party} ${pnrInDocument.written}`,
              publicParty: "Privatperson",
              description: `Uppgifter ${secret.document} om ${pnrInDocument.written}`,
              publicDescription: `Skrivelse ${visible}`,
              secrecyProvision: "26 kap. 1 § OSL",
              secrecyMarkedOn: "2026-01-15",
              secrecyAuthority: "Socialförvaltningen",
            },
            null,
          );
          await registerDocument(
            t.ctx,
            officer,
            c.id,
            {
              direction: "outgoing",
              party: "Mottagare",
              description: `Utkast ${secret.draft} till ${pnrInDocument.written}`,
              draft: true,
            },
            null,
          );
          await registerDocument(
            t.ctx,
            officer,
            c.id,
            {
              direction: "incoming",
              party: "Kommunmedlem",
              description: `Synpunkt ${visible} från ${pnrInDocument.written}`,
            },
            null,
          );

          const dn = encodeURIComponent(c.diaryNumber);
          const surfaces = [
            await anon.get(`/offentlig/arenden/${dn}`),
            await anon.get(`/api/v1/public/cases/${dn}`),
            await anon.get(`/offentlig?q=${visible}`),
            await anon.get(`/api/v1/public/search?q=${visible}`),
          ];
          for (const r of surfaces) expect(r.statusCode).toBe(200);
          const shown = surfaces.map((r) => r.body).join("\n");
          // What may be shown is shown: the case is found by its public words.
          expect(shown).toContain(visible);
          expect(
            JSON.parse(surfaces[3]?.body ?? "{}").items.map((i: { caseId: string }) => i.caseId),
          ).toEqual([c.id]);
          for (const hidden of Object.values(secret))
            if (hidden !== secret.protectedName || protectedParty) expect(shown).not.toContain(hidden);
          if (!secretTitle) expect(shown).not.toContain(secret.title);
          for (const pnr of [pnrInTitle, pnrInDocument]) {
            expect(shown).not.toContain(pnr.written);
            expect(shown.replace(/[^0-9]/g, " ")).not.toMatch(
              new RegExp(`(^|\\D)(\\d{2})?${pnr.digits}(\\D|$)`),
            );
          }
          // The secret words are not even found: no hit betrays that they exist.
          for (const hidden of [secret.title, secret.document, secret.draft, secret.party]) {
            const hits = JSON.parse((await anon.get(`/api/v1/public/search?q=${hidden}`)).body);
            expect(hits.items).toEqual([]);
          }
        },
      ),
      { numRuns: 12 },
    );
  });
});

describe("copy requests", () => {
  const publicDocumentId = async () => {
    const c = await openCase(t.ctx, officer, {
      registryId: "ks",
      title: "Inbjudan från Oslo",
      classId,
      unitId: "slk",
    });
    const d = await registerDocument(
      t.ctx,
      officer,
      c.id,
      { direction: "incoming", party: "Oslo kommune", description: "Inbjudan till konferens" },
      null,
    );
    return { caseId: c.id, documentId: d.id, diaryNumber: c.diaryNumber };
  };
  const requestCount = async () => (await t.ctx.db.selectFrom("copy_requests").select("id").execute()).length;

  it("reports every problem at once and stores nothing; a robot's answer stores nothing either", async () => {
    const { documentId } = await publicDocumentId();
    const anon = new TestClient(t.app);
    const form = `/offentlig/handlingar/${documentId}/begar-kopia`;
    expect((await anon.get(form)).statusCode).toBe(200);
    const before = await requestCount();
    const refused = await anon.post(form, { delivery: "brevduva", email: "inte-en-adress" });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain("Välj ett av alternativen");
    expect(refused.body).toContain("Skriv en e-postadress");
    const noAddress = await anon.post(form, { delivery: "paper" });
    expect(noAddress.statusCode).toBe(422);
    expect(noAddress.body).toContain("Skriv den adress kopian ska skickas till");
    const robot = await anon.post(form, {
      delivery: "email",
      email: "bot@example.com",
      website: "http://spam",
    });
    expect(robot.statusCode).toBe(303);
    expect(await requestCount()).toBe(before);
  });

  it("a draft cannot be requested by its id: it is not a public record", async () => {
    const { caseId } = await publicDocumentId();
    const draft = await registerDocument(
      t.ctx,
      officer,
      caseId,
      { direction: "outgoing", party: "Oslo kommune", description: "Svar under arbete", draft: true },
      null,
    );
    const anon = new TestClient(t.app);
    expect((await anon.get(`/offentlig/handlingar/${draft.id}/begar-kopia`)).statusCode).toBe(404);
  });
});
