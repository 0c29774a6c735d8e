/**
 * The work list (issue 17): what waits for one person today, gathered from each domain's own
 * queries — due items, consultations to answer or to follow up, copy requests, imports, visit
 * requests, engagements to decide or review — shown on the start page and counted beside the
 * menu entries where each is handled.
 */
export { menuCounter } from "./menu-counts.ts";
export { worklistPlugin } from "./worklist.plugin.ts";
