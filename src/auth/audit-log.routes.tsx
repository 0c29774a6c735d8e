import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { distinctActions, findEvents } from "../platform/audit/audit.store.ts";
import { addCivilDays, isCivilDate } from "../platform/calendar/civil-date.ts";
import type { FieldError } from "../platform/errors.ts";
import { readForm } from "../platform/validation.ts";
import { sendPage, viewFor } from "../web/render.ts";
import { requireCan } from "./guards.ts";
import { displayNamesOf } from "./users.store.ts";
import { type AuditLogFilter, AuditLogPage } from "./views/AuditLogPage.tsx";

const PAGE = 50;
const filterSchema = z.object({
  actor: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  subjectType: z.string().trim().max(64).optional(),
  before: z.coerce.number().int().min(1).optional(),
});

/** A date filter: "" when left out, the date when it is a real one, else null. */
function dateFilter(value: unknown): string | null {
  const text = typeof value === "string" ? value : "";
  return text === "" || isCivilDate(text) ? text : null;
}

/** The audit trail for admins: newest first, filtered by who, what, which kind of record and when. */
export async function auditLogRoutes(app: FastifyInstance) {
  const { ctx } = app;
  app.get("/admin/logg", async (req, reply) => {
    requireCan(req, "audit.view");
    const query = (req.query ?? {}) as Record<string, unknown>;
    const parsed = readForm(filterSchema, query);
    const errors: FieldError[] = [...parsed.errors];
    const from = dateFilter(query.from);
    const to = dateFilter(query.to);
    if (from === null) errors.push({ field: "from", message: "validation.date" });
    if (to === null) errors.push({ field: "to", message: "validation.date" });
    const filter: AuditLogFilter = {
      ...parsed.data,
      from: from || undefined,
      to: to || undefined,
    };
    const events =
      errors.length > 0
        ? []
        : await findEvents(
            ctx.db,
            {
              tenantId: ctx.config.tenantId,
              actor: filter.actor,
              action: filter.action,
              subjectType: filter.subjectType,
              from: filter.from,
              to: filter.to ? addCivilDays(filter.to, 1) : undefined,
              beforeSeq: filter.before,
            },
            PAGE + 1,
          );
    const actions = await distinctActions(ctx.db, ctx.config.tenantId);
    return sendPage(
      reply,
      <AuditLogPage
        view={viewFor(req, reply)}
        events={events.slice(0, PAGE)}
        people={
          await displayNamesOf(
            ctx.db,
            ctx.config.tenantId,
            events.flatMap((e) => (e.actor_id ? [e.actor_id] : [])),
          )
        }
        hasMore={events.length > PAGE}
        actions={actions}
        filter={filter}
        query={query}
        errors={errors}
      />,
      errors.length > 0 ? 422 : 200,
    );
  });
}
