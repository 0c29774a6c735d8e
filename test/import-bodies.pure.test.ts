import { describe, expect, it } from "vitest";
import { DEMO_UNITS } from "../src/demo/units-demo.ts";
import { bodiesInProse } from "../src/import/bodies-prose.ts";
import { extractProposal } from "../src/import/extract.ts";
import register from "../src/import/public-bodies.json" with { type: "json" };
import { PUBLIC_BODY_NAMES, publicBodyName } from "../src/import/public-bodies.ts";
import { matchBodies } from "../src/import/units-match.ts";
import { findRange, findYearlessDates } from "../src/platform/text/swedish-dates.ts";

const DEMO = { name: "Stockholms stad", units: DEMO_UNITS };

describe("bodies named in running text", () => {
  it("reads a list after 'remitterats till', up to its purpose, and leaves catch-alls out", () => {
    expect(
      bodiesInProse([
        "Ärendet har remitterats till miljönämnden, Kungsholmens stadsdelsnämnd och Trafikverket för yttrande. Övrigt.",
        "Remissen skickades till länets kommuner, Landstinget Västmanland och övriga intressenter inom länet.",
      ]),
    ).toEqual([
      "miljönämnden",
      "Kungsholmens stadsdelsnämnd",
      "Trafikverket",
      "länets kommuner",
      "Landstinget Västmanland",
    ]);
  });

  it("keeps a known name with 'och' whole and takes the body a ministry invited", () => {
    expect(
      bodiesInProse(["Förslaget har skickats till Boverket och Sveriges Kommuner och Regioner."]),
    ).toEqual(["Boverket", "Sveriges Kommuner och Regioner"]);
    expect(
      bodiesInProse(["Näringsdepartementet har bjudit in Region Gotland att yttra sig över förslaget."]),
    ).toEqual(["Region Gotland"]);
  });

  it("does not take where the answers go, or a bare count, for bodies", () => {
    expect(bodiesInProse(["Svaret skickas till registrator@example.se senast den 1 mars 2025."])).toEqual([]);
    expect(bodiesInProse(["Promemorian remitterades till över 60 myndigheter och kommuner."])).toEqual([]);
  });

  it("takes a reply's own body when the register knows it, and a known body among catch-alls", () => {
    expect(bodiesInProse(["Boverket tillstyrker utredningens förslag i huvudsak."])).toEqual(["Boverket"]);
    expect(bodiesInProse(["Förvaltningen tillstyrker förslaget."])).toEqual([]);
    expect(bodiesInProse(["Lantmäteriets svar på remiss av betänkandet om fastighetsbildning."])).toEqual([
      "Lantmäteriet",
    ]);
    expect(bodiesInProse(["Regeringen har beslutat att inhämta Lagrådets yttrande över förslagen."])).toEqual(
      ["Lagrådet"],
    );
    expect(bodiesInProse(["Kammarkollegiet lämnar därför inte något yttrande i ärendet."])).toEqual([
      "Kammarkollegiet",
    ]);
    expect(bodiesInProse(["Och även hur du lämnar remissvar."])).toEqual([]);
    expect(
      bodiesInProse([
        "Länsstyrelsen skickar förslaget på remiss till fastighetsägare (till exempel arrendatorer), berörd kommun, Skogsstyrelsen och intresseorganisationer.",
      ]),
    ).toEqual(["Skogsstyrelsen"]);
  });
});

describe("the register of Swedish public bodies", () => {
  it("holds the 290 municipalities, 21 regions and 21 county boards, and names its sources", () => {
    expect(new Set(register.municipalities).size).toBe(290);
    expect(new Set(register.regions).size).toBe(21);
    expect(new Set(register.county_administrative_boards).size).toBe(21);
    expect(register.sources.join(" ")).toMatch(/SCB/);
    expect(PUBLIC_BODY_NAMES).toContain("Falu kommun");
    expect(PUBLIC_BODY_NAMES).toContain("Lerums kommun");
  });

  it("writes a name the OCR damaged as the body is named, and leaves unknown names alone", () => {
    expect(publicBodyName("Naturvårdsverkct")).toBe("Naturvårdsverket");
    expect(publicBodyName("Lansstyrelsen i Skåne län")).toBe("Länsstyrelsen i Skåne län");
    expect(publicBodyName("Föreningen Gröna Gårdar")).toBeNull();
  });
});

