import { z } from "zod";
import { blankToUndefined } from "../platform/validation.ts";

export const UNIT_TYPES = [
  "council",
  "executive_board",
  "political_department",
  "preparatory_group",
  "office_unit",
  "district_committee",
  "specialist_committee",
  "administration",
  "company",
  "external_body",
] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

/** The international network: every administration and company has one contact person and plans its international work (domain.md §1). */
export const NETWORK_UNIT_TYPES: readonly UnitType[] = ["administration", "company"];

export interface Unit {
  id: string;
  name: string;
  shortName: string | null;
  type: UnitType;
  parentId: string | null;
  email: string | null;
  functionalMailbox: string | null;
  phone: string | null;
  /** Postal address, as the letter template's footer prints it. */
  address: string | null;
  visitingAddress: string | null;
  /** The unit's web address, e.g. stockholm.se. */
  web: string | null;
}

/** A web address as a letter prints it: a host name (stockholm.se) or an http(s) address, no spaces. */
export function isWebAddress(value: string): boolean {
  const withScheme = /^https?:\/\//i.test(value) ? value : `https://${value}`;
  if (/\s/.test(value) || !URL.canParse(withScheme)) return false;
  const { hostname, username, password } = new URL(withScheme);
  return username === "" && password === "" && /^([a-z0-9-]+\.)+[a-z]{2,}$/i.test(hostname);
}

const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional());
const optionalEmail = z.preprocess(blankToUndefined, z.email().max(254).optional());

/** What a person fills in to create or change a unit. */
export const unitInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  shortName: optionalText(20),
  type: z.enum(UNIT_TYPES),
  parentId: optionalText(100),
  email: optionalEmail,
  functionalMailbox: optionalEmail,
  phone: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .max(40)
      .regex(/^\+?[\d\s()-]{5,}$/, { error: "unit.phone_format" })
      .optional(),
  ),
  address: optionalText(300),
  visitingAddress: optionalText(300),
  web: z.preprocess(
    blankToUndefined,
    z.string().trim().max(200).refine(isWebAddress, { error: "unit.web_format" }).optional(),
  ),
});
export type UnitInput = z.output<typeof unitInputSchema>;

/** The ids of `unitId` and everything under it, given a child lookup; used to refuse cycles. */
export function descendants(unitId: string, childrenOf: (id: string) => string[]): Set<string> {
  const seen = new Set<string>([unitId]);
  const queue = [unitId];
  while (queue.length > 0) {
    const id = queue.pop() as string;
    for (const child of childrenOf(id)) {
      if (!seen.has(child)) {
        seen.add(child);
        queue.push(child);
      }
    }
  }
  return seen;
}
