import { listUsers } from "../auth/index.ts";
import { listAllUnits } from "../organisation/index.ts";
import { stockholmDate } from "../platform/calendar/civil-date.ts";
import type { Ctx } from "../platform/context.ts";
import { allClasses } from "./classification.store.ts";
import { getRegistries } from "./registries.service.ts";
import type { CaseFormData } from "./views/CaseFormPage.tsx";

/** Officers to choose from: the people who handle cases. */
const OFFICER_ROLES = new Set(["handlaggare", "registrator", "admin"]);

/** What a form that opens a case offers: registries, classes in force, units and officers. */
export async function caseFormData(ctx: Ctx): Promise<CaseFormData> {
  const [registries, classes, units, users] = await Promise.all([
    getRegistries(ctx),
    allClasses(ctx.db, ctx.config.tenantId, stockholmDate(ctx.clock.now())),
    listAllUnits(ctx),
    listUsers(ctx.db, ctx.config.tenantId),
  ]);
  const officers = users
    .filter((u) => OFFICER_ROLES.has(u.role))
    .map((u) => ({ id: u.id, name: u.display_name }));
  return { registries, classes, units, officers };
}
