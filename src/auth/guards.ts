import type { FastifyRequest } from "fastify";
import { ForbiddenError, UnauthenticatedError } from "../platform/errors.ts";
import type { UserActor } from "./actor.ts";
import { type Action, can, type Subject } from "./policy.ts";

/** The signed-in user, or a 401 (pages redirect to the login form). */
export function requireUser(req: FastifyRequest): UserActor {
  if (req.actor.kind !== "user") throw new UnauthenticatedError();
  return req.actor;
}

/** The signed-in user if the policy allows the action, else 401/403. */
export function requireCan(req: FastifyRequest, action: Action, subject?: Subject): UserActor {
  const actor = requireUser(req);
  if (!can(actor, action, subject)) throw new ForbiddenError();
  return actor;
}