describe("OCR-tolerant matching to the city's units", () => {
  it("ties a committee misread by a letter to its unit and a district to its committee", () => {
    const matches = matchBodies(["Idrottshämnden", "Rinkeby-Kista", "Nacka kommun"], DEMO_UNITS, DEMO.name);
    expect(matches.map((m) => [m.body, m.unit_id])).toEqual([
      ["Idrottshämnden", "fn-idrott"],
      ["Rinkeby-Kista", "sdn-rinkeby-kista"],
    ]);
  });

  it("proposes the misread committee under its unit's name", () => {
    const text = "Remissinstanser\n\nIdrottshämnden\nKulturnämnden\nNaturvårdsverkct\n";
    expect(extractProposal(text, DEMO).consulted_bodies).toEqual([
      "Idrottsnämnden",
      "Kulturnämnden",
      "Naturvårdsverket",
    ]);
  });
});

describe("dates of real notices", () => {
  it("reads a day without its year against the document's date", () => {
    expect(findYearlessDates("svar senast den 28 februari", "2021-12-02").map((d) => d.iso)).toEqual([
      "2022-02-28",
    ]);
  });

  it("reads a period as its first and last day", () => {
    expect(findRange("Remissperioden pågår från 7 maj till 30 oktober 2020.", null)).toEqual({
      start: "2020-05-07",
      end: "2020-10-30",
    });
    expect(findRange("mellan den 12 juni och 24 september 2018", null)).toEqual({
      start: "2018-06-12",
      end: "2018-09-24",
    });
  });

  it("takes the answers' last day, not another 'senast', and the period's start as the day sent", () => {
    const p = extractProposal(
      [
        "Länsplan på remiss",
        "",
        "Nämnden beslutade den 2 december 2021 att sända förslaget på remiss. Senast den 30 april 2022 ska planen sändas till regeringen.",
        "",
        "Svar på remissen skickas in senast den 28 februari. Sidan senast uppdaterad 2022-01-10.",
      ].join("\n"),
      DEMO,
    );
    expect([p.date_sent, p.deadline]).toEqual(["2021-12-02", "2022-02-28"]);
  });

  it("takes no page, meeting or conference date for the day sent, nor a report's due date for the deadline", () => {
    const dated = (lines: string[]) => {
      const p = extractProposal(lines.join("\n"), DEMO);
      return [p.date_sent, p.deadline];
    };
    expect(dated(["Publicerad: 3 mars 2022", "", "Remiss om ny taxa", "", "Läs förslaget här."])).toEqual([
      null,
      null,
    ]);
    expect(
      dated(["2022-03-03 09:15", "", "Kommunen ska senast den 6 maj ha yttrat sig över remissen."]),
    ).toEqual([null, "2022-05-06"]);
    expect(dated(["Möte 2022-03-03", "", "Välkommen Remissdag 4 april 2022 Anna Exempelsson"])).toEqual([
      null,
      null,
    ]);
    expect(dated(["Mellan den 1 mars 2019 och den 3 maj 2019 var hon statsråd."])).toEqual([null, null]);
    expect(dated(["Verket ska redovisa uppdraget till Regeringskansliet senast den 13 juni 2023."])).toEqual([
      null,
      null,
    ]);
    expect(
      dated([
        "Enligt en lagrådsremiss den 4 mars 2021 (Justitiedepartementet) har regeringen beslutat att inhämta Lagrådets yttrande.",
      ]),
    ).toEqual(["2021-03-04", null]);
    expect(
      dated([
        "Vattenmyndigheten genomför samråd under perioden från den 1 november 2021 till den 30 april 2022.",
      ]),
    ).toEqual(["2021-11-01", "2022-04-30"]);
  });

  it("takes a ministry's number from the top of a reply, not the recipient's", () => {
    const diary = (text: string) => extractProposal(text, DEMO).diary_number;
    expect(diary("ABC 2021-12 N2021/00123/Ma Remissvar 1(4) Regeringskansliet")).toBe("N2021/00123/Ma");
    expect(diary("Till Kommunen Er referens: N2021/00123/Ma\n\nSvar")).toBe(null);
  });
});
