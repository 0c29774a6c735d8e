export { type Actor, ANONYMOUS, actorLabel, type UserActor } from "./actor.ts";
export { auditBy } from "./audit-actor.ts";
export { authPlugin } from "./auth.plugin.ts";
export { clearSessionCookie, LOCALE_COOKIE, servedOverHttps, sessionCookieName } from "./cookies.ts";
export { type FailedForm, registerFormPage } from "./form-page.ts";
export { requireCan, requireUser } from "./guards.ts";
export { addRoleMapping, listRoleMappings, removeRoleMapping } from "./oidc-mappings.service.ts";
export type { OidcRoleMapping } from "./oidc-mappings.store.ts";
export { PASSWORD_MIN, passwordProblems } from "./password.ts";
export { type Action, can, type Subject } from "./policy.ts";
export { ROLES, type Role } from "./roles.ts";
export { resolveSession, revokeAllSessions, toActor } from "./sessions.service.ts";
export { createToken, resolveToken } from "./tokens.service.ts";
export { createUser } from "./users.service.ts";
export {
  countUsers,
  displayNamesOf,
  findUserById,
  findUserByUsername,
  listUsers,
  type UserRow,
} from "./users.store.ts";
export { type ActorView, actorViewFor } from "./view.ts";
export { ANONYMOUS_VIEWER, viewerOf } from "./viewer.ts";
