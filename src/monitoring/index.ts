export { monitoringPlugin } from "./monitoring.plugin.ts";
