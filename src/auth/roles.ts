import { isOneOf } from "../platform/validation.ts";
export const ROLES = [
  "admin",
  "registrator",
  "handlaggare",
  "remissinstans",
  "kontaktperson",
  "beslutsfattare",
  "lasare",
] as const;
export type Role = (typeof ROLES)[number];

/** These roles act for one unit and must be bound to it. */
export const UNIT_BOUND_ROLES: readonly Role[] = ["remissinstans", "kontaktperson"];

export const isRole = (value: unknown): value is Role => isOneOf(ROLES, value);
