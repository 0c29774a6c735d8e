import { z } from "zod";
import { blankToUndefined } from "../../platform/validation.ts";
import type { YearCost } from "../costs.ts";
import { isCountryCode } from "../countries.ts";
import {
  type CounterpartKind,
  type DecidingBody,
  DIRECTIONS,
  type Direction,
  STORED_ENGAGEMENT_TYPES,
  type StoredEngagementType,
} from "../engagements.model.ts";

/**
 * A decided engagement as the public sees it (issue 20): what, with whom, why, when, decided by
 * whom, and what it costs per year. Nothing about the officer, the routing or the principles.
 */
export interface PublicEngagement {
  id: string;
  type: StoredEngagementType;
  title: string;
  unit: { id: string; name: string };
  counterparts: { kind: CounterpartKind; name: string; country: string; countryName: string }[];
  directions: Direction[];
  purpose: string;
  startDate: string;
  endDate: string | null;
  /** The approving decision in force; its reference is the case's diary number. */
  decision: {
    body: DecidingBody;
    bodyName: string;
    decidedOn: string;
    minutesParagraph: string;
    diaryNumber: string;
  } | null;
  costByYear: YearCost[];
}

const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(blankToUndefined, z.enum(values, { error: "validation.choice" }).optional());

/** The public page's filter, from the query string (the same for the page, the CSV and the API). */
export const publicFilterSchema = z.object({
  type: choice(
    STORED_ENGAGEMENT_TYPES as unknown as readonly [StoredEngagementType, ...StoredEngagementType[]],
  ),
  direction: choice(DIRECTIONS),
  country: z.preprocess(
    (v) => (typeof v === "string" ? blankToUndefined(v.trim().toUpperCase()) : v),
    z.string().refine(isCountryCode, { error: "validation.choice" }).optional(),
  ),
  year: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: "public_engagements.year_invalid" })
      .int({ error: "public_engagements.year_invalid" })
      .min(2000, { error: "public_engagements.year_invalid" })
      .max(2100, { error: "public_engagements.year_invalid" })
      .optional(),
  ),
  unit: z.preprocess(blankToUndefined, z.string().max(100).optional()),
});
export type PublicFilter = z.output<typeof publicFilterSchema>;

/** Whether an engagement is in the filter: a year it runs in, a counterpart in the country, and so on. */
export function matchesFilter(e: PublicEngagement, f: PublicFilter): boolean {
  if (f.type && e.type !== f.type) return false;
  if (f.direction && !e.directions.includes(f.direction)) return false;
  if (f.country && !e.counterparts.some((c) => c.country === f.country)) return false;
  if (f.unit && e.unit.id !== f.unit) return false;
  const year = f.year;
  if (
    year !== undefined &&
    (e.startDate > `${year}-12-31` || (e.endDate !== null && e.endDate < `${year}-01-01`))
  )
    return false;
  return true;
}

/** The costs that count for a selection: every year, or only the chosen one. */
export const countedCosts = (e: PublicEngagement, f: PublicFilter): YearCost[] =>
  f.year === undefined ? e.costByYear : e.costByYear.filter((c) => c.year === f.year);
