import { z } from "zod";
import type { FieldError } from "../platform/errors.ts";
import type { MessageKey, Translate } from "../platform/i18n/index.ts";
import { blankToUndefined } from "../platform/validation.ts";

/** A class's retention rule (R6): kept for ever, or disposed of N years after the case closed. */
export const RETENTIONS = ["keep", "dispose"] as const;
export type Retention = (typeof RETENTIONS)[number];

/** One version of a class: what it said while it was current. Cases point to the version they were filed under. */
export interface ClassVersion {
  id: string;
  classId: string;
  version: number;
  title: string;
  description: string | null;
  /** Null: the class sets no rule, and the disposal decisions per document type apply. */
  retention: Retention | null;
  retentionYears: number | null;
  decisionId: string | null;
  /** The disposal decision's reference ("SSA 2004:14"), when the rule has one. */
  decisionReference: string | null;
  createdAt: string;
  supersededAt: string | null;
}

/** A class of the scheme in force, with its current version. */
export interface MaintainedClass {
  id: string;
  code: string;
  retiredAt: string | null;
  current: ClassVersion;
}

const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional());

/** What an admin gives for a class; the code only when creating (a class's code is what it is). */
export const classInputSchema = z.strictObject({
  code: z
    .string()
    .trim()
    .min(1, { error: "classification.code_required" })
    .max(20)
    .regex(/^[0-9A-Za-zÅÄÖåäö.]+$/, { error: "classification.code_format" }),
  title: z.string().trim().min(1, { error: "classification.title_required" }).max(200),
  description: optionalText(2000),
  retention: z.preprocess(blankToUndefined, z.enum(RETENTIONS, { error: "validation.choice" }).optional()),
  retentionYears: z.preprocess(
    (v) => (typeof v === "number" ? String(v) : blankToUndefined(v)),
    z
      .string()
      .trim()
      .regex(/^\d{1,3}$/, { error: "classification.years_invalid" })
      .transform(Number)
      .refine((n) => n <= 100, { error: "classification.years_invalid" })
      .optional(),
  ),
  decisionReference: optionalText(40),
});
export const classChangeSchema = classInputSchema.omit({ code: true });
export type ClassInput = z.output<typeof classInputSchema>;
export type ClassChange = z.output<typeof classChangeSchema>;

/** The rule's parts must agree: "dispose" needs years and a decision; "keep" and no rule take neither. */
export function retentionProblems(input: Omit<ClassChange, "title">): FieldError[] {
  const errors: FieldError[] = [];
  if (input.retention === "dispose") {
    if (input.retentionYears === undefined)
      errors.push({ field: "retentionYears", message: "classification.years_required" });
    if (!input.decisionReference)
      errors.push({ field: "decisionReference", message: "classification.decision_required" });
  } else if (input.retentionYears !== undefined) {
    errors.push({ field: "retentionYears", message: "classification.years_only_dispose" });
  } else if (input.retention === undefined && input.decisionReference) {
    errors.push({ field: "decisionReference", message: "classification.decision_without_rule" });
  }
  return errors;
}

/** A version's answers as the form and a partial change (PATCH) start from. */
export const versionAnswers = (v: ClassVersion): Record<string, string> => ({
  title: v.title,
  description: v.description ?? "",
  retention: v.retention ?? "",
  retentionYears: v.retentionYears === null ? "" : String(v.retentionYears),
  decisionReference: v.decisionReference ?? "",
});

/** Whether a change says anything the current version does not (else no new version is made). */
export function changesVersion(current: ClassVersion, next: ClassChange): boolean {
  return (
    current.title !== next.title ||
    (current.description ?? undefined) !== next.description ||
    (current.retention ?? undefined) !== next.retention ||
    (current.retentionYears ?? undefined) !== next.retentionYears ||
    (current.decisionReference ?? undefined) !== next.decisionReference
  );
}

/** The rule as people read it: "Bevaras", "Gallras 10 år efter avslut (SSA 2004:14)", "Ingen egen regel". */
export function retentionText(
  t: Translate,
  v: Pick<ClassVersion, "retention" | "retentionYears" | "decisionReference">,
) {
  if (v.retention === "keep") return t("classification.keep");
  if (v.retention === "dispose")
    return t("classification.dispose_after", {
      years: v.retentionYears ?? 0,
      decision: v.decisionReference ?? "",
    });
  return t("classification.no_rule");
}

export const RETENTION_LABELS: Record<Retention, MessageKey> = {
  keep: "classification.keep_option",
  dispose: "classification.dispose_option",
};
