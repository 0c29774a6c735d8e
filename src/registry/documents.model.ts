import { z } from "zod";
import { previousWorkingDay } from "../platform/calendar/swedish-days.ts";
import type { FieldError } from "../platform/errors.ts";
import { blankToUndefined, fieldErrors } from "../platform/validation.ts";

export const DIRECTIONS = ["incoming", "outgoing", "internal"] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const DOCUMENT_STATUSES = ["draft", "registered"] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];
export const SIGNOFF_KINDS = ["answered", "noted", "other_case"] as const;
export type SignoffKind = (typeof SIGNOFF_KINDS)[number];

/** A sign-off as the API takes it (the service checks it, with the reference a kind needs). */
export const signOffSchema = z.strictObject({
  kind: z.enum(SIGNOFF_KINDS),
  reference: z.string().max(200).optional(),
});

export interface Secrecy {
  provision: string;
  markedOn: string;
  authority: string;
}

export interface RegistryDocument {
  id: string;
  caseId: string;
  direction: Direction;
  status: DocumentStatus;
  date: string;
  party: string | null;
  description: string;
  publicDescription: string | null;
  publicParty: string | null;
  secrecy: Secrecy | null;
  documentType: string | null;
  dueDate: string | null;
  signedOffOn: string | null;
  signoffKind: SignoffKind | null;
  signoffReference: string | null;
  registeredAt: string | null;
  /** Why the public register may not show the document yet; null when nothing holds it back. */
  publicHold: string | null;
}

const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional());
const optionalDate = z.preprocess(blankToUndefined, z.iso.date({ error: "validation.date" }).optional());
const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true" || v === "1", z.boolean());

/** What a clerk fills in to register a document (R1–R3, R5). */
export const documentInputSchema = z.strictObject({
  direction: z.enum(DIRECTIONS),
  date: optionalDate,
  /** R3: post found at the first opening of the mailbox arrived the previous working day. */
  foundAtFirstOpening: checkbox.optional(),
  party: optionalText(300),
  description: z.string().trim().min(1, { error: "document.description_required" }).max(1000),
  documentType: optionalText(100),
  dueDate: optionalDate,
  /** A ground on the tenant's list: its id, citation ("21 kap. 3 § OSL") or label; checked by the service. */
  secrecyProvision: optionalText(300),
  secrecyMarkedOn: optionalDate,
  secrecyAuthority: optionalText(200),
  publicDescription: optionalText(1000),
  publicParty: optionalText(300),
  draft: checkbox.optional(),
});

/** The form's fields in the order the form shows them; error summaries follow it. */
const FIELD_ORDER = [...Object.keys(documentInputSchema.shape), "file"];
export const inFormOrder = (errors: FieldError[]): FieldError[] =>
  [...errors].sort((a, b) => rank(a.field) - rank(b.field));
const rank = (field: string) => {
  const i = FIELD_ORDER.indexOf(field.split(".")[0] ?? field);
  return i === -1 ? FIELD_ORDER.length : i;
};
export type DocumentInput = z.output<typeof documentInputSchema>;

/**
 * R3: the arrival date: the day given (or today), or for post found at that day's first opening
 * of the mailbox, the previous working day. The form proposes today's date, so a clerk who ticks
 * the box and keeps the proposed date gets the previous working day too.
 */
export function arrivalDate(day: string, foundAtFirstOpening: boolean): string {
  return foundAtFirstOpening ? previousWorkingDay(day) : day;
}

/**
 * The rules that tie fields together: R1 (party where there is one), R2 (a complete secrecy
 * marking and a public description for secret documents), R4 (only drawn-up documents can be
 * drafts), R5 (due dates on incoming documents), and no dates in the future.
 */
export function documentRuleErrors(d: Partial<DocumentInput>, today: string): FieldError[] {
  const errors: FieldError[] = [];
  // Without a valid direction, whether a party is needed is unknown: the direction's own error says so.
  if (d.direction && d.direction !== "internal" && !d.party)
    errors.push({ field: "party", message: "document.party_required" });
  const secrecyParts = [d.secrecyProvision, d.secrecyMarkedOn, d.secrecyAuthority];
  const secret = secrecyParts.some((p) => p !== undefined);
  if (secret) {
    if (!d.secrecyProvision)
      errors.push({ field: "secrecyProvision", message: "document.secrecy_incomplete" });
    if (!d.secrecyMarkedOn) errors.push({ field: "secrecyMarkedOn", message: "document.secrecy_incomplete" });
    if (!d.secrecyAuthority)
      errors.push({ field: "secrecyAuthority", message: "document.secrecy_incomplete" });
    if (!d.publicDescription)
      errors.push({ field: "publicDescription", message: "document.public_description_required" });
  }
  if (d.draft && d.direction === "incoming")
    errors.push({ field: "draft", message: "document.incoming_not_draft" });
  if (d.dueDate && d.direction && d.direction !== "incoming")
    errors.push({ field: "dueDate", message: "document.due_only_incoming" });
  if (d.date && d.date > today) errors.push({ field: "date", message: "document.date_in_future" });
  return errors;
}

/**
 * Every problem of the input at once: each field's own, and the rules between fields, checked on
 * the fields that are valid by themselves (so a missing description does not hide a missing party).
 */
export function checkDocumentInput(
  input: unknown,
  today: string,
): { data: DocumentInput | null; errors: FieldError[] } {
  const parsed = documentInputSchema.safeParse(input);
  if (parsed.success) return { data: parsed.data, errors: documentRuleErrors(parsed.data, today) };
  const errors = fieldErrors(parsed.error.issues);
  const invalid = new Set(errors.map((e) => e.field.split(".")[0]));
  const valid =
    typeof input === "object" && input !== null
      ? Object.fromEntries(
          Object.entries(input).filter(([k]) => !invalid.has(k) && k in documentInputSchema.shape),
        )
      : {};
  const partial = documentInputSchema.partial().safeParse(valid);
  if (partial.success) errors.push(...documentRuleErrors(partial.data, today));
  return { data: null, errors };
}

/** The document as the public may see it (R1, R2, R4, R9): null for drafts. */
export function publicView(d: RegistryDocument): { description: string; party: string | null } | null {
  if (d.status !== "registered" || d.publicHold !== null) return null;
  if (d.secrecy) return { description: d.publicDescription ?? "", party: d.publicParty };
  return { description: d.description, party: d.party };
}
