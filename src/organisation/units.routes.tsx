import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { actorViewFor, requireCan } from "../auth/index.ts";
import type { FieldError } from "../platform/errors.ts";
import { formFields, submitForm } from "../web/forms.ts";
import { sendPage, viewFor } from "../web/render.ts";
import { unitsCsv } from "./units.csv.ts";
import type { Unit } from "./units.model.ts";
import { createUnit, getUnit, listAllUnits, updateUnit } from "./units.service.ts";
import { UnitFormPage } from "./views/UnitFormPage.tsx";
import { UnitPage } from "./views/UnitPage.tsx";
import { UnitsPage } from "./views/UnitsPage.tsx";

type Values = Record<string, string>;
const formValues = (u: Unit): Values => ({
  name: u.name,
  shortName: u.shortName ?? "",
  type: u.type,
  parentId: u.parentId ?? "",
  email: u.email ?? "",
  functionalMailbox: u.functionalMailbox ?? "",
  phone: u.phone ?? "",
  address: u.address ?? "",
  visitingAddress: u.visitingAddress ?? "",
  web: u.web ?? "",
});

export async function unitsRoutes(app: FastifyInstance) {
  const { ctx } = app;

  app.get("/organisation", async (req, reply) => {
    requireCan(req, "unit.view");
    return sendPage(reply, <UnitsPage view={actorViewFor(req, reply)} units={await listAllUnits(ctx)} />);
  });

  app.get("/organisation.csv", async (req, reply) => {
    requireCan(req, "unit.export");
    return reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", 'attachment; filename="organisation.csv"')
      .send(unitsCsv(await listAllUnits(ctx), req.t));
  });

  const showForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    unit: Unit | null,
    values: Values,
    errors: FieldError[],
  ) =>
    sendPage(
      reply,
      <UnitFormPage
        view={viewFor(req, reply)}
        unit={unit}
        units={await listAllUnits(ctx)}
        values={values}
        errors={errors}
      />,
      errors.length > 0 ? 422 : 200,
    );

  /** Runs a change; on invalid input shows the form again with every answer kept. */
  const submit = (req: FastifyRequest, reply: FastifyReply, unit: Unit | null, change: () => Promise<Unit>) =>
    submitForm(
      req,
      reply,
      change,
      (saved) => `/organisation/${encodeURIComponent(saved.id)}`,
      (values, errors) => showForm(req, reply, unit, values, errors),
    );

  app.get("/organisation/ny", async (req, reply) => {
    requireCan(req, "unit.create");
    return showForm(req, reply, null, {}, []);
  });

  app.post("/organisation/ny", async (req, reply) => {
    const actor = requireCan(req, "unit.create");
    return submit(req, reply, null, () => createUnit(ctx, actor, formFields(req.body)));
  });

  app.get<{ Params: { id: string } }>("/organisation/:id", async (req, reply) => {
    requireCan(req, "unit.view");
    const unit = await getUnit(ctx, req.params.id);
    return sendPage(
      reply,
      <UnitPage view={actorViewFor(req, reply)} unit={unit} units={await listAllUnits(ctx)} />,
    );
  });

  app.get<{ Params: { id: string } }>("/organisation/:id/andra", async (req, reply) => {
    requireCan(req, "unit.edit");
    const unit = await getUnit(ctx, req.params.id);
    return showForm(req, reply, unit, formValues(unit), []);
  });

  app.post<{ Params: { id: string } }>("/organisation/:id/andra", async (req, reply) => {
    const actor = requireCan(req, "unit.edit");
    const unit = await getUnit(ctx, req.params.id);
    return submit(req, reply, unit, () => updateUnit(ctx, actor, unit.id, formFields(req.body)));
  });
}
