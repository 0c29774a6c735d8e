import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_UNITS } from "../src/demo/units-demo.ts";
import { mendWrappedCells, separateColumns, stripRunningLines } from "../src/import/layout.ts";
import { hunspellLexicon, type Lexicon, unitNameWords } from "../src/import/lexicon.ts";
import { repairEmails, repairOcrText } from "../src/import/repair.ts";
import { damageCharacters, ocrLike, seeded, sideBySide, wrapWithBrokenWords } from "./helpers/ocr-damage.ts";

let lexicon: Lexicon;
beforeAll(() => {
  lexicon = hunspellLexicon(unitNameWords(DEMO_UNITS.map((u) => u.name)));
});
const repair = async (text: string) => (await repairOcrText(text, lexicon)).text;

describe("repairing å, ä and ö misread by OCR", () => {
  it.each([
    ["a", "Svaren ska lamnas sarskilt till namnden", "Svaren ska lämnas särskilt till nämnden"],
    ["o", "Remissen skickas till hogskolan", "Remissen skickas till högskolan"],
    [
      "é",
      "Svaret skickas till kommunstyrelsen sé snart som mojligt",
      "Svaret skickas till kommunstyrelsen så snart som möjligt",
    ],
    ["#", "Yttrandet ska vara oss tillhanda f#re m#ndagen", "Yttrandet ska vara oss tillhanda före måndagen"],
    ["4", "Beslutet fattas av kommunfullm4ktige", "Beslutet fattas av kommunfullmäktige"],
    ["6", "Fr6gor om remissen", "Frågor om remissen"],
    ["i", "Kommunen behiver sirskilt stöd", "Kommunen behöver särskilt stöd"],
    // Three words repaired make the text OCR-damaged: then "dr" and "for" are "är" and "för".
    [
      "d",
      "Ansvarig handldggare dr utsedd for drendet och svaren ska lamnas",
      "Ansvarig handläggare är utsedd för ärendet och svaren ska lämnas",
    ],
    ["ié, ia", "Remisstiden striacker sig till Hiégersten", "Remisstiden sträcker sig till Hägersten"],
    ["a lost vowel", "Om det av ndgra skl inte dr mojligt", "Om det av några skäl inte är möjligt"],
  ])("%s for å, ä or ö", async (_kind, damaged, repaired) => {
    expect(await repair(damaged)).toBe(repaired);
  });

  it("restores the organisation's unit names, capital included", async () => {
    expect(await repair("#ldrenamnden\nHagersten-Liljeholmens stadsdelsnamnd")).toBe(
      "Äldrenämnden\nHägersten-Liljeholmens stadsdelsnämnd",
    );
  });

  it("never changes a word that is already valid, even where a åäö-spelling exists too", async () => {
    // "for", "har", "var", "las" and "mala" are Swedish words: OCR may have damaged them, but
    // changing a valid word would damage correct text.
    const valid =
      "Vi for dit och har var sin bok som vi las och mala kaffe. Stockholms stad, Rinkeby-Kista och Södermalm.";
    expect(await repair(valid)).toBe(valid);
  });

  it("leaves any text of valid words as it is (property, over the corpus letters' words)", async () => {
    const sources = path.resolve(import.meta.dirname, "fixtures/import-corpus/sources/tune");
    const words = [
      ...new Set(
        fs
          .readdirSync(sources)
          .filter((f) => f.endsWith(".txt"))
          .flatMap((f) => fs.readFileSync(path.join(sources, f), "utf8").split(/[^\p{L}]+/u))
          .filter((w) => w.length > 1),
      ),
    ];
    const valid = [...(await lexicon.valid(words))];
    expect(valid.length).toBeGreaterThan(200);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...valid), { minLength: 1, maxLength: 30 }),
        async (chosen) => {
          const text = chosen.join(" ");
          expect(await repair(text)).toBe(text);
        },
      ),
      { numRuns: 15 },
    );
  }, 60_000);

  it("leaves numbers, diary numbers, dates and addresses alone", async () => {
    const text = "Dnr Fi2016/01187/K och KS 171-482/2016 den 2016-10-17, tel 08-405 12 34, a.b@c4.example";
    expect(await repair(text)).toBe(text);
  });

  it("repairs @ read as Q or Ö in addresses, not in words", () => {
    expect(repairEmails("skickas till registratorQboverket.se och eva.lundÖuppsala.example.")).toBe(
      "skickas till registrator@boverket.se och eva.lund@uppsala.example.",
    );
    expect(repairEmails("Östersund och QUALITY")).toBe("Östersund och QUALITY");
  });
});

describe("repairing words broken over lines", () => {
  it("joins a word broken with a hyphen, keeps the hyphen of a compound and of a name", async () => {
    // The joined word goes on the first line; the rest of the second line stays where it was.
    expect(await repair("Svaren från remiss-\ninstanserna kommer in")).toBe(
      "Svaren från remissinstanserna\nkommer in",
    );
    expect(await repair("Svaret skickas med e-\npost till oss")).toBe("Svaret skickas med e-post\ntill oss");
    expect(await repair("Svar från Hägersten-\nLiljeholmens stadsdelsnämnd")).toBe(
      "Svar från Hägersten-Liljeholmens\nstadsdelsnämnd",
    );
    expect(await repair("Miljö-\noch hälsoskyddsnämnden")).toBe("Miljö-\noch hälsoskyddsnämnden");
  });

  it("joins a word broken without a hyphen only when a half is no word and the whole is one", async () => {
    expect(await repair("Svaren från remissin\nstanserna kommer in")).toBe(
      "Svaren från remissinstanserna\nkommer in",
    );
    expect(await repair("Vi har\nkommit in med svar")).toBe("Vi har\nkommit in med svar");
  });
});

