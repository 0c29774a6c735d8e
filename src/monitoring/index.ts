export { monitoringPlugin } from "./monitoring.plugin.ts";
export { addWatchItem, recordComparison } from "./monitoring.service.ts";
