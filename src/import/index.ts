export { analyseDocument } from "./analyse.ts";
export { formatScores, score } from "./evaluate.ts";
export { importPlugin } from "./import.plugin.ts";
export {
  IMPORT_TYPES,
  organisationOf,
  readImport,
  uploadForImport,
  type WaitingImport,
  waitingImports,
} from "./imports.service.ts";
export { type Proposal, SCALAR_FIELDS } from "./proposal.model.ts";
