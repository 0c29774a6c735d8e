import { z } from "zod";
import type { Subject } from "../../auth/index.ts";
import { blankToUndefined } from "../../platform/validation.ts";
import { isCountryCode } from "../countries.ts";
import { POLITICAL_LEVELS, type PoliticalLevel } from "../engagements.model.ts";
import type { RoutingRule } from "../routing.ts";

/**
 * The assessment checklist from the strategy (domain.md §5, Visits and Samverkan): a visit is
 * accepted and prioritised for mutual learning and exchange — new perspectives, development of
 * the service, or raised competence — and should strengthen the city's image abroad. Ties to the
 * countries many residents come from deserve special attention.
 */
export const CHECKLIST = [
  "mutualLearning",
  "newPerspectives",
  "serviceDevelopment",
  "raisedCompetence",
  "cityImage",
  "residentTies",
] as const;
export type ChecklistItem = (typeof CHECKLIST)[number];
export type Checklist = Record<ChecklistItem, boolean>;

/** Whether the assessment supports the visit under the strategy (what P5 asks of an invitation letter). */
export const assessmentSupports = (c: Checklist): boolean =>
  c.mutualLearning && (c.newPerspectives || c.serviceDevelopment || c.raisedCompetence) && c.cityImage;

/**
 * Received, assessed, decided (answered with a letter), or written off as junk without a letter
 * (avskriven; from received or assessed, with a reason).
 */
export const VISIT_STATUSES = ["received", "assessed", "decided", "written_off"] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];
export const VISIT_OUTCOMES = ["accept", "decline", "refer"] as const;
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];
export const LETTER_KINDS = ["invitation", "acceptance", "decline", "referral"] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

/** Who handles a request: KS coordinates, or the unit concerned. */
export interface VisitRouting {
  coordinator: "KS" | "UNIT";
  unitId: string | null;
  rule: Extract<RoutingRule, "ks_significant_visit" | "unit_visit">;
}

/**
 * Routing of an incoming request (domain.md §6): KS coordinates visits at a high political level
 * and visits touching several areas (or none named); otherwise the unit concerned assesses it.
 */
export function routeVisitRequest(unitIds: readonly string[], level: PoliticalLevel): VisitRouting {
  const [only] = unitIds;
  if (level === "high" || unitIds.length !== 1 || !only)
    return { coordinator: "KS", unitId: null, rule: "ks_significant_visit" };
  return { coordinator: "UNIT", unitId: only, rule: "unit_visit" };
}

/** The unit that coordinates KS's visits: the executive board's own unit. */
export const KS_UNIT_ID = "ks";

/** The unit a request belongs to for the policy: the unit concerned, or KS when KS coordinates it. */
export const visitSubject = (v: { routing: VisitRouting }): Subject => ({
  unitId: v.routing.unitId ?? KS_UNIT_ID,
});

export interface VisitRequest {
  id: string;
  receivedVia: "public" | "officer";
  organisation: string;
  country: string;
  contactName: string;
  contactEmail: string;
  visitFrom: string;
  visitTo: string;
  participants: number;
  purpose: string;
  politicalLevel: PoliticalLevel;
  unitIds: string[];
  routing: VisitRouting;
  status: VisitStatus;
  checklist: Checklist | null;
  assessmentNote: string | null;
  prioritised: boolean | null;
  outcome: VisitOutcome | null;
  outcomeNote: string | null;
  referredTo: string | null;
  letterKind: LetterKind | null;
  letterDocumentId: string | null;
  engagementId: string | null;
  receivedAt: string;
  /** The case the request is handled in: the one opened for it, or one the coordinator picked. */
  caseId: string | null;
  /** That case's diary number: the reference the sender is given. */
  diaryNumber: string | null;
  /** The request registered as an incoming document (null for a request from before registration). */
  documentId: string | null;
  /** Whether `caseId` was opened for this request (a case the request may close when it ends there). */
  caseOpened: boolean;
  writtenOff: { at: string; by: string | null; reason: string } | null;
  /** The latest invitation letter (P5, after the deciding body's decision). */
  invitationDocumentId: string | null;
}

