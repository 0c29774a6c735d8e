export { planningPlugin } from "./planning.plugin.ts";
