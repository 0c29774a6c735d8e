import { listAllUnits } from "../../organisation/index.ts";
import { stockholmDate } from "../../platform/calendar/civil-date.ts";
import type { Ctx } from "../../platform/context.ts";
import { allClasses } from "../classification.store.ts";
import { getRegistries } from "../registries.service.ts";
import type { SearchChoices } from "./views/SearchForm.tsx";

/** What the search filters offer: registries, units, and classes of every scheme version (older cases keep theirs). */
export async function searchChoices(ctx: Ctx): Promise<SearchChoices> {
  const [registries, units, classes] = await Promise.all([
    getRegistries(ctx),
    listAllUnits(ctx),
    allClasses(ctx.db, ctx.config.tenantId, stockholmDate(ctx.clock.now())),
  ]);
  return {
    registries,
    units,
    classes: classes.map((c) => ({ id: c.id, code: c.code, title: `${c.title} (${c.schemeVersion})` })),
  };
}