describe("repairing the layout", () => {
  it("drops running headers and footers repeated on every page, damaged differently", () => {
    const pages = [
      "Länsstyrelsen i Stockholms län   Dnr 500-1-2018\n\nFörsta sidans text\nSida 1 av 3",
      "L#nsstyrelsen i Stockholms lan   Dnr 500-1-2018\n\nAndra sidans text\nSida 2 av 3",
      "Länsstyrelsen i Stockholms l4n   Dnr 500-1-2018\n\nTredje sidans text\nSida 3 av 3",
    ];
    expect(stripRunningLines(pages.join("\f")).split("\n").filter(Boolean)).toEqual([
      "Första sidans text",
      "Andra sidans text",
      "Tredje sidans text",
    ]);
  });

  it("drops a header only the later pages carry, known by the first page's diary number", () => {
    const pages = [
      ["Justitiedepartementet", "Remiss", "Ju2024/01555", "", "Remissinstanser", "Domstolsverket"],
      [
        "Justitiedepartementet   Ju2O24/01555",
        "",
        "Polismyndigheten",
        "",
        "Svaren ska ha kommit in senast 2024-10-01.",
      ],
    ];
    expect(
      stripRunningLines(pages.map((p) => p.join("\n")).join("\f"))
        .split("\n")
        .filter(Boolean),
    ).toEqual([
      "Justitiedepartementet",
      "Remiss",
      "Ju2024/01555",
      "Remissinstanser",
      "Domstolsverket",
      "Polismyndigheten",
      "Svaren ska ha kommit in senast 2024-10-01.",
    ]);
  });

  it("reads two columns read row by row as one column after the other", () => {
    const interleaved =
      "Sändlista\nArbetsmarknadsnämnden      Socialnämnden\nIdrottsnämnden             Kulturnämnden\n\nSlut";
    expect(separateColumns(interleaved)).toBe(
      "Sändlista\nArbetsmarknadsnämnden\nIdrottsnämnden\nSocialnämnden\nKulturnämnden\n\nSlut",
    );
  });
});

describe("the damage generator (test helper)", () => {
  it("is deterministic and damages only å, ä and ö", () => {
    const text = "Remissen gäller många nämnder och förvaltningar i Göteborg år 2016.";
    const a = damageCharacters(text, seeded(7), 1);
    expect(a).toBe(damageCharacters(text, seeded(7), 1));
    expect(a).not.toMatch(/[åäöÅÄÖ]/);
    expect(a.replace(/[^a-zA-Z0-9 .]/g, "").length).toBeLessThanOrEqual(text.length);
    expect(a.length).toBe(text.length);
  });

  it("breaks lines, lays lists side by side and repeats headers; the repair undoes it", async () => {
    const lines = wrapWithBrokenWords("ord ".repeat(40).trim(), seeded(1), 30);
    expect(lines.every((l) => l.length <= 30)).toBe(true);
    expect(sideBySide(["A", "B", "C"], seeded(1))[0]).toMatch(/^A {3,}C$/);
    const clean =
      "Remissinstanser\nArbetsmarknadsnämnden\nSocialnämnden\nIdrottsnämnden\nKulturnämnden\n\nRemissvaren ska ha kommit in till kommunstyrelsen senast den 17 oktober 2016 och skickas till registratorn.";
    const damaged = ocrLike(clean, {
      seed: 3,
      header: "Stadsledningskontoret   Dnr 1/2016",
      columnItems: ["Arbetsmarknadsnämnden", "Socialnämnden", "Idrottsnämnden", "Kulturnämnden"],
      pageLines: 4,
      rate: 0.6,
    });
    expect(damaged).toContain("\f");
    const repaired = await repair(damaged);
    for (const body of ["Arbetsmarknadsnämnden", "Socialnämnden", "Idrottsnämnden", "Kulturnämnden"])
      expect(repaired.split("\n")).toContain(body);
    expect(repaired).not.toContain("Stadsledningskontoret");
    expect(repaired.replace(/\s+/g, " ")).toContain("senast den 17 oktober 2016");
  });
});

describe("layout slips of a scan read twice", () => {
  // A scan of OCR text read again by tesseract keeps one space between side-by-side cells and
  // drops the blank line after a word's stray ending (the seed's 11-page speed scan).
  it("writes two cells one space apart with their wrapped endings, and glues a stray ending back", () => {
    expect(mendWrappedCells("Arbetsmarknadsndmn Stockholms Stadshus\nden AB\nFastighetsnämnden")).toBe(
      "Arbetsmarknadsndmn\nden\n\nStockholms Stadshus\nAB\nFastighetsnämnden",
    );
    expect(mendWrappedCells("Stadsbyggnadsndmnde\n\nn\nTrafiknämnden")).toBe(
      "Stadsbyggnadsndmnden\nTrafiknämnden",
    );
    expect(mendWrappedCells("Miljöförvaltningen\n\noch\nTrafiknämnden")).toBe(
      "Miljöförvaltningen\n\noch\nTrafiknämnden",
    );
    expect(mendWrappedCells("Ärendet gäller Stockholms stad\nsom helhet")).toBe(
      "Ärendet gäller Stockholms stad\nsom helhet",
    );
  });
});
