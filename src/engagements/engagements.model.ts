import { z } from "zod";
import type { Subject } from "../auth/index.ts";
import { blankToUndefined } from "../platform/validation.ts";
import type { YearAmount } from "./costs.ts";
import { isCountryCode } from "./countries.ts";

/**
 * The kinds of international engagement (domain.md §5). A twin-city agreement is accepted as
 * input only so the user is told why it is refused (P2); it is never stored.
 */
export const ENGAGEMENT_TYPES = [
  "visit",
  "trip",
  "membership",
  "cooperation_agreement",
  "intention_agreement",
  "twin_city_agreement",
  "network",
  "declaration",
  "eu_project",
  "aid_project",
] as const;
export type EngagementType = (typeof ENGAGEMENT_TYPES)[number];
export type StoredEngagementType = Exclude<EngagementType, "twin_city_agreement">;
export const isStoredEngagementType = (t: EngagementType): t is StoredEngagementType =>
  t !== "twin_city_agreement";
export const STORED_ENGAGEMENT_TYPES = ENGAGEMENT_TYPES.filter(isStoredEngagementType);

/** The strategy's four directions; every engagement names at least one. */
export const DIRECTIONS = ["profilering", "omvarldsbevakning", "samverkan", "paverkan"] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const SCOPES = ["city", "service"] as const;
export type Scope = (typeof SCOPES)[number];
export const POLITICAL_LEVELS = ["high", "normal"] as const;
export type PoliticalLevel = (typeof POLITICAL_LEVELS)[number];
/** On whose behalf: the executive board, or the owning unit itself. */
export const ON_BEHALF_OF = ["KS", "unit"] as const;
export type OnBehalfOf = (typeof ON_BEHALF_OF)[number];

/** `state`: a national government or its agencies (P1). */
export const COUNTERPART_KINDS = [
  "city",
  "region",
  "state",
  "organisation",
  "network",
  "company",
  "academia",
  "other",
] as const;
export type CounterpartKind = (typeof COUNTERPART_KINDS)[number];

/** `city` is the city's own share; everything else is external financing (P6). */
export const FINANCING_SOURCES = ["city", "eu", "other_party"] as const;
export type FinancingSource = (typeof FINANCING_SOURCES)[number];

export const ENGAGEMENT_STATUSES = ["proposed", "approved", "rejected", "ended"] as const;
export type EngagementStatus = (typeof ENGAGEMENT_STATUSES)[number];

/** Who decides (domain.md §6): the council, the executive board, IB (the finance commissioner, prepared in IB), or the unit's committee or board. */
export const DECIDING_BODIES = ["KF", "KS", "IB", "UNIT"] as const;
export type DecidingBody = (typeof DECIDING_BODIES)[number];

export const DECISION_OUTCOMES = ["approved", "rejected", "postponed"] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

/** Types reviewed regularly, by default every fourth year (P4); networks like memberships (issue 20). */
export const REVIEWED_TYPES: readonly EngagementType[] = ["membership", "intention_agreement", "network"];
export const REVIEW_INTERVAL_YEARS = 4;

