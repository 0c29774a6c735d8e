import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { requireCan } from "../auth/index.ts";
import type { FieldError } from "../platform/errors.ts";
import { ErrorSummary } from "../web/components/ErrorSummary.tsx";
import { Field } from "../web/components/Field.tsx";
import { Form } from "../web/components/Form.tsx";
import { formFields, handleForm } from "../web/forms.ts";
import { Layout } from "../web/Layout.tsx";
import { sendPage, viewFor } from "../web/render.ts";
import { formatDiaryNumber } from "./diary-number.model.ts";
import { changeNumberPattern, getRegistries } from "./registries.service.ts";

/** Admins set each registry's diary-number pattern; numbers already given keep their form. */
export async function registriesRoutes(app: FastifyInstance) {
  const { ctx } = app;

  const show = async (
    req: FastifyRequest,
    reply: FastifyReply,
    failed: { id: string; value: string; errors: FieldError[] } | null,
  ) => {
    const registries = await getRegistries(ctx);
    const view = viewFor(req, reply);
    const { t } = view;
    const year = Number(ctx.clock.now().toISOString().slice(0, 4));
    return sendPage(
      reply,
      <Layout view={view} title={t("registry.list_title")} hasErrors={failed !== null}>
        {failed ? <ErrorSummary view={view} errors={failed.errors} /> : null}
        <h1 safe>{t("registry.list_title")}</h1>
        {registries.map((r) => {
          const mine = failed?.id === r.id ? failed : null;
          return (
            <section aria-labelledby={`registry-${r.id}`}>
              <h2 id={`registry-${r.id}`} safe>
                {`${r.prefix} – ${r.name}`}
              </h2>
              <p safe>
                {`${t("registry.example")}: ${formatDiaryNumber(r.numberPattern, { prefix: r.prefix, year, seq: 1, classCode: "171" })}`}
              </p>
              <Form view={view} action={`/admin/diarier/${encodeURIComponent(r.id)}`}>
                <Field
                  view={view}
                  name="numberPattern"
                  id={`numberPattern-${r.id}`}
                  label={t("registry.pattern")}
                  hint={t("registry.pattern_hint")}
                  value={mine ? mine.value : r.numberPattern}
                  errors={mine?.errors ?? []}
                />
                <button type="submit" class="button" safe>
                  {t("registry.save")}
                </button>
              </Form>
            </section>
          );
        })}
      </Layout>,
      failed ? 422 : 200,
    );
  };

  app.get("/admin/diarier", async (req, reply) => {
    requireCan(req, "registry.configure");
    return show(req, reply, null);
  });

  app.post<{ Params: { id: string } }>("/admin/diarier/:id", async (req, reply) => {
    const actor = requireCan(req, "registry.configure");
    const fields = formFields(req.body);
    return handleForm(
      () => changeNumberPattern(ctx, actor, req.params.id, fields),
      () => reply.redirect("/admin/diarier", 303),
      (fieldErrors) => {
        // Each registry's field has its own id; the errors point at it.
        const errors = fieldErrors.map((f) => ({ ...f, field: `${f.field}-${req.params.id}` }));
        return show(req, reply, { id: req.params.id, value: String(fields.numberPattern ?? ""), errors });
      },
    );
  });
}
