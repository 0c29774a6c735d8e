import { stockholmDate } from "../../platform/calendar/civil-date.ts";
import type { Ctx } from "../../platform/context.ts";
import type { Translate } from "../../platform/i18n/index.ts";
import { costsByYear, type YearCost } from "../costs.ts";
import { countryName } from "../countries.ts";
import type { Direction } from "../engagements.model.ts";
import { directionsOf, financingOf, yearCostsOf } from "../engagements.store.ts";
import { countedCosts, type PublicEngagement, type PublicFilter } from "./public-engagements.model.ts";
import { listApprovals, listCounterparts, listDecidedPublicRows } from "./public-engagements.store.ts";

/**
 * Every decided engagement that is not secret, newest start first (filter with `matchesFilter`).
 * Costs per year come from `costsByYear`, the computation the annual report uses, so the figures
 * agree.
 */
export async function publicEngagements(ctx: Ctx, t: Translate, locale: string): Promise<PublicEngagement[]> {
  const rows = await listDecidedPublicRows(ctx.db, ctx.config.tenantId);
  const ids = rows.map((r) => r.id);
  const [directions, financing, yearCosts, counterparts, approvals] = await Promise.all([
    directionsOf(ctx.db, ids),
    financingOf(ctx.db, ids),
    yearCostsOf(ctx.db, ids),
    listCounterparts(ctx.db, ids),
    listApprovals(ctx.db, ids),
  ]);
  const thisYear = Number(stockholmDate(ctx.clock.now()).slice(0, 4));
  return rows.map((r): PublicEngagement => {
    const decision = approvals.filter((d) => d.engagement_id === r.id).at(-1);
    return {
      id: r.id,
      type: r.type,
      title: r.title,
      unit: { id: r.unit_id, name: r.unit_name },
      counterparts: counterparts
        .filter((c) => c.engagement_id === r.id)
        .map((c) => ({
          kind: c.kind,
          name: c.name,
          country: c.country,
          countryName: countryName(c.country, locale),
        })),
      directions: directions.get(r.id) ?? [],
      purpose: r.purpose,
      startDate: r.start_date,
      endDate: r.end_date,
      decision: decision
        ? {
            body: decision.body,
            bodyName:
              decision.body === "UNIT" && decision.unit_name
                ? t("engagement.body_of_unit", { unit: decision.unit_name })
                : t(`engagement.body.${decision.body}`),
            decidedOn: decision.decided_on,
            minutesParagraph: decision.minutes_paragraph,
            diaryNumber: r.diary_number,
          }
        : null,
      costByYear: costsByYear(
        {
          startDate: r.start_date,
          endDate: r.end_date,
          cost: r.cost === null ? null : Number(r.cost),
          yearCosts: yearCosts.get(r.id) ?? [],
          financing: financing.get(r.id) ?? [],
        },
        thisYear,
      ),
    };
  });
}

/** Sums of the selection's counted costs (every year, or the chosen one). */
export function totals(engagements: PublicEngagement[], filter: PublicFilter): Omit<YearCost, "year"> {
  const sum = { total: 0, city: 0, external: 0 };
  for (const e of engagements)
    for (const c of countedCosts(e, filter)) {
      sum.total += c.total;
      sum.city += c.city;
      sum.external += c.external;
    }
  return sum;
}

/** The selection's cost per year, in year order. */
export function costPerYear(engagements: PublicEngagement[], filter: PublicFilter): YearCost[] {
  const years = new Map<number, YearCost>();
  for (const e of engagements)
    for (const c of countedCosts(e, filter)) {
      const y = years.get(c.year) ?? { year: c.year, total: 0, city: 0, external: 0 };
      y.total += c.total;
      y.city += c.city;
      y.external += c.external;
      years.set(c.year, y);
    }
  return [...years.values()].sort((a, b) => a.year - b.year);
}

/** The selection's cost per direction; an engagement with several directions counts under each, as in the annual report. */
export function costPerDirection(
  engagements: PublicEngagement[],
  filter: PublicFilter,
): Map<Direction, number> {
  const out = new Map<Direction, number>();
  for (const e of engagements) {
    const cost = countedCosts(e, filter).reduce((s, c) => s + c.total, 0);
    for (const d of e.directions) out.set(d, (out.get(d) ?? 0) + cost);
  }
  return out;
}

/** How many engagements of the selection have a counterpart in each country. */
export function countByCountry(engagements: PublicEngagement[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of engagements)
    for (const country of new Set(e.counterparts.map((c) => c.country)))
      out.set(country, (out.get(country) ?? 0) + 1);
  return out;
}
