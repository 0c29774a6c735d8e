import { z } from "zod";
import type { FieldError } from "../../platform/errors.ts";
import { blankToUndefined, fieldErrors } from "../../platform/validation.ts";

/** The registry's list shows requests waiting for a decision, decided ones, or all. */
export const REQUEST_FILTERS = ["new", "handled", "all"] as const;
export type RequestFilter = (typeof REQUEST_FILTERS)[number];

/** What the authority decided: the copy released, released with parts masked, or refused (R12). */
export const OUTCOMES = ["sent", "partly_sent", "refused"] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** How a released copy reached the requester: attached to the decision mail, by post or handed over. */
export const DELIVERIES = ["email", "post", "handed_over"] as const;
export type Delivery = (typeof DELIVERIES)[number];

const optional = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional());

const decisionSchema = z.object({
  outcome: z.enum(OUTCOMES, { error: "validation.choice" }),
  deliveredBy: z.preprocess(blankToUndefined, z.enum(DELIVERIES, { error: "validation.choice" }).optional()),
  provision: optional(200),
  note: optional(2000),
});
export type DecisionInput = z.output<typeof decisionSchema>;

/** What the rules need to know about the request and its document. */
export interface DecisionFacts {
  /** The document's secrecy marking (its OSL provision), if it has one. */
  secrecyProvision: string | null;
  requesterEmail: string | null;
  documentHasFile: boolean;
  /** Whether the officer uploaded a masked copy with the decision. */
  maskedCopyGiven: boolean;
}

/**
 * Checks a decision against the law and the request: every problem at once. A refusal, whole or
 * in part, names its OSL provision and what was withheld (it is an appealable decision); a
 * document marked secret is never released in full by mistake; a copy goes by e-mail only to an
 * address the requester gave, and only a whole file can be attached (a masked copy is made outside
 * kansli and goes by post or by hand).
 */
export function checkDecision(
  input: unknown,
  facts: DecisionFacts,
): { data: DecisionInput | null; errors: FieldError[] } {
  const parsed = decisionSchema.safeParse(input);
  if (!parsed.success) return { data: null, errors: fieldErrors(parsed.error.issues) };
  const d = parsed.data;
  const errors: FieldError[] = [];
  if (d.outcome === "sent" && facts.secrecyProvision)
    errors.push({
      field: "outcome",
      message: "requests.secret_document",
      params: { provision: facts.secrecyProvision },
    });
  if (d.outcome !== "refused") {
    if (!d.deliveredBy) errors.push({ field: "deliveredBy", message: "requests.delivery_required" });
    else if (d.deliveredBy === "email" && !facts.requesterEmail)
      errors.push({ field: "deliveredBy", message: "requests.no_email" });
    else if (d.deliveredBy === "email" && d.outcome === "partly_sent" && !facts.maskedCopyGiven)
      errors.push({ field: "maskedCopy", message: "requests.masked_copy_required" });
    else if (d.deliveredBy === "email" && !facts.documentHasFile)
      errors.push({ field: "deliveredBy", message: "requests.no_file" });
  }
  // The original goes out whole or not at all: a masked copy belongs only to a partial release.
  if (facts.maskedCopyGiven && d.outcome !== "partly_sent")
    errors.push({ field: "maskedCopy", message: "requests.masked_copy_only_partly" });
  if (d.outcome !== "sent") {
    if (!d.provision) errors.push({ field: "provision", message: "requests.provision_required" });
    if (!d.note) errors.push({ field: "note", message: "requests.note_required" });
  }
  return { data: errors.length === 0 ? d : null, errors };
}

/** Whole hours from one instant to another, as days and hours for the history's handling times. */
export function handlingTime(from: string, to: string): { days: number; hours: number } {
  const hours = Math.max(0, Math.floor((Date.parse(to) - Date.parse(from)) / 3_600_000));
  return { days: Math.floor(hours / 24), hours: hours % 24 };
}