const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional());
const list = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
    z.array(item).max(100),
  );
/** A form's checkbox ("on") or JSON's boolean. */
/** A checkbox (sent as "on", absent when unticked) or a JSON boolean; anything else is refused. */
const flag = z.preprocess(
  (v) => (v === "on" || v === "true" ? true : v === undefined || v === "" || v === "false" ? false : v),
  z.boolean(),
);

/** A visit request from the public form (the officer's intake has the same fields and may name a case). */
export const visitRequestSchema = z.strictObject({
  organisation: z.string().trim().min(1).max(300),
  country: z.string().trim().toUpperCase().refine(isCountryCode, { error: "visit.country_code" }),
  contactName: z.string().trim().min(1).max(200),
  contactEmail: z.email({ error: "validation.email" }).max(254),
  visitFrom: z.iso.date({ error: "validation.date" }),
  visitTo: z.iso.date({ error: "validation.date" }),
  participants: z.coerce.number({ error: "validation.type" }).int().min(1).max(500),
  purpose: z.string().trim().min(1).max(5000),
  politicalLevel: z.enum(POLITICAL_LEVELS, { error: "validation.choice" }),
  unitIds: list(z.string().max(100)),
});

/** An officer's intake: the same fields, and optionally the open case to register the request in (else a new one). */
export const officerVisitRequestSchema = visitRequestSchema.extend({
  caseDiaryNumber: optionalText(100),
});

export const assessmentSchema = z.strictObject({
  mutualLearning: flag,
  newPerspectives: flag,
  serviceDevelopment: flag,
  raisedCompetence: flag,
  cityImage: flag,
  residentTies: flag,
  prioritised: flag,
  assessmentNote: z.string().trim().min(1, { error: "visit.note_required" }).max(5000),
});

export const outcomeSchema = z.strictObject({
  outcome: z.enum(VISIT_OUTCOMES, { error: "validation.choice" }),
  /**
   * Refused when set: an invitation letter is written only after the deciding body has approved
   * the visit (`invitationSchema`). Kept so a client that still sends it is told why.
   */
  invitationLetter: flag,
  outcomeNote: z.string().trim().min(1, { error: "visit.outcome_note_required" }).max(5000),
  referredTo: optionalText(300),
  /** The open case the letter goes into; by default the request's own case. */
  caseDiaryNumber: optionalText(100),
});

/** Writing a request off as junk (avskriven): no letter, a reason. */
export const writeOffSchema = z.strictObject({
  reason: z.string().trim().min(1, { error: "visit.write_off_reason_required" }).max(1000),
});

/** Handling the request in another, existing open case (the coordinator's pick). */
export const moveSchema = z.strictObject({
  caseDiaryNumber: z.string().trim().min(1, { error: "visit.move_case_required" }).max(100),
});

/** The most names an invitation letter lists. */
export const MAX_PARTICIPANT_NAMES = 500;

/**
 * The invitation letter's own facts: the participants' names (what a visa application needs),
 * one a line on the form or a list in JSON, and an optional paragraph of its own.
 */
export const invitationSchema = z.strictObject({
  participantNames: z.preprocess(
    (v) => (typeof v === "string" ? v.split(/\r?\n/) : v === undefined ? [] : v),
    z
      // Blank lines and surrounding spaces are the form's, not names.
      .array(
        z.string().transform((n) => n.trim()),
        { error: "validation.type" },
      )
      .transform((names) => names.filter((n) => n !== ""))
      .pipe(
        z
          .array(z.string().max(200, { error: "visit.participant_name_long" }))
          .min(1, { error: "visit.participants_required" })
          .max(MAX_PARTICIPANT_NAMES, { error: "visit.participants_too_many" }),
      ),
  ),
  note: optionalText(2000),
});
