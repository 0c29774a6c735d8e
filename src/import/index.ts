export { analyseDocument } from "./analyse.ts";
export { importPlugin } from "./import.plugin.ts";
export { IMPORT_TYPES, organisationOf } from "./imports.service.ts";
export { SCALAR_FIELDS } from "./proposal.model.ts";
