export { planningPlugin } from "./planning.plugin.ts";
export { savePlan } from "./plans.service.ts";
