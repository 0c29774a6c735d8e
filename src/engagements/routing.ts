import type { MessageKey } from "../platform/i18n/index.ts";
import type { DecidingBody, EngagementType, OnBehalfOf, PoliticalLevel, Scope } from "./engagements.model.ts";

/** The facts that decide who decides (domain.md §6). */
export interface RoutingInput {
  type: EngagementType;
  scope: Scope;
  unitsAffected: number;
  politicalLevel: PoliticalLevel;
  addsResourceBurden: boolean;
  onBehalfOf: OnBehalfOf;
  prioritised: boolean;
  /** The owning unit: its committee or board decides when the body is UNIT. */
  unitId: string;
}

/** Each rule is a row (or part of a row) of the table in domain.md §6; the reason cites it. */
export const ROUTING_RULES = [
  "twin_city_refused",
  "kf_city_membership",
  "ib_trip_for_ks",
  "unit_trip",
  "ib_declaration_no_burden",
  "ks_declaration_burden",
  "ks_significant_visit",
  "unit_visit",
  "ks_city_network",
  "ks_city_wide",
  "ks_several_units",
  "ks_on_behalf",
  "unit_service",
] as const;
export type RoutingRule = (typeof ROUTING_RULES)[number];

export interface Routing {
  body: DecidingBody;
  /** Set when the body is UNIT: the owning unit's committee or company board. */
  unitId: string | null;
  rule: RoutingRule;
  reason: MessageKey;
}

const COOPERATION_TYPES: readonly EngagementType[] = [
  "network",
  "cooperation_agreement",
  "intention_agreement",
];

function ruleFor(e: RoutingInput): RoutingRule {
  const cityWide = e.scope === "city";
  switch (e.type) {
    case "twin_city_agreement":
      return "twin_city_refused";
    case "membership":
      if (cityWide) return "kf_city_membership";
      break;
    case "trip":
      return e.onBehalfOf === "KS" ? "ib_trip_for_ks" : "unit_trip";
    case "declaration":
      return e.addsResourceBurden ? "ks_declaration_burden" : "ib_declaration_no_burden";
    case "visit": {
      const severalAreas = cityWide || e.unitsAffected > 1;
      if (e.politicalLevel === "high" || (e.prioritised && severalAreas)) return "ks_significant_visit";
      return e.onBehalfOf === "KS" ? "ks_on_behalf" : "unit_visit";
    }
    default:
      if (cityWide && COOPERATION_TYPES.includes(e.type)) return "ks_city_network";
  }
  if (cityWide) return "ks_city_wide";
  if (e.unitsAffected > 1) return "ks_several_units";
  if (e.onBehalfOf === "KS") return "ks_on_behalf";
  return "unit_service";
}

const BODY_OF: Record<RoutingRule, DecidingBody> = {
  twin_city_refused: "KS",
  kf_city_membership: "KF",
  ib_trip_for_ks: "IB",
  unit_trip: "UNIT",
  ib_declaration_no_burden: "IB",
  ks_declaration_burden: "KS",
  ks_significant_visit: "KS",
  unit_visit: "UNIT",
  ks_city_network: "KS",
  ks_city_wide: "KS",
  ks_several_units: "KS",
  ks_on_behalf: "KS",
  unit_service: "UNIT",
};

/** Who decides an engagement, and why (domain.md §6). Total: every input gets exactly one body. */
export function routeDecision(e: RoutingInput): Routing {
  const rule = ruleFor(e);
  const body = BODY_OF[rule];
  return { body, unitId: body === "UNIT" ? e.unitId : null, rule, reason: `engagement.routing.${rule}` };
}
