import { addCivilYears } from "../platform/calendar/civil-date.ts";
import type { MessageKey } from "../platform/i18n/index.ts";
import { type YearAmount, yearCostFindings } from "./costs.ts";
import {
  type Counterpart,
  type EngagementType,
  type Financing,
  REVIEW_INTERVAL_YEARS,
  REVIEWED_TYPES,
} from "./engagements.model.ts";

/** The strategy's principles (domain.md §5); `null` for a plain rule of the form, not a principle. */
export const PRINCIPLES = ["P1", "P2", "P3", "P4", "P5", "P6"] as const;
export type Principle = (typeof PRINCIPLES)[number];

/** What breaks or bends a principle; the message is a catalogue key that cites the principle. */
export interface PrincipleFinding {
  principle: Principle | null;
  field: string;
  message: MessageKey;
  params?: Record<string, string | number>;
}

/** The facts the principles look at: a parsed engagement input, or a stored engagement. */
export interface PrincipleSubject {
  type: EngagementType;
  touchesStateRelations: boolean;
  mutualBenefit?: string | null;
  theme?: string | null;
  startDate: string;
  endDate?: string | null;
  counterparts: readonly Counterpart[];
  financing: readonly Pick<Financing, "source" | "sharePercent">[];
  prioritised: boolean;
  cost?: number | null;
  yearCosts?: readonly YearAmount[];
  reviewDate?: string | null;
  lastReviewedOn?: string | null;
}

export interface Assessment {
  /** Blocking: the engagement is not saved. */
  errors: PrincipleFinding[];
  /** Shown with the engagement; saving goes ahead. */
  warnings: PrincipleFinding[];
  derived: { reviewDate: string | null; externalSharePercent: number; citySharePercent: number };
}

const blank = (s: string | null | undefined) => s === undefined || s === null || s.trim() === "";
const shareOf = (f: PrincipleSubject["financing"], external: boolean) =>
  f.filter((x) => (x.source !== "city") === external).reduce((sum, x) => sum + x.sharePercent, 0);

/** P4: the review date as given, or four years after the last review or the start. */
export function reviewDateOf(e: PrincipleSubject): string | null {
  if (!REVIEWED_TYPES.includes(e.type)) return e.reviewDate ?? null;
  return e.reviewDate ?? addCivilYears(e.lastReviewedOn ?? e.startDate, REVIEW_INTERVAL_YEARS);
}

/**
 * Applies principles P1–P6 (and the form's plain date and financing rules) to an engagement.
 * Pure: `today` is passed in, so a review that has fallen due is warned about.
 */
export function assessPrinciples(e: PrincipleSubject, today: string): Assessment {
  const errors: PrincipleFinding[] = [];
  const warnings: PrincipleFinding[] = [];
  const citySharePercent = shareOf(e.financing, false);
  const externalSharePercent = shareOf(e.financing, true);

  // Plain rules that hold for every type.
  if (e.endDate && e.endDate < e.startDate)
    errors.push({ principle: null, field: "endDate", message: "engagement.end_before_start" });
  if (e.financing.length > 0 && citySharePercent + externalSharePercent !== 100)
    errors.push({
      principle: null,
      field: "financing",
      message: "engagement.financing_sum",
      params: { sum: citySharePercent + externalSharePercent },
    });
  if (e.prioritised && e.type !== "visit")
    errors.push({ principle: null, field: "prioritised", message: "engagement.prioritised_visits_only" });
  errors.push(...yearCostFindings(e));

  // P1: no foreign policy of the city's own; flag for advice from SLK.
  const p1Field = e.touchesStateRelations
    ? "touchesStateRelations"
    : e.type === "aid_project"
      ? "type"
      : e.counterparts.some((c) => c.kind === "state")
        ? "counterparts"
        : null;
  if (p1Field) warnings.push({ principle: "P1", field: p1Field, message: "engagement.p1_state_relations" });

  // P2: no twin cities, no twin-city agreements.
  if (e.type === "twin_city_agreement")
    errors.push({ principle: "P2", field: "type", message: "engagement.p2_twin_city" });

  // P3: a concrete exchange in one theme, clear mutual benefit, a start and an end.
  if (e.type === "cooperation_agreement") {
    if (blank(e.theme)) errors.push({ principle: "P3", field: "theme", message: "engagement.p3_theme" });
    if (blank(e.mutualBenefit))
      errors.push({ principle: "P3", field: "mutualBenefit", message: "engagement.p3_mutual_benefit" });
    if (!e.endDate) errors.push({ principle: "P3", field: "endDate", message: "engagement.p3_end_date" });
    if (e.counterparts.length === 0)
      errors.push({ principle: "P3", field: "counterparts", message: "engagement.p3_counterpart" });
  }

  // P4: intention agreements with organisations, networks or initiatives; regular review.
  const reviewDate = reviewDateOf(e);
  if (REVIEWED_TYPES.includes(e.type) && reviewDate) {
    const from = e.lastReviewedOn ?? e.startDate;
    if (reviewDate <= from)
      errors.push({ principle: "P4", field: "reviewDate", message: "engagement.p4_review_before_start" });
    else if (reviewDate < today)
      warnings.push({
        principle: "P4",
        field: "reviewDate",
        message: "engagement.p4_review_due",
        params: { date: reviewDate },
      });
    else if (reviewDate > addCivilYears(from, REVIEW_INTERVAL_YEARS))
      warnings.push({ principle: "P4", field: "reviewDate", message: "engagement.p4_review_late" });
  }
  if (
    e.type === "intention_agreement" &&
    e.counterparts.length > 0 &&
    !e.counterparts.some((c) => c.kind === "organisation" || c.kind === "network")
  )
    warnings.push({ principle: "P4", field: "counterparts", message: "engagement.p4_intention_counterpart" });

  // P5: a prioritised visit says what mutual learning it brings (it may then get an invitation letter).
  if (e.type === "visit" && e.prioritised && blank(e.mutualBenefit))
    errors.push({ principle: "P5", field: "mutualBenefit", message: "engagement.p5_prioritised_benefit" });

  // P6: aid-type projects only when another party finances them in full.
  if (e.type === "aid_project" && (externalSharePercent !== 100 || citySharePercent > 0))
    errors.push({
      principle: "P6",
      field: "financing",
      message: "engagement.p6_external_financing",
      params: { external: externalSharePercent },
    });

  return { errors, warnings, derived: { reviewDate, externalSharePercent, citySharePercent } };
}

/** What P5 needs before the city writes an invitation letter for a visit. */
export interface InvitationLetterBasis {
  type: EngagementType;
  prioritised: boolean;
  /** The visit's assessment found it supported by the strategy (null: not assessed yet). */
  assessmentSupports: boolean | null;
}

/** Why an invitation letter may not be written (empty: it may). */
export function invitationLetterFindings(v: InvitationLetterBasis): PrincipleFinding[] {
  const out: PrincipleFinding[] = [];
  if (v.type !== "visit")
    out.push({ principle: "P5", field: "type", message: "engagement.p5_letter_visits_only" });
  if (!v.prioritised)
    out.push({ principle: "P5", field: "prioritised", message: "engagement.p5_letter_not_prioritised" });
  if (v.assessmentSupports !== true)
    out.push({ principle: "P5", field: "assessment", message: "engagement.p5_letter_no_assessment" });
  return out;
}

/** P5: an invitation letter only for a prioritised visit whose assessment supports it. */
export const mayWriteInvitationLetter = (v: InvitationLetterBasis): boolean =>
  invitationLetterFindings(v).length === 0;
