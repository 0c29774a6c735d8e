import type { Plan } from "./plans.model.ts";

/** One line of a breakdown: a direction, type, unit or country, with its count and cost (whole kronor). */
export interface ReportRow {
  key: string;
  label: string;
  count: number;
  cost: number;
}

export interface ReportItem {
  id: string;
  title: string;
  unitName: string;
  date: string;
}

/**
 * The city-wide annual report on international work for the executive board. It counts the
 * engagements that ran during the year (approved, or since ended), with the part of each one's
 * cost that falls in the year (the engagements domain's `costInYear`), broken down by direction, type, unit and country; the visits hosted, the
 * memberships, the reviews due, and the units' plans and follow-up.
 */
export interface AnnualReport {
  year: number;
  engagements: number;
  /** The year's part of the engagements' costs (`costInYear`), and how it splits. */
  cost: number;
  cityCost: number;
  externalCost: number;
  byDirection: ReportRow[];
  byType: ReportRow[];
  byUnit: ReportRow[];
  byCountry: ReportRow[];
  visits: ReportItem[];
  memberships: ReportItem[];
  /** Memberships and intention agreements whose review fell due by the end of the year. */
  reviewsDue: ReportItem[];
  plans: Plan[];
}

/** Counts and sums engagements under each key they have (an engagement may have several). */
export function breakdown<E extends { cost: number | null }>(
  engagements: E[],
  keysOf: (e: E) => string[],
  labelOf: (key: string) => string,
): ReportRow[] {
  const rows = new Map<string, ReportRow>();
  for (const e of engagements)
    for (const key of new Set(keysOf(e))) {
      const row = rows.get(key) ?? { key, label: labelOf(key), count: 0, cost: 0 };
      row.count += 1;
      row.cost += e.cost ?? 0;
      rows.set(key, row);
    }
  return [...rows.values()].sort(
    (a, b) => b.count - a.count || b.cost - a.cost || a.label.localeCompare(b.label),
  );
}
