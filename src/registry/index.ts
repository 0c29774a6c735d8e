export { caseSubject, caseTitleFor, seesCaseInFull } from "./case-visibility.ts";
export { allowedActions, type Case, type CaseStatus } from "./cases.model.ts";
export {
  changeCaseStatusIn,
  getCase,
  getCaseByDiaryNumber,
  openCase,
  type PreparedCase,
  prepareCase,
  writePreparedCase,
} from "./cases.service.ts";
export { findCaseByDiaryNumber, toCase } from "./cases.store.ts";
export { addSchemeVersion } from "./classification.service.ts";
export { allClasses } from "./classification.store.ts";
export { SKIP_REASONS } from "./disposal.model.ts";
export { type DisposalPlan, previewDisposal, recordDecision, runDisposal } from "./disposal.service.ts";
export { checkDocumentInput, type RegistryDocument } from "./documents.model.ts";
export {
  getCaseDocuments,
  getDocument,
  getDocumentFiles,
  type PreparedDocument,
  prepareDocument,
  registerDocument,
  signOffIn,
  type UploadedFile,
  writePreparedDocument,
} from "./documents.service.ts";
export { type DueItem, dueItemsOf } from "./due-items.ts";
export { exportClosedYear } from "./e-archive.service.ts";
export { sendStoredFile } from "./file-response.ts";
export { copyRequestList, requestCopy } from "./public/copy-requests.service.ts";
export { publicCaseHref } from "./public/public-register.service.ts";
export { publicDocument } from "./public/public-view.ts";
export type { Registry } from "./registries.model.ts";
export { createRegistry, getRegistries } from "./registries.service.ts";
export { findRegistry } from "./registries.store.ts";
export { registryPlugin } from "./registry.plugin.ts";
export { reindexCase } from "./search/search-index.ts";
export { seedSecrecyGrounds } from "./secrecy-grounds.seed.ts";
export { Checkbox, FileInput } from "./views/inputs.tsx";
