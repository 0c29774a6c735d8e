/**
 * Protection of forms the public posts without logging in: a trap field (rendered by
 * `components/Honeypot.tsx`) and a per-address rate limit for the route.
 */

/** The trap field's name: a person never sees it, a robot fills it in. */
export const TRAP_FIELD = "website";

/** Route options for a public form's POST: 10 a minute from one address. */
export const PUBLIC_FORM_LIMIT = { config: { rateLimit: { max: 10, timeWindow: "1 minute" } } };

/**
 * Splits a posted form into the trap and the real fields. A filled-in trap means a robot:
 * the caller answers as on success and stores nothing.
 */
export function readPublicForm(fields: Record<string, string>): {
  robot: boolean;
  fields: Record<string, string>;
} {
  const { [TRAP_FIELD]: trap, ...rest } = fields;
  return { robot: Boolean(trap), fields: rest };
}
