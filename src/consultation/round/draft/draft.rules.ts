/**
 * What a draft consultation is made of and how its input is read: the title, the deadline (its
 * rules in `../deadlines.ts`), the instructions, the officer, the distribution list chosen as
 * whole groups of units, single units and external bodies, and the material.
 */
import { z } from "zod";
import type { UnitType } from "../../../organisation/index.ts";
import type { FieldError } from "../../../platform/errors.ts";
import { blankToUndefined } from "../../../platform/validation.ts";
import type { ListGroup } from "../consultation.model.ts";
import type { DeadlineError } from "../deadlines.ts";

/** Whole groups of units a consultation can be sent to at once, by the unit type they take. */
export const UNIT_GROUPS = {
  district: "district_committee",
  specialist: "specialist_committee",
  company: "company",
} as const satisfies Record<string, UnitType>;
export type UnitGroup = keyof typeof UNIT_GROUPS;
export const UNIT_GROUP_NAMES = Object.keys(UNIT_GROUPS) as UnitGroup[];

/** Where a unit stands on the distribution list: district and specialist committees, then the others. */
export function listGroupOf(type: string): ListGroup {
  if (type === UNIT_GROUPS.district) return "district";
  if (type === UNIT_GROUPS.specialist) return "specialist";
  return "other";
}

/** A form's checkboxes post nothing, one value or several; the API posts an array. */
const list = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
    z.array(item).max(500),
  );
const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional());

/** What an officer fills in to create a consultation, from the form or as JSON. */
export const consultationInputSchema = z.strictObject({
  title: z.string().trim().min(1).max(500),
  deadline: z.iso.date({ error: "consultation.deadline_format" }),
  instructions: z.string().trim().min(1).max(5000),
  officerId: z.string().trim().min(1, { error: "consultation.officer_required" }).max(100),
  contact: optionalText(500),
  groups: list(z.enum(UNIT_GROUP_NAMES as [UnitGroup, ...UnitGroup[]])),
  unitIds: list(z.string().max(100)),
  /** One external body a line: "Name, e-mail". */
  externalBodies: optionalText(20_000),
  documentIds: list(z.string().max(100)),
});
export type ConsultationInput = z.output<typeof consultationInputSchema>;

export interface ExternalBody {
  name: string;
  email: string;
}

const emailSchema = z.email();

/** Reads "Name, e-mail" lines (blank lines skipped); each bad line is named by its number. */
export function parseExternalBodies(text: string | undefined): {
  bodies: ExternalBody[];
  errors: FieldError[];
} {
  const bodies: ExternalBody[] = [];
  const bad: number[] = [];
  (text ?? "").split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "") return;
    const comma = line.lastIndexOf(",");
    const name = line.slice(0, comma).trim();
    const email = line.slice(comma + 1).trim();
    if (comma < 0 || name === "" || name.length > 200 || !emailSchema.safeParse(email).success)
      bad.push(i + 1);
    else bodies.push({ name, email });
  });
  const errors: FieldError[] =
    bad.length > 0
      ? [
          {
            field: "externalBodies",
            message: "consultation.external_format",
            params: { lines: bad.join(", ") },
          },
        ]
      : [];
  return { bodies, errors };
}

/** A deadline that cannot be used, as the form's message under the deadline field. */
export const deadlineMessage = (e: DeadlineError): FieldError =>
  e.code === "not_a_working_day"
    ? {
        field: "deadline",
        message: "consultation.deadline_not_working_day",
        params: { next: e.nextWorkingDay },
      }
    : e.code === "not_after_sending"
      ? { field: "deadline", message: "consultation.deadline_not_after_today" }
      : { field: "deadline", message: "consultation.deadline_format" };
