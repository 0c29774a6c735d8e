import { z } from "zod";
import { blankToUndefined } from "../platform/validation.ts";

export const CASE_STATUSES = ["open", "closed"] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_ACTIONS = ["edit", "add_party", "add_document", "close", "reopen"] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** The case workflow as data: what may be done in each status. */
export const ALLOWED_ACTIONS = {
  open: ["edit", "add_party", "add_document", "close"],
  closed: ["reopen"],
} as const satisfies Record<CaseStatus, readonly CaseAction[]>;

export const allowedActions = (status: CaseStatus): readonly CaseAction[] => ALLOWED_ACTIONS[status];

export function transition(status: CaseStatus, action: CaseAction): CaseStatus | null {
  if (!(allowedActions(status) as readonly string[]).includes(action)) return null;
  if (action === "close") return "closed";
  if (action === "reopen") return "open";
  return status;
}

export interface CaseParty {
  id: string;
  name: string;
  organisation: string | null;
  email: string | null;
  protectedIdentity: boolean;
}

export interface Case {
  id: string;
  registryId: string;
  diaryNumber: string;
  year: number;
  seq: number;
  title: string;
  publicTitle: string | null;
  classId: string;
  /** The version of the class the case was filed under (R7, issue 17): what it shows and is disposed of by. */
  classVersionId: string | null;
  unitId: string;
  officerId: string | null;
  status: CaseStatus;
  openedOn: string;
  closedOn: string | null;
}

const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional());

export const partySchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  organisation: optionalText(200),
  email: z.preprocess(blankToUndefined, z.email().max(254).optional()),
  protectedIdentity: z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean()).optional(),
});
export type PartyInput = z.output<typeof partySchema>;

/** The editable facts of a case. */
export const caseFieldsSchema = z.strictObject({
  title: z.string().trim().min(1).max(500),
  publicTitle: optionalText(500),
  classId: z.string().trim().min(1, { error: "case.class_required" }).max(100),
  unitId: z.string().trim().min(1, { error: "case.unit_required" }).max(100),
  officerId: optionalText(100),
});

export const newCaseSchema = caseFieldsSchema.extend({
  registryId: z.string().trim().min(1, { error: "case.registry_required" }).max(100),
  /** An existing number from an earlier system; kept as it is (R8). */
  diaryNumber: optionalText(60),
  openedOn: z.preprocess(blankToUndefined, z.iso.date().optional()),
  parties: z.array(partySchema).max(50).optional(),
  /** Why a new number is given in an earlier year (R8: registry staff only, audited). */
  backdateReason: optionalText(500),
  /** Confirms an imported number that jumps over numbers of its series (else 409 with the count). */
  confirmSkip: z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean()).optional(),
});
export type NewCaseInput = z.output<typeof newCaseSchema>;
