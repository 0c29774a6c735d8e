import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DECIDING_BODIES,
  ENGAGEMENT_TYPES,
  engagementFieldsSchema,
  ON_BEHALF_OF,
  POLITICAL_LEVELS,
  SCOPES,
} from "../src/engagements/engagements.model.ts";
import { assessPrinciples, mayWriteInvitationLetter } from "../src/engagements/principles.ts";
import { ROUTING_RULES, routeDecision } from "../src/engagements/routing.ts";
import { translator } from "../src/platform/i18n/index.ts";
import {
  engagementWith,
  INVITATION_LETTER_CASES,
  PRINCIPLE_CASES,
  ROUTING_CASES,
} from "./fixtures/engagement-rules.ts";

const TODAY = "2026-11-29";
const parse = (override: Record<string, unknown>) =>
  engagementFieldsSchema.parse(engagementWith(override, { unitId: "unit-1", officerId: "officer-1" }));
const brief = (fs: { principle: string | null; field: string }[]) =>
  fs.map((f) => ({ principle: f.principle, field: f.field }));

describe("the strategy's principles (domain.md §5)", () => {
  it.each(PRINCIPLE_CASES)("$name", (c) => {
    const result = assessPrinciples(parse(c.override), TODAY);
    expect(brief(result.errors)).toEqual(c.errors);
    expect(brief(result.warnings)).toEqual(c.warnings);
    if (c.reviewDate !== undefined) expect(result.derived.reviewDate).toBe(c.reviewDate);
  });

  it("cites the principle in every message, in Swedish and English", () => {
    const sv = translator("sv");
    const en = translator("en");
    for (const c of PRINCIPLE_CASES) {
      const { errors, warnings } = assessPrinciples(parse(c.override), TODAY);
      for (const f of [...errors, ...warnings].filter((x) => x.principle)) {
        expect(sv(f.message, f.params)).toMatch(new RegExp(`^${f.principle}: `));
        expect(en(f.message, f.params)).toMatch(new RegExp(`^${f.principle}: `));
        expect(en(f.message, f.params)).not.toBe(sv(f.message, f.params));
      }
    }
  });

  it.each(INVITATION_LETTER_CASES)(
    "P5: invitation letter for a $type, prioritised $prioritised, assessment $assessmentSupports: $allowed",
    (c) => {
      expect(mayWriteInvitationLetter(c)).toBe(c.allowed);
    },
  );
});

describe("decision routing (domain.md §6)", () => {
  it.each(ROUTING_CASES)("$row", (c) => {
    const e = parse(c.override);
    const routing = routeDecision(e);
    expect({ body: routing.body, rule: routing.rule }).toEqual({ body: c.body, rule: c.rule });
    expect(routing.unitId).toBe(c.body === "UNIT" ? "unit-1" : null);
  });

  it("has a case for every rule", () => {
    expect(new Set(ROUTING_CASES.map((c) => c.rule))).toEqual(new Set(ROUTING_RULES));
  });

  it("is total: every combination of inputs gets exactly one deciding body, with a reason", () => {
    const sv = translator("sv");
    fc.assert(
      fc.property(
        fc.record({
          type: fc.constantFrom(...ENGAGEMENT_TYPES),
          scope: fc.constantFrom(...SCOPES),
          unitsAffected: fc.integer({ min: 1, max: 1000 }),
          politicalLevel: fc.constantFrom(...POLITICAL_LEVELS),
          addsResourceBurden: fc.boolean(),
          onBehalfOf: fc.constantFrom(...ON_BEHALF_OF),
          prioritised: fc.boolean(),
          unitId: fc.string({ minLength: 1 }),
        }),
        (input) => {
          const r = routeDecision(input);
          expect(DECIDING_BODIES.filter((b) => b === r.body)).toHaveLength(1);
          expect(r.unitId).toBe(r.body === "UNIT" ? input.unitId : null);
          expect(sv(r.reason)).not.toBe(r.reason);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("names a city-wide membership for the council whatever else is true", () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.constantFrom(...ON_BEHALF_OF),
        fc.constantFrom(...POLITICAL_LEVELS),
        (b, o, p) => {
          const r = routeDecision({
            type: "membership",
            scope: "city",
            unitsAffected: 1,
            politicalLevel: p,
            addsResourceBurden: b,
            onBehalfOf: o,
            prioritised: false,
            unitId: "u",
          });
          expect(r.body).toBe("KF");
        },
      ),
    );
  });
});
