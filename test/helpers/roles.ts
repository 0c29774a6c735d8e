import { ROLES, type Role } from "../../src/auth/roles.ts";

export type Who = Role | "anonymous";
export const EVERYONE: Who[] = ["anonymous", ...ROLES];

/** Expected answers per role; "login" means a redirect to the login form (303 to /logga-in?next=…). */
export type Expected = number | "login";

/** The same answer for everyone. */
export const forAll = (status: Expected): Record<Who, Expected> =>
  Object.fromEntries(EVERYONE.map((w) => [w, status])) as Record<Who, Expected>;

/** Signed-in roles listed get `ok`, other signed-in roles `denied`, anonymous `anon`. */
export function only(
  roles: Role[] | "signed-in",
  ok: Expected,
  denied: Expected,
  anon: Expected,
): Record<Who, Expected> {
  return Object.fromEntries(
    EVERYONE.map((w) => [
      w,
      w === "anonymous" ? anon : roles === "signed-in" || roles.includes(w) ? ok : denied,
    ]),
  ) as Record<Who, Expected>;
}
