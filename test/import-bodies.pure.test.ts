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
});
