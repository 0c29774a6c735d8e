import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FieldError } from "../platform/errors.ts";
import { formFields, handleForm } from "../web/forms.ts";
import type { UserActor } from "./actor.ts";
import { requireCan } from "./guards.ts";
import type { Action } from "./policy.ts";

/** The form of a page that came back with errors: which one, what was typed, what is wrong. */
export interface FailedForm<F extends string> {
  form: F;
  values: Record<string, string>;
  errors: FieldError[];
}

/**
 * A page holding several small forms, each posting to its own path under the page: a saved form
 * returns to the page (303); a refused one shows the page again (422) with that form's errors.
 */
export function registerFormPage<F extends string>(
  app: FastifyInstance,
  spec: {
    path: string;
    view: Action;
    show: (req: FastifyRequest, reply: FastifyReply, failed: FailedForm<F> | null) => Promise<FastifyReply>;
    forms: {
      form: F;
      path: string;
      action: Action;
      save: (actor: UserActor, values: Record<string, string>) => Promise<unknown>;
    }[];
  },
): void {
  app.get(spec.path, async (req, reply) => {
    requireCan(req, spec.view);
    return spec.show(req, reply, null);
  });
  for (const form of spec.forms)
    app.post(`${spec.path}/${form.path}`, async (req, reply) => {
      const actor = requireCan(req, form.action);
      const values = formFields(req.body);
      return handleForm(
        () => form.save(actor, values),
        () => reply.redirect(spec.path, 303),
        (errors) => spec.show(req, reply, { form: form.form, values, errors }),
      );
    });
}
