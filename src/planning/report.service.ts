import {
  costInYear,
  countryName,
  directionsOf,
  financingOf,
  REVIEWED_TYPES,
  yearCostsOf,
} from "../engagements/index.ts";
import type { Ctx } from "../platform/context.ts";
import type { Translate } from "../platform/i18n/index.ts";
import { plansOfYear } from "./plans.service.ts";
import { type AnnualReport, breakdown, type ReportItem } from "./report.model.ts";
import { listCounterpartCountries, listReportedEngagements } from "./report.store.ts";

/** Engagements that count in a year's report: decided and running, or since ended. */
const REPORTED_STATUSES = ["approved", "ended"] as const;

/**
 * The engagements that count in a year, each with the part of its cost that falls in the year,
 * split into the city's share and external funding (`costInYear`, as on the public page).
 */
async function yearEngagements(ctx: Ctx, year: number) {
  const rows = await listReportedEngagements(
    ctx.db,
    ctx.config.tenantId,
    REPORTED_STATUSES,
    `${year}-01-01`,
    `${year}-12-31`,
  );
  const ids = rows.map((r) => r.id);
  const [directions, countries, financing, yearCosts] = await Promise.all([
    directionsOf(ctx.db, ids),
    listCounterpartCountries(ctx.db, ids),
    financingOf(ctx.db, ids),
    yearCostsOf(ctx.db, ids),
  ]);
  return rows.map((r) => {
    const share = costInYear(
      {
        startDate: r.start_date,
        endDate: r.end_date,
        cost: r.cost === null ? null : Number(r.cost),
        yearCosts: yearCosts.get(r.id) ?? [],
        financing: financing.get(r.id) ?? [],
      },
      year,
    );
    return {
      ...r,
      cost: share.total,
      share,
      directions: directions.get(r.id) ?? [],
      countries: countries.filter((c) => c.engagement_id === r.id).map((c) => c.country),
    };
  });
}

/** Each unit's registered cost in a year, for the follow-up of its plan (the report's figures). */
export async function registeredCostByUnit(ctx: Ctx, year: number): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const e of await yearEngagements(ctx, year)) out.set(e.unit_id, (out.get(e.unit_id) ?? 0) + e.cost);
  return out;
}

/** Builds the annual report of a year, with labels in the reader's language. */
export async function annualReport(
  ctx: Ctx,
  year: number,
  t: Translate,
  locale: string,
): Promise<AnnualReport> {
  const last = `${year}-12-31`;
  const first = `${year}-01-01`;
  const engagements = await yearEngagements(ctx, year);
  const item = (e: (typeof engagements)[number], date: string): ReportItem => ({
    id: e.id,
    title: e.title,
    unitName: e.unit_name,
    date,
  });
  const unitNames = new Map(engagements.map((e) => [e.unit_id, e.unit_name]));
  return {
    year,
    engagements: engagements.length,
    cost: engagements.reduce((s, e) => s + e.share.total, 0),
    cityCost: engagements.reduce((s, e) => s + e.share.city, 0),
    externalCost: engagements.reduce((s, e) => s + e.share.external, 0),
    byDirection: breakdown(
      engagements,
      (e) => e.directions,
      (k) => t(`engagement.direction.${k}` as "engagement.direction.samverkan"),
    ),
    byType: breakdown(
      engagements,
      (e) => [e.type],
      (k) => t(`engagement.type.${k}` as "engagement.type.visit"),
    ),
    byUnit: breakdown(
      engagements,
      (e) => [e.unit_id],
      (k) => unitNames.get(k) ?? k,
    ),
    byCountry: breakdown(
      engagements,
      (e) => e.countries,
      (k) => countryName(k, locale),
    ),
    visits: engagements
      .filter((e) => e.type === "visit" && e.start_date >= first)
      .map((e) => item(e, e.start_date)),
    memberships: engagements.filter((e) => e.type === "membership").map((e) => item(e, e.start_date)),
    reviewsDue: engagements
      .filter(
        (e) =>
          e.status === "approved" &&
          REVIEWED_TYPES.includes(e.type) &&
          e.review_date !== null &&
          e.review_date <= last,
      )
      .map((e) => item(e, e.review_date ?? "")),
    plans: await plansOfYear(ctx, year),
  };
}