export interface Counterpart {
  kind: CounterpartKind;
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

export interface Financing {
  source: FinancingSource;
  /** Who pays when the source is another party, e.g. "Sida". */
  funder: string | null;
  sharePercent: number;
}

export interface Engagement {
  id: string;
  caseId: string;
  type: StoredEngagementType;
  title: string;
  unitId: string;
  officerId: string;
  scope: Scope;
  unitsAffected: number;
  politicalLevel: PoliticalLevel;
  addsResourceBurden: boolean;
  onBehalfOf: OnBehalfOf;
  touchesStateRelations: boolean;
  directions: Direction[];
  purpose: string;
  mutualBenefit: string | null;
  theme: string | null;
  startDate: string;
  endDate: string | null;
  cost: number | null;
  prioritised: boolean;
  /** Secret (OSL): never on the public page or in its open data. */
  secret: boolean;
  status: EngagementStatus;
  reviewDate: string | null;
  lastReviewedOn: string | null;
  decidingBody: DecidingBody;
  decidingUnitId: string | null;
  routingRule: string;
  createdAt: string;
  updatedAt: string;
}

export interface EngagementDecision {
  id: string;
  engagementId: string;
  body: DecidingBody;
  unitId: string | null;
  decidedOn: string;
  minutesParagraph: string;
  outcome: DecisionOutcome;
  conditions: string | null;
  documentId: string;
  createdAt: string;
}

/** The subject of the rules that concern an engagement: its owning unit and responsible officer. */
export const engagementSubject = (e: Pick<Engagement, "unitId" | "officerId">): Subject => ({
  unitId: e.unitId,
  officerId: e.officerId,
});

/** A change after approval that sent the engagement back to proposed (issue 20), with its reason. */
export interface EngagementChange {
  changed: MaterialFact[];
  reason: string;
  statusBefore: EngagementStatus;
  statusAfter: EngagementStatus;
  changedBy: string | null;
  createdAt: string;
}

export interface EngagementDetails extends Engagement {
  /** The units ticked as affected; empty for an engagement that gave only their number. */
  affectedUnitIds: string[];
  counterparts: Counterpart[];
  financing: Financing[];
  /** The cost split by hand per year; empty when the total is spread over the period. */
  yearCosts: YearAmount[];
  decisions: EngagementDecision[];
  changes: EngagementChange[];
}

/** The facts a decision rests on: changing one after approval needs a new decision. */
export const MATERIAL_FACTS = ["cost", "period", "scope", "counterparts", "financing"] as const;
export type MaterialFact = (typeof MATERIAL_FACTS)[number];

const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional());
const optionalDate = z.preprocess(blankToUndefined, z.iso.date({ error: "validation.date" }).optional());

export const counterpartSchema = z.strictObject({
  kind: z.enum(COUNTERPART_KINDS),
  name: z.string().trim().min(1).max(200),
  country: z.string().trim().toUpperCase().refine(isCountryCode, { error: "engagement.country_code" }),
});

export const financingSchema = z.strictObject({
  source: z.enum(FINANCING_SOURCES),
  funder: optionalText(200),
  sharePercent: z.number().int().min(0).max(100),
});

const kronor = z
  .number({ error: "followup.kronor" })
  .int({ error: "followup.kronor" })
  .min(0, { error: "followup.kronor" })
  .max(1_000_000_000);

export const yearCostSchema = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  /** Whole kronor. */
  amount: kronor,
});

/** The engagement's own facts, as the API takes them (the form is converted to this shape). */
export const engagementFieldsSchema = z.strictObject({
  type: z.enum(ENGAGEMENT_TYPES),
  title: z.string().trim().min(1).max(300),
  unitId: z.string().trim().min(1, { error: "engagement.unit_required" }).max(100),
  officerId: z.string().trim().min(1, { error: "engagement.officer_required" }).max(100),
  scope: z.enum(SCOPES),
  /** How many committees or companies it affects; derived from `affectedUnitIds` when any are ticked. */
  unitsAffected: z.number().int().min(1).max(1000).default(1),
  affectedUnitIds: z
    .array(z.string().trim().min(1).max(100))
    .max(1000)
    .refine((u) => new Set(u).size === u.length, { error: "engagement.affected_unit_repeated" })
    .default([]),
  politicalLevel: z.enum(POLITICAL_LEVELS).default("normal"),
  addsResourceBurden: z.boolean().default(false),
  onBehalfOf: z.enum(ON_BEHALF_OF).default("unit"),
  /** P1: touches Sweden's relations with other states, aid or security policy. */
  touchesStateRelations: z.boolean().default(false),
  directions: z
    .array(z.enum(DIRECTIONS))
    .min(1, { error: "engagement.direction_required" })
    .max(4)
    .refine((d) => new Set(d).size === d.length, { error: "engagement.direction_repeated" }),
  purpose: z.string().trim().min(1).max(5000),
  mutualBenefit: optionalText(5000),
  theme: optionalText(200),
  startDate: z.iso.date({ error: "validation.date" }),
  endDate: optionalDate,
  counterparts: z.array(counterpartSchema).max(50).default([]),
  financing: z.array(financingSchema).max(10).default([]),
  /** Whole kronor, for the whole period (per year for an engagement without an end date). */
  cost: kronor.optional(),
  /** The cost split by hand per year; left empty, the total is spread over the period. */
  yearCosts: z.array(yearCostSchema).max(50).default([]),
  prioritised: z.boolean().default(false),
  secret: z.boolean().default(false),
  /** P4: set by hand, or derived from the start or the last review. */
  reviewDate: optionalDate,
  lastReviewedOn: optionalDate,
});

