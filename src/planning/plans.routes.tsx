import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { actorViewFor, requireCan } from "../auth/index.ts";
import { networkUnits } from "../organisation/index.ts";
import type { FieldError } from "../platform/errors.ts";
import { NotFoundError } from "../platform/errors.ts";
import { formFields, handleForm } from "../web/forms.ts";
import { sendPage } from "../web/render.ts";
import { yearSchema } from "./plans.model.ts";
import { plansOfYear, savePlan } from "./plans.service.ts";
import { registeredCostByUnit } from "./report.service.ts";
import { PlansPage } from "./views/PlansPage.tsx";

const params = z.object({ year: z.string().max(10) });
/** The year in a path; anything else is not a page. */
export function yearOf(raw: unknown): number {
  const parsed = yearSchema.safeParse(params.safeParse(raw).data?.year);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data;
}

/** Yearly plans and their follow-up (issue 5, item 7). */
export async function plansRoutes(app: FastifyInstance) {
  const { ctx } = app;
  const show = async (
    req: FastifyRequest,
    reply: FastifyReply,
    year: number,
    values: Record<string, string>,
    errors: FieldError[],
  ) => {
    const view = actorViewFor(req, reply);
    return sendPage(
      reply,
      <PlansPage
        view={view}
        year={year}
        plans={await plansOfYear(ctx, year)}
        registered={await registeredCostByUnit(ctx, year)}
        // The form offers only the units whose plan the user keeps.
        units={(await networkUnits(ctx)).filter((u) => view.can("engagement_plan.manage", { unitId: u.id }))}
        values={values}
        errors={errors}
      />,
      errors.length > 0 ? 422 : 200,
    );
  };

  app.get("/engagemang/planer/:year", async (req, reply) => {
    requireCan(req, "followup.view");
    return show(req, reply, yearOf(req.params), {}, []);
  });

  app.post("/engagemang/planer/:year", async (req, reply) => {
    const actor = requireCan(req, "engagement_plan.manage");
    const year = yearOf(req.params);
    const values = formFields(req.body);
    return handleForm(
      () => savePlan(ctx, actor, year, values),
      () => reply.redirect(`/engagemang/planer/${year}`, 303),
      (errors) => show(req, reply, year, values, errors),
    );
  });
}
