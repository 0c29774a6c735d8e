import type { Financing } from "./engagements.model.ts";
import type { PrincipleFinding } from "./principles.ts";

/**
 * One computation of what an engagement costs each year (issue 20), used by the engagement page,
 * the annual report and the public page, so their totals per year agree.
 *
 * - The cost is split by hand per year (`yearCosts`), or else the total is spread over the period
 *   in proportion to the days in each year, in whole kronor that add up to the total.
 * - An engagement without an end date (a membership, a network) costs its amount every year it
 *   runs, up to `throughYear`.
 * - The external share is what the financing rows give to the EU and other parties (at most
 *   100 %); the city bears the rest. With no financing rows the city pays it all.
 */
export interface YearCost {
  year: number;
  /** Whole kronor: `city + external`. */
  total: number;
  city: number;
  external: number;
}

export interface YearAmount {
  year: number;
  amount: number;
}

interface CostFacts {
  startDate: string;
  endDate: string | null;
  cost: number | null;
  yearCosts: readonly YearAmount[];
  financing: readonly Pick<Financing, "source" | "sharePercent">[];
}

const yearOf = (date: string) => Number(date.slice(0, 4));
const DAY = 86_400_000;
const days = (from: string, to: string) =>
  (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY + 1;

/** The years a period touches; an open period runs through `throughYear`. */
export function periodYears(startDate: string, endDate: string | null, throughYear: number): number[] {
  const first = yearOf(startDate);
  const last = endDate ? yearOf(endDate) : Math.max(first, throughYear);
  return Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i);
}

/** A total spread over a closed period by its days in each year, rounded so the parts add up (largest remainder). */
export function spreadCost(total: number, startDate: string, endDate: string): YearAmount[] {
  const years = periodYears(startDate, endDate, yearOf(endDate));
  const all = days(startDate, endDate);
  const exact = years.map((year) => {
    const from = year === yearOf(startDate) ? startDate : `${year}-01-01`;
    const to = year === yearOf(endDate) ? endDate : `${year}-12-31`;
    return (total * days(from, to)) / all;
  });
  const amounts = exact.map(Math.floor);
  let left = total - amounts.reduce((s, a) => s + a, 0);
  const order = exact
    .map((x, i) => ({ i, rest: x - Math.floor(x) }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    amounts[i] = (amounts[i] ?? 0) + 1;
    left -= 1;
  }
  return years.map((year, i) => ({ year, amount: amounts[i] ?? 0 }));
}

/** The external share in whole percent: the EU's and other parties' rows, at most 100. */
function externalPercent(financing: CostFacts["financing"]): number {
  const external = financing.filter((f) => f.source !== "city").reduce((s, f) => s + f.sharePercent, 0);
  return Math.min(100, external);
}

/** The amount of each year, before the split: by hand, spread, or yearly for an open period. */
function yearAmounts(e: CostFacts, throughYear: number): YearAmount[] {
  if (e.yearCosts.length > 0) return [...e.yearCosts].sort((a, b) => a.year - b.year);
  if (e.cost === null) return [];
  if (e.endDate === null)
    return periodYears(e.startDate, null, throughYear).map((year) => ({ year, amount: e.cost ?? 0 }));
  return spreadCost(e.cost, e.startDate, e.endDate);
}

/** Every year's cost, split into the city's share and external financing. */
export function costsByYear(e: CostFacts, throughYear: number): YearCost[] {
  const percent = externalPercent(e.financing);
  return yearAmounts(e, throughYear).map(({ year, amount }) => {
    const external = Math.round((amount * percent) / 100);
    return { year, total: amount, city: amount - external, external };
  });
}

/** One year's cost (zero when nothing falls in it). */
export function costInYear(e: CostFacts, year: number): YearCost {
  return costsByYear(e, year).find((c) => c.year === year) ?? { year, total: 0, city: 0, external: 0 };
}

/** The total an engagement's years add up to (what the register stores as its cost). */
export const totalOf = (amounts: readonly YearAmount[]): number => amounts.reduce((s, a) => s + a.amount, 0);

/**
 * The form's rules for a cost split by hand: each year once, within the period, and a total that,
 * when given too, is what the years add up to.
 */
export function yearCostFindings(e: {
  startDate: string;
  endDate?: string | null;
  cost?: number | null;
  yearCosts?: readonly YearAmount[];
}): PrincipleFinding[] {
  const years = e.yearCosts ?? [];
  if (years.length === 0) return [];
  const findings: PrincipleFinding[] = [];
  const first = yearOf(e.startDate);
  const last = e.endDate ? yearOf(e.endDate) : null;
  const seen = new Set<number>();
  years.forEach(({ year }, i) => {
    if (seen.has(year))
      findings.push({
        principle: null,
        field: `yearCosts.${i}.amount`,
        message: "engagement.year_cost_repeated",
        params: { year },
      });
    else if (year < first || (last !== null && year > last))
      findings.push({
        principle: null,
        field: `yearCosts.${i}.amount`,
        message: "engagement.year_cost_outside",
        params: { year, first, last: last ?? "" },
      });
    seen.add(year);
  });
  const sum = totalOf(years);
  if (e.cost !== undefined && e.cost !== null && e.cost !== sum)
    findings.push({
      principle: null,
      field: "cost",
      message: "engagement.year_cost_sum",
      params: { sum, cost: e.cost },
    });
  return findings;
}
