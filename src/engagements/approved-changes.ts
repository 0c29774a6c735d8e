import { totalOf } from "./costs.ts";
import type { EngagementFields, MaterialFact } from "./engagements.model.ts";

/**
 * The rule that holds after approval (issue 20): a decision rests on the engagement's cost,
 * period, scope, counterparts and financing. Changing any of them on an approved engagement takes
 * it back to proposed, so the deciding body decides again; the change needs a reason, and both
 * are kept in the engagement's history.
 */

/** The cost the register stores: the years split by hand add up to it, or the total as given. */
export const storedCost = (e: Pick<EngagementFields, "cost" | "yearCosts">): number | null =>
  e.yearCosts.length > 0 ? totalOf(e.yearCosts) : (e.cost ?? null);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const byYear = (years: EngagementFields["yearCosts"]) =>
  [...years].sort((a, b) => a.year - b.year).map((y) => [y.year, y.amount]);

/** Which of the facts a decision rests on differ between the stored engagement and the change. */
export function materialChanges(before: EngagementFields, after: EngagementFields): MaterialFact[] {
  const changed: Record<MaterialFact, boolean> = {
    cost:
      storedCost(before) !== storedCost(after) || !same(byYear(before.yearCosts), byYear(after.yearCosts)),
    period: before.startDate !== after.startDate || (before.endDate ?? null) !== (after.endDate ?? null),
    scope:
      before.scope !== after.scope ||
      before.unitsAffected !== after.unitsAffected ||
      !same([...before.affectedUnitIds].sort(), [...after.affectedUnitIds].sort()),
    counterparts: !same(
      before.counterparts.map((c) => [c.kind, c.name, c.country]),
      after.counterparts.map((c) => [c.kind, c.name, c.country]),
    ),
    financing: !same(
      before.financing.map((f) => [f.source, f.funder ?? null, f.sharePercent]),
      after.financing.map((f) => [f.source, f.funder ?? null, f.sharePercent]),
    ),
  };
  return (Object.keys(changed) as MaterialFact[]).filter((k) => changed[k]);
}
