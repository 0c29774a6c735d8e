export { type LetterheadRequest, letterheadFor } from "./letterhead.ts";
export { organisationPlugin } from "./organisation.plugin.ts";
export { NETWORK_UNIT_TYPES, type Unit, type UnitType } from "./units.model.ts";
export { importUnits, listAllUnits, networkUnits } from "./units.service.ts";
export { countUnits, findUnit } from "./units.store.ts";
