import { z } from "zod";
import { addCivilDays, addCivilYears } from "../platform/calendar/civil-date.ts";
import type { FieldError } from "../platform/errors.ts";
import { blankToUndefined, fieldErrors } from "../platform/validation.ts";

export const DISPOSAL_ACTIONS = ["keep", "dispose"] as const;
export type DisposalAction = (typeof DISPOSAL_ACTIONS)[number];

export interface DisposalDecision {
  id: string;
  reference: string;
  title: string;
  decidedOn: string;
  authority: string;
}

export interface DisposalRule {
  id: string;
  decisionId: string;
  /** Normalised with `normaliseType`. */
  documentType: string;
  action: DisposalAction;
  /** Whole years after the case was closed; null when the type is kept. */
  retentionYears: number | null;
  supersededBy: string | null;
}

/** Why a file version may not be disposed of (yet). */
export const SKIP_REASONS = [
  "already_disposed",
  "draft",
  "no_rule",
  "kept",
  "case_open",
  "retention_running",
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export type Verdict =
  | { eligible: true; rule: DisposalRule; retentionEnds: string }
  | { eligible: false; reason: SkipReason; retentionEnds?: string };

/** Document types are free text on documents: "Missiv " and "missiv" are the same type. */
export const normaliseType = (type: string): string => type.trim().toLocaleLowerCase("sv");

/**
 * The day a retention period of `years` counted from `from` (a civil date) has run out: the same
 * calendar date that many years later (29 February falls on 1 March in a year without one).
 */
export function retentionEnds(from: string, years: number): string {
  const end = addCivilYears(from, years);
  return from.endsWith("-02-29") && !end.endsWith("-02-29") ? addCivilDays(end, 1) : end;
}

/**
 * R6, for one file version: it may be disposed of only when it is not disposed of already, its
 * document is a registered record, a rule in force maps the document's type to "dispose", the
 * case is closed, and the retention period, counted from the day the case was closed, has run out.
 */
export function disposalVerdict(
  document: { status: string; documentType: string | null },
  file: { disposedAt: string | null },
  c: { status: string; closedOn: string | null },
  rule: DisposalRule | undefined,
  today: string,
): Verdict {
  if (file.disposedAt !== null) return { eligible: false, reason: "already_disposed" };
  if (document.status !== "registered") return { eligible: false, reason: "draft" };
  if (!rule || rule.supersededBy !== null) return { eligible: false, reason: "no_rule" };
  if (rule.documentType !== normaliseType(document.documentType ?? ""))
    return { eligible: false, reason: "no_rule" };
  if (rule.action === "keep" || rule.retentionYears === null) return { eligible: false, reason: "kept" };
  if (c.status !== "closed" || c.closedOn === null) return { eligible: false, reason: "case_open" };
  const ends = retentionEnds(c.closedOn, rule.retentionYears);
  if (today < ends) return { eligible: false, reason: "retention_running", retentionEnds: ends };
  return { eligible: true, rule, retentionEnds: ends };
}

/** The retention rule of the class version a case was filed under (issue 17); `retention` null when it sets none. */
export interface ClassRetention {
  versionId: string;
  retention: DisposalAction | null;
  retentionYears: number | null;
  decisionId: string | null;
}

/**
 * The rule that applies to a document: the rule of the class version its case was filed under,
 * when that version sets one (for every document of the case, whatever its type), else the
 * decision's rule in force for the document's type. A later version of the class changes nothing
 * for cases filed before it.
 */
export function applicableRule(
  documentType: string | null,
  classRule: ClassRetention | null,
  typeRules: ReadonlyMap<string, DisposalRule>,
): DisposalRule | undefined {
  const type = normaliseType(documentType ?? "");
  if (classRule?.retention)
    return {
      id: `class-version:${classRule.versionId}`,
      decisionId: classRule.decisionId ?? "",
      documentType: type,
      action: classRule.retention,
      retentionYears: classRule.retention === "dispose" ? classRule.retentionYears : null,
      supersededBy: null,
    };
  return type === "" ? undefined : typeRules.get(type);
}

/** Rows of the decision form: a fixed number, so the form works without JavaScript. */
export const RULE_ROWS = 5;

/** References as archive authorities write them: "SSA 2004:14", "RA-MS 2021:5", "KS 2019/562". */
const REFERENCE = /^[A-ZÅÄÖ]{2,10}(?:-[A-ZÅÄÖ]{2,10})? \d{4}[:/]\d{1,5}$/;

const headSchema = z.strictObject({
  reference: z
    .string()
    .trim()
    .min(1, { error: "disposal.reference_required" })
    .regex(REFERENCE, { error: "disposal.reference_format" }),
  title: z.string().trim().min(1).max(300),
  decidedOn: z.iso.date({ error: "validation.date" }),
  authority: z.string().trim().min(1).max(200),
});

const ruleSchema = z.strictObject({
  documentType: z.string().trim().min(1, { error: "disposal.type_required" }).max(100),
  action: z.enum(DISPOSAL_ACTIONS, { error: "validation.choice" }),
  retentionYears: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\d{1,3}$/, { error: "disposal.years_invalid" })
      .transform(Number)
      .refine((n) => n <= 100, { error: "disposal.years_invalid" })
      .optional(),
  ),
});

