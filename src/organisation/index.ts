export { organisationPlugin } from "./organisation.plugin.ts";
export type { Unit, UnitType } from "./units.model.ts";
export { importUnits, listAllUnits } from "./units.service.ts";
export { countUnits, findUnit } from "./units.store.ts";
