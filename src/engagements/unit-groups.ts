import { NETWORK_UNIT_TYPES, type Unit } from "../organisation/index.ts";

/** A committee or board (or a parent company) and its administrations or companies, for the form's picker. */
export interface UnitGroup {
  legend: string;
  units: [string, string][];
}

/**
 * The units an engagement can affect — administrations and companies, those that do the city's
 * international work — grouped under their committee or board. A unit right under the council (or
 * with no parent) heads a group of its own, so the parent company stands with its companies.
 */
export function affectedUnitGroups(units: Unit[], locale: string): UnitGroup[] {
  const collator = new Intl.Collator(locale);
  const byId = new Map(units.map((u) => [u.id, u]));
  const groups = new Map<string, UnitGroup>();
  for (const u of units.filter((x) => NETWORK_UNIT_TYPES.includes(x.type))) {
    const parent = u.parentId ? byId.get(u.parentId) : undefined;
    const head = parent && parent.type !== "council" ? parent : u;
    const group = groups.get(head.id) ?? { legend: head.name, units: [] };
    group.units.push([u.id, u.name]);
    groups.set(head.id, group);
  }
  const sorted = [...groups.values()].sort((a, b) => collator.compare(a.legend, b.legend));
  for (const g of sorted) g.units.sort((a, b) => collator.compare(a[1], b[1]));
  return sorted;
}
