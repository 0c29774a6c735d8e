import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { indexTerm } from "../src/platform/search/normalise.ts";
import { snippet } from "../src/platform/search/snippet.ts";

const letter = fc.constantFrom(..."abdeiklmnorstuvåäöéABÅÄÖ");
const word = fc.array(letter, { minLength: 1, maxLength: 14 }).map((l) => l.join(""));
const separator = fc.constantFrom(" ", ", ", ".\n", " – ", "\n\n");

describe("snippets", () => {
  it("mark every word whose index term was asked for, however the text is written", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(word, separator), { minLength: 1, maxLength: 80 }),
        fc.nat(),
        (parts, pick) => {
          const text = parts.map(([w, sep]) => w + sep).join("");
          const chosen = parts[pick % parts.length]?.[0] ?? "";
          const term = indexTerm(chosen.toLowerCase());
          const marked = snippet(text, [term]).filter((p) => p.match);
          expect(marked.length).toBeGreaterThan(0);
          for (const p of marked) expect(indexTerm(p.text.toLowerCase())).toBe(term);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("give nothing for a text without the term, and mark 'förvaltningen' for 'forvaltning'", () => {
    expect(snippet("Kommunstyrelsen beslutade i ärendet.", [indexTerm("hamn")])).toEqual([]);
    const parts = snippet("Yttrande från förvaltningen om hamnen.", [indexTerm("forvaltning")]);
    expect(parts.filter((p) => p.match).map((p) => p.text)).toEqual(["förvaltningen"]);
  });
});