export interface RuleInput {
  documentType: string;
  action: DisposalAction;
  retentionYears: number | null;
}
export interface DecisionInput {
  reference: string;
  title: string;
  decidedOn: string;
  authority: string;
  rules: RuleInput[];
}

const ruleField = (i: number, name: string) => `rule${i}-${name}`;
const RULE_FIELDS = ["documentType", "action", "retentionYears"] as const;

/**
 * Every problem of a posted decision form at once. Rule rows are flat fields (`rule0-documentType`,
 * `rule0-action`, `rule0-retentionYears`, …); an empty row is ignored, at least one is needed.
 */
export function checkDecisionInput(
  fields: Record<string, string>,
  today: string,
): { data: DecisionInput | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const known = new Set(["reference", "title", "decidedOn", "authority"]);
  for (let i = 0; i < RULE_ROWS; i++) for (const f of RULE_FIELDS) known.add(ruleField(i, f));
  for (const key of Object.keys(fields))
    if (!known.has(key)) errors.push({ field: key, message: "validation.unknown" });

  const head = headSchema.safeParse({
    reference: fields.reference ?? "",
    title: fields.title ?? "",
    decidedOn: fields.decidedOn ?? "",
    authority: fields.authority ?? "",
  });
  if (!head.success) errors.push(...fieldErrors(head.error.issues));
  else if (head.data.decidedOn > today)
    errors.push({ field: "decidedOn", message: "disposal.decided_in_future" });

  const rules: RuleInput[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < RULE_ROWS; i++) {
    const row = Object.fromEntries(RULE_FIELDS.map((f) => [f, fields[ruleField(i, f)] ?? ""]));
    if (RULE_FIELDS.every((f) => (row[f] ?? "").trim() === "")) continue;
    const parsed = ruleSchema.safeParse(row);
    if (!parsed.success) {
      for (const e of fieldErrors(parsed.error.issues)) errors.push({ ...e, field: ruleField(i, e.field) });
      continue;
    }
    const { documentType, action, retentionYears } = parsed.data;
    if (action === "dispose" && retentionYears === undefined)
      errors.push({ field: ruleField(i, "retentionYears"), message: "disposal.years_required" });
    const type = normaliseType(documentType);
    if (seen.has(type)) errors.push({ field: ruleField(i, "documentType"), message: "disposal.type_twice" });
    seen.add(type);
    rules.push({
      documentType: type,
      action,
      retentionYears: action === "keep" ? null : (retentionYears ?? 0),
    });
  }
  if (rules.length === 0 && !errors.some((e) => e.field.startsWith("rule")))
    errors.push({ field: ruleField(0, "documentType"), message: "disposal.rules_required" });

  if (!head.success || errors.length > 0) return { data: null, errors };
  return { data: { ...head.data, rules }, errors };
}