/** The facts with the number of units affected taken from the ticked units, when there are any. */
export const withUnitCount = <T extends Pick<EngagementFields, "unitsAffected" | "affectedUnitIds">>(
  e: T,
): T => (e.affectedUnitIds.length > 0 ? { ...e, unitsAffected: e.affectedUnitIds.length } : e);

/** A new engagement: its facts, and its case (an existing one by diary number, or a new one opened in a registry). */
export const engagementInputSchema = engagementFieldsSchema.extend({
  caseDiaryNumber: optionalText(60),
  registryId: optionalText(100),
  classId: optionalText(100),
});
export type EngagementInput = z.output<typeof engagementInputSchema>;
export type EngagementFields = z.output<typeof engagementFieldsSchema>;

const fields = engagementFieldsSchema.shape;

/**
 * A change: any of the facts (null clears an optional one), or ending an approved engagement.
 * The facts carry no defaults here: a fact left out keeps its stored value rather than being
 * reset (a review that only sets its dates once emptied the counterparts and financing).
 */
export const engagementPatchSchema = engagementFieldsSchema
  .omit({ type: true })
  .partial()
  .extend({
    unitsAffected: fields.unitsAffected.unwrap().optional(),
    affectedUnitIds: fields.affectedUnitIds.unwrap().optional(),
    politicalLevel: fields.politicalLevel.unwrap().optional(),
    addsResourceBurden: fields.addsResourceBurden.unwrap().optional(),
    onBehalfOf: fields.onBehalfOf.unwrap().optional(),
    touchesStateRelations: fields.touchesStateRelations.unwrap().optional(),
    counterparts: fields.counterparts.unwrap().optional(),
    financing: fields.financing.unwrap().optional(),
    prioritised: fields.prioritised.unwrap().optional(),
    yearCosts: fields.yearCosts.unwrap().optional(),
    secret: fields.secret.unwrap().optional(),
    /** Why an approved engagement's cost, period, scope, counterparts or financing change. */
    changeReason: optionalText(2000),
    mutualBenefit: optionalText(5000).nullable(),
    theme: optionalText(200).nullable(),
    endDate: optionalDate.nullable(),
    cost: kronor.nullable().optional(),
    reviewDate: optionalDate.nullable(),
    lastReviewedOn: optionalDate.nullable(),
    status: z.literal("ended").optional(),
  });
export type EngagementPatch = z.output<typeof engagementPatchSchema>;

export const decisionInputSchema = z.strictObject({
  /** Defaults to the body the routing names. */
  body: z.preprocess(blankToUndefined, z.enum(DECIDING_BODIES).optional()),
  decidedOn: z.iso.date({ error: "validation.date" }),
  minutesParagraph: z.string().trim().min(1).max(50),
  outcome: z.enum(DECISION_OUTCOMES),
  conditions: optionalText(5000),
});
export type DecisionInput = z.output<typeof decisionInputSchema>;

/**
 * What a body's decision is on an engagement that routing gave to `routed` (domain.md §6a): the
 * routed body decides; KS on a matter for KF proposes ("KS föreslår KF besluta …"), which leaves
 * the status as it was; any other body may not decide it.
 */
export function decisionRole(
  body: DecidingBody,
  routed: DecidingBody,
): "decides" | "proposes" | "not_routed" {
  if (body === routed) return "decides";
  return body === "KS" && routed === "KF" ? "proposes" : "not_routed";
}

/** The status a decision's outcome leaves the engagement in. */
export const statusAfter = (outcome: DecisionOutcome, current: EngagementStatus): EngagementStatus =>
  outcome === "approved" ? "approved" : outcome === "rejected" ? "rejected" : current;
