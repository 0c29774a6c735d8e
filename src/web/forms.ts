import type { FastifyReply, FastifyRequest } from "fastify";
import { AppError, type FieldError } from "../platform/errors.ts";

/** Shows a form page: empty, or again with the answers given and every field's error. */
export type ShowForm = (
  req: FastifyRequest,
  reply: FastifyReply,
  values: Record<string, string>,
  errors: FieldError[],
) => Promise<FastifyReply>;

/** A posted form's fields, without the CSRF token. */
export function formFields(body: unknown): Record<string, string> {
  const { _csrf, ...fields } = (body ?? {}) as Record<string, string>;
  return fields;
}

/**
 * Runs the change a form asks for. Saved: `done` (usually a 303 redirect). Invalid input (422):
 * `invalid` with every field's error, to show the form again. Any other error passes on.
 */
export async function handleForm<T>(
  change: () => Promise<T>,
  done: (saved: T) => FastifyReply | Promise<FastifyReply>,
  invalid: (errors: FieldError[]) => Promise<FastifyReply>,
): Promise<FastifyReply> {
  let saved: T;
  try {
    saved = await change();
  } catch (error) {
    if (error instanceof AppError && error.status === 422) return invalid(error.fields);
    throw error;
  }
  return done(saved);
}

/** Runs a form's change: saved, a 303 to the page `to` names; invalid, the form again with every answer kept. */
export function submitForm<T>(
  req: FastifyRequest,
  reply: FastifyReply,
  change: () => Promise<T>,
  to: (saved: T) => string,
  showAgain: (values: Record<string, string>, errors: FieldError[]) => Promise<FastifyReply>,
): Promise<FastifyReply> {
  return handleForm(
    change,
    (saved) => reply.redirect(to(saved), 303),
    (errors) => showAgain(formFields(req.body), errors),
  );
}
