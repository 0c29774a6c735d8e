import { z } from "zod";
import { blankToUndefined } from "../platform/validation.ts";

/** A unit's planned international work and budget for a year, and its follow-up (whole kronor). */
export interface Plan {
  unitId: string;
  unitName: string;
  year: number;
  plannedWork: string;
  budget: number;
  outcome: string | null;
  cost: number | null;
}

/** Whole kronor from a form ("12 500" allowed) or JSON. */
const kronor = z.preprocess(
  (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.replace(/[\s\u00a0]/g, ""))) : v),
  z
    .number({ error: "followup.kronor" })
    .int({ error: "followup.kronor" })
    .min(0, { error: "followup.kronor" })
    .max(1_000_000_000),
);

export const planSchema = z.strictObject({
  unitId: z.string().trim().min(1, { error: "network.unit_required" }).max(100),
  plannedWork: z.string().trim().min(1).max(10_000),
  budget: kronor,
  outcome: z.preprocess(blankToUndefined, z.string().trim().max(10_000).optional()),
  cost: kronor.optional(),
});
export type PlanInput = z.output<typeof planSchema>;

export const yearSchema = z.coerce.number().int().min(2000).max(2100);
